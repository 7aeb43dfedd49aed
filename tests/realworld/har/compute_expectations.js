#!/usr/bin/env node
// Recomputes expectations.json from the HAR files in this folder.
// Usage: node compute_expectations.js > expectations.json
// Facts are derived from the files only; the per-file "notes" below are
// hand-written observations (see SOURCES.md) and are merged into "quirks".
'use strict';
const fs = require('fs');
const path = require('path');

const dir = __dirname;
const NOTES = {
  'capture-har-cnn-redirect.har': ['timings has only send/wait/receive', 'response._remoteAddress', 'response.cookies carry domain/path/httpOnly/secure', 'content.mimeType "x-unknown" on the 301', 'blank lines inside the JSON'],
  'charles-mitmproxy-org.har': ['no log.pages', 'response._charlesStatus "COMPLETE"', 'response.headersSize 0', 'queryString entry with empty name and value (URL ends in "?=")', 'timings without "blocked"', 'Charles writes JSON with escaped slashes ("<\\/div>") — body dropped here'],
  'chrome-devtools-enorm-magazin.har': ['Chrome 56 era export: httpVersion "unknown", headersSize -1', 'request.cookies entries carry "expires": null, httpOnly, secure', 'first-party GA cookies sent (_ga, _gat_UA-25011147-1 — the UA id is only in a cookie name)', 'content.encoding "base64" with text emptied by the curator', 'odd whitespace inside content objects (kept)'],
  'chrome-devtools-mitmproxy-google-offline.har': ['entry with pageref "page_2" although log.pages only declares page_1', 'failed request: status 0, httpVersion "", _error "net::ERR_INTERNET_DISCONNECTED"', 'entries recorded months apart (2023-03-30 and 2023-07) in one file', '304 document with a base64 body (emptied by the curator, encoding kept)', 'timings._blocked_queueing', 'Google account cookies (SID/HSID/SSID/APISID/SAPISID/__Secure-*PSID*) redacted to x of equal length; NID, 1P_JAR, AEC, OTZ, __Secure-ENID kept'],
  'chrome-devtools-ping-beacon-postdata.har': ['log.pages is an empty array; entry has no pageref', '_resourceType "ping" (sendBeacon) with a JSON postData.text and mimeType text/plain', '_initiator.stack.callFrames', 'trailing whitespace line before the closing "]" (kept)'],
  'chrome-har-browsertime-wikipedia.har': ['_initiator is a string ("" for the navigations, the parent URL otherwise) while _initiator_detail is a JSON string', 'log.browser placed after entries', 'pages[0] carries large _cpu/_googleWebVitals/_renderBlocking objects', 'cookie "expires" values in 1970 (seconds mis-read as ms) and 1969-12-31T23:59:59.999Z', 'response fields fromDiskCache/fromEarlyHints/fromServiceWorker/fromPrefetchCache', '200 document carries the 301 response headers (content-length 169, location)', 'GeoIP cookie value with mangled non-ASCII ("H__gersten")', 'x-client-ip header values redacted'],
  'fiddler-cnn-mobile-2010.har': ['log.version and log.comment come after entries', 'startedDateTime with 7 fractional digits and -04:00 offset', 'duplicated "Connection" request headers', 'response.cookies with "expires" and keys in varying order', 'ASP.NET cookieless session id inside the URL path (bango.net/(X(1)S(...))/...)', '43-byte tracking GIF with base64 body', 'doc body emptied by the curator'],
  'firebug-google-cz.har': ['request.cookies values truncated at the first "=" ("PREF"="ID", "NID"="29") while the Cookie header has the full value', 'newlines in bodies escaped as \\u000a (kept)', 'Czech (non-ASCII) HTML body kept in full', 'HAR 1.1', 'timings without ssl'],
  'firebug-softwareishard-three-loads.har': ['three page loads of the same URL (empty cache, then cached)', 'original file had unquoted "_comment:" keys (not strict JSON) — quoted by the curator', 'GA classic __utm.gif hit (utmac=UA-3586722-1) with Firebug-sorted queryString and literal "+" in utmcc', 'request.cookies values truncated at "=" (__utmz) vs full Cookie header', 'cache.afterRequest with hitCount on 304s', 'relative Location / redirectURL ("blog/index.php")', 'page_46974 has no entries and page_50871 starts with a tracker hit because of curator trimming'],
  'firefox-mitmproxy-org-304.har': ['request.headersSize null on cached entries', 'cached entries: httpVersion "", headers [], timings {}, time 0, content without size but with comment "Response bodies are not included."', 'cache.afterRequest values are strings ("expires": "4294967295")', 'response.headersSize missing on cached entries', '304 with a body (size 23866; text emptied by the curator)', 'log.browser'],
  'handmade-gaunit-ua-demo-store.har': ['hand-trimmed HAR: no log.version, no log.creator, entries have only request.method/url (no response, no timings)', 'only some entries have pageref/startedDateTime', 'Universal Analytics hits with enhanced-ecommerce params'],
  'handmade-k6-multipart-formdata.har': ['k6/LI-HAR style: no creator/version/pages, entries have only request plus comment/checks/variables', 'multipart postData.params with fileName/contentType and data: URI values', 'postData without text'],
  'ie11-f12-harviewer-cookies-object.har': ['request.cookies is a single object instead of an array', 'response has both "redirectionURL" and "redirectURL"', 'content.size (893) smaller than text length (CRLF line endings in text)', 'page ids "0","1","2" (numeric strings); pages 1 and 2 have no entries after curator trimming', 'timings keys in unusual order (send first)', 'HAR 1.1'],
  'insomnia-mitm-it.har': ['tab-indented', 'no log.pages', 'request.headers empty', 'request.settingEncodeUrl (Insomnia-specific)', 'empty postData on a GET', 'entry.comment'],
  'mitmproxy-example-post.har': ['log.pages is an empty array; no pageref', 'startedDateTime with microseconds', 'timings without blocked/dns', 'form POST with postData.text and postData.params', 'httpbin "origin" IP in the body redacted'],
  'playwright-fulfill.har': ['page id "page@<hash>" and _frameref/_monotonicTime', 'cache.beforeRequest/afterRequest null', 'POST without postData', '301 with content.size -1', 'two Set-Cookie response headers, response.cookies empty', '_securityDetails {}'],
  'pollyjs-puppeteer-api.har': ['keys sorted alphabetically (log.pages/version after entries)', 'log._recordingName, entry._id/_order', 'GET requests with postData {mimeType} and no text', 'no pages; no pageref', 'JSON bodies emptied by the curator'],
  'safari-webkit-mitmproxy-org.har': ['_fetchType, _priority, _serverPort', 'request.headersSize 38 for a 6-header request', 'page_0 id, onContentLoad ~15.8 s'],
  'webpagetest-nytimes-two-views.har': ['First View and Repeat View as two pages', '_initiator is a string (URL), with _initiator_line/_initiator_column', 'numbers encoded as strings in most WPT fields ("_load_ms":"87") and mixed types for the same key ("_all_ms": 48 vs "202")', 'httpVersion "me:" (request) and "2 3" (response) on HTTP/2 doubleclick hits', 'page objects carry ~80 custom _ fields', 'DoubleClick/quantserve/openx/dynamicyield tracker traffic; repeat view sends 25 cookies incl. walley (renamed GA _ga), _chartbeat2, WT_FPC, _dyid'],
};

const arr = (x) => (Array.isArray(x) ? x : x == null ? [] : [x]);
const hdrs = (m) => arr(m && m.headers);
const hget = (m, n) => hdrs(m).filter((h) => h && typeof h.name === 'string' && h.name.toLowerCase() === n).map((h) => String(h.value));
const host = (u) => { try { return new URL(u).host; } catch { return null; } };
const resolve = (base, rel) => { try { return new URL(rel, base).href; } catch { return rel; } };
const norm = (u) => { try { return new URL(u).href; } catch { return u; } };
const mime = (e) => String((e.response && e.response.content && e.response.content.mimeType) || '').toLowerCase();
const status = (e) => Number(e.response && e.response.status);
const isRedirect = (e) => status(e) >= 300 && status(e) < 400 && status(e) !== 304;

function isDocument(e, idx) {
  if (e._resourceType === 'document' || e._resourceType === 'Document') return true;
  if (e._type === '3' && idx === 0) return true; // WebPageTest
  if (!e.response) return false;
  if (mime(e).startsWith('text/html') || mime(e).startsWith('application/xhtml')) return true;
  if (idx === 0 && isRedirect(e)) return true;
  return false;
}

function redirectTarget(e) {
  const r = e.response || {};
  const loc = (typeof r.redirectURL === 'string' && r.redirectURL) || hget(r, 'location')[0];
  return loc ? resolve(e.request.url, loc) : null;
}

function pageUrl(entries) {
  const i = entries.findIndex((e, k) => isDocument(e, k));
  if (i < 0) return null;
  let cur = entries[i];
  const seen = new Set();
  while (cur && isRedirect(cur) && !seen.has(cur)) {
    seen.add(cur);
    const t = redirectTarget(cur);
    if (!t) break;
    const next = entries.find((e) => norm(e.request.url) === norm(t));
    if (!next) return norm(t);
    cur = next;
  }
  return cur ? cur.request.url : null;
}

function params(u) { try { return new URL(u).searchParams; } catch { return new URLSearchParams(); } }
function postParams(e) {
  const pd = e.request && e.request.postData;
  if (!pd) return new URLSearchParams();
  if (typeof pd.text === 'string' && pd.text && !pd.text.trim().startsWith('{')) return new URLSearchParams(pd.text);
  return new URLSearchParams();
}

function addTo(map, h, names) {
  if (!h || !names.length) return;
  if (!map.has(h)) map.set(h, new Set());
  names.forEach((n) => map.get(h).add(n));
}
const sortedHosts = (map) => [...map.keys()].sort().map((h) => ({ host: h, names: [...map.get(h)].sort() }));

function compute(file) {
  const har = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const log = har.log || {};
  const entries = arr(log.entries);
  const pages = Array.isArray(log.pages) ? log.pages : [];
  const creator = log.creator ? `${log.creator.name} ${log.creator.version}`.trim() : '(no log.creator)';

  const byPage = (id) => entries.filter((e) => e.pageref === id);
  const first = pages.length ? byPage(pages[0].id) : entries;
  const pageUrls = pages.map((p) => pageUrl(byPage(p.id)));

  const meta = new Set(), ga4 = new Set(), ua = new Set(), gaClassic = new Set();
  const sent = new Map(), set = new Map();
  const kinds = new Set();
  for (const e of entries) {
    const req = e.request || {};
    const u = String(req.url || '');
    const h = host(u);
    if (/(^|\.)facebook\.com$/.test(h || '') && /^\/tr\/?$/.test(new URL(u).pathname)) {
      const id = params(u).get('id') || postParams(e).get('id'); if (id) meta.add(id);
    }
    if (/google-analytics\.com$|analytics\.google\.com$/.test(h || '') && /\/g\/collect$/.test(new URL(u).pathname)) {
      const t = params(u).get('tid') || postParams(e).get('tid'); if (t) ga4.add(t);
    }
    if (/google-analytics\.com$/.test(h || '') && /\/(r\/)?collect$/.test(new URL(u).pathname)) {
      const p = params(u); if (p.get('v') === '1' && p.get('tid')) ua.add(p.get('tid'));
    }
    if (/google-analytics\.com$/.test(h || '') && /__utm\.gif$/.test(new URL(u).pathname)) {
      const a = params(u).get('utmac'); if (a) gaClassic.add(a);
    }
    // cookies sent
    const names = [];
    for (const c of hget(req, 'cookie')) c.split(';').forEach((p) => { const n = p.split('=')[0].trim(); if (n) names.push(n); });
    for (const c of arr(req.cookies)) if (c && c.name) names.push(String(c.name));
    addTo(sent, h, names);
    // cookies set
    const res = e.response || {};
    const setNames = hget(res, 'set-cookie').flatMap((v) => v.split('\n')).map((v) => v.split('=')[0].trim()).filter(Boolean);
    for (const c of arr(res.cookies)) if (c && c.name) setNames.push(String(c.name));
    addTo(set, h, setNames);
    // postData
    const pd = req.postData;
    if (pd) {
      if (typeof pd.text === 'string' && pd.text.length) kinds.add('text');
      if (Array.isArray(pd.params) && pd.params.length) kinds.add('params');
      if (/^multipart\/form-data/i.test(String(pd.mimeType || ''))) kinds.add('multipart');
    }
  }

  // automatic quirk detection
  const q = new Set();
  if (!log.creator) q.add('no log.creator');
  if (!log.version) q.add('no log.version');
  if (log.pages === null) q.add('log.pages is null');
  if (!('pages' in log)) q.add('no log.pages');
  if (pages.length > 1) q.add(`${pages.length} pages`);
  const ids = new Set(pages.map((p) => p.id));
  if (entries.some((e) => !('pageref' in e))) q.add('entries without pageref');
  if (entries.some((e) => 'pageref' in e && !ids.has(e.pageref))) q.add('pageref pointing to a page missing from log.pages');
  if (pages.some((p) => byPage(p.id).length === 0)) q.add('page(s) without entries');
  if (pages.some((p) => { const es = byPage(p.id); return es.length && !isDocument(es[0], 0); })) q.add("a page whose first entry is not the document");
  const init = entries.map((e) => e._initiator).filter((x) => x !== undefined);
  if (init.some((x) => typeof x === 'string')) q.add('_initiator is a string');
  if (init.some((x) => x && typeof x === 'object')) q.add('_initiator is an object');
  if (entries.some((e) => typeof e._initiator_detail === 'string')) q.add('_initiator_detail is a JSON-encoded string');
  if (entries.some((e) => !e.response)) q.add('entries without response');
  if (entries.some((e) => e.request && e.request.cookies && !Array.isArray(e.request.cookies))) q.add('request.cookies is an object, not an array');
  if (entries.some((e) => e.request && e.request.headersSize === null)) q.add('request.headersSize is null');
  if (entries.some((e) => e.response && e.response.redirectURL === null)) q.add('response.redirectURL is null');
  if (entries.some((e) => e.response && 'redirectionURL' in e.response)) q.add('extra response.redirectionURL field');
  if (entries.some((e) => e.response && e.response.status === 0)) q.add('status 0 (failed request)');
  if (entries.some((e) => e.response && e.response._error)) q.add('response._error set');
  if (entries.some((e) => status(e) === 304)) q.add('304 responses');
  if (entries.some((e) => isRedirect(e))) q.add('redirects');
  if (entries.some((e) => e.response && e.response.content && e.response.content.encoding === 'base64')) q.add('base64 content');
  if (entries.some((e) => e.timings && Object.keys(e.timings).length === 0)) q.add('empty timings object');
  if (entries.some((e) => e.request && /^$|^unknown$|^me:$|^2 3$/.test(String(e.request.httpVersion)))) q.add('odd/empty request.httpVersion');
  if (entries.some((e) => e.response && e.response.content && !('size' in e.response.content))) q.add('content without size');
  if (entries.some((e) => hdrs(e.request).some((h) => h.name && h.name.startsWith(':')))) q.add('HTTP/2 pseudo-headers in headers');
  if (entries.some((e) => Object.keys(e).some((k) => k.startsWith('_')))) q.add('custom _ fields on entries');
  const raw = fs.readFileSync(path.join(dir, file), 'utf8');
  if (/[^\x00-\x7f]/.test(raw)) q.add('non-ASCII characters');
  if (entries.some((e) => {
    const r = e.request || {};
    const m = new Map();
    for (const c of hget(r, 'cookie')) c.split(';').forEach((p) => { const i = p.indexOf('='); if (i > 0) m.set(p.slice(0, i).trim(), p.slice(i + 1).trim()); });
    return m.size > 0 && arr(r.cookies).some((c) => c && m.has(c.name) && m.get(c.name) !== String(c.value));
  })) q.add('request.cookies values disagree with the Cookie header');
  for (const n of NOTES[file] || []) q.add(n);

  const out = {
    file,
    producer: creator,
    pages: pages.map((p) => ({ id: p.id, title: p.title })),
    entries: entries.length,
    pageUrl: pageUrl(first),
  };
  if (pages.length > 1) out.pageUrls = pageUrls;
  Object.assign(out, {
    metaPixelIds: [...meta].sort(),
    ga4Ids: [...ga4].sort(),
    uaIds: [...ua].sort(),
    gaClassicIds: [...gaClassic].sort(),
    cookiesSent: sortedHosts(sent),
    cookiesSet: sortedHosts(set),
    postDataKinds: ['text', 'params', 'multipart'].filter((k) => kinds.has(k)),
    quirks: [...q],
  });
  return out;
}

const files = fs.readdirSync(dir).filter((f) => f.endsWith('.har')).sort();
process.stdout.write(JSON.stringify(files.map(compute), null, 2) + '\n');
