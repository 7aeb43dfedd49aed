// `npm run bench:scanner`: scanner throughput and memory on the testbed. Scans the same mix of
// testbed pages at concurrency 1, 2 and 4 (the batch pool of `trackscope scan --input`, in this
// process) and reports pages per minute and peak memory: the resident set (RSS) of this Node
// process plus every Chromium process under it, sampled every 200 ms — summed RSS counts pages
// that Chromium's processes share once per process, so the proportional set size (PSS, Linux
// smaps_rollup), which splits shared pages between the processes, is given too.
//
// The scanner runs one Chromium (launchBrowser's profile, third-party cookies allowed) and
// a fresh context per visit. At the highest level the bench also measures two alternatives, and
// how many third-party cookies each sees on the testbed shop (scanner/README.md "Concurrency"): a
// Chromium launched per site, and one Chromium from Playwright's own launch() with a context per
// site.
//
//   node scanner/bench/bench.mjs [--pages N] [--levels 1,2,4] [--no-alternatives] [--json FILE]
//                                [--dwell MS | --no-visitor]   (as trackscope scan; default a 3000 ms visit)
//                                [--crawl]   (instead of the mix: scan --crawl of the testbed's
//                                             crawl.example, 23 pages, discovery included)
//                                [--observe script,devtools]   (the observers to measure, one after the
//                                             other at each level; default script)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startTestbed } from '@trackscope/testbed';
import { runBatch } from '../src/batch.mjs';
import { CHROMIUM_PATH, QUIET_ARGS } from '../src/browser.mjs';
import { capturePage } from '../src/capture.mjs';
import { core, scanSite } from '../src/scan.mjs';
import { applySignals, readDeclarations } from '../src/signals.mjs';
import { DEFAULT_DWELL_MS } from '../src/visitor.mjs';
import { discoverPages } from '../src/crawl.mjs';
import { visitBrowser } from '../src/browser.mjs';

const { values: opts } = parseArgs({ options: {
  pages: { type: 'string', default: '24' }, levels: { type: 'string', default: '1,2,4' },
  'no-alternatives': { type: 'boolean' }, json: { type: 'string' }, dwell: { type: 'string' }, 'no-visitor': { type: 'boolean' },
  crawl: { type: 'boolean' }, observe: { type: 'string', default: 'devtools' },
} });
const OBSERVERS = opts.observe.split(',');
if (!OBSERVERS.every(o => o === 'script' || o === 'devtools')) throw new Error(`--observe: script and/or devtools, not ${opts.observe}`);
// As `trackscope scan`: a visitor's input and dwell after each load, unless --no-visitor.
const VISITOR = { input: !opts['no-visitor'], dwellMs: opts.dwell === undefined ? DEFAULT_DWELL_MS : Number(opts.dwell) };
const PAGES = Number(opts.pages);
const LEVELS = opts.levels.split(',').map(Number);

// The testbed pages: a shop with first- and third-party cookies and a pixel, beacons, storage,
// fingerprinting, DNT/GPC sites, consent-banner sites and a plain page.
const MIX = [
  ['shop.example', '/'], ['shop.example', '/beacons.html'], ['shop.example', '/storage.html'],
  ['shop.example', '/fingerprint.html'], ['shop.example', '/offer.html'], ['gpc-honours.example', '/'],
  ['gpc-ignores.example', '/'], ['gpc-partly.example', '/'], ['news.example', '/'], ['blog.example', '/'],
  ['consent-good.example', '/'], ['consent-bad.example', '/'], ['plain.example', '/'],
];

// Descendant processes of `root` (Linux /proc).
function descendants(root) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch { /* exited */ }
  }
  const out = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    for (const c of children.get(pid) ?? []) { out.push(c); stack.push(c); }
  }
  return out;
}

function memoryOf(pid) {
  try {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = name => Number((new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(rollup) ?? [0, 0])[1]);
    return { rss: kb('Rss') * 1024, pss: kb('Pss') * 1024 };
  } catch {
    return { rss: 0, pss: 0 };
  }
}

// Samples the memory of this process and its descendants until stop(); returns the peaks.
function sampler() {
  const peak = { rss: 0, pss: 0, processes: 0 };
  const sample = () => {
    const pids = [process.pid, ...descendants(process.pid)];
    let rss = 0, pss = 0;
    for (const pid of pids) {
      const m = memoryOf(pid);
      rss += m.rss;
      pss += m.pss;
    }
    peak.rss = Math.max(peak.rss, rss);
    peak.pss = Math.max(peak.pss, pss);
    peak.processes = Math.max(peak.processes, pids.length);
  };
  const timer = setInterval(sample, 200);
  sample();
  return { stop: () => { clearInterval(timer); sample(); return peak; } };
}

// The alternative: one shared Chromium, a new (incognito-like) context per site.
function sharedBrowserScanner(browserArgs) {
  let launched;  // the promise, so that workers starting together share one launch
  return {
    async scanSite(url) {
      const started = Date.now();
      launched ??= chromium.launch({ executablePath: CHROMIUM_PATH, args: [...QUIET_ARGS, ...browserArgs] });
      const browser = await launched;
      const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 800 } });
      try {
        await applySignals(context, {});
        const newContext = () => browser.newContext({ ignoreHTTPSErrors: true });
        const { capture, error } = await capturePage(context, url, { afterLoad: page => readDeclarations(page, newContext), visitor: VISITOR });
        const result = (await core()).analyze({ ...capture, consent: 'none' });
        return { url, mode: 'scan', report: result.ok ? result.report : null, error, notes: [],
                 timings: { startedAt: new Date(started).toISOString(), ms: Date.now() - started, visits: 1 } };
      } finally {
        await context.close();
      }
    },
    close: async () => (await launched)?.close(),
  };
}

// `urls`: the pages, or a function that finds them (a crawl's discovery, timed with the scans).
async function measure(label, urls, concurrency, scan, scanOne = scanSite) {
  const mem = sampler();
  const started = Date.now();
  if (typeof urls === 'function') urls = await urls();
  const records = await runBatch(urls, { concurrency, scan, scanSite: scanOne });
  const seconds = (Date.now() - started) / 1000;
  const peak = mem.stop();
  const errors = records.filter(r => !r.ok);
  const shop = records.find(r => r.url.startsWith('https://shop.example/?'));
  return { label, concurrency, pages: urls.length, errors: errors.length, seconds, pagesPerMinute: (urls.length / seconds) * 60,
           peakRssMiB: peak.rss / 2 ** 20, peakPssMiB: peak.pss / 2 ** 20, peakProcesses: peak.processes,
           shopThirdPartyCookies: shop?.counts?.thirdPartyCookies ?? null, firstError: errors[0]?.error ?? null };
}

const bed = await startTestbed();
try {
  await core();
  const urls = Array.from({ length: PAGES }, (_, i) => {
    const [host, p] = MIX[i % MIX.length];
    return `${bed.url(host, p)}?bench=${i}`;
  });
  const scan = { browserArgs: bed.browserArgs, visitor: VISITOR };
  const load = os.loadavg();
  const results = [];
  // One warm-up page: the first launch reads Chromium from disk.
  await scanSite(urls[0], scan);
  const crawl = async () => {
    const browsers = visitBrowser({ args: bed.browserArgs });
    try {
      const c = await core();
      return await discoverPages(bed.url('crawl.example', '/'), { browsers, maxPages: 100, siteOf: host => c.siteOf(host) });
    } finally {
      await browsers.close();
    }
  };
  for (const c of LEVELS) {
    for (const observe of OBSERVERS) {
      const how = OBSERVERS.length > 1 || observe !== 'devtools' ? ` (--observe ${observe})` : '';
      results.push(opts.crawl ? await measure(`scan --crawl crawl.example (discovery included)${how}`, crawl, c, { ...scan, observe })
                              : await measure(`the scanner: one Chromium, a context per site${how}`, urls, c, { ...scan, observe }));
      process.stderr.write(`concurrency ${c}${how}: ${results.at(-1).pagesPerMinute.toFixed(1)} pages/min\n`);
    }
  }
  if (!opts['no-alternatives'] && !opts.crawl) {
    const c = LEVELS[LEVELS.length - 1];
    // Without `browsers`, scanSite starts a Chromium for the site and closes it after.
    results.push(await measure('a Chromium per site', urls, c, scan, (url, { browsers: _ignored, ...o }) => scanSite(url, o)));
    const shared = sharedBrowserScanner(bed.browserArgs);
    results.push(await measure('Playwright\'s launch(), a context per site', urls, c, scan, url => shared.scanSite(url)));
    await shared.close();
  }
  const loadAfter = os.loadavg();
  const machine = `${os.cpus()[0].model.trim()}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; ` +
                  `load average ${load[0].toFixed(1)} before, ${loadAfter[0].toFixed(1)} after`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: QUIET_ARGS });
  const chromiumVersion = browser.version();
  await browser.close();

  const rows = results.map(r => `| ${r.label} | ${r.concurrency} | ${r.pages} | ${r.seconds.toFixed(1)} s | **${r.pagesPerMinute.toFixed(1)}** | ` +
    `${r.peakRssMiB.toFixed(0)} MiB | ${r.peakPssMiB.toFixed(0)} MiB | ${r.peakProcesses} | ${r.shopThirdPartyCookies ?? '–'} | ${r.errors} |`);
  const visitorArgs = VISITOR.input ? (opts.dwell === undefined ? '' : ` --dwell ${VISITOR.dwellMs}`) : ' --no-visitor';
  const observeArgs = opts.observe === 'devtools' ? '' : ` --observe ${opts.observe}`;
  const command = opts.crawl ? `npm run bench:scanner -- --crawl --levels ${LEVELS.join(',')}${visitorArgs}${observeArgs}`
                             : `npm run bench:scanner -- --pages ${PAGES} --levels ${LEVELS.join(',')}${visitorArgs}${observeArgs}`;
  process.stdout.write(`\n$ ${command}\n${machine}\nChromium ${chromiumVersion}, Node ${process.version}, ` +
    `${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}\n\n` +
    '| browsers | concurrency | pages | time | pages/min | peak RSS (sum) | peak PSS | processes | 3rd-party cookies on the shop | errors |\n' +
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n' + rows.join('\n') + '\n');
  for (const r of results) if (r.firstError) process.stdout.write(`first error at ${r.label} ×${r.concurrency}: ${r.firstError}\n`);
  const out = opts.json ?? path.join(fileURLToPath(new URL('../../out/', import.meta.url)), 'bench-scanner.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify({ command, machine, chromium: chromiumVersion, node: process.version, results }, null, 2)}\n`);
} finally {
  await bed.close();
}
