// The one CSV layout of a report: the scanner's --format csv and the popup's "CSV" export write
// the same columns. One row per item of report.items (cookies, beacon endpoints, storage items), in
// report order. RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma,
// quote or line break. Observed strings are data: a cell a spreadsheet would take for a formula
// (starting with = + - @, tab or CR) gets a leading apostrophe (OWASP "CSV injection").
import { detailsOf, trackerIndex } from './model.mjs';

//   page, phase: the page URL; the load ("" for one load, "gpc-off"/"gpc-on", a consent phase)
//   id: the item's stable id (REPORT.md, items[].id); category: the policy category's label
//   tracker: who is behind it (trackers[].name); lifetime: the core's wording
//   expires: a cookie's expiry (ISO 8601); set_by: the cookie's setter, the beacon's calling
//   script, the storage item's writers; url: the beacon's first hit or the storage origin;
//   identifiers: a beacon's identifier parameters; value: the cookie or storage value (as the
//   report has it: pass a redacted report to redact); evidence: every evidence line, the decisive one
//   first
export const CSV_COLUMNS = ['page', 'phase', 'id', 'kind', 'name', 'category', 'purpose', 'confidence', 'tracker', 'vendor',
  'site', 'party', 'lifetime', 'expires', 'set_by', 'url', 'identifiers', 'value', 'evidence'];

export function csvCell(value) {
  let text = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function setBy(kind, d) {
  if (kind === 'cookie') return d.setBy?.kind && d.setBy.kind !== 'unknown' ? `${d.setBy.kind} ${d.setBy.url ?? ''}`.trim() : '';
  if (kind === 'beacon') return d.scriptUrl ?? '';
  return (d.scripts ?? []).filter(Boolean).join(' ');
}

// The rows of one report, each an array of cell values in CSV_COLUMNS order.
export function csvRows(report, { phase = '' } = {}) {
  const labels = new Map(report.policy.categories.map(c => [c.id, c.label]));
  const trackerOf = trackerIndex(report);
  return report.items.map(item => {
    const d = detailsOf(report, item) ?? {};
    const identifiers = item.kind === 'beacon'
      ? (d.identifiers ?? []).map(id => `${id.param}=${id.value}${id.meaning ? ` (${id.meaning})` : ''}`).join('; ') : '';
    return [report.page.url, phase, item.id, item.kind, item.name, labels.get(item.category) ?? item.category, item.purpose,
            item.confidence, trackerOf(item)?.name ?? '', item.vendor ?? '', item.site, item.party, item.lifetime,
            item.kind === 'cookie' && d.expires != null ? new Date(d.expires * 1000).toISOString() : '',
            setBy(item.kind, d), item.kind === 'beacon' ? d.url : item.kind === 'storage' ? d.origin : '',
            identifiers, item.kind === 'beacon' ? '' : d.value ?? '',
            (d.evidence ?? []).map(e => `${e.kind}: ${e.text}`).join(' | ')];
  });
}

// Header and rows as CSV text: csvText([...csvRows(a, {phase: 'none'}), ...csvRows(b, {phase: 'reject'})]).
export function csvText(rows) {
  return [CSV_COLUMNS, ...rows].map(r => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function reportToCsv(report, options) {
  return csvText(csvRows(report, options));
}
