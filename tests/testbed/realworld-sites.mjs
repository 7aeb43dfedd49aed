// Real-world test pages written by other privacy projects (tests/realworld/pages/, see SOURCES.md
// there), served under their real host names. The static files are served by server.mjs from
// tests/realworld/pages/<host>/; this module adds what those projects' own servers do beyond
// serving files, rewritten from their server code (named at each entry):
//
//   privacy-test-pages.site and the hosts DuckDuckGo points at the same server
//     (good/bad/broken.third-party.site, convert.ad-company.site): every file of the
//     privacy-test-pages.site folder on all five hosts, with DuckDuckGo's static headers, and the
//     endpoints /reflect-headers, /set-cookie, /cached-random-number (duckduckgo/privacy-test-pages server.js)
//   global-privacy-control.glitch.me: "/" rendered from views/index.ejs with the Sec-GPC request header
//     (globalprivacycontrol/reference-server-express server.js); gpc.json and the rest are static files
//   chrome.dev/f/cookie_1p/, 3pc.glitch.me, 3p-site.glitch.me: Google's cookie demos, whose images
//     and iframes answer with Set-Cookie (privacysandbox/privacy-sandbox-web-playbook cookie-basics/*/index.js)
//   www.googletagmanager.com, cdn.glitch.com: resources the pages above reference that are not served
//     offline; mapped here so that they answer 404 instead of going to the Internet
//
// Templates (views/) are not public files upstream: requests for them answer 404, as there.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HTML, PIXEL_GIF, respond } from './respond.mjs';

export const REALWORLD_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'realworld', 'pages');

const TYPES = { '.html': HTML, '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.gif': 'image/gif' };

function file(host, rel) {
  return fs.readFileSync(path.join(REALWORLD_DIR, host, rel));
}

function notFound(req, res) {
  res.statusCode = 404;
  res.setHeader('cache-control', 'no-store');
  res.end('not served by the testbed\n');
}

// Every file under dir, as paths relative to it ('a/b.js').
function listFiles(dir, prefix = '') {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap(entry => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(dir, rel) : [rel];
  });
}

// --- duckduckgo/privacy-test-pages -----------------------------------------------------------------

// "We have couple of test domains, that all resolve to privacy-test-pages.site" (its README).
const DDG = 'privacy-test-pages.site';
const DDG_HOSTS = [DDG, 'good.third-party.site', 'bad.third-party.site', 'broken.third-party.site', 'convert.ad-company.site'];

// server.js: express.static('.') with setHeaders (Access-Control-Allow-Origin: *, Timing-Allow-Origin: *,
// Server-Timing: loaded); a directory answers with its index.html.
function ddgStatic(rel) {
  return (req, res) => respond(res, TYPES[path.extname(rel)] ?? 'application/octet-stream', file(DDG, rel), {
    headers: { 'access-control-allow-origin': '*', 'timing-allow-origin': '*', 'server-timing': 'loaded' },
  });
}

// server.js: GET /reflect-headers answers {url, headers} (req.headers: lower-case names); ?text=1 as plain text.
function reflectHeaders(req, res, url) {
  const result = JSON.stringify({ url: `${req.socket.encrypted ? 'https' : 'http'}://${req.headers.host}${req.url}`, headers: req.headers });
  respond(res, url.searchParams.has('text') ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8', result, {
    headers: { 'access-control-allow-origin': req.headers.origin || '*', 'access-control-allow-credentials': 'true',
               'timing-allow-origin': '*' },
  });
}

// server.js: GET /set-cookie?value=V[&name=N] sets N (default headerdata) = V for 10 days, HttpOnly, Secure,
// SameSite=None (express res.cookie); without a value it answers 401.
function setCookie(req, res, url) {
  const headers = { 'access-control-allow-origin': req.headers.origin || '*', 'access-control-allow-credentials': 'true',
                    'timing-allow-origin': '*' };
  const value = url.searchParams.get('value');
  if (!value) return respond(res, 'text/plain; charset=utf-8', 'Unauthorized', { status: 401, headers });
  const name = url.searchParams.get('name') || 'headerdata';
  const expires = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000).toUTCString();
  headers['set-cookie'] = `${name}=${encodeURIComponent(value)}; Path=/; Expires=${expires}; HttpOnly; Secure; SameSite=None`;
  respond(res, 'text/plain; charset=utf-8', 'OK', { headers });
}

// server.js: GET /cached-random-number answers Math.round(Math.random() * 1000), cacheable for a year.
function cachedRandomNumber(req, res) {
  respond(res, 'text/plain', String(Math.round(Math.random() * 1000)),
          { headers: { 'cache-control': 'public, max-age=31556926, immutable' } });
}

const ddgRoutes = {};
for (const host of DDG_HOSTS) {
  for (const rel of listFiles(path.join(REALWORLD_DIR, DDG))) {
    ddgRoutes[`${host}/${rel}`] = ddgStatic(rel);
    if (path.basename(rel) === 'index.html') ddgRoutes[`${host}/${rel.slice(0, -'index.html'.length)}`] = ddgStatic(rel);
  }
  ddgRoutes[`${host}/reflect-headers`] = reflectHeaders;
  ddgRoutes[`${host}/set-cookie`] = setCookie;
  ddgRoutes[`${host}/cached-random-number`] = cachedRandomNumber;
}

// --- globalprivacycontrol/reference-server-express ---------------------------------------------------

const GPC_REF = 'global-privacy-control.glitch.me';

const escapeHtml = value => (value == null ? '' : String(value)).replace(/[&<>"']/g,
  c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c]);

// The part of EJS the reference server's views use: <%- include('x') %>, <%= value %> (escaped) and
// <% code %> (an if/else), with include paths relative to the including template.
function renderEjs(templatePath, data) {
  const source = fs.readFileSync(templatePath, 'utf8');
  let code = 'let __out = "";\n';
  let last = 0;
  for (const match of source.matchAll(/<%([-=]?)([\s\S]*?)%>/g)) {
    code += `__out += ${JSON.stringify(source.slice(last, match.index))};\n`;
    const [, tag, body] = match;
    if (tag === '=') code += `__out += __escape(${body});\n`;
    else if (tag === '-') code += `__out += (${body});\n`;
    else code += `${body}\n`;
    last = match.index + match[0].length;
  }
  code += `__out += ${JSON.stringify(source.slice(last))};\nreturn __out;`;
  const include = name => renderEjs(path.resolve(path.dirname(templatePath), name.endsWith('.ejs') ? name : `${name}.ejs`), data);
  return new Function('__escape', 'include', ...Object.keys(data), code)(escapeHtml, include, ...Object.values(data));
}

const gpcRoutes = {
  // server.js: app.get("/") renders index with globalPrivacyControlValue = req.header('Sec-GPC').
  [`${GPC_REF}/`](req, res) {
    const html = renderEjs(path.join(REALWORLD_DIR, GPC_REF, 'views', 'index.ejs'),
                           { globalPrivacyControlValue: req.headers['sec-gpc'] });
    respond(res, HTML, html);
  },
};
for (const rel of listFiles(path.join(REALWORLD_DIR, GPC_REF, 'views'))) gpcRoutes[`${GPC_REF}/views/${rel}`] = notFound;

// --- privacysandbox/privacy-sandbox-web-playbook cookie-basics ----------------------------------------

// The demos' kittens.jpg and chrome-settings-block-cookies.png are binary files not brought here:
// their URLs answer the testbed's 1x1 GIF, with the Set-Cookie header upstream sends.
const image = cookie => (req, res) => respond(res, 'image/gif', PIXEL_GIF, { headers: { 'set-cookie': cookie } });
const page = (host, rel, cookie) => (req, res) => respond(res, HTML, file(host, rel), cookie ? { headers: { 'set-cookie': cookie } } : {});

const COOKIE_1P = 'chrome.dev/f/cookie_1p';
const THIRD_PARTY_DEMO = '3pc.glitch.me';
const THIRD_PARTY_SITE = '3p-site.glitch.me';

const cookieDemoRoutes = {
  // cookie-1p/index.js: "/" sends views/index.html; /images/:name adds cat=tabby (one day, no Path);
  // /iframe/index.html adds iframe-seen=true (session, Path=/); public/ is static.
  [`${COOKIE_1P}/`]: page('chrome.dev', 'f/cookie_1p/views/index.html'),
  [`${COOKIE_1P}/images/kittens.jpg`]: image('cat=tabby; Max-Age=86400; Secure; HTTPOnly'),
  [`${COOKIE_1P}/images/chrome-settings-block-cookies.png`]: image('cat=tabby; Max-Age=86400; Secure; HTTPOnly'),
  [`${COOKIE_1P}/iframe/index.html`]: page('chrome.dev', 'f/cookie_1p/iframe/index.html', 'iframe-seen=true; Path=/; Secure; HTTPOnly'),
  [`${COOKIE_1P}/views/index.html`]: notFound,
  // cookie-3p/index.js: "/" sends views/index.html; public/ is static.
  [`${THIRD_PARTY_DEMO}/`]: page(THIRD_PARTY_DEMO, 'views/index.html'),
  [`${THIRD_PARTY_DEMO}/views/index.html`]: notFound,
  // cookie-3p-site/index.js: /images/:name adds cat=tabby (no SameSite, so Lax); /iframe* adds
  // iframe-seen=true with SameSite=None (session); "/" answers a line of text.
  [`${THIRD_PARTY_SITE}/`]: (req, res) => respond(res, HTML, 'Response to request to /'),
  [`${THIRD_PARTY_SITE}/images/kittens.jpg`]: image('cat=tabby; Max-Age=86400; Secure; HTTPOnly'),
  [`${THIRD_PARTY_SITE}/views/iframe/index.html`]: notFound,
};
for (const p of ['/iframe', '/iframe/', '/iframe/index.html']) {
  cookieDemoRoutes[`${THIRD_PARTY_SITE}${p}`] = page(THIRD_PARTY_SITE, 'views/iframe/index.html',
                                                     'iframe-seen=true; Secure; HTTPOnly; SameSite=None');
}

// --- referenced, not served offline ------------------------------------------------------------------

const offlineRoutes = {
  'www.googletagmanager.com/gtag/js': notFound,  // gtag.js, G-754F24EHD8 (the cookie demos)
  'cdn.glitch.com/da695384-aad1-41c0-b2ea-7cd9c545f0a0%2Ffavicon.ico': notFound,  // the GPC reference page's icons
};

export const realworldRoutes = { ...ddgRoutes, ...gpcRoutes, ...cookieDemoRoutes, ...offlineRoutes };
