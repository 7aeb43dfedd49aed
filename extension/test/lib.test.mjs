// Unit tests of the extension's pure modules on a report the WASM core makes from a small
// hand-made capture: exports and redaction (lib/export.js), settings (lib/settings.js) and the
// GPC/DNT rules and script registrations (background/signals.js). Grouping, the badge count and
// the CSV layout are the presentation module's (presentation/test).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { before, describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import { createCore } from '@trackscope/core';
import { AD_ID, CAPTURE } from '@trackscope/test-support/fixtures';
import { headerRules, mainWorldScripts, signalsFor } from '../src/background/signals.js';
import { maskValue, redactReport, redactUrl } from '../src/lib/export.js';
import { reportToCsv } from '@trackscope/presentation/csv.mjs';
import { isExcepted, normalizeSettings, normalizeSite } from '../src/lib/settings.js';

const repo = new URL('../../', import.meta.url);
const schema = JSON.parse(fs.readFileSync(new URL('core/src/report/report.schema.json', repo), 'utf8'));

let core;
let report;
before(async () => {
  core = await createCore();
  const result = core.analyze(CAPTURE, { policy: 'default', includeValues: true });
  assert.ok(result.ok, JSON.stringify(result.error));
  report = result.report;
});

describe('exports', () => {
  test('redaction masks cookie values and URL query values, and keeps the report valid', () => {
    const redacted = redactReport(report);
    const text = JSON.stringify(redacted);
    for (const secret of [AD_ID, 's3cr3t', 'u-5f2a9c1e7b3d', 'abc123XYZ', '1795939741251']) {
      assert.ok(!text.includes(secret), `${secret} left in the redacted report`);
    }
    const adnet = redacted.sites.find(s => s.site === 'adnet.example').cookies[0];
    assert.equal(adnet.value, maskValue(AD_ID));
    assert.equal(redacted.page.url, 'https://shop.example/?gclid=••••');
    assert.equal(report.sites[0].cookies.length > 0 && report.sites.find(s => s.site === 'adnet.example').cookies[0].value, AD_ID,
                 'the original is untouched');
    const validate = new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(schema);
    assert.ok(validate(redacted), JSON.stringify(validate.errors));
    assert.ok(validate(report), JSON.stringify(validate.errors));
  });

  test('redaction masks what the person typed, and the personal data hits carry', () => {
    const email = 'ana.example-42@example.net';
    const capture = structuredClone(CAPTURE);
    capture.visit = { pointerMoves: 0, scrolls: 0, dwellMs: 0, automationHidden: false, userAgent: '',
                      typed: [{ field: 'input[name="email"]', kind: 'email', value: email }] };
    capture.requests.push({ url: `https://collect.formspy.example/k?t=snap&e=${encodeURIComponent(email)}`, type: 'image', status: 200 },
                          { url: `https://www.facebook.com/tr?id=1&ev=Lead&udff[em]=${'ab'.repeat(32)}`, type: 'image', status: 200 });
    const result = core.analyze(capture, { policy: 'default', includeValues: true });
    assert.ok(result.ok, JSON.stringify(result.error));
    assert.ok(JSON.stringify(result.report).includes(email), 'the popup shows it');
    assert.ok(result.report.findings.some(f => f.kind === 'key-logging'));
    const text = JSON.stringify(redactReport(result.report));
    assert.ok(!text.includes(email), 'typed value left in the redacted report');
    assert.ok(!text.includes('ab'.repeat(32)), 'hashed e-mail left in the redacted report');
    const validate = new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(schema);
    assert.ok(validate(redactReport(result.report)), JSON.stringify(validate.errors));
  });

  test('URLs keep their parameter names', () => {
    assert.equal(redactUrl('https://x.example/p?uid=1&flag&ev=v#frag'), 'https://x.example/p?uid=••••&flag&ev=••••#••••');
    assert.equal(redactUrl('https://x.example/p'), 'https://x.example/p');
    assert.equal(redactUrl('not a url'), 'not a url');
  });

  test('the CSV of a redacted report holds no identifier', () => {
    const csv = reportToCsv(redactReport(report));
    assert.equal(csv.trimEnd().split('\r\n').length - 1, report.items.length);
    for (const secret of [AD_ID, 's3cr3t', 'u-5f2a9c1e7b3d']) assert.ok(!csv.includes(secret), secret);
  });
});

describe('signals', () => {
  test('header rules: one per signal, exceptions excluded as request and initiator domains', () => {
    assert.deepEqual(headerRules(normalizeSettings({})), []);
    const rules = headerRules(normalizeSettings({ gpc: true, dnt: true, exceptions: ['bank.example'] }));
    assert.deepEqual(rules.map(r => r.action.requestHeaders[0]), [{ header: 'Sec-GPC', operation: 'set', value: '1' },
                                                                   { header: 'DNT', operation: 'set', value: '1' }]);
    assert.deepEqual(rules[0].condition.excludedRequestDomains, ['bank.example']);
    assert.deepEqual(rules[0].condition.excludedInitiatorDomains, ['bank.example']);
    assert.ok(rules[0].condition.resourceTypes.includes('main_frame'));
  });

  test('MAIN-world scripts: the signal scripts run before the instrumentation; exceptions get none', () => {
    const [off] = mainWorldScripts(normalizeSettings({}));
    assert.deepEqual(off.js, ['content/main-world.js']);
    const on = mainWorldScripts(normalizeSettings({ gpc: true, exceptions: ['bank.example'] }));
    assert.deepEqual(on[0].js, ['content/signal-gpc.js', 'content/main-world.js']);
    assert.deepEqual(on[0].excludeMatches, ['*://*.bank.example/*']);
    assert.deepEqual(on[1].matches, ['*://*.bank.example/*']);
    assert.deepEqual(on[1].js, ['content/main-world.js']);
    assert.ok(on.every(s => s.world === 'MAIN' && s.runAt === 'document_start' && s.allFrames));
  });

  test('settings: site names, exceptions, defaults', () => {
    assert.equal(normalizeSite('https://WWW.Shop.example/path?q'), 'www.shop.example');
    assert.equal(normalizeSite('*.ads.example'), 'ads.example');
    assert.equal(normalizeSite('not a site'), null);
    assert.equal(normalizeSite('-bad.example'), null);
    const s = normalizeSettings({ exceptions: ['B.example', 'b.example', 'x y'], gpc: 'yes' });
    assert.deepEqual(s.exceptions, ['b.example']);
    assert.equal(s.gpc, false);
    assert.equal(s.redact, true);
    assert.deepEqual(s.policy, { kind: 'bundled', id: 'default' });
    assert.ok(isExcepted('www.b.example', s.exceptions) && !isExcepted('bb.example', s.exceptions));
    assert.deepEqual(signalsFor('www.b.example', { ...s, gpc: true, dnt: true }), { gpc: false, dnt: false });
  });
});
