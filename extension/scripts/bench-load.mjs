// Page-load overhead of the extension: loads a testbed page (default the richest one,
// shop.example/everything.html) many times in headless Chromium without and with the extension,
// alternating, and prints the median and p95 of the page's own Navigation Timing
// (domContentLoadedEventEnd and loadEventEnd, ms from navigation start) for both, and the
// difference. Each run loads the page in a new tab of the same browser (warm HTTP connections,
// cookies from earlier runs, like a visitor's second page); the first runs are warm-up.
//
//   npm run build -w extension && node extension/scripts/bench-load.mjs [--runs 40] [--page /everything.html]
//                                                                       [--extension-dir DIR]
// --extension-dir loads another build (e.g. a copy of dist/ with an empty
// instrument/page-instrument.js, to see what the page instrumentation costs).
import { launchBrowser } from '@trackscope/test-support';
import { startTestbed } from '../../tests/testbed/server.mjs';
import { built, launchWithExtension, NOT_BUILT } from '@trackscope/test-support/extension';
import path from 'node:path';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('runs', 40));
const WARMUP = 3;
const PAGE = arg('page', '/everything.html');

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

async function loadOnce(context, url) {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
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

if (!built()) {
  console.error(`bench-load: ${NOT_BUILT}`);
  process.exit(1);
}

const bed = await startTestbed();
const url = bed.url('shop.example', PAGE);
const plain = await launchBrowser({ args: bed.browserArgs });
const extensionDir = arg('extension-dir', null);
const withExtension = (await launchWithExtension(bed.browserArgs, extensionDir ? { extensionDir: path.resolve(extensionDir) } : {})).context;
const results = { without: [], with: [] };
try {
  for (let i = 0; i < WARMUP + RUNS; i++) {
    // Alternate which goes first, so that neither always runs on a busier machine.
    const order = i % 2 ? [['with', withExtension], ['without', plain]] : [['without', plain], ['with', withExtension]];
    for (const [name, context] of order) {
      const timing = await loadOnce(context, url);
      if (i >= WARMUP) results[name].push(timing);
    }
  }
} finally {
  await Promise.all([plain.close(), withExtension.close()]);
  await bed.close();
}

const row = (label, values) => `${label.padEnd(22)} median ${quantile(values, 0.5).toFixed(1).padStart(6)} ms   p95 ${quantile(values, 0.95).toFixed(1).padStart(6)} ms`;
console.log(`page load of ${url}: ${RUNS} runs each after ${WARMUP} warm-up, alternating`);
for (const metric of ['dcl', 'load']) {
  const name = metric === 'dcl' ? 'DOMContentLoaded' : 'load';
  const without = results.without.map(t => t[metric]);
  const with_ = results.with.map(t => t[metric]);
  console.log(row(`${name} without`, without));
  console.log(row(`${name} with extension`, with_));
  console.log(`${''.padEnd(22)} overhead: median +${(quantile(with_, 0.5) - quantile(without, 0.5)).toFixed(1)} ms, ` +
              `p95 +${(quantile(with_, 0.95) - quantile(without, 0.95)).toFixed(1)} ms`);
}
