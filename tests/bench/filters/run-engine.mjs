// Runs ONE filter engine once, in this process, and prints one JSON line. bench.mjs and diff.mjs
// spawn it in a fresh process per run:
//
//   node --expose-gc tests/bench/filters/run-engine.mjs --engine ubo \
//       --lists A,B --requests FILE [--decisions OUT.jsonl [--explain]]
//
// Phases (file reading is never timed; everything is read before the memory baseline):
//   1. adapter.available() / init(): library import, WASM instantiation, PSL (not timed)
//   2. baseline = heapUsed + external after full GCs (requests already in memory, lists not yet)
//   3. read the lists, build(listTexts) → build_ms (lists handed over: only what the engine keeps
//                                      of them stays); GC; memory_mb = (heapUsed + external) − baseline
//   4. serialize(engine)             → serialized_bytes; the built engine is then released
//   5. load(bytes)                   → load_ms; GC; memory_loaded_mb
//   6. match every request on the LOADED engine, each call timed with process.hrtime.bigint()
//                                    → median_us, p99_us (nearest rank), throughput_rps =
//                                      requests / sum of per-request times, blocked, exceptions
//   7. GC; memory_after_match_mb
// (arrayBuffers is part of external in Node, so it is not added again; see README.md.)
// With --decisions, a second, untimed pass asks for the deciding filter's text and writes
// {"i", "d", "f"} per request; its decisions must equal the timed pass's. --explain asks the
// adapter for an engine that can name the exact list line it matched (Ghostery: debug: true and
// no filter fusion); its numbers are then not the benchmark's, only its decisions are used.
//
// Output: {"engine", "build_ms", "memory_mb", "serialized_bytes", "load_ms", "median_us",
// "p99_us", "throughput_rps", "blocked", …extras} or {"engine", "unavailable": reason}.
// Exit status 1 (message on stderr) when an available engine fails.
import fs from 'node:fs';
import { loadAdapter, loadRequests, medianSorted, parseArgs, percentile, readLists, sorted, splitList, DEFAULT_LISTS, DEFAULT_REQUESTS } from './common.mjs';

const MB = 1e6;
const LIVE = {};

async function settle() {
  for (let k = 0; k < 3; k += 1) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function memBytes() {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

function round(x, digits) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2), {
    engine: 'string', lists: 'string', requests: 'string', decisions: 'string', explain: 'bool',
  });
  if (!opts.engine) throw new Error('--engine NAME is required');
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');

  const listPaths = opts.lists ? splitList(opts.lists) : DEFAULT_LISTS;
  const requestsPath = opts.requests ?? DEFAULT_REQUESTS;
  const adapter = await loadAdapter(opts.engine);

  if (adapter.available) {
    const a = await adapter.available();
    if (!a.ok) {
      process.stdout.write(`${JSON.stringify({ engine: adapter.name, unavailable: a.reason })}\n`);
      return;
    }
  }

  // Inputs and the measurement's own arrays exist before the baseline and stay reachable until
  // the end (LIVE is module-level: V8 drops locals that are dead across an await, which would
  // free them in the middle of a measurement). The list texts are the exception: they are read
  // after the baseline and handed over to build(), so whatever the engine keeps of them (e.g.
  // sliced strings) is counted, and whatever it does not keep is freed before memory_mb.
  const { requests } = loadRequests(requestsPath);
  LIVE.requests = requests;
  const n = requests.length;
  if (n === 0) throw new Error(`${requestsPath}: no matchable requests`);

  if (adapter.runStandalone) {
    const result = await adapter.runStandalone({ listPaths, requests, decisionsPath: opts.decisions });
    process.stdout.write(`${JSON.stringify({ ...result, version: adapter.version })}\n`);
    return;
  }

  await adapter.init();
  if (adapter.domainCheck) {
    const c = adapter.domainCheck();
    if (!c.ok) throw new Error(`${adapter.name}: domain check failed: ${c.detail}`);
  }

  const times = new Float64Array(n);
  const decisions = new Uint8Array(n);           // 0 none, 1 block, 2 exception
  LIVE.times = times;
  LIVE.decisions = decisions;
  const CODE = { none: 0, block: 1, exception: 2 };
  let t0 = 0n;
  let t1 = 0n;

  await settle();
  const base = memBytes();
  let listTexts = readLists(listPaths);

  // Build.
  t0 = process.hrtime.bigint();
  const building = adapter.build(listTexts, { explain: opts.explain === true });
  listTexts = null;
  let built = await building;
  t1 = process.hrtime.bigint();
  const buildMs = Number(t1 - t0) / 1e6;
  await settle();
  const memBuilt = memBytes() - base;

  // Serialize, then drop the built engine.
  let bytes = await adapter.serialize(built);
  if (!(bytes instanceof Uint8Array)) throw new Error(`${adapter.name}: serialize() must return a Uint8Array`);
  const serializedBytes = bytes.byteLength;
  if (adapter.dispose) adapter.dispose(built);
  built = null;
  await settle();

  // Load from bytes: this engine is the one matched against.
  t0 = process.hrtime.bigint();
  const engine = await adapter.load(bytes);
  LIVE.engine = engine;
  t1 = process.hrtime.bigint();
  const loadMs = Number(t1 - t0) / 1e6;
  bytes = null; // the engine may keep (views of) the buffer; then it stays counted, as it should
  await settle();
  const memLoaded = memBytes() - base;

  // Match.
  let blocked = 0;
  let exceptions = 0;
  let total = 0;
  for (let k = 0; k < n; k += 1) {
    const req = requests[k];
    t0 = process.hrtime.bigint();
    const r = adapter.match(engine, req);
    t1 = process.hrtime.bigint();
    const dt = Number(t1 - t0);
    times[k] = dt;
    total += dt;
    const code = CODE[r.decision];
    decisions[k] = code;
    if (code === 1) blocked += 1;
    else if (code === 2) exceptions += 1;
    else if (code !== 0) throw new Error(`${adapter.name}: bad decision ${JSON.stringify(r.decision)}`);
  }
  await settle();
  const memMatched = memBytes() - base;

  const s = sorted(times);
  const result = {
    engine: adapter.name,
    build_ms: round(buildMs, 1),
    memory_mb: round(memBuilt / MB, 2),
    serialized_bytes: serializedBytes,
    load_ms: round(loadMs, 2),
    median_us: round(medianSorted(s) / 1e3, 3),
    p99_us: round(percentile(s, 99) / 1e3, 2),
    throughput_rps: Math.round(n / (total / 1e9)),
    blocked,
    exceptions,
    requests: n,
    memory_loaded_mb: round(memLoaded / MB, 2),
    memory_after_match_mb: round(memMatched / MB, 2),
    mean_us: round(total / n / 1e3, 3),
    max_us: round(s[n - 1] / 1e3, 1),
    version: adapter.version,
    notes: adapter.notes ? adapter.notes() : [],
  };
  if (opts.explain) result.explain = adapter.explainable === true;

  if (opts.decisions) {
    const out = [];
    let mismatches = 0;
    for (let k = 0; k < n; k += 1) {
      const req = requests[k];
      const r = adapter.match(engine, req, true);
      if (CODE[r.decision] !== decisions[k]) mismatches += 1;
      out.push(JSON.stringify({ i: req.i, d: r.decision, f: r.filter ?? null }));
    }
    fs.writeFileSync(opts.decisions, `${out.join('\n')}\n`);
    if (mismatches !== 0) {
      throw new Error(`${adapter.name}: ${mismatches} decisions differ between the timed pass and the filter-text pass`);
    }
  }

  process.stdout.write(`${JSON.stringify(result)}\n`);
  LIVE.done = true;
}

main().catch((e) => {
  process.stderr.write(`run-engine: ${e.stack ?? e}\n`);
  process.exit(1);
});
