// "Test this site" from the popup (background/site-test.js) against the scanner: on the testbed's
// DNT/GPC sites `scan --compare-signals` (the same verdict, the same tracking items dropped, still
// there and new), on its consent-banner sites `scan --consent all` (the same consent manager, the
// same counts per category and phase, the same tracking items before and after each answer); and
// the user's cookies and signal settings as they were.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cli, startTestbed } from '@trackscope/test-support';
import { NOT_BUILT, TIMEOUT_MS, built, launchWithExtension, openPopup, screenshotDir, tabIdOf } from '@trackscope/test-support/extension';

// The sites and the signal each one answers (tests/testbed/signal-sites.mjs).
const SITES = [['gpc-honours.example', 'gpc'], ['gpc-ignores.example', 'gpc'], ['gpc-partly.example', 'gpc'],
               ['news.example', 'dnt'], ['blog.example', 'dnt']];

// What a comparison says, item by item, in a form both sides give alike.
function summary(c) {
  const names = items => items.filter(i => i.tracking).map(i => i.id).sort();
  const all = which => [c.trackers, ...c.categories].flatMap(g => names(g[which])).sort();
  return { verdict: c.verdict, counts: c.counts, dropped: all('dropped'), persisting: all('persisting'), new: all('new'),
           declared: c.declared.stance, contradiction: c.declared.contradiction };
}

// The same for a consent comparison.
function consentSummary(c) {
  const ids = items => (items === null ? null : items.map(i => `${i.id}${i.beforeConsent === false ? ' (new)' : ''}`).sort());
  return { cmp: c.cmp, phases: c.phases, categories: c.categories, beforeConsent: ids(c.beforeConsent),
           afterReject: ids(c.afterReject), afterAccept: ids(c.afterAccept) };
}

const CONSENT_SITES = ['consent-good.example', 'consent-bad.example', 'consent-cookiebot.example'];

describe('"Test this site" gives the scanner\'s --compare-signals verdicts and --consent all results', () => {
  let bed;
  let ext;
  let dir;
  let page;
  let extensionPage;

  before(async () => {
    if (!built()) throw new Error(NOT_BUILT);
    bed = await startTestbed();
    ext = await launchWithExtension(bed.browserArgs);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackscope-site-test-'));
    page = ext.context.pages()[0] ?? await ext.context.newPage();
    extensionPage = await ext.context.newPage();
    await extensionPage.goto(ext.extensionUrl('manifest.json'));
  });

  after(async () => {
    await ext?.context.close();
    await bed?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const [host, signal] of SITES) {
    test(`${host}: ${signal.toUpperCase()}`, async () => {
      // The scanner runs beside the extension (its own browser and profiles).
      const json = path.join(dir, `${host}.json`);
      const scanning = cli(['scan', bed.url(host, '/'), '--compare-signals', signal, '--json', json, '--quiet',
                            ...bed.browserArgs.map(a => `--browser-arg=${a}`)]);

      // A visitor who has been here before: a cookie of the site's own and one of its tracker.
      const url = bed.url(host, '/');
      await page.goto(url, { waitUntil: 'networkidle', timeout: TIMEOUT_MS });
      await page.evaluate(() => { document.cookie = 'my_login=still-here; path=/; max-age=86400'; });
      const before = await extensionPage.evaluate(() => chrome.cookies.getAll({ partitionKey: {} }));
      const popup = await openPopup(ext.context, ext.extensionUrl, await tabIdOf(extensionPage, url));
      await popup.locator('#signals > summary').click();
      await popup.locator('body[data-well-known="fetched"]').waitFor({ timeout: TIMEOUT_MS });
      await popup.locator(`.test-button[data-test="${signal}"]`).click();
      await popup.locator('body[data-site-test="done"], body[data-site-test="failed"]').waitFor({ timeout: 90_000 });
      assert.equal(await popup.evaluate(() => document.body.dataset.siteTest), 'done',
                   await popup.locator(`.test-button[data-test="${signal}"]`).innerText());
      const scanned = await scanning;
      assert.equal(scanned.code, 0, scanned.stderr);
      const scanner = JSON.parse(fs.readFileSync(json, 'utf8')).comparison;
      const shown = popup.locator(`.site-test[data-test="${signal}"]`);
      assert.equal(await shown.getAttribute('data-verdict'), scanner.verdict);
      const answer = await popup.evaluate(async ([tabId, which]) => (await chrome.runtime.sendMessage({ type: 'getReport', tabId })).page.tests[which],
                                          [await tabIdOf(extensionPage, url), signal]);
      assert.deepEqual(summary(answer.comparison), summary(scanner));
      assert.match(await shown.innerText(), new RegExp(`Tested: ${{ honoured: 'honoured', partly: 'partly honoured', 'not-honoured': 'not honoured' }[scanner.verdict]}\\.`));
      // The page as it is now: loaded again with the user's settings, its declarations fetched.
      assert.match(await popup.locator(`.signal-card[data-signal="${signal}"]`).innerText(), /Sent\s+no/);
      assert.doesNotMatch(await popup.locator(`.signal-card[data-signal="${signal}"]`).innerText(), /not checked yet/);
      if (host === 'gpc-partly.example') {
        fs.mkdirSync(screenshotDir, { recursive: true });
        await shown.scrollIntoViewIfNeeded();
        await popup.screenshot({ path: path.join(screenshotDir, 'extension-popup-site-test.png') });
      }

      // As they were: the visitor's cookies (the page, loaded again as the user browses it, renews
      // its own; the login cookie it never writes keeps its value), the header rules (none: GPC and
      // DNT are off in the options).
      const key = c => `${c.name}@${c.domain}${c.path}`;
      const now = await extensionPage.evaluate(() => chrome.cookies.getAll({ partitionKey: {} }));
      for (const c of before) assert.ok(now.some(n => key(n) === key(c)), `cookie ${key(c)} put back`);
      assert.equal(now.find(c => c.name === 'my_login' && c.domain === host)?.value, 'still-here');
      assert.deepEqual(await extensionPage.evaluate(() => chrome.declarativeNetRequest.getDynamicRules()), []);
      const scripts = await extensionPage.evaluate(() => chrome.scripting.getRegisteredContentScripts());
      assert.ok(scripts.every(s => !s.js.some(f => f.includes('signal-'))), JSON.stringify(scripts));
      await popup.close();
    });
  }

  for (const host of CONSENT_SITES) {
    test(`${host}: the consent banner`, async () => {
      const json = path.join(dir, `${host}-consent.json`);
      const scanning = cli(['scan', bed.url(host, '/'), '--consent', 'all', '--json', json, '--quiet',
                            ...bed.browserArgs.map(a => `--browser-arg=${a}`)]);

      const url = bed.url(host, '/');
      await page.goto(url, { waitUntil: 'networkidle', timeout: TIMEOUT_MS });
      const tabId = await tabIdOf(extensionPage, url);
      const popup = await openPopup(ext.context, ext.extensionUrl, tabId);
      await popup.locator('#consent-test > summary').click();
      await popup.locator('.test-button[data-test="consent"]').click();
      await popup.locator('body[data-site-test="done"], body[data-site-test="failed"]').waitFor({ timeout: 120_000 });
      assert.equal(await popup.evaluate(() => document.body.dataset.siteTest), 'done',
                   await popup.locator('.test-button[data-test="consent"]').innerText());
      const scanned = await scanning;
      assert.equal(scanned.code, 0, scanned.stderr);
      const scanner = JSON.parse(fs.readFileSync(json, 'utf8')).summary;
      const answer = await popup.evaluate(async id => (await chrome.runtime.sendMessage({ type: 'getReport', tabId: id })).page.tests.consent, tabId);
      assert.deepEqual(consentSummary(answer.comparison), consentSummary(scanner));
      const shown = popup.locator('.site-test[data-test="consent"]');
      assert.equal(await shown.getAttribute('data-cmp'), scanner.cmp);
      const marketing = await shown.locator('tr[data-category="marketing"] td').allInnerTexts();
      const count = phase => { const c = scanner.categories.find(x => x.id === 'marketing')[phase]; return c ? String(c.cookies + c.beacons + c.storage) : '–'; };
      assert.deepEqual(marketing, ['none', 'reject', 'accept'].map(count));
      if (host === 'consent-bad.example') {
        await shown.scrollIntoViewIfNeeded();
        await popup.screenshot({ path: path.join(screenshotDir, 'extension-popup-consent-test.png') });
      }
      // The extension's pages and settings as they were: no header rule, no signal script.
      assert.deepEqual(await extensionPage.evaluate(() => chrome.declarativeNetRequest.getDynamicRules()), []);
      await popup.close();
    });
  }
});
