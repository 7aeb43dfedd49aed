// Terminal rendering of a report: grouped by policy category, then by site and party. Observed
// strings are sanitised so a hostile cookie name cannot move the cursor or recolour the terminal.
import { reportItems } from './items.mjs';

// Control characters (C0, DEL, C1) shown as \xNN: the page controls these strings.
export function safeText(s) {
  return String(s).replace(/[\u0000-\u001f\u007f-\u009f]/g, c => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function clip(s, n) {
  s = safeText(s);
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function setterText(cookie) {
  const { kind, url } = cookie.setBy;
  if (kind === 'http') return `HTTP response ${url}`;
  if (kind === 'script') return url ? `script ${url}` : 'inline script';
  return 'unknown';
}

// "easyprivacy.txt:1883 /px.gif?" (and the overriding exception, if any).
// The policy category's label for an id (the report carries both).
export function categoryLabel(report, id) {
  return report.policy?.categories?.find(c => c.id === id)?.label ?? id ?? '';
}

export function filterText(filter) {
  const rule = e => `${safeText(e.list)}:${e.line} ${clip(e.rule, 60)}`;
  return filter.exception ? `${rule(filter.block)}, excepted by ${rule(filter.exception)}` : rule(filter.block);
}

function countBy(items, key) {
  const counts = new Map();
  for (const item of items) counts.set(item[key], (counts.get(item[key]) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

// Every cookie, beacon and storage item under its policy category, most telling first.
function renderCategories(report, { bold, dim }) {
  const items = reportItems(report);
  const lines = [bold(`BY POLICY CATEGORY — ${safeText(report.policy.name)}`)];
  const width = Math.min(16, Math.max(...report.policy.categories.map(c => safeText(c.label).length)));
  for (const c of report.policy.categories) {
    const own = items.filter(i => i.category === c.id);
    if (!own.length) continue;
    const kinds = ['cookie', 'beacon', 'storage'].map(k => [k, own.filter(i => i.kind === k).length]).filter(([, n]) => n)
      .map(([k, n]) => plural(n, k === 'storage' ? 'storage item' : k)).join(', ');
    lines.push(`  ${clip(c.label, width).padEnd(width)}  ${kinds}`);
    const who = i => clip(i.vendor ? `${i.site}, ${i.vendor}` : i.site, 40);
    const nameWidth = Math.max(...own.map(i => clip(i.name, 40).length));
    const whoWidth = Math.max(...own.map(i => who(i).length));
    for (const i of own) {
      lines.push(`    ${i.kind.padEnd(7)} ${clip(i.name, 40).padEnd(nameWidth)}  ${i.party === 'third' ? 'third' : 'first'}-party  ` +
                 `${who(i).padEnd(whoWidth)}` + dim(`  ${i.purpose}${i.lifetime ? `, ${i.lifetime}` : ''}`));
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
                   `${c.lifetime.padEnd(10)}  ${flags.padEnd(30)}  ` + dim(`set by ${clip(setterText(c), 70)}`));
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
