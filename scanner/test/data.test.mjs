// End-to-end: what trackers take (issue 16) on the testbed's data sites (tests/testbed/data-sites.mjs):
// sensitive and personal data in a health shop's hits, key-logging caught by typing a synthetic
// identity into a form that is never submitted, and --fail-on for each finding kind.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { cli, useTestbed } from '@trackscope/test-support';

const ofKind = (report, kind) => report.findings.filter(f => f.kind === kind);

describe('what trackers take (testbed)', () => {
  const suite = useTestbed('data');
  const { browserArgs } = suite;

  test('a health shop: the product and the customer\'s hashed e-mail reach Meta and Google; --fail-on says so', async () => {
    const json = path.join(suite.dir, 'health.json');
    const { code, stderr } = await cli(['scan', suite.bed.url('health.example', '/'), ...browserArgs(), '--no-visitor',
      '--json', json, '--quiet', '--fail-on', 'sensitive-data,personal-data']);
    assert.equal(code, 3, stderr);
    assert.match(stderr, /--fail-on sensitive-data: 3 reasons\n/);
    assert.match(stderr, /^ {2}a Meta Pixel hit to https:\/\/www\.facebook\.com\/tr sends health data in `cd\[content_name\]` \(product or content name\): "In-home HIV test kit" \(matched "hiv"\)$/m);
    assert.match(stderr, /^ {2}a Meta Pixel hit to https:\/\/www\.facebook\.com\/tr sends reproductive or sexual health data in `cd\[content_category\]` \(product or content category\): "Sexual health"/m);
    assert.match(stderr, /^ {2}a Google Analytics 4 hit to https:\/\/region1\.google-analytics\.com\/g\/collect sends health data in `dt` \(page title\)/m);
    assert.match(stderr, /--fail-on personal-data: 1 reason\n {2}a Meta Pixel hit to https:\/\/www\.facebook\.com\/tr carries the visitor's personal data, hashed: `udff\[em\]` \(hashed e-mail address\), `udff\[fn\]` \(hashed first name\), `udff\[zp\]` \(hashed postal code\)/);
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    const sensitive = ofKind(report, 'sensitive-data-to-third-party');
    const found = sensitive.map(f => [f.item, f.data.kind, f.data.field, f.data.matched, f.severity]).sort();
    assert.deepEqual(found, [
      ['https://region1.google-analytics.com/g/collect', 'health', 'dt', 'hiv', 'error'],
      ['https://www.facebook.com/tr', 'health', 'cd[content_name]', 'hiv', 'error'],
      ['https://www.facebook.com/tr', 'reproductive-sexual-health', 'cd[content_category]', 'sexual health', 'error'],
    ]);
    for (const f of sensitive) {
      assert.equal(f.observedCategory, 'web-beacons', f.message);
      assert.ok(report.items.some(i => i.id === f.itemId), 'the finding names its beacon');
    }
    const personal = ofKind(report, 'personal-data-to-third-party');
    assert.deepEqual(personal.map(f => [f.item, f.data.kind, f.data.matched, f.severity, f.data.vendor]),
      [['https://www.facebook.com/tr', 'email, first-name, postal-code', 'sha256', 'warning', 'Facebook']]);
    assert.match(personal[0].data.value, /^•••• \(64 chars\)$/, 'hashed personal data is redacted');
    // Every parameter said for what it is.
    const meta = report.beacons.find(b => b.endpoint === 'https://www.facebook.com/tr');
    const kinds = Object.fromEntries(meta.payload.map(p => [p.param, p.kind]));
    assert.deepEqual([kinds.id, kinds.ev, kinds.dl, kinds['cd[content_name]'], kinds['cd[value]'], kinds['udff[em]'], kinds.sw],
      ['account', 'event', 'page-url', 'product', 'custom-data', 'personal-data', 'technical']);
    const ga = report.beacons.find(b => b.endpoint === 'https://region1.google-analytics.com/g/collect');
    const search = ga.payload.find(p => p.param === 'ep.search_term');
    assert.deepEqual([search.kind, search.value, search.sensitive?.category], ['search-term', 'hiv test at home', 'health']);
    assert.equal(ga.payload.find(p => p.param === 'pr1').kind, 'product');
  });

  test('the same shop\'s ordinary page: no sensitive data; the hashed e-mail still found', async () => {
    const { code, stdout, stderr } = await cli(['scan', suite.bed.url('health.example', '/plain.html'), ...browserArgs(), '--no-visitor',
      '--format', 'json', '--fail-on', 'sensitive-data']);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout);
    assert.deepEqual(ofKind(report, 'sensitive-data-to-third-party'), []);
    assert.deepEqual(report.beacons.flatMap(b => b.payload).filter(p => p.sensitive), []);
    assert.equal(ofKind(report, 'personal-data-to-third-party').length, 1);
  });

  test('key-logging: the typed identity leaves for the form script\'s collector before any submit', async () => {
    const json = path.join(suite.dir, 'signup.json');
    const { code, stderr } = await cli(['scan', suite.bed.url('signup.example', '/'), ...browserArgs(), '--dwell', '1500',
      '--json', json, '--quiet', '--fail-on', 'key-logging']);
    assert.equal(code, 3, stderr);
    assert.match(stderr, /--fail-on key-logging: 1 reason\n {2}key-logging: what was typed into the page's form was sent to collect\.formspy\.example before any submit/);
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    const typed = report.page.visit.typed;
    assert.deepEqual(typed.map(t => [t.kind, t.field]), [
      ['email', 'input[name="email"]'], ['phone', 'input[name="phone"]'], ['first-name', 'input[name="first_name"]']]);
    assert.match(typed[0].value, /^marisol\.quennevault\.[0-9a-f]{8}@example\.com$/);
    const [log, ...more] = ofKind(report, 'key-logging');
    assert.deepEqual(more, []);
    assert.equal(log.severity, 'error');
    assert.equal(log.item, 'collect.formspy.example');
    assert.equal(log.data.destination, 'https://collect.formspy.example/k');
    assert.equal(log.data.script, 'https://cdn.formspy.example/fs.js');
    assert.deepEqual(log.data.matched.split(', ').sort(), ['base64', 'sha256']);
    assert.deepEqual(log.data.kind.split(', ').sort(), ['email', 'first-name', 'phone']);
    // The password field was left alone, and nothing was submitted.
    assert.ok(!typed.some(t => t.field.includes('password')));
    assert.ok(!report.beacons.some(b => b.endpoint.endsWith('/subscribe')));
  });

  test('no key-logging where nothing typed leaves, or nothing is typed; --identity chooses what is typed', async () => {
    const quiet = await cli(['scan', suite.bed.url('signup.example', '/quiet.html'), ...browserArgs(), '--dwell', '1000',
      '--format', 'json']);
    assert.equal(quiet.code, 0, quiet.stderr);
    const quietReport = JSON.parse(quiet.stdout);
    assert.equal(quietReport.page.visit.typed.length, 3);
    assert.deepEqual(ofKind(quietReport, 'key-logging'), []);

    const none = await cli(['scan', suite.bed.url('signup.example', '/'), ...browserArgs(), '--dwell', '1000', '--no-typing',
      '--format', 'json']);
    assert.equal(none.code, 0, none.stderr);
    assert.deepEqual(JSON.parse(none.stdout).page.visit.typed, []);
    assert.deepEqual(ofKind(JSON.parse(none.stdout), 'key-logging'), []);

    const file = path.join(suite.dir, 'identity.json');
    fs.writeFileSync(file, JSON.stringify({ email: 'Kit.Audit-7731@Example.net' }));
    const own = await cli(['scan', suite.bed.url('signup.example', '/'), ...browserArgs(), '--dwell', '1000', '--identity', file,
      '--format', 'json']);
    assert.equal(own.code, 0, own.stderr);
    const ownReport = JSON.parse(own.stdout);
    assert.deepEqual(ownReport.page.visit.typed.map(t => [t.kind, t.value]), [['email', 'Kit.Audit-7731@Example.net']]);
    const [log] = ofKind(ownReport, 'key-logging');
    assert.equal(log.data.value, 'Kit.Audit-7731@Example.net');
    assert.equal(log.data.kind, 'email');

    fs.writeFileSync(file, JSON.stringify({ mail: 'x@example.net' }));
    const bad = await cli(['scan', suite.bed.url('signup.example', '/'), ...browserArgs(), '--identity', file]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--identity: .*identity\.json: unknown field "mail"; fields: email, phone, first-name/);
  });
});
