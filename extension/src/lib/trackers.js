// The popup's view of a report: the policy's categories, and in each the trackers (a vendor, or a
// site when no vendor is known) with their cookies, beacons and storage items. Pure: no DOM, no
// chrome.*; the service worker uses it for the badge, the popup to render, the CSV export for its
// "tracker" column. It groups and sorts what the core decided; it classifies nothing.
import { shortUrl } from './format.js';

export const KIND_ORDER = { cookie: 0, beacon: 1, storage: 2 };

// host -> site (registrable domain) from the report's site groups; unknown hosts map to the
// nearest known parent, else to themselves.
export function siteIndex(report) {
  const bySite = new Map(report.sites.map(s => [s.site, s]));
  const byHost = new Map();
  for (const s of report.sites) for (const host of s.hosts) byHost.set(host, s.site);
  const siteOfHost = host => {
    for (let h = String(host ?? '').toLowerCase(); h; h = h.includes('.') ? h.slice(h.indexOf('.') + 1) : '') {
      if (byHost.has(h)) return byHost.get(h);
      if (bySite.has(h)) return h;
    }
    return host || '';
  };
  const siteOfUrl = url => {
    try {
      return siteOfHost(new URL(url).hostname);
    } catch {
      return '';
    }
  };
  const partyOf = site => bySite.get(site)?.party ?? (site === report.page.site ? 'first' : 'third');
  return { siteOfHost, siteOfUrl, partyOf };
}

// The script that put a first-party item there: a cookie's writer, a beacon's caller, a storage
// item's first writer.
function writerOf(kind, item) {
  if (kind === 'cookie') return item.setBy?.kind === 'script' ? item.setBy.url : '';
  if (kind === 'beacon') return item.scriptUrl ?? '';
  return item.scripts?.find(Boolean) ?? '';
}

// Who is behind an item: {key, name, site, party, via}. The vendor when the core names one; for a
// third-party item its site; for a first-party item written by a third-party script, that script's
// site (a first-party id kept by an analytics vendor's script is that vendor's tracker); else the
// page's own site.
export function trackerOf(kind, item, itemSite, index, pageSite) {
  if (item.vendor) return { key: `vendor:${item.vendor}`, name: item.vendor, site: itemSite, party: item.party, via: null };
  if (item.party === 'third') return { key: `site:${itemSite}`, name: itemSite, site: itemSite, party: 'third', via: null };
  const writer = writerOf(kind, item);
  const writerSite = writer ? index.siteOfUrl(writer) : '';
  if (writerSite && writerSite !== pageSite && index.partyOf(writerSite) === 'third') {
    return { key: `site:${writerSite}`, name: writerSite, site: writerSite, party: 'third', via: writer };
  }
  return { key: `site:${pageSite}`, name: pageSite, site: pageSite, party: 'first', via: null };
}

// Lifetime wording per item kind: cookies by expiry, storage by area, beacons have none.
export function lifetimeOf(kind, item) {
  if (kind === 'cookie') return { session: item.session, text: item.lifetime };  // the core's wording
  if (kind === 'storage') {
    return item.area === 'sessionStorage' ? { session: true, text: 'session' } : { session: false, text: 'no expiry' };
  }
  return { session: null, text: 'sent once' };
}

export function itemName(kind, item) {
  if (kind === 'cookie') return item.name || '(no name)';
  if (kind === 'beacon') return shortUrl(item.endpoint || item.url);
  return item.key || '(no key)';
}

// Every cookie, beacon and storage item of the report as {kind, item, name, site, party, category,
// tracker}, in report order.
export function reportItems(report) {
  const index = siteIndex(report);
  const pageSite = report.page.site;
  const items = [];
  const add = (kind, item, site) => {
    items.push({ kind, item, name: itemName(kind, item), site, party: item.party, category: item.category,
                 purpose: item.purpose, confidence: item.confidence, lifetime: lifetimeOf(kind, item),
                 tracker: trackerOf(kind, item, site, index, pageSite) });
  };
  for (const group of report.sites) for (const cookie of group.cookies) add('cookie', cookie, group.site);
  for (const beacon of report.beacons) add('beacon', beacon, beacon.site || index.siteOfHost(beacon.host));
  for (const entry of report.storage) add('storage', entry, index.siteOfHost(entry.host));
  return items;
}

function compareTrackers(a, b) {
  return (a.party === 'first') - (b.party === 'first') || b.items.length - a.items.length || a.name.localeCompare(b.name);
}

function compareItems(a, b) {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name);
}

// {categories: [{id, label, description, count, counts: {cookie, beacon, storage}, trackers: [{key,
// name, site, party, via, items}]}], marketing: {id, label, trackers} | null, items}
//   marketingCategory: the policy's advertising category id (policy.js), for the badge's count
export function buildModel(report, { marketingCategory = null } = {}) {
  const items = reportItems(report);
  const categories = report.policy.categories.map(c => ({
    id: c.id, label: c.label, description: c.description, count: 0, counts: { cookie: 0, beacon: 0, storage: 0 },
    trackers: [],
  }));
  const byId = new Map(categories.map(c => [c.id, c]));
  for (const entry of items) {
    let category = byId.get(entry.category);
    if (!category) {
      // An item without a category of this policy (not expected from the core): keep it visible.
      category = { id: entry.category ?? 'none', label: 'Without a category', description: '', count: 0,
                   counts: { cookie: 0, beacon: 0, storage: 0 }, trackers: [] };
      byId.set(category.id, category);
      categories.push(category);
    }
    category.count++;
    category.counts[entry.kind]++;
    let tracker = category.trackers.find(t => t.key === entry.tracker.key);
    if (!tracker) category.trackers.push(tracker = { ...entry.tracker, items: [] });
    tracker.items.push(entry);
    // A tracker seen only through first-party items written by its script keeps one such script.
    if (!tracker.via && entry.tracker.via) tracker.via = entry.tracker.via;
  }
  for (const category of categories) {
    category.trackers.sort(compareTrackers);
    for (const tracker of category.trackers) tracker.items.sort(compareItems);
  }
  const marketing = byId.get(marketingCategory);
  return {
    categories,
    marketing: marketing ? { id: marketing.id, label: marketing.label, trackers: marketing.trackers.length } : null,
    items,
  };
}

// The toolbar badge: the number of distinct trackers in the advertising category.
export function badgeCount(report, marketingCategory) {
  const keys = new Set();
  for (const entry of reportItems(report)) if (entry.category === marketingCategory) keys.add(entry.tracker.key);
  return keys.size;
}
