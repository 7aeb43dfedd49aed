// Shared by the extension's browser tests and benchmarks and the cross-front-end conformance test:
// launching headless Chromium with the built extension, finding its service worker, stopping it as
// Chrome stops an idle one, opening its popup for a tab, and polling.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from './index.mjs';

export const repo = fileURLToPath(new URL('../../', import.meta.url));
export const extensionDir = path.join(repo, 'extension', 'dist');
export const screenshotDir = path.join(repo, 'out', 'screenshots');
export const TIMEOUT_MS = 15000;
export const NOT_BUILT = `${extensionDir} is missing: build the extension first (npm run build -w extension)`;
export const built = () => fs.existsSync(path.join(extensionDir, 'manifest.json'));

// Polls `condition` until it returns a truthy value; fails after `timeoutMs`.
export async function waitFor(condition, what, timeoutMs = TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve().then(condition).catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

export function withTimeout(promise, what, timeoutMs = TIMEOUT_MS) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Headless Chromium with the extension; resolves once its worker has registered its listeners and
// the MAIN-world instrumentation is registered (pages loaded earlier would go unrecorded).
//   {context, worker, extensionId, extensionUrl(path)}
export async function launchWithExtension(browserArgs, { extensionDir: dir = extensionDir } = {}) {
  // As a user's browser: with the back/forward cache (the extension must follow its restores).
  const context = await launchBrowser({ extensionDir: dir, args: browserArgs, backForwardCache: true });
  try {
    const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker', { timeout: TIMEOUT_MS });
    const extensionId = new URL(worker.url()).host;
    await waitFor(() => worker.evaluate(async () => chrome.webRequest.onBeforeRequest.hasListeners() &&
                                                    chrome.runtime.onMessage.hasListeners() &&
                                                    (await chrome.scripting.getRegisteredContentScripts()).length > 0),
                  'the service worker to register its listeners and scripts');
    return { context, worker, extensionId, extensionUrl: p => `chrome-extension://${extensionId}/${p}` };
  } catch (err) {
    await context.close();
    throw err;
  }
}

// Watches the extension's service worker through CDP's ServiceWorker domain, which a session on
// an extension page covers. stop() stops the worker as Chrome stops an idle one: its memory is
// gone and the next event (a request, a page message, the popup) starts it again.
export async function watchServiceWorker(extensionPage) {
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

// The id of the tab showing `url`, asked from an extension page (no "tabs" permission needed: the
// host permission exposes the URL).
export function tabIdOf(extensionPage, url) {
  return waitFor(() => extensionPage.evaluate(async u => (await chrome.tabs.query({})).find(t => t.url === u)?.id, url),
                 `a tab showing ${url}`);
}

// The popup for tab `tabId`, as a page of the extension, once it has rendered its report.
export async function openPopup(context, extensionUrl, tabId, { width = 420, height = 600 } = {}) {
  const popup = await context.newPage();
  popup.setDefaultTimeout(5000);
  await popup.setViewportSize({ width, height });
  await popup.goto(extensionUrl(`popup/popup.html?tabId=${tabId}`));
  await popup.locator('body[data-state="ready"]').waitFor({ timeout: TIMEOUT_MS });
  return popup;
}
