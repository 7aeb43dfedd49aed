// CSV: one row per cookie, web beacon and storage item (RFC 4180: comma-separated, CRLF, fields
// quoted when they hold a comma, quote or line break). Observed strings are data: a cell that a
// spreadsheet would take for a formula (starting with = + - @, tab or CR) gets a leading
// apostrophe (OWASP "CSV injection").
import { reportItems } from './items.mjs';

export const CSV_COLUMNS = ['page', 'phase', 'kind', 'name', 'site', 'party', 'vendor', 'purpose', 'category', 'lifetime', 'evidence'];

export function csvCell(value) {
  let s = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function rows(report, phase) {
  return reportItems(report).map(i => [report.page.url, phase, i.kind, i.name, i.site, i.party, i.vendor ?? '', i.purpose,
                                       i.categoryLabel, i.lifetime, i.evidence]);
}

// The reports of a scan result (scan.mjs scanSite) as CSV; `phase` is empty for a single load,
// "off"/"on" for the two loads of a signal comparison, the consent phase otherwise.
export function renderCsv(result) {
  let all = [];
  if (result.mode === 'compare') {
    for (const which of ['off', 'on']) if (result.reports?.[which]) all.push(...rows(result.reports[which], `${result.comparison.signal}-${which}`));
  } else if (result.mode === 'consent') {
    for (const p of result.phases ?? []) if (p.report) all.push(...rows(p.report, p.phase));
  } else if (result.report) {
    all = rows(result.report, '');
  }
  return [CSV_COLUMNS, ...all].map(r => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
