// End-to-end: web beacons, web storage and fingerprinting on the testbed, scanned in headless
// Chromium; the assertions are on the report's verdicts (REPORT.md, "Beacons, storage,
// fingerprinting").
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { launchBrowser } from '../src/browser.mjs';
import { capturePage } from '../src/capture.mjs';
import { core, scanUrl } from '../src/scan.mjs';
import { cli, useTestbed } from '@trackscope/test-support';

const REDACTED = /^•••• \(\d+ chars?\)$/;

describe('beacons, storage and fingerprinting (testbed)', () => {
  const suite = useTestbed('beacons');
  const { browserArgs } = suite;

  test('web beacons: pixel, sendBeacon with a first-party cookie value, ping, keepalive, Meta and GA pixels', async () => {
    // capturePage directly: the test follows the <a ping> link, as a visitor would.
    const context = await launchBrowser({ args: suite.bed.browserArgs });
    let capture, error;
    try {
      ({ capture, error } = await capturePage(context, suite.bed.url('shop.example', '/beacons.html'), {
        interact: page => page.click('#offer'),
      }));
    } finally {
      await context.close();
    }
    assert.equal(error, null);
    const result = (await core()).analyze(capture);
    assert.ok(result.ok, JSON.stringify(result.error));
    const report = result.report;
    const beacons = Object.fromEntries(report.beacons.map(b => [b.endpoint, b]));
    assert.deepEqual(Object.keys(beacons).sort(), [
      'https://collect.metrics.example/collect', 'https://collect.metrics.example/k',
      'https://collect.metrics.example/ping', 'https://pixel.adnet.example/px.gif',
      'https://sgtm.shop.example/g/collect', 'https://www.facebook.com/tr',
    ]);
    for (const b of report.beacons) assert.equal(b.category, 'web-beacons', b.endpoint);
    assert.equal(report.summary.beacons, 6);
    assert.equal(report.summary.beaconsWithIdentifiers, 5);
    assert.equal(report.summary.beaconsSharingCookies, 2);
    assert.equal(report.policy.categories.find(c => c.id === 'web-beacons').beacons, 6);

    // The 1×1 pixel with an id: size from the page's <img>, id named, value redacted.
    const px = beacons['https://pixel.adnet.example/px.gif'];
    assert.equal(px.kind, 'image');
    assert.deepEqual(px.image, { width: 1, height: 1 });
    assert.equal(px.party, 'third');
    assert.deepEqual(px.identifiers.map(i => i.param), ['uid']);
    assert.match(px.identifiers[0].value, REDACTED);
    assert.equal(px.url, 'https://pixel.adnet.example/px.gif?uid=••••&ev=offers');
    assert.ok(px.evidence.some(e => /tiny image 1×1/.test(e.text)));

    // sendBeacon carrying the first-party _mt_id cookie value to a third party.
    const mt = beacons['https://collect.metrics.example/collect'];
    assert.equal(mt.kind, 'sendBeacon');
    assert.equal(mt.scriptUrl, 'https://collect.metrics.example/m.js');
    assert.equal(mt.identifiers[0].param, 'cid');
    assert.deepEqual({ name: mt.identifiers[0].cookie.name, party: mt.identifiers[0].cookie.party }, { name: '_mt_id', party: 'first' });
    assert.ok(mt.evidence.some(e => e.text.startsWith('carries the value of first-party cookie `_mt_id` (shop.example) in `cid` to a third party')));

    // <a ping> and fetch keepalive.
    assert.equal(beacons['https://collect.metrics.example/ping'].kind, 'ping');
    const keepalive = beacons['https://collect.metrics.example/k'];
    assert.equal(keepalive.kind, 'keepalive');
    assert.equal(keepalive.scriptUrl, 'https://cdn.shop.example/tags.js');
    assert.deepEqual(keepalive.identifiers.map(i => i.param), ['vid']);

    // Meta Pixel under its real host name: decoded, attributed, the _fbp value found.
    const meta = beacons['https://www.facebook.com/tr'];
    assert.deepEqual(meta.pixel, { name: 'Meta Pixel', match: 'host', account: '1234567890123456', event: 'PageView',
                                   dataFields: ['cd[value]', 'cd[currency]'] });
    assert.equal(meta.vendor, 'Facebook');
    assert.equal(meta.purpose, 'advertising');
    assert.equal(meta.evidence[0].kind, 'catalog');
    assert.deepEqual(meta.identifiers.map(i => [i.param, i.cookie?.name]), [['fbp', '_fbp']]);

    // GA4 through the shop's own tagging server: recognised by its path shape, first party.
    const ga = beacons['https://sgtm.shop.example/g/collect'];
    assert.equal(ga.pixel.name, 'Google Analytics 4');
    assert.equal(ga.pixel.match, 'path-shape');
    assert.equal(ga.pixel.account, 'G-TESTBED01');
    assert.equal(ga.party, 'first');
    assert.equal(ga.purpose, 'analytics');
    assert.deepEqual(ga.identifiers.map(i => [i.param, i.cookie?.name]), [['cid', '_ga']]);
    assert.ok(ga.confidence < meta.confidence);

    // Values on request; nothing fetched outside the testbed.
    const full = (await core()).analyze(capture, { includeValues: true }).report;
    const pxFull = full.beacons.find(b => b.endpoint === 'https://pixel.adnet.example/px.gif');
    assert.equal(pxFull.identifiers[0].value, 'u-5f2a9c1e7b3d');
    for (const r of suite.bed.received) assert.ok(suite.bed.hosts.includes(r.host), `unexpected host ${r.host}`);
  });

  test('web storage: an identifier and a preference, classified like cookies', async () => {
    const { report, error } = await scanUrl(suite.bed.url('shop.example', '/storage.html'), { browserArgs: suite.bed.browserArgs });
    assert.equal(error, null);
    const items = Object.fromEntries(report.storage.map(s => [s.key, s]));
    assert.deepEqual(Object.keys(items).sort(), ['_mt_uid', 'ui_theme']);
    const id = items._mt_uid;
    assert.equal(id.area, 'localStorage');
    assert.equal(id.origin, 'https://shop.example');
    assert.equal(id.writes, 2);
    assert.equal(id.identifier, true);
    assert.equal(id.value, '•••• (36 chars)');
    assert.deepEqual(id.scripts, ['https://cdn.shop.example/prefs.js']);
    assert.equal(id.purpose, 'analytics');
    assert.equal(id.category, 'functional');  // first-party analytics, in the default policy
    const pref = items.ui_theme;
    assert.equal(pref.area, 'sessionStorage');
    assert.equal(pref.value, 'dark');
    assert.equal(pref.identifier, false);
    assert.equal(pref.purpose, 'functional');
    assert.equal(report.summary.storageItems, 2);
    assert.equal(report.summary.identifierStorageItems, 1);
  });

  test('fingerprinting: a third-party canvas fingerprinter is flagged, the shop\'s chart is not', async () => {
    const json = path.join(suite.dir, 'fp.json');
    const capturePath = path.join(suite.dir, 'fp-capture.json');
    const { code, stderr } = await cli(['scan', suite.bed.url('shop.example', '/fingerprint.html'), ...browserArgs(),
      '--json', json, '--save-capture', capturePath, '--quiet']);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    const scripts = Object.fromEntries(report.fingerprinting.map(f => [f.scriptUrl, f]));
    const fp = scripts['https://fp.tracker.example/fp.js'];
    assert.equal(fp.verdict, 'likely');
    assert.equal(fp.party, 'third');
    assert.match(fp.evidence[0], /^HTMLCanvasElement\.toDataURL read back a 240×60 canvas holding text \(29 characters, 3 colours\): canvas fingerprinting/);
    assert.equal(fp.counts.webglUnmasked, true);
    assert.ok(fp.counts.navigatorProperties + fp.counts.screenProperties >= 10);
    const chart = scripts['https://cdn.shop.example/chart.js'];
    assert.ok(!chart || chart.verdict === 'none', `chart.js judged ${chart?.verdict}`);
    assert.equal(report.summary.fingerprintingScripts, 1);
    // The capture carries the instrumentation's fingerprint events with the canvas facts.
    const events = JSON.parse(fs.readFileSync(capturePath, 'utf8')).events.filter(e => e.kind === 'fingerprint');
    const read = events.find(e => e.api === 'HTMLCanvasElement.toDataURL');
    assert.deepEqual(read.canvas, { width: 240, height: 60, textLength: 29, colors: 3, shapes: 1, interactive: false });
    assert.ok(events.some(e => e.api === 'WebGLRenderingContext.getParameter' && e.key === 'UNMASKED_RENDERER_WEBGL'));
  });
  test('a session recorder: found by its script and collector, and --fail-on session-recording', async () => {
    const json = path.join(suite.dir, 'recording.json');
    const { code, stderr } = await cli(['scan', suite.bed.url('shop.example', '/recording.html'), ...browserArgs(),
      '--json', json, '--quiet', '--fail-on', 'session-recording']);
    assert.equal(code, 3, stderr);
    assert.match(stderr, /--fail-on session-recording: 1 reason\n {2}session recording by Hotjar: \d+ request\(s\) to its recorder \(static\.hotjar\.com, in\.hotjar\.com\)/);
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    const found = report.findings.filter(f => f.kind === 'session-recording');
    assert.deepEqual(found.map(f => [f.item, f.severity, f.site]), [['Hotjar', 'warning', 'hotjar.com']]);
    assert.ok(report.trackers.some(t => t.id === found[0].itemId), 'the finding names the recorder\'s tracker');
    // The shop's other pages have none.
    const plain = await cli(['scan', suite.bed.url('shop.example', '/'), ...browserArgs(), '--format', 'json', '--no-visitor']);
    assert.deepEqual(JSON.parse(plain.stdout).findings.filter(f => f.kind === 'session-recording'), []);
  });

  test('a session recorder no list names: found by its behaviour (listener events)', async () => {
    const capturePath = path.join(suite.dir, 'replay-capture.json');
    const { code, stdout, stderr } = await cli(['scan', suite.bed.url('shop.example', '/replay.html'), ...browserArgs(),
      '--format', 'json', '--save-capture', capturePath]);
    assert.equal(code, 0, stderr);
    const found = JSON.parse(stdout).findings.filter(f => f.kind === 'session-recording');
    assert.deepEqual(found.map(f => f.item), ['rec.replay.example']);
    assert.match(found[0].message, /^session recording by a script of rec\.replay\.example \(by its behaviour\): https:\/\/rec\.replay\.example\/r\.js observes the page's changes, listens to 4 of the visitor's inputs .* and sent \d+ hit\(s\) to https:\/\/rec\.replay\.example\/batch$/);
    // What the instrumentation recorded: once per script and type.
    const listeners = JSON.parse(fs.readFileSync(capturePath, 'utf8')).events
      .filter(e => e.kind === 'listener' && e.scriptUrl === 'https://rec.replay.example/r.js').map(e => `${e.api} ${e.key}`).sort();
    assert.deepEqual(listeners, ['EventTarget.addEventListener click', 'EventTarget.addEventListener input', 'EventTarget.addEventListener keydown',
                                 'EventTarget.addEventListener pointermove', 'EventTarget.addEventListener scroll', 'MutationObserver.observe ']);
  });

  test('what a scan that stops at the load missed: storage by assignment, beacons on leaving, WebRTC, high-entropy APIs, POST bodies', async () => {
    const json = path.join(suite.dir, 'misses.json');
    const capturePath = path.join(suite.dir, 'misses-capture.json');
    const run = await cli(['scan', suite.bed.url('shop.example', '/misses.html'), ...browserArgs(), '--json', json, '--save-capture', capturePath, '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    const capture = JSON.parse(fs.readFileSync(capturePath, 'utf8'));

    // localStorage.visitor_id = ..., localStorage['ui_theme'] = ..., sessionStorage.landing = ...
    const storage = Object.fromEntries(report.storage.map(s => [`${s.area} ${s.key}`, s]));
    assert.deepEqual(Object.keys(storage).sort(), ['localStorage ui_theme', 'localStorage visitor_id', 'sessionStorage landing']);
    // Its value goes to collect.metrics.example in a form POST, a multipart POST and the beacons.
    const visitor = storage['localStorage visitor_id'];
    assert.ok(visitor.sharedWith.some(s => s.endpoint === 'https://collect.metrics.example/multipart' && s.where === 'body parameter `uid`'),
      JSON.stringify(visitor.sharedWith));
    assert.ok(visitor.sharedWith.some(s => s.endpoint === 'https://collect.metrics.example/form'));
    assert.notEqual(visitor.purpose, 'necessary');

    // Beacons sent on pagehide and visibilitychange, as the visit ended by leaving the page.
    const beacons = Object.fromEntries(report.beacons.map(b => [b.endpoint, b]));
    for (const endpoint of ['https://collect.metrics.example/exit', 'https://collect.metrics.example/hidden']) {
      assert.ok(beacons[endpoint], `${endpoint} in ${Object.keys(beacons)}`);
      assert.equal(beacons[endpoint].kind, 'sendBeacon');
      assert.deepEqual(beacons[endpoint].identifiers.map(i => i.param), ['vid']);
    }
    // Request methods and bodies in the capture.
    const posts = capture.requests.filter(r => r.method === 'POST').map(r => new URL(r.url).pathname);
    assert.deepEqual(posts.sort(), ['/exit', '/form', '/hidden', '/multipart']);
    assert.match(capture.requests.find(r => r.url.endsWith('/multipart')).requestBody, /name="uid"\r\n\r\nv-7c41d2e9a8b34f60/);

    // WebRTC local IP discovery and high-entropy APIs.
    const script = report.fingerprinting.find(f => f.scriptUrl === 'https://cdn.shop.example/misses.js');
    assert.equal(script.verdict, 'likely');
    assert.deepEqual(script.techniques, ['webrtc', 'battery', 'media-devices', 'permissions', 'client-hints', 'speech', 'timezone', 'client-rects']);
    assert.match(script.evidence[0], /local IP address discovery/);
    // getParameter of something that is no GLenum is said as given, not as "0xNaN".
    assert.ok(script.calls.some(c => c.api === 'WebGLRenderingContext.getParameter' && c.key === 'not-a-glenum'), JSON.stringify(script.calls));
  });
});
