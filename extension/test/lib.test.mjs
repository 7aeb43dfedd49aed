// Unit tests of the extension's pure modules on a report the WASM core makes from a small
// hand-made capture: grouping into categories and trackers (lib/trackers.js), the badge count,
// the policy's advertising category (lib/policy.js), exports and redaction (lib/export.js),
// settings (lib/settings.js) and the GPC/DNT rules and script registrations (background/signals.js).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { before, describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import { createCore } from '@trackscope/core';
import { headerRules, mainWorldScripts, signalsFor } from '../src/background/signals.js';
import { CSV_COLUMNS, csvCell, maskValue, redactReport, redactUrl, reportToCsv } from '../src/lib/export.js';
import { consentRecordText, consentTag, signalVerdict } from '../src/lib/format.js';
import { advertisingCategory, categoryFor } from '../src/lib/policy.js';
import { isExcepted, normalizeSettings, normalizeSite } from '../src/lib/settings.js';
import { badgeCount, buildModel } from '../src/lib/trackers.js';

const repo = new URL('../../', import.meta.url);
const policy = id => JSON.parse(fs.readFileSync(new URL(`core/data/policies/${id}.json`, repo), 'utf8'));
const schema = JSON.parse(fs.readFileSync(new URL('core/src/report/report.schema.json', repo), 'utf8'));

const AD_ID = 'a51213e35760310d91ace4b5a0962171';
const CAPTURE = {
  version: 1,
  page: { url: 'https://shop.example/?gclid=abc123XYZ', title: 'Shop', capturedAt: '2026-11-29T05:00:00Z' },
  requests: [
    { url: 'https://shop.example/?gclid=abc123XYZ', type: 'main_frame', status: 200,
      responseHeaders: { 'set-cookie': 'shop_session=s3cr3t; Path=/; HttpOnly; Secure' } },
    { url: 'https://collect.metrics.example/m.js', type: 'script', status: 200 },
    { url: `https://pixel.adnet.example/px.gif?uid=u-5f2a9c1e7b3d&ev=pageview`, type: 'image', status: 200,
      bodySize: 43, image: { width: 1, height: 1 },
      responseHeaders: { 'set-cookie': `adnet_uid=${AD_ID}; Domain=adnet.example; Max-Age=7776000; Secure; SameSite=None` } },
    { url: 'https://www.facebook.com/tr?id=1234567890123456&ev=PageView&fbp=fb.1.1795939741251.7577939274', type: 'image',
      status: 200, bodySize: 43, image: { width: 1, height: 1 } },
  ],
  cookies: [
    { name: 'shop_session', value: 's3cr3t', domain: 'shop.example', httpOnly: true, secure: true },
    { name: '_fbp', value: 'fb.1.1795939741251.7577939274', domain: 'shop.example', expires: 1830499741 },
    { name: '_mt_id', value: 'mt.zyuwr90wrm.1795939741087', domain: 'shop.example', expires: 1830499741,
      setBy: { kind: 'script', url: 'https://collect.metrics.example/m.js' } },
    { name: 'adnet_uid', value: AD_ID, domain: '.adnet.example', expires: 1803715741, secure: true, sameSite: 'no_restriction' },
  ],
  events: [
    { kind: 'storage-write', api: 'localStorage.setItem', key: '_mt_uid', value: '0b0e8f4e-3f7d-4a51-9c62-1f0f3bfa7d21',
      scriptUrl: 'https://collect.metrics.example/m.js', frameUrl: 'https://shop.example/' },
  ],
};

let core;
let report;
before(async () => {
  core = await createCore();
  const result = core.analyze(CAPTURE, { policy: 'default', includeValues: true });
  assert.ok(result.ok, JSON.stringify(result.error));
  report = result.report;
});

describe('policy', () => {
  test('the advertising category of each bundled policy', () => {
    assert.equal(advertisingCategory(policy('default')), 'marketing');
    assert.equal(advertisingCategory(policy('consent-manager')), 'marketing');
    assert.match(advertisingCategory(policy('icc-uk')), /4|targeting|advertising/);
  });

  test('rules match first-wins on each field, lists included', () => {
    const doc = { rules: [{ kind: 'beacon', category: 'b' }, { purpose: ['analytics', 'social'], party: 'first', category: 'a' },
                          { category: 'rest' }] };
    assert.equal(categoryFor(doc, { kind: 'beacon', purpose: 'necessary', party: 'third', lifetime: 'session' }), 'b');
    assert.equal(categoryFor(doc, { kind: 'cookie', purpose: 'social', party: 'first', lifetime: 'session' }), 'a');
    assert.equal(categoryFor(doc, { kind: 'cookie', purpose: 'social', party: 'third', lifetime: 'session' }), 'rest');
  });
});

describe('trackers', () => {
  test('items are grouped by category, then by vendor or site', () => {
    const model = buildModel(report, { marketingCategory: 'marketing' });
    const marketing = model.categories.find(c => c.id === 'marketing');
    assert.deepEqual(marketing.trackers.map(t => t.name).sort(), ['adnet.example', 'shop.example']);
    const functional = model.categories.find(c => c.id === 'functional');
    // _mt_id is a first-party cookie written by metrics.example's script: that vendor's tracker.
    const metrics = functional.trackers.find(t => t.name === 'metrics.example');
    assert.ok(metrics, JSON.stringify(functional.trackers.map(t => t.name)));
    assert.equal(metrics.via, 'https://collect.metrics.example/m.js');
    assert.ok(metrics.items.some(i => i.kind === 'cookie' && i.name === '_mt_id'));
    const beacons = model.categories.find(c => c.id === 'web-beacons');
    assert.ok(beacons.trackers.some(t => t.name === 'Facebook'), 'the Meta Pixel under its vendor');
    assert.equal(model.marketing.trackers, 2);
    const total = model.categories.reduce((n, c) => n + c.count, 0);
    assert.equal(total, report.summary.cookies + report.summary.beacons + report.summary.storageItems);
  });

  test('the badge counts distinct trackers of the advertising category', () => {
    assert.equal(badgeCount(report, 'marketing'), 2);
    assert.equal(badgeCount(report, 'no-such-category'), 0);
  });

  test('items carry lifetime wording per kind', () => {
    const { items } = buildModel(report);
    assert.deepEqual(items.find(i => i.name === 'shop_session').lifetime, { session: true, text: 'session' });
    assert.equal(items.find(i => i.name === 'adnet_uid').lifetime.text, '3 months');  // the core's wording
    assert.equal(items.find(i => i.kind === 'storage').lifetime.text, 'no expiry');
    assert.equal(items.find(i => i.kind === 'beacon').lifetime.session, null);
  });
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

  test('URLs keep their parameter names', () => {
    assert.equal(redactUrl('https://x.example/p?uid=1&flag&ev=v#frag'), 'https://x.example/p?uid=••••&flag&ev=••••#••••');
    assert.equal(redactUrl('https://x.example/p'), 'https://x.example/p');
    assert.equal(redactUrl('not a url'), 'not a url');
  });

  test('CSV: a header and one row per cookie, beacon and storage item; formulas defused', () => {
    const csv = reportToCsv(redactReport(report));
    const lines = csv.trimEnd().split('\r\n');
    assert.equal(lines[0], CSV_COLUMNS.join(','));
    assert.equal(lines.length - 1, report.summary.cookies + report.summary.beacons + report.summary.storageItems);
    assert.ok(lines.some(l => l.startsWith('Marketing,adnet.example,cookie,adnet_uid,adnet.example,third,')), csv);
    assert.ok(!csv.includes(AD_ID));
    assert.equal(csvCell('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell(null), '');
  });
});

describe('signals', () => {
  test('verdict of one load', () => {
    assert.equal(signalVerdict(report, 'gpc').tone, 'neutral', 'not sent: not tested');
    const sent = structuredClone(report);
    sent.privacy.gpc.sent = true;
    assert.equal(signalVerdict(sent, 'gpc').tone, 'warn');
    sent.findings.push({ kind: 'signal-contradiction', severity: 'warning', itemKind: 'gpc', item: 'GPC' });
    assert.equal(signalVerdict(sent, 'gpc').tone, 'bad');
    assert.match(signalVerdict(sent, 'gpc').text, /^Contradicted: the site says it honours GPC/);
    // A consent record that ignored GPC (the finding names its cookie) is bad without any promise.
    sent.findings = [{ kind: 'signal-contradiction', severity: 'warning', itemKind: 'gpc', item: 'usprivacy' }];
    assert.equal(signalVerdict(sent, 'gpc').tone, 'bad');
    assert.equal(signalVerdict(sent, 'gpc').text, 'Not recorded: the consent manager’s record (usprivacy) shows no opt-out, though GPC was sent.');
    assert.equal(signalVerdict(sent, 'dnt').tone, 'neutral', 'a GPC finding says nothing about DNT');
    sent.privacy.trackingItems = 0;
    sent.findings = [];
    assert.equal(signalVerdict(sent, 'gpc').tone, 'good');
  });

  test('consent records: opt-out and GPC flag in words', () => {
    assert.equal(consentRecordText({ optedOut: true, gpc: true }), 'opt-out recorded, GPC flag on');
    assert.equal(consentRecordText({ optedOut: false, gpc: null }), 'no opt-out recorded');
    assert.equal(consentRecordText({ optedOut: null, gpc: false }), 'GPC flag off');
    assert.equal(consentRecordText({ optedOut: null, gpc: null }), null);
    assert.deepEqual(consentTag({ consentGiven: true, optedOut: null }), { tone: 'warn', text: 'grants consent' });
    assert.deepEqual(consentTag({ consentGiven: false, optedOut: null }), { tone: 'good', text: 'no consent' });
    assert.deepEqual(consentTag({ consentGiven: null, optedOut: false }), { tone: 'warn', text: 'not opted out' });
    assert.equal(consentTag({ consentGiven: null, optedOut: null }), null);
  });

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
    assert.deepEqual(off.js, ['instrument/page-instrument.js', 'content/main-world.js']);
    const on = mainWorldScripts(normalizeSettings({ gpc: true, exceptions: ['bank.example'] }));
    assert.deepEqual(on[0].js, ['content/signal-gpc.js', 'instrument/page-instrument.js', 'content/main-world.js']);
    assert.deepEqual(on[0].excludeMatches, ['*://*.bank.example/*']);
    assert.deepEqual(on[1].matches, ['*://*.bank.example/*']);
    assert.deepEqual(on[1].js, ['instrument/page-instrument.js', 'content/main-world.js']);
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
