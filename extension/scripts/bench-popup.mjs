// Popup render benchmark: renders a synthetic page report with N items (default 300 cookies,
// beacons and storage items over 40 trackers, each with its evidence) in headless Chromium with
// the popup's own render.js and popup.css, and prints the median and p95 render time. The report
// is made by the WASM core from a synthetic capture, so it has the shape and evidence of a real
// one. Each run renders once into a fresh document, as each opening of the popup does. Time
// measured: building the DOM, inserting it, and style + layout (forced by reading the page
// height), i.e. everything before the first paint.
//
//   npm run build -w extension && node extension/scripts/bench-popup.mjs [--items 300] [--runs 30]
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '@trackscope/core';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, QUIET_ARGS } from '@trackscope/test-support';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', 'dist');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ITEMS = arg('items', 300);
const RUNS = arg('runs', 30);
const WARMUP = 3;

// A capture with ITEMS items: per tracker site a script, cookies (half set by HTTP, half by
// script), beacons with identifiers, storage writes; names from real trackers so the catalog and
// heuristics produce the usual evidence.
export function syntheticCapture(items) {
  const names = ['_ga', '_gid', '_fbp', 'IDE', 'uid', '_hjid', 'ajs_user_id', 'mp_id', 'ui_lang', 'theme', 'cart', 'sid'];
  const capture = { version: 1, page: { url: 'https://news.example/article', title: 'A long article', capturedAt: '2026-11-29T05:00:00Z' },
                    requests: [{ url: 'https://news.example/article', type: 'main_frame', status: 200 }], cookies: [], events: [] };
  const id = n => `${(n * 2654435761 >>> 0).toString(16).padStart(8, '0')}${(n * 40503 >>> 0).toString(36)}a7Q`;
  for (let i = 0; capture.cookies.length + capture.events.length + capture.requests.length - 1 < items; i++) {
    const site = `tracker${i % 40}.example`;
    const host = `cdn.${site}`;
    const kind = i % 3;
    if (kind === 0) {
      const name = `${names[i % names.length]}_${i}`;
      capture.cookies.push({ name, value: id(i), domain: i % 2 ? `.${site}` : 'news.example', expires: 1830499741 - i * 3600,
                             secure: true, sameSite: 'no_restriction',
                             setBy: i % 4 ? { kind: 'script', url: `https://${host}/tag.js` } : { kind: 'http', url: `https://${host}/sync` } });
    } else if (kind === 1) {
      // A distinct endpoint per beacon: the popup lists one item per endpoint.
      capture.requests.push({ url: `https://px.${site}/p${i}.gif?uid=${id(i)}&ev=view`, type: 'image', status: 200,
                              bodySize: 43, image: { width: 1, height: 1 }, initiator: `https://${host}/tag.js` });
    } else {
      capture.events.push({ kind: 'storage-write', api: i % 2 ? 'localStorage.setItem' : 'sessionStorage.setItem',
                            key: `${names[i % names.length]}_k${i}`, value: id(i), scriptUrl: `https://${host}/tag.js`,
                            frameUrl: 'https://news.example/article' });
    }
  }
  return capture;
}

function serve(root, benchHtml) {
  const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (url.pathname === '/bench.html') {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      return res.end(benchHtml);
    }
    const file = path.join(root, path.normalize(decodeURIComponent(url.pathname)));
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.statusCode = 404;
      return res.end();
    }
    res.setHeader('content-type', types[path.extname(file)] ?? 'application/octet-stream');
    res.end(fs.readFileSync(file));
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const BENCH_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="stylesheet" href="/popup/popup.css"></head>
<body><main id="content"></main>
<script type="module">
  import { installWhyListener, renderReport } from '/popup/render.js';
  installWhyListener(document.getElementById('content'));
  window.bench = (response) => {
    const main = document.getElementById('content');
    main.replaceChildren();
    document.body.offsetHeight;
    const t0 = performance.now();
    const nodes = renderReport(response);
    const t1 = performance.now();
    main.replaceChildren(...nodes);
    document.body.offsetHeight;  // style and layout
    const t2 = performance.now();
    return { ms: t2 - t0, build: t1 - t0, layout: t2 - t1, items: main.querySelectorAll('.item').length, nodes: main.querySelectorAll('*').length };
  };
  window.ready = true;
</script></body></html>`;

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

if (fileURLToPath(import.meta.url) === path.resolve(process.argv[1] ?? '')) {
  if (!fs.existsSync(path.join(dist, 'popup', 'render.js'))) {
    console.error('bench-popup: extension/dist missing: npm run build -w extension');
    process.exit(1);
  }
  const core = await createCore();
  const result = core.analyze(syntheticCapture(ITEMS), { policy: 'default' });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  const report = result.report;
  const response = { ok: true, report, page: { history: [], restoredAt: [], dropped: {} },
                     settings: { redact: true }, policy: { kind: 'bundled', hasDeclaration: false } };
  const server = await serve(dist, BENCH_HTML);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: QUIET_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 420, height: 600 } });
    const times = [];
    const builds = [];
    let shape;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      // A fresh document per run, as each time the popup opens.
      await page.goto(`http://127.0.0.1:${server.address().port}/bench.html`);
      await page.waitForFunction(() => window.ready === true);
      await page.evaluate(() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50))));
      shape = await page.evaluate(r => window.bench(r), response);
      if (i >= WARMUP) {
        times.push(shape.ms);
        builds.push(shape.build);
      }
    }
    times.sort((a, b) => a - b);
    builds.sort((a, b) => a - b);
    const items = report.items.length;
    console.log(`popup render: ${items} items (${shape.items} rendered, ${shape.nodes} elements), ${RUNS} runs after ${WARMUP} warm-up`);
    console.log(`  median ${quantile(times, 0.5).toFixed(1)} ms   p95 ${quantile(times, 0.95).toFixed(1)} ms   ` +
                `min ${times[0].toFixed(1)} ms   max ${times.at(-1).toFixed(1)} ms   (budget 100 ms)`);
    console.log(`  of which building the DOM: median ${quantile(builds, 0.5).toFixed(1)} ms; the rest is inserting, style and layout`);
    if (quantile(times, 0.5) > 100) process.exitCode = 1;
  } finally {
    await browser.close();
    server.close();
  }
}
