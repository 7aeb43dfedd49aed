// The widget's budget: the size of every file it fetches, as served gzip- and brotli-compressed,
// and the time from the first click on its button to a rendered panel in headless Chromium
// (median of several fresh page loads), plus a second open (core already loaded).
//
//   npm run build -w widget && node widget/scripts/measure.mjs [--runs 9]
//
// Files: the script (fetched with the page), and on first open the UI module with the modules it
// imports (ui/, ui/presentation/), the core's ES module, the Emscripten loader, the .wasm, and the
// owner's policy and scan report (here the testbed shop's). The testbed
// serves them uncompressed from 127.0.0.1 with `cache-control: no-store`, so every run downloads,
// compiles and instantiates the core anew; network time is close to zero and the figures are the
// browser's own work on this machine.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startTestbed } from '@trackscope/testbed';
import { launchBrowser } from '@trackscope/test-support';

const { values: opts } = parseArgs({ options: { runs: { type: 'string', default: '9' } } });
const RUNS = Number(opts.runs);
const WIDGET_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(WIDGET_DIR, 'dist');
const SHOP = path.join(WIDGET_DIR, '..', 'tests', 'testbed', 'sites', 'shop.example');

// The UI module and every module it imports, as the browser fetches them on first open.
function moduleGraph(entry) {
  const seen = new Set();
  const visit = file => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const [, spec] of fs.readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^'"]*?from\s+'(\.{1,2}\/[^']+)'/gm)) {
      visit(path.join(path.dirname(file), spec));
    }
  };
  visit(entry);
  return [...seen];
}

const FILES = [
  ['trackscope-widget.js', path.join(DIST, 'trackscope-widget.js'), 'with the page'],
  ...moduleGraph(path.join(DIST, 'trackscope-widget-ui.mjs')).map(file => [path.relative(DIST, file), file, 'first open']),
  ['core/js/index.mjs', path.join(DIST, 'core', 'js', 'index.mjs'), 'first open'],
  ['core/dist/trackscope_core.mjs', path.join(DIST, 'core', 'dist', 'trackscope_core.mjs'), 'first open'],
  ['core/dist/trackscope_core.wasm', path.join(DIST, 'core', 'dist', 'trackscope_core.wasm'), 'first open'],
  ['trackscope-policy.json (testbed)', path.join(SHOP, 'trackscope-policy.json'), 'first open'],
  ['trackscope-report.json (testbed)', path.join(SHOP, 'trackscope-report.json'), 'first open'],
];

const kib = n => `${(n / 1024).toFixed(1)} KiB`;
const median = xs => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function sizes() {
  const rows = FILES.map(([name, file, when]) => {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build -w widget\` first`);
    const bytes = fs.readFileSync(file);
    return { name, when, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length,
             brotli: zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length };
  });
  const total = (filter, label) => {
    const r = rows.filter(filter);
    return { name: label, when: '', raw: r.reduce((a, x) => a + x.raw, 0), gzip: r.reduce((a, x) => a + x.gzip, 0),
             brotli: r.reduce((a, x) => a + x.brotli, 0) };
  };
  return [...rows, total(r => r.name === 'trackscope-widget-ui.mjs' || r.name.startsWith('ui/'), '**UI modules (first open)**'),
          total(r => r.when === 'with the page', '**until first open**'), total(() => true, '**total after first open**')];
}

// Milliseconds from the click to the panel's data-state="ready" plus the next animation frame.
const OPEN_TO_PANEL = () => new Promise(resolve => {
  const shadow = document.querySelector('trackscope-widget').shadowRoot;
  const t0 = performance.now();
  // The dialog itself is added by the UI module on first open.
  const observer = new MutationObserver(() => {
    const state = shadow.querySelector('.panel')?.dataset.state;
    if (state === 'ready' || state === 'error') {
      observer.disconnect();
      // When the .wasm had arrived (on a first open): the rest is compile, instantiate, analyse, render.
      const wasm = performance.getEntriesByType('resource').find(e => e.name.endsWith('.wasm') && e.startTime >= t0);
      requestAnimationFrame(() => resolve({ ms: performance.now() - t0, state, wasmMs: wasm ? wasm.responseEnd - t0 : null }));
    }
  });
  observer.observe(shadow, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  shadow.querySelector('.launcher').click();
});

async function timings() {
  const bed = await startTestbed();
  const context = await launchBrowser({ args: bed.browserArgs });
  const first = [];
  const second = [];
  const wasm = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const page = await context.newPage();
      await page.goto(bed.url('shop.example', '/widget.html'), { waitUntil: 'load' });
      await page.waitForTimeout(300); // the page's own async scripts
      const a = await page.evaluate(OPEN_TO_PANEL);
      if (a.state !== 'ready') throw new Error(`the panel did not render (state ${a.state})`);
      await page.keyboard.press('Escape');
      const b = await page.evaluate(OPEN_TO_PANEL);
      first.push(a.ms);
      wasm.push(a.wasmMs);
      second.push(b.ms);
      await page.close();
    }
  } finally {
    await context.close();
    await bed.close();
  }
  return { first, second, wasm };
}

const rows = sizes();
console.log('| file | fetched | raw | gzip -9 | brotli -11 |\n|---|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.name} | ${r.when} | ${kib(r.raw)} | ${kib(r.gzip)} | ${kib(r.brotli)} |`);
const { first, second, wasm } = await timings();
const fmt = xs => `${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
console.log(`\nfirst open -> rendered panel, median of ${RUNS} fresh page loads: ${fmt(first)}`);
console.log(`  of which until the .wasm had arrived:                 ${fmt(wasm)}`);
console.log(`second open (core loaded) -> rendered panel:            ${fmt(second)}`);
