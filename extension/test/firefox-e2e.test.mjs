// End to end in Firefox ESR: the extension's Firefox build (an event page, not a service worker;
// Total Cookie Protection partitions third-party cookies; `world: "MAIN"` registered scripts) on
// the testbed, driven over WebDriver BiDi (tests/support/firefox.mjs). The scenarios of
// e2e.test.mjs that depend on the browser:
//   1. the richest page: categories, items with their evidence (the MAIN-world instrumentation's
//      writers, a partitioned third-party cookie), the badge, fingerprinting, exports;
//   2. GPC and DNT switched on: headers on every request, properties before the page's scripts;
//   3. the event page suspended in the middle of a page (Firefox's idle timeout), losing nothing;
//   4. navigation in a tab, and the back/forward cache.
// Every suite also checks that nothing went to a host the testbed does not serve (the testbed is
// Firefox's proxy and refuses, and records, every other host).
//
//   make build && node --test extension/test/firefox-e2e.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import { CSV_COLUMNS } from '@trackscope/presentation/csv.mjs';
import { TIMEOUT_MS, repo, screenshotDir, waitFor } from '@trackscope/test-support/extension';
import { buildFirefoxTestExtension, useFirefox } from '@trackscope/test-support/firefox';

const schema = JSON.parse(fs.readFileSync(path.join(repo, 'core/src/report/report.schema.json'), 'utf8'));
const validateReport = new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(schema);

// Built once for every suite here (and checked to be the test build).
test('the Firefox test build is made', () => {
  const dir = buildFirefoxTestExtension();
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  assert.deepEqual(manifest.background.scripts, ['background/service-worker.js', 'test-hooks/background.js']);
});

// What the popup of tab `tabId` shows, once rendered.
async function openPopup(ff, tabId) {
  const popup = await ff.openExtensionPage(`popup/popup.html?tabId=${tabId}`);
  await popup.waitForSelector('body[data-state="ready"]', { timeout: TIMEOUT_MS });
  return popup;
}

// Reloads the popup until `predicate(popup)` holds (the background saves a page's events debounced).
async function popupUntil(popup, predicate, what) {
  return waitFor(async () => {
    await popup.click('#refresh');
    await popup.waitForSelector('body[data-state="ready"]');
    return predicate(popup);
  }, what);
}

const namesIn = (popup, id) => popup.$$eval(`section.category[data-category="${id}"] .item`,
                                            nodes => nodes.map(n => `${n.dataset.kind} ${n.dataset.name}`).sort());
const itemSelector = (kind, name) => `.item[data-kind="${kind}"][data-name="${name}"]`;
async function why(popup, kind, name) {
  await popup.click(`${itemSelector(kind, name)} .why > summary`);
  return popup.$eval(`${itemSelector(kind, name)} .why-body`, n => n.innerText);
}
const text = (popup, selector) => popup.$eval(selector, n => n.innerText);

// Nothing tried to reach a host the testbed does not serve (the proxy refuses and records them),
// but Firefox's own remote-settings service, whose address this build ignores the preference for
// (tests/support/firefox.mjs QUIET): the browser's housekeeping, before any page or add-on loads.
const FIREFOX_OWN = new Set(['firefox.settings.services.mozilla.com']);
function assertOnlyTestbedTraffic(bed) {
  const outside = bed.received.filter(r => !bed.hosts.includes(r.host) && !FIREFOX_OWN.has(r.host));
  assert.deepEqual(outside.map(r => `${r.method} ${r.host}${r.path}`), []);
}

// The text and file name of an export, taken from the download link the popup clicks.
async function exported(popup, button) {
  await popup.evaluate(() => {
    window.__exports = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      if (!this.download) return click.call(this);
      window.__exports.push(fetch(this.href).then(r => r.text()).then(body => ({ name: this.download, body })));
      return undefined;
    };
  });
  await popup.click(button);
  return waitFor(() => popup.evaluate(async () => (window.__exports.length ? window.__exports[0] : null)), `the ${button} export`);
}

describe('Firefox: the popup on the richest testbed page', () => {
  const t = useFirefox();
  let page;
  let popup;
  let tabId;
  const pageUrl = () => t.bed.url('shop.example', '/everything.html');

  before(async () => {
    page = await t.ff.browser.newPage();
    await page.goto(pageUrl(), { waitUntil: 'load', timeout: TIMEOUT_MS });
    await waitFor(() => ['/px.gif', '/collect', '/k', '/tr', '/g/collect'].every(p => t.bed.received.some(r => r.path.startsWith(p))),
                  'the pixels and beacons to reach the testbed');
    tabId = await t.ff.tabIdOf(pageUrl());
    popup = await openPopup(t.ff, tabId);
    await popupUntil(popup, async p => (await p.$$(itemSelector('storage', '_mt_uid'))).length > 0 &&
                                       (await p.$$('.fp[data-script="https://fp.tracker.example/fp.js"]')).length > 0,
                     'the page\'s storage writes and fingerprinting in the popup');
    fs.mkdirSync(screenshotDir, { recursive: true });
    await popup.screenshot({ path: path.join(screenshotDir, 'extension-popup-firefox.png') });
  });

  test('the page, the policy and a row per category with its count', async () => {
    assert.equal(await text(popup, '#page-host'), 'shop.example');
    assert.match(await text(popup, '#page-title'), /Basket/);
    assert.match(await text(popup, '#policy-name'), /Customer-service SaaS/);
    const tiles = await popup.$$eval('.tile', nodes => nodes.map(n => [n.dataset.category, Number(n.querySelector('.tile-count').textContent)]));
    assert.deepEqual(tiles.map(([id]) => id), ['essential', 'functional', 'marketing', 'web-beacons', 'unclassified']);
    for (const [id, count] of tiles) assert.equal(count, (await namesIn(popup, id)).length, id);
    assert.match(await text(popup, '.tile[data-category="marketing"] .tile-sub'), /^2 trackers$/);
  });

  test('each category shows the right items, as in Chromium', async () => {
    assert.deepEqual(await namesIn(popup, 'essential'), ['cookie shop_session']);
    const functional = await namesIn(popup, 'functional');
    for (const name of ['cookie _ga', 'cookie _mt_id', 'cookie ab_bucket', 'cookie ui_lang', 'storage _mt_uid', 'storage ui_theme']) {
      assert.ok(functional.includes(name), `${name} not in Functional: ${functional}`);
    }
    // adnet_uid lives in shop.example's partition (Total Cookie Protection): still the page's.
    assert.deepEqual(await namesIn(popup, 'marketing'), ['cookie _fbp', 'cookie adnet_uid']);
    const beacons = await namesIn(popup, 'web-beacons');
    for (const name of ['pixel.adnet.example/px.gif', 'collect.metrics.example/collect', 'collect.metrics.example/k',
                        'www.facebook.com/tr', 'sgtm.shop.example/g/collect']) {
      assert.ok(beacons.includes(`beacon ${name}`), `${name} not in Web beacons: ${beacons}`);
    }
    const trackers = await popup.$$eval('section.category[data-category="marketing"] .tracker', nodes => nodes.map(n => n.dataset.tracker).sort());
    assert.deepEqual(trackers, ['Meta Pixel', 'adnet.example']);
  });

  test('the evidence: writers seen by the MAIN-world instrumentation, the partitioned cookie\'s HTTP response', async () => {
    assert.equal(await popup.$eval(itemSelector('cookie', '_fbp'), n => n.dataset.purpose), 'advertising');
    const fbp = await why(popup, 'cookie', '_fbp');
    assert.match(fbp, /catalog entry `_fbp`: Meta Pixel/);
    assert.match(fbp, /Set by\s+script\s+cdn\.shop\.example\/tags\.js/);
    assert.equal(await popup.$eval(itemSelector('cookie', 'adnet_uid'), n => n.dataset.party), 'third');
    assert.match(await text(popup, `${itemSelector('cookie', 'adnet_uid')} .lifetime`), /3 months/);
    assert.match(await why(popup, 'cookie', 'adnet_uid'), /HTTP response\s+pixel\.adnet\.example\/px\.gif/);
    assert.match(await text(popup, `${itemSelector('storage', '_mt_uid')} .lifetime`), /^no expiry$/);
    assert.match(await why(popup, 'storage', '_mt_uid'), /Written by\s+cdn\.shop\.example\/prefs\.js \(2 writes\)/);
    const withoutWhy = await popup.$$eval('.item', nodes => nodes.filter(n => !n.querySelector('.why > summary')).length);
    assert.equal(withoutWhy, 0);
  });

  test('the toolbar badge shows the number of Marketing trackers', async () => {
    const badge = await waitFor(() => popup.evaluate(async id => {
      const badgeText = await browser.action.getBadgeText({ tabId: id });
      return badgeText ? { text: badgeText, title: await browser.action.getTitle({ tabId: id }) } : null;
    }, tabId), 'the badge');
    assert.deepEqual(badge, { text: '2', title: 'trackscope: 2 Marketing trackers on this page' });
  });

  test('fingerprinting scripts are listed with the evidence', async () => {
    assert.match(await text(popup, '.fp[data-script="https://fp.tracker.example/fp.js"] .fp-evidence'), /canvas fingerprinting/);
    assert.equal((await popup.$$('.fp[data-script="https://cdn.shop.example/chart.js"]')).length, 0);
  });

  test('the DNT/GPC panel: Firefox has navigator.globalPrivacyControl of its own', async () => {
    assert.match(await text(popup, '#signals > summary'), /GPC off\s+DNT off/);
    await popup.click('#signals > summary');
    await popup.waitForSelector('body[data-well-known="fetched"]', { timeout: TIMEOUT_MS });
    const gpc = await text(popup, '.signal-card[data-signal="gpc"]');
    assert.match(gpc, /Sent\s+no/);
    assert.match(gpc, /gpc\.json\s+none \(HTTP 404\)/);
    assert.match(await text(popup, '.signal-card[data-signal="dnt"]'), /Read by\s+collect\.metrics\.example\/m\.js/);
  });

  test('JSON and CSV exports: the report valid against its schema, identifiers redacted; one row per item', async () => {
    const json = await exported(popup, '#export-json');
    assert.match(json.name, /^trackscope-shop\.example-\d{4}-\d\d-\d\dT\d{4}\.json$/);
    const report = JSON.parse(json.body);
    assert.ok(validateReport(report), JSON.stringify(validateReport.errors, null, 1));
    assert.equal(report.page.url, pageUrl());
    const values = await popup.evaluate(async () => (await browser.cookies.getAll({ partitionKey: {} })).map(c => c.value).filter(v => v.length >= 8));
    assert.ok(values.length >= 4);
    for (const value of values) assert.ok(!json.body.includes(value), `cookie value ${value} in the export`);
    assert.match(report.sites.find(s => s.site === 'adnet.example').cookies[0].value, /^•••• \(32 chars\)$/);

    await popup.evaluate(() => { window.__exports = []; });
    const csv = await exported(popup, '#export-csv');
    const lines = csv.body.trimEnd().split('\r\n');
    assert.equal(lines[0], CSV_COLUMNS.join(','));
    assert.equal(lines.length - 1, (await popup.$$('.item')).length);
    assert.ok(lines.some(l => l.includes(',cookie:adnet_uid@adnet.example/,cookie,adnet_uid,Marketing,')), lines.join('\n'));
  });

  test('nothing left the testbed', () => assertOnlyTestbedTraffic(t.bed));
});

describe('Firefox: GPC and DNT switched on', () => {
  const t = useFirefox();

  test('every request carries the headers; the page sees the properties before its scripts', async () => {
    const options = await t.ff.openExtensionPage('options/options.html', { width: 900, height: 1000 });
    await options.waitForSelector('body[data-state="ready"]', { timeout: TIMEOUT_MS });
    await options.click('#gpc');
    await options.click('#dnt');
    await waitFor(() => options.evaluate(async () => (await browser.declarativeNetRequest.getDynamicRules()).length === 2 &&
                                                     (await browser.scripting.getRegisteredContentScripts())
                                                       .some(s => s.js[0] === 'content/signal-gpc.js' && s.js[1] === 'content/signal-dnt.js')),
                  'the header rules and the signal scripts');
    const since = t.bed.received.length;
    const page = await t.ff.browser.newPage();
    const url = t.bed.url('gpc-honours.example', '/');
    await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS });
    assert.deepEqual(await page.evaluate(() => [navigator.globalPrivacyControl, navigator.doNotTrack, window.gpcSeen]),
                     [true, '1', true], 'the inline script in <head> saw GPC');
    const requests = t.bed.received.slice(since).filter(r => r.host === 'gpc-honours.example' || r.host.endsWith('.example'))
      .filter(r => !r.path.startsWith('/.well-known/'));
    assert.ok(requests.length >= 2);
    for (const r of requests) {
      assert.equal(r.headers['sec-gpc'], '1', `${r.host}${r.path}`);
      assert.equal(r.headers.dnt, '1', `${r.host}${r.path}`);
    }
    const popup = await openPopup(t.ff, await t.ff.tabIdOf(url));
    assert.match(await text(popup, '#signals > summary'), /GPC sent\s+DNT sent/);
    await popup.click('#signals > summary');
    await popup.waitForSelector('body[data-well-known="fetched"]', { timeout: TIMEOUT_MS });
    const gpc = await text(popup, '.signal-card[data-signal="gpc"]');
    assert.match(gpc, /Sent\s+yes — Sec-GPC: 1 on (\d+) of \1 requests?, navigator\.globalPrivacyControl set/);
    assert.match(gpc, /gpc\.json\s+“gpc”: true, updated 2025-01-15/);
    assert.match(gpc, /No tracking seen with GPC sent/);
    await popup.evaluate(() => document.querySelector('.signal-card[data-signal="gpc"]').scrollIntoView());
    await popup.screenshot({ path: path.join(screenshotDir, 'extension-popup-firefox-gpc.png') });
  });

  test('nothing left the testbed', () => assertOnlyTestbedTraffic(t.bed));
});

describe('Firefox: the event page suspended in the middle of a page', () => {
  // Firefox suspends an idle event page after 30 s; here after 1 s.
  const t = useFirefox({ prefs: { 'extensions.background.idle.timeout': 1000 } });

  test('what the page does before and after the suspension is all in the popup', async () => {
    const page = await t.ff.browser.newPage();
    const url = t.bed.url('shop.example', '/everything.html');
    await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS });
    const tabId = await t.ff.tabIdOf(url);
    const first = (await t.ff.ask({ started: true })).startedAt;
    // Idle: the event page is suspended (and started again by the next event).
    await new Promise(resolve => setTimeout(resolve, 4000));
    await page.evaluate(() => {
      document.cookie = 'late_pref=compact; path=/; max-age=86400';
      localStorage.setItem('late_layout', 'grid');
      navigator.sendBeacon('https://collect.metrics.example/collect', JSON.stringify({ ev: 'late' }));
    });
    await waitFor(() => t.bed.received.some(r => r.path === '/collect' && r.body.includes('late')), 'the late beacon');
    const popup = await openPopup(t.ff, tabId);
    assert.notEqual((await t.ff.ask({ started: true })).startedAt, first, 'the event page was suspended and started again');
    await popupUntil(popup, async p => (await p.$$(itemSelector('storage', 'late_layout'))).length > 0 &&
                                       (await p.$$(itemSelector('cookie', 'late_pref'))).length > 0, 'the late writes');
    // Recorded before the suspension, too; the late beacon counted with the first.
    assert.equal((await popup.$$(itemSelector('cookie', 'shop_session'))).length, 1);
    assert.equal((await popup.$$(itemSelector('beacon', 'www.facebook.com/tr'))).length, 1);
    assert.equal(await popup.$eval(itemSelector('beacon', 'collect.metrics.example/collect'), n => n.dataset.count), '2');
    // The write was relayed to the restarted background (a test's evaluate has no script URL).
    assert.match(await why(popup, 'storage', 'late_layout'), /Written by\s+no script seen \(1 write\)/);
  });
});

describe('Firefox: navigation and the back/forward cache', () => {
  const t = useFirefox();

  test('a navigation starts a new recording; going back shows the restored page\'s', async () => {
    const shop = t.bed.url('shop.example', '/index.html?bfcache');
    const account = t.bed.url('shop.example', '/storage.html');
    const tab = await t.ff.browser.newPage();
    await tab.goto(shop, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await waitFor(() => t.bed.received.some(r => r.path.startsWith('/px.gif')), 'the shop page\'s pixel');
    await tab.evaluate(() => { window.__stillHere = true; });
    await tab.goto(account, { waitUntil: 'load', timeout: TIMEOUT_MS });
    const tabId = await t.ff.tabIdOf(account);
    const popup = await openPopup(t.ff, tabId);
    await popupUntil(popup, async p => /Account/.test(await text(p, '#page-title')), 'the account page in the popup');
    assert.equal((await popup.$$('.item[data-kind="beacon"]')).length, 0, 'no beacon of the previous page');

    await tab.bringToFront();
    await tab.goBack({ waitUntil: 'load', timeout: TIMEOUT_MS }).catch(() => null);  // a restore may fire no load event
    await waitFor(() => tab.evaluate(() => location.href).then(href => href === shop), 'the shop page back');
    assert.equal(await tab.evaluate(() => window.__stillHere), true, 'restored from the back/forward cache');
    await popupUntil(popup, async p => /^Shop/.test(await text(p, '#page-title')), 'the restored page in the popup');
    assert.ok((await popup.$$('.item[data-kind="beacon"]')).length >= 1, 'the shop page\'s beacon');
  });

  test('nothing left the testbed', () => assertOnlyTestbedTraffic(t.bed));
});
