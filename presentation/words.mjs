// The words of trackscope: how the scanner's text and HTML, the popup and the widget say what the
// core decided. Plain strings only; callers escape them for their medium (escapeHtml, Text nodes,
// safeText). One table per thing said, so that the three front ends say it the same way.
import { clip, plural, safeText, shortUrl } from './text.mjs';

export const capitalize = word => (word ? word[0].toUpperCase() + word.slice(1) : '');

export function expiryText(cookie) {
  if (cookie.session) return 'Deleted when the browser closes';
  if (cookie.expires == null) return 'Expiry unknown';
  const days = cookie.lifetimeDays == null ? '' : ` (${Math.round(cookie.lifetimeDays)} days)`;
  return `Expires ${new Date(cookie.expires * 1000).toISOString().slice(0, 10)}${days}`;
}

export function cookieFlags(cookie) {
  const flags = [];
  if (cookie.httpOnly) flags.push('HttpOnly');
  if (cookie.secure) flags.push('Secure');
  if (cookie.sameSite && cookie.sameSite !== 'unspecified') flags.push(`SameSite=${cookie.sameSite[0].toUpperCase()}${cookie.sameSite.slice(1)}`);
  if (cookie.partitioned) flags.push('Partitioned');
  if (!cookie.hostOnly) flags.push(`Domain=${cookie.domain}`);  // subdomains receive it too
  return flags;
}

// {kind, url} -> {how: "HTTP response" | "script" | "inline script", where: "host/path"}, or null
// when the setter is unknown.
export function setterParts(setBy) {
  if (setBy?.kind === 'http') return { how: 'HTTP response', where: shortUrl(setBy.url) };
  if (setBy?.kind === 'script') return setBy.url ? { how: 'script', where: shortUrl(setBy.url) } : { how: 'inline script', where: '' };
  return null;
}

// webRequest type -> [singular, plural] as a reader would say it.
const TYPE_WORDS = {
  main_frame: ['page', 'pages'], sub_frame: ['frame', 'frames'], xmlhttprequest: ['fetch/XHR', 'fetch/XHR'],
  ping: ['beacon', 'beacons'], csp_report: ['CSP report', 'CSP reports'], websocket: ['WebSocket', 'WebSockets'],
  media: ['media', 'media'], other: ['other', 'other'],
};

// ["3 images", "2 scripts"]: request counts by type, most frequent first.
export function typeCounts(requests) {
  const counts = new Map();
  for (const r of requests) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([type, n]) => {
    const [one, many] = TYPE_WORDS[type] ?? [type, `${type}s`];
    return plural(n, one, many);
  });
}


const KIND_WORDS = { cookie: ['cookie', 'cookies'], beacon: ['beacon', 'beacons'], storage: ['storage item', 'storage items'] };

// "2 cookies · 1 beacon" for {cookie, beacon, storage} counts; empty kinds left out.
export function kindCountsText(counts, separator = ' · ') {
  return Object.entries(counts).filter(([, n]) => n).map(([kind, n]) => plural(n, ...KIND_WORDS[kind])).join(separator);
}

const AREA_WORDS = { localStorage: 'local storage', sessionStorage: 'session storage' };

// What kind of item it is, as a short tag: "cookie", "third-party cookie", "tracking pixel",
// "session storage".
export function itemTypeText(item, details) {
  if (item.kind === 'cookie') return item.party === 'third' ? 'third-party cookie' : 'cookie';
  if (item.kind === 'beacon') return BEACON_KIND_WORDS[details?.kind] ?? 'beacon';
  return AREA_WORDS[details?.area] ?? 'storage';
}

// A cookie's setter in words: "HTTP response shop.example/login", "script cdn.example/tag.js",
// "inline script", or "" when unknown.
export function setterText(setBy) {
  const parts = setterParts(setBy);
  return parts ? `${parts.how}${parts.where ? ` ${parts.where}` : ''}` : '';
}

// A request's filter-list match: "easyprivacy.txt:1883 /px.gif?" (and the exception that
// overrides it, if any).
export function filterText(filter) {
  const rule = e => `${safeText(e.list)}:${e.line} ${clip(e.rule, 60)}`;
  return filter.exception ? `${rule(filter.block)}, excepted by ${rule(filter.exception)}` : rule(filter.block);
}

// What to do about a single-load DNT/GPC verdict (report.privacy.<signal>.verdict.code), or null.
export function signalHint(code) {
  switch (code) {
    case 'contradicted': case 'as-declared': case 'no-stance':
      return 'Cookies left by earlier visits count too; reload after clearing the site’s cookies for a clean test.';
    case 'record-ignores':
      return 'Several US state laws (California, Colorado, Connecticut, …) make GPC an opt-out of sale and targeted advertising.';
    default:
      return null;
  }
}

export const SIGNAL_NAMES = { gpc: 'Global Privacy Control', dnt: 'Do Not Track' };

export const PURPOSE_WORDS = {
  necessary: 'necessary', functional: 'functional', analytics: 'analytics', advertising: 'advertising',
  social: 'social media', unclassified: 'unclassified',
};

// 0.99 -> "high"; the core's confidence is a number in [0, 1].
export function confidenceWord(confidence) {
  if (confidence >= 0.8) return 'high';
  if (confidence >= 0.5) return 'medium';
  return 'low';
}

export const EVIDENCE_WORDS = { catalog: 'catalog', attribution: 'vendor / filter list', heuristic: 'heuristic' };

export const BEACON_KIND_WORDS = {
  image: 'tracking pixel', sendBeacon: 'sendBeacon', ping: 'link ping', keepalive: 'keepalive fetch', request: 'request',
};

// A signal comparison's verdict: its tone (good, warn, bad, '' for not testable) and words.
export const SIGNAL_VERDICT_TONE = { honoured: 'good', partly: 'warn', 'not-honoured': 'bad', 'not-testable': '' };
export const SIGNAL_VERDICT_WORDS = { honoured: 'honoured', partly: 'partly honoured', 'not-honoured': 'not honoured', 'not-testable': 'not testable' };

export const STANCE_WORDS = { honoured: 'honours it', 'not-honoured': 'does not honour it', 'not-stated': 'nothing stated' };

// The site's own material that states a stance (report privacy.<signal>.sources).
export const SOURCE_WORDS = {
  declaration: 'its declaration', 'gpc.json': '/.well-known/gpc.json', 'dnt-policy.txt': '/.well-known/dnt-policy.txt',
  tk: 'Tk response header',
};

export const CONSENT_KIND_WORDS = {
  tcf: 'IAB TCF', gpp: 'IAB GPP', 'us-privacy': 'US Privacy', onetrust: 'OneTrust', 'onetrust-alert-closed': 'OneTrust banner',
  cookiebot: 'Cookiebot',
};

// What a consent record (report.privacy.consentStrings[]) says about the visitor's choice, in one
// tag: {tone: good|warn, text}, or null when it says nothing.
export function consentTag(c) {
  if (c.consentGiven === true) return { tone: 'warn', text: 'grants consent' };
  if (c.consentGiven === false) return { tone: 'good', text: 'no consent' };
  if (c.optedOut === true) return { tone: 'good', text: 'opted out' };
  if (c.optedOut === false) return { tone: 'warn', text: 'not opted out' };
  return null;
}

// A consent record's US opt-out state and GPC flag -> a short phrase, or null when the record says
// nothing about either.
export function consentRecordText(c) {
  const parts = [];
  if (c.optedOut !== null) parts.push(c.optedOut ? 'opt-out recorded' : 'no opt-out recorded');
  if (c.gpc !== null) parts.push(`GPC flag ${c.gpc ? 'on' : 'off'}`);
  return parts.length ? parts.join(', ') : null;
}

// gpc.json / dnt-policy.txt check -> a short phrase.
export function gpcJsonText(g) {
  switch (g.status) {
    case 'not-fetched': return 'not checked yet';
    case 'absent': return `none (${g.httpStatus ? `HTTP ${g.httpStatus}` : 'not reachable'})`;
    case 'valid': return `“gpc”: ${g.gpc}${g.lastUpdate ? `, updated ${g.lastUpdate}` : ''}`;
    default: return `invalid: ${g.reason ?? 'unreadable'}`;
  }
}

export function dntPolicyText(d) {
  switch (d.status) {
    case 'not-fetched': return 'not checked yet';
    case 'absent': return `none (${d.httpStatus ? `HTTP ${d.httpStatus}` : 'not reachable'})`;
    case 'eff': return `EFF’s ${d.version ?? 'DNT policy'}`;
    default: return `served, but not an EFF version${d.reason ? ` (${d.reason})` : ''}`;
  }
}

// The declaration a report was checked against (report.policy.declaration), in words; '' for none:
// "the Cookiebot declaration the site publishes (12 cookies, 3 vendors, 1 beacon): https://…/cc.js".
export function declarationText(d) {
  if (!d) return '';
  const lists = [plural(d.cookies, 'cookie'), plural(d.vendors, 'vendor'), plural(d.beacons, 'beacon')].join(', ');
  if (d.origin === 'consent-manager') return `the ${d.cmp} declaration the site publishes (${lists}): ${d.urls[0] ?? ''}`;
  return `the policy's declaration (${lists})${d.source ? `, converted from the ${d.source}` : ''}`;
}

// A kind of finding (report.findings[].kind) as a heading for several of them.
export const FINDING_KIND_WORDS = {
  'before-consent': 'Tracking before the visitor consented', 'signal-contradiction': 'A privacy signal not honoured',
  'undeclared-tracker': 'Undeclared third parties', 'undeclared-cookie': 'Undeclared cookies',
  'category-mismatch': 'Declared in another category', 'declared-not-seen': 'Declared but not seen',
  'lifetime-exceeds-declared': 'Cookies that live longer than declared',
  'consent-record-mismatch': 'A consent record that contradicts the visitor’s answer',
  'consent-claim-mismatch': 'Hits that claim consent the visitor did not give',
  'session-recording': 'Session recording: what the visitor does is recorded for replay',
  'key-logging': 'Key-logging: what is typed into forms leaves before it is submitted',
  'personal-data-to-third-party': 'Personal data sent to third parties',
  'sensitive-data-to-third-party': 'Sensitive data (health, sexuality, religion, ...) sent to third parties',
};

// What a payload field is (report.beacons[].payload[].kind), for people.
export const FIELD_KIND_WORDS = {
  other: 'other', account: 'site’s account', event: 'event', identifier: 'identifier', 'page-url': 'page URL',
  referrer: 'referrer', title: 'page title', 'search-term': 'search term', product: 'product', 'custom-data': 'custom data',
  'personal-data': 'personal data', consent: 'consent signal', technical: 'technical',
};

// A special category (payload[].sensitive.category, findings[].data.kind of sensitive data).
export const SENSITIVE_WORDS = {
  health: 'health', 'reproductive-sexual-health': 'reproductive or sexual health', 'sexual-orientation': 'sexual orientation',
  religion: 'religion', 'political-opinion': 'political opinion', ethnicity: 'ethnic origin', finances: 'financial situation',
  children: 'children', 'precise-location': 'precise location',
};

// The payload fields worth a person's attention (not technical ones), each in one line:
// "dl (page address): https://shop.example/hiv-test — health: “hiv”",
// "udff[em] (personal data, hashed e-mail address): •••• (64 chars) — sha256".
export function payloadLines(payload = []) {
  const fields = (Array.isArray(payload) ? payload : []).filter(p => p && typeof p === 'object' && typeof p.kind === 'string');
  return fields.filter(p => (p.kind !== 'technical' && p.kind !== 'other') || p.sensitive || p.personal).map(p => {
    const meaning = typeof p.meaning === 'string' && p.meaning !== FIELD_KIND_WORDS[p.kind] ? p.meaning : null;
    const what = [FIELD_KIND_WORDS[p.kind] ?? p.kind, meaning].filter(Boolean).join(', ');
    const raw = String(p.value ?? '');
    const value = raw.length > 100 ? `${raw.slice(0, 100)}…` : raw;
    const hash = p.personal && typeof p.personal.hash === 'string' && p.personal.hash !== 'none' ? p.personal.hash : null;
    const sensitive = p.sensitive && typeof p.sensitive === 'object'
      ? `${SENSITIVE_WORDS[p.sensitive.category] ?? String(p.sensitive.category)}: “${String(p.sensitive.term ?? '')}”` : null;
    const flags = [hash, sensitive].filter(Boolean).join('; ');
    const param = String(p.param ?? '');
    return `${param || '(body)'} (${what}): ${value}${flags ? ` — ${flags}` : ''}`;
  });
}

// What a hit claims about consent (report.beacons[].consentClaims[]), in one line:
// "gcs G111: ad_storage granted, analytics_storage granted".
export function consentClaimText(claim) {
  return `${claim.param} ${claim.value.length > 40 ? `${claim.value.slice(0, 40)}…` : claim.value}: ` +
         `${claim.valid ? claim.summary : `does not decode (${claim.summary})`}`;
}

// What the scanner did as a visitor (report.page.visit), in one line; '' when the report does
// not say. "as a visitor: 20 pointer moves, 3 wheel scrolls, 3.1 s on the page; automation hidden"
export function visitText(visit) {
  if (!visit) return '';
  const input = visit.pointerMoves || visit.scrolls
    ? `${plural(visit.pointerMoves, 'pointer move')}, ${plural(visit.scrolls, 'wheel scroll')}`
    : 'no simulated input';
  const automation = visit.automationHidden ? 'automation hidden (navigator.webdriver false, a desktop user agent)'
    : 'automation visible';
  const typed = visit.typed?.length
    ? `; typed a synthetic identity into ${plural(visit.typed.length, 'form field')} (${[...new Set(visit.typed.map(t => t.kind))].join(', ')}), never submitted`
    : '';
  const setup = visit.setup && typeof visit.setup === 'object' ? visit.setup : {};
  const as = [setup.device, setup.locale, setup.timezone, setup.geolocation && `at ${setup.geolocation}`,
              setup.storageState && `logged in (${setup.storageState})`, setup.cookies && `cookies ${setup.cookies}`,
              setup.headers && `headers ${setup.headers}`].filter(v => typeof v === 'string' && v).map(v => safeText(v));
  return `as a visitor: ${input}, ${(visit.dwellMs / 1000).toFixed(1)} s on the page; ${automation}${typed}` +
         `${as.length ? `; as ${as.join(', ')}` : ''}`;
}
