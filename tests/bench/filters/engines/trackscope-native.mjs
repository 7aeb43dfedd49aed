// Adapter: trackscope's filter engine as native C++, measured by a bench binary of the release
// build. Until the binary exists this adapter reports the engine as unavailable (with the reason)
// and the harness prints an "unavailable" row; it never fakes numbers.
//
// What the binary must provide (tests/bench/filter_bench.cc, target trackscope_filter_bench):
//
//   build/release/tests/trackscope_filter_bench  (also looked for in build/release/tests/bench/;
//                                                 $TRACKSCOPE_FILTER_BENCH_BIN overrides both)
//       --lists A,B          list files, read before any clock starts
//       --requests FILE      JSON lines {"url", "frameUrl", "cpt"} written by this adapter: the
//                            corpus already filtered (http(s)/ws(s) only) and with cpt already
//                            mapped to the webRequest type exactly as for the JS engines
//                            (common.mjs), so the binary's own skip/mapping rules are a no-op and
//                            every engine sees the same requests. Line k (0-based) is request k.
//       --decisions FILE     optional: one JSON line per request, in request order, either
//                            {"i": k, "decision": "block"|"exception"|"none", "filter": text,
//                             "exception": text} (what filter_bench.cc writes; "" = none) or
//                            {"i": k, "d": …, "f": text|null}. The adapter maps k back to the
//                            request's position in the original corpus and rewrites the file in
//                            the harness's {"i", "d", "f"} form (f = the exception filter for
//                            "exception", the block filter for "block").
//   and print, as its last stdout line, one JSON object with the harness's keys:
//       {"engine": "trackscope-native", "build_ms", "memory_mb", "serialized_bytes", "load_ms",
//        "median_us", "p99_us", "throughput_rps", "blocked"}
//   (extra keys are passed through). Same phases as run-engine.mjs: parse+build (timed) → memory
//   → serialize → load a fresh engine from the bytes (timed) → match every request on the loaded
//   engine, each call timed (steady_clock), median / p99 in µs, throughput = requests / matching
//   time, blocked = decision "block". Exit status non-zero on failure.
//   memory_mb should be what the engine holds (bytes allocated by build, e.g. a counting
//   allocator or a mallinfo2() delta, in MB = 10^6 bytes) to compare with the JS rows (heap +
//   external growth). filter_bench.cc currently reports the VmRSS growth in MiB across build +
//   serialize + load, which also counts freed-but-retained malloc pages and the corpus pages
//   touched: not the same measure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT, RESULT_KEYS } from '../common.mjs';

const CANDIDATES = process.env.TRACKSCOPE_FILTER_BENCH_BIN
  ? [process.env.TRACKSCOPE_FILTER_BENCH_BIN]
  : ['build/release/tests/bench/trackscope_filter_bench', 'build/release/tests/trackscope_filter_bench']
    .map((p) => path.join(REPO_ROOT, p));
let BIN = null;

function executable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

// Rewrites the binary's decisions (request order k) as {"i": corpus index, "d", "f"} lines.
function normaliseDecisions(file, requests) {
  const out = [];
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  if (lines.length !== requests.length) {
    throw new Error(`${BIN}: ${lines.length} decisions for ${requests.length} requests`);
  }
  for (const line of lines) {
    const o = JSON.parse(line);
    const k = o.i;
    if (!Number.isInteger(k) || k < 0 || k >= requests.length) throw new Error(`${BIN}: bad decision index ${k}`);
    const d = o.d ?? o.decision;
    if (d !== 'block' && d !== 'exception' && d !== 'none') throw new Error(`${BIN}: bad decision ${JSON.stringify(d)}`);
    let f = 'd' in o ? o.f : (d === 'exception' ? o.exception : o.filter);
    if (f === '' || f === undefined || d === 'none') f = null;
    out.push(JSON.stringify({ i: requests[k].i, d, f }));
  }
  fs.writeFileSync(file, `${out.join('\n')}\n`);
}

const adapter = {
  name: 'trackscope-native',
  version: null,

  async available() {
    BIN = CANDIDATES.find(executable) ?? null;
    if (BIN === null) {
      const where = CANDIDATES.map((c) => path.relative(REPO_ROOT, c) || c).join(' or ');
      return { ok: false, reason: `no native bench binary at ${where} (cmake --preset release && cmake --build --preset release)` };
    }
    adapter.version = path.relative(REPO_ROOT, BIN);
    return { ok: true };
  },

  async runStandalone({ listPaths, requests, decisionsPath }) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackscope-filter-bench-'));
    try {
      const corpus = path.join(dir, 'requests.jsonl');
      const lines = requests.map((r) => JSON.stringify({ url: r.url, frameUrl: r.frameUrl, cpt: r.type }));
      fs.writeFileSync(corpus, `${lines.join('\n')}\n`);
      const args = ['--lists', listPaths.join(','), '--requests', corpus];
      if (decisionsPath) args.push('--decisions', decisionsPath);
      const p = spawnSync(BIN, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
      if (p.error) throw new Error(`${BIN}: ${p.error.message}`);
      if (p.status !== 0) {
        throw new Error(`${BIN} exited with ${p.status ?? p.signal}:\n${p.stderr.trim()}`);
      }
      const last = p.stdout.trim().split('\n').pop() ?? '';
      let result;
      try {
        result = JSON.parse(last);
      } catch {
        throw new Error(`${BIN}: last stdout line is not JSON: ${last.slice(0, 200)}`);
      }
      for (const key of RESULT_KEYS.slice(1)) {
        if (typeof result[key] !== 'number' || !Number.isFinite(result[key])) {
          throw new Error(`${BIN}: result key "${key}" missing or not a number`);
        }
      }
      if (result.requests !== undefined && result.requests !== requests.length) {
        throw new Error(`${BIN}: matched ${result.requests} requests, expected ${requests.length}`);
      }
      if (decisionsPath) normaliseDecisions(decisionsPath, requests);
      return { ...result, engine: adapter.name };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default adapter;
