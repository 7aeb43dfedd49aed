// `trackscope diff`: each kind of change between two reports (a real scan report of the testbed
// shop, and copies changed the way a site changes), between two batch results, and bad input.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cli, useTestbed } from '@trackscope/test-support';
import { diffDocuments, readDocument } from '../src/diff.mjs';
import { siteReport } from '../src/site-report.mjs';

const REPORT = JSON.parse(fs.readFileSync(new URL('../../tests/testbed/sites/shop.example/trackscope-report.json', import.meta.url), 'utf8'));
const HEALTH = JSON.parse(fs.readFileSync(new URL('../../widget/test/fixtures/health-report.json', import.meta.url), 'utf8'));
const doc = report => readDocument(JSON.stringify(report), 'x.json');
const changesOf = (a, b) => diffDocuments(doc(a), doc(b)).changes.map(c => [c.change, c.id ?? c.what]);

describe('diff', () => {
  let dir;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackscope-diff-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name, value) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
    return file;
  };

  test('the same report: no changes', () => {
    assert.deepEqual(changesOf(REPORT, REPORT), []);
  });

  test('a tracker, its cookie and its beacon gone; a finding gone with them', () => {
    const after = structuredClone(REPORT);
    const gone = new Set(['cookie:adnet_uid@adnet.example/', 'beacon:pixel.adnet.example/px.gif']);
    after.items = after.items.filter(i => !gone.has(i.id));
    after.trackers = after.trackers.filter(t => t.site !== 'adnet.example');
    after.findings = after.findings.filter(f => !gone.has(f.itemId));
    const changes = changesOf(REPORT, after);
    assert.ok(changes.some(([c, id]) => c === 'removed-tracker' && /adnet\.example/.test(id)), JSON.stringify(changes));
    assert.ok(changes.some(([c, id]) => c === 'removed-cookie' && id === 'cookie:adnet_uid@adnet.example/'));
    assert.ok(changes.some(([c, id]) => c === 'removed-beacon' && id === 'beacon:pixel.adnet.example/px.gif'));
    assert.ok(changes.some(([c]) => c === 'removed-finding'));
    assert.ok(!changes.some(([c]) => c.startsWith('new-')), 'nothing new');
    // And the other way round: all new.
    const back = changesOf(after, REPORT).map(([c]) => c);
    assert.ok(['new-tracker', 'new-cookie', 'new-beacon', 'new-finding'].every(c => back.includes(c)), back.join(' '));
  });

  test('an item whose category, purpose, party or lifetime changed', () => {
    const after = structuredClone(REPORT);
    const cookie = after.items.find(i => i.id === 'cookie:ab_bucket@shop.example/');
    cookie.category = 'marketing';
    cookie.purpose = 'advertising';
    cookie.lifetime = '13 months';
    const beacon = after.items.find(i => i.kind === 'beacon');
    beacon.party = beacon.party === 'first' ? 'third' : 'first';
    const d = diffDocuments(doc(REPORT), doc(after));
    const by = change => d.changes.filter(c => c.change === change);
    assert.deepEqual(by('category-changed').map(c => [c.id, c.from, c.to]), [['cookie:ab_bucket@shop.example/', 'statistics', 'marketing']]);
    assert.deepEqual(by('purpose-changed').map(c => [c.from, c.to]), [['analytics', 'advertising']]);
    assert.deepEqual(by('lifetime-changed').map(c => [c.from, c.to]), [['30 days', '13 months']]);
    assert.deepEqual(by('party-changed').map(c => c.id), [beacon.id]);
    assert.deepEqual(d.counts, { 'category-changed': 1, 'purpose-changed': 1, 'party-changed': 1, 'lifetime-changed': 1 });
  });

  test('the CLI: text, JSON, --fail-on with exit status 3, and what it refuses', async () => {
    const old = write('old.json', REPORT);
    const changed = structuredClone(REPORT);
    changed.items.push({ ...changed.items.find(i => i.kind === 'cookie'), id: 'cookie:_new_uid@shop.example/', name: '_new_uid' });
    const neu = write('new.json', changed);
    const text = await cli(['diff', old, neu]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^new-cookie \(1\)\n {2}cookie _new_uid \(shop\.example\) necessary\n$/);
    const json = await cli(['diff', old, neu, '--format', 'json']);
    assert.equal(JSON.parse(json.stdout).counts['new-cookie'], 1);
    const failing = await cli(['diff', old, neu, '--fail-on', 'new-tracker,new-cookie']);
    assert.equal(failing.code, 3);
    assert.match(failing.stderr, /--fail-on new-cookie: 1 change\n {2}cookie _new_uid \(shop\.example\)/);
    const passing = await cli(['diff', old, old, '--fail-on', 'new-cookie']);
    assert.equal(passing.code, 0);
    assert.equal(passing.stdout, 'no changes\n');
    const unknown = await cli(['diff', old, neu, '--fail-on', 'new-thing']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown change "new-thing"; changes: new-tracker, removed-tracker/);
    const missing = await cli(['diff', old, path.join(dir, 'absent.json')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read .*absent\.json/);
    const other = await cli(['diff', old, write('capture.json', { version: 1, page: { url: 'https://x.example/' } })]);
    assert.equal(other.code, 1);
    assert.match(other.stderr, /capture\.json: not a trackscope report, pages document, site report or batch results/);
    const one = await cli(['diff', old]);
    assert.equal(one.code, 2);
  });

  test('batch results: pages and trackers added and removed, finding counts', async () => {
    const record = (url, trackers, findings) => JSON.stringify({ format: 'trackscope-result', version: 1, url, ok: true,
      trackers: trackers.map(site => ({ site, vendor: null, purposes: ['advertising'] })), findings });
    const old = write('old.jsonl', [record('https://a.example/', ['adnet.example'], { 'before-consent': 2 }),
                                     record('https://b.example/', [], {})].join('\n'));
    const neu = write('new.jsonl', [record('https://a.example/', ['adnet.example', 'tracker.example'], { 'before-consent': 3 }),
                                     record('https://c.example/', [], {})].join('\n'));
    const { code, stdout, stderr } = await cli(['diff', old, neu, '--format', 'json', '--fail-on', 'new-tracker']);
    assert.equal(code, 3, stderr);
    const d = JSON.parse(stdout);
    assert.deepEqual(d.changes.map(c => [c.change, c.url, c.site ?? c.what]), [
      ['new-tracker', 'https://a.example/', 'tracker.example'],
      ['new-finding', 'https://a.example/', 'before-consent'],
      ['new-page', 'https://c.example/', 'page'],
      ['removed-page', 'https://b.example/', 'page'],
    ]);
    const mixed = await cli(['diff', old, write('r.json', REPORT)]);
    assert.equal(mixed.code, 1);
    assert.match(mixed.stderr, /cannot compare batch results with a report/);
  });

  test('two site reports: the site as a whole, each change at the first page that shows it', () => {
    const page = (url, report) => ({ url, report: { ...report, page: { ...report.page, url } } });
    const old = siteReport('https://shop.example/', [page('https://shop.example/', REPORT), page('https://shop.example/old', REPORT)]);
    const neu = siteReport('https://shop.example/', [page('https://shop.example/', REPORT), page('https://shop.example/pharmacy', HEALTH)]);
    const d = diffDocuments(readDocument(JSON.stringify(old), 'old.json'), readDocument(JSON.stringify(neu), 'new.json'));
    assert.equal(d.kind, 'site');
    const finding = d.changes.find(c => c.change === 'new-finding' && c.what === 'sensitive-data-to-third-party');
    assert.equal(finding?.url, 'https://shop.example/pharmacy', JSON.stringify(d.changes));
    // The shop's cookie is still on the home page: nothing removed with the old page but the page.
    assert.ok(!d.changes.some(c => c.id === 'cookie:shop_session@shop.example/'));
    assert.deepEqual(d.changes.filter(c => c.what === 'page').map(c => [c.change, c.url]),
                     [['new-page', 'https://shop.example/pharmacy'], ['removed-page', 'https://shop.example/old']]);
    assert.ok(d.changes.every(c => c.url), 'every change says where');
    assert.throws(() => diffDocuments(readDocument(JSON.stringify(old), 'old.json'), doc(REPORT)), /cannot compare a site report with a report/);
  });

  test('two scans of different pages compare by item: the pharmacy\'s data findings are new', () => {
    const d = diffDocuments(doc(REPORT), doc(HEALTH));
    assert.ok(d.changes.some(c => c.change === 'new-finding' && c.what === 'sensitive-data-to-third-party'));
    assert.ok(d.changes.some(c => c.change === 'removed-cookie' && c.id === 'cookie:shop_session@shop.example/'));
  });
});

describe('scan --baseline (testbed)', () => {
  const suite = useTestbed('baseline');
  const { browserArgs } = suite;

  test('a CI check: the same page again changes nothing; a page with more trackers fails --fail-on new-tracker', async () => {
    const base = path.join(suite.dir, 'base.json');
    const first = await cli(['scan', suite.bed.url('shop.example', '/'), ...browserArgs(), '--no-visitor', '--json', base, '--quiet']);
    assert.equal(first.code, 0, first.stderr);
    const again = await cli(['scan', suite.bed.url('shop.example', '/'), ...browserArgs(), '--no-visitor', '--baseline', base,
      '--fail-on', 'new-tracker,new-cookie,category-changed']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /\nCHANGES SINCE THE BASELINE\n {2}no changes\n/);
    const grown = await cli(['scan', suite.bed.url('shop.example', '/everything.html'), ...browserArgs(), '--no-visitor',
      '--baseline', base, '--fail-on', 'new-tracker']);
    assert.equal(grown.code, 3, grown.stderr);
    assert.match(grown.stderr, /--fail-on new-tracker: \d+ reasons?\n/);
    assert.match(grown.stdout, /CHANGES SINCE THE BASELINE\n {2}new-tracker \(\d+\)/);
    const refused = await cli(['scan', suite.bed.url('shop.example', '/'), ...browserArgs(), '--fail-on', 'new-tracker']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--fail-on new-tracker needs --baseline FILE/);
  });
});
