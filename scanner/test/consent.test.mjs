// End-to-end: consent phases on the testbed's consent-banner sites (tests/testbed/scanner-sites.mjs),
// answered by DuckDuckGo's autoconsent; every output format of one scan (JSON, CSV, HTML — the
// HTML rendered offline in Chromium and photographed) and --fail-on.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, QUIET_ARGS } from '../src/browser.mjs';
import { consentPhasesUrl } from '../src/scan.mjs';
import { CSV_COLUMNS } from '@trackscope/presentation/csv.mjs';
import { cli, useTestbed } from '@trackscope/test-support';

const SCREENSHOT = fileURLToPath(new URL('../../out/screenshots/scanner-report.png', import.meta.url));

// RFC 4180 records (quoted fields with commas, quotes and line breaks).
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += ch;
  }
  return rows;
}

const names = items => items.map(i => `${i.kind} ${i.name}`).sort();

describe('consent phases (testbed)', () => {
  const suite = useTestbed('consent');
  const { browserArgs } = suite;

  test('a site that waits for consent: nothing before, nothing after "reject all", trackers after "accept all"', async () => {
    const json = path.join(suite.dir, 'good.json');
    const csv = path.join(suite.dir, 'good.csv');
    const { code, stdout, stderr } = await cli(['scan', suite.bed.url('consent-good.example', '/'), ...browserArgs(), '--consent', 'all',
      '--json', json, '--csv', csv, '--fail-on', 'marketing-before-consent,tracking-after-reject']);
    assert.equal(code, 0, stderr);
    const doc = JSON.parse(fs.readFileSync(json, 'utf8'));
    assert.equal(doc.format, 'trackscope-consent');
    assert.deepEqual(doc.phases.map(p => [p.phase, p.consent, p.status]), [['none', 'none', 'ok'], ['reject', 'rejected', 'ok'], ['accept', 'accepted', 'ok']]);
    for (const p of doc.phases.slice(1)) {
      assert.deepEqual({ cmp: p.banner.cmp, popupFound: p.banner.popupFound, answered: p.banner.answered },
                       { cmp: 'Onetrust', popupFound: true, answered: true });
      assert.equal(p.report.privacy.consent, p.consent);
    }
    const s = doc.summary;
    assert.equal(s.cmp, 'Onetrust');
    assert.deepEqual(s.beforeConsent, []);
    assert.deepEqual(s.afterReject, []);
    assert.deepEqual(names(s.afterAccept), ['beacon collect.metrics.example/collect', 'beacon pixel.adnet.example/px.gif', 'cookie _mt_id', 'cookie adnet_uid']);
    assert.ok(s.afterAccept.every(i => i.beforeConsent === false));
    const marketing = s.categories.find(c => c.id === 'marketing');
    assert.deepEqual([marketing.none.cookies, marketing.reject.cookies, marketing.accept.cookies], [0, 0, 1]);
    // The banner's answer is in the OneTrust cookie, which the core decodes.
    const groups = phase => doc.phases.find(p => p.phase === phase).report.privacy.consentStrings.find(c => c.kind === 'onetrust');
    assert.match(groups('reject').summary, /C0004.*off|off.*C0004/);
    assert.ok(groups('reject').valid && groups('accept').valid);
    // So is its IAB TCF record, which matches the answer: no consent after "reject all".
    const tcf = phase => doc.phases.find(p => p.phase === phase).report.privacy.consentStrings.find(c => c.kind === 'tcf');
    assert.deepEqual([tcf('reject').consentGiven, tcf('accept').consentGiven], [false, true]);
    assert.equal(tcf('accept').fields.purposeConsents, '1,2,3,4,5,6,7,8,9,10');
    assert.deepEqual(doc.phases.flatMap(p => p.report.findings.filter(f => f.kind === 'consent-record-mismatch')), []);
    assert.equal(doc.phases[1].report.findings.filter(f => f.kind === 'before-consent').length, 0);

    // CSV: one row per item and phase; the ad cookie only after "accept all".
    const rows = parseCsv(fs.readFileSync(csv, 'utf8'));
    assert.deepEqual(rows[0], CSV_COLUMNS);
    assert.ok(rows.slice(1).every(r => r.length === CSV_COLUMNS.length));
    const col = name => CSV_COLUMNS.indexOf(name);
    const phaseOf = name => rows.filter(r => r[col('name')] === name).map(r => r[col('phase')]);
    assert.deepEqual(phaseOf('adnet_uid'), ['accept']);
    assert.deepEqual(phaseOf('news_session'), ['none', 'reject', 'accept']);
    const adnet = rows.find(r => r[col('name')] === 'adnet_uid');
    assert.deepEqual(['site', 'party', 'vendor', 'purpose', 'category'].map(c => adnet[col(c)]), ['adnet.example', 'third', '', 'analytics', 'Marketing']);
    assert.match(stdout, /CONSENT PHASES — Onetrust banner/);
    assert.match(stdout, /0 tracking items before consent; 0 tracking items after "reject all"; 4 tracking items after "accept all"/);
  });

  test('a Cookiebot-style banner: answered both ways, its CookieConsent record decoded', async () => {
    const json = path.join(suite.dir, 'cookiebot.json');
    const { code, stderr } = await cli(['scan', suite.bed.url('consent-cookiebot.example', '/'), ...browserArgs(), '--consent', 'all',
      '--json', json, '--quiet', '--fail-on', 'tracking-after-reject,consent-record-mismatch']);
    assert.equal(code, 0, stderr);
    const doc = JSON.parse(fs.readFileSync(json, 'utf8'));
    assert.deepEqual(doc.phases.map(p => [p.phase, p.status, p.banner?.cmp ?? null]),
                     [['none', 'ok', null], ['reject', 'ok', 'Cybotcookiebot'], ['accept', 'ok', 'Cybotcookiebot']]);
    assert.deepEqual(doc.summary.afterReject, []);
    assert.deepEqual(names(doc.summary.afterAccept), ['beacon collect.metrics.example/collect', 'beacon pixel.adnet.example/px.gif', 'cookie _mt_id', 'cookie adnet_uid']);
    const record = phase => doc.phases.find(p => p.phase === phase).report.privacy.consentStrings.find(c => c.kind === 'cookiebot');
    assert.equal(record('none'), undefined, 'no record before an answer');
    assert.deepEqual([record('reject').consentGiven, record('accept').consentGiven], [false, true]);
    assert.match(record('reject').summary, /^accepted: necessary; declined: preferences, statistics, marketing \(explicit, \d{4}-\d\d-\d\dT[\d:.]+Z, region de\)$/);
    assert.equal(record('accept').fields.marketing, 'true');
  });

  test('a site that tracks before consent and after "reject all": --fail-on, JSON, CSV, HTML', async () => {
    const json = path.join(suite.dir, 'bad.json');
    const html = path.join(suite.dir, 'bad.html');
    const capture = path.join(suite.dir, 'bad-capture.json');
    const { code, stderr } = await cli(['scan', suite.bed.url('consent-bad.example', '/'), ...browserArgs(), '--consent', 'all',
      '--json', json, '--html', html, '--save-capture', capture, '--quiet',
      '--fail-on', 'marketing-before-consent', '--fail-on', 'tracking-after-reject,fingerprinting,consent-record-mismatch']);
    assert.equal(code, 3, stderr);
    // Its CMP stores "consent to purposes 1-10" in the TCF record even after "reject all".
    assert.match(stderr, /--fail-on consent-record-mismatch: 1 reason\n {2}the visitor rejected consent, but the consent record in cookie eupubconsent-v2 \(tcf\) grants it: CMP 10, .*consent to purposes 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 3 vendor\(s\).* \[reject\]/);
    assert.match(stderr, /--fail-on marketing-before-consent: 4 reasons\n {2}cookie _fbp \(consent-bad\.example\), for advertising, was present although the visitor had not given consent \(opt-in\) \[none\]/);
    assert.match(stderr, /--fail-on tracking-after-reject: 5 reasons/);
    assert.match(stderr, /had rejected consent \[reject\]/);
    assert.doesNotMatch(stderr, /--fail-on fingerprinting/);

    const doc = JSON.parse(fs.readFileSync(json, 'utf8'));
    const s = doc.summary;
    const tracking = ['beacon collect.metrics.example/collect', 'beacon pixel.adnet.example/px.gif', 'cookie _fbp', 'cookie _mt_id', 'cookie adnet_uid'];
    assert.deepEqual(names(s.beforeConsent), tracking);
    assert.deepEqual(names(s.afterReject), tracking);
    assert.ok(s.afterReject.every(i => i.beforeConsent));
    // A refusal that is ignored is an error finding, not a warning.
    const rejected = doc.phases.find(p => p.phase === 'reject').report;
    assert.ok(rejected.findings.some(f => f.kind === 'before-consent' && f.item === '_fbp' && f.severity === 'error'));

    // The captures of every phase, and `analyze` on them writes every format (no browser).
    assert.deepEqual(['none', 'reject', 'accept'].map(p => JSON.parse(fs.readFileSync(path.join(suite.dir, `bad-capture.${p}.json`), 'utf8')).consent),
                     ['none', 'rejected', 'accepted']);
    const none = path.join(suite.dir, 'bad-capture.none.json');
    const toStdout = await cli(['analyze', none, '--format', 'json']);
    assert.equal(toStdout.code, 0, toStdout.stderr);
    assert.equal(JSON.parse(toStdout.stdout).page.url, 'https://consent-bad.example/');
    const csvOut = path.join(suite.dir, 'none.csv');
    assert.equal((await cli(['analyze', none, '--out', csvOut, '--quiet'])).code, 0);
    assert.ok(parseCsv(fs.readFileSync(csvOut, 'utf8')).some(r => r[CSV_COLUMNS.indexOf('name')] === '_fbp' &&
                                                                  r[CSV_COLUMNS.indexOf('category')] === 'Marketing'));
    // A declaration (--declaration, merged into the default policy): what the site says it uses.
    const declaration = path.join(suite.dir, 'declaration.json');
    fs.writeFileSync(declaration, JSON.stringify({ declaration: { consent: 'opt-in', categories: {
      essential: { cookies: ['news_session', '_fbp'] }, functional: { cookies: ['_mt_id'] },
      marketing: { vendors: ['metrics.example'], cookies: [] }, 'web-beacons': { beacons: ['collect.metrics.example/collect'] } } } }));
    const declared = await cli(['analyze', none, '--declaration', declaration, '--json', path.join(suite.dir, 'declared.json'), '--quiet',
                                '--fail-on', 'undeclared-tracker,category-mismatch']);
    assert.equal(declared.code, 3, declared.stderr);
    assert.match(declared.stderr, /--fail-on undeclared-tracker: 1 reason\n.*adnet\.example/);
    assert.match(declared.stderr, /--fail-on category-mismatch: 1 reason\n.*_fbp.*declared as Essential but observed as Marketing/);
    const declaredReport = JSON.parse(fs.readFileSync(path.join(suite.dir, 'declared.json'), 'utf8'));
    assert.equal(declaredReport.policy.id, 'default');
    fs.writeFileSync(declaration, JSON.stringify({ declaration: { categories: { ads: { cookies: ['x'] } } } }));
    const invalid = await cli(['analyze', none, '--declaration', declaration]);
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr, /--declaration .*declaration\.json: \$\.declaration\.categories\.ads: no category "ads" in \$\.categories/);
    const undecidable = await cli(['analyze', none, '--fail-on', 'undeclared-tracker']);
    assert.equal(undecidable.code, 2);
    assert.match(undecidable.stderr, /--fail-on undeclared-tracker needs a policy with a declaration/);

    const badFormat = await cli(['analyze', none, '--out', path.join(suite.dir, 'x.pdf')]);
    assert.equal(badFormat.code, 2);
    assert.match(badFormat.stderr, /say which format with --format/);

    // The HTML report: no script, renders with the network off, and fetches nothing.
    const page = fs.readFileSync(html, 'utf8');
    assert.ok(!/<script/i.test(page));
    assert.match(page, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: QUIET_ARGS });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
      await context.setOffline(true);
      const requests = [];
      context.on('request', r => requests.push(r.url()));
      const tab = await context.newPage();
      await tab.goto(pathToFileURL(html).href);
      assert.deepEqual(requests, [pathToFileURL(html).href], 'the report loads nothing but itself');
      const seen = await tab.evaluate(() => ({
        h1: document.querySelector('h1').textContent,
        verdicts: [...document.querySelectorAll('.verdict h3')].map(e => e.textContent),
        consent: document.querySelector('.verdict .big').textContent,
        bars: document.querySelectorAll('svg.chart rect').length,
        sections: [...document.querySelectorAll('h2[id]')].map(e => e.id),
        width: document.documentElement.scrollWidth,
      }));
      assert.equal(seen.h1, 'Trackers on consent-bad.example');
      assert.deepEqual(seen.verdicts, ['Consent banner', 'Global Privacy Control', 'Do Not Track', 'Fingerprinting']);
      assert.equal(seen.consent, 'tracks after “reject all”');
      assert.ok(seen.bars >= 4, `${seen.bars} bars`);
      for (const id of ['categories', 'verdicts', 'findings', 'consent', 'trackers', 'cookies', 'beacons', 'sites']) assert.ok(seen.sections.includes(id), id);
      assert.ok(seen.width <= 1280, 'no horizontal scrolling');
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await tab.screenshot({ path: SCREENSHOT, fullPage: true });
      await tab.emulateMedia({ media: 'print' });
      assert.ok((await tab.pdf({ format: 'A4' })).length > 10000, 'prints');
    } finally {
      await browser.close();
    }
  });

  test('Consent Mode: hits claim what the visitor answered, or a consent nobody gave (consent-claim-mismatch)', async () => {
    const claimsOf = (doc, phase) => doc.phases.find(p => p.phase === phase).report.beacons
      .filter(b => b.host === 'region1.google-analytics.com').map(b => b.consentClaims.map(c => `${c.param}=${c.value}:${c.consentGiven}`).join(' '));
    const mismatches = (doc, phase) => doc.phases.find(p => p.phase === phase).report.findings
      .filter(f => f.kind === 'consent-claim-mismatch').map(f => `${f.severity} ${f.item}`);

    // As Google documents it: denied by default, granted by the update after "Accept all".
    const honest = path.join(suite.dir, 'consent-mode.json');
    const ok = await cli(['scan', suite.bed.url('consent-mode.example', '/'), ...browserArgs(), '--consent', 'all',
      '--json', honest, '--quiet', '--fail-on', 'consent-claim-mismatch']);
    assert.equal(ok.code, 0, ok.stderr);
    const h = JSON.parse(fs.readFileSync(honest, 'utf8'));
    assert.deepEqual(claimsOf(h, 'none'), ['gcs=G100:false gcd=13p3p3p2p5l1:false']);
    assert.deepEqual(claimsOf(h, 'reject'), ['gcs=G100:false gcd=13p3p3p2p5l1:false']);
    assert.deepEqual(claimsOf(h, 'accept'), ['gcs=G100:false gcd=13p3p3p2p5l1:false', 'gcs=G111:true gcd=13r3r3r2r5l1:true']);
    for (const phase of ['none', 'reject', 'accept']) assert.deepEqual(mismatches(h, phase), [], phase);

    // Granted by default whatever the visitor answers.
    const forged = path.join(suite.dir, 'consent-mode-granted.json');
    const html = path.join(suite.dir, 'consent-mode-granted.html');
    const bad = await cli(['scan', suite.bed.url('consent-mode.example', '/granted.html'), ...browserArgs(), '--consent', 'all',
      '--json', forged, '--html', html, '--quiet', '--fail-on', 'consent-claim-mismatch']);
    assert.equal(bad.code, 3, bad.stderr);
    assert.match(bad.stderr, /--fail-on consent-claim-mismatch: 2 reasons\n {2}a hit to https:\/\/region1\.google-analytics\.com\/g\/collect claims consent \(gcs=G111: ad_storage granted, analytics_storage granted\) although the visitor had not given consent \(opt-in\) \[none\]/);
    assert.match(bad.stderr, /claims consent \(gcs=G111: .*\) although the visitor had rejected consent \[reject\]/);
    const g = JSON.parse(fs.readFileSync(forged, 'utf8'));
    assert.deepEqual(mismatches(g, 'none'), ['warning https://region1.google-analytics.com/g/collect']);
    assert.deepEqual(mismatches(g, 'reject'), ['error https://region1.google-analytics.com/g/collect']);
    assert.deepEqual(mismatches(g, 'accept'), []);
    const beacon = g.phases.find(p => p.phase === 'reject').report.beacons.find(b => b.host === 'region1.google-analytics.com');
    assert.deepEqual(beacon.consentClaims[1].fields, {
      ad_storage: 'granted (granted by default)', analytics_storage: 'granted (granted by default)',
      ad_user_data: 'granted (granted by default)', ad_personalization: 'granted (granted by default)' });
    assert.match(fs.readFileSync(html, 'utf8'), /claims gcd 13t3t3t2t5l1: ad_storage granted \(granted by default\)/);
    // The documents loaded after the answer carry nothing of the scanner or of autoconsent.
    assert.deepEqual(suite.bed.received.filter(r => r.host === 'consent-mode.example' && r.path.startsWith('/observer-seen')).map(r => r.path), []);
  });

  test('a page without a consent banner: the answer phases are not measured', async () => {
    const { phases, summary } = await consentPhasesUrl(suite.bed.url('plain.example', '/?n=0'), ['accept'],
                                                       { browserArgs: suite.bed.browserArgs, consentDetectMs: 1500 });
    assert.deepEqual(phases.map(p => [p.phase, p.status, p.report ? 'report' : null]), [['none', 'ok', 'report'], ['accept', 'no-banner', null]]);
    assert.equal(phases[1].banner.cmp, null);
    assert.equal(summary.afterAccept, null);
    assert.match(summary.message, /after "accept all": not measured \(no consent banner recognised\)/);
  });
});
