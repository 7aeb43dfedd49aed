// Exports of a page report: JSON (the report itself, REPORT.md; schema
// core/src/report/report.schema.json) and CSV (the one layout of @trackscope/presentation, one row
// per item). Pure functions; the popup turns the text into a download.
//
// Redaction (on by default): the core masks the identifiers beacons carry and identifier storage
// values when analyze() runs without `includeValues` (redactReport() masks them too when it ran
// with it); redactReport() also masks what the core reports in full because it is observed data
// rather than a finding: cookie values and the query values of URLs (which carry the same
// identifiers).

export const MASK = '••••';

export function maskValue(value) {
  const text = String(value ?? '');
  return text ? `${MASK} (${[...text].length} chars)` : '';
}

// "https://x.example/p?uid=123&ev=v" -> "https://x.example/p?uid=••••&ev=••••". Names stay (they
// say what was sent), values go; the fragment too.
export function redactUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (!u.search && !u.hash) return url;
  const query = u.search.slice(1).split('&').filter(Boolean).map(pair => {
    const eq = pair.indexOf('=');
    return eq < 0 ? pair : `${pair.slice(0, eq)}=${MASK}`;
  });
  return `${u.origin}${u.pathname}${query.length ? `?${query.join('&')}` : ''}${u.hash ? `#${MASK}` : ''}`;
}

// A copy of the report with identifier values masked (see above). The shape is unchanged, so the
// result still validates against the report schema.
export function redactReport(report) {
  const copy = structuredClone(report);
  copy.page.url = redactUrl(copy.page.url);
  for (const site of copy.sites) {
    for (const request of site.requests) request.url = redactUrl(request.url);
    for (const cookie of site.cookies) {
      cookie.value = maskValue(cookie.value);
      if (cookie.setBy?.url) cookie.setBy.url = redactUrl(cookie.setBy.url);
    }
  }
  const mask = value => (String(value).startsWith(MASK) ? value : maskValue(value));
  for (const beacon of copy.beacons) {
    beacon.url = redactUrl(beacon.url);
    // Already masked when the core ran without includeValues; masked here when it did not.
    for (const id of beacon.identifiers) id.value = mask(id.value);
    // Personal data and identifiers the payload carries (the core shows them when it ran with
    // includeValues); query values went with the URL.
    for (const field of beacon.payload ?? []) {
      if (field.personal || field.kind === 'identifier' || field.source === 'query') field.value = mask(field.value);
    }
  }
  // What the person typed into form fields, and where the findings quote it.
  for (const typed of copy.page.visit?.typed ?? []) typed.value = mask(typed.value);
  for (const finding of copy.findings ?? []) {
    if (finding.data && (finding.kind === 'key-logging' || finding.kind === 'personal-data-to-third-party')) {
      finding.data.value = mask(finding.data.value);
    }
  }
  for (const item of copy.storage) if (item.identifier) item.value = mask(item.value);
  for (const tk of copy.privacy?.tk ?? []) tk.url = redactUrl(tk.url);
  return copy;
}

// "trackscope-shop.example-2026-11-29T0500.json"
export function exportFileName(report, extension, now = new Date()) {
  const host = String(report.page.host || 'page').replace(/[^a-z0-9.-]+/gi, '_');
  const stamp = now.toISOString().slice(0, 16).replace(/:/g, '');
  return `trackscope-${host}-${stamp}.${extension}`;
}
