// End to end: the built extension in headless Chromium records a testbed shop page; after its
// service worker has been stopped (as Chrome does to idle workers), the popup lists the page's
// third parties and cookies with their setters.
//
//   npm run build -w extension && node --test extension/test/
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../../scanner/src/browser.mjs';
import { startTestbed } from '../../tests/testbed/server.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const extensionDir = path.join(repo, 'extension', 'dist');
const screenshotDir = path.join(repo, 'out', 'screenshots');
const TIMEOUT_MS = 15000;

// A cookie name the page controls; rendered as markup it would become an <img> element.
const HOSTILE_NAME = '<img src onerror>';

// Polls `condition` until it returns a truthy value; fails after `timeoutMs`.
async function waitFor(condition, what, timeoutMs = TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Watches the extension's service worker through CDP's ServiceWorker domain, which a session on
// an extension page covers. stop() stops the worker as Chrome stops an idle one: its memory is
// gone and the next event (here the popup's message) starts it again.
async function watchServiceWorker(extensionPage) {
  const cdp = await extensionPage.context().newCDPSession(extensionPage);
  const statuses = [];
  let onStatus = () => {};
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) {
      if (!v.scriptURL.endsWith('/background/service-worker.js')) continue;
      statuses.push(v.runningStatus);
      onStatus();
    }
  });
  await cdp.send('ServiceWorker.enable');
  return {
    statuses,
    async stop() {
      const stopped = new Promise(resolve => { onStatus = () => statuses.at(-1) === 'stopped' && resolve(); });
      await cdp.send('ServiceWorker.stopAllWorkers');
      await withTimeout(stopped, 'the service worker to stop');
    },
  };
}

const NOT_BUILT = `${extensionDir} is missing: build the extension first (npm run build -w extension)`;
const built = fs.existsSync(path.join(extensionDir, 'manifest.json'));

// Counted as a failure (not a skip, not only cancelled tests) when the build is missing.
test('the extension is built', () => assert.ok(built, NOT_BUILT));

describe('extension on the testbed shop', () => {
  let bed;
  let context;
  let popup;
  let extensionId;
  const requests = [];  // every request of the pages, the popup and the extension's service worker
  let workerWatch;
  const extensionErrors = [];  // console errors and uncaught exceptions of the extension's code

  before(async () => {
    if (!built) throw new Error(NOT_BUILT);
    bed = await startTestbed();
    context = await launchBrowser({ extensionDir, args: bed.browserArgs });
    context.on('request', request => requests.push({ url: request.url(), fromWorker: Boolean(request.serviceWorker()) }));
    context.on('console', message => {
      if (['error', 'warning'].includes(message.type()) && message.location().url.startsWith('chrome-extension://')) {
        extensionErrors.push(`${message.location().url}: ${message.text()}`);
      }
    });
    context.on('weberror', error => {
      if (error.page()?.url().startsWith('chrome-extension://')) extensionErrors.push(String(error.error()));
    });

    const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker', { timeout: TIMEOUT_MS });
    extensionId = new URL(worker.url()).host;
    // The worker target exists before its module graph has loaded; a page loaded earlier would
    // go unrecorded. Top-level code registers the listeners once it runs.
    await waitFor(() => worker.evaluate(() => chrome.webRequest.onBeforeRequest.hasListeners() &&
                                              chrome.runtime.onMessage.hasListeners()),
                  'the service worker to register its listeners');

    const page = context.pages()[0] ?? await context.newPage();
    const pageUrl = bed.url('shop.example', '/');
    await page.goto(pageUrl, { waitUntil: 'networkidle', timeout: TIMEOUT_MS });
    await waitFor(() => ['/px.gif', '/collect'].every(p => bed.received.some(r => r.path.startsWith(p))),
                  'the pixel and the beacon to reach the testbed');

    // Without the "tabs" permission, tabs.query still returns the URL of tabs the extension has
    // host permission for.
    const tabId = await worker.evaluate(async url => (await chrome.tabs.query({})).find(t => t.url === url)?.id, pageUrl);
    assert.ok(Number.isInteger(tabId), `no tab found for ${pageUrl}`);

    await page.evaluate(name => { document.cookie = `${name}=1; path=/`; }, HOSTILE_NAME);
    // The worker saves tab state debounced; stop it only once the last event is stored.
    await waitFor(() => worker.evaluate(async ({ key, name }) => {
      const state = (await chrome.storage.session.get(key))[key];
      return state?.events.some(e => e.kind === 'cookie-write' && e.value.startsWith(name));
    }, { key: `tab:${tabId}`, name: HOSTILE_NAME }), 'the tab state to be saved');

    popup = await context.newPage();
    popup.setDefaultTimeout(5000);
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.goto(`chrome-extension://${extensionId}/manifest.json`);
    workerWatch = await watchServiceWorker(popup);
    await workerWatch.stop();
    await popup.goto(`chrome-extension://${extensionId}/popup/popup.html?tabId=${tabId}`);
    await popup.locator('body[data-state="ready"]').waitFor({ timeout: TIMEOUT_MS });

    fs.mkdirSync(screenshotDir, { recursive: true });
    await popup.screenshot({ path: path.join(screenshotDir, 'extension-popup.png'), fullPage: true });
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.screenshot({ path: path.join(screenshotDir, 'extension-popup-dark.png'), fullPage: true });
  });

  after(async () => {
    await context?.close();
    await bed?.close();
  });

  // Opens the popup for the tab showing `url`, as the toolbar button would for the active tab.
  async function openPopupFor(url) {
    const tabId = await popup.evaluate(async u => (await chrome.tabs.query({})).find(t => t.url === u)?.id, url);
    assert.ok(Number.isInteger(tabId), `no tab found for ${url}`);
    const page = await context.newPage();
    page.setDefaultTimeout(5000);
    await page.goto(`chrome-extension://${extensionId}/popup/popup.html?tabId=${tabId}`);
    await page.locator('body[data-state="ready"]').waitFor({ timeout: TIMEOUT_MS });
    return page;
  }

  const text = selector => popup.locator(selector).innerText();
  const cookie = (site, name) => popup.locator(`[data-site="${site}"] [data-cookie="${name}"]`);

  test('a restarted service worker answers from the saved tab state', () => {
    const { statuses } = workerWatch;
    assert.ok(statuses.lastIndexOf('running') > statuses.indexOf('stopped'), `worker states: ${statuses.join(' ')}`);
  });

  test('shows the page and the summary', async () => {
    assert.equal(await text('#page-host'), 'shop.example');
    const summary = await text('.summary');
    assert.match(summary, /2\s+third parties/);
    assert.match(summary, /6\s+cookies\s+1 third-party/);
  });

  test('lists the third parties with their hosts', async () => {
    const parties = await popup.locator('.third-parties details[data-site]').evaluateAll(nodes => nodes.map(n => n.dataset.site));
    assert.deepEqual(parties.sort(), ['adnet.example', 'metrics.example']);
    assert.match(await text('[data-site="adnet.example"] .hosts'), /pixel\.adnet\.example/);
    assert.match(await text('[data-site="metrics.example"] .hosts'), /collect\.metrics\.example/);
    assert.match(await text('[data-site="adnet.example"] summary'), /1 request · 1 cookie/);
    assert.match(await text('[data-site="metrics.example"] summary'), /2 requests · 0 cookies/);
  });

  test('lists the first-party cookies with lifetime and setter', async () => {
    const expected = {
      shop_session: { lifetime: /session/, setter: /HTTP response\s+shop\.example/ },
      ui_lang: { lifetime: /1 year/, setter: /script\s+cdn\.shop\.example\/app\.js/ },
      ab_bucket: { lifetime: /30 days/, setter: /script\s+cdn\.shop\.example\/app\.js/ },
      // Asked for 2 years; Chromium caps cookie lifetimes at 400 days.
      _mt_id: { lifetime: /13 months/, setter: /script\s+collect\.metrics\.example\/m\.js\s+third party: metrics\.example/ },
    };
    for (const [name, { lifetime, setter }] of Object.entries(expected)) {
      const item = cookie('shop.example', name);
      assert.equal(await item.getAttribute('data-party'), 'first', name);
      assert.match(await item.locator('.lifetime').innerText(), lifetime, name);
      assert.match(await item.locator('.setter').innerText(), setter, name);
    }
    assert.match(await cookie('shop.example', 'shop_session').locator('.flags').innerText(), /HttpOnly/);
    assert.match(await text('[data-site="metrics.example"] .written'), /_mt_id on shop\.example/);
  });

  test('lists adnet_uid as a third-party cookie set by the pixel response', async () => {
    const item = cookie('adnet.example', 'adnet_uid');
    assert.equal(await item.getAttribute('data-party'), 'third');
    assert.match(await item.locator('.setter').innerText(), /HTTP response\s+pixel\.adnet\.example\/px\.gif/);
    assert.match(await item.locator('.lifetime').innerText(), /90 days/);
    assert.match(await item.locator('.flags').innerText(), /SameSite=None/);
  });

  test('renders a page-controlled cookie name as text, not markup', async () => {
    const names = await popup.locator('.cookie-name').allInnerTexts();
    assert.ok(names.includes(HOSTILE_NAME), `cookie names shown: ${names.join(', ')}`);
    assert.equal(await popup.locator('main img').count(), 0);
  });

  test('renders the testbed\'s hostile page as text, not markup', async () => {
    const url = bed.url('shop.example', '/hostile.html');
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'networkidle', timeout: TIMEOUT_MS });
    const hostilePopup = await openPopupFor(url);
    await hostilePopup.setViewportSize({ width: 380, height: 600 });
    await hostilePopup.screenshot({ path: path.join(screenshotDir, 'extension-popup-hostile.png'), fullPage: true });
    const names = await hostilePopup.locator('.cookie-name').allInnerTexts();
    assert.ok(names.includes('<b>bold</b>'), `cookie names shown: ${names.join(', ')}`);
    assert.equal(await hostilePopup.locator('main b, main img, main script').count(), 0);
    assert.equal(await hostilePopup.evaluate(() => window.__pwned), undefined);
    // The page retitles itself with an escape sequence; the browser already made it a space.
    assert.equal(await hostilePopup.locator('#page-title').innerText(), 'esc [31mred');
    await Promise.all([hostilePopup.close(), page.close()]);
  });

  test('the extension logs no errors or warnings', () => {
    assert.deepEqual(extensionErrors, []);
  });

  test('no request left for a host the testbed does not serve', () => {
    assert.ok(bed.received.length > 0);
    const unknownHosts = bed.received.filter(r => !bed.hosts.includes(r.host)).map(r => `${r.method} ${r.host}${r.path}`);
    assert.deepEqual(unknownHosts, []);
    const outside = requests.filter(r => {
      const url = new URL(r.url);
      return url.protocol !== 'chrome-extension:' && !bed.hosts.includes(url.hostname);
    });
    assert.deepEqual(outside, []);
  });

  test('the extension loads its own files only', () => {
    const fromExtension = requests.filter(r => r.fromWorker);
    // The service worker fetched the core's .wasm, so its requests were observed.
    assert.ok(fromExtension.some(r => r.url.endsWith('/lib/core/dist/trackscope_core.wasm')), JSON.stringify(requests));
    assert.deepEqual(fromExtension.filter(r => !r.url.startsWith('chrome-extension://')), []);
  });
});
