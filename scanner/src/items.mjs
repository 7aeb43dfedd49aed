// Flat views of a report for the writers (CSV, HTML, terminal), the consent phases, --fail-on and
// the batch summary: every cookie, beacon and storage item with its site, vendor, purpose and
// category; the third-party trackers. Only reads the report (REPORT.md); classifies nothing.

// Purposes that track the visitor (as the core's privacy.trackingItems counts them).
export const TRACKING_PURPOSES = new Set(['analytics', 'advertising', 'social']);

export function isTracking(item) {
  return TRACKING_PURPOSES.has(item.purpose);
}

// A marketing item: in the policy's "marketing" category, or for advertising or social media
// (policies without a marketing category, beacons that the default policy files as web beacons).
export function isMarketing(item) {
  return item.category === 'marketing' || item.purpose === 'advertising' || item.purpose === 'social';
}

export function categoryLabel(report, id) {
  return report.policy?.categories?.find(c => c.id === id)?.label ?? id ?? '';
}

function siteOfHost(report) {
  const map = new Map();
  for (const site of report.sites ?? []) for (const host of site.hosts) map.set(host, site);
  return host => map.get(host) ?? null;
}

// Every cookie, beacon and storage item of `report`:
//   {kind: "cookie" | "beacon" | "storage", name, site, host, party, vendor, purpose, category,
//    categoryLabel, lifetime, evidence: first evidence text, item: the report's object}
// Beacons are named host + path (as findings and comparisons name them); storage items by key.
export function reportItems(report) {
  const items = [];
  const site = siteOfHost(report);
  for (const s of report.sites ?? []) {
    const siteVendor = s.vendors?.[0]?.name ?? null;
    for (const c of s.cookies) {
      items.push({ kind: 'cookie', name: c.name, site: s.site, host: c.domain, party: c.party, vendor: c.vendor ?? siteVendor,
                   purpose: c.purpose, category: c.category, lifetime: c.lifetime, evidence: c.evidence?.[0]?.text ?? '', item: c });
    }
  }
  for (const b of report.beacons ?? []) {
    let name = b.endpoint;
    try {
      const u = new URL(b.endpoint);
      name = u.host + u.pathname;
    } catch { /* keep the endpoint */ }
    items.push({ kind: 'beacon', name, site: b.site, host: b.host, party: b.party, vendor: b.vendor ?? site(b.host)?.vendors?.[0]?.name ?? null,
                 purpose: b.purpose, category: b.category, lifetime: '', evidence: b.evidence?.[0]?.text ?? '', item: b });
  }
  for (const st of report.storage ?? []) {
    const s = site(st.host);
    items.push({ kind: 'storage', name: st.key, site: s?.site ?? st.host, host: st.host, party: st.party,
                 vendor: st.vendor ?? s?.vendors?.[0]?.name ?? null, purpose: st.purpose, category: st.category,
                 lifetime: st.area === 'sessionStorage' ? 'session' : 'persistent', evidence: st.evidence?.[0]?.text ?? '', item: st });
  }
  for (const item of items) item.categoryLabel = categoryLabel(report, item.category);
  return items;
}

// Third-party sites that track: a tracking cookie or beacon, or a request on a filter list.
//   [{site, vendor, company, vendorCategory, cookies, beacons, requests, listed, purposes}]
// sorted by how much they do.
export function trackers(report, items = reportItems(report)) {
  const out = [];
  for (const s of report.sites ?? []) {
    if (s.party !== 'third') continue;
    const own = items.filter(i => i.site === s.site);
    const listed = s.requests.filter(r => r.filter?.decision === 'block').length;
    if (!own.some(isTracking) && !listed) continue;
    const v = s.vendors?.[0];
    out.push({ site: s.site, vendor: v?.name ?? null, company: v?.company ?? null, vendorCategory: v?.category ?? null,
               cookies: own.filter(i => i.kind === 'cookie').length, beacons: own.filter(i => i.kind === 'beacon').length,
               requests: s.requests.length, listed, purposes: [...new Set(own.filter(isTracking).map(i => i.purpose))].sort() });
  }
  return out.sort((a, b) => (b.cookies + b.beacons + b.listed) - (a.cookies + a.beacons + a.listed) || a.site.localeCompare(b.site));
}

// Counts per policy category: [{id, label, cookies, thirdPartyCookies, beacons, storage, total}].
export function categoryCounts(report) {
  return (report.policy?.categories ?? []).map(c => ({
    id: c.id, label: c.label, cookies: c.cookies, thirdPartyCookies: c.thirdPartyCookies, beacons: c.beacons ?? 0,
    storage: c.storage ?? 0, total: c.cookies + (c.beacons ?? 0) + (c.storage ?? 0),
  }));
}

// A compact item for JSON summaries (consent phases).
export function brief(item) {
  return { kind: item.kind, name: item.name, site: item.site, party: item.party, vendor: item.vendor,
           purpose: item.purpose, category: item.category };
}
