// What trackers take, on real material (data/SOURCES.md): captures of health sites made by The
// Markup's Blacklight, and real hits with advanced matching from a tag auditor's tests. And on
// the ordinary pages of the HAR corpus (har/): no sensitive data.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cli } from '@trackscope/test-support';

const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));
const HAR_DIR = fileURLToPath(new URL('./har/', import.meta.url));
const DATA_KINDS = ['sensitive-data-to-third-party', 'personal-data-to-third-party', 'key-logging', 'session-recording'];

describe('what trackers take: real captures', () => {
  let dir;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackscope-data-taken-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  // The reports of `file` (a HAR may hold several pages), after `trackscope analyze`.
  async function reportsOf(file) {
    const out = path.join(dir, `${path.basename(file)}.json`);
    const run = await cli(['analyze', file, '--json', out, '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
    return doc.pages ? doc.pages.map(p => p.report) : [doc];
  }
  const findings = reports => reports.flatMap(r => r.findings).filter(f => DATA_KINDS.includes(f.kind))
    .map(f => [f.kind, f.kind === 'session-recording' ? f.item : f.site, f.data?.kind ?? null, f.data?.matched ?? null]);
  const has = (list, entry) => assert.ok(list.some(f => JSON.stringify(f) === JSON.stringify(entry)),
    `${JSON.stringify(entry)} not among ${JSON.stringify(list, null, 1)}`);

  test('an addiction-treatment provider: its page titles reach Google Analytics; Hotjar records', async () => {
    const list = findings(await reportsOf(path.join(DATA_DIR, 'markup-nonprofit-www.gatewayrehab.org.har')));
    has(list, ['sensitive-data-to-third-party', 'google-analytics.com', 'health', 'addiction treatment']);
    has(list, ['session-recording', 'Hotjar', null, null]);
    assert.ok(!list.some(f => f[0] === 'personal-data-to-third-party'));
  });

  test('plannedparenthood.org (2021): reproductive health to Tealium, a hashed e-mail to Snap, two recorders', async () => {
    const list = findings(await reportsOf(path.join(DATA_DIR, 'markup-nonprofit-plannedparenthood.org.har')));
    has(list, ['sensitive-data-to-third-party', 'tealiumiq.com', 'reproductive-sexual-health', 'sexual health']);
    has(list, ['personal-data-to-third-party', 'snapchat.com', 'email', 'sha256']);
    has(list, ['session-recording', 'Hotjar', null, null]);
    has(list, ['session-recording', 'Lucky Orange', null, null]);
  });

  test('plannedparenthood.org (2021): an ad vendor reached by requests alone is a tracker; a font CDN and a chat are not', async () => {
    const [report] = await reportsOf(path.join(DATA_DIR, 'markup-nonprofit-plannedparenthood.org.har'));
    const tracker = vendor => report.trackers.find(t => t.vendor === vendor);
    // Sizmek's cookie-sync calls (bs.serving-sys.com): no cookie, no beacon, no filter rule of the
    // bundled lists — only the requests, which hand the ad network the visit.
    const sizmek = tracker('Sizmek');
    assert.ok(sizmek, `Sizmek in ${report.trackers.map(x => x.name).join(', ')}`);
    assert.equal(sizmek.site, 'serving-sys.com');
    assert.equal(sizmek.tracking, true);
    assert.equal(sizmek.party, 'third');
    assert.deepEqual(sizmek.purposes, ['advertising']);
    assert.equal(sizmek.requests, 3);
    assert.equal(sizmek.items.length + sizmek.listed, 0, 'Sizmek tracks by its requests alone');
    // Requested, but of categories that track only through items: Monotype's fonts, BoldChat.
    for (const vendor of ['Monotype', 'BoldChat']) {
      assert.ok(report.sites.some(s => s.vendors.some(v => v.name === vendor)), `${vendor} requested`);
      assert.ok(!report.trackers.some(t => t.vendor === vendor && t.tracking), `${vendor} is no tracker`);
    }
  });

  test('health-insurance exchanges: hashed e-mail to Snap and Pinterest, a hashed user id to Meta, recorders', async () => {
    const nevada = findings(await reportsOf(path.join(DATA_DIR, 'markup-hix-nevada-nevadahealthlink.com.har')));
    has(nevada, ['personal-data-to-third-party', 'snapchat.com', 'email', 'sha256']);
    has(nevada, ['personal-data-to-third-party', 'pinterest.com', 'email', 'sha256']);
    has(nevada, ['personal-data-to-third-party', 'facebook.com', 'external-id', 'md5']);
    has(nevada, ['session-recording', 'Hotjar', null, null]);
    const newYork = findings(await reportsOf(path.join(DATA_DIR, 'markup-hix-new-york-nystateofhealth.ny.gov.har')));
    has(newYork, ['personal-data-to-third-party', 'snapchat.com', 'email', 'sha256']);
    has(newYork, ['session-recording', 'Hotjar', null, null]);
    const newMexico = findings(await reportsOf(path.join(DATA_DIR, 'markup-hix-new-mexico-bewellnm.com.har')));
    has(newMexico, ['session-recording', 'Microsoft Clarity', null, null]);
    // Insurance for health is not a health condition: no sensitive finding on the exchanges' home pages.
    for (const list of [nevada, newYork, newMexico]) assert.ok(!list.some(f => f[0] === 'sensitive-data-to-third-party'), JSON.stringify(list));
  });

  test('advanced matching and enhanced conversions in real hits: every field said for what it is', async () => {
    const hits = fs.readFileSync(path.join(DATA_DIR, 'mbaersch-tracking-auditor-fixtures.jsonl'), 'utf8').trim().split('\n').map(l => JSON.parse(l));
    const capture = {
      version: 1, page: { url: 'https://atomkraftwerke24.de/ectest.html', title: 'EC test' },
      requests: hits.map(h => ({ url: h.url, method: h.method.replace('?', ''), type: 'xmlhttprequest', status: 200,
                                 requestBody: h.body == null ? undefined : typeof h.body === 'string' ? h.body : JSON.stringify(h.body) })),
    };
    const file = path.join(dir, 'fixtures-capture.json');
    fs.writeFileSync(file, JSON.stringify(capture));
    const [report] = await reportsOf(file);
    const personal = Object.fromEntries(report.findings.filter(f => f.kind === 'personal-data-to-third-party').map(f => [f.item, f]));
    const meta = personal['https://www.facebook.com/tr/'];
    assert.deepEqual(meta.data.kind.split(', '), ['email', 'phone', 'first-name', 'last-name', 'city', 'region', 'postal-code', 'country']);
    assert.equal(meta.data.matched, 'sha256');
    assert.equal(meta.severity, 'warning');
    // The masked copies (cud[em] = "****@****.**") are no personal data.
    const metaBeacon = report.beacons.find(b => b.endpoint === 'https://www.facebook.com/tr/');
    assert.equal(metaBeacon.payload.find(p => p.param === 'cud[em]').personal, null);
    assert.equal(metaBeacon.payload.find(p => p.param === 'ud[em]').personal.hash, 'sha256');
    assert.ok(personal['https://www.googleadservices.com/pagead/conversion/1071635065/'], Object.keys(personal).join(', '));
    assert.equal(personal['https://tr.snapchat.com/p'].data.kind.split(', ')[0], 'email');
    assert.match(personal['https://analytics.tiktok.com/api/v2/pixel'].data.kind, /^email, phone|^phone, email/);
    // Consent claimed in the Google Ads hits: gcs decoded.
    const claims = report.beacons.flatMap(b => b.consentClaims).map(c => `${c.param}=${c.value}`);
    assert.ok(claims.includes('gcs=G111'), claims.join(' '));
  });

  test('ordinary pages of the HAR corpus (news, search, an encyclopedia, shops): no sensitive data', async () => {
    let pages = 0;
    for (const file of fs.readdirSync(HAR_DIR).filter(f => f.endsWith('.har'))) {
      const reports = await reportsOf(path.join(HAR_DIR, file));
      pages += reports.length;
      const sensitive = reports.flatMap(r => r.findings).filter(f => f.kind === 'sensitive-data-to-third-party');
      assert.deepEqual(sensitive.map(f => f.message), [], file);
    }
    assert.ok(pages >= 20, `${pages} pages`);
  });
});
