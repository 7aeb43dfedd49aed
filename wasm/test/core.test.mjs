// The WASM module as the front ends use it, through the package's own entry point.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { createCore } from '@trackscope/core';

const capture = {
  version: 1,
  page: { url: 'https://shop.example/', capturedAt: '2026-11-29T05:00:00Z' },
  requests: [
    { url: 'https://shop.example/', type: 'main_frame', status: 200 },
    { url: 'https://pixel.adnet.example/px.gif?uid=1', type: 'image', status: 200,
      responseHeaders: { 'set-cookie': 'adnet_uid=abc; Domain=adnet.example; Secure; SameSite=None' } },
  ],
  cookies: [
    { name: 'adnet_uid', value: 'abc', domain: '.adnet.example', expires: 1795928400 + 86400 * 90, sameSite: 'no_restriction' },
    { name: 'ui_lang', value: 'en', domain: 'shop.example' },
  ],
  events: [{ kind: 'cookie-write', api: 'document.cookie', value: 'ui_lang=en', scriptUrl: 'https://cdn.shop.example/app.js' }],
};

describe('@trackscope/core (WASM)', () => {
  let core;
  before(async () => { core = await createCore(); });

  test('version() names the core and its Public Suffix List', () => {
    const v = core.version();
    assert.match(v.version, /^\d+\.\d+\.\d+$/);
    assert.match(v.publicSuffixList, /^publicsuffix /);
  });

  test('siteOf() gives a host\'s registrable domain by the Public Suffix List', () => {
    assert.equal(core.siteOf('www.bbc.co.uk'), 'bbc.co.uk');
    assert.equal(core.siteOf('WWW.Example.ORG'), 'example.org');
    assert.equal(core.siteOf('user.github.io'), 'user.github.io');  // a private-section suffix
    assert.equal(core.siteOf('localhost'), 'localhost');
    assert.equal(core.siteOf('127.0.0.1'), '127.0.0.1');
  });

  test('analyze() groups by site and party and infers setters', () => {
    const result = core.analyze(capture);
    assert.equal(result.ok, true, JSON.stringify(result.error));
    const { report } = result;
    assert.equal(report.format, 'trackscope-report');
    assert.equal(report.page.site, 'shop.example');
    assert.deepEqual(report.sites.map(s => [s.site, s.party]), [['shop.example', 'first'], ['adnet.example', 'third']]);
    const uid = report.sites[1].cookies[0];
    assert.equal(uid.name, 'adnet_uid');
    assert.equal(uid.party, 'third');
    assert.equal(Math.round(uid.lifetimeDays), 90);
    assert.deepEqual(uid.setBy, { kind: 'http', url: 'https://pixel.adnet.example/px.gif?uid=1' });
    assert.deepEqual(report.sites[0].cookies[0].setBy, { kind: 'script', url: 'https://cdn.shop.example/app.js' });
    assert.equal(report.summary.thirdPartyCookies, 1);
  });

  test('a JSON string works the same as an object', () => {
    assert.deepEqual(core.analyze(JSON.stringify(capture)), core.analyze(capture));
  });

  const bad = [
    ['malformed JSON', '{"version": 1,', '$', /malformed JSON: parse error at line 1/],
    ['unknown version', { version: 9, page: { url: 'https://a.example/' } }, '$.version', /unsupported capture version 9/],
    ['missing page', { version: 1 }, '$.page', /required field is missing/],
    ['missing page.url', { version: 1, page: {} }, '$.page.url', /required field is missing/],
    ['missing cookie name', { version: 1, page: { url: 'https://a.example/' }, cookies: [{ domain: 'a.example' }] },
      '$.cookies[0].name', /required field is missing/],
    ['wrong type', { version: 1, page: { url: 'https://a.example/' }, requests: [{ url: 42 }] },
      '$.requests[0].url', /expected a string, got a number/],
    ['unusable page URL', { version: 1, page: { url: 'about:blank' } }, '$.page.url', /http\(s\) URL/],
    ['not an object', '[]', '$', /expected a capture object/],
  ];
  for (const [name, input, path, message] of bad) {
    test(`rejects ${name} with its JSON path, and keeps working`, () => {
      const result = core.analyze(input);
      assert.equal(result.ok, false);
      assert.equal(result.error.path, path);
      assert.match(result.error.message, message);
      assert.equal(core.analyze(capture).ok, true);
    });
  }

  test('lone surrogates from page strings do not poison the capture', () => {
    const hostile = structuredClone(capture);
    hostile.cookies[1].name = 'bad\ud800name';
    const result = core.analyze(hostile);
    assert.equal(result.ok, true);
    assert.equal(result.report.sites[0].cookies[0].name, 'bad\ufffdname');
  });

  test('survives many analyses without leaking state between them', () => {
    for (let i = 0; i < 200; ++i) {
      const c = structuredClone(capture);
      c.page.url = `https://site${i}.example/`;
      assert.equal(core.analyze(c).report.page.site, `site${i}.example`);
    }
  });
});

describe('@trackscope/core filter engine (WASM)', () => {
  const lists = [
    { name: 'ads.txt', text: '! ads\n||ads.example^\n/banner/*$image\n@@||ads.example/ok.js\n||strict.example^$important\n' },
    { name: 'privacy.txt', text: '||t.example^$third-party\n@@||strict.example^\n||bad^$frobnicate\n' },
  ];
  let core, engine, summary;
  before(async () => {
    core = await createCore({ filters: false });
    const built = await core.buildFilterEngine(lists);
    assert.equal(built.ok, true);
    ({ engine, summary } = built);
  });

  test('build reports per-list counts and skipped lines', () => {
    assert.deepEqual(summary.lists.map(l => [l.name, l.network, l.unsupported]), [['ads.txt', 4, 0], ['privacy.txt', 2, 1]]);
    assert.deepEqual(summary.diagnostics, [{ list: 'privacy.txt', line: 3, reason: 'unknown option "frobnicate"' }]);
  });

  test('match decides, and names the rule, list and line', () => {
    const page = 'https://shop.example/';
    assert.equal(engine.match('https://ads.example/x.js', page, 'script'), 1);
    assert.deepEqual(engine.lastMatch().filter, { list: 'ads.txt', line: 2, text: '||ads.example^' });
    assert.equal(engine.match('https://ads.example/ok.js', page, 'script'), 2);
    assert.deepEqual(engine.lastMatch().exception, { list: 'ads.txt', line: 4, text: '@@||ads.example/ok.js' });
    assert.equal(engine.matchedFilter(), '@@||ads.example/ok.js');
    assert.equal(engine.match('https://cdn.example/banner/1.gif', page, 'image'), 1);
    assert.equal(engine.match('https://cdn.example/banner/1.gif', page, 'script'), 0);
    assert.equal(engine.match('https://t.example/p', page, 'image'), 1);
    assert.equal(engine.match('https://t.example/p', 'https://www.t.example/', 'image'), 0);
    assert.equal(engine.match('https://strict.example/p', page, 'image'), 1);
    assert.equal(engine.lastMatch().important, true);
    // Long and non-ASCII URLs go through the zero-copy path unharmed.
    assert.equal(engine.match(`https://ads.example/${'é'.repeat(5000)}`, page, 'image'), 1);
    assert.equal(engine.match('https://shop.example/', page, 'main_frame'), 0);
  });

  test('serialised engines load; corrupt or foreign ones are rejected with a reason', () => {
    const bytes = engine.serialize();
    const loaded = core.loadFilterEngine(bytes);
    assert.equal(loaded.ok, true);
    assert.equal(loaded.engine.match('https://ads.example/x.js', '', 'script'), 1);
    const flipped = bytes.slice();
    flipped[flipped.length >> 1] ^= 1;
    assert.match(core.loadFilterEngine(flipped).error.message, /checksum/);
    const version = bytes.slice();
    version[8] = 77;
    assert.match(core.loadFilterEngine(version).error.message, /format version 77/);
    assert.match(core.loadFilterEngine(new Uint8Array(10)).error.message, /too small/);
  });

  test('the shipped engine loads, and a rejected one is rebuilt from the lists', async () => {
    const bundled = await createCore();
    assert.deepEqual(bundled.filterStatus, { source: 'bundled' });
    const corrupt = new Uint8Array(64);
    const rebuilt = await createCore({ filters: corrupt });
    assert.equal(rebuilt.filterStatus.source, 'rebuilt');
    assert.match(rebuilt.filterStatus.warning, /precompiled filter engine rejected \(filter engine data too small|bad magic/);
    // Both decide alike on a tracking pixel.
    for (const c of [bundled, rebuilt]) {
      assert.equal(c.filters.match('https://www.google-analytics.com/analytics.js', 'https://shop.example/', 'script'), 1);
    }
  });

  test('analyze() reports filter verdicts and vendors', async () => {
    const withLists = await createCore();
    const { report } = withLists.analyze({
      version: 1, page: { url: 'https://shop.example/' },
      requests: [{ url: 'https://www.google-analytics.com/analytics.js', type: 'script' },
                 { url: 'https://shop.example/app.js', type: 'script' }],
    });
    const ga = report.sites.find(s => s.site === 'google-analytics.com');
    assert.deepEqual(ga.vendors.map(v => [v.name, v.company, v.category]), [['Google Analytics', 'Google', 'analytics']]);
    assert.equal(ga.requests[0].vendor, 'Google Analytics');
    assert.equal(ga.requests[0].filter.decision, 'block');
    assert.equal(ga.requests[0].filter.block.list, 'easyprivacy.txt');
    assert.equal(report.sites[0].requests[0].filter, null);
    assert.equal(report.summary.blockedRequests, 1);
    // Without lists the same capture has no verdicts but still its vendors.
    const plain = core.analyze({ version: 1, page: { url: 'https://shop.example/' },
                                 requests: [{ url: 'https://www.google-analytics.com/analytics.js', type: 'script' }] });
    assert.equal(plain.report.sites[1].requests[0].filter, null);
    assert.equal(plain.report.sites[1].vendors[0].name, 'Google Analytics');
  });
});
