// The one policy question the extension asks itself: which category holds advertising trackers
// (the badge counts that category's trackers). Everything else about categories comes from the
// core's report. Policy rules match first-wins on kind, purpose, party and lifetime
// (core/data/policies/README.md); the core validated the document, so a catch-all exists.

function matches(field, value) {
  if (field === undefined) return true;
  return Array.isArray(field) ? field.includes(value) : field === value;
}

// The category id of the first rule matching `item` ({kind, purpose, party, lifetime}), or null.
export function categoryFor(policy, item) {
  for (const rule of policy?.rules ?? []) {
    if (matches(rule.kind, item.kind) && matches(rule.purpose, item.purpose) && matches(rule.party, item.party) &&
        matches(rule.lifetime, item.lifetime)) {
      return rule.category;
    }
  }
  return null;
}

// The "Marketing" category of a policy, whatever it calls it: where a persistent third-party
// advertising cookie goes (Marketing in the default and consent-manager policies, category 4 in the
// ICC UK one).
export function advertisingCategory(policy) {
  return categoryFor(policy, { kind: 'cookie', purpose: 'advertising', party: 'third', lifetime: 'persistent' });
}
