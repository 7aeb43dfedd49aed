// Terminal rendering of a report: grouped by policy category, then by site and party. Observed
// strings are sanitised so a hostile cookie name cannot move the cursor or recolour the terminal.
import { categoryLabel, itemsByCategory } from '@trackscope/presentation/model.mjs';
import { clip, plural, safeText } from '@trackscope/presentation/text.mjs';
import { filterText, kindCountsText, setterText, visitText } from '@trackscope/presentation/words.mjs';

function countBy(items, key) {
  const counts = new Map();
  for (const item of items) counts.set(item[key], (counts.get(item[key]) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
}

// Every cookie, beacon and storage item under its policy category (report.items), with who is
// behind it (report.trackers), most telling first.
function renderCategories(report, { bold, dim }) {
  const lines = [bold(`BY POLICY CATEGORY — ${safeText(report.policy.name)}`)];
  const width = Math.min(16, Math.max(...report.policy.categories.map(c => safeText(c.label).length)));
  for (const c of itemsByCategory(report)) {
    if (!c.items.length) continue;
    lines.push(`  ${clip(c.label, width).padEnd(width)}  ${kindCountsText(c.counts, ', ')}`);
    const own = c.trackers.flatMap(t => t.items.map(i => ({ i, who: clip(t.name === i.site ? t.name : `${i.site}, ${t.name}`, 40) })));
    const nameWidth = Math.max(...own.map(({ i }) => clip(i.name, 40).length));
    const whoWidth = Math.max(...own.map(({ who }) => who.length));
    for (const { i, who } of own) {
      lines.push(`    ${i.kind.padEnd(7)} ${clip(i.name, 40).padEnd(nameWidth)}  ${i.party === 'third' ? 'third' : 'first'}-party  ` +
                 `${who.padEnd(whoWidth)}` + dim(`  ${i.purpose}${i.lifetime ? `, ${i.lifetime}` : ''}`));
    }
  }
  if (lines.length === 1) lines.push('  no cookies, beacons or storage items');
  return lines;
}

export function renderText(report, { color = false } = {}) {
  const bold = s => (color ? `\x1b[1m${s}\x1b[0m` : s);
  const dim = s => (color ? `\x1b[2m${s}\x1b[0m` : s);
  const s = report.summary;
  const lines = [];
  lines.push(bold(`trackscope ${report.generator.version} — ${safeText(report.page.url)}`));
  if (report.page.title) lines.push(dim(clip(report.page.title, 100)));
  if (report.page.visit) lines.push(dim(visitText(report.page.visit)));
  lines.push(`${s.sites} sites (${s.thirdPartySites} third-party) · ${s.requests} requests ` +
             `(${s.blockedRequests} on filter lists) · ${s.cookies} cookies (${s.thirdPartyCookies} third-party)`);
  if (report.policy) {
    const counts = report.policy.categories.filter(c => c.cookies > 0).map(c => `${safeText(c.label)} ${c.cookies}`);
    lines.push(`cookies by category (${safeText(report.policy.name)}): ${counts.join(' · ') || 'none'}`);
    lines.push('', ...renderCategories(report, { bold, dim }));
  }
  for (const site of report.sites) {
    lines.push('');
    const party = site.party === 'first' ? 'FIRST PARTY' : 'THIRD PARTY';
    lines.push(bold(`${party}  ${safeText(site.site)}`) + dim(`  hosts: ${site.hosts.map(safeText).join(', ')}`));
    for (const v of site.vendors) lines.push(`  vendor    ${safeText(v.name)} (${safeText(v.company)}, ${safeText(v.category)})`);
    if (site.requests.length) lines.push(`  requests  ${site.requests.length}  (${countBy(site.requests, 'type')})`);
    for (const r of site.requests.filter(r => r.filter)) {
      const verdict = r.filter.decision === 'block' ? 'on a filter list' : 'allowed by an exception';
      lines.push(`    ${r.type.padEnd(10)} ${clip(r.url, 70)}` + dim(`  ${verdict}: ${filterText(r.filter)}`));
    }
    if (site.cookies.length) {
      lines.push(`  cookies   ${site.cookies.length}`);
      const width = Math.min(24, Math.max(...site.cookies.map(c => safeText(c.name).length)));
      for (const c of site.cookies) {
        const flags = [c.httpOnly && 'HttpOnly', c.secure && 'Secure', c.sameSite !== 'unspecified' && `SameSite=${c.sameSite}`,
                       c.partitioned && 'Partitioned'].filter(Boolean).join(' ');
        lines.push(`    ${clip(c.name, 24).padEnd(width)}  ${clip(categoryLabel(report, c.category), 14).padEnd(14)} ` +
                   `${c.lifetime.padEnd(10)}  ${flags.padEnd(30)}  ` + dim(`set by ${clip(setterText(c.setBy) || 'unknown', 70)}`));
        if (c.evidence?.length) lines.push(dim(`      why (${c.purpose}, ${Math.round(c.confidence * 100)} %): ${clip(c.evidence[0].text, 110)}`));
      }
    }
  }
  if (report.diagnostics.length) {
    lines.push('', `${report.diagnostics.length} input problem(s):`);
    for (const d of report.diagnostics) lines.push(`  ${safeText(d.path)}: ${safeText(d.message)}`);
  }
  return lines.join('\n') + '\n';
}
