// The site report of a crawl (scan --crawl): every item, tracker and finding of the pages' reports
// with the pages where each was seen and the first one, and each page's own set. It gathers what
// the core said of each page (REPORT.md); it decides nothing.
//
//   {format: 'trackscope-site-report', version: 1, start, site, pages: [{url, ok, error?, title,
//    items: [id], trackers: [id], findings: n}], items: [{id, kind, name, site, party, purpose,
//    category, lifetime, tracking, pages: [url], firstPage}], trackers: [{id, name, site, party,
//    tracking, pages, firstPage}], findings: [{kind, severity, item, itemId, message, pages}],
//    categories: [{id, label, items}]}
export const SITE_REPORT_FORMAT = 'trackscope-site-report';

// `results`: [{url, report, error}] in crawl order.
export function siteReport(start, results) {
  const items = new Map(), trackers = new Map(), findings = new Map(), categories = new Map();
  const pages = [];
  let site = null;
  for (const { url, report, error } of results) {
    if (!report) {
      pages.push({ url, ok: false, error: error ?? 'not scanned', title: '', items: [], trackers: [], findings: 0 });
      continue;
    }
    site ??= report.page.site;
    for (const c of report.policy?.categories ?? []) if (!categories.has(c.id)) categories.set(c.id, { id: c.id, label: c.label, items: 0 });
    for (const i of report.items) {
      if (!items.has(i.id)) {
        items.set(i.id, { id: i.id, kind: i.kind, name: i.name, site: i.site, party: i.party, purpose: i.purpose, category: i.category,
                          lifetime: i.lifetime ?? null, tracking: i.tracking, pages: [], firstPage: url });
        const c = categories.get(i.category);
        if (c) c.items++;
      }
      items.get(i.id).pages.push(url);
    }
    for (const t of report.trackers) {
      if (!trackers.has(t.id)) trackers.set(t.id, { id: t.id, name: t.name, site: t.site, party: t.party, tracking: t.tracking, pages: [], firstPage: url });
      trackers.get(t.id).pages.push(url);
    }
    for (const f of report.findings) {
      const key = `${f.kind}|${f.itemId ?? ''}|${f.item ?? ''}`;
      if (!findings.has(key)) findings.set(key, { kind: f.kind, severity: f.severity, item: f.item, itemId: f.itemId, message: f.message, pages: [] });
      findings.get(key).pages.push(url);
    }
    pages.push({ url, ok: !error, ...(error ? { error } : {}), title: report.page.title, items: report.items.map(i => i.id),
                 trackers: report.trackers.map(t => t.id), findings: report.findings.length });
  }
  return { format: SITE_REPORT_FORMAT, version: 1, start, site, pages, items: [...items.values()], trackers: [...trackers.values()],
           findings: [...findings.values()], categories: [...categories.values()] };
}

// The site report in a few lines: pages, items by category, the third parties that track with the
// number of pages, findings by kind.
export function renderSiteReport(r, { safe = s => String(s ?? '') } = {}) {
  const ok = r.pages.filter(p => p.ok).length;
  const lines = [`trackscope site report — ${safe(r.start)}`,
    `${r.pages.length} pages (${ok} scanned${ok < r.pages.length ? `, ${r.pages.length - ok} failed` : ''}) · ${r.items.length} items · ` +
    `${r.trackers.filter(t => t.party === 'third' && t.tracking).length} third parties that track · ${r.findings.length} findings`, ''];
  lines.push('BY POLICY CATEGORY');
  for (const c of r.categories) lines.push(`  ${safe(c.label).padEnd(24)} ${c.items}`);
  const third = r.trackers.filter(t => t.party === 'third' && t.tracking).sort((a, b) => b.pages.length - a.pages.length);
  if (third.length) {
    lines.push('', 'THIRD PARTIES THAT TRACK (pages where seen)');
    for (const t of third) lines.push(`  ${safe(t.name).padEnd(32)} ${t.pages.length}/${ok}  first on ${safe(t.firstPage)}`);
  }
  if (r.findings.length) {
    lines.push('', 'FINDINGS');
    const kinds = new Map();
    for (const f of r.findings) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
    for (const [kind, n] of kinds) lines.push(`  ${safe(kind).padEnd(32)} ${n}`);
  }
  const failed = r.pages.filter(p => !p.ok);
  if (failed.length) {
    lines.push('', 'NOT SCANNED');
    for (const p of failed) lines.push(`  ${safe(p.url)}: ${safe(p.error)}`);
  }
  return `${lines.join('\n')}\n`;
}
