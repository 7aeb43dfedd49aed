// Testbed sites for Do Not Track / Global Privacy Control: what each does depends on the request
// headers, as a server that honours the signals decides.
//
//   site                  with the signal (Sec-GPC: 1 or DNT: 1)        declares
//   gpc-honours.example   GPC: no ad cookie, no pixel, no analytics     gpc.json {"gpc": true, "lastUpdate"}
//   gpc-ignores.example   GPC: everything as without it                 gpc.json {"gpc": true} (a false promise)
//   gpc-partly.example    GPC: no ad cookie, no pixel; analytics stays  gpc.json {"gpc": "yes"} (invalid)
//   news.example          DNT: no ad cookie, no pixel, no analytics     EFF dnt-policy.txt, Tk: N
//   blog.example          DNT: everything as without it                 an edited dnt-policy.txt, Tk: N
//
// Without the signal each page sets a first-party advertising cookie (_fbp, server-side), loads
// the ad network's pixel (pixel.adnet.example: third-party cookie adnet_uid) and the analytics
// script (collect.metrics.example/m.js: first-party cookie _mt_id and a sendBeacon). An inline
// script reads navigator.globalPrivacyControl, as consent managers do, and on the two GPC sites
// with a consent manager writes its record: US Privacy (`usprivacy`) and IAB GPP (`__gpp`, a US
// National section with its GPC subsection; strings encoded with IAB's @iabgpp/cmpapi).
//
//   site                  consent record with GPC                   without GPC
//   gpc-honours.example   1YYN; usnat opted out of sale and ads,    1YNN; usnat did not opt out,
//                         GPC flag set                              GPC flag not set
//   gpc-ignores.example   1YNN; usnat did not opt out, GPC flag not set (whatever the browser sends)
//
// The EFF policy text is read from Debian's webext-privacy-badger at request time (it is not part
// of this repository); when it is not installed dnt-policy.txt answers 404.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { HTML, respond } from './respond.mjs';

export const EFF_DNT_POLICY = '/usr/share/webext/privacy-badger/data/dnt-policy.txt';

// usnat: sale and targeted-advertising opt-out notices given; opt-outs 1 (opted out) or 2 (did not).
const GPP_OPTED_OUT = 'DBABLA~CEQRAAAAAABA.YA';  // + GPC flag set
const GPP_NOT_OPTED_OUT = 'DBABLA~CEQiAAAAAABA.QA';  // + GPC flag not set

const SITES = {
  'gpc-honours.example': { signal: 'gpc', drops: ['ads', 'analytics'], gpcJson: '{"gpc": true, "lastUpdate": "2025-01-15"}', cmp: 'follows-gpc' },
  'gpc-ignores.example': { signal: 'gpc', drops: [], gpcJson: '{"gpc": true}', cmp: 'ignores-gpc' },
  'gpc-partly.example': { signal: 'gpc', drops: ['ads'], gpcJson: '{"gpc": "yes", "lastUpdate": "2025-01-15"}' },
  'news.example': { signal: 'dnt', drops: ['ads', 'analytics'], dntPolicy: 'eff', tk: 'N' },
  'blog.example': { signal: 'dnt', drops: [], dntPolicy: 'edited', tk: 'N' },
};

function sent(req, signal) {
  return req.headers[signal === 'gpc' ? 'sec-gpc' : 'dnt'] === '1';
}

function page(host, site, req, res) {
  const on = sent(req, site.signal);
  const ads = !(on && site.drops.includes('ads'));
  const analytics = !(on && site.drops.includes('analytics'));
  if (ads) {
    const fbp = `fb.1.${Date.now()}.${crypto.randomInt(1e9)}`;
    res.setHeader('set-cookie', `_fbp=${fbp}; Path=/; Max-Age=${90 * 86400}; Secure; SameSite=Lax`);
  }
  if (site.tk) res.setHeader('tk', site.tk);
  respond(res, HTML, `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${host} — trackscope testbed</title>
  <script>window.gpcSeen = navigator.globalPrivacyControl === true;</script>
  ${site.cmp ? cmpScript(site.cmp) : ''}
  ${analytics ? '<script src="https://collect.metrics.example/m.js" async></script>' : ''}
</head>
<body>
  <h1>${host}</h1>
  <p>${site.signal.toUpperCase()} ${on ? 'received' : 'not received'}.</p>
  ${ads ? `<img src="https://pixel.adnet.example/px.gif?uid=u-${crypto.randomBytes(6).toString('hex')}&amp;site=${host}" width="1" height="1" alt="">` : ''}
</body>
</html>
`);
}

// A consent manager's record, written as CMPs do, from the navigator property.
function cmpScript(kind) {
  const optedOut = kind === 'follows-gpc' ? 'navigator.globalPrivacyControl === true' : 'false';
  return `<script>
    const optedOut = ${optedOut};
    document.cookie = 'usprivacy=' + (optedOut ? '1YYN' : '1YNN') + '; path=/; max-age=31536000';
    document.cookie = '__gpp=' + (optedOut ? '${GPP_OPTED_OUT}' : '${GPP_NOT_OPTED_OUT}') + '; path=/; max-age=31536000';
  </script>`;
}

function dntPolicy(kind, res) {
  if (!fs.existsSync(EFF_DNT_POLICY)) return respond(res, 'text/plain', 'not found\n', { status: 404 });
  let body = fs.readFileSync(EFF_DNT_POLICY, 'utf8');
  if (kind === 'edited') body = body.replace('Do Not Track', 'Do Not Track (where we see fit)');
  respond(res, 'text/plain; charset=utf-8', body);
}

// `${host}${pathname}` -> handler, merged into the testbed's routes.
export const signalRoutes = {};
for (const [host, site] of Object.entries(SITES)) {
  signalRoutes[`${host}/`] = (req, res) => page(host, site, req, res);
  if (site.gpcJson) signalRoutes[`${host}/.well-known/gpc.json`] = (req, res) => respond(res, 'application/json', site.gpcJson);
  if (site.dntPolicy) signalRoutes[`${host}/.well-known/dnt-policy.txt`] = (req, res) => dntPolicy(site.dntPolicy, res);
}

// A site whose gpc.json lives on its CDN: /.well-known/gpc.json answers a redirect to another
// origin that allows no cross-origin reads. A fetch from inside the page (with the page's cookies)
// is refused after the redirect; a client that fetches it as a browser tab would — outside the
// page, without cookies — reads {"gpc": true}. The page sets a session cookie, so a request that
// carries it is seen in the testbed's log.
signalRoutes['gpc-cdn.example/'] = (req, res) => respond(res, HTML,
  '<!doctype html><meta charset="utf-8"><title>GPC on a CDN</title><h1>gpc-cdn.example</h1>',
  { headers: { 'set-cookie': `sid=${crypto.randomBytes(8).toString('hex')}; Path=/; Secure; SameSite=Lax` } });
signalRoutes['gpc-cdn.example/.well-known/gpc.json'] = (req, res) => respond(res, 'text/plain', '',
  { status: 302, headers: { location: 'https://static.gpc-cdn-files.example/gpc.json' } });
signalRoutes['static.gpc-cdn-files.example/gpc.json'] = (req, res) => respond(res, 'application/json', '{"gpc": true, "lastUpdate": "2025-06-01"}');
