// Batch results: one JSON Lines record per site (summarize), and the summary of many records —
// one batch, or the parts of a sharded run (`trackscope merge`).
import { safeText } from '@trackscope/presentation/text.mjs';

export const RECORD_FORMAT = 'trackscope-result';

// The JSON Lines record of one site (scanner/README.md "Batch results"):
//   {format, version, url, ok, error?, mode, page, policy, counts, categories, trackers, signals,
//    consent?, comparison?, findings, failed, notes, timings}
// `failed`: the --fail-on rules that fired ([{rule, reasons}]); the record keeps their names
// (`failed`) and the first MAX_REASONS reasons of each (`failedReasons`: {rule: [reason]}).
const MAX_REASONS = 10;
export function summarize(result, { failed = [], shard = null } = {}) {
  const r = result.report;
  const record = { format: RECORD_FORMAT, version: 1, url: result.url, ok: Boolean(r) && !result.error };
  if (result.error) record.error = result.error;
  record.mode = result.mode;
  if (shard) record.shard = shard;
  if (r) {
    const s = r.summary;
    record.page = { url: r.page.url, site: r.page.site, title: r.page.title };
    record.policy = r.policy?.id ?? null;
    record.counts = { requests: s.requests, sites: s.sites, thirdPartySites: s.thirdPartySites, cookies: s.cookies,
                      thirdPartyCookies: s.thirdPartyCookies, beacons: s.beacons ?? 0, storage: s.storageItems ?? 0,
                      trackingItems: r.items.filter(i => i.tracking).length, blockedRequests: s.blockedRequests ?? 0,
                      fingerprintingScripts: s.fingerprintingScripts ?? 0 };
    record.categories = (r.policy?.categories ?? []).map(c => ({ id: c.id, label: c.label, cookies: c.cookies,
      thirdPartyCookies: c.thirdPartyCookies, beacons: c.beacons ?? 0, storage: c.storage ?? 0 }));
    // The third parties that track (REPORT.md trackers[]).
    record.trackers = r.trackers.filter(t => t.party === 'third' && t.tracking).map(t => ({ site: t.site, vendor: t.vendor, purposes: t.purposes }));
    const p = r.privacy;
    record.signals = p ? {
      gpc: { sent: p.gpc.sent, declared: p.gpc.declared, gpcJson: p.gpcJson.status },
      dnt: { sent: p.dnt.sent, declared: p.dnt.declared, dntPolicy: p.dntPolicy.status },
    } : null;
    const findings = {};
    for (const f of r.findings ?? []) findings[f.kind] = (findings[f.kind] ?? 0) + 1;
    record.findings = findings;
  }
  if (result.comparison) {
    const c = result.comparison;
    record.comparison = { signal: c.signal, verdict: c.verdict, reason: c.reason, counts: c.counts, contradiction: c.declared.contradiction };
  }
  if (result.consent) {
    const s = result.consent;
    record.consent = { cmp: s.cmp, phases: Object.fromEntries((result.phases ?? []).map(p => [p.phase, p.status])),
                       beforeConsent: s.beforeConsent.length, afterReject: s.afterReject?.length ?? null,
                       afterAccept: s.afterAccept?.length ?? null, message: s.message };
  }
  record.failed = failed.map(f => f.rule);
  if (failed.length) record.failedReasons = Object.fromEntries(failed.map(f => [f.rule, f.reasons.slice(0, MAX_REASONS)]));
  record.notes = result.notes ?? [];
  record.timings = result.timings;
  return record;
}

// An error record for a line of the input that is not a URL.
export function inputErrorRecord(line, message) {
  return { format: RECORD_FORMAT, version: 1, url: line, ok: false, error: message, mode: 'scan', failed: [], notes: [],
           timings: { startedAt: new Date().toISOString(), ms: 0, visits: 0 } };
}

// Reads JSON Lines files of records. The last record of a URL counts (a resumed run may rescan
// an error). Returns {records, problems: [message]}: lines that are not records are reported, not
// fatal (a run killed mid-write leaves half a line).
// What is wrong with a record's fields that summaries and --resume read ("$.categories[2].cookies:
// expected a number"), or null. Every record is checked once, here, before any use: a record of
// the right format with fields of the wrong type (an edited file, another tool's) is skipped.
const isNum = v => typeof v === 'number' && Number.isFinite(v);
const isStr = v => typeof v === 'string';
const optional = test => v => v === undefined || v === null || test(v);
const RECORD_FIELDS = [
  ['ok', v => typeof v === 'boolean', 'true or false'],
  ['error', optional(isStr), 'a string'],
  ['failed', optional(v => Array.isArray(v) && v.every(isStr)), 'an array of rule names'],
  ['failedReasons', optional(v => typeof v === 'object' && !Array.isArray(v) && Object.values(v).every(r => Array.isArray(r) && r.every(isStr))),
   'an object of rule name -> array of reasons'],
  ['categories', optional(v => Array.isArray(v) && v.every(c => isStr(c?.id) && isStr(c.label) && isNum(c.cookies) && isNum(c.beacons) && isNum(c.storage))),
   'an array of {id, label, cookies, beacons, storage}'],
  ['trackers', optional(v => Array.isArray(v) && v.every(t => isStr(t?.site) && optional(isStr)(t.vendor))), 'an array of {site, vendor}'],
  ['counts', optional(v => typeof v === 'object' && Object.values(v).every(isNum)), 'an object of numbers'],
  ['signals', optional(v => ['gpc', 'dnt'].every(k => isStr(v?.[k]?.declared)) && isStr(v.gpc.gpcJson) && isStr(v.dnt.dntPolicy)),
   '{gpc: {declared, gpcJson}, dnt: {declared, dntPolicy}}'],
  ['comparison', optional(v => ['gpc', 'dnt'].includes(v?.signal) && isStr(v.verdict)), '{signal: "gpc" | "dnt", verdict}'],
  ['consent', optional(v => isNum(v?.beforeConsent) && optional(isNum)(v.afterReject) && optional(isStr)(v.cmp)),
   '{cmp, beforeConsent, afterReject}'],
  ['timings', optional(v => typeof v === 'object' && optional(isNum)(v.ms)), '{ms}'],
];
export function recordProblem(record) {
  for (const [field, test, expected] of RECORD_FIELDS) {
    if (!test(record[field])) return `$.${field}: expected ${expected}`;
  }
  return null;
}

export function readRecords(texts) {
  const byUrl = new Map();
  const problems = [];
  for (const { name, text } of texts) {
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      let record;
      try {
        record = JSON.parse(line);
      } catch {
        problems.push(`${name}:${i + 1}: not JSON (an interrupted write?), skipped`);
        return;
      }
      if (record?.format !== RECORD_FORMAT || typeof record.url !== 'string') {
        problems.push(`${name}:${i + 1}: not a trackscope result record, skipped`);
        return;
      }
      const wrong = recordProblem(record);
      if (wrong) {
        problems.push(`${name}:${i + 1}: ${wrong}, skipped`);
        return;
      }
      byUrl.delete(record.url);
      byUrl.set(record.url, record);
    });
  }
  return { records: [...byUrl.values()], problems };
}

const inc = (obj, k, n = 1) => { obj[k] = (obj[k] ?? 0) + n; };

// The summary of many records:
//   {format: "trackscope-summary", version, sites: {total, ok, errors}, errors: [{url, error}],
//    categories: [{id, label, sites, cookies, beacons, storage}], vendors: [{name, sites}],
//    signals: {gpc: {verdicts, declared, gpcJson}, dnt: {verdicts, declared, dntPolicy}},
//    consent: {sites, withBanner, trackingBeforeConsent, trackingAfterReject},
//    fingerprinting, thirdPartyCookies, failed: {rule: sites}, timings: {totalMs, medianMs}}
export function aggregate(records) {
  const ok = records.filter(r => r.ok);
  const s = {
    format: 'trackscope-summary', version: 1,
    sites: { total: records.length, ok: ok.length, errors: records.length - ok.length },
    errors: records.filter(r => !r.ok).map(r => ({ url: r.url, error: r.error ?? 'unknown error' })),
    categories: [], vendors: [],
    signals: { gpc: { verdicts: {}, declared: {}, gpcJson: {} }, dnt: { verdicts: {}, declared: {}, dntPolicy: {} } },
    consent: { sites: 0, withBanner: 0, trackingBeforeConsent: 0, trackingAfterReject: 0 },
    fingerprinting: 0, thirdPartyCookies: 0, trackingSites: 0, failed: {},
    timings: { totalMs: 0, medianMs: null },
  };
  const categories = new Map();
  const vendors = Object.create(null);  // names come from pages: no prototype
  for (const r of ok) {
    for (const c of r.categories ?? []) {
      if (!categories.has(c.id)) categories.set(c.id, { id: c.id, label: c.label, sites: 0, cookies: 0, beacons: 0, storage: 0 });
      const agg = categories.get(c.id);
      if (c.cookies + c.beacons + c.storage > 0) agg.sites += 1;
      agg.cookies += c.cookies;
      agg.beacons += c.beacons;
      agg.storage += c.storage;
    }
    for (const name of new Set((r.trackers ?? []).map(t => t.vendor ?? t.site))) inc(vendors, name);
    if (r.signals) {
      inc(s.signals.gpc.declared, r.signals.gpc.declared);
      inc(s.signals.gpc.gpcJson, r.signals.gpc.gpcJson);
      inc(s.signals.dnt.declared, r.signals.dnt.declared);
      inc(s.signals.dnt.dntPolicy, r.signals.dnt.dntPolicy);
    }
    if (r.comparison) inc(s.signals[r.comparison.signal].verdicts, r.comparison.verdict);
    if (r.consent) {
      s.consent.sites += 1;
      if (r.consent.cmp) s.consent.withBanner += 1;
      if (r.consent.beforeConsent > 0) s.consent.trackingBeforeConsent += 1;
      if (r.consent.afterReject > 0) s.consent.trackingAfterReject += 1;
    }
    if (r.counts?.fingerprintingScripts > 0) s.fingerprinting += 1;
    if (r.counts?.thirdPartyCookies > 0) s.thirdPartyCookies += 1;
    if (r.counts?.trackingItems > 0 || (r.trackers ?? []).length > 0) s.trackingSites += 1;
  }
  for (const r of records) for (const rule of r.failed ?? []) inc(s.failed, rule);
  s.categories = [...categories.values()];
  s.vendors = Object.entries(vendors).map(([name, sites]) => ({ name, sites })).sort((a, b) => b.sites - a.sites || a.name.localeCompare(b.name));
  const ms = records.map(r => r.timings?.ms).filter(x => typeof x === 'number' && x > 0).sort((a, b) => a - b);
  s.timings.totalMs = ms.reduce((a, b) => a + b, 0);
  s.timings.medianMs = ms.length ? ms[Math.floor(ms.length / 2)] : null;
  return s;
}

function table(rows, align = []) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => String(r[i]).length)));
  return rows.map(r => r.map((cell, i) => (align[i] === 'r' ? String(cell).padStart(widths[i]) : String(cell).padEnd(widths[i])))
    .join('  ').trimEnd()).join('\n');
}

const pct = (n, total) => (total ? `${Math.round((100 * n) / total)} %` : '–');
const counts = obj => Object.entries(obj).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ') || '–';

// The summary as terminal tables.
export function renderSummary(s, { topVendors = 10, color = false } = {}) {
  const bold = x => (color ? `\x1b[1m${x}\x1b[0m` : x);
  const lines = [bold(`SUMMARY — ${s.sites.total} site${s.sites.total === 1 ? '' : 's'}: ${s.sites.ok} scanned, ${s.sites.errors} error${s.sites.errors === 1 ? '' : 's'}`)];
  const n = s.sites.ok;
  if (n) {
    lines.push(`  tracking on ${s.trackingSites} (${pct(s.trackingSites, n)}) · third-party cookies on ${s.thirdPartyCookies} (${pct(s.thirdPartyCookies, n)}) · ` +
               `fingerprinting on ${s.fingerprinting} (${pct(s.fingerprinting, n)})`);
  }
  if (s.categories.length) {
    lines.push('', bold('  by policy category'));
    lines.push(table([['  category', 'sites', 'share', 'cookies', 'beacons', 'storage'],
      ...s.categories.map(c => [`  ${safeText(c.label)}`, c.sites, pct(c.sites, n), c.cookies, c.beacons, c.storage])], ['', 'r', 'r', 'r', 'r', 'r']));
  }
  if (s.vendors.length) {
    lines.push('', bold(`  top trackers (of ${s.vendors.length})`));
    lines.push(table([['  vendor or site', 'sites', 'share'],
      ...s.vendors.slice(0, topVendors).map(v => [`  ${safeText(v.name)}`, v.sites, pct(v.sites, n)])], ['', 'r', 'r']));
  }
  lines.push('', bold('  privacy signals'));
  for (const sig of ['gpc', 'dnt']) {
    const g = s.signals[sig];
    const verdicts = Object.keys(g.verdicts).length ? `  behaviour: ${counts(g.verdicts)}` : '';
    lines.push(`  ${sig.toUpperCase()}  declared: ${counts(g.declared)}  ${sig === 'gpc' ? 'gpc.json' : 'dnt-policy.txt'}: ` +
               `${counts(sig === 'gpc' ? g.gpcJson : g.dntPolicy)}${verdicts}`);
  }
  if (s.consent.sites) {
    lines.push('', bold('  consent'), `  banner recognised on ${s.consent.withBanner} of ${s.consent.sites}; tracking before consent on ` +
               `${s.consent.trackingBeforeConsent}; tracking after "reject all" on ${s.consent.trackingAfterReject}`);
  }
  if (Object.keys(s.failed).length) lines.push('', bold('  --fail-on'), `  ${counts(s.failed)}`);
  if (s.errors.length) {
    lines.push('', bold('  errors'));
    for (const e of s.errors.slice(0, 20)) lines.push(`  ${safeText(e.url)}: ${safeText(e.error)}`);
    if (s.errors.length > 20) lines.push(`  … and ${s.errors.length - 20} more`);
  }
  return `${lines.join('\n')}\n`;
}
