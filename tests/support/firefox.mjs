// Firefox ESR with the extension, for the extension's end-to-end tests in Firefox: driven by
// puppeteer-core over WebDriver BiDi (no driver download), the testbed reached through its proxy
// (startTestbed().firefoxPrefs), the extension's test build (build.mjs --target=firefox
// --test-hooks) installed as a temporary add-on. BiDi does not navigate to moz-extension:// pages,
// so extension pages are opened by the extension itself, asked from the testbed's harness.example
// page (extension/test-hooks/).
//
//   const ff = await launchFirefoxWithExtension(bed);
//   const popup = await ff.openExtensionPage(`popup/popup.html?tabId=${await ff.tabIdOf(url)}`);
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import puppeteer from 'puppeteer-core';
import { TIMEOUT_MS, repo, waitFor } from './extension.mjs';
import { startTestbed } from './index.mjs';

export const FIREFOX = '/usr/bin/firefox-esr';
export const firefoxTestBuild = path.join(repo, 'extension', 'dist-firefox-test');

// Builds the extension for Firefox into `dir` (a few hundred milliseconds: files are copied); with
// `testHooks`, the test build (build.mjs --test-hooks).
export function buildFirefoxExtension(dir, { testHooks = false } = {}) {
  execFileSync(process.execPath, [path.join(repo, 'extension', 'build.mjs'), '--target=firefox',
                                  ...(testHooks ? ['--test-hooks'] : []), `--out=${dir}`], { stdio: 'pipe' });
  return dir;
}

// The Firefox test build, by default to extension/dist-firefox-test/.
export function buildFirefoxTestExtension(dir = firefoxTestBuild) {
  return buildFirefoxExtension(dir, { testHooks: true });
}

// Firefox's own connections that puppeteer's defaults leave on (remote settings, region and
// connectivity checks, add-on updates), off: the tests check that nothing goes anywhere but the
// testbed, and the browser's housekeeping is not the extension's.
const QUIET = {
  'services.settings.server': 'data:,#remote-settings-off/v1',
  'browser.region.network.url': '', 'browser.region.update.enabled': false,
  'network.connectivity-service.enabled': false, 'network.captive-portal-service.enabled': false,
  'extensions.update.enabled': false, 'extensions.getAddons.cache.enabled': false,
  'browser.safebrowsing.update.enabled': false, 'browser.safebrowsing.downloads.remote.enabled': false,
  'datareporting.healthreport.uploadEnabled': false, 'toolkit.telemetry.enabled': false,
  'browser.newtabpage.activity-stream.feeds.system.topstories': false, 'browser.topsites.contile.enabled': false,
};

// Headless Firefox ESR (a puppeteer Browser) reaching the testbed, with the unpacked extension at
// `extensionDir` installed as a temporary add-on when one is given.
export async function launchFirefox(bed, { prefs = {}, extensionDir = null } = {}) {
  if (!fs.existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: run tools/setup.sh (Debian package firefox-esr)`);
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, acceptInsecureCerts: true,
    extraPrefsFirefox: { ...QUIET, ...bed.firefoxPrefs, ...prefs },
  });
  if (extensionDir) await browser.installExtension(extensionDir).catch(async err => { await browser.close(); throw err; });
  return browser;
}

// {browser, harness, ask(request), tabIdOf(url), openExtensionPage(path), close()}
//   prefs: more Firefox preferences (e.g. the background's idle timeout)
//   extensionDir: the test build to install (buildFirefoxTestExtension)
export async function launchFirefoxWithExtension(bed, { prefs = {}, extensionDir = firefoxTestBuild } = {}) {
  const browser = await launchFirefox(bed, { prefs, extensionDir });
  try {
    const harness = await browser.newPage();
    await harness.goto(bed.url('harness.example', '/'), { waitUntil: 'load', timeout: TIMEOUT_MS });
    const ask = request => harness.evaluate(r => new Promise(resolve => {
      const id = `${Date.now()}-${Math.random()}`;
      const onAnswer = e => {
        if (e.data?.trackscopeTest !== 'answer' || e.data.id !== id) return;
        removeEventListener('message', onAnswer);
        resolve(e.data.answer);
      };
      addEventListener('message', onAnswer);
      postMessage({ trackscopeTest: 'request', id, request: r }, '*');
    }), request);
    // The content script runs at document_start; the background may still be starting.
    await waitFor(async () => (await ask({ tabOf: 'about:none' }))?.tabId === null, 'the extension\'s background to answer');
    return {
      browser,
      harness,
      ask,
      tabIdOf: url => waitFor(async () => (await ask({ tabOf: url })).tabId, `a tab showing ${url}`),
      // The extension page at `path`, once its document is there; puppeteer reports its URL as
      // about:blank, so it is found by asking each page where it is.
      async openExtensionPage(pagePath, { width = 420, height = 600 } = {}) {
        const before = new Set(await browser.pages());
        await ask({ open: pagePath });
        const page = await waitFor(async () => {
          for (const p of await browser.pages()) {
            if (before.has(p)) continue;
            const href = await p.evaluate(() => location.href).catch(() => '');
            if (href.startsWith('moz-extension://') && href.endsWith(pagePath)) return p;
          }
          return null;
        }, `the extension page ${pagePath}`);
        await page.setViewport({ width, height });
        return page;
      },
      close: () => browser.close(),
    };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

// Call inside a describe(): the testbed and Firefox with the extension for its tests, started
// before them and closed after. The returned object's `bed` and `ff` (launchFirefoxWithExtension)
// are set once the suite runs.
export function useFirefox(options = {}) {
  const suite = { bed: null, ff: null };
  before(async () => {
    suite.bed = await startTestbed();
    suite.ff = await launchFirefoxWithExtension(suite.bed, options);
  });
  after(async () => {
    await suite.ff?.close();
    await suite.bed?.close();
  });
  return suite;
}
