// view.mjs: the view model the renderers draw, from a real version 2 report (the testbed shop's
// scan). It must say what the core decided — lifetime, purpose, who is behind an item, evidence,
// category, the DNT/GPC verdict — and add only where an item came from.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { capitalize, itemTypeText, PURPOSE_WORDS } from '@trackscope/presentation/words.mjs';
import { detailsOf } from '@trackscope/presentation/model.mjs';
import { adoptScanVerdicts } from '../src/ui/merge.mjs';
import { buildView, HIDDEN_LIFETIME, scannedPage } from '../src/ui/view.mjs';

const SCAN = JSON.parse(fs.readFileSync(new URL('../../tests/testbed/sites/shop.example/trackscope-report.json', import.meta.url), 'utf8'));
const clone = value => structuredClone(value);
const rowsOf = view => new Map(view.categories.flatMap(c => c.items).map(r => [r.id, r]));
// An origin as merge.mjs gives it: every cookie and storage item 'both' unless said otherwise.
function originOf(report, { live = [], scan = [], liveHosts = ['shop.example'] } = {}) {
  const items = new Map(report.items.filter(i => i.kind !== 'beacon').map(i => [i.id, 'both']));
  for (const id of live) items.set(id, 'live');
  for (const id of scan) items.set(id, 'scan');
  return { items, liveHosts: new Set(liveHosts) };
}
const live = (report = SCAN, options = {}) => buildView({ report, scan: SCAN, scanDate: new Date('2026-12-03T10:52:34Z'),
                                                          origin: originOf(report, options), signals: { dnt: false, gpc: false },
                                                          pageUrl: 'https://shop.example/widget.html', ...options.view });

describe('view', () => {
  it("says exactly the core's lifetime, purpose, category, provider and decisive evidence for every item", () => {
    const rows = rowsOf(live());
    assert.equal(rows.size, SCAN.items.length);
    const trackers = new Map(SCAN.trackers.map(t => [t.id, t]));
    for (const item of SCAN.items) {
      const row = rows.get(item.id);
      const tracker = trackers.get(item.tracker);
      assert.equal(row.lifetime, item.lifetime, item.id);
      assert.equal(row.purposeId, item.purpose);
      assert.equal(row.purpose, capitalize(PURPOSE_WORDS[item.purpose]));
      assert.equal(row.category, item.category);
      assert.equal(row.provider, tracker.party === 'first' ? `${tracker.name} (this site)` : tracker.name);
      assert.equal(row.evidence[0], item.evidence, 'the decisive evidence first');
      assert.equal(row.type, capitalize(itemTypeText(item, detailsOf(SCAN, item))));
    }
    assert.equal(rows.get('beacon:www.facebook.com/tr').provider, 'Facebook');
    assert.equal(rows.get('cookie:_mt_id@shop.example/').provider, 'metrics.example', "the core's attribution (its script's site)");
    assert.equal(rows.get('storage:sessionStorage:https://shop.example:ui_theme').lifetime, 'session');
    assert.equal(rows.get('storage:localStorage:https://shop.example:_mt_uid').lifetime, 'no expiry');
  });

  it('says a script-only cookie has a lifetime scripts cannot see, and shows no domain or flags for it', () => {
    const rows = rowsOf(live(SCAN, { live: ['cookie:ab_bucket@shop.example/'] }));
    const ab = rows.get('cookie:ab_bucket@shop.example/');
    assert.equal(ab.lifetime, HIDDEN_LIFETIME);
    assert.equal(ab.source, 'live');
    assert.deepEqual(ab.facts.map(([term]) => term), ['Set by', 'Value in your browser', 'Confidence']);
    const lang = rows.get('cookie:ui_lang@shop.example/');
    assert.deepEqual(lang.facts.map(([term]) => term), ['Domain', 'Set by', 'Flags', 'Lifetime', 'Value in your browser', 'Confidence']);
    assert.match(lang.facts.find(([t]) => t === 'Lifetime')[1], /^1 year, as seen by the site's last scan \(3 Dec 2026\)$/);
  });

  it('labels what only the scan has, and shows no browser value for it', () => {
    const view = live(SCAN, { scan: ['cookie:shop_session@shop.example/'] });
    const rows = rowsOf(view);
    const session = rows.get('cookie:shop_session@shop.example/');
    assert.equal(session.fromScan, true);
    assert.ok(!session.facts.some(([t]) => t === 'Value in your browser'));
    assert.match(session.facts.find(([t]) => t === 'Flags')[1], /^HttpOnly, Secure, SameSite=Lax$/);
    assert.equal(rows.get('beacon:www.facebook.com/tr').fromScan, true, 'a beacon to a host this load did not contact');
    assert.equal(rows.get('beacon:www.facebook.com/tr').source, 'scan');
    assert.equal(rows.get('cookie:ui_lang@shop.example/').fromScan, false);
  });

  it("attaches findings to their item and to the third-party site of their tracker, by the core's itemId", () => {
    const view = live();
    const rows = rowsOf(view);
    assert.deepEqual(rows.get('cookie:adnet_uid@adnet.example/').findings.map(f => f.kind), ['before-consent', 'category-mismatch']);
    assert.deepEqual(rows.get('cookie:ui_lang@shop.example/').findings, []);
    const facebook = view.thirdParties.find(t => t.site === 'facebook.com');
    assert.deepEqual(facebook.findings.map(f => f.kind), ['undeclared-tracker']);
    assert.equal(view.findings.length, SCAN.findings.length);
    assert.ok(view.findings.every((f, i, all) => !i || ['error', 'warning', 'info'].indexOf(all[i - 1].severity) <= ['error', 'warning', 'info'].indexOf(f.severity)));
  });

  it("groups by the policy's categories, whatever their ids, with the roles the core gives them", () => {
    const renamed = clone(SCAN);
    const to = id => `c-${id}`;
    for (const c of renamed.policy.categories) c.id = to(c.id);
    for (const i of renamed.items) i.category = to(i.category);
    for (const role in renamed.policy.roles) renamed.policy.roles[role] = to(renamed.policy.roles[role]);
    const view = live(renamed);
    assert.deepEqual(view.categories.map(c => [c.id, c.items.length]),
      [['c-necessary', 1], ['c-preferences', 2], ['c-statistics', 6], ['c-marketing', 1], ['c-unclassified', 0]]);
    assert.ok(view.categories.find(c => c.id === 'c-marketing').roles.includes('advertising'));
    assert.ok(view.categories.find(c => c.id === 'c-necessary').roles.includes('necessary'));
    assert.deepEqual(view.unused, ['Unclassified']);
  });

  it("lists third-party sites with the core's trackers on them, their items' categories and their requests", () => {
    const view = live(SCAN, { liveHosts: ['shop.example', 'pixel.adnet.example'] });
    const sites = Object.fromEntries(view.thirdParties.map(t => [t.site, t]));
    assert.deepEqual(Object.keys(sites).sort(), ['adnet.example', 'facebook.com', 'metrics.example']);
    assert.deepEqual(sites['facebook.com'].vendors, ['Facebook']);
    assert.deepEqual(sites['metrics.example'].categories, ['Statistics'], '_mt_id is metrics.example\'s, by the core');
    assert.equal(sites['metrics.example'].requests, '1 beacon, 1 script');
    assert.equal(sites['adnet.example'].fromScan, false);
    assert.equal(sites['metrics.example'].fromScan, true);
    assert.equal(view.badge, 3);
    assert.equal(view.summary, '5 cookies · 3 beacons · 2 storage items · 3 third-party sites');
  });

  it("uses the core's DNT/GPC verdict and the site's stance as the core states them", () => {
    const report = clone(SCAN);
    report.privacy.gpc.verdict = { code: 'contradicted', tone: 'bad', message: 'Contradicted: as the core says.' };
    report.privacy.dnt.declared = 'not-stated';
    report.privacy.dnt.sources = [];
    const view = live(report, { view: { signals: { dnt: false, gpc: true } } });
    const [gpc, dnt] = view.signals;
    assert.deepEqual([gpc.signal, gpc.sent, gpc.stance, gpc.sources], ['gpc', true, 'honours it', ['its declaration']]);
    assert.deepEqual(gpc.verdict, { code: 'contradicted', tone: 'bad', message: 'Contradicted: as the core says.' });
    assert.equal(gpc.verdictFrom, null);
    assert.deepEqual([dnt.signal, dnt.stance, dnt.policyStance], ['dnt', 'nothing stated', 'does not honour it']);
    assert.equal(dnt.verdict.code, 'not-sent');
  });

  it("mentions stances only the scan found (its Tk header, an EFF policy), and in scan mode whose verdict it is", () => {
    const scan = clone(SCAN);
    scan.privacy.dnt.sources.push({ source: 'dnt-policy.txt', stance: 'honoured' });
    const view = buildView({ report: SCAN, scan, origin: originOf(SCAN), signals: {}, pageUrl: 'https://shop.example/widget.html' });
    assert.deepEqual(view.signals[1].scanSources, ['/.well-known/dnt-policy.txt: honours it']);
    const fallback = buildView({ report: scan, scan, scanDate: new Date('2026-12-03T10:52:34Z'), signals: {}, pageUrl: 'https://shop.example/other' });
    assert.equal(fallback.mode, 'scan');
    assert.equal(fallback.signals[0].verdictFrom, "the site's last scan (3 Dec 2026)");
    assert.deepEqual(fallback.signals[1].scanSources, []);
    assert.ok([...rowsOf(fallback).values()].every(r => r.source === 'scan' && !r.fromScan), 'the whole view is the scan: no labels');
    assert.equal(fallback.foot, "From the site's last scan (3 Dec 2026) of /widget.html, not from your visit. Nothing is sent anywhere.");
  });

  it("shows an adopted verdict with the scan's evidence, and says so", () => {
    const liveReport = clone(SCAN);
    const pixel = liveReport.items.find(i => i.id === 'beacon:pixel.adnet.example/px.gif');
    Object.assign(pixel, { purpose: 'unclassified', category: 'unclassified', evidence: 'a tiny image' });
    liveReport.beacons[0].evidence = [{ kind: 'heuristic', purpose: 'unclassified', text: 'a tiny image' }];
    const { report, adopted } = adoptScanVerdicts(liveReport, SCAN);
    const row = rowsOf(live(report, { view: { adopted } })).get(pixel.id);
    assert.equal(row.category, 'statistics');
    assert.equal(row.purpose, 'Analytics');
    assert.deepEqual(row.evidence, SCAN.beacons[0].evidence.map(e => e.text));
    assert.match(row.evidenceLead, /^Classified by the site's last scan \(3 Dec 2026\), which saw more than a page script can:$/);
  });

  it('shows control and bidi-override characters from the page as visible escapes', () => {
    const report = clone(SCAN);
    const item = report.items.find(i => i.id === 'cookie:ui_lang@shop.example/');
    item.name = 'evil\u202Etxt.exe';
    report.sites[0].cookies[1].value = 'a\u001b[2Jb';
    const row = rowsOf(live(report)).get(item.id);
    assert.equal(row.name, 'evil\\u202etxt.exe');
    assert.equal(row.facts.find(([t]) => t === 'Value in your browser')[1], 'a\\x1b[2Jb');
  });

  it('says when the scan was of another page', () => {
    assert.equal(scannedPage(SCAN, 'https://shop.example/widget.html?x=1'), '');
    assert.equal(scannedPage(SCAN, 'https://shop.example/cart'), ' of /widget.html');
    assert.equal(scannedPage(SCAN, 'https://other.example/'), ' of https://shop.example/widget.html');
  });
});

describe('view of what trackers take (a pharmacy\'s scan, health.example)', () => {
  const HEALTH = JSON.parse(fs.readFileSync(new URL('./fixtures/health-report.json', import.meta.url), 'utf8'));
  const view = buildView({ report: HEALTH, scan: HEALTH, scanDate: new Date('2026-12-03T10:52:34Z'),
                           origin: { items: new Map(HEALTH.items.map(i => [i.id, 'scan'])), liveHosts: new Set() },
                           signals: { dnt: false, gpc: false }, pageUrl: 'https://health.example/' });
  const rows = rowsOf(view);

  it('says field by field what a hit sends, with the special category and the hashed personal data', () => {
    const meta = rows.get('beacon:www.facebook.com/tr');
    const sends = Object.fromEntries(meta.facts)['What it sends'];
    assert.match(sends, /cd\[content_name\] \(product, product or content name\): In-home HIV test kit — health: “hiv”/);
    assert.match(sends, /udff\[em\] \(personal data, hashed e-mail address\): •••• \(64 chars\) — sha256/);
    assert.doesNotMatch(sends, /\bsw \(/);
  });

  it('puts each data finding on its hit', () => {
    const meta = rows.get('beacon:www.facebook.com/tr');
    assert.deepEqual(meta.findings.map(f => f.kind).sort(),
      ['before-consent', 'personal-data-to-third-party', 'sensitive-data-to-third-party', 'sensitive-data-to-third-party']);
    const ga = rows.get('beacon:region1.google-analytics.com/g/collect');
    assert.ok(ga.findings.some(f => f.kind === 'sensitive-data-to-third-party' && /health data in `dt`/.test(f.message)));
  });
});
