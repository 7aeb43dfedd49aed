// Page-load cost of the extension, in six columns measured in one run: no extension, an empty
// MV3 extension, a minimal observer (an empty `document_start` content script in all frames on
// <all_urls>: the least an observer must do), the minimal observer holding the `webRequest`
// permission with no listener (what the permission alone costs: Chromium routes every request
// through the extensions' network proxy while an extension holds it), a network observer (the
// minimal observer plus the webRequest listeners trackscope registers, each doing nothing: what
// the browser's API costs before any work of ours) and trackscope. Loads testbed pages many times in
// headless Chromium, one browser per column, in turn (the order rotating, so that none always runs
// on a busier machine), and prints the median and p95 of the page's own Navigation Timing
// (domContentLoadedEventEnd and loadEventEnd, ms from navigation start). Each run loads the page
// in a new tab of its browser (warm HTTP connections, cookies from earlier runs, like a visitor's
// second page); the first runs are warm-up.
//
// With --browser firefox the same in Firefox ESR (puppeteer over WebDriver BiDi), trackscope's
// Firefox build installed as a temporary add-on; no "empty extension" column there (an add-on
// without content scripts, background or permissions does nothing a page could pay for), and the
// network observer's listeners without `extraHeaders` (Firefox rejects it; it shows every header).
//
//   npm run build -w extension && node extension/scripts/bench-load.mjs [--runs 25]
//       [--browser chromium|firefox]
//       [--page /everything.html]...        (default: /index.html, /everything.html, /heavy.html)
//       [--extension-dir DIR]               (another build as "trackscope", e.g. with an empty
//                                            instrument/page-instrument.js)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '@trackscope/test-support';
import { startTestbed } from '../../tests/testbed/server.mjs';
import { built, launchWithExtension, NOT_BUILT } from '@trackscope/test-support/extension';
import { buildFirefoxExtension, launchFirefox } from '@trackscope/test-support/firefox';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', 25));
const WARMUP = 3;
const pageArgs = process.argv.flatMap((a, i) => (a === '--page' ? [process.argv[i + 1]] : []));
const PAGES = pageArgs.length ? pageArgs : ['/index.html', '/everything.html', '/heavy.html'];
const BROWSER = arg('browser', 'chromium');
if (!['chromium', 'firefox'].includes(BROWSER)) {
  console.error(`bench-load: unknown --browser "${BROWSER}" (chromium or firefox)`);
  process.exit(1);
}
const FIREFOX = BROWSER === 'firefox';
const GECKO = { browser_specific_settings: { gecko: { id: 'bench@trackscope.invalid' } } };

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

async function loadOnce(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    // loadEventEnd is set once the load handlers have returned.
    await page.waitForFunction(() => performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0);
    return await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd };
    });
  } finally {
    await page.close();
  }
}

// The reference extensions, written to a scratch folder.
function referenceExtensions(dir) {
  const write = (name, manifest, files = {}) => {
    const root = path.join(dir, name);
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(path.join(root, 'manifest.json'), JSON.stringify({ manifest_version: 3, name, version: '1.0', ...manifest }));
    for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(root, file), text);
    return root;
  };
  const extra = FIREFOX ? '' : ", 'extraHeaders'";
  const gecko = FIREFOX ? GECKO : {};
  const observer = [{ matches: ['<all_urls>'], js: ['observer.js'], run_at: 'document_start', all_frames: true }];
  const worker = FIREFOX ? { scripts: ['worker.js'] } : { service_worker: 'worker.js' };
  return {
    empty: write('empty', gecko),
    permission: write('webrequest-permission', {
      ...gecko, permissions: ['webRequest'], host_permissions: ['<all_urls>'], background: worker, content_scripts: observer,
    }, { 'observer.js': '', 'worker.js': '' }),
    minimal: write('minimal-observer', { ...gecko, content_scripts: observer }, { 'observer.js': '' }),
    // The same listeners, events and extra info as background/service-worker.js, bodies empty.
    network: write('network-observer', {
      ...gecko,
      permissions: ['webRequest'],
      host_permissions: ['<all_urls>'],
      background: worker,
      content_scripts: observer,
    }, {
      'observer.js': '',
      'worker.js': `const all = { urls: ['<all_urls>'] };
const none = () => {};
chrome.webRequest.onBeforeRequest.addListener(none, all, ['requestBody']);
chrome.webRequest.onSendHeaders.addListener(none, all, ['requestHeaders'${extra}]);
chrome.webRequest.onHeadersReceived.addListener(none, all, ['responseHeaders'${extra}]);
chrome.webRequest.onErrorOccurred.addListener(none, all);
`,
    }),
  };
}

// A browser whose extension has been given a moment to register what it registers.
async function settled(browser) {
  await new Promise(resolve => setTimeout(resolve, 2000));
  return browser;
}

// Another build (an experiment may have taken out what launchWithExtension waits for), started
// and settled.
async function launchVariant(dir) {
  const context = await launchBrowser({ args: bed.browserArgs, extensionDir: dir });
  if (!context.serviceWorkers().length) await context.waitForEvent('serviceworker', { timeout: 15000 }).catch(() => null);
  return settled(context);
}

if (!built()) {
  console.error(`bench-load: ${NOT_BUILT}`);
  process.exit(1);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'trackscope-bench-load-'));
const refs = referenceExtensions(scratch);
const bed = await startTestbed();
const extensionDir = arg('extension-dir', null);
// Firefox: trackscope's Firefox build (the production one, not the tests'), made in the scratch folder.
async function firefoxColumns() {
  const trackscope = extensionDir ? path.resolve(extensionDir) : buildFirefoxExtension(path.join(scratch, 'trackscope-firefox'));
  return [
    ['none', await launchFirefox(bed)],
    ['minimal observer', await launchFirefox(bed, { extensionDir: refs.minimal })],
    ['network observer', await settled(await launchFirefox(bed, { extensionDir: refs.network }))],
    ['trackscope', await settled(await launchFirefox(bed, { extensionDir: trackscope }))],
  ];
}
const columns = FIREFOX ? await firefoxColumns() : [
  // (the same headless mode as the browsers with an extension)
  ['none', await launchBrowser({ args: [...bed.browserArgs, '--headless=new'] })],
  ['empty extension', await launchBrowser({ args: bed.browserArgs, extensionDir: refs.empty })],
  ['minimal observer', await launchBrowser({ args: bed.browserArgs, extensionDir: refs.minimal })],
  ['webRequest permission', await launchVariant(refs.permission)],
  ['network observer', await launchVariant(refs.network)],
  ['trackscope', extensionDir ? await launchVariant(path.resolve(extensionDir)) : (await launchWithExtension(bed.browserArgs)).context],
];
const results = Object.fromEntries(PAGES.map(p => [p, Object.fromEntries(columns.map(([name]) => [name, []]))]));
try {
  for (const pagePath of PAGES) {
    const url = bed.url('shop.example', pagePath);
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const order = columns.map((_, k) => columns[(k + i) % columns.length]);
      for (const [name, context] of order) {
        const timing = await loadOnce(context, url);
        if (i >= WARMUP) results[pagePath][name].push(timing);
      }
    }
  }
} finally {
  await Promise.all(columns.map(([, context]) => context.close()));
  await bed.close();
  fs.rmSync(scratch, { recursive: true, force: true });
}

console.log(`page load in ${FIREFOX ? 'Firefox ESR' : 'Chromium'} (${os.cpus().length} cores): ${RUNS} runs per page and column after ${WARMUP} warm-up, in turn; median (p95), ms`);
for (const metric of ['dcl', 'load']) {
  console.log(`\n${metric === 'dcl' ? 'DOMContentLoaded' : 'load event'}`);
  console.log(`| page | ${columns.map(([name]) => name).join(' | ')} | trackscope vs minimal observer | vs network observer |`);
  console.log(`|---|${columns.map(() => '---:').join('|')}|---:|---:|`);
  for (const pagePath of PAGES) {
    const median = name => quantile(results[pagePath][name].map(t => t[metric]), 0.5);
    const cells = columns.map(([name]) => `${median(name).toFixed(1)} (${quantile(results[pagePath][name].map(t => t[metric]), 0.95).toFixed(0)})`);
    const versus = name => {
      const ratio = (median('trackscope') / median(name) - 1) * 100;
      return `${ratio >= 0 ? '+' : ''}${ratio.toFixed(1)} %`;
    };
    console.log(`| shop.example${pagePath} | ${cells.join(' | ')} | ${versus('minimal observer')} | ${versus('network observer')} |`);
  }
}
