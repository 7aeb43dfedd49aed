// Differential check: per-request decisions of the filter engines on the same lists and corpus.
//
//   npm run diff:filters [-- --engines a,b] [--requests FILE] [--lists A,B] [--top N] [--json]
//
// Each engine runs once in a fresh process (run-engine.mjs --decisions), on its loaded engine,
// exactly as in the benchmark. Engines whose adapter is `explainable` (Ghostery: its optimizer
// fuses filters, so the matched filter's text is a synthetic regex) run a second time built to
// name the exact list line; their decisions must be identical, and the filter texts come from
// that run. Compared pairs: every engine against uBO, and trackscope's
// engines also against Ghostery. For each pair: agreement on block/allow (blocked = decision
// "block"; "exception" and "none" both allow), the 3-way decision agreement, and the requests
// where block/allow differs, grouped by cause = (decision and filter of A, decision and filter of
// B), largest groups first (top 30 by default) with up to 2 example requests each.
// --json prints one JSON object with everything (all groups, all examples kept to 2).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  commandLine, describeSetup, formatSetup, loadAdapter, loadRequests, parseArgs, resolveInputs,
  runEngineOnce, selectEngines,
} from './common.mjs';

const REFERENCES = ['ubo', 'ghostery'];

function readDecisions(file) {
  const map = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line === '') continue;
    const { i, d, f } = JSON.parse(line);
    map.set(i, { d, f });
  }
  return map;
}

function pct(a, b) {
  return b === 0 ? 100 : (100 * a) / b;
}

function comparePair(a, b, decisions, byIndex, maxExamples) {
  const da = decisions[a];
  const db = decisions[b];
  const stats = { a, b, requests: 0, agree: 0, both_block: 0, both_allow: 0, only_a_blocks: 0, only_b_blocks: 0, decision_agree: 0, same_decision_other_filter: 0 };
  const groups = new Map();
  for (const [i, x] of da) {
    const y = db.get(i);
    if (y === undefined) continue;
    stats.requests += 1;
    const xa = x.d === 'block';
    const yb = y.d === 'block';
    if (x.d === y.d) {
      stats.decision_agree += 1;
      if (x.d !== 'none' && x.f !== y.f) stats.same_decision_other_filter += 1;
    }
    if (xa === yb) {
      stats.agree += 1;
      if (xa) stats.both_block += 1;
      else stats.both_allow += 1;
      continue;
    }
    if (xa) stats.only_a_blocks += 1;
    else stats.only_b_blocks += 1;
    const key = `${x.d}\u0000${x.f ?? ''}\u0000${y.d}\u0000${y.f ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { count: 0, a_decision: x.d, a_filter: x.f ?? null, b_decision: y.d, b_filter: y.f ?? null, examples: [] };
      groups.set(key, g);
    }
    g.count += 1;
    if (g.examples.length < maxExamples) {
      const r = byIndex.get(i);
      if (!g.examples.some((e) => e.url === r.url)) g.examples.push({ i, type: r.type, url: r.url, frameUrl: r.frameUrl });
    }
  }
  stats.agreement_pct = pct(stats.agree, stats.requests);
  stats.decision_agreement_pct = pct(stats.decision_agree, stats.requests);
  stats.groups = [...groups.values()].sort((p, q) => q.count - p.count
    || String(p.a_filter ?? p.b_filter).localeCompare(String(q.a_filter ?? q.b_filter)));
  return stats;
}

function cut(s, n) {
  if (s === null || s === undefined) return '';
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

function side(decision, filter) {
  return decision === 'none' ? 'none' : `${decision} ${filter ?? '(filter unknown)'}`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2), {
    engines: 'string', requests: 'string', lists: 'string', json: 'bool', top: 'string',
  });
  const top = opts.top === undefined ? 30 : Number(opts.top);
  if (!Number.isInteger(top) || top < 0) throw new Error('--top must be a non-negative integer');
  const engines = selectEngines(opts.engines);
  const inputs = resolveInputs(opts);
  if (inputs.skip) {
    console.log(inputs.skip);
    return;
  }

  const setup = describeSetup(inputs);
  const log = opts.json ? (s) => process.stderr.write(`${s}\n`) : (s) => process.stdout.write(`${s}\n`);
  log(formatSetup(setup, commandLine()));
  log('# each engine once, in a fresh process, decisions of the engine loaded from its serialized bytes');

  const { requests } = loadRequests(inputs.requestsPath);
  const byIndex = new Map(requests.map((r) => [r.i, r]));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackscope-filter-diff-'));
  const decisions = {};
  const engineInfo = {};
  try {
    for (const engine of engines) {
      const file = path.join(dir, `${engine}.jsonl`);
      const res = runEngineOnce(engine, { ...inputs, decisionsPath: file });
      if (res.unavailable) {
        engineInfo[engine] = { status: 'unavailable', reason: res.unavailable };
        continue;
      }
      let d = readDecisions(file);
      const info = { status: 'ok', version: res.version, notes: res.notes ?? [], blocked: res.blocked, exceptions: res.exceptions, requests: res.requests };
      if ((await loadAdapter(engine)).explainable) {
        // Same lists, engine built to name the exact list line; decisions must not change.
        const efile = path.join(dir, `${engine}.explain.jsonl`);
        runEngineOnce(engine, { ...inputs, decisionsPath: efile, explain: true });
        const e = readDecisions(efile);
        let mismatches = 0;
        for (const [i, x] of d) if (e.get(i)?.d !== x.d) mismatches += 1;
        info.explain_mode_decision_mismatches = mismatches;
        info.notes.push(`filter texts from an explain-mode build (${mismatches} decisions differ from the benchmarked build${mismatches ? ', benchmarked decisions used' : ''})`);
        if (mismatches === 0) d = e;
        else for (const [i, x] of d) x.f = e.get(i)?.d === x.d ? e.get(i).f : x.f;
      }
      decisions[engine] = d;
      engineInfo[engine] = info;
      process.stderr.write(`  ${engine}: blocked ${res.blocked}\n`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const pairs = [];
  for (const a of engines) {
    if (!decisions[a]) continue;
    for (const b of REFERENCES) {
      if (a === b || !decisions[b]) continue;
      // uBO is the reference of every engine; Ghostery also of ours (not uBO vs Ghostery twice).
      if (b === 'ghostery' && !a.startsWith('trackscope')) continue;
      pairs.push(comparePair(a, b, decisions, byIndex, 2));
    }
  }

  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ setup, engines: engineInfo, pairs })}\n`);
    return;
  }

  log('');
  for (const [e, info] of Object.entries(engineInfo)) {
    if (info.status === 'ok') {
      log(`${e}: ${info.version}${info.notes.length ? ` (${info.notes.join('; ')})` : ''}: `
        + `${info.blocked} blocked${info.exceptions === undefined ? '' : `, ${info.exceptions} excepted`} of ${info.requests}`);
    } else {
      log(`${e}: unavailable — ${info.reason}`);
    }
  }
  if (pairs.length === 0) log('\nnothing to compare (fewer than two engines available)');
  for (const p of pairs) {
    log('');
    log(`== ${p.a} vs ${p.b}: ${p.requests} requests, block/allow agree on ${p.agree} (${p.agreement_pct.toFixed(3)} %)`);
    log(`   both block ${p.both_block}, both allow ${p.both_allow}, only ${p.a} blocks ${p.only_a_blocks}, only ${p.b} blocks ${p.only_b_blocks}`);
    log(`   block/exception/none agree on ${p.decision_agree} (${p.decision_agreement_pct.toFixed(3)} %); `
      + `same decision, other filter text reported: ${p.same_decision_other_filter} `
      + `(several filters often match one request${p.b === 'ubo' ? '; uBO prints filters in a normalised form' : ''})`);
    if (p.groups.length === 0) continue;
    log(`   disagreements by cause (${p.groups.length} groups${p.groups.length > top ? `, top ${top}` : ''}):`);
    for (const g of p.groups.slice(0, top)) {
      log(`   ${String(g.count).padStart(5)}  ${p.a}: ${cut(side(g.a_decision, g.a_filter), 70)}`);
      log(`          ${p.b}: ${cut(side(g.b_decision, g.b_filter), 70)}`);
      for (const ex of g.examples) {
        log(`          e.g. #${ex.i} ${ex.type} ${cut(ex.url, 110)}  (frame ${cut(ex.frameUrl, 60)})`);
      }
    }
  }
}

main().catch((e) => {
  process.stderr.write(`diff: ${e.message ?? e}\n`);
  process.exit(1);
});
