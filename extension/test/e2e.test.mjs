// End to end: the built extension in headless Chromium on the testbed.
//   1. The richest page (shop.example/everything.html): the popup's categories, trackers and items
//      with their evidence, the badge, fingerprinting, the DNT/GPC panel (which alone fetches the
//      site's /.well-known/ files), keyboard use, JSON export validated against the report schema,
//      CSV export, and a service-worker stop in the middle of the page that loses nothing.
//   2. Navigation and SPA routing in the same tab; a hostile page rendered as text.
//   3. Options: GPC/DNT on (request headers and navigator properties before page scripts), a
//      per-site exception, another bundled policy, a policy file with a declaration (findings), an
//      invalid policy file.
// Every test also checks that the only requests were the testbed's own and the extension's files.
//
//   npm run build -w extension && node --test extension/test/
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import { CSV_COLUMNS } from '@trackscope/presentation/csv.mjs';
import { startTestbed } from '@trackscope/test-support';
import { NOT_BUILT, TIMEOUT_MS, built, launchWithExtension, openPopup, repo, screenshotDir, tabIdOf, waitFor,
         watchServiceWorker } from '@trackscope/test-support/extension';

const schema = JSON.parse(fs.readFileSync(path.join(repo, 'core/src/report/report.schema.json'), 'utf8'));
const validateReport = new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(schema);

// A cookie name the page controls; rendered as markup it would become an <img> element.
const HOSTILE_NAME = '<img src onerror>';

// Counted as a failure (not a skip, not only cancelled tests) when the build is missing.
test('the extension is built', () => assert.ok(built(), NOT_BUILT));

// Collects what a browser session requested and logged, for the privacy and error checks.
function observe(context) {
  const seen = { requests: [], extensionErrors: [] };
  context.on('request', request => seen.requests.push({ url: request.url(), fromWorker: Boolean(request.serviceWorker()) }));
  context.on('console', message => {
    if (['error', 'warning'].includes(message.type()) && message.location().url.startsWith('chrome-extension://')) {
      seen.extensionErrors.push(`${message.location().url}: ${message.text()}`);
    }
  });
  context.on('weberror', error => {
    if (error.page()?.url().startsWith('chrome-extension://')) seen.extensionErrors.push(String(error.error()));
  });
  return seen;
}

// The privacy promise: no request for a host the testbed does not serve, and the extension's own
// requests are its files plus the page's /.well-known/ declarations.
function assertOnlyTestbedTraffic(bed, seen) {
  const unknownHosts = bed.received.filter(r => !bed.hosts.includes(r.host)).map(r => `${r.method} ${r.host}${r.path}`);
  assert.deepEqual(unknownHosts, []);
  const outside = seen.requests.filter(r => {
    const url = new URL(r.url);
    return !['chrome-extension:', 'blob:', 'data:'].includes(url.protocol) && !bed.hosts.includes(url.hostname);
  });
  assert.deepEqual(outside, []);
  const fromExtension = seen.requests.filter(r => r.fromWorker && !r.url.startsWith('chrome-extension://'));
  assert.deepEqual(fromExtension.filter(r => !new URL(r.url).pathname.startsWith('/.well-known/')), []);
}

// A screenshot of the popup as Chromium shows it (420×600, scrolling) and one of all of it.
async function popupScreenshots(popup, name) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await popup.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
  const style = await popup.addStyleTag({ content: 'footer { position: static !important; }' });
  await popup.screenshot({ path: path.join(screenshotDir, `${name}-full.png`), fullPage: true });
  await style.evaluate(node => node.remove());
}

const category = (popup, id) => popup.locator(`section.category[data-category="${id}"]`);
const item = (popup, kind, name) => popup.locator(`.item[data-kind="${kind}"][data-name="${name}"]`);
const namesIn = (popup, id) => category(popup, id).locator('.item')
  .evaluateAll(nodes => nodes.map(n => `${n.dataset.kind} ${n.dataset.name}`).sort());

describe('popup on the richest testbed page', () => {
  let bed;
  let ext;
  let seen;
  let page;
  let popup;
  let tabId;
  let workerWatch;
  const pageUrl = () => bed.url('shop.example', '/everything.html');

  before(async () => {
    if (!built()) throw new Error(NOT_BUILT);
    bed = await startTestbed();
    ext = await launchWithExtension(bed.browserArgs);
    seen = observe(ext.context);

    page = ext.context.pages()[0] ?? await ext.context.newPage();
    await page.goto(pageUrl(), { waitUntil: 'networkidle', timeout: TIMEOUT_MS });
    await waitFor(() => ['/px.gif', '/collect', '/k', '/tr', '/g/collect'].every(p => bed.received.some(r => r.path.startsWith(p))),
                  'the pixels and beacons to reach the testbed');

    const blank = await ext.context.newPage();
    await blank.goto(ext.extensionUrl('manifest.json'));
    tabId = await tabIdOf(blank, pageUrl());
    // The worker saves tab state debounced; stop it only once the page's last events are stored.
    await waitFor(() => blank.evaluate(async key => {
      const page = (await chrome.storage.session.get(key))[key]?.pages.at(-1);
      return page?.events.some(e => e.kind === 'fingerprint') && page.events.some(e => e.kind === 'storage-write');
    }, `tab:${tabId}`), 'the tab state to be saved');

    // Chrome stops the worker in the middle of the page; the page goes on doing things, which wake
    // it again (a cookie write and a storage write relayed as messages, a beacon seen by webRequest).
    workerWatch = await watchServiceWorker(blank);
    await workerWatch.stop();
    await page.evaluate(name => {
      document.cookie = 'late_pref=compact; path=/; max-age=86400';
      localStorage.setItem('late_layout', 'grid');
      document.cookie = `${name}=1; path=/`;
      navigator.sendBeacon('https://collect.metrics.example/collect', JSON.stringify({ ev: 'late' }));
    }, HOSTILE_NAME);
    await waitFor(() => bed.received.some(r => r.path === '/collect' && r.body.includes('late')), 'the late beacon');
    await waitFor(() => blank.evaluate(async key => {
      const page = (await chrome.storage.session.get(key))[key]?.pages.at(-1);
      return page?.events.some(e => e.key === 'late_layout') && page.requests.filter(r => r.url.endsWith('/collect')).length >= 2;
    }, `tab:${tabId}`), 'the late events to be saved');
    await blank.close();

    popup = await openPopup(ext.context, ext.extensionUrl, tabId);
    await popupScreenshots(popup, 'extension-popup');
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popupScreenshots(popup, 'extension-popup-dark');
    await popup.emulateMedia({ colorScheme: 'light' });
  });

  after(async () => {
    await ext?.context.close();
    await bed?.close();
  });

  test('a service-worker stop in the middle of the page loses nothing', async () => {
    const { statuses } = workerWatch;
    assert.ok(statuses.lastIndexOf('running') > statuses.indexOf('stopped'), `worker states: ${statuses.join(' ')}`);
    // Recorded before the stop ...
    await item(popup, 'cookie', 'shop_session').waitFor();
    await item(popup, 'beacon', 'www.facebook.com/tr').waitFor();
    // ... and after it.
    await item(popup, 'cookie', 'late_pref').waitFor();
    await item(popup, 'storage', 'late_layout').waitFor();
    // One item per beacon endpoint, with its hits counted (before the stop and after it).
    const collect = popup.locator('.item[data-kind="beacon"][data-name="collect.metrics.example/collect"]');
    assert.equal(await collect.count(), 1);
    assert.equal(await collect.getAttribute('data-count'), '2');
  });

  test('shows the page, the policy and a row per category with its count', async () => {
    assert.equal(await popup.locator('#page-host').innerText(), 'shop.example');
    assert.match(await popup.locator('#page-title').innerText(), /Basket/);
    assert.match(await popup.locator('#policy-name').innerText(), /Customer-service SaaS/);
    const tiles = await popup.locator('.tile').evaluateAll(nodes => nodes.map(n => [n.dataset.category, n.querySelector('.tile-count').textContent]));
    assert.deepEqual(tiles.map(([id]) => id), ['essential', 'functional', 'marketing', 'web-beacons', 'unclassified']);
    for (const [id, count] of tiles) assert.equal(Number(count), await category(popup, id).locator('.item').count(), id);
    assert.match(await popup.locator('.tile[data-category="marketing"] .tile-sub').innerText(), /^2 trackers$/);
  });

  test('each category shows the right items, under the right trackers', async () => {
    // (plus the cookie with a hostile name the test wrote: no evidence, a session cookie)
    assert.deepEqual((await namesIn(popup, 'essential')).filter(n => n !== `cookie ${HOSTILE_NAME}`), ['cookie shop_session']);
    const functional = await namesIn(popup, 'functional');
    for (const name of ['cookie _ga', 'cookie _mt_id', 'cookie ab_bucket', 'cookie ui_lang', 'storage _mt_uid', 'storage ui_theme']) {
      assert.ok(functional.includes(name), `${name} not in Functional: ${functional}`);
    }
    assert.deepEqual(await namesIn(popup, 'marketing'), ['cookie _fbp', 'cookie adnet_uid']);
    const beacons = await namesIn(popup, 'web-beacons');
    for (const name of ['pixel.adnet.example/px.gif', 'collect.metrics.example/collect', 'collect.metrics.example/k',
                        'www.facebook.com/tr', 'sgtm.shop.example/g/collect']) {
      assert.ok(beacons.includes(`beacon ${name}`), `${name} not in Web beacons: ${beacons}`);
    }
    const trackers = id => category(popup, id).locator('.tracker').evaluateAll(nodes => nodes.map(n => n.dataset.tracker).sort());
    // _fbp is the Meta Pixel's cookie (the core's attribution: the catalog's vendor).
    assert.deepEqual(await trackers('marketing'), ['Meta Pixel', 'adnet.example']);
    assert.ok((await trackers('web-beacons')).includes('Facebook'));
    // A first-party id cookie written by the analytics vendor's script is that vendor's.
    const metrics = category(popup, 'functional').locator('.tracker[data-tracker="metrics.example"]');
    assert.match(await metrics.locator('.via').innerText(), /collect\.metrics\.example\/m\.js/);
    assert.equal(await metrics.locator('.item[data-name="_mt_id"]').count(), 1);
  });

  test('every item shows purpose, lifetime and party, and why, with the evidence and confidence', async () => {
    const fbp = item(popup, 'cookie', '_fbp');
    assert.equal(await fbp.getAttribute('data-purpose'), 'advertising');
    assert.match(await fbp.locator('.lifetime').innerText(), /13 months/);
    assert.match(await fbp.locator('.why > summary').innerText(), /advertising\s+1st party\s+high confidence\s+Why\?/);
    await fbp.locator('.why > summary').click();
    const why = await fbp.locator('.why-body').innerText();
    assert.match(why, /confidence 0\.9\d/);
    assert.match(why, /catalog entry `_fbp`: Meta Pixel/);
    assert.match(why, /Set by\s+script\s+cdn\.shop\.example\/tags\.js/);

    const adnet = item(popup, 'cookie', 'adnet_uid');
    assert.match(await adnet.locator('.lifetime').innerText(), /3 months/);
    assert.equal(await adnet.getAttribute('data-party'), 'third');
    await adnet.locator('.why > summary').click();
    assert.match(await adnet.locator('.why-body').innerText(), /HTTP response\s+pixel\.adnet\.example\/px\.gif/);

    const session = item(popup, 'cookie', 'shop_session');
    assert.match(await session.locator('.lifetime').innerText(), /^session$/);

    const pixel = item(popup, 'beacon', 'www.facebook.com/tr');
    assert.match(await pixel.locator('.lifetime').innerText(), /tracking pixel/);
    await pixel.locator('.why > summary').click();
    const pixelWhy = await pixel.locator('.why-body').innerText();
    assert.match(pixelWhy, /Meta Pixel/);
    assert.match(pixelWhy, /fbp.*value of 1st-party cookie _fbp|value of first-party cookie `_fbp`/s);

    const stored = item(popup, 'storage', '_mt_uid');
    assert.match(await stored.locator('.lifetime').innerText(), /^no expiry$/);
    // Every item has its evidence.
    const withoutWhy = await popup.locator('.item').evaluateAll(nodes => nodes.filter(n => !n.querySelector('.why > summary')).length);
    assert.equal(withoutWhy, 0);
  });

  test('the toolbar badge shows the number of Marketing trackers', async () => {
    const badge = await waitFor(() => popup.evaluate(async id => {
      const text = await chrome.action.getBadgeText({ tabId: id });
      return text ? { text, title: await chrome.action.getTitle({ tabId: id }) } : null;
    }, tabId), 'the badge');
    assert.deepEqual(badge, { text: '2', title: 'trackscope: 2 Marketing trackers on this page' });
  });

  test('fingerprinting scripts are listed with the evidence', async () => {
    const fp = popup.locator('.fp[data-script="https://fp.tracker.example/fp.js"]');
    assert.match(await fp.locator('.verdict-tag').innerText(), /likely/i);
    assert.match(await fp.locator('.fp-evidence').innerText(), /canvas fingerprinting/);
    assert.equal(await popup.locator('.fp[data-script="https://cdn.shop.example/chart.js"]').count(), 0);
  });

  test('keyboard: a category row jumps to its section, Enter opens an item\'s evidence', async () => {
    await popup.locator('.tile[data-category="marketing"]').focus();
    await popup.keyboard.press('Enter');
    assert.equal(await popup.evaluate(() => document.activeElement.id), 'cat-marketing-h');
    await popup.keyboard.press('Tab');  // the first tracker of the section
    assert.equal(await popup.evaluate(() => document.activeElement.closest('.tracker')?.dataset.tracker), 'adnet.example');
    await popup.keyboard.press('Tab');  // its first item's "Why?"
    assert.equal(await popup.evaluate(() => document.activeElement.closest('.item')?.dataset.name), 'adnet_uid');
    const isOpen = () => popup.evaluate(() => document.activeElement.closest('details.why').open);
    const before = await isOpen();
    await popup.keyboard.press('Enter');
    assert.equal(await isOpen(), !before);
    await popup.keyboard.press('Enter');
    assert.equal(await isOpen(), before);
    const unnamed = await popup.locator('button, summary').evaluateAll(nodes => nodes.filter(n => !n.textContent.trim() && !n.getAttribute('aria-label')).length);
    assert.equal(unnamed, 0, 'every control has a name');
  });

  test('the DNT/GPC panel: signals, reads, declarations fetched only once opened, verdict', async () => {
    const wellKnown = () => bed.received.filter(r => r.host === 'shop.example' && r.path.startsWith('/.well-known/')).map(r => r.path);
    assert.deepEqual(wellKnown(), [], 'nothing fetched before the panel opens');
    assert.match(await popup.locator('#signals > summary').innerText(), /GPC off\s+DNT off/);
    await popup.locator('#signals > summary').click();
    await popup.locator('body[data-well-known="fetched"]').waitFor({ timeout: TIMEOUT_MS });
    assert.deepEqual(wellKnown().sort(), ['/.well-known/dnt-policy.txt', '/.well-known/gpc.json']);
    const gpc = await popup.locator('.signal-card[data-signal="gpc"]').innerText();
    assert.match(gpc, /Sent\s+no/);
    // Chromium has no navigator.globalPrivacyControl of its own: with GPC off there is nothing to read.
    assert.match(gpc, /Read by\s+no script read it/);
    assert.match(gpc, /gpc\.json\s+none \(HTTP 404\)/);
    assert.match(gpc, /Not tested: GPC was not sent/);
    const dnt = await popup.locator('.signal-card[data-signal="dnt"]').innerText();
    assert.match(dnt, /Read by\s+collect\.metrics\.example\/m\.js/);
    // The bundled policy's stance is that policy's, not the site's.
    assert.match(dnt, /The site\s+states no stance\s+Selected policy\s+does not honour it/);
    assert.equal(await popup.evaluate(() => document.activeElement.closest('#signals') !== null), true, 'focus stays in the panel');
    await popup.screenshot({ path: path.join(screenshotDir, 'extension-popup-signals.png') });
  });

  test('JSON export: the report, valid against the report schema, identifier values redacted', async () => {
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.locator('#export-json').click()]);
    assert.match(download.suggestedFilename(), /^trackscope-shop\.example-\d{4}-\d\d-\d\dT\d{4}\.json$/);
    const text = fs.readFileSync(await download.path(), 'utf8');
    const report = JSON.parse(text);
    assert.ok(validateReport(report), JSON.stringify(validateReport.errors, null, 1));
    assert.equal(report.page.url, pageUrl());
    const cookies = await popup.evaluate(() => chrome.cookies.getAll({}));
    const secrets = cookies.filter(c => c.value.length >= 8).map(c => c.value);
    assert.ok(secrets.length >= 4);
    for (const value of secrets) assert.ok(!text.includes(value), `cookie value ${value} in the export`);
    assert.ok(!text.includes('u-5f2a9c1e7b3d'), 'the pixel\'s user id in the export');
    assert.match(report.sites.find(s => s.site === 'adnet.example').cookies[0].value, /^•••• \(32 chars\)$/);
    assert.match(await popup.locator('#export-status').innerText(), /redacted/);
  });

  test('CSV export: the one CSV layout, one row per item', async () => {
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.locator('#export-csv').click()]);
    const lines = fs.readFileSync(await download.path(), 'utf8').trimEnd().split('\r\n');
    assert.equal(lines[0], CSV_COLUMNS.join(','));
    assert.equal(lines.length - 1, await popup.locator('.item').count());
    assert.ok(lines.some(l => l.includes(',cookie:adnet_uid@adnet.example/,cookie,adnet_uid,Marketing,')), lines.join('\n'));
    assert.ok(lines.some(l => l.includes(',beacon:www.facebook.com/tr,beacon,www.facebook.com/tr,Web beacons,')));
  });

  test('renders a page-controlled cookie name as text, not markup', async () => {
    const names = await popup.locator('.item-name').allInnerTexts();
    assert.ok(names.includes(HOSTILE_NAME), `names shown: ${names.join(', ')}`);
    assert.equal(await popup.locator('main img').count(), 0);
  });

  test('a navigation starts a new recording; SPA address changes are noted', async () => {
    const next = bed.url('shop.example', '/storage.html');
    await page.goto(next, { waitUntil: 'networkidle', timeout: TIMEOUT_MS });
    await page.evaluate(() => history.pushState({}, '', '/storage.html#/settings'));
    const spaPopup = await openPopup(ext.context, ext.extensionUrl, tabId);
    await waitFor(async () => {
      await spaPopup.locator('#refresh').click();
      await spaPopup.locator('body[data-state="ready"]').waitFor();
      return (await spaPopup.locator('.note').allInnerTexts()).some(t => /changed its address once/.test(t));
    }, 'the SPA note');
    assert.match(await spaPopup.locator('#page-title').innerText(), /Account/);
    // Cookies stay in the browser (shown as set by an earlier visit); the previous page's beacons
    // and scripts do not.
    assert.equal(await spaPopup.locator('.item[data-kind="beacon"]').count(), 0, 'no beacon of the previous page');
    assert.equal(await spaPopup.locator('.fp').count(), 0, 'no fingerprinting of the previous page');
    await item(spaPopup, 'cookie', '_fbp').locator('.why > summary').click();
    assert.match(await item(spaPopup, 'cookie', '_fbp').locator('.why-body').innerText(), /Set by\s+before this page load/);
    await item(spaPopup, 'storage', '_mt_uid').waitFor();
    assert.match((await spaPopup.locator('.note').allInnerTexts()).join('\n'), /storage\.html#\/settings/);
    await spaPopup.close();
  });

  test('back/forward cache: going back shows the restored page\'s recording, not the one left', async () => {
    // ?bfcache: served cacheable, so Chromium may keep the page (the testbed's no-store would not).
    const shop = bed.url('shop.example', '/index.html?bfcache');
    const account = bed.url('shop.example', '/storage.html');
    const tab = await ext.context.newPage();
    await tab.goto(shop, { waitUntil: 'networkidle', timeout: TIMEOUT_MS });
    await tab.evaluate(() => { window.__stillHere = true; });
    await tab.goto(account, { waitUntil: 'networkidle', timeout: TIMEOUT_MS });
    // A restore fires no load event: wait for the navigation to commit.
    await tab.goBack({ waitUntil: 'commit', timeout: TIMEOUT_MS });
    // The shop page came back from the cache (its script state survived), not from a new load.
    assert.equal(await tab.evaluate(() => window.__stillHere), true, `restored from the back/forward cache; not restored because: ${
      JSON.stringify(await tab.evaluate(() => performance.getEntriesByType('navigation')[0]?.notRestoredReasons))}`);
    const restored = await openPopup(ext.context, ext.extensionUrl, await tabIdOf(popup, shop));
    await waitFor(async () => {
      await restored.locator('#refresh').click();
      await restored.locator('body[data-state="ready"]').waitFor();
      return /^Shop/.test(await restored.locator('#page-title').innerText());
    }, 'the restored page in the popup');
    // The shop's beacon is back; the account page's recorded storage writes are not. (The origin's
    // storage as it stands is listed, with no writer seen: the account page's items are the site's.)
    assert.ok(await restored.locator('.item[data-kind="beacon"]').count() >= 1, 'the shop page\'s beacon');
    for (const why of await restored.locator('.item[data-kind="storage"] .why').all()) {
      await why.locator('summary').click();
      assert.match(await why.locator('.why-body').innerText(), /Written by\s+no script seen/);
    }
    await Promise.all([restored.close(), tab.close()]);
  });

  test('renders the testbed\'s hostile page as text, not markup', async () => {
    const url = bed.url('shop.example', '/hostile.html');
    const hostile = await ext.context.newPage();
    await hostile.goto(url, { waitUntil: 'networkidle', timeout: TIMEOUT_MS });
    const hostilePopup = await openPopup(ext.context, ext.extensionUrl, await tabIdOf(popup, url));
    await hostilePopup.screenshot({ path: path.join(screenshotDir, 'extension-popup-hostile.png'), fullPage: true });
    const names = await hostilePopup.locator('.item-name').allInnerTexts();
    assert.ok(names.includes('<b>bold</b>'), `names shown: ${names.join(', ')}`);
    assert.equal(await hostilePopup.locator('main b:not(.nothing-in b), main img, main script').count(), 0);
    assert.equal(await hostilePopup.evaluate(() => window.__pwned), undefined);
    // The page retitles itself with an escape sequence; the browser already made it a space.
    assert.equal(await hostilePopup.locator('#page-title').innerText(), 'esc [31mred');
    await Promise.all([hostilePopup.close(), hostile.close()]);
  });

  test('the extension logs no errors or warnings', () => {
    assert.deepEqual(seen.extensionErrors, []);
  });

  test('the only requests are the testbed\'s own; the extension loads its own files only', () => {
    assert.ok(seen.requests.some(r => r.fromWorker && r.url.endsWith('/lib/core/dist/trackscope_core.wasm')), 'the worker\'s requests are observed');
    assertOnlyTestbedTraffic(bed, seen);
  });
});

describe('options: GPC and DNT, exceptions, policies', () => {
  let bed;
  let ext;
  let seen;
  let options;

  before(async () => {
    if (!built()) throw new Error(NOT_BUILT);
    bed = await startTestbed();
    ext = await launchWithExtension(bed.browserArgs);
    seen = observe(ext.context);
    options = await ext.context.newPage();
    await options.setViewportSize({ width: 900, height: 1000 });
    await options.goto(ext.extensionUrl('options/options.html'));
    await options.locator('body[data-state="ready"]').waitFor({ timeout: TIMEOUT_MS });
    fs.mkdirSync(screenshotDir, { recursive: true });
    await options.screenshot({ path: path.join(screenshotDir, 'extension-options.png'), fullPage: true });
  });

  after(async () => {
    await ext?.context.close();
    await bed?.close();
  });

  const rules = () => options.evaluate(() => chrome.declarativeNetRequest.getDynamicRules());
  const scripts = () => options.evaluate(() => chrome.scripting.getRegisteredContentScripts());

  async function visit(url) {
    const page = await ext.context.newPage();
    const since = bed.received.length;
    await page.goto(url, { waitUntil: 'networkidle', timeout: TIMEOUT_MS });
    return { page, received: () => bed.received.slice(since).filter(r => !r.path.startsWith('/.well-known/')) };
  }

  test('switching GPC and DNT on: every request carries the headers, pages see the properties before their scripts', async () => {
    await options.locator('#gpc').check();
    await options.locator('#dnt').check();
    await waitFor(async () => (await rules()).length === 2 &&
                              (await scripts()).some(s => s.js[0] === 'content/signal-gpc.js' && s.js[1] === 'content/signal-dnt.js'),
                  'the header rules and the signal scripts');
    const { page, received } = await visit(bed.url('gpc-honours.example', '/'));
    assert.deepEqual(await page.evaluate(() => [navigator.globalPrivacyControl, navigator.doNotTrack, window.gpcSeen]),
                     [true, '1', true], 'the inline script in <head> saw GPC');
    const requests = received();
    assert.ok(requests.length >= 2);
    for (const r of requests) {
      assert.equal(r.headers['sec-gpc'], '1', `${r.host}${r.path}`);
      assert.equal(r.headers.dnt, '1', `${r.host}${r.path}`);
    }

    const popup = await openPopup(ext.context, ext.extensionUrl, await tabIdOf(options, page.url()));
    assert.match(await popup.locator('#signals > summary').innerText(), /GPC sent\s+DNT sent/);
    await popup.locator('#signals > summary').click();
    await popup.locator('body[data-well-known="fetched"]').waitFor({ timeout: TIMEOUT_MS });
    const gpc = await popup.locator('.signal-card[data-signal="gpc"]').innerText();
    assert.match(gpc, /Sent\s+yes — Sec-GPC: 1 on (\d+) of \1 requests?, navigator\.globalPrivacyControl set/);
    assert.match(gpc, /Read by\s+an inline script of this page/);
    assert.match(gpc, /gpc\.json\s+“gpc”: true, updated 2025-01-15/);
    assert.match(gpc, /No tracking seen with GPC sent/);
    // The site's consent manager stored the opt-out and its GPC flag (usprivacy, GPP usnat).
    assert.match(gpc, /Consent record\s+usprivacy: opt-out recorded; __gpp: opt-out recorded, GPC flag on/);
    await popup.evaluate(() => document.querySelector('.signal-card[data-signal="gpc"]').scrollIntoView());
    await popup.screenshot({ path: path.join(screenshotDir, 'extension-popup-gpc-honoured.png') });
    await Promise.all([popup.close(), page.close()]);
  });

  test('a site that promises GPC and tracks anyway is contradicted', async () => {
    const { page } = await visit(bed.url('gpc-ignores.example', '/'));
    const popup = await openPopup(ext.context, ext.extensionUrl, await tabIdOf(options, page.url()));
    await popup.locator('#signals > summary').click();
    await popup.locator('body[data-well-known="fetched"]').waitFor({ timeout: TIMEOUT_MS });
    const verdict = popup.locator('.signal-card[data-signal="gpc"] .verdict');
    assert.match(await verdict.getAttribute('class'), /\bbad\b/);
    assert.match(await verdict.innerText(), /Contradicted: the site says it honours GPC, yet \d+ tracking items loaded/);
    await popup.evaluate(() => document.getElementById('signals').scrollIntoView());
    await popup.screenshot({ path: path.join(screenshotDir, 'extension-popup-gpc-contradicted.png') });
    await Promise.all([popup.close(), page.close()]);
  });

  test('an excepted site gets neither the headers nor the properties', async () => {
    await options.locator('#exception-input').fill('https://gpc-ignores.example/some/page');
    await options.locator('#exception-form button').click();
    await options.locator('#exceptions li', { hasText: 'gpc-ignores.example' }).waitFor();
    await waitFor(async () => (await rules()).every(r => r.condition.excludedRequestDomains?.includes('gpc-ignores.example')) &&
                              (await scripts()).length === 2, 'the exception in the rules and scripts');
    const { page, received } = await visit(bed.url('gpc-ignores.example', '/'));
    assert.deepEqual(await page.evaluate(() => [navigator.globalPrivacyControl, window.gpcSeen]), [undefined, false]);
    for (const r of received().filter(r => r.host === 'gpc-ignores.example')) assert.equal(r.headers['sec-gpc'], undefined);
    const popup = await openPopup(ext.context, ext.extensionUrl, await tabIdOf(options, page.url()));
    await popup.locator('#signals > summary').click();
    await popup.locator('body[data-well-known="fetched"]').waitFor({ timeout: TIMEOUT_MS });
    assert.match(await popup.locator('.signal-card[data-signal="gpc"]').innerText(), /Sent\s+no: this site is one of your exceptions/);
    // Other sites still get it.
    const other = await visit(bed.url('gpc-partly.example', '/'));
    assert.equal(await other.page.evaluate(() => navigator.globalPrivacyControl), true);
    await Promise.all([popup.close(), page.close(), other.page.close()]);
  });

  test('consent records: what the consent manager stored after "Reject all"', async () => {
    // consent-bad.example's CMP records the refusal in OneTrust's groups but "yes" in its TCF string.
    const { page } = await visit(bed.url('consent-bad.example', '/'));
    await page.locator('#onetrust-reject-all-handler').click();
    await waitFor(() => page.evaluate(() => document.cookie.includes('eupubconsent-v2=')), 'the consent cookies');
    const popup = await openPopup(ext.context, ext.extensionUrl, await tabIdOf(options, page.url()));
    const records = popup.locator('#consent-records .consent-record');
    await waitFor(async () => {
      await popup.locator('#refresh').click();
      await popup.locator('body[data-state="ready"]').waitFor();
      return (await records.count()) >= 3;
    }, 'the consent records in the popup');
    const text = cookie => popup.locator(`#consent-records .consent-record[data-cookie="${cookie}"]`).innerText();
    assert.match(await text('OptanonConsent'), /^NO CONSENT\s+OptanonConsent\s+OneTrust\s+on: C0001 \(strictly necessary\); off: C0002/);
    assert.match(await text('eupubconsent-v2'), /^GRANTS CONSENT\s+eupubconsent-v2\s+IAB TCF\s+CMP 10, .*consent to purposes 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 3 vendor\(s\)/);
    await popup.evaluate(() => document.getElementById('consent-records').scrollIntoView());
    await popup.screenshot({ path: path.join(screenshotDir, 'extension-popup-consent-records.png') });
    await Promise.all([popup.close(), page.close()]);
  });

  test('consent claimed in hits: the Consent Mode parameters of a hit, and a claim the consent record refuses', async () => {
    // consent-mode.example/granted.html: every GA4 hit says "granted by default", whatever the answer.
    const { page } = await visit(bed.url('consent-mode.example', '/granted.html'));
    await page.locator('#onetrust-reject-all-handler').click();
    await waitFor(() => page.evaluate(() => document.cookie.includes('OptanonConsent=')), 'the consent cookie');
    const popup = await openPopup(ext.context, ext.extensionUrl, await tabIdOf(options, page.url()));
    const finding = popup.locator('.finding[data-kind="consent-claim-mismatch"]');
    await waitFor(async () => {
      await popup.locator('#refresh').click();
      await popup.locator('body[data-state="ready"]').waitFor();
      return (await finding.count()) === 1;
    }, 'the consent-claim finding in the popup');
    assert.match(await finding.innerText(), /claims consent \(gcs=G111: ad_storage granted, analytics_storage granted\) that the consent record in cookie OptanonConsent \(onetrust\) refuses/);
    const hit = popup.locator('.item[data-item-id^="beacon:region1.google-analytics.com/g/collect"]');
    await hit.locator('details.why > summary').click();
    // The panel is filled when it opens (render.js whyBody): wait for it.
    await hit.locator('details.why', { hasText: 'Claims consent' }).waitFor();
    const facts = await hit.locator('details.why').innerText();
    assert.match(facts, /Claims consent/);
    assert.match(facts, /gcs G111: ad_storage granted, analytics_storage granted/);
    assert.match(facts, /gcd 13t3t3t2t5l1: ad_storage granted \(granted by default\)/);
    await Promise.all([popup.close(), page.close()]);
  });

  test('what trackers take: health data and the customer\'s hashed e-mail in a pharmacy\'s hits, field by field', async () => {
    const { page } = await visit(bed.url('health.example', '/'));
    const popup = await openPopup(ext.context, ext.extensionUrl, await tabIdOf(options, page.url()));
    const sensitive = popup.locator('.finding[data-kind="sensitive-data-to-third-party"]');
    const personal = popup.locator('.finding[data-kind="personal-data-to-third-party"]');
    await waitFor(async () => {
      await popup.locator('#refresh').click();
      await popup.locator('body[data-state="ready"]').waitFor();
      return (await sensitive.count()) === 3 && (await personal.count()) === 1;
    }, 'the data findings in the popup');
    const texts = (await sensitive.allInnerTexts()).join('\n');
    assert.match(texts, /a Meta Pixel hit to https:\/\/www\.facebook\.com\/tr sends health data in `cd\[content_name\]` \(product or content name\): "In-home HIV test kit" \(matched "hiv"\)/);
    assert.match(texts, /a Google Analytics 4 hit to https:\/\/region1\.google-analytics\.com\/g\/collect sends health data in `dt` \(page title\)/);
    assert.match(await personal.innerText(), /carries the visitor's personal data, hashed: `udff\[em\]` \(hashed e-mail address\)/);
    const hit = popup.locator('.item[data-item-id^="beacon:www.facebook.com/tr"]');
    await hit.locator('details.why > summary').click();
    await hit.locator('details.why', { hasText: 'What it sends' }).waitFor();
    const facts = await hit.locator('details.why').innerText();
    assert.match(facts, /cd\[content_name\] \(product, product or content name\): In-home HIV test kit — health: “hiv”/);
    // The popup shows values (they are the user's own, and stay in the browser).
    assert.match(facts, /udff\[em\] \(personal data, hashed e-mail address\): [0-9a-f]{64} — sha256/);
    assert.match(facts, /udff\[em\] hashed e-mail address \(256 bits\)|udff\[em\] hashed e-mail address/);
    assert.doesNotMatch(facts, /udff\[em\] random-looking value/);
    assert.doesNotMatch(facts, /\bsw \(/, 'technical fields are left out');
    await hit.screenshot({ path: path.join(screenshotDir, 'extension-popup-what-it-sends.png') });
    await Promise.all([popup.close(), page.close()]);
  });

  test('key-logging: what the person types into a form leaves for a third party before the submit', async () => {
    const { page } = await visit(bed.url('signup.example', '/'));
    await page.locator('input[name="email"]').click();
    await page.keyboard.type('Ana.Example-42@example.net', { delay: 20 });
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ana', { delay: 20 });
    await page.keyboard.press('Tab');
    const popup = await openPopup(ext.context, ext.extensionUrl, await tabIdOf(options, page.url()));
    const finding = popup.locator('.finding[data-kind="key-logging"]');
    await waitFor(async () => {
      await popup.locator('#refresh').click();
      await popup.locator('body[data-state="ready"]').waitFor();
      return (await finding.count()) === 1;
    }, 'the key-logging finding in the popup');
    assert.match(await finding.innerText(),
      /key-logging: what was typed into the page's form was sent to collect\.formspy\.example before any submit \((sha256|sha256, base64|base64, sha256)\): e-mail address in /);
    await Promise.all([popup.close(), page.close()]);
  });

  test('another bundled policy changes the categories', async () => {
    await options.locator('[data-policy="bundled:consent-manager"] input').check();
    await waitFor(() => options.evaluate(async () => (await chrome.storage.local.get('settings')).settings?.policy?.id === 'consent-manager'),
                  'the policy to be saved');
    const { page } = await visit(bed.url('gpc-partly.example', '/'));
    const popup = await openPopup(ext.context, ext.extensionUrl, await tabIdOf(options, page.url()));
    const labels = await popup.locator('.tile-label').allInnerTexts();
    assert.deepEqual(labels, ['Necessary', 'Preferences', 'Statistics', 'Marketing', 'Unclassified']);
    assert.match(await popup.locator('#policy-name').innerText(), /consent/i);
    await Promise.all([popup.close(), page.close()]);
  });

  test('a policy file: invalid ones are refused with the reason, a declaration gives findings', async () => {
    const dir = fs.mkdtempSync(path.join(repo, 'out', 'policy-'));
    try {
      const bad = path.join(dir, 'bad.json');
      fs.writeFileSync(bad, JSON.stringify({ format: 'trackscope-policy', version: 1, id: 'x', name: 'X', categories: [], rules: [] }));
      await options.locator('#policy-file').setInputFiles(bad);
      await options.locator('#policy-result.error').waitFor();
      assert.match(await options.locator('#policy-result').innerText(), /bad\.json is not a valid policy: \$\.categories/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await options.locator('#policy-file').setInputFiles(path.join(repo, 'tests/testbed/sites/shop.example/trackscope-policy.json'));
    await options.locator('#policy-result.ok').waitFor();
    assert.match(await options.locator('#policy-result').innerText(), /Using “Testbed shop cookie policy”/);
    await options.screenshot({ path: path.join(screenshotDir, 'extension-options-policy.png'), fullPage: true });

    const { page } = await visit(bed.url('shop.example', '/beacons.html'));
    const popup = await openPopup(ext.context, ext.extensionUrl, await tabIdOf(options, page.url()));
    assert.match(await popup.locator('#findings').innerText(), /Checked against the declaration in “Testbed shop cookie policy”/);
    const kinds = await popup.locator('.finding').evaluateAll(nodes => nodes.map(n => n.dataset.kind));
    assert.ok(kinds.includes('undeclared-tracker'), kinds.join(', '));
    assert.match(await popup.locator('#findings').innerText(), /facebook\.com/);
    await popup.locator('#findings').scrollIntoViewIfNeeded();
    await popup.screenshot({ path: path.join(screenshotDir, 'extension-popup-findings.png') });
    await Promise.all([popup.close(), page.close()]);
  });

  test('the extension logs no errors or warnings', () => {
    assert.deepEqual(seen.extensionErrors, []);
  });

  test('the only requests are the testbed\'s own', () => {
    assertOnlyTestbedTraffic(bed, seen);
  });
});
