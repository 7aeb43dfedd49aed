// The consent phases side by side in the terminal: the core's consent comparison (REPORT.md,
// "Consent comparison": tracking items before the banner is answered, after rejecting, after
// accepting, and the counts per policy category of each phase).
import { safeText } from '@trackscope/presentation/text.mjs';

// `summary`: the comparison; `phases`: the scan's phase entries (status of each answer).
export function renderConsentText(summary, phases, { color = false } = {}) {
  if (!summary) return '';
  const bold = s => (color ? `\x1b[1m${s}\x1b[0m` : s);
  const ran = ['none', 'reject', 'accept'].filter(p => phases.some(x => x.phase === p));
  const title = { none: 'before answer', reject: 'after reject', accept: 'after accept' };
  const cell = c => (c ? `${c.cookies}c ${c.beacons}b ${c.storage}s` : 'n/a');
  const width = Math.max(8, ...summary.categories.map(c => safeText(c.label).length));
  const lines = ['', bold(`CONSENT PHASES${summary.cmp ? ` — ${safeText(summary.cmp)} banner` : ''}`), `  ${safeText(summary.message)}`];
  for (const p of phases.filter(x => x.phase !== 'none' && x.status !== 'ok')) {
    lines.push(`  ${p.phase}: ${p.status === 'no-banner' ? 'no consent banner recognised' : `banner ${p.status}`}${p.error ? ` (${safeText(p.error)})` : ''}`);
  }
  lines.push(`  ${'category'.padEnd(width)}  ${ran.map(p => title[p].padEnd(16)).join('')}(c cookies, b beacons, s storage)`);
  for (const c of summary.categories) lines.push(`  ${safeText(c.label).padEnd(width)}  ${ran.map(p => cell(c[p]).padEnd(16)).join('')}`.trimEnd());
  const list = (label, items) => {
    if (!items) return;
    lines.push(`  ${label} (${items.length})${items.length ? ':' : ''}`);
    const nameWidth = Math.max(0, ...items.map(i => safeText(i.name).length));
    const siteWidth = Math.max(0, ...items.map(i => safeText(i.site).length));
    for (const i of items) {
      lines.push(`    ${i.kind.padEnd(7)} ${safeText(i.name).padEnd(nameWidth)}  ${safeText(i.site).padEnd(siteWidth)}  ${i.purpose}` +
                 `${i.beforeConsent === false ? '  (new)' : ''}`);
    }
  };
  list('tracking before consent', summary.beforeConsent);
  list('tracking after "reject all"', summary.afterReject);
  list('tracking after "accept all"', summary.afterAccept);
  return `${lines.join('\n')}\n`;
}
