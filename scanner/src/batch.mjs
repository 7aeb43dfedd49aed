// Batch scans: a pool of `concurrency` workers scanning one site at a time each, in one Chromium,
// every visit in a fresh context (browser.mjs visitBrowser: third-party cookies behave as in a
// default desktop browser; see scanner/README.md "Concurrency"). A record is appended to the JSON
// Lines file as each site finishes; a site that fails or hangs becomes an error record and the
// batch goes on (a browser that has to be killed is started again for the next visit).
import fs from 'node:fs';
import path from 'node:path';
import { evaluateFailOn } from './fail-on.mjs';
import { Progress } from './progress.mjs';
import { readRecords, summarize } from './summary.mjs';
import { scanSite } from './scan.mjs';
import { visitBrowser } from './browser.mjs';

// URLs of `file` (JSON Lines) that need no new scan: every recorded URL, or with retryErrors
// only those recorded as ok. Returns {done: Set, problems}.
export function finishedUrls(file, { retryErrors = false } = {}) {
  if (!file || !fs.existsSync(file)) return { done: new Set(), problems: [] };
  const { records, problems } = readRecords([{ name: file, text: fs.readFileSync(file, 'utf8') }]);
  return { done: new Set(records.filter(r => r.ok || !retryErrors).map(r => r.url)), problems };
}

// Appends one line; a file left without a final newline by an interrupted run gets one first.
function appendLine(file, object) {
  let prefix = '';
  try {
    const { size } = fs.statSync(file);
    if (size > 0) {
      const fd = fs.openSync(file, 'r');
      const last = Buffer.alloc(1);
      fs.readSync(fd, last, 0, 1, size - 1);
      fs.closeSync(fd);
      if (last[0] !== 0x0a) prefix = '\n';
    }
  } catch { /* a new file */ }
  fs.appendFileSync(file, `${prefix}${JSON.stringify(object)}\n`);
}

// "https://www.example.org/a?b" -> "0007-www.example.org" (file names of --report-dir).
export function reportName(index, url) {
  let host = 'page';
  try { host = new URL(url).host.replace(/[^a-z0-9.-]/gi, '_'); } catch { /* keep */ }
  return `${String(index).padStart(4, '0')}-${host}`;
}

// Scans `urls` ([string]); `records` ([record]) are error records for input lines that were not
// URLs, written first.
//   options.concurrency, options.out (JSON Lines file or null), options.scan (scanSite options),
//   options.failOn (rules), options.shard, options.writeReport(result, index) (per-site reports),
//   options.progress (a Progress or null), options.scanSite(url, scanOptions) (for tests; the
//   batch's browser comes as scanOptions.browsers)
//   options.signal: an AbortSignal that stops the batch: no new site is started; the sites in
//   flight may finish within options.graceMs, after which the browser is closed under them and
//   their results dropped (no record: --resume scans them again)
// Returns the records of this run, in order of completion.
export async function runBatch(urls, { concurrency = 1, out = null, scan = {}, failOn = [], shard = null, writeReport,
                                       progress = null, scanSite: scanOne = scanSite, records: initial = [],
                                       signal = null, graceMs = 10_000 } = {}) {
  if (out) fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const records = [];
  const emit = record => {
    records.push(record);
    if (out) appendLine(out, record);
    progress?.finish(record);
  };
  for (const record of initial) emit(record);
  let next = 0;
  const shared = visitBrowser({ args: scan.browserArgs });
  let abandoned = false;
  // What the visits get: after the grace period, no new context — a visit whose browser was
  // closed under it must not start another one to visit again.
  const browsers = {
    newContext: options => (abandoned ? Promise.reject(new Error('the batch stopped')) : shared.newContext(options)),
    close: () => shared.close(),
  };
  let graceTimer = null;
  const onAbort = () => {
    graceTimer = setTimeout(() => {
      abandoned = true;
      browsers.close().catch(() => {});
    }, graceMs);
  };
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const worker = async () => {
    while (next < urls.length && !signal?.aborted) {
      const index = next++;
      const url = urls[index];
      progress?.start(url);
      let record;
      try {
        const result = await scanOne(url, { ...scan, browsers });
        const failed = failOn.length ? evaluateFailOn(failOn, result) : [];
        record = summarize(result, { failed, shard });
        if (writeReport && result.report) {
          try {
            await writeReport(result, index);
          } catch (err) {
            record.notes = [...(record.notes ?? []), `report not written: ${err.message}`];
          }
        }
      } catch (err) {
        // A bug, not a site problem: still one record, and the batch goes on.
        record = summarize({ url, mode: scan.compare ? 'compare' : 'scan', report: null, error: `internal error: ${err.message}`,
                             notes: [], timings: { startedAt: new Date().toISOString(), ms: 0, visits: 0 } }, { shard });
      }
      if (abandoned) return;  // closed under it after the grace period: not a result of the site
      emit(record);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, urls.length)) }, worker));
  } finally {
    clearTimeout(graceTimer);
    signal?.removeEventListener('abort', onAbort);
    await browsers.close();
  }
  progress?.end();
  return records;
}

export { Progress };
