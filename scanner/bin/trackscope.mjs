#!/usr/bin/env node
// trackscope command line: `trackscope scan <url>` (see `trackscope --help`).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { renderHtml } from '../src/render-html.mjs';
import { renderText } from '../src/render-text.mjs';
import { classifyRows, metrics, readLabelled, renderMetrics } from '../src/eval-cookies.mjs';
import { core, scanUrl } from '../src/scan.mjs';

const HELP = `usage: trackscope scan <url> [options]
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
  --quiet                no terminal report
  -h, --help             this text
  --version              versions of trackscope and its data

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

  const { capture, report, error } = await scanUrl(url.href, {
    browserArgs: opts['browser-arg'], timeoutMs, userAgent: opts['user-agent'],
  });
  if (opts['save-capture']) fs.writeFileSync(opts['save-capture'], JSON.stringify(capture, null, 2));
  if (error) process.stderr.write(`trackscope: ${url.href}: ${error}\n`);
  if (!report) process.exit(1);
  if (opts.json) fs.writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
  if (opts.html) fs.writeFileSync(opts.html, renderHtml(report));
  if (!opts.quiet) process.stdout.write(renderText(report, { color: process.stdout.isTTY }));
  if (opts.json && !opts.quiet) process.stdout.write(`report written to ${opts.json}\n`);
  if (opts.html && !opts.quiet) process.stdout.write(`HTML report written to ${opts.html}\n`);
  if (error) process.exit(1);
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
