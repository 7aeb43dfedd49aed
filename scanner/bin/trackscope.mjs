#!/usr/bin/env node
// trackscope command line: `trackscope scan <url>` (see `trackscope --help`).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { renderHtml } from '../src/render-html.mjs';
import { renderText } from '../src/render-text.mjs';
import { classifyRows, metrics, readLabelled, renderMetrics } from '../src/eval-cookies.mjs';
import { core, compareSignalsUrl, scanUrl } from '../src/scan.mjs';
import { readCapture, readPolicy, signalBetween, suffixed } from '../src/analyze-file.mjs';
import { renderComparison, renderPrivacy } from '../src/signals.mjs';

const HELP = `usage: trackscope scan <url> [options]
       trackscope analyze FILE [--compare OTHER] [--signal gpc|dnt] [--policy ID|FILE] [--json OUT]
       trackscope eval-cookies FILE.csv [--json] [--group-by COLUMN]

Loads the page in headless Chromium, records its requests, cookies and script events, and
reports them grouped by site and party.

options:
  --json FILE            write the report as JSON
  --html FILE            write a self-contained HTML report
  --save-capture FILE    write the raw capture (input of the core) as JSON
  --browser-arg ARG      pass ARG to Chromium (repeatable), e.g.
                         --browser-arg=--host-resolver-rules="MAP *.example 127.0.0.1:8443"
  --timeout MS           navigation timeout (default 30000)
  --user-agent UA        user agent string
  --dnt, --gpc           send Do Not Track / Global Privacy Control (request headers and
                         navigator.doNotTrack / navigator.globalPrivacyControl)
  --compare-signals SIG  load the page twice in fresh profiles, without and with SIG (gpc or
                         dnt), and judge whether the site honours it; --save-capture FILE then
                         writes FILE.off.json and FILE.on.json
  --policy ID|FILE       the policy whose categories the report uses: a bundled id (default,
                         consent-manager, icc-uk) or a policy file, optionally with a declaration
  --quiet                no terminal report
  -h, --help             this text
  --version              versions of trackscope and its data

analyze: reports on a recorded page load: FILE is a HAR (Chrome DevTools "Save all as HAR",
Playwright recordHar) or a capture saved with --save-capture. With --compare OTHER, FILE is the
load without the signal and OTHER the load with it (the signal is the one OTHER sends, or
--signal); prints the DNT/GPC verdict. --json OUT writes the report (or the comparison with both
reports). Exit status 1 when a file is malformed: the message names the JSON path.

eval-cookies: classifies labelled cookies (columns name,domain,category and optionally value,
expiry_s, session, http_only, secure, same_site, host_only, path, first_party_domain) and prints
coverage, accuracy, balanced accuracy, per-class precision/recall/F1 and the confusion matrix.
  --json                 one JSON object: n, accuracy, balanced_accuracy, per_class, ...
  --group-by COLUMN      the same figures per value of COLUMN (e.g. source)
`;

function fail(message, code = 2) {
  process.stderr.write(`trackscope: ${message}\n`);
  process.exit(code);
}

async function main(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'string' }, html: { type: 'string' }, 'save-capture': { type: 'string' },
        'browser-arg': { type: 'string', multiple: true, default: [] }, timeout: { type: 'string' },
        'user-agent': { type: 'string' }, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' }, 'group-by': { type: 'string' },
        dnt: { type: 'boolean' }, gpc: { type: 'boolean' }, 'compare-signals': { type: 'string' },
        policy: { type: 'string' }, compare: { type: 'string' }, signal: { type: 'string' },
      },
    });
  } catch (err) {
    fail(`${err.message}\n\n${HELP}`);
  }
  const { values: opts, positionals } = parsed;
  if (opts.help) return process.stdout.write(HELP);
  if (opts.version) return process.stdout.write(`${JSON.stringify((await core()).version())}\n`);
  const [command, ...urls] = positionals;
  if (command === 'eval-cookies') return evalCookies(urls, opts);
  if (command === 'analyze') return analyzeFiles(urls, opts);
  if (command !== 'scan') fail(command ? `unknown command "${command}"\n\n${HELP}` : HELP);
  if (urls.length !== 1) fail('scan takes exactly one URL');
  let url;
  try {
    url = new URL(urls[0]);
    if (!/^https?:$/.test(url.protocol)) throw new Error('not http(s)');
  } catch {
    fail(`"${urls[0]}" is not an http(s) URL`);
  }
  const timeoutMs = opts.timeout ? Number(opts.timeout) : undefined;
  if (opts.timeout && !(timeoutMs > 0)) fail(`--timeout must be a positive number of milliseconds, got "${opts.timeout}"`);

  const compareSignal = opts['compare-signals'];
  if (compareSignal !== undefined && !['gpc', 'dnt'].includes(compareSignal)) fail(`--compare-signals takes gpc or dnt, got "${compareSignal}"`);
  const policy = readPolicy(await core(), opts.policy);
  if (!policy.ok) fail(policy.message);
  const scanOptions = { browserArgs: opts['browser-arg'], timeoutMs, userAgent: opts['user-agent'], policy: policy.policy };
  if (compareSignal) return compareScan(url.href, compareSignal, scanOptions, opts);

  const { capture, report, error } = await scanUrl(url.href, { ...scanOptions, signals: { dnt: opts.dnt, gpc: opts.gpc } });
  if (opts['save-capture']) fs.writeFileSync(opts['save-capture'], JSON.stringify(capture, null, 2));
  if (error) process.stderr.write(`trackscope: ${url.href}: ${error}\n`);
  if (!report) process.exit(1);
  if (opts.json) fs.writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
  if (opts.html) fs.writeFileSync(opts.html, renderHtml(report));
  if (!opts.quiet) process.stdout.write(renderText(report, { color: process.stdout.isTTY }) + renderPrivacy(report, { color: process.stdout.isTTY }));
  if (opts.json && !opts.quiet) process.stdout.write(`report written to ${opts.json}\n`);
  if (opts.html && !opts.quiet) process.stdout.write(`HTML report written to ${opts.html}\n`);
  if (error) process.exit(1);
}

async function compareScan(url, signal, scanOptions, opts) {
  const { captures, comparison, reports, error } = await compareSignalsUrl(url, signal, scanOptions);
  if (opts['save-capture']) {
    for (const which of ['off', 'on']) {
      if (captures[which]) fs.writeFileSync(suffixed(opts['save-capture'], which), JSON.stringify(captures[which], null, 2));
    }
  }
  if (error) fail(`${url}: ${error}`, 1);
  writeComparison({ comparison, ...reports }, opts);
}

// Prints (and with --json writes) a comparison with the report of the load with the signal.
function writeComparison({ comparison, off, on }, opts) {
  if (opts.json) fs.writeFileSync(opts.json, `${JSON.stringify({ comparison, off, on }, null, 2)}\n`);
  if (opts.html) fs.writeFileSync(opts.html, renderHtml(on));
  if (opts.quiet) return;
  const color = process.stdout.isTTY;
  process.stdout.write(renderText(on, { color }) + renderPrivacy(on, { color }) + renderComparison(comparison, { color }));
  if (opts.json) process.stdout.write(`comparison written to ${opts.json}\n`);
}

async function analyzeFiles(files, opts) {
  if (files.length !== 1) fail('analyze takes exactly one file (and --compare OTHER)');
  if (opts.signal !== undefined && !['gpc', 'dnt'].includes(opts.signal)) fail(`--signal takes gpc or dnt, got "${opts.signal}"`);
  const c = await core();
  const policy = readPolicy(c, opts.policy);
  if (!policy.ok) fail(policy.message);
  const options = policy.policy === undefined ? {} : { policy: policy.policy };
  const read = file => {
    const r = readCapture(c, file);
    if (!r.ok) fail(r.message, 1);
    if (!opts.quiet) for (const w of r.warnings) process.stderr.write(`trackscope: ${file}: warning: ${w.path}: ${w.message}\n`);
    return r.capture;
  };
  let first = read(files[0]);
  if (opts.compare === undefined) {
    const result = c.analyze(first, options);
    if (!result.ok) fail(`${files[0]}: ${result.error.path}: ${result.error.message}`, 1);
    if (opts.json) fs.writeFileSync(opts.json, `${JSON.stringify(result.report, null, 2)}\n`);
    if (opts.html) fs.writeFileSync(opts.html, renderHtml(result.report));
    if (!opts.quiet) {
      const color = process.stdout.isTTY;
      process.stdout.write(renderText(result.report, { color }) + renderPrivacy(result.report, { color }));
    }
    return;
  }
  let second = read(opts.compare);
  const between = signalBetween(first, second);
  const signal = opts.signal ?? between.signal;
  let names = [files[0], opts.compare];
  if (!opts.signal && between.swap) {
    [first, second, names] = [second, first, [names[1], names[0]]];
    if (!opts.quiet) process.stderr.write(`trackscope: ${names[1]} sends ${signal.toUpperCase()}, ${names[0]} does not: comparing ${names[0]} (off) with ${names[1]} (on)\n`);
  }
  const result = c.compareSignals(first, second, signal, options);
  if (!result.ok) {
    const [which, ...rest] = result.error.path.split(': ');
    const file = which === 'off' ? names[0] : which === 'on' ? names[1] : null;
    fail(file ? `${file}: ${rest.join(': ')}: ${result.error.message}` : `${result.error.path}: ${result.error.message}`, 1);
  }
  writeComparison(result, opts);
}

async function evalCookies(files, opts) {
  if (files.length !== 1) fail('eval-cookies takes exactly one CSV file');
  let rows;
  try {
    rows = readLabelled(files[0]);
  } catch (err) {
    fail(err.message);
  }
  const { predictions, errors } = classifyRows(await core(), rows);
  for (const e of errors) process.stderr.write(`trackscope: ${e}\n`);
  const group = opts['group-by'];
  if (group && !(group in rows[0])) fail(`--group-by: no column "${group}" in ${files[0]}`);
  const groups = group ? [...new Set(rows.map(r => r[group]))].sort() : [];
  const measure = idx => metrics(idx.map(i => rows[i].category), idx.map(i => predictions[i]?.purpose ?? 'unclassified'));
  const all = rows.map((_, i) => i);
  const overall = measure(all);
  const byGroup = Object.fromEntries(groups.map(g => [g, measure(all.filter(i => rows[i][group] === g))]));
  if (opts.json) {
    const out = { ...overall };
    if (group) out.groups = byGroup;
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else {
    process.stdout.write(`${renderMetrics(overall, files[0])}\n`);
    for (const g of groups) process.stdout.write(`\n${renderMetrics(byGroup[g], `${group} = ${g}`)}\n`);
  }
}

main(process.argv.slice(2)).catch(err => fail(err.stack ?? String(err), 1));
