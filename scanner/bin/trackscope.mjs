#!/usr/bin/env node
// trackscope command line: `trackscope scan <url...>`, `merge`, `analyze`, `eval-cookies` (see
// `trackscope --help` and scanner/README.md).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderResultHtml } from '../src/render-html.mjs';
import { safeText } from '@trackscope/presentation/text.mjs';
import { renderText } from '../src/render-text.mjs';
import { renderCsv } from '../src/render-csv.mjs';
import { classifyRows, metrics, readLabelled, renderMetrics } from '../src/eval-cookies.mjs';
import { core, resultDocument, scanSite, scanUrl } from '../src/scan.mjs';
import { visitBrowser } from '../src/browser.mjs';
import { loadPolicyOption, openRecording, selectPages, signalBetween, suffixed } from '../src/analyze-file.mjs';
import { FileError, checkNotInput, openAtomic, readInput, writeFileAtomic } from '../src/output.mjs';
import { renderComparison, renderPrivacy } from '../src/signals.mjs';
import { renderConsentText } from '../src/render-consent.mjs';
import { RULES, evaluateFailOn, parseFailOn } from '../src/fail-on.mjs';
import { finishedUrls, Progress, reportName, runBatch } from '../src/batch.mjs';
import { aggregate, inputErrorRecord, readRecords, renderSummary } from '../src/summary.mjs';
import { normaliseUrl, readUrlList, resolveShard, shardOf } from '../src/shard.mjs';
import { AUTOCONSENT_VERSION } from '../src/consent.mjs';
import { DEFAULT_WAIT_TIMERS_MS, MAX_WAIT_TIMERS_MS } from '../src/timers.mjs';
import { DEFAULT_DWELL_MS } from '../src/visitor.mjs';
import { defaultIdentity, parseIdentity } from '../src/seed.mjs';
import { parseProfile } from '../src/profile.mjs';
import { DEFAULT_DEPTH, discoverPages } from '../src/crawl.mjs';
import { renderSiteReport, siteReport } from '../src/site-report.mjs';
import { renderSiteHtml } from '../src/render-site-html.mjs';
import { CHANGES, diffDocuments, readDocument as readDiffInput, renderDiff } from '../src/diff.mjs';

const HELP = `usage: trackscope scan <url>... [options]
       trackscope scan --input urls.txt --out results.jsonl [--concurrency N] [--resume] [--shard I/N]
       trackscope scan --crawl URL [--max-pages N] [--depth D] [--crawl-host HOST] [--json SITE.json]
       trackscope merge results/*.jsonl [--json FILE] [--out all.jsonl]
       trackscope diff OLD NEW [--format text|json] [--json FILE] [--fail-on CHANGE[,CHANGE]]
       trackscope declaration --from URL [--policy ID|FILE] [--out FILE]
       trackscope analyze FILE [--page N|ID|all] [--compare OTHER] [--signal gpc|dnt] [--policy ID|FILE] [--json OUT]
       trackscope eval-cookies FILE.csv [--json] [--group-by COLUMN]

scan: loads each page in headless Chromium (a fresh context per visit), records its requests,
cookies and script events, and reports every cookie, web beacon and storage item with its
privacy-policy category and the evidence, the trackers, fingerprinting and DNT/GPC behaviour.

what to load:
  --crawl URL            scan a site: the pages of its sitemap (robots.txt Sitemap: lines,
                         /sitemap.xml) and the links of its pages from URL, breadth first, on
                         URL's host (and --crawl-host HOSTs); not downloads or logout links.
                         --max-pages N (default 20), --depth D (default 3). Prints a site report
                         (every item with the pages where it was seen); --json FILE writes it,
                         --html FILE as a page with a drill-down to each page. Takes --shard,
                         --out, --report-dir and --resume as a batch does
  --input FILE           URLs, one per line (# comments; bare host names are read as https://);
                         "-" reads standard input. Several URLs or --input: batch mode (below)
  --dnt, --gpc           send Do Not Track / Global Privacy Control (request headers and
                         navigator.doNotTrack / navigator.globalPrivacyControl)
  --compare-signals SIG  load each page twice in fresh contexts, without and with SIG (gpc or
                         dnt), and judge whether the site honours it
  --consent PHASES       none (default: answer no banner), reject, accept or all: answer the
                         consent banner with DuckDuckGo's autoconsent ("reject all" / "accept
                         all"), reload, and report each phase against the page before the answer
  --timeout MS           page load timeout (default 30000); a visit is abandoned (its browser
                         killed) when it has taken far longer than its loads may
  --settle MS            longest wait for network quiet after the load and after scrolling
                         (default 5000)
  --user-agent UA        user agent string (default: a desktop Chrome's of the browser's version;
                         navigator.webdriver is false either way)
  --dwell MS             act as a visitor after the load for at least MS from its start (default
                         3000): the pointer moves, the mouse wheel scrolls to the end of the page
                         (trusted input through the DevTools protocol; the report's page.visit
                         says what was done)
  --wait-timers MS       stay until the one-shot timers the page set (setTimeout), due within MS
                         of the start of the load, have run: tags held back for a few seconds
                         (default 10000; 0: leave after the dwell). Read from the browser's trace,
                         nothing in the page; notes name the timers still pending at the end
  --no-visitor           no simulated input, no dwell and no wait for timers (faster;
                         crawler-shy pages then hide what they do)
  --observe HOW          how script calls are observed: devtools (default) through the DevTools
                         protocol only — breakpoints, the arguments read back from the scripts'
                         source, nothing in the page's JavaScript — with less detail where the
                         source does not show an argument; script runs trackscope's
                         instrumentation in every frame, hidden from the page (OBSERVER.md), as
                         the extension does
  --identity FILE        the synthetic identity typed into the page's personal-data form fields
                         (never submitted) to catch key-logging: a JSON object with any of email,
                         phone, first-name, last-name, full-name, street, city, postal-code
                         (default: an invented one with a per-scan random e-mail address)
  --no-typing            type nothing into the page's forms
  --storage-state FILE   visit logged in: Playwright's storage state (cookies and local storage,
                         e.g. saved by a login script with context.storageState({path}))
  --cookie NAME=VALUE    add a cookie for the scanned page's host (repeatable)
  --header "NAME: VALUE" send a request header with every request (repeatable), e.g. a staging
                         site's authorisation
  --device NAME          emulate a device of Playwright's list ("iPhone 13", "Pixel 7", ...):
                         viewport, user agent, touch
  --locale TAG           the browser's language (navigator.language, Accept-Language), e.g. de-DE
  --timezone ZONE        the browser's time zone, e.g. Europe/Berlin
  --geolocation LAT,LNG  the position the Geolocation API gives (permission granted)
                         The report's page.visit.setup says which of these were used (names only
                         for cookies and headers)
  --browser-arg ARG      pass ARG to Chromium (repeatable), e.g. to audit a staging copy under its
                         real host names: --browser-arg='--host-resolver-rules=MAP * 127.0.0.1'
                         --browser-arg=--ignore-certificate-errors

how to judge it:
  --policy ID|FILE       the policy whose categories the report uses: a bundled id (default,
                         consent-manager, icc-uk) or a policy file, optionally with a declaration
  --declaration FILE     the site's declaration ({"declaration": {...}} or the declaration
                         itself, optionally with "signals"), checked against what the page does
  --declaration cmp      the declaration the page's consent manager publishes (Cookiebot,
                         OneTrust, Usercentrics, CookieYes), as its banner loads it: undeclared
                         cookies and vendors, cookies in another category, lifetimes longer than
                         declared (the report's policy.declaration says which was read)
  --baseline FILE        a report of the same page (an earlier scan --json), or with --crawl a site
                         report (an earlier crawl's --json): the text report ends with what changed
                         since (trackscope diff), and --fail-on takes the changes
  --fail-on RULE[,RULE]  exit with status 3 when a rule fires (repeatable); rules:
${Object.entries(RULES).map(([id, r]) => `                           ${id.padEnd(25)}${r.short}`).join('\n')}

what to write (one scan):
  --format FMT           text (default, on the terminal), json, csv or html; without --out the
                         output goes to standard output
  --out FILE             write the --format output to FILE (format from the extension if
                         --format is not given)
  --json FILE, --csv FILE, --html FILE
                         write that format to FILE (combinable); the terminal summary still prints
  --save-capture FILE    write the raw capture (input of the core); a comparison writes
                         FILE.off.json and FILE.on.json, consent phases FILE.<phase>.json
  --quiet                no terminal report

batch mode (several URLs, --input, --shard, --concurrency or --resume):
  --out FILE             JSON Lines: one record per site, appended as each finishes
                         ("{shard}" in the name is replaced by the shard index)
  --concurrency N        sites scanned at once, in one Chromium (default 2)
  --resume               skip URLs that already have a record in --out
  --grace MS             on SIGTERM / SIGINT: how long the sites in flight may finish (default
                         10000); none is started, the summary is written, exit 143 / 130
  --retry-errors         with --resume: scan again the URLs recorded as errors
  --report-dir DIR       also write each site's full report there, in --format (default json)
  --json FILE            write the summary of the batch as JSON
  --shard I/N            scan only shard I (0-based) of N: URLs whose SHA-256 modulo N is I;
                         unset, JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) gives I and
                         --shard-count N or TRACKSCOPE_SHARD_COUNT gives N
  progress goes to standard error (a bar on a terminal, a line per site otherwise); the summary
  table (sites, trackers per category, top trackers, DNT/GPC, consent) to standard output

declaration: loads the page once, reads the cookie declaration its consent manager publishes and
writes it as a trackscope declaration in the policy's categories (standard output, or --out FILE):
a file the site owner can edit and pass to --declaration FILE. Exit status 1 when the page loads no
consent manager's declaration.

merge: combines JSON Lines results (the parts of a sharded run) into one summary; --json FILE
writes it as JSON ("-": standard output), --out FILE the records (one per URL, the last wins).

diff: what changed from OLD to NEW — two reports (scan --json, analyze --json; several pages are
compared page by page), two site reports (scan --crawl --json; each change at the first page that
shows it) or two batch results (scan --out): trackers, cookies, beacons and storage items added
or removed, items whose category, purpose, party or lifetime changed, findings added
or removed (batch results: per URL, trackers and finding counts). --fail-on takes the changes:
${CHANGES.join(', ')}.

exit status: 0 done; 1 a scan failed (one URL) or a file cannot be read or written; 2 bad arguments;
3 a --fail-on rule fired (batch: on any site). A batch finishes with 0 even when sites failed:
their error records say why (use --fail-on scan-error to fail).

analyze: reports on recorded page loads: FILE is a HAR (from browser DevTools, Playwright
recordHar, chrome-har / browsertime, WebPageTest, Charles, Fiddler, mitmproxy, ...; .har or
.har.gz, read as a stream) or a capture saved with --save-capture. A HAR with several pages gives
one report per page; --page N|ID|URL picks one (N counts from 1). With --compare OTHER, FILE is
the load without the signal and OTHER the load with it (the signal is the one OTHER sends, or
--signal); prints the DNT/GPC verdict. --json OUT writes the report (several pages: {"pages":
[{id, title, url, report}]}; a comparison: both reports); --csv, --html, --format, --out,
--declaration and --fail-on as for scan (CSV and HTML take one page). Exit status 1 when a file is
malformed: the message names the JSON path; a malformed field is a warning and the rest is read.

eval-cookies: classifies labelled cookies (columns name,domain,category and optionally value,
expiry_s, session, http_only, secure, same_site, host_only, path, first_party_domain) and prints
coverage, accuracy, balanced accuracy, per-class precision/recall/F1 and the confusion matrix.
  --json                 one JSON object: n, accuracy, balanced_accuracy, per_class, ...
  --group-by COLUMN      the same figures per value of COLUMN (e.g. source)
`;

const FORMATS = ['text', 'json', 'csv', 'html'];
const EXTENSIONS = { '.json': 'json', '.csv': 'csv', '.html': 'html', '.htm': 'html', '.txt': 'text' };

function fail(message, code = 2) {
  process.stderr.write(`trackscope: ${message}\n`);
  process.exit(code);
}

// --identity FILE: exits with status 2 naming the file and what is wrong.
function readIdentity(file) {
  try {
    return parseIdentity(readInput(file), file);
  } catch (err) {
    fail(`--identity: ${err.message}`);
  }
}

function warn(message) {
  process.stderr.write(`trackscope: ${message}\n`);
}

// SIGTERM (Kubernetes stopping a pod) and SIGINT (Ctrl-C): `onStop(name)` on the first, exit at
// once on a second. The exit status is then 128 + the signal's number.
const STOP_STATUS = { SIGTERM: 143, SIGINT: 130 };
function onStopSignal(onStop) {
  let stoppedBy = null;
  for (const name of Object.keys(STOP_STATUS)) {
    process.on(name, () => {
      if (stoppedBy) process.exit(STOP_STATUS[name]);
      stoppedBy = name;
      onStop(name);
    });
  }
  return () => stoppedBy;
}

async function main(argv) {
  // A bare --json (last, or before another option) means standard output: `eval-cookies F --json`,
  // `merge F --json`.
  argv = argv.map((a, i) => (a === '--json' && (i + 1 === argv.length || argv[i + 1].startsWith('--')) ? '--json=-' : a));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'string' }, html: { type: 'string' }, csv: { type: 'string' }, format: { type: 'string' },
        out: { type: 'string' }, 'save-capture': { type: 'string' },
        'browser-arg': { type: 'string', multiple: true, default: [] }, timeout: { type: 'string' }, settle: { type: 'string' },
        'user-agent': { type: 'string' }, dwell: { type: 'string' }, 'wait-timers': { type: 'string' }, 'no-visitor': { type: 'boolean' }, observe: { type: 'string' }, identity: { type: 'string' }, 'no-typing': { type: 'boolean' }, quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' }, 'group-by': { type: 'string' },
        dnt: { type: 'boolean' }, gpc: { type: 'boolean' }, 'compare-signals': { type: 'string' }, consent: { type: 'string' },
        policy: { type: 'string' }, declaration: { type: 'string' }, from: { type: 'string' }, compare: { type: 'string' }, signal: { type: 'string' },
        'fail-on': { type: 'string', multiple: true, default: [] }, page: { type: 'string' },
        input: { type: 'string' }, concurrency: { type: 'string' }, resume: { type: 'boolean' }, 'retry-errors': { type: 'boolean' },
        'report-dir': { type: 'string' }, baseline: { type: 'string' }, 'storage-state': { type: 'string' },
        cookie: { type: 'string', multiple: true, default: [] }, header: { type: 'string', multiple: true, default: [] },
        crawl: { type: 'string' }, 'max-pages': { type: 'string' }, depth: { type: 'string' },
        'crawl-host': { type: 'string', multiple: true, default: [] },
        device: { type: 'string' }, locale: { type: 'string' }, timezone: { type: 'string' }, geolocation: { type: 'string' }, shard: { type: 'string' }, 'shard-count': { type: 'string' }, grace: { type: 'string' },
      },
    });
  } catch (err) {
    fail(`${err.message}\n\n${HELP}`);
  }
  const { values: opts, positionals } = parsed;
  if (opts.help) return process.stdout.write(HELP);
  if (opts.version) {
    const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    return process.stdout.write(`${JSON.stringify({ ...(await core()).version(), scanner: pkg.version, autoconsent: AUTOCONSENT_VERSION })}\n`);
  }
  const [command, ...args] = positionals;
  if (command === 'eval-cookies') return evalCookies(args, opts);
  if (command === 'analyze') return analyzeFiles(args, opts);
  if (command === 'merge') return mergeFiles(args, opts);
  if (command === 'diff') return diffFiles(args, opts);
  if (command === 'declaration') return declarationFrom(args, opts);
  if (command !== 'scan') fail(command ? `unknown command "${command}"\n\n${HELP}` : HELP);
  return scan(args, opts);
}

// ---------------------------------------------------------------------------------------------
// scan

function positiveInt(value, flag, { max = Infinity, zero = false } = {}) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !(n > 0 || (zero && n === 0))) fail(`${flag} must be a positive number${flag === '--concurrency' ? '' : ' of milliseconds'}, got "${value}"`);
  if (n > max) fail(`${flag} must be at most ${max}, got ${n}`);
  return n;
}

// --policy and --declaration, loaded once by the core: {policy, declared}; exits on a bad one.
function resolvePolicy(c, opts) {
  const loaded = loadPolicyOption(c, opts);
  if (!loaded.ok) fail(loaded.message);
  return loaded;
}

// Where each format goes (one scan): [{format, file}], file "-" = standard output.
function singleOutputs(opts) {
  const outputs = [];
  for (const format of ['json', 'csv', 'html']) if (opts[format] !== undefined) outputs.push({ format, file: opts[format] });
  let format = opts.format;
  if (format !== undefined && !FORMATS.includes(format)) fail(`--format takes ${FORMATS.join(', ')}, got "${format}"`);
  if (opts.out !== undefined) {
    format ??= EXTENSIONS[path.extname(opts.out).toLowerCase()];
    if (!format) fail(`--out ${opts.out}: say which format with --format (${FORMATS.join(', ')})`);
    outputs.push({ format, file: opts.out });
  } else if (format !== undefined && format !== 'text') {
    outputs.push({ format, file: '-' });
  }
  return outputs;
}

// What changed since --baseline, as the text reports end with it.
function baselineSection(diff) {
  return `\nCHANGES SINCE THE BASELINE\n${renderDiff(diff, { safe: safeText }).replace(/^/gm, '  ').trimEnd()}\n`;
}

function renderResult(result, format, { color = false } = {}) {
  if (format === 'json') return `${JSON.stringify(resultDocument(result), null, 2)}\n`;
  if (format === 'csv') return renderCsv(result);
  if (format === 'html') return renderResultHtml(result);
  const r = result.report;
  let out = renderText(r, { color }) + renderPrivacy(r, { color });
  if (result.comparison) out += renderComparison(result.comparison, { color });
  if (result.consent) out += renderConsentText(result.consent, result.phases ?? [], { color });
  if (result.diff) out += baselineSection(result.diff);
  for (const note of result.notes ?? []) out += `note: ${note}\n`;
  return out;
}

async function scan(args, opts) {
  // Bounded: Node's timers take at most 2^31 - 1 ms, and a visit must end.
  const timeoutMs = positiveInt(opts.timeout, '--timeout', { max: 600_000 });
  const settleMs = positiveInt(opts.settle, '--settle', { max: 60_000 });
  const dwellMs = positiveInt(opts.dwell, '--dwell', { max: 120_000, zero: true });
  if (dwellMs !== undefined && opts['no-visitor']) fail('--dwell and --no-visitor cannot be combined');
  const waitTimersMs = positiveInt(opts['wait-timers'], '--wait-timers', { max: MAX_WAIT_TIMERS_MS, zero: true });
  if (waitTimersMs !== undefined && opts['no-visitor']) fail('--wait-timers and --no-visitor cannot be combined');
  const compare = opts['compare-signals'];
  if (compare !== undefined && !['gpc', 'dnt'].includes(compare)) fail(`--compare-signals takes gpc or dnt, got "${compare}"`);
  const consent = opts.consent ?? 'none';
  if (!['none', 'reject', 'accept', 'all'].includes(consent)) fail(`--consent takes none, reject, accept or all, got "${consent}"`);
  if (compare && consent !== 'none') fail('--compare-signals and --consent cannot be combined: run them as two scans');
  const concurrency = positiveInt(opts.concurrency, '--concurrency', { max: 64 });
  const crawling = opts.crawl !== undefined;
  if (crawling && (args.length || opts.input !== undefined)) fail('--crawl URL takes the start page itself: no other URL or --input');
  if (!crawling && (opts['max-pages'] !== undefined || opts.depth !== undefined || opts['crawl-host'].length)) {
    fail('--max-pages, --depth and --crawl-host go with --crawl URL');
  }
  const batch = crawling || args.length > 1 || opts.input !== undefined || opts.shard !== undefined || opts['shard-count'] !== undefined ||
                concurrency !== undefined || opts.resume || opts['report-dir'] !== undefined;
  if (!args.length && opts.input === undefined && !crawling) fail('scan needs a URL (or --input FILE, or --crawl URL)');

  const url = batch ? null : normaliseUrl(args[0]);
  if (!batch && !url) fail(`"${args[0]}" is not an http(s) URL`);
  const outputs = batch ? [] : singleOutputs(opts);
  checkNotInput([...outputs.map(o => o.file), opts['save-capture'], opts.out, opts.json], [opts.input, opts.policy, opts.declaration]);

  const c = await core();
  const { policy, declared, cmp } = resolvePolicy(c, opts);
  const failOn = parseFailOn(opts['fail-on'], { compare, consent, declaration: declared, baseline: opts.baseline !== undefined });
  if (!failOn.ok) fail(failOn.message);
  if (opts.baseline !== undefined && ((batch && !crawling) || compare || consent !== 'none')) {
    fail('--baseline compares one page\'s scan with a report of it, or a crawl with a site report: for batches, run `trackscope diff` on the results; not with --compare-signals or --consent');
  }
  const baseline = opts.baseline !== undefined ? readDiffDocument(opts.baseline) : null;
  if (baseline && crawling && baseline.kind !== 'site') fail(`--baseline ${opts.baseline}: --crawl compares with a site report (an earlier crawl's --json), not ${baseline.kind === 'reports' ? 'a page\'s report' : 'batch results'}`);
  if (opts['no-visitor'] && (opts.identity !== undefined || opts['no-typing'])) fail('--identity and --no-typing need the visitor (drop --no-visitor)');
  if (opts.identity !== undefined && opts['no-typing']) fail('--identity and --no-typing cannot be combined');
  const identity = opts['no-typing'] ? null : opts.identity !== undefined ? readIdentity(opts.identity) : defaultIdentity();
  const visitor = { input: !opts['no-visitor'], dwellMs: dwellMs ?? DEFAULT_DWELL_MS,
                    waitTimersMs: opts['no-visitor'] ? 0 : waitTimersMs ?? DEFAULT_WAIT_TIMERS_MS, identity };
  const observe = opts.observe ?? 'devtools';
  if (!['script', 'devtools'].includes(observe)) fail(`--observe must be script or devtools, not ${JSON.stringify(observe)}`);
  const profiled = parseProfile(opts, { readFile: readInput });
  if (!profiled.ok) fail(profiled.message);
  const scanOptions = { browserArgs: opts['browser-arg'], timeoutMs, settleMs, userAgent: opts['user-agent'], visitor, policy,
                        signals: { dnt: opts.dnt, gpc: opts.gpc }, compare, consent, profile: profiled.profile, cmp, observe };

  if (crawling) return crawlSite(opts.crawl, opts, { scanOptions, failOn: failOn.rules, concurrency: concurrency ?? 2, baseline });
  // A batch keeps `concurrency` browsers busy; one site alone runs its visits side by side.
  if (batch) return scanBatch(args, opts, { scanOptions, failOn: failOn.rules, concurrency: concurrency ?? 2 });
  // The browser closed (its profile removed) before exiting on a stop signal.
  const browsers = visitBrowser({ args: scanOptions.browserArgs });
  onStopSignal(async name => {
    warn(`${name}: stopping`);
    await browsers.close().catch(() => {});
    process.exit(STOP_STATUS[name]);
  });
  const result = await scanSite(url, { ...scanOptions, parallel: true, browsers });
  await browsers.close();
  if (opts['save-capture']) {
    const names = Object.keys(result.captures);
    for (const name of names) {
      const file = result.mode === 'scan' ? opts['save-capture'] : suffixed(opts['save-capture'], name);
      writeFileAtomic(file, JSON.stringify(result.captures[name], null, 2));
    }
  }
  if (result.error) warn(`${url}: ${result.error}`);
  if (!result.report) process.exit(1);
  if (result.error) {
    // A failed scan keeps the report files of the last good one: the terminal shows what was seen.
    const kept = outputs.filter(o => o.file !== '-');
    if (kept.length) warn(`not written, as the scan failed: ${kept.map(o => o.file).join(', ')} (a file there keeps its content)`);
    writeOutputs(result, outputs.filter(o => o.file === '-'), opts);
    process.exit(1);
  }
  if (baseline) {
    try {
      result.diff = diffDocuments(baseline, { kind: 'reports', pages: new Map([[url, result.report]]) });
    } catch (err) {
      fail(`--baseline ${opts.baseline}: ${err.message}`, 1);
    }
  }
  writeOutputs(result, outputs, opts);
  exitOnFailOn(evaluateFailOn(failOn.rules, result));
}

// Prints the --fail-on rules that fired, with their reasons, and exits with status 3.
function exitOnFailOn(fired) {
  if (!fired.length) return;
  for (const f of fired) {
    warn(`--fail-on ${f.rule}: ${f.reasons.length} ${f.reasons.length === 1 ? 'reason' : 'reasons'}`);
    for (const reason of f.reasons.slice(0, 10)) process.stderr.write(`  ${safeText(reason)}\n`);
    if (f.reasons.length > 10) process.stderr.write(`  … and ${f.reasons.length - 10} more\n`);
  }
  process.exit(3);
}

// Writes a result in every requested format, and the terminal report unless a format goes to
// standard output or --quiet.
function writeOutputs(result, outputs, opts) {
  const toStdout = outputs.some(o => o.file === '-');
  for (const { format, file } of outputs) {
    // result.reportText: the report as the core wrote it (analyze), written as it is — a report of
    // a big recording is too large to build again with JSON.stringify.
    const parts = format === 'json' && result.mode === 'scan' && result.reportText ? [result.reportText, '\n'] : [renderResult(result, format)];
    if (file === '-') {
      for (const part of parts) process.stdout.write(part);
    } else {
      writeFileAtomic(file, ...parts);
    }
  }
  if (!opts.quiet && !toStdout) {
    process.stdout.write(renderResult(result, 'text', { color: process.stdout.isTTY }));
    for (const { format, file } of outputs) {
      process.stdout.write(`${format === 'json' && result.mode === 'compare' ? 'comparison' : `${format.toUpperCase()} report`} written to ${file}\n`);
    }
  }
}

async function scanBatch(args, opts, { scanOptions, failOn, concurrency }) {
  if (opts['save-capture'] !== undefined) fail('--save-capture takes one scan; in batch mode use --report-dir');
  if (opts.html !== undefined || opts.csv !== undefined) fail('in batch mode --out is the JSON Lines file; per-site reports go to --report-dir DIR with --format json|csv|html');
  if (opts.resume && !opts.out) fail('--resume needs --out FILE (the JSON Lines file to resume)');
  if (opts['retry-errors'] && !opts.resume) fail('--retry-errors goes with --resume');
  const format = opts.format ?? 'json';
  if (!FORMATS.includes(format) || format === 'text') fail(`--format in batch mode takes json, csv or html (for --report-dir), got "${format}"`);
  const { shard, fill } = shardOption(opts);
  const graceMs = positiveInt(opts.grace, '--grace', { max: 600_000 }) ?? 10_000;
  const out = fill(opts.out);
  const reportDir = fill(opts['report-dir']);

  const inputs = args.map(text => ({ text, line: null }));
  if (opts.input !== undefined) {
    try {
      inputs.push(...readUrlList(opts.input));
    } catch (err) {
      fail(`--input ${opts.input}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`, 1);
    }
  }
  const urls = [];
  const bad = [];
  const seen = new Set();
  for (const { text, line } of inputs) {
    const url = normaliseUrl(text);
    const key = url ?? text;
    if (seen.has(key)) continue;
    seen.add(key);
    if (shard && shardOf(key, shard.count) !== shard.index) continue;
    if (url) urls.push(url);
    else bad.push(inputErrorRecord(text, `not an http(s) URL${line ? ` (${opts.input} line ${line})` : ''}`));
  }
  const { done, problems } = opts.resume ? finishedUrls(out, { retryErrors: opts['retry-errors'] }) : { done: new Set(), problems: [] };
  for (const p of problems) warn(p);
  const todo = urls.filter(u => !done.has(u));
  const badTodo = bad.filter(r => !done.has(r.url));
  const skipped = urls.length + bad.length - todo.length - badTodo.length;
  const shardText = shard ? `shard ${shard.index}/${shard.count} (${shard.source}): ` : '';
  if (!opts.quiet) {
    warn(`${shardText}${todo.length + badTodo.length} to scan${skipped ? `, ${skipped} already done (--resume)` : ''}, ` +
         `${Math.min(concurrency, Math.max(1, todo.length))} at a time${out ? `; results in ${out}` : ''}`);
  }
  if (reportDir) fs.mkdirSync(reportDir, { recursive: true });
  // A site's report, unless its scan failed: a failed scan keeps the report of the last good one.
  const writeReport = reportDir ? (result, index) => {
    if (!result.report || result.error) return;
    const ext = format === 'html' ? 'html' : format;
    writeFileAtomic(path.join(reportDir, `${reportName(index, result.url)}.${ext}`), renderResult(result, format));
  } : undefined;
  const progress = new Progress({ total: todo.length + badTodo.length, skipped, quiet: opts.quiet });
  // A stop signal: no new site; the sites in flight get --grace ms, then the browser is closed under
  // them; the summary is written, then the exit.
  const stop = new AbortController();
  const stoppedBy = onStopSignal(name => {
    warn(`${name}: stopping — no new site; the sites in flight get ${graceMs} ms; --resume goes on from here`);
    stop.abort();
  });
  const records = await runBatch(todo, { concurrency, out, scan: scanOptions, failOn, shard: shard && { index: shard.index, count: shard.count },
                                         signal: stop.signal, graceMs,
                                         writeReport, progress, records: badTodo });
  // The summary covers the whole input of this shard: with --resume, the earlier records too.
  let all = records;
  if (opts.resume && out && fs.existsSync(out)) {
    const wanted = new Set([...urls, ...bad.map(r => r.url)]);
    all = readRecords([{ name: out, text: fs.readFileSync(out, 'utf8') }]).records.filter(r => wanted.has(r.url));
  }
  const summary = aggregate(all);
  if (opts.json) writeJson(opts.json, summary);
  if (!opts.quiet) process.stdout.write(`\n${renderSummary(summary, { color: process.stdout.isTTY })}`);
  if (stoppedBy()) process.exit(STOP_STATUS[stoppedBy()]);
  exitOnFailOn(firedInRecords(records));
}

// --shard / --shard-count / the environment: {shard: {index, count, source} | null, fill: name ->
// name with "{shard}" replaced by the shard's index}.
function shardOption(opts) {
  const sharding = resolveShard({ shard: opts.shard, shardCount: opts['shard-count'] });
  if (!sharding.ok) fail(sharding.message);
  const shard = sharding.shard;
  return { shard, fill: s => (s === undefined ? s : s.replaceAll('{shard}', String(shard?.index ?? 0))) };
}

// scan --crawl URL: the pages found from the start page (crawl.mjs), scanned with the batch pool,
// gathered in a site report (site-report.mjs): text on stdout, --json FILE, --out FILE the JSON
// Lines records, --report-dir DIR each page's report. With --shard I/N every shard finds the same
// pages and scans its part of them (by the URL's SHA-256, as a batch does); its site report covers
// its pages. The whole site's: merge the parts' records, then --resume with them and the reports.
// `baseline`: a site report to say the changes since (diff.mjs) and to check --fail-on changes with.
async function crawlSite(start, opts, { scanOptions, failOn, concurrency, baseline }) {
  const url = normaliseUrl(start);
  if (!url) fail(`--crawl: "${start}" is not an http(s) URL`);
  const { shard, fill } = shardOption(opts);
  if (shard && baseline) fail('--baseline compares the whole site: not with --shard (merge the shards and --resume, then compare)');
  const out = fill(opts.out);
  const maxPages = positiveInt(opts['max-pages'], '--max-pages', { max: 10_000 }) ?? 20;
  const depth = opts.depth === undefined ? DEFAULT_DEPTH : positiveInt(opts.depth, '--depth', { max: 20, zero: true });
  const format = opts.format ?? 'json';
  if (!['json', 'csv', 'html'].includes(format)) fail(`--format with --crawl takes json, csv or html (for --report-dir), got "${format}"`);
  const reportDir = opts['report-dir'];
  // A killed crawl resumes from its records (--out) and the pages' reports (--report-dir, JSON):
  // the site report needs both.
  if (opts.resume && (!out || !reportDir || format !== 'json')) fail('--crawl --resume needs --out FILE and --report-dir DIR (JSON reports)');
  const browsers = visitBrowser({ args: scanOptions.browserArgs });
  let urls;
  try {
    const c = await core();
    urls = await discoverPages(url, { browsers, maxPages, depth, hosts: opts['crawl-host'], userAgent: scanOptions.userAgent,
                                      siteOf: host => c.siteOf(host) });
  } finally {
    await browsers.close();
  }
  const all = urls;
  if (shard) urls = urls.filter(u => shardOf(u, shard.count) === shard.index);
  // Report names number the pages of the whole crawl, so that the shards' reports sit side by side.
  const reportFile = u => path.join(reportDir, `${reportName(all.indexOf(u), u)}.${format}`);
  const results = new Map();
  const { done, problems } = opts.resume ? finishedUrls(out, { retryErrors: opts['retry-errors'] }) : { done: new Set(), problems: [] };
  for (const p of problems) warn(p);
  for (const u of done) {
    if (!urls.includes(u) || !fs.existsSync(reportFile(u))) continue;
    try {
      results.set(u, { url: u, report: JSON.parse(fs.readFileSync(reportFile(u), 'utf8')) });
    } catch {
      done.delete(u);  // a report cut short: scanned again
    }
  }
  const todo = urls.filter(u => !done.has(u));
  if (!opts.quiet) {
    warn(`crawl: ${all.length} page(s) from ${url} (at most ${maxPages}, depth ${depth})` +
         `${shard ? `; shard ${shard.index}/${shard.count} (${shard.source}) takes ${urls.length}` : ''}` +
         `${done.size ? `, ${urls.length - todo.length} already done (--resume)` : ''}; ${todo.length} to scan, ${concurrency} at a time`);
  }
  if (reportDir) fs.mkdirSync(reportDir, { recursive: true });
  const writeReport = result => {
    results.set(result.url, result);
    if (reportDir && !result.error) writeFileAtomic(reportFile(result.url), renderResult(result, format));
  };
  const progress = new Progress({ total: todo.length, skipped: urls.length - todo.length, quiet: opts.quiet });
  const records = await runBatch(todo, { concurrency, out: out, scan: scanOptions, failOn, writeReport, progress });
  // Errors of this run's records, and (resumed) of the earlier ones.
  const earlier = opts.resume && fs.existsSync(out) ? readRecords([{ name: out, text: fs.readFileSync(out, 'utf8') }]).records : [];
  const errors = new Map([...earlier, ...records].map(r => [r.url, r.error]));
  const site = siteReport(url, urls.map(u => ({ url: u, report: results.get(u)?.report ?? null, error: results.get(u)?.error ?? errors.get(u) })));
  if (opts.json) writeJson(opts.json, site);
  if (opts.html) writeFileAtomic(opts.html, renderSiteHtml(site));
  if (!opts.quiet && opts.json !== '-') process.stdout.write(`\n${renderSiteReport(site, { safe: safeText })}`);
  const diff = baseline ? diffDocuments(baseline, { kind: 'site', site }) : null;
  if (diff && !opts.quiet && opts.json !== '-') process.stdout.write(baselineSection(diff));
  // The rules on a page's report fired on its scan; the rules on changes decide on the whole
  // site's diff (a page's scan has none).
  exitOnFailOn(mergeFired([...firedInRecords(records), ...(diff ? evaluateFailOn(failOn, { diff }) : [])]));
}

function writeJson(file, value) {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (file === '-') process.stdout.write(text);
  else writeFileAtomic(file, text);
}

// ---------------------------------------------------------------------------------------------
// merge

function mergeFiles(files, opts) {
  if (!files.length) fail('merge takes one or more JSON Lines files (results of scan --out)');
  const texts = [];
  checkNotInput([opts.out, opts.json], files);
  for (const file of files) texts.push({ name: file, text: readInput(file) });
  const { records, problems } = readRecords(texts);
  for (const p of problems) warn(p);
  const summary = aggregate(records);
  summary.inputs = files.map(f => path.basename(f));
  if (opts.out) writeFileAtomic(opts.out, records.map(r => `${JSON.stringify(r)}\n`).join(''));
  if (opts.json) writeJson(opts.json, summary);
  if (!opts.quiet && opts.json !== '-') process.stdout.write(renderSummary(summary, { color: process.stdout.isTTY }));
}

// ---------------------------------------------------------------------------------------------
// diff

// The --fail-on values of diff: change names (diff.mjs CHANGES), comma-separated, repeatable.
function diffFailOn(values) {
  const rules = values.flatMap(v => v.split(',')).map(r => r.trim()).filter(Boolean);
  for (const rule of rules) {
    if (!CHANGES.includes(rule)) fail(`--fail-on: unknown change "${rule}"; changes: ${CHANGES.join(', ')}`);
  }
  return rules;
}

// Says which --fail-on changes occurred (stderr) and returns whether any did.
function reportChangeRules(rules, diff) {
  let fired = false;
  for (const rule of rules) {
    const of = diff.changes.filter(c => c.change === rule);
    if (!of.length) continue;
    fired = true;
    warn(`--fail-on ${rule}: ${of.length} ${of.length === 1 ? 'change' : 'changes'}\n` +
         of.slice(0, 20).map(c => `  ${safeText(c.what)} ${safeText(c.name)}${c.site ? ` (${safeText(c.site)})` : ''}${c.url ? ` [${safeText(c.url)}]` : ''}`).join('\n'));
  }
  return fired;
}

function readDiffDocument(file) {
  try {
    return readDiffInput(readInput(file), file);
  } catch (err) {
    if (err instanceof FileError) throw err;
    fail(err.message, 1);
  }
}

function diffFiles(files, opts) {
  if (files.length !== 2) fail('diff takes two files: the older report (or site report, or batch results) and the newer one');
  const rules = diffFailOn(opts['fail-on']);
  const format = opts.format ?? 'text';
  if (!['text', 'json'].includes(format)) fail(`diff --format takes text or json, got "${format}"`);
  checkNotInput([opts.json, opts.out], files);
  let diff;
  try {
    diff = diffDocuments(readDiffDocument(files[0]), readDiffDocument(files[1]));
  } catch (err) {
    if (err instanceof FileError) throw err;
    fail(err.message, 1);
  }
  const doc = { format: 'trackscope-diff', version: 1, old: files[0], new: files[1], ...diff };
  if (opts.json) writeJson(opts.json, doc);
  const text = format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : renderDiff(diff, { safe: safeText });
  if (opts.out) writeFileAtomic(opts.out, text);
  else if (!opts.quiet && opts.json !== '-') process.stdout.write(text);
  if (reportChangeRules(rules, diff)) process.exitCode = 3;
}

// ---------------------------------------------------------------------------------------------
// declaration --from URL

async function declarationFrom(args, opts) {
  if (args.length || opts.from === undefined) fail('declaration takes --from URL: the page whose consent manager publishes the declaration');
  const url = normaliseUrl(opts.from);
  if (!url) fail(`--from "${opts.from}" is not an http(s) URL`);
  if (opts.declaration !== undefined) fail('declaration writes a declaration: --declaration does not apply');
  checkNotInput([opts.out], [opts.policy]);
  const timeoutMs = positiveInt(opts.timeout, '--timeout', { max: 600_000 });
  const settleMs = positiveInt(opts.settle, '--settle', { max: 60_000 });
  const c = await core();
  const { source } = resolvePolicy(c, { policy: opts.policy });
  const browsers = visitBrowser({ args: opts['browser-arg'] });
  let result;
  try {
    result = await scanUrl(url, { browsers, timeoutMs, settleMs, userAgent: opts['user-agent'], visitor: { input: false, dwellMs: 0 }, cmp: true });
  } finally {
    await browsers.close();
  }
  const documents = result.capture?.wellKnown?.cmp ?? [];
  if (!documents.length) {
    fail(`${url}: the page loaded no consent manager's cookie declaration (Cookiebot cc.js, a OneTrust cookie list, ` +
         `Usercentrics settings, the CookieYes store)${result.error ? `; ${result.error}` : ''}`, 1);
  }
  const read = c.cmpDeclaration(documents, result.capture.page.url, source);
  if (!read.ok) fail(`${url}: ${read.error.message}`, 1);
  for (const note of read.notes) warn(`${note.path}: ${note.message}`);
  const text = `${JSON.stringify({ declaration: read.declaration }, null, 2)}\n`;
  if (opts.out === undefined) return process.stdout.write(text);
  writeFileAtomic(opts.out, text);
  const count = (what, n) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const lists = Object.values(read.declaration.categories);
  const total = key => lists.reduce((n, l) => n + (l[key]?.length ?? 0), 0);
  if (!opts.quiet) {
    process.stdout.write(`${read.cmp} declaration of ${url}: ${count('cookie', total('cookies'))}, ${count('vendor', total('vendors'))}, ` +
                         `${count('beacon', total('beacons'))}; written to ${opts.out}\n`);
  }
}

// ---------------------------------------------------------------------------------------------
// analyze (recorded page loads) and eval-cookies

const MAX_WARNINGS_SHOWN = 20;

function showWarnings(file, warnings, opts) {
  if (opts.quiet) return;
  for (const w of warnings.slice(0, MAX_WARNINGS_SHOWN)) warn(`${file}: warning: ${w.path}: ${w.message}`);
  if (warnings.length > MAX_WARNINGS_SHOWN) warn(`${file}: … and ${warnings.length - MAX_WARNINGS_SHOWN} more warnings`);
}

// One recorded page as a capture (for --compare): the page --page picks, else the first.
async function recordedCapture(c, file, opts) {
  const r = await openRecording(c, file);
  if (!r.ok) fail(r.message, 1);
  if (r.kind === 'capture') return r.capture;
  try {
    showWarnings(file, r.info.warnings, opts);
    const picked = selectPages(r.info, opts.page, { file });
    if (!picked.ok) fail(picked.message);
    if (picked.indexes.length > 1 && !opts.quiet) warn(`${file} has ${picked.indexes.length} pages: comparing its first (choose with --page)`);
    const page = r.har.capture(picked.indexes[0]);
    if (!page.ok) fail(`${file}: ${page.error.path}: ${page.error.message}`, 1);
    return page.capture;
  } finally {
    r.har.dispose();
  }
}

async function analyzeFiles(files, opts) {
  if (files.length !== 1) fail('analyze takes exactly one file (and --compare OTHER)');
  if (opts.signal !== undefined && !['gpc', 'dnt'].includes(opts.signal)) fail(`--signal takes gpc or dnt, got "${opts.signal}"`);
  const outputs = singleOutputs(opts);
  checkNotInput(outputs.map(o => o.file), [files[0], opts.compare, opts.policy, opts.declaration]);
  const c = await core();
  const { policy, declared } = resolvePolicy(c, opts);
  const options = policy === undefined ? {} : { policy };
  const failOn = compare => {
    const parsed = parseFailOn(opts['fail-on'], { compare, consent: 'none', declaration: declared });
    if (!parsed.ok) fail(parsed.message);
    return parsed.rules;
  };
  if (opts.compare !== undefined) return compareFiles(c, files[0], opts, { outputs, options, failOn });

  const rules = failOn(undefined);
  const recording = await openRecording(c, files[0]);
  if (!recording.ok) fail(recording.message, 1);
  if (recording.kind === 'capture') {
    const result = c.analyze(recording.capture, options);
    if (!result.ok) fail(`${files[0]}: ${result.error.path}: ${result.error.message}`, 1);
    const scanned = { mode: 'scan', url: result.report.page.url, report: result.report, notes: [] };
    writeOutputs(scanned, outputs, opts);
    return exitOnFailOn(evaluateFailOn(rules, scanned));
  }
  const { har, info } = recording;
  showWarnings(files[0], info.warnings, opts);
  const picked = selectPages(info, opts.page, { file: files[0] });
  if (!picked.ok) fail(picked.message);
  const pages = picked.indexes;
  if (pages.length === 1) {
    const result = har.analyze(pages[0], { ...options, text: true });
    har.dispose();
    if (!result.ok) fail(`${files[0]}: ${result.error.path}: ${result.error.message}`, 1);
    showWarnings(files[0], result.report.diagnostics, opts);
    const scanned = { mode: 'scan', url: result.report.page.url, report: result.report, reportText: result.text, notes: [] };
    writeOutputs(scanned, outputs, opts);
    return exitOnFailOn(evaluateFailOn(rules, scanned));
  }
  // Several pages: one report each, analysed, written and dropped one at a time.
  const single = outputs.filter(o => o.format === 'csv' || o.format === 'html');
  if (single.length) {
    har.dispose();
    fail(`${files[0]} has ${pages.length} pages: ${single.map(o => o.format.toUpperCase()).join(' and ')} take one; choose it with --page N|ID (the terminal report and --json take all)`);
  }
  const jsonOut = outputs.find(o => o.format === 'json');
  const writer = jsonOut ? pagesJsonWriter(jsonOut.file) : null;
  const fired = [];
  const toStdout = outputs.some(o => o.file === '-');
  for (const [n, index] of pages.entries()) {
    const page = info.pages[index];
    const result = har.analyze(index, options);
    har.release(index);
    if (!result.ok) {
      warn(`${files[0]}: page ${index + 1} (${page.id || page.url}): ${result.error.path}: ${result.error.message}`);
      continue;
    }
    showWarnings(`${files[0]} page ${index + 1}`, result.report.diagnostics, opts);
    const scanned = { mode: 'scan', url: result.report.page.url, report: result.report, notes: [] };
    writer?.page({ id: page.id, title: page.title, url: page.url, report: result.report });
    if (!opts.quiet && !toStdout) {
      process.stdout.write(`\n── page ${n + 1} of ${pages.length}: ${safeText(page.id || '(no id)')}  ${safeText(page.url)}\n`);
      process.stdout.write(renderResult(scanned, 'text', { color: process.stdout.isTTY }));
    }
    for (const f of evaluateFailOn(rules, scanned)) fired.push({ ...f, reasons: f.reasons.map(r => `page ${index + 1}: ${r}`) });
  }
  har.dispose();
  writer?.end();
  if (jsonOut && !opts.quiet && !toStdout) process.stdout.write(`JSON report (${pages.length} pages) written to ${jsonOut.file}\n`);
  exitOnFailOn(mergeFired(fired));
}

// {"pages": [...]} written page by page, so that no more than one report is held at a time.
function pagesJsonWriter(file) {
  const out = file === '-' ? { write: text => process.stdout.write(text), commit() {} } : openAtomic(file);
  let first = true;
  out.write('{"format": "trackscope-pages", "version": 1, "pages": [\n');
  return {
    page(entry) {
      out.write(`${first ? '' : ',\n'}${JSON.stringify(entry, null, 2)}`);
      first = false;
    },
    end() {
      out.write('\n]}\n');
      out.commit();
    },
  };
}

// The same rule fired on several pages: one entry with all the reasons.
// The --fail-on rules that fired in a batch's or a crawl's records, each reason followed by its
// site or page (a record without reasons, written by an older version: the address alone).
function firedInRecords(records) {
  return mergeFired(records.flatMap(r => (r.failed ?? []).map(rule => {
    const reasons = r.failedReasons?.[rule] ?? [];
    return { rule, reasons: reasons.length ? reasons.map(reason => `${reason} [${r.url}]`) : [r.url] };
  })));
}

function mergeFired(fired) {
  const byRule = new Map();
  for (const f of fired) {
    if (!byRule.has(f.rule)) byRule.set(f.rule, { rule: f.rule, reasons: [] });
    byRule.get(f.rule).reasons.push(...f.reasons);
  }
  return [...byRule.values()];
}

async function compareFiles(c, file, opts, { outputs, options, failOn }) {
  let first = await recordedCapture(c, file, opts);
  let second = await recordedCapture(c, opts.compare, opts);
  const between = signalBetween(first, second);
  const signal = opts.signal ?? between.signal;
  let names = [file, opts.compare];
  if (!opts.signal && between.swap) {
    [first, second, names] = [second, first, [names[1], names[0]]];
    if (!opts.quiet) warn(`${names[1]} sends ${signal.toUpperCase()}, ${names[0]} does not: comparing ${names[0]} (off) with ${names[1]} (on)`);
  }
  const rules = failOn(signal);
  const result = c.compareSignals(first, second, signal, options);
  if (!result.ok) {
    const [which, ...rest] = result.error.path.split(': ');
    const named = which === 'off' ? names[0] : which === 'on' ? names[1] : null;
    fail(named ? `${named}: ${rest.join(': ')}: ${result.error.message}` : `${result.error.path}: ${result.error.message}`, 1);
  }
  const compared = { mode: 'compare', url: result.on.page.url, comparison: result.comparison, reports: { off: result.off, on: result.on },
                     report: result.on, notes: [] };
  writeOutputs(compared, outputs, opts);
  exitOnFailOn(evaluateFailOn(rules, compared));
}

async function evalCookies(files, opts) {
  if (files.length !== 1) fail('eval-cookies takes exactly one CSV file');
  let rows;
  try {
    rows = readLabelled(files[0]);
  } catch (err) {
    fail(err.message, 1);  // an input that cannot be read or is not such a CSV: as analyze
  }
  const { predictions, errors } = classifyRows(await core(), rows);
  for (const e of errors) warn(e);
  const group = opts['group-by'];
  if (group && !(group in rows[0])) fail(`--group-by: no column "${group}" in ${files[0]}`);
  const groups = group ? [...new Set(rows.map(r => r[group]))].sort() : [];
  const measure = idx => metrics(idx.map(i => rows[i].category), idx.map(i => predictions[i]?.purpose ?? 'unclassified'));
  const all = rows.map((_, i) => i);
  const overall = measure(all);
  const byGroup = Object.fromEntries(groups.map(g => [g, measure(all.filter(i => rows[i][group] === g))]));
  if (opts.json !== undefined) {
    const out = { ...overall };
    if (group) out.groups = byGroup;
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } else {
    process.stdout.write(`${renderMetrics(overall, files[0])}\n`);
    for (const g of groups) process.stdout.write(`\n${renderMetrics(byGroup[g], `${group} = ${g}`)}\n`);
  }
}

// A file problem is the user's to fix: one sentence. Anything else is a bug of ours: its stack with
// TRACKSCOPE_DEBUG=1.
main(process.argv.slice(2)).catch(err => {
  if (err instanceof FileError) fail(err.message, err.exitCode);
  fail(`internal error: ${err?.message ?? err}${process.env.TRACKSCOPE_DEBUG ? `\n${err?.stack}` : ' (TRACKSCOPE_DEBUG=1 shows where)'}`, 1);
});
