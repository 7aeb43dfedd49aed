// One measured run of `trackscope analyze` on a HAR, phase by phase (run by bench.mjs in a fresh
// process each time): parse (stream the file into the core), analyze (the core's report, its text
// handed out in pieces and parsed), write (the JSON file and the terminal report). Prints one JSON
// line: {parseMs, analyzeMs, writeMs, peakRssMb}.
//   node tests/bench/analyze/phases.mjs FILE.har OUT.json
//   node tests/bench/analyze/phases.mjs --json-parse FILE.har   (the floor: Node's JSON.parse)
import fs from 'node:fs';
import { createCore } from '@trackscope/core';
import { openRecording } from 'trackscope/analyze-file';
import { renderText } from 'trackscope/render-text';

const peak = () => Math.round(process.resourceUsage().maxRSS / 1024);
const args = process.argv.slice(2);
if (args[0] === '--json-parse') {
  const t0 = performance.now();
  const doc = JSON.parse(fs.readFileSync(args[1], 'utf8'));
  const parseMs = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ parseMs, entries: doc.log.entries.length, peakRssMb: peak() })}\n`);
} else {
  const [file, out] = args;
  const core = await createCore();
  const t0 = performance.now();
  const opened = await openRecording(core, file);
  if (!opened.ok) throw new Error(opened.message);
  const t1 = performance.now();
  const result = opened.har.analyze(0, { text: true });
  if (!result.ok) throw new Error(result.error.message);
  opened.har.dispose();
  const t2 = performance.now();
  const fd = fs.openSync(out, 'w');
  fs.writeSync(fd, result.text);
  fs.closeSync(fd);
  const text = renderText(result.report, {});
  const t3 = performance.now();
  process.stdout.write(`${JSON.stringify({ parseMs: t1 - t0, analyzeMs: t2 - t1, writeMs: t3 - t2, requests: result.report.summary.requests,
                                           textBytes: text.length, peakRssMb: peak() })}\n`);
}
