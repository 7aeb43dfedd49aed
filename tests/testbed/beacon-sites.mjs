// Testbed endpoints for web beacons (issue 5): pages shop.example/beacons.html, storage.html and
// fingerprint.html use them. The Meta Pixel is served under its real host name, www.facebook.com,
// which the testbed maps to itself like any invented host (server.mjs: host rules for names
// outside .example) — the way a staging site is audited with --host-resolver-rules — so that the
// pixel decoder, the vendor table and the filter lists see the real endpoint. The GA4 hit goes to
// a first-party proxy (server-side tagging) under an invented name, which the core recognises by
// the shape of its path.

import { PIXEL_GIF, respond } from './respond.mjs';

// A beacon collector: accepts anything, answers 204, readable cross-origin.
function sink(req, res) {
  res.statusCode = 204;
  res.setHeader('access-control-allow-origin', '*');
  res.end();
}

// A session recorder (ours, much reduced): it watches the page's changes, the pointer, clicks,
// scrolling and keys, and sends what it saw in batches to `collector`, as recorders do. Served
// under Hotjar's real host names (shop.example/recording.html: known by name) and under an
// unknown name (shop.example/replay.html: known by its behaviour only).
const recorderJs = collector => String.raw`(function () {
  var events = [];
  function note(type, e) { events.push({ t: Date.now(), type: type, x: e && e.clientX, y: e && e.clientY }); }
  new MutationObserver(function (m) { note('mutation', null); }).observe(document.documentElement, { subtree: true, childList: true, attributes: true });
  ['pointermove', 'click', 'scroll', 'keydown', 'input'].forEach(function (type) { addEventListener(type, function (e) { note(type, e); }, true); });
  function send() {
    if (!events.length) return;
    navigator.sendBeacon('${collector}', JSON.stringify({ events: events.splice(0) }));
  }
  setInterval(send, 1000);
  addEventListener('pagehide', send);
  note('start', null);
  send();
})();`;

export const beaconRoutes = {
  'static.hotjar.com/c/hotjar-1.js': (req, res) => respond(res, 'text/javascript',
    recorderJs('https://in.hotjar.com/api/v2/client/sites/1/visit-data?sv=6')),
  'in.hotjar.com/api/v2/client/sites/1/visit-data': sink,
  'rec.replay.example/r.js': (req, res) => respond(res, 'text/javascript', recorderJs('https://rec.replay.example/batch?s=1')),
  'rec.replay.example/batch': sink,
  'collect.metrics.example/ping': sink,  // <a ping> (hyperlink auditing)
  'collect.metrics.example/k': sink,     // fetch(..., {keepalive: true})
  'sgtm.shop.example/g/collect': sink,   // GA4 through the shop's own tagging server
  'www.facebook.com/tr': (req, res) => respond(res, 'image/gif', PIXEL_GIF),  // Meta Pixel
  'www.facebook.com/tr/': (req, res) => respond(res, 'image/gif', PIXEL_GIF),
  'region1.google-analytics.com/g/collect': sink,  // GA4 on Google's own host (pixels.html)
  // misses.html: beacons sent while the page is left, a form and a multipart POST.
  'collect.metrics.example/exit': sink,
  'collect.metrics.example/hidden': sink,
  'collect.metrics.example/form': sink,
  'collect.metrics.example/multipart': sink,
};
