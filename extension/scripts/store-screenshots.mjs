// Store screenshots of the popup in Chromium and in Firefox: the extension on the testbed's richest
// page, its popup laid over the page as the browser shows it under the toolbar, 1280×800 (the
// size both stores take), and the popup alone (420×600).
//
//   node extension/scripts/store-screenshots.mjs [--out DIR]     (default out/store/screenshots)
// Needs the builds (make build) and Firefox ESR (tools/setup.sh). Writes
//   chromium-popup.png, chromium-store-1280x800.png, firefox-popup.png, firefox-store-1280x800.png
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestbed } from '@trackscope/test-support';
import { TIMEOUT_MS, built, launchWithExtension, openPopup, repo, tabIdOf } from '@trackscope/test-support/extension';
import { buildFirefoxTestExtension, launchFirefoxWithExtension } from '@trackscope/test-support/firefox';

export const STORE_SIZE = { width: 1280, height: 800 };
const POPUP_SIZE = { width: 420, height: 600 };
const PAGE = ['shop.example', '/everything.html'];

// The page with the popup over its top right corner, as one 1280×800 image, drawn by `page` (any
// page of the same browser) from the two screenshots.
function storeFrameHtml(pagePng, popupPng) {
  const data = png => `data:image/png;base64,${png.toString('base64')}`;
  return `<!doctype html><html><head><style>
    html, body { margin: 0; width: ${STORE_SIZE.width}px; height: ${STORE_SIZE.height}px; overflow: hidden; background: #fff; }
    .page { position: absolute; inset: 0; }
    .popup { position: absolute; top: 12px; right: 24px; border-radius: 8px; border: 1px solid #c8c8d0;
             box-shadow: 0 12px 32px rgba(0, 0, 0, .28); }
  </style></head><body><img class="page" src="${data(pagePng)}"><img class="popup" src="${data(popupPng)}"></body></html>`;
}

async function chromiumShots(bed, out, builds) {
  const ext = await launchWithExtension(bed.browserArgs, { extensionDir: builds.chromium });
  try {
    const page = ext.context.pages()[0] ?? await ext.context.newPage();
    await page.setViewportSize(STORE_SIZE);
    const url = bed.url(...PAGE);
    await page.goto(url, { waitUntil: 'networkidle', timeout: TIMEOUT_MS });
    const blank = await ext.context.newPage();
    await blank.goto(ext.extensionUrl('manifest.json'));
    const popup = await openPopup(ext.context, ext.extensionUrl, await tabIdOf(blank, url), POPUP_SIZE);
    const popupPng = await popup.screenshot({ path: path.join(out, 'chromium-popup.png') });
    const pagePng = await page.screenshot();
    const frame = await ext.context.newPage();
    await frame.setViewportSize(STORE_SIZE);
    await frame.setContent(storeFrameHtml(pagePng, popupPng), { waitUntil: 'load' });
    await frame.screenshot({ path: path.join(out, 'chromium-store-1280x800.png') });
  } finally {
    await ext.context.close();
  }
}

async function firefoxShots(bed, out, builds) {
  const ff = await launchFirefoxWithExtension(bed, { extensionDir: buildFirefoxTestExtension(builds.firefox) });
  try {
    const page = await ff.browser.newPage();
    await page.setViewport(STORE_SIZE);
    const url = bed.url(...PAGE);
    await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS });
    await new Promise(resolve => setTimeout(resolve, 1500));  // the page's late beacons
    const popup = await ff.openExtensionPage(`popup/popup.html?tabId=${await ff.tabIdOf(url)}`, POPUP_SIZE);
    await popup.waitForSelector('body[data-state="ready"]', { timeout: TIMEOUT_MS });
    const popupPng = Buffer.from(await popup.screenshot({ path: path.join(out, 'firefox-popup.png') }));
    await page.bringToFront();
    const pagePng = Buffer.from(await page.screenshot());
    const frame = await ff.browser.newPage();
    await frame.setViewport(STORE_SIZE);
    await frame.setContent(storeFrameHtml(pagePng, popupPng), { waitUntil: 'load' });
    await frame.screenshot({ path: path.join(out, 'firefox-store-1280x800.png') });
  } finally {
    await ff.close();
  }
}

// `chromiumBuild`: the Chromium build to show (default extension/dist); the Firefox one is a test
// build (its hooks open the popup) made in a scratch folder.
export async function storeScreenshots(out = path.join(repo, 'out', 'store', 'screenshots'), { chromiumBuild } = {}) {
  if (!chromiumBuild && !built()) throw new Error('extension/dist is missing: make build');
  fs.mkdirSync(out, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'trackscope-shots-'));
  const builds = { chromium: chromiumBuild, firefox: path.join(scratch, 'firefox-test') };
  const bed = await startTestbed();
  try {
    await chromiumShots(bed, out, builds);
    await firefoxShots(bed, out, builds);
  } finally {
    await bed.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return ['chromium-popup.png', 'chromium-store-1280x800.png', 'firefox-popup.png', 'firefox-store-1280x800.png'].map(f => path.join(out, f));
}

if (fileURLToPath(import.meta.url) === path.resolve(process.argv[1] ?? '')) {
  const at = process.argv.indexOf('--out');
  const files = await storeScreenshots(at > 0 ? path.resolve(process.argv[at + 1]) : undefined);
  for (const f of files) console.log(path.relative(process.cwd(), f));
}
