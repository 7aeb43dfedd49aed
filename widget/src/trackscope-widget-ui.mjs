// trackscope widget, part 2 (ES module): analysis and rendering, imported by the loader
// (trackscope-widget.js) on first open, or when a declaration table is shown. It turns what the
// page shows (resource timing entries, document.cookie, web storage) and the site's scan report
// into a Capture, has the core classify it under the owner's policy, and renders the result:
//
//   panel mode   a modal dialog next to the loader's button: findings against the declaration,
//                the visitor's DNT/GPC signals and the site's stance, items by policy category
//                (purpose, lifetime, provider, evidence), third-party sites
//   table mode   one accessible <table> per category in the owner's element (Cookiebot-style)
//
// Everything from the page, the policy file or a report (cookie names and values, URLs, labels,
// declared names, evidence) is rendered with createElement/textContent: text, never markup.
// The module sets no cookies or storage and fetches only the core and the two owner files.

const TITLE = 'Cookies and trackers on this page';
const LAUNCHER_LABEL = 'Cookies & trackers';
const MAX_STORAGE_KEYS = 200;  // per storage area
const MAX_VALUE = 1024;        // characters of a storage value given to the core
const POLL_MS = 1000;          // cookie and storage writes fire no event in the writing document

// Shared by the widget instances of a page (a panel and a table): one core per core URL, one fetch
// per owner file. A failed core load is dropped so that the next open can retry it.
const sharedCores = new Map();
const sharedFiles = new Map();
function shared(map, key, load) {
  if (!map.has(key)) {
    const promise = load();
    map.set(key, promise);
    promise.catch(() => { if (map.get(key) === promise) map.delete(key); });
  }
  return map.get(key);
}

// One call per widget instance (a page may have a panel and a table): all state lives in here.
//   env: {mode, target, script, coreUrl, policyUrl, reportUrl, requests (live array),
//         onResources(fn), warnOnce(message, ...), panel: {host, shadow, root, launcher, badge}}
// Returns the renderer; in panel mode its toggle() opens and closes the dialog.
export function start(env) {
  const { mode: MODE, target: TARGET, script, coreUrl: CORE_URL, policyUrl: POLICY_URL, reportUrl: REPORT_URL,
          requests, warnOnce } = env;

  // document.cookie is "a=1; b=2"; a cookie set without "=" has an empty name and shows as its value.
  function readCookies(text) {
    return text.split('; ').filter(Boolean).map(pair => {
      const eq = pair.indexOf('=');
      return eq < 0 ? { name: '', value: pair } : { name: pair.slice(0, eq), value: pair.slice(eq + 1) };
    });
  }

  // The page's own localStorage / sessionStorage items, read (never written) when analysing.
  // Access throws where storage is disabled (sandboxed frames, some privacy settings).
  function storageAreas() {
    const areas = [];
    for (const name of ['localStorage', 'sessionStorage']) {
      try {
        const store = window[name];
        if (store) areas.push([name, store]);
      } catch { /* storage disabled: nothing to show */ }
    }
    return areas;
  }

  function readStorage() {
    const items = [];
    for (const [area, store] of storageAreas()) {
      try {
        const n = Math.min(store.length, MAX_STORAGE_KEYS);
        for (let i = 0; i < n; i++) {
          const key = store.key(i);
          if (key !== null) items.push({ area, key, value: (store.getItem(key) ?? '').slice(0, MAX_VALUE) });
        }
      } catch { /* a store revoked while reading */ }
    }
    return items;
  }

  // Cheap change detection for polling: cookie string plus the storage keys.
  function pageStateSignature() {
    let signature = document.cookie;
    for (const [area, store] of storageAreas()) {
      try {
        signature += `\u0000${area}:${store.length}`;
        for (let i = 0; i < Math.min(store.length, MAX_STORAGE_KEYS); i++) signature += `\u0001${store.key(i)}`;
      } catch { /* ignore */ }
    }
    return signature;
  }

  // Natural sizes of the document's images: what tells a 1x1 tracking pixel from a picture.
  function imageSizes() {
    const sizes = new Map();
    for (const img of document.images) {
      if (img.complete && img.naturalWidth > 0) {
        sizes.set(img.currentSrc || img.src, { width: img.naturalWidth, height: img.naturalHeight });
      }
    }
    return sizes;
  }

  const str = value => (typeof value === 'string' ? value : '');
  const domainOf = domain => str(domain).replace(/^\./, '');
  const cookieKey = (name, domain, path) => `${name}\u0000${domainOf(domain)}\u0000${path || '/'}`;
  const storageKey = (area, origin, key) => `${area}\u0000${origin}\u0000${key}`;

  // Would this document's document.cookie include the report's cookie? (RFC 6265bis 5.1.3 domain
  // match, 5.1.4 path match; HttpOnly cookies are hidden from scripts.)
  function visibleHere(cookie) {
    if (cookie.httpOnly) return false;
    const host = location.hostname;
    const domain = domainOf(cookie.domain);
    if (cookie.hostOnly ? host !== domain : host !== domain && !host.endsWith(`.${domain}`)) return false;
    const path = str(cookie.path) || '/';
    const here = location.pathname;
    return here === path || (here.startsWith(path) && (path.endsWith('/') || here[path.length] === '/'));
  }

  // The facts a report knows about a cookie, as Capture fields. Lifetimes are re-based on now: the
  // report's expiry is counted from its own scan.
  function captureFacts(cookie, nowSeconds) {
    const facts = { domain: cookie.hostOnly ? domainOf(cookie.domain) : `.${domainOf(cookie.domain)}`,
                    path: str(cookie.path) || '/', hostOnly: Boolean(cookie.hostOnly),
                    httpOnly: Boolean(cookie.httpOnly), secure: Boolean(cookie.secure) };
    if (typeof cookie.sameSite === 'string') facts.sameSite = cookie.sameSite;
    if (!cookie.session) {
      if (typeof cookie.lifetimeDays === 'number') facts.expires = nowSeconds + cookie.lifetimeDays * 86400;
      else if (typeof cookie.expires === 'number') facts.expires = cookie.expires;
    }
    const setBy = cookie.setBy;
    if (setBy && ['http', 'script'].includes(setBy.kind)) facts.setBy = { kind: setBy.kind, url: str(setBy.url) };
    return facts;
  }

  // The capture of what this page shows now, merged with a precomputed report: a live cookie takes
  // the report's facts (domain, path, lifetime, setter) for the same (name, domain, path); what only
  // the report has (HttpOnly cookies, third-party cookies, other frames' storage, sites this load has
  // not contacted) is added and remembered in `origin` so the panel can say where it came from.
  function buildCapture(scan) {
    const now = Date.now();
    const nowSeconds = now / 1000;
    const origin = { cookies: new Map(), storage: new Map(), liveHosts: new Set([location.hostname]) };
    const scanCookies = [];
    for (const site of Array.isArray(scan?.sites) ? scan.sites : []) {
      for (const cookie of Array.isArray(site.cookies) ? site.cookies : []) {
        if (typeof cookie?.name === 'string' && typeof cookie.domain === 'string') scanCookies.push(cookie);
      }
    }
    const matched = new Set();
    const cookies = readCookies(document.cookie).map(({ name, value }) => {
      // The most specific path first, as the browser orders document.cookie.
      const match = scanCookies.filter(c => c.name === name && !matched.has(c) && visibleHere(c))
        .sort((a, b) => str(b.path).length - str(a.path).length)[0];
      if (!match) {
        // Host-only and session as far as the core is told: a script sees no domain, path or expiry.
        origin.cookies.set(cookieKey(name, location.hostname, '/'), 'live');
        return { name, value, domain: location.hostname };
      }
      matched.add(match);
      origin.cookies.set(cookieKey(name, match.domain, match.path), 'both');
      return { name, value, ...captureFacts(match, nowSeconds) };
    });
    for (const cookie of scanCookies) {
      if (matched.has(cookie)) continue;
      const key = cookieKey(cookie.name, cookie.domain, cookie.path);
      if (origin.cookies.has(key)) continue;
      origin.cookies.set(key, 'scan');
      cookies.push({ name: cookie.name, value: str(cookie.value), ...captureFacts(cookie, nowSeconds) });
    }

    const sizes = imageSizes();
    const main = { url: location.href, type: 'main_frame' };
    const navigation = performance.getEntriesByType('navigation')[0];
    if (navigation?.responseStatus > 0) main.status = navigation.responseStatus;
    const captured = [main];
    for (const request of requests) {
      try {
        origin.liveHosts.add(new URL(request.url).hostname);
      } catch { /* the core reports unparsable URLs */ }
      const size = sizes.get(request.url);
      captured.push(size ? { ...request, image: size } : request);
    }
    // Requests to hosts this load has not contacted, with the pixel sizes the scan measured.
    const scanPixels = new Map();
    for (const beacon of Array.isArray(scan?.beacons) ? scan.beacons : []) {
      if (beacon?.image && typeof beacon.endpoint === 'string') scanPixels.set(beacon.endpoint, beacon.image);
    }
    for (const site of Array.isArray(scan?.sites) ? scan.sites : []) {
      for (const request of Array.isArray(site.requests) ? site.requests : []) {
        if (typeof request?.url !== 'string' || typeof request.host !== 'string' || origin.liveHosts.has(request.host)) continue;
        const added = { url: request.url };
        if (typeof request.type === 'string') added.type = request.type;
        const image = scanPixels.get(request.url.replace(/[?#].*$/, ''));
        if (image && Number.isInteger(image.width) && Number.isInteger(image.height)) added.image = image;
        captured.push(added);
      }
    }

    const events = readStorage().map(({ area, key, value }) => {
      origin.storage.set(storageKey(area, location.origin, key), 'live');
      return { kind: 'storage-write', api: `${area}.setItem`, key, value };
    });
    for (const item of Array.isArray(scan?.storage) ? scan.storage : []) {
      if (typeof item?.key !== 'string' || typeof item.origin !== 'string' || typeof item.area !== 'string') continue;
      const key = storageKey(item.area, item.origin, item.key);
      if (origin.storage.has(key)) continue;
      origin.storage.set(key, 'scan');
      // Reports mask identifier values ("•••• (36 chars)"): pass no value rather than the mask.
      const value = str(item.value).startsWith('•') ? '' : str(item.value);
      events.push({ kind: 'storage-write', api: `${item.area}.setItem`, key: item.key, value, frameUrl: `${item.origin}/` });
    }

    return {
      capture: {
        version: 1,
        page: { url: location.href, title: document.title, capturedAt: new Date(now).toISOString() },
        // What this visitor's browser sends; the core compares it with the site's stance.
        signals: { dnt: navigator.doNotTrack === '1', gpc: navigator.globalPrivacyControl === true },
        requests: captured,
        cookies,
        events,
      },
      origin,
    };
  }

  // ---- Loading: the core on first open; the policy and report files next to it. ----

  // A CSP without 'wasm-unsafe-eval' (or 'unsafe-eval') forbids compiling WebAssembly. Compiling
  // the smallest module (8 bytes: magic + version) tells before the core (a megabyte) is fetched.
  function wasmAllowed() {
    try {
      new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
      return true;
    } catch {
      return false;
    }
  }

  function coreError(reason, message) {
    return Object.assign(new Error(message), { reason });
  }

  function loadCore() {
    return shared(sharedCores, CORE_URL, async () => {
      if (typeof WebAssembly !== 'object') throw coreError('unsupported', 'this browser does not run WebAssembly');
      if (!wasmAllowed()) {
        throw coreError('csp', "the page's Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to script-src");
      }
      const module = await import(CORE_URL);
      return module.createCore({ filters: false });
    });
  }

  // The owner's files: same origin as the page, no cookies sent, the browser's cache allowed.
  function fetchJson(url, what) {
    return shared(sharedFiles, url, () => fetchJsonOnce(url, what));
  }

  async function fetchJsonOnce(url, what) {
    let response;
    try {
      response = await fetch(url, { credentials: 'omit', mode: 'same-origin' });
    } catch (err) {
      throw new Error(`the ${what} ${url} could not be fetched (${err.message}); it must be served from this page's origin`);
    }
    if (!response.ok) throw new Error(`the ${what} ${url} could not be loaded (HTTP ${response.status})`);
    const text = await response.text();
    try {
      return { json: JSON.parse(text), lastModified: response.headers.get('last-modified') };
    } catch (err) {
      throw new Error(`the ${what} ${url} is not valid JSON (${err.message})`);
    }
  }

  const state = {
    core: null,
    coreFailure: null,   // Error with reason: 'csp' | 'unsupported' | undefined
    policyDoc: undefined, // the owner's policy as fetched, until checked
    policy: null,         // the owner's policy once the core accepted it
    policyNotice: null,
    scan: null,           // the precomputed report
    scanDate: null,
    scanNotice: null,
  };
  let coreReady = null;
  let filesReady = null;

  function ensureCore({ retry = false } = {}) {
    // A failed load stays failed until the panel is opened again (live updates must not turn a
    // network error into a request loop); a CSP block stays blocked.
    if (coreReady && !(retry && state.coreFailure && state.coreFailure.reason !== 'csp')) return coreReady;
    state.coreFailure = null;
    coreReady = loadCore().then(core => {
      state.core = core;
      if (state.policyDoc !== undefined) checkPolicy();
    }, err => {
      state.coreFailure = err;
      if (err.reason) warnOnce(`live analysis is unavailable: ${err.message}`);
      else warnOnce(`live analysis is unavailable: ${err.message}`, err);
    });
    return coreReady;
  }

  function checkPolicy() {
    const checked = state.core.validatePolicy(state.policyDoc);
    if (checked.ok) {
      state.policy = state.policyDoc;
    } else {
      state.policyNotice = `the policy file ${POLICY_URL} is not valid (${checked.error.path}: ${checked.error.message})`;
      warnOnce(state.policyNotice);
    }
    state.policyDoc = undefined;
  }

  function acceptReport({ json, lastModified }) {
    if (json?.format !== 'trackscope-report' || json.version !== 2 || !Array.isArray(json.sites)) {
      throw new Error(`the scan report ${REPORT_URL} is not a trackscope report (format "trackscope-report", version 1)`);
    }
    state.scan = json;
    const date = new Date(json.page?.capturedAt ?? lastModified ?? NaN);
    state.scanDate = Number.isNaN(date.getTime()) ? null : date;
  }

  function ensureFiles() {
    filesReady ??= Promise.all([
      POLICY_URL && fetchJson(POLICY_URL, 'policy file').then(({ json }) => {
        state.policyDoc = json;
        if (state.core) checkPolicy();
      }, err => {
        state.policyNotice = err.message;
        warnOnce(err.message);
      }),
      REPORT_URL && fetchJson(REPORT_URL, 'scan report').then(acceptReport).catch(err => {
        state.scanNotice = err.message;
        warnOnce(err.message);
      }),
    ]);
    return filesReady;
  }

  // ---- Analysis -> view model (plain data both renderers use) ----

  const PURPOSES = {
    necessary: 'Necessary', functional: 'Functional', analytics: 'Analytics', advertising: 'Advertising',
    social: 'Social media', unclassified: 'Unclassified',
  };
  const STANCES = {
    dnt: { honoured: 'says it honours it', 'not-honoured': 'says it does not respond to it', 'not-stated': 'states no stance on it' },
    gpc: { honoured: 'says it honours it', 'not-honoured': 'says it does not honour it', 'not-stated': 'states no stance on it' },
  };
  const STANCE_SOURCES = {
    declaration: 'its cookie declaration', 'gpc.json': 'its /.well-known/gpc.json', 'dnt-policy.txt': "EFF's DNT policy on the site",
    tk: 'its Tk response header',
  };
  const POLICY_STANCES = { honoured: 'honours it', 'not-honoured': 'does not honour it' };
  const SIGNAL_NAMES = { gpc: 'Global Privacy Control', dnt: 'Do Not Track' };

  const plural = (n, word, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

  function confidenceText(confidence) {
    if (typeof confidence !== 'number') return null;
    if (confidence >= 0.8) return 'high';
    if (confidence >= 0.5) return 'medium';
    return 'low';
  }

  function hostAndPath(url) {
    try {
      const u = new URL(url);
      return u.host + (u.pathname === '/' ? '' : u.pathname);
    } catch {
      return str(url);
    }
  }

  const clip = (text, n) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

  // view: {mode: 'live'|'scan', notices, categories: [{id, label, description, items}],
  //        thirdParties, findings, signals, fingerprinting, counts, scanDate, hasScan}
  function buildView(report, { origin = null, notices = [], fallback = false } = {}) {
    const fromScan = source => !fallback && source === 'scan';
    const categories = (Array.isArray(report.policy?.categories) ? report.policy.categories : [])
      .map(c => ({ id: str(c.id), label: str(c.label) || str(c.id), description: str(c.description), items: [] }));
    const byId = new Map(categories.map(c => [c.id, c]));
    function place(item, id) {
      let category = byId.get(id);
      if (!category) {
        category = { id: '', label: 'Not categorised', description: 'Items the policy gives no category.', items: [] };
        byId.set(id, category);
        categories.push(category);
      }
      category.items.push(item);
    }
    const tracked = new Map(); // site -> category ids of its items, for the third-party list
    const evidenceOf = x => (Array.isArray(x?.evidence) ? x.evidence : []).map(e => str(e?.text)).filter(Boolean);

    // When this browser's view leaves an item unclassified but the site's last scan — which saw
    // more: filter lists, request bodies, response headers — classified the same item under the
    // same policy, the scan's verdict is the better one: show it, say so, and take the scan's
    // declaration findings for that item instead of the live ones.
    const scan = !fallback && state.scan && str(state.scan.policy?.id) === str(report.policy?.id) ? state.scan : null;
    const scanCookies = new Map();
    const scanBeacons = new Map();
    for (const site of Array.isArray(scan?.sites) ? scan.sites : []) {
      for (const c of Array.isArray(site?.cookies) ? site.cookies : []) scanCookies.set(cookieKey(str(c.name), c.domain, c.path), c);
    }
    for (const b of Array.isArray(scan?.beacons) ? scan.beacons : []) scanBeacons.set(hostAndPath(b?.endpoint || b?.url), b);
    const adopted = []; // findings refs {itemKind, item, site}
    function adoptScanVerdict(item, live, scanned, ref) {
      if (!scanned || live.purpose !== 'unclassified' || !scanned.purpose || scanned.purpose === 'unclassified' ||
          !byId.has(str(scanned.category))) return;
      item.purpose = PURPOSES[scanned.purpose] ?? str(scanned.purpose);
      item.confidence = confidenceText(scanned.confidence);
      item.evidenceLead = `Classified by ${scanLabel()}, which saw more than a page script can:`;
      item.evidence = evidenceOf(scanned);
      item.category = str(scanned.category);
      adopted.push(ref);
    }
    const refersTo = (f, ref) => f?.itemKind === ref.itemKind && f.item === ref.item && (!ref.site || f.site === ref.site);

    const sites = Array.isArray(report.sites) ? report.sites : [];
    for (const site of sites) {
      for (const c of Array.isArray(site.cookies) ? site.cookies : []) {
        const key = cookieKey(str(c.name), c.domain, c.path);
        const source = fallback ? 'scan' : origin?.cookies.get(key) ?? 'live';
        const scriptOnly = source === 'live';
        let lifetime;
        if (scriptOnly) lifetime = 'Unknown (not visible to scripts)';
        else if (c.session) lifetime = 'Session';
        else if (typeof c.lifetimeDays === 'number') lifetime = str(c.lifetime);  // the core's wording
        else lifetime = 'Persistent';
        const flags = [];
        if (!scriptOnly) {
          if (c.httpOnly) flags.push('HttpOnly');
          if (c.secure) flags.push('Secure');
          if (c.sameSite && c.sameSite !== 'unspecified') flags.push(`SameSite=${c.sameSite}`);
          if (c.partitioned) flags.push('Partitioned');
        }
        const setBy = c.setBy?.kind === 'http' ? `HTTP response ${hostAndPath(c.setBy.url)}`
          : c.setBy?.kind === 'script' ? (c.setBy.url ? `script ${hostAndPath(c.setBy.url)}` : 'an inline script') : null;
        const facts = [];
        if (!scriptOnly) {
          const path = str(c.path) || '/';
          facts.push(['Domain', `${domainOf(c.domain)}${c.hostOnly ? '' : ' and its subdomains'}${path === '/' ? '' : `, path ${path}`}`]);
        }
        if (setBy) facts.push(['Set by', setBy]);
        if (flags.length) facts.push(['Flags', flags.join(', ')]);
        if (source === 'both' && !c.session) facts.push(['Lifetime', `${lifetime}, as seen by ${scanLabel()}`]);
        if (source !== 'scan' && typeof c.value === 'string') facts.push(['Value in your browser', clip(c.value, 120) || '(empty)', 'mono']);
        const item = {
          key: `cookie\u0000${key}`, kind: 'cookie', name: str(c.name) || '(no name)',
          type: c.party === 'third' ? 'Third-party cookie' : 'Cookie',
          provider: str(c.vendor) || (c.party === 'first' ? `${site.site} (this site)` : str(site.site)),
          purpose: PURPOSES[c.purpose] ?? str(c.purpose), confidence: confidenceText(c.confidence),
          lifetime, evidence: evidenceOf(c),
          facts, fromScan: fromScan(source), category: str(c.category),
        };
        adoptScanVerdict(item, c, scanCookies.get(key), { itemKind: 'cookie', item: str(c.name), site: str(site.site) });
        place(item, item.category);
        if (site.party === 'third') (tracked.get(site.site) ?? tracked.set(site.site, new Set()).get(site.site)).add(item.category);
      }
    }

    for (const s of Array.isArray(report.storage) ? report.storage : []) {
      const source = fallback ? 'scan' : origin?.storage.get(storageKey(str(s.area), str(s.origin), str(s.key))) ?? 'live';
      const facts = [['Origin', str(s.origin)]];
      if (source !== 'scan' && typeof s.value === 'string') facts.push(['Value in your browser', clip(s.value, 120) || '(empty)', 'mono']);
      if (s.identifier) facts.push(['Holds', `an identifier (${s.identifierBits} bits)`]);
      place({
        key: `storage\u0000${s.area}\u0000${s.origin}\u0000${s.key}`, kind: 'storage', name: str(s.key) || '(no name)',
        type: s.area === 'sessionStorage' ? 'Session storage' : 'Local storage',
        provider: str(s.vendor) || (s.party === 'first' ? `${str(s.host)} (this site)` : str(s.host)),
        purpose: PURPOSES[s.purpose] ?? str(s.purpose), confidence: confidenceText(s.confidence),
        lifetime: s.area === 'sessionStorage' ? 'Until the tab closes' : 'No expiry',
        evidence: evidenceOf(s),
        facts, fromScan: fromScan(source), category: str(s.category),
      }, str(s.category));
    }

    const liveHosts = origin?.liveHosts;
    for (const b of Array.isArray(report.beacons) ? report.beacons : []) {
      const source = fallback ? 'scan' : !liveHosts || liveHosts.has(b.host) ? 'live' : 'scan';
      const facts = [['Sent to', hostAndPath(b.endpoint || b.url)]];
      if (b.pixel?.name) facts.push(['Recognised as', str(b.pixel.name)]);
      const ids = (Array.isArray(b.identifiers) ? b.identifiers : []).map(id => `${str(id.param)}${id.meaning ? ` (${str(id.meaning)})` : ''}`);
      if (ids.length) facts.push(['Carries', ids.join(', ')]);
      const item = {
        key: `beacon\u0000${b.kind}\u0000${b.host}\u0000${hostAndPath(b.endpoint || b.url)}`, kind: 'beacon',
        name: hostAndPath(b.endpoint || b.url), type: b.kind === 'sendBeacon' ? 'Beacon' : b.type === 'image' ? 'Tracking pixel' : 'Beacon',
        provider: str(b.vendor) || (b.party === 'first' ? `${str(b.site)} (this site)` : str(b.site)),
        purpose: PURPOSES[b.purpose] ?? str(b.purpose), confidence: confidenceText(b.confidence),
        lifetime: 'Not stored', evidence: evidenceOf(b),
        facts, fromScan: fromScan(source), category: str(b.category),
      };
      adoptScanVerdict(item, b, scanBeacons.get(item.name), { itemKind: 'beacon', item: item.name });
      place(item, item.category);
      if (b.party === 'third') (tracked.get(b.site) ?? tracked.set(b.site, new Set()).get(b.site)).add(item.category);
    }

    const labelOf = id => byId.get(id)?.label ?? id;
    const thirdParties = sites.filter(s => s.party === 'third').map(s => {
      const vendors = new Set((Array.isArray(s.vendors) ? s.vendors : []).map(v => str(v?.name)).filter(Boolean));
      const reqs = Array.isArray(s.requests) ? s.requests : [];
      for (const r of reqs) if (r?.vendor) vendors.add(str(r.vendor));
      const hosts = (Array.isArray(s.hosts) ? s.hosts : []).map(str);
      const source = fallback ? 'scan' : !liveHosts || hosts.some(h => liveHosts.has(h)) ? 'live' : 'scan';
      return {
        key: `site\u0000${s.site}`, site: str(s.site), vendors: [...vendors], hosts, requests: reqs.length,
        types: [...new Set(reqs.map(r => TYPE_WORDS[r.type] ?? str(r.type)))],
        categories: [...(tracked.get(s.site) ?? [])].map(labelOf), fromScan: fromScan(source),
      };
    });

    const signals = {};
    for (const sig of ['gpc', 'dnt']) {
      const privacy = report.privacy?.[sig];
      const sources = (Array.isArray(privacy?.sources) ? privacy.sources : []).map(s => ({ source: str(s.source), stance: str(s.stance) }));
      // The scan fetched the site's well-known files, which a page script does not: add its findings.
      if (!fallback) {
        for (const s of Array.isArray(state.scan?.privacy?.[sig]?.sources) ? state.scan.privacy[sig].sources : []) {
          if (s.source !== 'policy' && !sources.some(x => x.source === s.source)) sources.push({ source: str(s.source), stance: str(s.stance) });
        }
      }
      let stance = sources.some(s => s.stance === 'honoured') ? 'honoured'
        : sources.some(s => s.stance === 'not-honoured') ? 'not-honoured' : null;
      // The site's stance comes from its own material only; the selected policy's is said apart.
      stance ??= str(privacy?.declared) || 'not-stated';
      signals[sig] = {
        sent: sig === 'gpc' ? navigator.globalPrivacyControl === true : navigator.doNotTrack === '1',
        stance, sources: sources.filter(s => s.stance === stance).map(s => STANCE_SOURCES[s.source] ?? s.source),
        policyStance: str(privacy?.policyStance) || 'not-stated',
      };
    }

    const severityOrder = { error: 0, warning: 1, info: 2 };
    const liveFindings = (Array.isArray(report.findings) ? report.findings : []).filter(f => !adopted.some(ref => refersTo(f, ref)));
    // Not the scan's before-consent findings: its visitor had consented to nothing, this one may have.
    const scanFindings = (Array.isArray(scan?.findings) ? scan.findings : [])
      .filter(f => f?.kind !== 'before-consent' && adopted.some(ref => refersTo(f, ref)));
    const findings = [...liveFindings, ...scanFindings]
      .map(f => ({ severity: severityOrder[f?.severity] === undefined ? 'info' : f.severity, message: str(f?.message), kind: str(f?.kind) }))
      .filter(f => f.message)
      .sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity]);

    const fingerprinting = (Array.isArray(report.fingerprinting) ? report.fingerprinting : [])
      .filter(f => f && f.verdict !== 'none')
      .map(f => ({ script: hostAndPath(f.scriptUrl) || 'an inline script', vendor: str(f.vendor), verdict: str(f.verdict),
                   evidence: (Array.isArray(f.evidence) ? f.evidence : []).map(str).filter(Boolean) }));

    const items = categories.flatMap(c => c.items);
    return {
      mode: fallback ? 'scan' : 'live', notices, categories, thirdParties, findings, signals, fingerprinting,
      scanDate: state.scanDate, hasScan: Boolean(state.scan),
      counts: {
        cookies: items.filter(i => i.kind === 'cookie').length,
        storage: items.filter(i => i.kind === 'storage').length,
        beacons: items.filter(i => i.kind === 'beacon').length,
        thirdParties: thirdParties.length,
      },
    };
  }

  const TYPE_WORDS = { main_frame: 'page', sub_frame: 'frame', xmlhttprequest: 'fetch', ping: 'beacon', stylesheet: 'style' };

  function scanLabel() {
    return state.scanDate ? `the site's last scan (${formatDate(state.scanDate)})` : "the site's last scan";
  }

  function formatDate(date) {
    try {
      return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
    } catch {
      return date.toISOString().slice(0, 10);
    }
  }

  // Notices for the site owner (shown to everyone: a visitor should know what the list is based on).
  function ownerNotices() {
    const notices = [];
    if (state.policyNotice) notices.push({ level: 'warning', text: `Note for the site owner: ${state.policyNotice}. The categories below are trackscope's defaults.` });
    if (state.scanNotice) notices.push({ level: 'warning', text: `Note for the site owner: ${state.scanNotice}.` });
    return notices;
  }

  // Returns {view} or {message}: what to show now.
  function computeView() {
    const notices = ownerNotices();
    if (!state.core) {
      const failure = state.coreFailure;
      const reason = failure?.reason === 'csp' ? "Live analysis is blocked by this page's Content-Security-Policy"
        : failure?.reason === 'unsupported' ? 'Live analysis needs WebAssembly, which this browser does not run'
          : 'Live analysis is unavailable: the analyser could not be loaded';
      if (state.scan) {
        notices.unshift({ level: 'info', text: `${reason}; showing ${scanLabel()}.`, id: 'fallback' });
        return { view: buildView(state.scan, { notices, fallback: true }) };
      }
      return { message: `${reason}, and the site provides no scan to show instead.`, notices };
    }
    const { capture, origin } = buildCapture(state.scan);
    let result;
    try {
      result = state.core.analyze(capture, state.policy ? { policy: state.policy } : {});
    } catch (err) {
      result = { ok: false, error: { path: '$', message: String(err?.message ?? err) } };
    }
    if (result.ok) return { view: buildView(result.report, { origin, notices }) };
    warnOnce(`this page could not be analysed (${result.error.path}: ${result.error.message})`);
    if (state.scan) {
      notices.unshift({ level: 'info', text: `This page could not be analysed live; showing ${scanLabel()}.`, id: 'fallback' });
      return { view: buildView(state.scan, { notices, fallback: true }) };
    }
    return { message: `This page could not be analysed (${result.error.path}: ${result.error.message}).`, notices };
  }

  // ---- Controller: when to analyse ----

  let active = false;    // panel open / table started
  let pending = 0;
  let lastSignature = null;
  let poll = 0;
  let running = null;

  // Coalesce bursts of resource entries and cookie writes into one analysis.
  function scheduleAnalysis() {
    if (!active || pending) return;
    pending = setTimeout(() => {
      pending = 0;
      analyse();
    }, 150);
  }

  async function analyse() {
    if (running) return running.then(scheduleAnalysis);
    running = (async () => {
      await Promise.all([ensureCore(), ensureFiles()]);
      if (!active) return;
      lastSignature = pageStateSignature();
      try {
        const { view, message, notices } = computeView();
        if (view) ui.render(view);
        else ui.showMessage(message, notices);
      } catch (err) {
        // A report of an unexpected shape, say: say so rather than spin.
        warnOnce('this page could not be shown:', err);
        ui.showMessage(`This page could not be analysed (${err?.message ?? err}).`);
      }
    })();
    try {
      await running;
    } finally {
      running = null;
    }
  }

  function activate() {
    if (active) return;
    active = true;
    ensureCore({ retry: true });
    poll = setInterval(() => {
      if (pageStateSignature() !== lastSignature) scheduleAnalysis();
    }, POLL_MS);
    analyse();
  }

  function deactivate() {
    if (!active) return;
    active = false;
    clearInterval(poll);
    clearTimeout(pending);
    pending = 0;
  }

  // ---- Rendering: Shadow DOM, built with createElement/textContent only (page data is text). ----

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? '' : value);
    }
    node.append(...children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false)); // strings become Text nodes
    return node;
  }

  function icon(pathData, className = '') {
    const NS = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    if (className) svg.setAttribute('class', className);
    const path = document.createElementNS(NS, 'path');
    path.setAttribute('d', pathData);
    svg.append(path);
    return svg;
  }

  const SHIELD = 'M12 2.5 4.5 5.3v6.1c0 4.6 3.1 8.7 7.5 10.1 4.4-1.4 7.5-5.5 7.5-10.1V5.3L12 2.5Z';
  const CROSS = 'M6.7 5.3 12 10.6l5.3-5.3 1.4 1.4-5.3 5.3 5.3 5.3-1.4 1.4-5.3-5.3-5.3 5.3-1.4-1.4 5.3-5.3-5.3-5.3z';
  const ALERT = 'M12 3 1.8 20.5h20.4L12 3Zm-1 6h2v6h-2V9Zm0 8h2v2h-2v-2Z';
  const INFO = 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1 5h2v2h-2V7Zm0 4h2v6h-2v-6Z';

  let uid = 0;
  const nextId = prefix => `${prefix}-${++uid}`;

  // Disclosure whose open state survives live re-renders (keyed in `expanded`).
  function disclosure(key, expanded, summaryChildren, body, className = 'why') {
    const details = el('details', { class: className }, el('summary', { 'data-focus-key': `why:${key}` }, summaryChildren), body);
    details.open = expanded.has(key);
    details.addEventListener('toggle', () => {
      if (details.open) expanded.add(key);
      else expanded.delete(key);
    });
    return details;
  }

  // The core quotes names and values in `backticks`: show those parts as code (still text nodes).
  function evidenceText(text) {
    return text.split('`').map((part, i) => (i % 2 ? el('code', {}, part) : part));
  }

  function whyBody(item) {
    const parts = [];
    if (item.evidenceLead) parts.push(el('p', { class: 'lead-in' }, item.evidenceLead));
    if (item.evidence.length) {
      parts.push(el('ul', { class: 'evidence' }, item.evidence.map(text => el('li', {}, evidenceText(text)))));
    } else {
      parts.push(el('p', { class: 'muted' }, 'No evidence recorded.'));
    }
    const facts = [...item.facts];
    if (item.confidence) facts.push(['Confidence', item.confidence]);
    if (facts.length) {
      parts.push(el('dl', { class: 'facts' }, facts.map(([k, v, style]) => [el('dt', {}, k), el('dd', { class: style }, v)])));
    }
    return el('div', { class: 'why-body' }, parts);
  }

  function scanTag(view) {
    return el('span', { class: 'tag scan', title: `Not seen by this page's scripts; from ${scanLabel()}` },
      `from ${scanLabel()}`);
  }

  function noticeList(notices) {
    if (!notices.length) return null;
    return el('div', { class: 'notices' }, notices.map(n => el('p', { class: `notice ${n.level}`, role: n.level === 'warning' ? 'alert' : 'status', 'data-notice': n.id ?? n.level },
      icon(n.level === 'warning' ? ALERT : INFO), el('span', {}, n.text))));
  }

  function findingsSection(view, expanded, headingTag) {
    const serious = view.findings.filter(f => f.severity !== 'info');
    const notes = view.findings.filter(f => f.severity === 'info');
    if (!view.findings.length) return null;
    const headingId = nextId('findings');
    const row = f => el('li', { class: `finding ${f.severity}`, 'data-kind': f.kind },
      icon(f.severity === 'info' ? INFO : ALERT), el('span', {}, f.message.charAt(0).toUpperCase() + f.message.slice(1)));
    // Kinds with many findings (a scan's before-consent list) fold under one line each.
    const groups = new Map();
    for (const f of serious) (groups.get(f.kind) ?? groups.set(f.kind, []).get(f.kind)).push(f);
    const seriousList = [...groups].map(([kind, list]) => (list.length <= 2 ? list.map(row)
      : el('li', { class: 'finding-group' }, disclosure(`findings:${kind}`, expanded,
        `${FINDING_KINDS[kind] ?? kind} (${list.length})`, el('ul', { class: 'findings' }, list.map(row)), 'notes'))));
    const noteList = notes.length
      ? disclosure('findings:notes', expanded, plural(notes.length, 'note'), el('ul', { class: 'findings' }, notes.map(row)), 'notes')
      : null;
    if (!serious.length) {
      return el('section', { class: 'findings-block quiet', 'aria-labelledby': headingId },
        el(headingTag, { id: headingId, class: 'section-title' }, 'Compared with the site\'s declaration'), noteList);
    }
    return el('section', { class: 'findings-block', 'aria-labelledby': headingId },
      el(headingTag, { id: headingId, class: 'section-title' },
        `${plural(serious.length, 'difference')} from the site's declaration`),
      el('ul', { class: 'findings' }, seriousList), noteList);
  }

  const FINDING_KINDS = {
    'before-consent': 'Tracking before the visitor consented', 'signal-contradiction': 'A privacy signal not honoured',
    'undeclared-tracker': 'Undeclared third parties', 'undeclared-cookie': 'Undeclared cookies',
    'category-mismatch': 'Declared in another category', 'declared-not-seen': 'Declared but not seen',
    'consent-record-mismatch': 'A consent record that contradicts the visitor\'s answer',
  };

  function signalsSection(view, headingTag) {
    const headingId = nextId('signals');
    const rows = ['gpc', 'dnt'].map(sig => {
      const s = view.signals[sig];
      const stance = STANCES[sig][s.stance] ?? STANCES[sig]['not-stated'];
      const from = s.sources.length && s.stance !== 'not-stated' ? ` (${s.sources.join(', ')})` : '';
      const policy = s.stance === 'not-stated' && POLICY_STANCES[s.policyStance] ? ` The selected policy says it ${POLICY_STANCES[s.policyStance]}.` : '';
      return el('li', { class: 'signal', 'data-signal': sig },
        el('span', { class: `dot ${s.sent ? 'on' : 'off'}`, 'aria-hidden': 'true' }),
        el('span', {}, el('b', {}, `Your browser ${s.sent ? 'sends' : 'does not send'} ${SIGNAL_NAMES[sig]}.`), ' ',
          `The site ${stance}${from}.${policy}`));
    });
    return el('section', { class: 'signals', 'aria-labelledby': headingId },
      el(headingTag, { id: headingId, class: 'section-title' }, 'Your privacy signals'), el('ul', {}, rows));
  }

  function summaryText(view) {
    const c = view.counts;
    const parts = [plural(c.cookies, 'cookie')];
    if (c.storage) parts.push(plural(c.storage, 'stored item'));
    if (c.beacons) parts.push(plural(c.beacons, 'beacon'));
    parts.push(plural(c.thirdParties, 'third-party site'));
    return parts.join(' · ');
  }

  // "of /widget.html" when the scan was of another page of the site.
  function scannedPage() {
    try {
      const scanned = new URL(state.scan.page.url);
      return scanned.origin === location.origin && scanned.pathname === location.pathname ? '' : ` of ${scanned.origin === location.origin ? scanned.pathname : scanned.href}`;
    } catch {
      return '';
    }
  }

  function footNote(view) {
    const seen = view.mode === 'scan'
      ? `From ${scanLabel()}${scannedPage()}, not from your visit.`
      : view.hasScan
        ? `Checked live in your browser, plus ${scanLabel()}${scannedPage()} for what page scripts cannot see.`
        : 'Checked live in your browser, which shows page scripts no HttpOnly cookies, lifetimes or embedded frames.';
    return `${seen} Nothing is sent anywhere.`;
  }

  // ---- Panel mode ----

  function itemRow(item, view, expanded) {
    const meta = [item.provider, item.lifetime === 'Not stored' ? null : item.lifetime, `Purpose: ${item.purpose}`].filter(Boolean);
    return el('li', { class: 'item', 'data-kind': item.kind, 'data-name': item.name, 'data-source': item.fromScan ? 'scan' : 'live' },
      el('div', { class: 'item-head' },
        el('span', { class: 'name' }, item.name),
        el('span', { class: 'tag' }, item.type),
        item.fromScan ? scanTag(view) : null),
      el('p', { class: 'meta' }, meta.join(' · ')),
      disclosure(item.key, expanded, 'Why this category', whyBody(item)));
  }

  function panelCategories(view, expanded) {
    const used = view.categories.filter(c => c.items.length);
    const unused = view.categories.filter(c => !c.items.length && c.id);
    const sections = used.map(c => {
      const headingId = nextId('cat');
      return el('section', { class: 'category', 'data-category': c.id, 'aria-labelledby': headingId },
        el('h3', { id: headingId, class: 'category-title' }, el('span', {}, c.label), el('span', { class: 'count', 'aria-label': plural(c.items.length, 'item') }, String(c.items.length))),
        c.description ? el('p', { class: 'description' }, c.description) : null,
        el('ul', { class: 'items' }, c.items.map(item => itemRow(item, view, expanded))));
    });
    if (!used.length) sections.push(el('p', { class: 'muted empty' }, 'No cookies, stored items or beacons on this page.'));
    if (unused.length) sections.push(el('p', { class: 'muted unused' }, `Not used on this page: ${unused.map(c => c.label).join(', ')}.`));
    return sections;
  }

  function thirdPartyList(view, headingTag) {
    const headingId = nextId('third');
    const body = view.thirdParties.length
      ? el('ul', { class: 'sites' }, view.thirdParties.map(t => el('li', { class: 'site', 'data-site': t.site, 'data-source': t.fromScan ? 'scan' : 'live' },
        el('div', { class: 'item-head' }, el('span', { class: 'site-name' }, t.site),
          t.vendors.length ? el('span', { class: 'tag vendor' }, t.vendors.join(', ')) : null,
          t.fromScan ? scanTag(view) : null),
        el('p', { class: 'meta' }, [plural(t.requests, 'request') + (t.types.length ? ` (${t.types.join(', ')})` : ''),
          t.categories.length ? `in ${t.categories.join(', ')}` : null].filter(Boolean).join(' · ')),
        el('p', { class: 'hosts' }, t.hosts.join(', ')))))
      : el('p', { class: 'muted' }, 'This page has not contacted any other site.');
    return el('section', { class: 'third-parties', 'aria-labelledby': headingId },
      el(headingTag, { id: headingId, class: 'section-title' }, `Third-party sites (${view.thirdParties.length})`), body);
  }

  function fingerprintSection(view, headingTag) {
    if (!view.fingerprinting.length) return null;
    const headingId = nextId('fp');
    return el('section', { class: 'fingerprinting', 'aria-labelledby': headingId },
      el(headingTag, { id: headingId, class: 'section-title' }, 'Browser fingerprinting'),
      el('ul', { class: 'findings' }, view.fingerprinting.map(f => el('li', { class: 'finding warning' }, icon(ALERT),
        el('span', {}, `${f.script}${f.vendor ? ` (${f.vendor})` : ''}: ${f.verdict} fingerprinting${f.evidence.length ? ` — ${f.evidence.join('; ')}` : ''}`)))));
  }

  const CSS_BASE = `
.root {
  all: initial;
  --ts-bg: #ffffff; --ts-fg: #1f2328; --ts-muted: #59636e; --ts-line: #d8dee4; --ts-soft: #f6f8fa;
  --ts-accent: #0969da; --ts-warn: #9a6700; --ts-warn-bg: #fff8c5; --ts-warn-line: #e9c46a; --ts-info-bg: #ddf4ff; --ts-info-line: #9cd0f8;
  --ts-on: #1a7f37; --ts-off: #8c959f; --ts-launcher: #1f2328; --ts-launcher-fg: #ffffff; --ts-badge: #bc4c00;
  --ts-shadow: 0 12px 32px rgba(15, 23, 42, .18), 0 2px 6px rgba(15, 23, 42, .08);
  --ts-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  color-scheme: light dark;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ts-fg);
  text-align: left;
}
@media (prefers-color-scheme: dark) {
  .root.panel-mode {
    --ts-bg: #161b22; --ts-fg: #e6edf3; --ts-muted: #9198a1; --ts-line: #30363d; --ts-soft: #1f252d;
    --ts-accent: #4493f8; --ts-warn: #d29922; --ts-warn-bg: #2e2613; --ts-warn-line: #6b5219; --ts-info-bg: #0d2847; --ts-info-line: #1f4f82;
    --ts-on: #3fb950; --ts-off: #6e7681; --ts-launcher: #e6edf3; --ts-launcher-fg: #161b22; --ts-badge: #db6d28;
    --ts-shadow: 0 12px 32px rgba(0, 0, 0, .5);
  }
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
button { font: inherit; color: inherit; cursor: pointer; }
:focus-visible { outline: 2px solid var(--ts-accent); outline-offset: 2px; border-radius: 4px; }
svg { width: 16px; height: 16px; fill: currentColor; flex: none; }
p { margin: 0; }
ul { list-style: none; margin: 0; padding: 0; }
.muted { color: var(--ts-muted); }
.section-title {
  margin: 18px 0 8px; font-size: 11px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: var(--ts-muted);
}
.notices { display: grid; gap: 8px; margin: 12px 0 4px; }
.notice { display: flex; gap: 8px; align-items: flex-start; padding: 8px 10px; border-radius: 8px; font-size: 13px;
  background: var(--ts-info-bg); border: 1px solid var(--ts-info-line); overflow-wrap: anywhere; }
.notice.warning { background: var(--ts-warn-bg); border-color: var(--ts-warn-line); }
.notice svg { margin-top: 2px; color: var(--ts-accent); }
.notice.warning svg { color: var(--ts-warn); }
.findings-block { margin-top: 12px; padding: 2px 12px 10px; border: 1px solid var(--ts-warn-line); border-radius: 10px; background: var(--ts-warn-bg); }
.findings-block.quiet { background: transparent; border-color: var(--ts-line); }
.findings-block .section-title { margin-top: 10px; color: var(--ts-warn); }
.findings-block.quiet .section-title { color: var(--ts-muted); }
.findings { display: grid; gap: 6px; }
.finding { display: flex; gap: 8px; align-items: flex-start; font-size: 13px; overflow-wrap: anywhere; }
.finding svg { margin-top: 2px; color: var(--ts-warn); }
.finding.error svg { color: #cf222e; }
.finding.info svg { color: var(--ts-muted); }
.notes { margin-top: 8px; font-size: 13px; }
.notes > summary { color: var(--ts-muted); }
.notes .findings { margin-top: 6px; }
.signals ul { display: grid; gap: 6px; }
.signal { display: flex; gap: 10px; align-items: baseline; font-size: 13px; }
.signal b { font-weight: 600; }
.dot { flex: none; width: 8px; height: 8px; border-radius: 50%; background: var(--ts-off); transform: translateY(-1px); }
.dot.on { background: var(--ts-on); }
summary { cursor: pointer; width: fit-content; border-radius: 4px; }
.tag { display: inline-block; padding: 0 6px; border-radius: 999px; border: 1px solid var(--ts-line); color: var(--ts-muted);
  font-size: 11px; line-height: 18px; white-space: nowrap; }
.tag.scan { border-style: dashed; border-radius: 6px; white-space: normal; }
.tag.vendor { color: var(--ts-fg); }
.why { margin-top: 4px; font-size: 12px; color: var(--ts-muted); }
.why > summary:hover { color: var(--ts-fg); }
.why-body { margin: 6px 0 2px; padding: 8px 10px; background: var(--ts-soft); border-radius: 6px; color: var(--ts-fg); }
.evidence { display: grid; gap: 4px; padding-left: 14px; list-style: disc; overflow-wrap: anywhere; }
.facts { margin: 8px 0 0; display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 10px; }
.facts dt { color: var(--ts-muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; min-width: 0; }
.facts dd.mono, code { font-family: var(--ts-mono); font-size: .95em; }
code { overflow-wrap: anywhere; }
.lead-in { margin-bottom: 4px; }
`;

  const CSS_PANEL = `
.panel {
  position: fixed; right: 20px; bottom: 76px; z-index: 2147483647;
  width: 420px; max-height: min(680px, calc(100vh - 100px));
  display: flex; flex-direction: column; overflow: hidden;
  background: var(--ts-bg); color: var(--ts-fg); border: 1px solid var(--ts-line); border-radius: 14px;
  box-shadow: var(--ts-shadow);
}
.panel:focus { outline: none; }
.panel-head { display: flex; align-items: center; gap: 10px; padding: 14px 12px 4px 16px; }
.panel-head > svg { color: var(--ts-accent); width: 20px; height: 20px; }
h2 { margin: 0; flex: 1; font-size: 16px; font-weight: 650; }
.close {
  display: grid; place-items: center; width: 32px; height: 32px; padding: 0;
  border: 0; border-radius: 8px; background: transparent; color: var(--ts-muted);
}
.close svg { width: 18px; height: 18px; }
.close:hover { background: var(--ts-soft); color: var(--ts-fg); }
.summary { padding: 0 16px 12px 46px; color: var(--ts-muted); font-size: 13px; border-bottom: 1px solid var(--ts-line); }
.body { overflow-y: auto; overscroll-behavior: contain; padding: 0 16px 14px; }
.message { margin: 14px 0; }
.category { margin-top: 18px; }
.category-title { display: flex; align-items: center; gap: 8px; margin: 0; font-size: 14px; font-weight: 650; }
.count { display: inline-grid; place-items: center; min-width: 20px; height: 20px; padding: 0 6px; border-radius: 10px;
  background: var(--ts-soft); border: 1px solid var(--ts-line); color: var(--ts-muted); font-size: 11px; font-weight: 600; }
.description { margin: 2px 0 8px; color: var(--ts-muted); font-size: 12px; }
.items, .sites { display: grid; gap: 6px; }
.item, .site { padding: 8px 10px; border: 1px solid var(--ts-line); border-radius: 8px; min-width: 0; }
.item[data-source="scan"], .site[data-source="scan"] { border-style: dashed; }
.item-head { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; min-width: 0; }
.name { font: 600 13px/1.4 var(--ts-mono); overflow-wrap: anywhere; min-width: 0; margin-right: auto; }
.site-name { font-weight: 600; overflow-wrap: anywhere; margin-right: auto; }
.meta { margin-top: 2px; color: var(--ts-muted); font-size: 12px; overflow-wrap: anywhere; }
.hosts { margin-top: 2px; color: var(--ts-muted); font: 11px/1.5 var(--ts-mono); overflow-wrap: anywhere; }
.unused, .empty { margin-top: 14px; font-size: 12px; }
.foot { padding: 8px 16px 10px; border-top: 1px solid var(--ts-line); color: var(--ts-muted); font-size: 11.5px; }
.finding-group { font-size: 13px; }
.finding-group > .notes { margin-top: 0; }
.finding-group > .notes > summary { color: inherit; }
@media (max-width: 480px) {
  .panel { left: 8px; right: 8px; bottom: 64px; width: auto; max-height: calc(100vh - 76px); }
  h2 .wide { display: none; }
  .panel-head { padding-top: 10px; }
  .summary { padding-bottom: 10px; }
}
@media (prefers-reduced-motion: no-preference) {
  .panel:not([hidden]) { animation: ts-in .14s ease-out; }
  @keyframes ts-in { from { opacity: 0; transform: translateY(6px); } }
}
`;

  function adopt(shadow, css) {
    // A constructed stylesheet, not a <style> element: not subject to the page's CSP style-src.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  }

  function whenBody(fn) {
    if (document.body) fn();
    else document.addEventListener('DOMContentLoaded', fn, { once: true });
  }

  // Live re-renders replace the content: put focus back on the control with the same key.
  function keepFocus(shadow, container, fallback, render) {
    const focused = shadow.activeElement;
    const key = focused && container.contains(focused) ? focused.getAttribute('data-focus-key') : null;
    render();
    if (key !== null) {
      const again = [...container.querySelectorAll('[data-focus-key]')].find(n => n.getAttribute('data-focus-key') === key);
      (again ?? fallback)?.focus();
    }
  }

  // The loader made the host, its shadow root, the root element and the launcher button.
  function createPanel() {
    const { host, shadow, root, launcher, badge } = env.panel;
    adopt(shadow, CSS_BASE + CSS_PANEL);

    const titleId = 'ts-title';
    const summaryId = 'ts-summary';
    const closeButton = el('button', { type: 'button', class: 'close', 'aria-label': 'Close', 'data-focus-key': 'close' }, icon(CROSS));
    const summary = el('p', { id: summaryId, class: 'summary', 'aria-live': 'polite' }, 'Looking at this page…');
    const body = el('div', { class: 'body' });
    const foot = el('p', { class: 'foot' }, 'Checked in your browser; nothing is sent anywhere.');
    // aria-label, not aria-labelledby: narrow screens shorten the visible title.
    const panel = el('div', { id: 'ts-panel', class: 'panel', role: 'dialog', 'aria-modal': 'true', 'aria-label': TITLE,
                               'aria-describedby': summaryId, tabindex: '-1', hidden: true, 'data-state': 'closed' },
      el('div', { class: 'panel-head' }, icon(SHIELD), el('h2', { id: titleId }, 'Cookies and trackers', el('span', { class: 'wide' }, ' on this page')), closeButton),
      summary, body, foot);
    root.append(panel);
    const expanded = new Set();

    let isOpen = false;
    function open() {
      if (isOpen) return;
      isOpen = true;
      panel.hidden = false;
      panel.dataset.state = 'loading';
      launcher.setAttribute('aria-expanded', 'true');
      panel.focus();
      activate();
    }
    function close({ restoreFocus = true } = {}) {
      if (!isOpen) return;
      isOpen = false;
      deactivate();
      panel.hidden = true;
      panel.dataset.state = 'closed';
      launcher.setAttribute('aria-expanded', 'false');
      if (restoreFocus) launcher.focus();
    }

    // Focusable controls of the dialog in document order (nothing inside closed disclosures).
    function focusables() {
      return [...panel.querySelectorAll('button, summary, a[href], [tabindex="0"]')].filter(n => n.getClientRects().length > 0);
    }

    closeButton.addEventListener('click', () => close());
    root.addEventListener('keydown', event => {
      if (!isOpen) return;
      if (event.key === 'Escape') {
        event.stopPropagation(); // the page's own Escape handlers are not for us
        close();
      } else if (event.key === 'Tab' && panel.contains(shadow.activeElement)) {
        // A modal dialog: Tab and Shift+Tab cycle through its controls.
        const list = focusables();
        if (!list.length) return;
        event.preventDefault();
        const at = list.indexOf(shadow.activeElement);
        const next = event.shiftKey ? (at <= 0 ? list.length - 1 : at - 1) : (at === list.length - 1 ? 0 : at + 1);
        list[next].focus();
      }
    });
    // A click elsewhere on the page closes it (focus stays where the visitor clicked).
    document.addEventListener('pointerdown', event => {
      if (isOpen && !event.composedPath().includes(host)) close({ restoreFocus: false });
    }, true);

    function setBadge(count) {
      badge.hidden = false;
      badge.className = count ? 'badge' : 'badge none';
      badge.textContent = String(count);
      // Starts with the visible label, so voice control ("click Cookies & trackers") still works.
      launcher.setAttribute('aria-label', `${LAUNCHER_LABEL}: ${plural(count, 'third-party site')}`);
    }

    return {
      toggle() {
        if (isOpen) close();
        else open();
      },
      showMessage(text, notices = []) {
        if (!isOpen) return;
        summary.textContent = 'Not available';
        keepFocus(shadow, panel, panel, () => body.replaceChildren(noticeList(notices) ?? '', el('p', { class: 'message', role: 'status' }, text)));
        foot.textContent = 'Nothing is sent anywhere.';
        panel.dataset.state = 'error';
      },
      render(view) {
        if (!isOpen) return;
        summary.textContent = summaryText(view);
        keepFocus(shadow, panel, panel, () => body.replaceChildren(...[
          noticeList(view.notices),
          view.findings.some(f => f.severity !== 'info') ? findingsSection(view, expanded, 'h3') : null,
          signalsSection(view, 'h3'),
          el('h3', { class: 'section-title' }, 'By category'),
          ...panelCategories(view, expanded),
          thirdPartyList(view, 'h3'),
          fingerprintSection(view, 'h3'),
          view.findings.length && !view.findings.some(f => f.severity !== 'info') ? findingsSection(view, expanded, 'h3') : null,
        ].filter(Boolean)));
        foot.textContent = footNote(view);
        setBadge(view.counts.thirdParties);
        panel.dataset.state = 'ready';
        panel.dataset.source = view.mode;
      },
    };
  }

  // ---- Table mode: the declaration a site owner puts on its cookie-policy page ----

  // Inherits the page's font and text colour (it is part of the page's content), draws lines with
  // currentColor, so it fits light and dark pages alike; the page's other styles do not reach in.
  const CSS_TABLE = `
:host {
  all: initial !important; display: block !important;
  color: inherit !important; font-family: inherit !important; font-size: inherit !important;
}
.root.table-mode {
  font-family: inherit; font-size: inherit; line-height: 1.5; color: inherit;
  --ts-fg: currentColor; --ts-muted: color-mix(in srgb, currentColor 68%, transparent);
  --ts-line: color-mix(in srgb, currentColor 18%, transparent); --ts-soft: color-mix(in srgb, currentColor 6%, transparent);
  --ts-warn-bg: color-mix(in srgb, #d4a72c 14%, transparent); --ts-warn-line: color-mix(in srgb, #d4a72c 55%, transparent);
  --ts-info-bg: color-mix(in srgb, #218bff 10%, transparent); --ts-info-line: color-mix(in srgb, #218bff 45%, transparent);
  --ts-warn: color-mix(in srgb, #bf8700 75%, currentColor); --ts-accent: #218bff;
  display: block; container-type: inline-size;
}
.lead { font-weight: 600; }
.foot-note { margin-top: 16px; color: var(--ts-muted); font-size: .85em; }
.table-wrap { margin-top: 20px; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: .9em; }
caption { text-align: left; padding: 0 0 8px; }
.cap-label { font-weight: 700; font-size: 1.1em; }
.cap-count { margin-left: 8px; color: var(--ts-muted); font-weight: 400; }
.cap-desc { display: block; color: var(--ts-muted); font-size: .92em; }
th, td { text-align: left; vertical-align: top; padding: 7px 10px 7px 0; border-bottom: 1px solid var(--ts-line); overflow-wrap: anywhere; }
thead th { font-size: .85em; font-weight: 600; color: var(--ts-muted); border-bottom-width: 2px; }
tbody th { font-weight: 400; }
.cell-name { font: 600 .95em/1.45 var(--ts-mono); }
td.none { color: var(--ts-muted); font-style: italic; }
.cell-tag { display: block; margin-top: 2px; }
.why { font-size: 1em; color: inherit; }
.why > summary { color: inherit; }
.why-body { font-size: .92em; }
.signals, .findings-block { margin-top: 16px; }
@container (max-width: 560px) {
  table, thead, tbody, tr, th, td, caption { display: block; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  tbody tr { padding: 8px 0; border-bottom: 1px solid var(--ts-line); }
  tbody th, tbody td { border: 0; padding: 2px 0; }
  tbody td::before { content: attr(data-label) ": "; color: var(--ts-muted); font-size: .9em; }
  tbody td.none::before { content: none; }
  td > .why { display: inline-block; vertical-align: top; margin: 0; }
}
`;

  const COLUMNS = [['Name', 28], ['Provider', 21], ['Purpose', 19], ['Expiry', 15], ['Type', 17]];

  // Explicit roles keep table semantics when narrow layouts change `display`.
  // columns: [[heading, width %], ...]; an empty table is its caption and one line.
  function declarationTable(captionChildren, columns, rows, emptyText) {
    return el('table', { role: 'table' },
      el('caption', {}, captionChildren),
      // CSSOM, not a style attribute: a page's CSP style-src may forbid inline style attributes.
      el('colgroup', {}, columns.map(([, width]) => {
        const col = el('col');
        col.style.width = `${width}%`;
        return col;
      })),
      rows.length ? el('thead', { role: 'rowgroup' }, el('tr', { role: 'row' }, columns.map(([c]) => el('th', { scope: 'col', role: 'columnheader' }, c)))) : null,
      el('tbody', { role: 'rowgroup' }, rows.length ? rows
        : el('tr', { role: 'row' }, el('td', { class: 'none', colspan: String(columns.length), role: 'cell' }, emptyText))));
  }

  // Host names and paths break after dots and slashes rather than anywhere (<wbr>, text nodes).
  function breakable(text) {
    return text.split(/(?<=[./])/).flatMap((part, i) => (i ? [el('wbr'), part] : [part]));
  }

  function nameCell(name, fromScan, view) {
    return el('th', { scope: 'row', role: 'rowheader' }, el('span', { class: 'cell-name' }, breakable(name)),
      fromScan ? el('span', { class: 'cell-tag' }, scanTag(view)) : null);
  }

  function categoryTable(category, view, expanded) {
    const rows = category.items.map(item => el('tr', { role: 'row', 'data-kind': item.kind, 'data-name': item.name, 'data-source': item.fromScan ? 'scan' : 'live' },
      nameCell(item.name, item.fromScan, view),
      el('td', { role: 'cell', 'data-label': 'Provider' }, item.provider),
      el('td', { role: 'cell', 'data-label': 'Purpose' }, disclosure(item.key, expanded, item.purpose, whyBody(item))),
      el('td', { role: 'cell', 'data-label': 'Expiry' }, item.lifetime),
      el('td', { role: 'cell', 'data-label': 'Type' }, item.type)));
    return el('div', { class: 'table-wrap', 'data-category': category.id },
      declarationTable([el('span', { class: 'cap-label' }, category.label), el('span', { class: 'cap-count' }, `(${category.items.length})`),
        category.description ? el('span', { class: 'cap-desc' }, category.description) : null],
      COLUMNS, rows, 'None on this page.'));
  }

  function thirdPartyTable(view) {
    const rows = view.thirdParties.map(t => el('tr', { role: 'row', 'data-site': t.site, 'data-source': t.fromScan ? 'scan' : 'live' },
      nameCell(t.site, t.fromScan, view),
      el('td', { role: 'cell', 'data-label': 'Provider' }, t.vendors.join(', ') || '—'),
      el('td', { role: 'cell', 'data-label': 'Categories' }, t.categories.join(', ') || '—'),
      el('td', { role: 'cell', 'data-label': 'Requests' }, plural(t.requests, 'request') + (t.types.length ? ` (${t.types.join(', ')})` : '')),
      el('td', { role: 'cell', 'data-label': 'Hosts' }, breakable(t.hosts.join(', ')))));
    return el('div', { class: 'table-wrap third-parties' },
      declarationTable([el('span', { class: 'cap-label' }, 'Third-party sites'), el('span', { class: 'cap-count' }, `(${view.thirdParties.length})`),
        el('span', { class: 'cap-desc' }, 'Other sites this page contacts.')],
      [['Site', 22], ['Provider', 18], ['Categories', 18], ['Requests', 20], ['Hosts', 22]], rows, 'This page contacts no other site.'));
  }

  function createTable() {
    const wrapper = document.createElement('div');
    wrapper.className = 'trackscope-declaration';
    const shadow = wrapper.attachShadow({ mode: 'open' });
    adopt(shadow, CSS_BASE + CSS_TABLE);
    const content = el('div', { class: 'content', 'aria-live': 'off' },
      el('p', { class: 'lead', role: 'status' }, 'Loading the live cookie declaration…'));
    const root = el('div', { class: 'root table-mode', 'data-state': 'loading' }, content);
    shadow.append(root);
    const expanded = new Set();

    whenBody(() => {
      let target = null;
      if (TARGET) {
        try {
          target = document.querySelector(TARGET);
        } catch (err) {
          warnOnce(`data-target "${TARGET}" is not a valid CSS selector (${err.message})`);
          return;
        }
        if (!target) return warnOnce(`data-target "${TARGET}" matches no element: the declaration table is not shown`);
        target.append(wrapper);
      } else if (script.isConnected && script.parentNode !== document.head) {
        script.after(wrapper);
      } else {
        return warnOnce('data-mode="table" needs data-target="#some-element" (or the script tag inside <body>)');
      }
      // The core loads when the table comes into view (declarations sit low on policy pages).
      if (typeof IntersectionObserver !== 'function') return activate();
      const io = new IntersectionObserver(entries => {
        if (entries.some(e => e.isIntersecting)) {
          io.disconnect();
          activate();
        }
      }, { rootMargin: '300px' });
      io.observe(wrapper);
    });

    return {
      showMessage(text, notices = []) {
        keepFocus(shadow, content, null, () => content.replaceChildren(noticeList(notices) ?? '', el('p', { class: 'lead', role: 'status' }, text)));
        root.dataset.state = 'error';
      },
      render(view) {
        keepFocus(shadow, content, null, () => content.replaceChildren(...[
          el('p', { class: 'lead' }, `On this page: ${summaryText(view)}.`),
          noticeList(view.notices),
          findingsSection(view, expanded, 'h3'),
          ...view.categories.filter(c => c.id || c.items.length).map(c => categoryTable(c, view, expanded)),
          thirdPartyTable(view),
          fingerprintSection(view, 'h3'),
          signalsSection(view, 'h3'),
          el('p', { class: 'foot-note' }, footNote(view)),
        ].filter(Boolean)));
        root.dataset.state = 'ready';
        root.dataset.source = view.mode;
      },
    };
  }


  const ui = MODE === 'table' ? createTable() : createPanel();
  env.onResources(scheduleAnalysis);
  return ui;
}
