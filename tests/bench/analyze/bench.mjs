// Big recordings through `trackscope analyze`, side by side with Node's JSON.parse of the same
// file (the floor: any reader of the whole document pays at least that). Each figure is the median
// of --runs fresh processes; peak RSS is the process's maximum resident set.
//   npm run bench:analyze -- --entries 10000,50000,300000 [--runs 3]
// The HARs are synthetic (make-har.mjs: one long session, ~420 bytes per entry), made once in
// the system's temporary folder.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { writeHar } from './make-har.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const cli = path.join(here, '..', '..', '..', 'scanner', 'bin', 'trackscope.mjs');
const { values } = parseArgs({ options: { entries: { type: 'string', default: '10000,50000,300000' }, runs: { type: 'string', default: '3' } } });
const sizes = values.entries.split(',').map(Number);
const runs = Number(values.runs);
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const tmp = path.join(os.tmpdir(), 'trackscope-bench-analyze');
fs.mkdirSync(tmp, { recursive: true });
const rssHook = path.join(tmp, 'peak-rss.mjs');
fs.writeFileSync(rssHook, "process.on('exit', () => process.stderr.write(`peak-rss-mb ${Math.round(process.resourceUsage().maxRSS / 1024)}\\n`));\n");

const node = (script, args) => JSON.parse(execFileSync(process.execPath, [path.join(here, script), ...args], { encoding: 'utf8', maxBuffer: 1 << 26 }));
// The real command, timed from outside, its peak RSS reported by the process itself.
function command(file, out) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', rssHook, cli, 'analyze', file, '--json', out],
                      { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`analyze ${file} failed: ${r.stderr}`);
  return { ms: performance.now() - t0, peakRssMb: Number(/peak-rss-mb (\d+)/.exec(r.stderr)?.[1] ?? NaN) };
}

console.log(`trackscope analyze on synthetic HARs (${runs} runs each, medians; ${os.cpus().length} cores, Node ${process.version})\n`);
const rows = [];
for (const n of sizes) {
  const file = path.join(tmp, `session-${n}.har`);
  if (!fs.existsSync(file)) writeHar(file, n);
  const mb = fs.statSync(file).size / 1048576;
  const out = path.join(tmp, `session-${n}.report.json`);
  const floor = [], ours = [], cmd = [];
  for (let i = 0; i < runs; i++) {
    floor.push(node('phases.mjs', ['--json-parse', file]));
    ours.push(node('phases.mjs', [file, out]));
    cmd.push(command(file, out));
  }
  const m = key => median(ours.map(r => r[key]));
  const row = {
    entries: n, fileMb: mb.toFixed(1), parseMs: m('parseMs'), analyzeMs: m('analyzeMs'), writeMs: m('writeMs'),
    commandMs: median(cmd.map(r => r.ms)), peakRssMb: median(cmd.map(r => r.peakRssMb)),
    jsonParseMs: median(floor.map(r => r.parseMs)), jsonParseRssMb: median(floor.map(r => r.peakRssMb)),
    reportMb: (fs.statSync(out).size / 1048576).toFixed(1),
  };
  rows.push(row);
}
const pad = (s, w) => String(s).padStart(w);
console.log(`${'entries'.padStart(8)} ${'HAR MB'.padStart(7)} | ${'parse'.padStart(7)} ${'analyze'.padStart(8)} ${'write'.padStart(7)} ${'command'.padStart(8)} ${'peak RSS'.padStart(9)} ${'report MB'.padStart(9)} | ${'JSON.parse'.padStart(10)} ${'its RSS'.padStart(8)} | ${'time ×'.padStart(6)} ${'RSS ×'.padStart(6)}`);
for (const r of rows) {
  console.log(`${pad(r.entries, 8)} ${pad(r.fileMb, 7)} | ${pad(Math.round(r.parseMs) + ' ms', 7)} ${pad(Math.round(r.analyzeMs) + ' ms', 8)} ${pad(Math.round(r.writeMs) + ' ms', 7)} ` +
              `${pad(Math.round(r.commandMs) + ' ms', 8)} ${pad(r.peakRssMb + ' MB', 9)} ${pad(r.reportMb, 9)} | ${pad(Math.round(r.jsonParseMs) + ' ms', 10)} ${pad(r.jsonParseRssMb + ' MB', 8)} | ` +
              `${pad((r.parseMs / r.jsonParseMs).toFixed(2), 6)} ${pad((r.peakRssMb / r.jsonParseRssMb).toFixed(2), 6)}`);
}
console.log('\nparse = the file streamed into the core (HarReader); time × = parse / JSON.parse of the same file; RSS × = the command\'s peak / JSON.parse\'s peak.');
