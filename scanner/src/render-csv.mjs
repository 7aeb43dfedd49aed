// CSV of a scan result: the one CSV layout of a report (@trackscope/presentation csv.mjs), with the
// load each row belongs to in its `phase` column.
import { csvRows, csvText } from '@trackscope/presentation/csv.mjs';

// The reports of a scan result (scan.mjs scanSite) as CSV; `phase` is empty for a single load,
// "<signal>-off"/"<signal>-on" for the two loads of a signal comparison, the consent phase otherwise.
export function renderCsv(result) {
  const rows = [];
  if (result.mode === 'compare') {
    for (const which of ['off', 'on']) if (result.reports?.[which]) rows.push(...csvRows(result.reports[which], { phase: `${result.comparison.signal}-${which}` }));
  } else if (result.mode === 'consent') {
    for (const p of result.phases ?? []) if (p.report) rows.push(...csvRows(p.report, { phase: p.phase }));
  } else if (result.report) {
    rows.push(...csvRows(result.report));
  }
  return csvText(rows);
}
