// `trackscope diff OLD NEW`: what changed between two reports of a page, or two batch results.
// It compares what the core decided, by the stable ids it gives (REPORT.md: items[].id,
// trackers[].id, findings' kind and item): nothing is classified here.
//
//   reports (REPORT.md)        trackers, cookies, beacons, storage items and findings: added,
//                              removed, and for items the same id with another category, purpose,
//                              party or lifetime
//   batch results (JSON Lines) per URL: URLs added and removed; third parties that track (site,
//                              vendor), added and removed; finding counts by kind
//   site reports (a crawl's    the whole site as one report: its trackers, items and findings as
//     --json, site-report.mjs) above, each change at the first page where the new (or, removed,
//                              the old) site report saw it; pages added and removed
//
// diffDocuments(old, new) -> {kind: 'reports' | 'batches' | 'site', changes: [{change, what, id,
//   name, site, from?, to?, url?}], counts: {<change>: n}}. `change` is one of CHANGES.
import { SITE_REPORT_FORMAT } from './site-report.mjs';

export const CHANGES = ['new-tracker', 'removed-tracker', 'new-cookie', 'removed-cookie', 'new-beacon', 'removed-beacon',
  'new-storage', 'removed-storage', 'category-changed', 'purpose-changed', 'party-changed', 'lifetime-changed',
  'new-finding', 'removed-finding', 'new-page', 'removed-page'];

const ITEM_CHANGES = { cookie: ['new-cookie', 'removed-cookie'], beacon: ['new-beacon', 'removed-beacon'],
                       storage: ['new-storage', 'removed-storage'] };
// Item fields whose change is reported, and the change it is.
const ITEM_FIELDS = [['category', 'category-changed'], ['purpose', 'purpose-changed'], ['party', 'party-changed'],
                     ['lifetime', 'lifetime-changed']];

// What a document is: a report, a multi-page document of `analyze` (its pages' reports), a site
// report, or batch results (JSON Lines of records). Throws an Error saying what `name` is not.
export function readDocument(text, name) {
  const trimmed = text.trim();
  if (!trimmed) throw new Error(`${name}: empty`);
  let doc = null;
  try {
    doc = JSON.parse(trimmed);
  } catch { /* JSON Lines, below */ }
  if (doc?.format === 'trackscope-report') return { kind: 'reports', pages: new Map([[doc.page?.url ?? '', doc]]) };
  if (doc?.format === 'trackscope-pages' && Array.isArray(doc.pages)) {
    return { kind: 'reports', pages: new Map(doc.pages.filter(p => p?.report?.format === 'trackscope-report').map(p => [p.url, p.report])) };
  }
  if (doc?.format === SITE_REPORT_FORMAT && Array.isArray(doc.pages)) return { kind: 'site', site: doc };
  if (doc && !Array.isArray(doc) && typeof doc === 'object' && doc.format !== 'trackscope-result') {
    throw new Error(`${name}: not a trackscope report, pages document, site report or batch results (format ${JSON.stringify(doc.format ?? null)})`);
  }
  const records = new Map();
  trimmed.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let record;
    try {
      record = JSON.parse(line);
    } catch {
      throw new Error(`${name}:${i + 1}: not JSON`);
    }
    if (record?.format !== 'trackscope-result' || typeof record.url !== 'string') {
      throw new Error(`${name}:${i + 1}: not a trackscope result record`);
    }
    records.set(record.url, record);  // the last record of a URL counts, as in merge
  });
  return { kind: 'batches', records };
}

const list = value => (Array.isArray(value) ? value : []);
const byId = (values, key) => new Map(list(values).filter(v => v && typeof v[key] === 'string').map(v => [v[key], v]));
const findingKey = f => `${f.kind}|${f.itemId ?? ''}|${f.item ?? ''}|${f.site ?? ''}`;

// The changes from report `a` to report `b` (of one page; `url` said in each change when given).
export function diffReports(a, b, url) {
  const out = [];
  const at = url === undefined ? {} : { url };
  const ta = byId(a.trackers, 'id'), tb = byId(b.trackers, 'id');
  const tracks = t => t.tracking && t.party === 'third';
  for (const [id, t] of tb) if (tracks(t) && !(ta.has(id) && tracks(ta.get(id)))) out.push({ change: 'new-tracker', what: 'tracker', id, name: t.name, site: t.site, ...at });
  for (const [id, t] of ta) if (tracks(t) && !(tb.has(id) && tracks(tb.get(id)))) out.push({ change: 'removed-tracker', what: 'tracker', id, name: t.name, site: t.site, ...at });
  const ia = byId(a.items, 'id'), ib = byId(b.items, 'id');
  for (const [id, item] of ib) {
    const before = ia.get(id);
    const [added] = ITEM_CHANGES[item.kind] ?? [];
    if (!before) {
      if (added) out.push({ change: added, what: item.kind, id, name: item.name, site: item.site, to: item.category, ...at });
      continue;
    }
    for (const [field, change] of ITEM_FIELDS) {
      if ((before[field] ?? null) !== (item[field] ?? null)) {
        out.push({ change, what: item.kind, id, name: item.name, site: item.site, from: before[field] ?? null, to: item[field] ?? null, ...at });
      }
    }
  }
  for (const [id, item] of ia) {
    const [, removed] = ITEM_CHANGES[item.kind] ?? [];
    if (!ib.has(id) && removed) out.push({ change: removed, what: item.kind, id, name: item.name, site: item.site, from: item.category, ...at });
  }
  const fa = new Map(list(a.findings).map(f => [findingKey(f), f])), fb = new Map(list(b.findings).map(f => [findingKey(f), f]));
  for (const [key, f] of fb) if (!fa.has(key)) out.push({ change: 'new-finding', what: f.kind, id: f.itemId ?? null, name: f.message, site: f.site ?? null, ...at });
  for (const [key, f] of fa) if (!fb.has(key)) out.push({ change: 'removed-finding', what: f.kind, id: f.itemId ?? null, name: f.message, site: f.site ?? null, ...at });
  return out;
}

// The changes from batch record `a` to `b` of one URL: trackers by site, finding counts by kind.
function diffRecords(a, b, url) {
  const out = [];
  const sa = new Map(list(a.trackers).map(t => [t.site, t])), sb = new Map(list(b.trackers).map(t => [t.site, t]));
  for (const [site, t] of sb) if (!sa.has(site)) out.push({ change: 'new-tracker', what: 'tracker', id: `tracker:site:${site}`, name: t.vendor ?? site, site, url });
  for (const [site, t] of sa) if (!sb.has(site)) out.push({ change: 'removed-tracker', what: 'tracker', id: `tracker:site:${site}`, name: t.vendor ?? site, site, url });
  const kinds = new Set([...Object.keys(a.findings ?? {}), ...Object.keys(b.findings ?? {})]);
  for (const kind of kinds) {
    const from = a.findings?.[kind] ?? 0, to = b.findings?.[kind] ?? 0;
    if (to > from) out.push({ change: 'new-finding', what: kind, id: null, name: `${to - from} more ${kind}`, site: null, from, to, url });
    if (to < from) out.push({ change: 'removed-finding', what: kind, id: null, name: `${from - to} fewer ${kind}`, site: null, from, to, url });
  }
  return out;
}

// The changes from site report `a` to `b`: diffReports on the site as a whole (its entries carry
// the fields a report's do), each said at the first page that saw it; then pages added and removed.
function diffSites(a, b) {
  // Where each entry was first seen, by the key a change names it with.
  const firstPages = site => new Map([
    ...[...list(site.items), ...list(site.trackers)].map(e => [e.id, e.firstPage]),
    ...list(site.findings).map(f => [`${f.kind}|${f.itemId ?? ''}|${f.message}`, list(f.pages)[0]]),
  ]);
  const before = firstPages(a), now = firstPages(b);
  const out = diffReports(a, b).map(c => {
    const key = c.change.endsWith('-finding') ? `${c.what}|${c.id ?? ''}|${c.name}` : c.id;
    const url = (c.change.startsWith('removed-') ? before : now).get(key);
    return url ? { ...c, url } : c;
  });
  return [...out, ...pageChanges(list(a.pages).map(p => p.url), list(b.pages).map(p => p.url))];
}

// Pages (URLs) in `after` and not in `before`, then the other way round.
function pageChanges(before, after) {
  const a = new Set(before), b = new Set(after);
  return [...[...b].filter(url => !a.has(url)).map(url => ({ change: 'new-page', what: 'page', id: null, name: url, site: null, url })),
          ...[...a].filter(url => !b.has(url)).map(url => ({ change: 'removed-page', what: 'page', id: null, name: url, site: null, url }))];
}

// The changes between the pages of two report documents, or two batch results, URL by URL (one
// report each: the two reports, whatever their URLs).
function diffPages(a, b) {
  const left = a.kind === 'reports' ? a.pages : a.records, right = b.kind === 'reports' ? b.pages : b.records;
  if (a.kind === 'reports' && left.size === 1 && right.size === 1) return diffReports([...left.values()][0], [...right.values()][0]);
  const changes = [...right].filter(([url]) => left.has(url))
    .flatMap(([url, doc]) => (a.kind === 'reports' ? diffReports(left.get(url), doc, url) : diffRecords(left.get(url), doc, url)));
  return [...changes, ...pageChanges(left.keys(), right.keys())];
}

const KIND_WORDS = { reports: 'a report', batches: 'batch results', site: 'a site report' };

export function diffDocuments(a, b) {
  if (a.kind !== b.kind) throw new Error(`cannot compare ${KIND_WORDS[a.kind]} with ${KIND_WORDS[b.kind]}`);
  const changes = a.kind === 'site' ? diffSites(a.site, b.site) : diffPages(a, b);
  const counts = Object.fromEntries(CHANGES.map(c => [c, changes.filter(x => x.change === c).length]).filter(([, n]) => n));
  return { kind: a.kind, changes, counts };
}

// The diff as text, a line per change, grouped by change.
export function renderDiff(diff, { safe = s => String(s ?? '') } = {}) {
  if (!diff.changes.length) return 'no changes\n';
  const lines = [];
  for (const change of CHANGES) {
    const of = diff.changes.filter(c => c.change === change);
    if (!of.length) continue;
    lines.push(`${change} (${of.length})`);
    for (const c of of) {
      const what = c.what === 'tracker' || c.what === 'page' ? '' : `${c.what} `;
      const move = c.from !== undefined || c.to !== undefined
        ? ` ${c.from !== undefined && c.to !== undefined ? `${safe(c.from)} → ${safe(c.to)}` : safe(c.to ?? c.from)}` : '';
      const where = c.url && c.what !== 'page' ? `  [${safe(c.url)}]` : '';
      lines.push(`  ${what}${safe(c.name)}${c.site && c.what !== 'page' ? ` (${safe(c.site)})` : ''}${move}${where}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
