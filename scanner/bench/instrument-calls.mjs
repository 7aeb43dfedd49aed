// `npm run bench:instrument`: what the page instrumentation costs per call. Loads one page in
// headless Chromium without instrumentation and with it (the scanner's init script, events sent
// through its console channel to a listening Playwright page), and times, inside the page, loops
// of the calls it watches: document.cookie writes, localStorage.setItem, navigator.userAgent reads
// (a fingerprinting getter), canvas fillText + toDataURL, and a call it only passes through
// (EventTarget.addEventListener on a div). Median of 7 rounds per figure, µs per call.
//
//   node scanner/bench/instrument-calls.mjs [--rounds 7] [--script FILE]
// --script: a complete init script to measure in place of the current one (e.g. an older build's
// instrumentation with its own glue), printed as a third column.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, QUIET_ARGS } from '../src/browser.mjs';
import { instrumentScript } from '../src/capture.mjs';

const { values: opts } = parseArgs({ options: { rounds: { type: 'string', default: '7' }, script: { type: 'string' } } });
const ROUNDS = Number(opts.rounds);

// [label, calls per round, body run `n` times inside the page]
const LOOPS = [
  ['document.cookie write', 2000, i => { document.cookie = `bench${i % 20}=${i}; path=/`; }],
  ['localStorage.setItem', 5000, i => { localStorage.setItem(`bench${i % 20}`, String(i)); }],
  ['navigator.userAgent read', 20000, () => navigator.userAgent],
  ['canvas fillText + toDataURL', 300, i => {
    const c = document.createElement('canvas'); const x = c.getContext('2d'); x.fillText(`bench ${i}`, 2, 10); c.toDataURL();
  }],
  ['addEventListener (passed through)', 20000, () => document.createElement('div').addEventListener('click', () => {})],
];

async function measure(script) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: QUIET_ARGS });
  try {
    const context = await browser.newContext();
    if (script) await context.addInitScript({ content: script });
    const page = await context.newPage();
    let events = 0;
    page.on('console', () => { events++; });
    await page.route('**/*', r => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title><p>bench' }));
    await page.goto('https://bench.example/');
    const out = {};
    for (const [label, n, body] of LOOPS) {
      const times = [];
      for (let r = 0; r < ROUNDS; r++) {
        times.push(await page.evaluate(({ n, body }) => {
          const fn = new Function('i', `return (${body})(i);`);
          const t0 = performance.now();
          for (let i = 0; i < n; i++) fn(i);
          return ((performance.now() - t0) * 1000) / n;
        }, { n, body: body.toString() }));
      }
      times.sort((a, b) => a - b);
      out[label] = times[Math.floor(times.length / 2)];
    }
    return { perCall: out, events };
  } finally {
    await browser.close();
  }
}

const columns = [['none', null], ['now', instrumentScript('trackscope:bench:')]];
if (opts.script) columns.push([opts.script, fs.readFileSync(opts.script, 'utf8')]);
const results = [];
for (const [label, script] of columns) results.push([label, await measure(script)]);
const fmt = v => (v < 10 ? v.toFixed(2) : v.toFixed(1));
process.stdout.write(`\n$ node scanner/bench/instrument-calls.mjs --rounds ${ROUNDS}${opts.script ? ' --script FILE' : ''}\n` +
  `Chromium ${CHROMIUM_PATH}, Node ${process.version}, ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}\n\n` +
  `| call (µs per call, median of ${ROUNDS}) | ${results.map(([l]) => l).join(' | ')} |\n` +
  `|---|${results.map(() => '---:').join('|')}|\n` +
  LOOPS.map(([label]) => `| ${label} | ${results.map(([, r]) => fmt(r.perCall[label])).join(' | ')} |`).join('\n') + '\n');
