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
