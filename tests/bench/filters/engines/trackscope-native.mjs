// Adapter: trackscope's filter engine as native C++, measured by a bench binary of the release
// build. Until the binary exists this adapter reports the engine as unavailable (with the reason)
// and the harness prints an "unavailable" row; it never fakes numbers.
//
// What the binary must provide:
//
//   build/release/tests/bench/trackscope_filter_bench     (or $TRACKSCOPE_FILTER_BENCH_BIN)
//       --lists A,B          list files, read before any clock starts
//       --requests FILE      the corpus as prepared by this harness: UTF-8 TSV, one request per
//                            line, `index<TAB>type<TAB>url<TAB>frameUrl`, already filtered
//                            (http(s)/ws(s) only) and mapped to webRequest types exactly as for
//                            the JS engines (common.mjs); index is the request's position in the
//                            original corpus. Tabs/newlines inside URLs arrive as %09/%0A/%0D.
//       --decisions FILE     optional: also write one JSON line per request,
//                            {"i": index, "d": "block"|"exception"|"none", "f": filter text|null}
//                            (decisions of the matching pass; filter text collected outside the
//                            timed calls)
//   and print, as its last stdout line, one JSON object with the harness's keys:
//       {"engine": "trackscope-native", "build_ms", "memory_mb", "serialized_bytes", "load_ms",
//        "median_us", "p99_us", "throughput_rps", "blocked"}
//   optionally also "memory_loaded_mb", "memory_after_match_mb", "exceptions", "requests".
//   Same phases as run-engine.mjs: parse+build (timed) → memory held by the engine (bytes
//   allocated, e.g. a counting allocator or a mallinfo2() delta, in MB = 10^6 bytes) → serialize
//   → load a fresh engine from the bytes (timed) → match every request on the loaded engine, each
//   call timed (steady_clock), median / p99 (nearest rank) in µs, throughput = requests / sum of
//   the per-request times, blocked = decision "block". Exit status non-zero on failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO_ROOT, RESULT_KEYS } from '../common.mjs';

const BIN = process.env.TRACKSCOPE_FILTER_BENCH_BIN
  ?? path.join(REPO_ROOT, 'build/release/tests/bench/trackscope_filter_bench');

function tsvField(s) {
  return s.replace(/\t/g, '%09').replace(/\n/g, '%0A').replace(/\r/g, '%0D');
}

const adapter = {
  name: 'trackscope-native',
  version: null,

  async available() {
    try {
      fs.accessSync(BIN, fs.constants.X_OK);
    } catch {
      return { ok: false, reason: `no native bench binary at ${path.relative(REPO_ROOT, BIN) || BIN} (cmake --preset release && cmake --build --preset release)` };
    }
    adapter.version = path.relative(REPO_ROOT, BIN);
    return { ok: true };
  },

  async runStandalone({ listPaths, requests, decisionsPath }) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackscope-filter-bench-'));
    try {
      const tsv = path.join(dir, 'requests.tsv');
      const lines = requests.map((r) => `${r.i}\t${r.type}\t${tsvField(r.url)}\t${tsvField(r.frameUrl)}`);
      fs.writeFileSync(tsv, `${lines.join('\n')}\n`);
      const args = ['--lists', listPaths.join(','), '--requests', tsv];
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
      return { ...result, engine: adapter.name };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default adapter;
