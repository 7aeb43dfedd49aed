// The DNT/GPC comparison and HAR import through the package's entry point.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { createCore } from '@trackscope/core';

const page = (cookies, signals = {}) => ({
  version: 1,
  page: { url: 'https://news.example/', capturedAt: '2026-11-29T05:00:00Z' },
  signals: { dnt: false, gpc: false, ...signals },
  requests: [{ url: 'https://news.example/', type: 'main_frame', status: 200 }],
  cookies,
});
const ga = { name: '_ga', value: 'GA1.1.123.456', domain: '.news.example', expires: 1900000000 };
const ide = { name: 'IDE', value: 'AHWqTUk', domain: '.doubleclick.net', expires: 1900000000 };

describe('@trackscope/core: privacy signals (WASM)', () => {
  let core;
  before(async () => { core = await createCore({ filters: false }); });

  test('analyze() reports the privacy section and findings', () => {
    const result = core.analyze({ ...page([ga], { gpc: true }), consent: 'none',
      wellKnown: { gpcJson: { status: 200, body: '{"gpc": true}' } } });
    assert.equal(result.ok, true, JSON.stringify(result.error));
    const { privacy, findings } = result.report;
    assert.equal(privacy.gpc.sent, true);
    assert.equal(privacy.gpcJson.status, 'valid');
    assert.equal(privacy.gpc.declared, 'honoured');
    assert.deepEqual(findings.map(f => f.kind).sort(), ['before-consent', 'signal-contradiction']);
  });

  test('compareSignals() gives the verdict with the evidence and both reports', () => {
    const result = core.compareSignals(page([ga, ide]), page([ga], { gpc: true }), 'gpc', { policy: 'consent-manager' });
    assert.equal(result.ok, true, JSON.stringify(result.error));
    const { comparison, off, on } = result;
    assert.equal(comparison.format, 'trackscope-signal-comparison');
    assert.equal(comparison.verdict, 'partly');
    assert.deepEqual(comparison.trackers.dropped.map(t => t.name), ['doubleclick.net']);
    const marketing = comparison.categories.find(c => c.id === 'marketing');
    assert.deepEqual(marketing.dropped.map(i => i.name), ['IDE']);
    assert.deepEqual(comparison.categories.find(c => c.id === 'statistics').persisting.map(i => i.name), ['_ga']);
    assert.equal(off.policy.id, 'consent-manager');
    assert.equal(on.privacy.gpc.sent, true);
  });

  test('compareSignals() errors name the capture, the signal or the option', () => {
    assert.deepEqual(core.compareSignals(page([]), { version: 1, page: {} }, 'gpc').error,
      { path: 'on: $.page.url', message: 'required field is missing' });
    assert.equal(core.compareSignals(page([]), page([]), 'tracking').error.path, 'signal');
    assert.equal(core.compareSignals(page([]), page([]), 'dnt', { policy: 'nope' }).error.path, 'options.policy');
  });

  test('captureFromHar() converts a HAR; a malformed one fails with its JSON path', () => {
    const har = { log: { pages: [{ id: 'p1', title: 'https://news.example/' }], entries: [
      { pageref: 'p1', startedDateTime: '2026-11-29T05:00:00.000Z', _resourceType: 'document',
        request: { method: 'GET', url: 'https://news.example/', headers: [{ name: 'DNT', value: '1' }] },
        response: { status: 200, headers: [{ name: 'Set-Cookie', value: 'sid=1; Path=/' }], content: { mimeType: 'text/html' } } },
    ] } };
    const result = core.captureFromHar(JSON.stringify(har));
    assert.equal(result.ok, true, JSON.stringify(result.error));
    assert.equal(result.capture.page.url, 'https://news.example/');
    assert.equal(result.capture.signals.dnt, true);
    assert.deepEqual(result.capture.cookies.map(c => c.name), ['sid']);
    assert.equal(core.analyze(result.capture).ok, true);

    // A malformed field is a warning naming it; the rest of the file is kept.
    har.log.entries.push({ pageref: 'p1', request: { url: 7 } });
    const kept = core.captureFromHar(JSON.stringify(har));
    assert.equal(kept.ok, true);
    assert.deepEqual(kept.capture.cookies.map(c => c.name), ['sid']);
    assert.deepEqual(kept.warnings, [{ path: '$.log.entries[1].request.url', message: 'expected a string, got a number; ignored' }]);
    assert.deepEqual(core.captureFromHar('{"log":').error,
      { path: '$.log', message: 'malformed JSON: line 1, column 8: the document ends before its last value is complete' });
  });

  test('openHar() reads a HAR in chunks, one capture per page', () => {
    const entry = (page, url, extra = {}) => ({ pageref: page, startedDateTime: '2026-11-29T05:00:00.000Z', request: { method: 'GET', url, headers: [] },
                                               response: { status: 200, headers: [], content: { mimeType: 'text/html' } }, ...extra });
    const text = JSON.stringify({ log: { creator: { name: 'chrome-har', version: '0.13.2' },
      pages: [{ id: 'a', title: 'https://shop.example/' }, { id: 'b', title: 'https://shop.example/cart' }],
      entries: [entry('a', 'https://shop.example/'), entry('a', 'https://www.facebook.com/tr/?id=1234567890&ev=PageView', { _initiator: 'https://shop.example/' }),
                entry('b', 'https://shop.example/cart'), entry('b', 'https://region1.google-analytics.com/g/collect?v=2&tid=G-ABC123&cid=1.2')] } });
    const bytes = new TextEncoder().encode(text);
    const har = core.openHar();
    try {
      for (let at = 0; at < bytes.length; at += 100) assert.equal(har.feed(bytes.subarray(at, at + 100)), true);
      const info = har.finish();
      assert.equal(info.ok, true, JSON.stringify(info.error));
      assert.equal(info.creator, 'chrome-har 0.13.2');
      assert.deepEqual(info.pages.map(p => [p.id, p.url, p.entries]), [['a', 'https://shop.example/', 2], ['b', 'https://shop.example/cart', 2]]);
      const first = har.analyze(0);
      assert.equal(first.ok, true);
      assert.deepEqual(first.report.beacons.map(b => [b.pixel.name, b.pixel.account]), [['Meta Pixel', '1234567890']]);
      const second = har.analyze(1, { policy: 'icc-uk' });
      assert.deepEqual(second.report.beacons.map(b => [b.pixel.name, b.pixel.account]), [['Google Analytics 4', 'G-ABC123']]);
      assert.equal(har.capture(1).capture.page.url, 'https://shop.example/cart');
      har.release(1);
      assert.equal(har.analyze(1).error.path, '$.page.url');  // released: nothing left to analyse
    } finally {
      har.dispose();
    }
  });
});
