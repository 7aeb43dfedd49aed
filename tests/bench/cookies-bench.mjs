// Cookie classification throughput, native and WASM, side by side.
//   npm run bench:cookies [-- --csv FILE]
// WASM: the labelled cookies (default ../shared/data/cookies/cookieblock_dev.csv, else a
// synthetic mix) analysed through core.analyze() as the front ends do — one Capture per page,
// JSON in and out included. Native: tests/bench/classify_bench.cc on the same file (classifier
// only). Median of 5 rounds each.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../wasm/js/node.mjs';
import { classifyRows, parseCsv } from 'trackscope/eval-cookies';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const csv = argv.includes('--csv') ? argv[argv.indexOf('--csv') + 1] : path.join(root, '../shared/data/cookies/cookieblock_dev.csv');
let rows;
if (fs.existsSync(csv)) {
  rows = parseCsv(fs.readFileSync(csv, 'utf8'));
} else {
  console.log(`(${csv} not present: synthetic cookies)`);
  const names = ['_ga', '_gid', '_fbp', 'IDE', 'PHPSESSID', 'lang', 'OptanonConsent', 'zq_unknown', 'ab_bucket', '__cf_bm'];
  rows = Array.from({ length: 1000 }, (_, i) => ({ name: names[i % 10], domain: i % 4 ? 'shop.example' : '.adnet.example',
    value: i % 3 ? '9f3b2c1d7e6a5b4c3d2e1f0a9b8c7d6e' : 'en', expiry_s: '31536000', session: '0', category: 'necessary',
    first_party_domain: 'https://shop.example/' }));
}
const core = await createCore({ filters: false });
const times = [];
for (let r = 0; r < 5; ++r) {
  const t = process.hrtime.bigint();
  classifyRows(core, rows);
  times.push(Number(process.hrtime.bigint() - t) / 1e9);
}
times.sort((a, b) => a - b);
const wasm = rows.length / times[2];
const bench = path.join(root, 'build/release/tests/trackscope_classify_bench');
let native = null;
if (fs.existsSync(bench)) {
  native = JSON.parse(execFileSync(bench, fs.existsSync(csv) ? ['--csv', csv] : [], { encoding: 'utf8' }).trim().split('\n').pop());
} else {
  console.log(`(native benchmark not built: cmake --preset release && cmake --build --preset release)`);
}
console.log(`# ${rows.length} cookies from ${fs.existsSync(csv) ? csv : 'a synthetic mix'}; node ${process.version}`);
console.log('engine             | cookies/s  | µs per cookie | what is timed');
console.log(`trackscope-wasm    | ${Math.round(wasm).toLocaleString('en').padStart(10)} | ${(1e6 / wasm).toFixed(2).padStart(13)} | core.analyze(): JSON capture in, report out, per page`);
if (native) console.log(`trackscope-native  | ${Math.round(native.cookies_per_second).toLocaleString('en').padStart(10)} | ${native.us_per_cookie.toFixed(2).padStart(13)} | ClassifyCookie() only`);
