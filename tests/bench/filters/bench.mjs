// Filter-engine benchmark: trackscope (WASM and native) vs uBlock Origin core vs Ghostery, same
// lists, same requests, each run of each engine in a fresh process, medians across runs.
//
//   npm run bench:filters [-- --runs N] [--engines a,b] [--requests FILE] [--lists A,B] [--json]
//
// Defaults: 15 runs; all engines (trackscope-wasm, trackscope-native, ubo, ghostery); requests
// ../shared/data/requests/requests.jsonl (relative to the repository root; when absent the
// benchmark prints "skipped: …" and exits 0); lists EasyList + EasyPrivacy from
// /usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist/.
// Runs are interleaved (run 1 of every engine, then run 2, …, with the engine order rotated each
// run) so that machine noise spreads over all engines. An engine that is not available (our
// engine before it exists) is reported as such and skipped; an engine that fails aborts the run.
// Output: a header (command, machine, inputs with hashes and versions) and a table; with --json,
// one JSON object per engine and line with exactly the keys engine, build_ms, memory_mb,
// serialized_bytes, load_ms, median_us, p99_us, throughput_rps, blocked (null for an unavailable
// engine, whose reason goes to stderr with the header).
import {
  commandLine, describeSetup, formatSetup, median, parseArgs, resolveInputs, runEngineOnce,
  selectEngines, RESULT_KEYS,
} from './common.mjs';

const NUMERIC = [
  'build_ms', 'memory_mb', 'memory_loaded_mb', 'memory_after_match_mb', 'serialized_bytes',
  'load_ms', 'median_us', 'p99_us', 'throughput_rps', 'blocked', 'exceptions',
];

function fmt(x, digits) {
  if (x === null || x === undefined) return '—';
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function table(headers, rows, align) {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells) => cells.map((v, c) => (align[c] === 'l' ? String(v).padEnd(widths[c]) : String(v).padStart(widths[c]))).join(' | ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

function summarize(runs) {
  const out = {};
  for (const key of NUMERIC) {
    const values = runs.map((r) => r[key]).filter((v) => typeof v === 'number');
    out[key] = values.length ? median(values) : null;
    out[`${key}:min`] = values.length ? Math.min(...values) : null;
    out[`${key}:max`] = values.length ? Math.max(...values) : null;
  }
  return out;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2), {
    runs: 'string', engines: 'string', requests: 'string', lists: 'string', json: 'bool',
  });
  const runs = opts.runs === undefined ? 15 : Number(opts.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  const engines = selectEngines(opts.engines);

  const inputs = resolveInputs(opts);
  if (inputs.skip) {
    console.log(inputs.skip);
    return;
  }

  const setup = describeSetup(inputs);
  const header = [
    formatSetup(setup, commandLine()),
    `# ${runs} run(s) per engine, each in a fresh process (node --expose-gc run-engine.mjs), interleaved; medians across runs`,
  ].join('\n');
  const log = opts.json ? (s) => process.stderr.write(`${s}\n`) : (s) => process.stdout.write(`${s}\n`);
  log(header);

  const results = Object.fromEntries(engines.map((e) => [e, []]));
  const unavailable = {};
  const info = {};
  for (let r = 0; r < runs; r += 1) {
    const active = engines.filter((e) => !(e in unavailable));
    const order = active.map((_, k) => active[(k + r) % active.length]);
    for (const engine of order) {
      const res = runEngineOnce(engine, inputs);
      if (res.unavailable) {
        unavailable[engine] = res.unavailable;
        continue;
      }
      results[engine].push(res);
      info[engine] = { version: res.version, notes: res.notes ?? [] };
      process.stderr.write(`  run ${r + 1}/${runs} ${engine}: build ${fmt(res.build_ms, 0)} ms, load ${fmt(res.load_ms, 1)} ms, `
        + `median ${fmt(res.median_us, 2)} µs, p99 ${fmt(res.p99_us, 1)} µs, blocked ${res.blocked}\n`);
    }
  }

  const summary = {};
  for (const e of engines) {
    if (!(e in unavailable)) summary[e] = summarize(results[e]);
  }

  if (opts.json) {
    for (const e of engines) {
      const s = summary[e];
      const row = {};
      for (const key of RESULT_KEYS) row[key] = key === 'engine' ? e : (s ? s[key] : null);
      if (s) {
        row.median_us = Math.round(row.median_us * 1000) / 1000;
        row.throughput_rps = Math.round(row.throughput_rps);
      } else {
        process.stderr.write(`# ${e}: unavailable: ${unavailable[e]}\n`);
      }
      process.stdout.write(`${JSON.stringify(row)}\n`);
    }
    return;
  }

  for (const e of engines) {
    if (info[e]) log(`# ${e}: ${info[e].version}${info[e].notes.length ? `; ${info[e].notes.join('; ')}` : ''}`);
  }
  log('');
  const headers = ['engine', 'build ms', 'memory MB', 'serialized', 'load ms', 'median µs', 'p99 µs',
    'throughput req/s', 'blocked', 'mem loaded MB', 'mem matched MB'];
  const rows = engines.map((e) => {
    const s = summary[e];
    if (!s) return [e, 'unavailable', '', '', '', '', '', '', '', '', ''];
    const blocked = s['blocked:min'] === s['blocked:max'] ? fmt(s.blocked, 0) : `${fmt(s.blocked, 0)} (varies!)`;
    return [e, fmt(s.build_ms, 0), fmt(s.memory_mb, 2), `${fmt(s.serialized_bytes / 1e6, 2)} MB`, fmt(s.load_ms, 2),
      fmt(s.median_us, 2), fmt(s.p99_us, 1), fmt(s.throughput_rps, 0), blocked,
      fmt(s.memory_loaded_mb, 2), fmt(s.memory_after_match_mb, 2)];
  });
  log(table(headers, rows, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r']));
  log('');
  log('Medians across runs. memory MB = heapUsed + external growth after build (GC\'d); mem loaded = after '
    + 'load from bytes (built engine released); mem matched = after matching every request. MB = 10^6 bytes.');
  log('Timings per request on the loaded engine (process.hrtime.bigint around each call); throughput = requests / '
    + 'sum of per-request times.');
  log('Range across runs (min–max):');
  for (const e of engines) {
    const s = summary[e];
    if (!s) continue;
    const range = (k, d) => `${fmt(s[`${k}:min`], d)}–${fmt(s[`${k}:max`], d)}`;
    log(`  ${e} (${results[e].length} run${results[e].length === 1 ? '' : 's'}): build ${range('build_ms', 0)} ms, memory ${range('memory_mb', 2)} MB, `
      + `load ${range('load_ms', 2)} ms, median ${range('median_us', 2)} µs, p99 ${range('p99_us', 1)} µs`);
  }
  for (const e of engines) {
    if (unavailable[e]) log(`  ${e}: unavailable — ${unavailable[e]}`);
  }
}

main().catch((e) => {
  process.stderr.write(`bench: ${e.message ?? e}\n`);
  process.exit(1);
});
