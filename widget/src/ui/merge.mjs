// The site's scan report merged with what this page shows (observe.mjs) into one Capture for the
// core, and where each item came from. Pure: no DOM, no globals; everything comes in as arguments.
//
//   const { capture, origin } = mergeCapture({ ...observePage(globalThis, requests), scan, now: Date.now() });
//   const live = core.analyze(capture, { policy }).report;
//   itemOrigin(origin, live.items[0])   // 'live' | 'scan' | 'both'
//
// The scan (`trackscope scan --json`) saw what a page script cannot: HttpOnly cookies, cookie
// lifetimes, domains, paths and setters, other sites' cookies, other frames' storage, requests to
// sites this load has not contacted (yet), the site's well-known files. The merge:
//   - a cookie in document.cookie takes the scan's facts for the same name, if the scan's cookie is
//     one this document can see (RFC 6265bis 5.1.3 domain match, 5.1.4 path match, not HttpOnly);
//     without one, the core is told it is a host-only session cookie (a Capture cannot say "expiry
//     unknown"): origin 'live', and the view says its lifetime is not visible;
//   - what only the scan has is added (origin 'scan'): cookies, storage items (as writes in their
//     origin's frame), requests to hosts this load has not contacted, with the pixel size the scan
//     measured; the report's masked values ("•••• (36 chars)") are not values and are left out;
//   - the scan's /.well-known/gpc.json and dnt-policy.txt results, where they can be restated as
//     the Capture's `wellKnown` input (a valid gpc.json, an absent file), so the core judges the
//     site's stance with them.
// Items are named by their report id (REPORT.md, items[].id); beacons by host, since their
// requests are added per host.

const str = value => (typeof value === 'string' ? value : '');
const list = value => (Array.isArray(value) ? value : []);
const bareDomain = domain => str(domain).replace(/^\./, '');

// The report's item ids (REPORT.md, "The view model": cookie:<name>@<domain><path>,
// storage:<area>:<origin>:<key>).
export const cookieId = (name, domain, path) => `cookie:${name}@${bareDomain(domain)}${str(path) || '/'}`;
export const storageId = (area, origin, key) => `storage:${area}:${origin}:${key}`;

// A report masks identifier values as "•••• (N chars)" (or "••••" inside a URL): no value, then.
export const unmasked = value => (str(value).startsWith('••••') ? '' : str(value));

// document.cookie is "a=1; b=2"; a cookie set without "=" has an empty name and shows as its value.
export function parseCookieText(text) {
  return str(text).split('; ').filter(Boolean).map(pair => {
    const eq = pair.indexOf('=');
    return eq < 0 ? { name: '', value: pair } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
  });
}

// Would a document at `loc` ({hostname, pathname}) see the report's cookie in document.cookie?
export function visibleTo(cookie, loc) {
  if (cookie.httpOnly) return false;
  const host = loc.hostname;
  const domain = bareDomain(cookie.domain);
  if (cookie.hostOnly ? host !== domain : host !== domain && !host.endsWith(`.${domain}`)) return false;
  const path = str(cookie.path) || '/';
  const here = loc.pathname;
  return here === path || (here.startsWith(path) && (path.endsWith('/') || here[path.length] === '/'));
}

// A report cookie's facts as Capture cookie fields. The lifetime is re-based on `nowSeconds`: the
// report's expiry counts from its own scan.
export function cookieFacts(cookie, nowSeconds) {
  const facts = { domain: cookie.hostOnly ? bareDomain(cookie.domain) : `.${bareDomain(cookie.domain)}`,
                  path: str(cookie.path) || '/', hostOnly: Boolean(cookie.hostOnly),
                  httpOnly: Boolean(cookie.httpOnly), secure: Boolean(cookie.secure) };
  if (typeof cookie.sameSite === 'string') facts.sameSite = cookie.sameSite;
  if (!cookie.session) {
    if (typeof cookie.lifetimeDays === 'number') facts.expires = nowSeconds + cookie.lifetimeDays * 86400;
    else if (typeof cookie.expires === 'number') facts.expires = cookie.expires;
  }
  const setBy = cookie.setBy;
  if (setBy && (setBy.kind === 'http' || setBy.kind === 'script')) facts.setBy = { kind: setBy.kind, url: str(setBy.url) };
  return facts;
}

function scanCookies(scan) {
  return list(scan?.sites).flatMap(site => list(site?.cookies))
    .filter(c => typeof c?.name === 'string' && typeof c.domain === 'string');
}

function mergeCookies(cookieText, loc, scan, nowSeconds, items) {
  const known = scanCookies(scan);
  const matched = new Set();
  const cookies = parseCookieText(cookieText).map(({ name, value }) => {
    // The most specific path first, as the browser orders document.cookie.
    const match = known.filter(c => c.name === name && !matched.has(c) && visibleTo(c, loc))
      .sort((a, b) => str(b.path).length - str(a.path).length)[0];
    if (!match) {
      items.set(cookieId(name, loc.hostname, '/'), 'live');
      return { name, value, domain: loc.hostname };
    }
    matched.add(match);
    items.set(cookieId(name, match.domain, match.path), 'both');
    return { name, value, ...cookieFacts(match, nowSeconds) };
  });
  for (const cookie of known) {
    const id = cookieId(cookie.name, cookie.domain, cookie.path);
    if (matched.has(cookie) || items.has(id)) continue;
    items.set(id, 'scan');
    cookies.push({ name: cookie.name, value: unmasked(cookie.value), ...cookieFacts(cookie, nowSeconds) });
  }
  return cookies;
}

function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return null; // the core reports unparsable URLs
  }
}

// The scan's requests to hosts this load has not contacted, with the pixel sizes it measured.
function scanRequests(scan, liveHosts) {
  const pixels = new Map();
  for (const beacon of list(scan?.beacons)) {
    const image = beacon?.image;
    if (typeof beacon?.endpoint === 'string' && Number.isInteger(image?.width) && Number.isInteger(image?.height)) {
      pixels.set(beacon.endpoint, { width: image.width, height: image.height });
    }
  }
  const added = [];
  for (const request of list(scan?.sites).flatMap(site => list(site?.requests))) {
    if (typeof request?.url !== 'string' || typeof request.host !== 'string' || liveHosts.has(request.host)) continue;
    const r = { url: request.url };
    if (typeof request.type === 'string') r.type = request.type;
    const image = pixels.get(request.url.replace(/[?#].*$/, ''));
    if (image) r.image = image;
    added.push(r);
  }
  return added;
}

function mergeStorage(storage, loc, scan, items) {
  const events = list(storage).map(({ area, key, value }) => {
    items.set(storageId(area, loc.origin, key), 'live');
    return { kind: 'storage-write', api: `${area}.setItem`, key, value };
  });
  for (const item of list(scan?.storage)) {
    if (typeof item?.key !== 'string' || typeof item.origin !== 'string' || typeof item.area !== 'string') continue;
    const id = storageId(item.area, item.origin, item.key);
    if (items.has(id)) continue;
    items.set(id, 'scan');
    events.push({ kind: 'storage-write', api: `${item.area}.setItem`, key: item.key, value: unmasked(item.value),
                  frameUrl: `${item.origin}/` });
  }
  return events;
}

const httpStatus = value => (Number.isInteger(value) && value >= 0 && value <= 999 ? value : 0);

// The scan's well-known results as Capture `wellKnown` input, where they can be restated exactly:
// a valid gpc.json (its two fields), an absent file (its status). Anything else stays unknown.
export function wellKnownFrom(scan) {
  const out = {};
  const gpc = scan?.privacy?.gpcJson;
  if (gpc?.status === 'valid' && typeof gpc.gpc === 'boolean') {
    const body = typeof gpc.lastUpdate === 'string' ? { gpc: gpc.gpc, lastUpdate: gpc.lastUpdate } : { gpc: gpc.gpc };
    out.gpcJson = { status: httpStatus(gpc.httpStatus) || 200, body: JSON.stringify(body) };
  } else if (gpc?.status === 'absent') {
    out.gpcJson = { status: httpStatus(gpc.httpStatus), body: '' };
  }
  if (scan?.privacy?.dntPolicy?.status === 'absent') out.dntPolicy = { status: httpStatus(scan.privacy.dntPolicy.httpStatus), body: '' };
  return Object.keys(out).length ? out : null;
}

// observed: {page: {url, title}, location: {hostname, pathname, origin}, cookieText,
//            storage: [{area, key, value}], requests, mainStatus, signals: {dnt, gpc}}
// scan: the site's report (or null); now: milliseconds since the epoch.
// Returns {capture, origin: {items: Map(item id -> 'live' | 'scan' | 'both'), liveHosts: Set}}.
export function mergeCapture({ page, location: loc, cookieText = '', storage = [], requests = [], mainStatus, signals, scan = null, now }) {
  const items = new Map();
  const liveHosts = new Set([loc.hostname]);
  const cookies = mergeCookies(cookieText, loc, scan, now / 1000, items);
  const main = { url: page.url, type: 'main_frame' };
  if (mainStatus > 0) main.status = mainStatus;
  for (const request of requests) liveHosts.add(hostOf(request.url));
  liveHosts.delete(null);
  const capture = {
    version: 1,
    page: { url: page.url, title: str(page.title), capturedAt: new Date(now).toISOString() },
    // What this visitor's browser sends; the core compares it with the site's stance.
    signals: { dnt: Boolean(signals?.dnt), gpc: Boolean(signals?.gpc) },
    requests: [main, ...requests, ...scanRequests(scan, liveHosts)],
    cookies,
    events: mergeStorage(storage, loc, scan, items),
  };
  const wellKnown = wellKnownFrom(scan);
  if (wellKnown) capture.wellKnown = wellKnown;
  return { capture, origin: { items, liveHosts } };
}

// Where a report item came from: a beacon by its host (requests to hosts this load contacted are
// live), cookies and storage by id; 'live' when the merge did not add it.
export function itemOrigin(origin, item) {
  if (!origin) return 'scan';
  if (item.kind === 'beacon') return origin.liveHosts.has(item.host) ? 'live' : 'scan';
  return origin.items.get(item.id) ?? 'live';
}

// A site is live when this load contacted one of its hosts.
export function siteOrigin(origin, hosts) {
  if (!origin) return 'scan';
  return list(hosts).some(h => origin.liveHosts.has(h)) ? 'live' : 'scan';
}

// When this browser's view leaves an item unclassified (purpose "unclassified") but the site's
// last scan — which saw more: filter lists, request bodies, response headers — classified the
// item with the same id under the same policy (same policy id, and the scan's category is one of
// the live policy's), the scan's verdict stands: purpose, confidence, category, tracking and the
// decisive evidence. The scan's findings about that item replace the live ones, except
// before-consent findings (the scan's visitor had consented to nothing; this one may have).
// Pure: returns {report: a shallow copy of `live` with those items and findings, adopted:
// Map(item id -> the scan's item)}; `live` is not changed.
export function adoptScanVerdicts(live, scan) {
  const adopted = new Map();
  if (!scan || str(scan.policy?.id) !== str(live.policy?.id)) return { report: live, adopted };
  const categories = new Set(list(live.policy?.categories).map(c => c.id));
  const scanItems = new Map(list(scan.items).map(i => [i?.id, i]));
  const items = list(live.items).map(item => {
    const s = scanItems.get(item.id);
    if (item.purpose !== 'unclassified' || !s || typeof s.purpose !== 'string' || s.purpose === 'unclassified' ||
        !categories.has(s.category)) return item;
    adopted.set(item.id, s);
    return { ...item, purpose: s.purpose, confidence: s.confidence, category: s.category, tracking: Boolean(s.tracking),
             evidence: str(s.evidence) };
  });
  if (!adopted.size) return { report: live, adopted };
  const findings = [
    ...list(live.findings).filter(f => !adopted.has(f?.itemId)),
    ...list(scan.findings).filter(f => adopted.has(f?.itemId) && f.kind !== 'before-consent'),
  ];
  return { report: { ...live, items, findings }, adopted };
}
