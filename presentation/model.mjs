// Groupings of what the core decided, for lists. Everything here reads report.items,
// report.trackers and report.policy (REPORT.md, "The view model"); it classifies and attributes
// nothing: a front end that needs another decision asks the core for it.

// The detailed object an item stands for (a cookie, a beacon's first hit, a storage item), by its
// JSON pointer `ref`, or null.
//   detailsOf(report, {ref: '/sites/0/cookies/1'}) === report.sites[0].cookies[1]
export function detailsOf(report, item) {
  let node = report;
  for (const raw of String(item?.ref ?? '').split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node == null || typeof node !== 'object' || !(key in node)) return null;
    node = node[key];
  }
  return item?.ref ? node : null;
}

// item -> its entry of report.trackers.
export function trackerIndex(report) {
  const byId = new Map((report.trackers ?? []).map(t => [t.id, t]));
  return item => byId.get(item.tracker) ?? null;
}

export function categoryLabel(report, id) {
  return report.policy?.categories?.find(c => c.id === id)?.label ?? id ?? '';
}

const KIND_ORDER = { cookie: 0, beacon: 1, storage: 2 };

// {cookie: n, beacon: n, storage: n} of a list of items.
export function kindCounts(items) {
  const counts = { cookie: 0, beacon: 0, storage: 0 };
  for (const item of items) counts[item.kind]++;
  return counts;
}

// The page's items by policy category, and in each category by tracker:
//   [{id, label, description, roles, items, counts, trackers: [{...report tracker, items}]}]
// in the policy's order; a category's trackers third parties first, then by how many items, then
// by name; a tracker's items cookies, beacons, storage, then by name. `roles` are the parts the
// category plays (policy.roles: ["analytics", "advertising", "social"], …). An item whose category
// the policy does not list (not expected from the core) gets a category of its own, kept visible.
export function itemsByCategory(report) {
  const rolesOf = id => Object.entries(report.policy.roles ?? {}).filter(([, category]) => category === id).map(([role]) => role);
  const categories = report.policy.categories.map(c => ({ id: c.id, label: c.label, description: c.description ?? '',
                                                          roles: rolesOf(c.id), items: [], trackers: [] }));
  const byId = new Map(categories.map(c => [c.id, c]));
  const trackerOf = trackerIndex(report);
  for (const item of report.items) {
    let category = byId.get(item.category);
    if (!category) {
      category = { id: item.category ?? '', label: 'Without a category', description: '', roles: [], items: [], trackers: [] };
      byId.set(category.id, category);
      categories.push(category);
    }
    category.items.push(item);
    const tracker = trackerOf(item) ?? { id: item.tracker, name: item.site, party: item.party, via: null };
    let entry = category.trackers.find(t => t.id === tracker.id);
    if (!entry) category.trackers.push(entry = { ...tracker, items: [] });
    entry.items.push(item);
  }
  for (const category of categories) {
    category.counts = kindCounts(category.items);
    category.trackers.sort((a, b) => (a.party === 'first') - (b.party === 'first') || b.items.length - a.items.length ||
                                     a.name.localeCompare(b.name));
    for (const tracker of category.trackers) {
      tracker.items.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name));
    }
  }
  return categories;
}

// The category of a role ("advertising", "unclassified", …), or null when the policy has none.
export function roleCategory(report, role) {
  const id = report.policy.roles?.[role];
  return report.policy.categories.find(c => c.id === id) ?? null;
}

// The toolbar badge and the popup's hot tile: how many trackers have items in the category that
// holds advertising.
export function advertisingTrackers(report) {
  const id = report.policy.roles?.advertising;
  return new Set(report.items.filter(i => i.category === id).map(i => i.tracker)).size;
}

// Third parties that track with no item of their own on the page: their requests alone tell
// them the visit (a vendor of advertising, analytics or social media, or a request a filter list
// blocks; REPORT.md, trackers[]). Entries of report.trackers, by name.
export function requestTrackers(report) {
  return (report.trackers ?? []).filter(t => t.tracking && t.party === 'third' && !t.items.length)
    .sort((a, b) => a.name.localeCompare(b.name));
}

// A signal comparison's tracking changes (REPORT.md "Signal comparison"), for every view of it:
// the trackers, then each category, those with a tracking item only, each with its tracking items
// {label, dropped, persisting, new}.
export function comparisonGroups(comparison) {
  const tracking = items => items.filter(i => i.tracking);
  return [{ label: 'Trackers', ...comparison.trackers }, ...comparison.categories]
    .map(g => ({ label: g.label, dropped: tracking(g.dropped), persisting: tracking(g.persisting), new: tracking(g.new) }))
    .filter(g => g.dropped.length + g.persisting.length + g.new.length);
}
