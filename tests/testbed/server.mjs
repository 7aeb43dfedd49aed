// The testbed: small web sites with real first- and third-party trackers, served on 127.0.0.1
// under invented host names. Chromium reaches them through `--host-resolver-rules`, so cookies,
// eTLD+1 and third-party logic behave as on the web.
//
//   const bed = await startTestbed();
//   launch chromium with bed.browserArgs   // host mapping + accept the testbed's certificate
//   page.goto(bed.url('shop.example', '/'))
//   bed.received                           // every request the testbed served, for assertions
//   await bed.close();
//
// Two ports on 127.0.0.1, one plain HTTP and one HTTPS with a certificate made at start; the host
// rules send each invented host's ports 80 and 443 there. Static files live in sites/<host>/; dynamic endpoints (pixels, beacon collectors) are
// the `routes` below.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import selfsigned from 'selfsigned';
import { signalRoutes } from './signal-sites.mjs';
import { beaconRoutes } from './beacon-sites.mjs';
import { widgetRoutes } from './widget-sites.mjs';
import { scannerRoutes } from './scanner-sites.mjs';
import { dataRoutes } from './data-sites.mjs';
import { crawlRoutes } from './crawl-sites.mjs';
import { cmpRoutes } from './cmp-sites.mjs';
import { REALWORLD_DIR, realworldRoutes } from './realworld-sites.mjs';
import { HTML, PIXEL_GIF, respond } from './respond.mjs';

const SITES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sites');

// Path prefixes served from a build output instead of sites/<host>/: the embeddable widget, hosted
// by the shop as a site owner would (`npm run build -w widget` fills widget/dist/).
const MOUNTS = { 'shop.example/trackscope/': path.join(SITES_DIR, '..', '..', '..', 'widget', 'dist') };


const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8', '.gif': 'image/gif',
  '.png': 'image/png', '.wasm': 'application/wasm' };

function randomId(bytes = 16) {
  return crypto.randomBytes(bytes).toString('hex');
}

// Dynamic endpoints: `${host}${pathname}` -> handler(req, res, url, body).
const routes = {
  'pixel.adnet.example/px.gif'(req, res) {
    const uid = `adnet_uid=${randomId()}; Domain=adnet.example; Path=/; Max-Age=${90 * 86400}; Secure; SameSite=None`;
    respond(res, 'image/gif', PIXEL_GIF, { headers: { 'set-cookie': uid } });
  },
  'collect.metrics.example/collect'(req, res) {
    res.statusCode = 204;
    res.setHeader('access-control-allow-origin', '*');
    res.end();
  },
  // An empty page on which the extension's Firefox test build listens for the test's requests
  // (extension/test-hooks/harness.js).
  'harness.example/'(req, res) {
    respond(res, HTML, '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>test harness</title></head><body></body></html>');
  },
  // DNT/GPC sites whose behaviour depends on the signal headers (signal-sites.mjs).
  ...signalRoutes,
  // Web beacon endpoints, some under real tracker host names (beacon-sites.mjs).
  ...beaconRoutes,
  // Widget pages that need headers: a strict CSP, an HttpOnly cookie, dated scan reports (widget-sites.mjs).
  ...widgetRoutes,
  // Consent banners (autoconsent), failing and plain pages for the scanner (scanner-sites.mjs).
  ...scannerRoutes,
  // Personal and sensitive data in hits, key-logging (data-sites.mjs).
  ...dataRoutes,
  // A site of 22 pages, linked and in a sitemap, to crawl (crawl-sites.mjs).
  ...crawlRoutes,
  // Consent managers' cookie declarations that differ from what the page does (cmp-sites.mjs).
  ...cmpRoutes,
  // Test pages of other privacy projects under their real host names (realworld-sites.mjs).
  ...realworldRoutes,
};

// Host names the testbed answers for (under the reserved .example TLD, and the real tracker names of
// beacon-sites.mjs, mapped here by the host rules): those with static
// files and those with dynamic endpoints only (git keeps no empty folders).
export const HOSTS = [...new Set([
  ...[SITES_DIR, REALWORLD_DIR].flatMap(dir => fs.readdirSync(dir).filter(h => fs.statSync(path.join(dir, h)).isDirectory())),
  ...Object.keys(routes).map(r => r.slice(0, r.indexOf('/'))),
])].sort();

// Headers for static responses that need them: the first-party session cookie on the shop's
// pages; with ?bfcache in the URL, Cache-Control: no-cache instead of no-store, which would keep
// the page out of Chromium's back/forward cache (no-cache still makes every load ask the server).
function staticHeaders(host, pathname, url) {
  const headers = {};
  if (host === 'shop.example' && ['/index.html', '/widget.html', '/everything.html'].includes(pathname)) {
    headers['set-cookie'] = `shop_session=${randomId()}; Path=/; HttpOnly; Secure; SameSite=Lax`;
  }
  if (url.searchParams.has('bfcache')) headers['cache-control'] = 'no-cache';
  return headers;
}

async function certificate() {
  const altNames = [{ type: 2, value: '*.example' }];
  for (const host of HOSTS) altNames.push({ type: 2, value: host }, { type: 2, value: `*.${host}` });
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'trackscope testbed' }], {
    keySize: 2048, days: 30, algorithm: 'sha256', extensions: [{ name: 'subjectAltName', altNames }],
  });
  return { key: pems.private, cert: pems.cert };
}

export async function startTestbed({ port = 0 } = {}) {
  const received = [];

  async function handle(req, res) {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url, `https://${host}`);
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString('utf8');
    received.push({ host, method: req.method, path: url.pathname + url.search, headers: req.headers, body,
                    secure: Boolean(req.socket.encrypted), time: Date.now() });

    const route = routes[host + url.pathname];
    if (route) return route(req, res, url, body);

    if (!HOSTS.includes(host)) {
      res.statusCode = 421;
      return res.end(`testbed does not serve ${host}\n`);
    }
    let pathname = decodeURIComponent(url.pathname);
    if (pathname.endsWith('/')) pathname += 'index.html';
    const mount = Object.keys(MOUNTS).find(prefix => (host + pathname).startsWith(prefix));
    const root = mount ? MOUNTS[mount] : [SITES_DIR, REALWORLD_DIR].map(dir => path.join(dir, host)).find(p => fs.existsSync(p)) ?? path.join(SITES_DIR, host);
    const file = path.join(root, path.normalize(mount ? (host + pathname).slice(mount.length) : pathname));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.statusCode = 404;
      return res.end('not found\n');
    }
    respond(res, TYPES[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file),
            { headers: staticHeaders(host, pathname, url) });
  }

  const onRequest = (req, res) => handle(req, res).catch(err => { res.statusCode = 500; res.end(String(err)); });
  const servers = [http.createServer(onRequest), https.createServer(await certificate(), onRequest)];
  const sockets = new Set();
  for (const server of servers) {
    server.on('connection', socket => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  }
  const listen = (server, p) => new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(p, '127.0.0.1', () => resolve(server.address().port));
  });
  const httpPort = await listen(servers[0], port);
  const httpsPort = await listen(servers[1], port ? port + 1 : 0);
  // As an HTTP proxy (for Firefox, which has no host-resolver rules): CONNECT tunnels to the HTTPS
  // server for the hosts the testbed serves, and refuses every other host (nothing goes out);
  // plain-HTTP requests in absolute form reach `handle` like any other.
  servers[0].on('connect', (req, client) => {
    const [host, target] = req.url.split(':');
    if (!HOSTS.includes(host.toLowerCase()) || !['443', '80'].includes(target)) {
      // Recorded like any request, so that tests see what a browser tried to reach.
      received.push({ host: host.toLowerCase(), method: 'CONNECT', path: `:${target}`, headers: req.headers, body: '', secure: false, time: Date.now() });
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const upstream = net.connect(target === '443' ? httpsPort : httpPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const drop = () => { upstream.destroy(); client.destroy(); };
    upstream.on('error', drop);
    client.on('error', drop);
  });
  // Chromium matches a rule's pattern against "host" or "host:port": ports 80 and 443 of every
  // invented host go to the two servers.
  const hostResolverRules = [
    `MAP *.example:80 127.0.0.1:${httpPort}`, `MAP *.example:443 127.0.0.1:${httpsPort}`,
    'MAP *.example:* ~NOTFOUND',
    // Real host names the testbed stands in for (www.facebook.com): mapped here, never resolved.
    ...HOSTS.filter(h => !h.endsWith('.example')).flatMap(h => [`MAP ${h}:80 127.0.0.1:${httpPort}`,
                                                                `MAP ${h}:443 127.0.0.1:${httpsPort}`, `MAP ${h}:* ~NOTFOUND`]),
  ].join(',');

  return {
    httpPort,
    httpsPort,
    hosts: HOSTS,
    received,
    hostResolverRules,
    // Chromium flags that make the invented hosts resolve here and accept the test certificate.
    browserArgs: [`--host-resolver-rules=${hostResolverRules}`, '--ignore-certificate-errors'],
    // Firefox preferences to the same effect: every request through the testbed as a proxy (which
    // serves its hosts and refuses the rest); the certificate is accepted by the driver
    // (acceptInsecureCerts).
    firefoxPrefs: {
      'network.proxy.type': 1, 'network.proxy.http': '127.0.0.1', 'network.proxy.http_port': httpPort,
      'network.proxy.ssl': '127.0.0.1', 'network.proxy.ssl_port': httpPort, 'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true, 'network.proxy.share_proxy_settings': false,
    },
    url(host, pathname = '/') {
      return `https://${host}${pathname}`;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all(servers.map(server => new Promise(resolve => server.close(resolve))));
    },
  };
}

// `node tests/testbed/server.mjs [port]`: serve until interrupted (for manual browsing).
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const bed = await startTestbed({ port: Number(process.argv[2] ?? 0) });
  console.log(`testbed on 127.0.0.1:${bed.httpPort} (http) and :${bed.httpsPort} (https); start Chromium with:`);
  console.log(`  chromium ${bed.browserArgs.map(a => `'${a}'`).join(' ')} ${bed.url('shop.example')}`);
}
