// The consent manager's own declaration checked (issue 18, part 4): on the testbed's Cookiebot,
// OneTrust, Usercentrics, CookieYes and Complianz sites (tests/testbed/cmp-sites.mjs), whose declarations each differ
// from the page in one way per kind of difference, `scan --declaration cmp` finds every difference
// and nothing else of the declaration's kinds; `trackscope declaration --from URL` writes the
// declaration as a file that `--declaration FILE` checks the same way, and that the owner edits.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { cli, useTestbed } from '@trackscope/test-support';
import { CMP_SITES, DIFFERENCES } from '@trackscope/testbed/cmp-sites.mjs';

// The findings that compare a page with a declaration.
const DECLARATION_KINDS = new Set(['undeclared-tracker', 'undeclared-cookie', 'category-mismatch', 'lifetime-exceeds-declared', 'declared-not-seen']);
const differences = report => report.findings.filter(f => DECLARATION_KINDS.has(f.kind))
  .map(f => ({ kind: f.kind, item: f.kind === 'undeclared-tracker' ? f.site : f.item }))
  .sort((a, b) => a.kind.localeCompare(b.kind));
const expected = [...DIFFERENCES].sort((a, b) => a.kind.localeCompare(b.kind));

describe('consent managers\' declarations', () => {
  const t = useTestbed('cmp');
  const scan = (site, ...args) => cli(['scan', t.bed.url(site, '/'), '--no-visitor', ...args, ...t.browserArgs()]);

  for (const [site, cmp] of Object.entries(CMP_SITES)) {
    test(`${cmp} (${site}): every difference from the page, and nothing else`, async () => {
      const out = path.join(t.dir, `${site}.json`);
      const capture = path.join(t.dir, `${site}.capture.json`);
      const { code, stdout, stderr } = await scan(site, '--declaration', 'cmp', '--policy', 'consent-manager', '--json', out,
                                                   '--save-capture', capture);
      assert.equal(code, 0, stderr);
      const report = JSON.parse(fs.readFileSync(out, 'utf8'));
      assert.equal(report.policy.declaration?.origin, 'consent-manager', JSON.stringify(report.policy.declaration));
      assert.equal(report.policy.declaration.cmp, cmp);
      assert.equal(report.policy.declaration.cookies, 5);
      assert.deepEqual(differences(report), expected, JSON.stringify(report.findings.map(f => f.message), null, 1));
      assert.match(stdout, new RegExp(`declaration +the ${cmp} declaration the site publishes \\(5 cookies`));
      // The capture keeps the documents: analysing it again gives the same findings, offline.
      const kept = JSON.parse(fs.readFileSync(capture, 'utf8')).wellKnown.cmp;
      assert.ok(kept.length >= 1 && kept.every(d => d.body.length > 0), JSON.stringify(kept.map(d => d.url)));
      const again = await cli(['analyze', capture, '--policy', 'consent-manager', '--format', 'json']);
      assert.equal(again.code, 0, again.stderr);
      assert.deepEqual(differences(JSON.parse(again.stdout)), expected);
    });
  }

  test('under the default policy the same differences, in its categories', async () => {
    const { code, stdout, stderr } = await scan('florist.example', '--declaration', 'cmp', '--format', 'json');
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout);
    assert.deepEqual(differences(report), expected);
    const mismatch = report.findings.find(f => f.kind === 'category-mismatch');
    assert.deepEqual([mismatch.declaredCategory, mismatch.observedCategory], ['functional', 'marketing']);
  });

  test('--fail-on the differences exits 3 and names them', async () => {
    const { code, stderr } = await scan('bakery.example', '--declaration', 'cmp', '--quiet',
                                        '--fail-on', 'lifetime-exceeded,undeclared-cookie,category-mismatch,undeclared-tracker');
    assert.equal(code, 3, stderr);
    for (const item of ['_gcl_au', '_hjSessionUser_4711', '_fbp', 'metrics.example']) assert.match(stderr, new RegExp(item));
    // The rules need a declaration.
    const none = await scan('bakery.example', '--quiet', '--fail-on', 'lifetime-exceeded');
    assert.equal(none.code, 2);
    assert.match(none.stderr, /needs a policy with a declaration/);
  });

  test('without --declaration cmp nothing of the consent manager is kept or checked', async () => {
    const capture = path.join(t.dir, 'plain.capture.json');
    const { code, stdout, stderr } = await scan('bakery.example', '--format', 'json', '--save-capture', capture);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout);
    assert.equal(report.policy.declaration, null);
    assert.deepEqual(differences(report), []);
    assert.equal(JSON.parse(fs.readFileSync(capture, 'utf8')).wellKnown?.cmp, undefined);
  });

  test('declaration --from URL writes an editable declaration that --declaration FILE checks', async () => {
    const file = path.join(t.dir, 'bakery-declaration.json');
    const written = await cli(['declaration', '--from', t.bed.url('bakery.example', '/'), '--policy', 'consent-manager', '--out', file, ...t.browserArgs()]);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stdout, /Cookiebot declaration of https:\/\/bakery\.example\/: 5 cookies, 1 vendor, 0 beacons; written to/);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.match(doc.declaration.source, /^Cookiebot declaration https:\/\/consent\.cookiebot\.com\//);
    assert.deepEqual(doc.declaration.categories.marketing.cookies, [{ name: '_gcl_au', domain: 'bakery.example', lifetime: '1 day' }]);
    assert.deepEqual(doc.declaration.categories.necessary.cookies, [{ name: 'bakery_session', domain: 'bakery.example', lifetime: 'session' }]);

    const checked = await scan('bakery.example', '--declaration', file, '--policy', 'consent-manager', '--format', 'json');
    assert.equal(checked.code, 0, checked.stderr);
    const report = JSON.parse(checked.stdout);
    assert.equal(report.policy.declaration.origin, 'policy');
    assert.deepEqual(differences(report), expected);

    // The owner declares the Hotjar cookie and corrects the Meta one: those differences are gone.
    doc.declaration.categories.statistics.cookies.push({ name: '_hjSessionUser_*', domain: 'bakery.example', lifetime: '1 year' });
    const fbp = doc.declaration.categories.statistics.cookies.findIndex(c => c.name === '_fbp');
    doc.declaration.categories.marketing.cookies.push(...doc.declaration.categories.statistics.cookies.splice(fbp, 1));
    fs.writeFileSync(file, JSON.stringify(doc));
    const edited = await scan('bakery.example', '--declaration', file, '--policy', 'consent-manager', '--format', 'json');
    assert.equal(edited.code, 0, edited.stderr);
    assert.deepEqual(differences(JSON.parse(edited.stdout)).map(d => d.kind), ['lifetime-exceeds-declared', 'undeclared-tracker']);
  });

  test('Complianz: the REST document is fetched outside the page, its services are vendors by name', async () => {
    const file = path.join(t.dir, 'pottery-declaration.json');
    const written = await cli(['declaration', '--from', t.bed.url('pottery.example', '/'), '--policy', 'consent-manager', '--out', file, ...t.browserArgs()]);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stdout, /Complianz declaration of https:\/\/pottery\.example\/: 5 cookies, 1 vendor, 0 beacons; written to/);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.match(doc.declaration.source, /^Complianz declaration https:\/\/pottery\.example\/wp-json\/complianz\/v1\/documents\/$/);
    assert.deepEqual(doc.declaration.categories.statistics.vendors, [{ name: 'Google Analytics' }]);
    assert.deepEqual(doc.declaration.categories.marketing.cookies, [{ name: '_gcl_au', lifetime: '1 day' }]);
    // Fetched as a browser opening the address would, not by the page: without the page's cookies.
    const fetched = t.bed.received.filter(r => r.host === 'pottery.example' && r.path === '/wp-json/complianz/v1/documents/');
    assert.ok(fetched.length >= 1);
    assert.ok(fetched.every(r => !/pottery_session/.test(r.headers.cookie ?? '')), JSON.stringify(fetched.map(r => r.headers.cookie)));
  });

  test('declaration --from a page with no consent manager fails with the reason', async () => {
    const { code, stderr } = await cli(['declaration', '--from', t.bed.url('shop.example', '/index.html'), ...t.browserArgs()]);
    assert.equal(code, 1);
    assert.match(stderr, /loaded no consent manager's cookie declaration/);
    const bad = await cli(['declaration', '--from', 'ftp://x']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not an http\(s\) URL/);
  });
});
