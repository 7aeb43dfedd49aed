// `trackscope eval-cookies FILE.csv`: measures the cookie purpose classifier on labelled cookies.
//
// The CSV needs the columns name, domain, category; when present it also uses value, expiry_s,
// session, http_only, secure, same_site, host_only, path and first_party_domain (the page the
// cookie was seen on; without it the cookie counts as first-party). Rows become Captures (one
// per page), the WASM core analyses them, and each cookie's predicted purpose is compared with
// its label. Labels are necessary, functional, analytics or advertising: a prediction of
// `social` counts as advertising (consent managers file social-network cookies under marketing);
// `unclassified` counts as wrong.
import { readInput } from './output.mjs';

export const CLASSES = ['necessary', 'functional', 'analytics', 'advertising'];
const CAPTURED_AT = '2026-01-01T00:00:00Z';
const CAPTURED_S = Date.parse(CAPTURED_AT) / 1000;

// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF.
export function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; ++i; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') ++i;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  if (rows.length === 0) return [];
  const [header, ...body] = rows;
  return body.map(r => Object.fromEntries(header.map((h, i) => [h.trim(), r[i] ?? ''])));
}

const truthy = v => v === '1' || v?.toLowerCase?.() === 'true';

// Catalog-style rows may hold free text in `domain` ("cookiebot.com (3rd party)") or nothing:
// take the first host name in it; without one the cookie belongs to a neutral first-party host.
export function cookieDomain(raw) {
  const m = /(^|[\s(])\.?([a-z0-9-]+(\.[a-z0-9-]+)+)/i.exec(raw ?? '');
  return m ? m[0].trim().replace(/^\(/, '') : 'site.invalid';
}

function pageOf(row) {
  const raw = row.first_party_domain?.trim();
  if (raw) {
    try { return new URL(/^https?:\/\//.test(raw) ? raw : `https://${raw.replace(/^\./, '')}/`).href; } catch { /* fall through */ }
  }
  return `https://${cookieDomain(row.domain).replace(/^\./, '')}/`;
}

// Returns {predictions: [{row, purpose, confidence, evidence}], errors: [...]}.
export function classifyRows(core, rows) {
  const byPage = new Map();
  rows.forEach((row, index) => {
    const page = pageOf(row);
    if (!byPage.has(page)) byPage.set(page, []);
    byPage.get(page).push(index);
  });
  const predictions = new Array(rows.length);
  const errors = [];
  for (const [page, indices] of byPage) {
    const cookies = indices.map(i => {
      const r = rows[i];
      const session = r.session !== undefined && r.session !== '' ? truthy(r.session) : !(Number(r.expiry_s) > 0);
      const cookie = { name: r.name, value: r.value ?? '', domain: cookieDomain(r.domain), path: r.path || '/',
                       httpOnly: truthy(r.http_only), secure: truthy(r.secure), sameSite: r.same_site || 'unspecified' };
      if (r.host_only !== undefined && r.host_only !== '') cookie.hostOnly = truthy(r.host_only);
      if (!session && Number(r.expiry_s) > 0) cookie.expires = CAPTURED_S + Number(r.expiry_s);
      return cookie;
    });
    const result = core.analyze({ version: 1, page: { url: page, capturedAt: CAPTURED_AT }, cookies });
    if (!result.ok) {
      errors.push(`${page}: ${result.error.path}: ${result.error.message}`);
      continue;
    }
    // Report cookies come grouped by site, each in capture order: match them by name, domain, path.
    const key = c => `${c.name}\u0000${c.domain.replace(/^\./, '').toLowerCase()}\u0000${c.path}`;
    const found = new Map();
    for (const site of result.report.sites) for (const c of site.cookies) found.set(key(c), c);
    for (const [j, i] of indices.entries()) {
      const c = found.get(key(cookies[j]));
      predictions[i] = c ? { purpose: c.purpose, confidence: c.confidence, evidence: c.evidence } : { purpose: 'unclassified', evidence: [] };
    }
  }
  return { predictions, errors };
}

// Folds the core's purposes onto the four labelled classes.
export const asLabelClass = purpose => (purpose === 'social' ? 'advertising' : purpose);

export function metrics(labels, predicted) {
  const n = labels.length;
  const predictedClasses = [...CLASSES, 'unclassified'];
  const confusion = Object.fromEntries(CLASSES.map(l => [l, Object.fromEntries(predictedClasses.map(p => [p, 0]))]));
  let correct = 0, covered = 0;
  labels.forEach((label, i) => {
    const p = asLabelClass(predicted[i]);
    if (p !== 'unclassified') ++covered;
    if (p === label) ++correct;
    if (confusion[label]) confusion[label][predictedClasses.includes(p) ? p : 'unclassified'] += 1;
  });
  const per_class = {};
  const recalls = [];
  for (const c of CLASSES) {
    const support = labels.filter(l => l === c).length;
    const tp = confusion[c][c];
    const predictedAs = CLASSES.reduce((s, l) => s + confusion[l][c], 0);
    const precision = predictedAs ? tp / predictedAs : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    per_class[c] = { precision, recall, f1, support };
    if (support) recalls.push(recall);
  }
  return {
    n, coverage: n ? covered / n : 0, accuracy: n ? correct / n : 0,
    balanced_accuracy: recalls.length ? recalls.reduce((a, b) => a + b, 0) / recalls.length : 0,
    per_class, confusion,
  };
}

const pct = x => `${(100 * x).toFixed(1)} %`;

export function renderMetrics(m, title) {
  const lines = [`${title}: ${m.n} cookies`,
    `  coverage ${pct(m.coverage)}   accuracy ${m.accuracy.toFixed(3)}   balanced accuracy ${m.balanced_accuracy.toFixed(3)}`,
    '  class          precision  recall     F1   support'];
  for (const c of CLASSES) {
    const k = m.per_class[c];
    lines.push(`  ${c.padEnd(13)} ${k.precision.toFixed(3).padStart(9)} ${k.recall.toFixed(3).padStart(7)} ${k.f1.toFixed(3).padStart(6)} ${String(k.support).padStart(9)}`);
  }
  const cols = [...CLASSES, 'unclassified'];
  lines.push(`  confusion (rows: label, columns: predicted)`, `  ${''.padEnd(13)}${cols.map(c => c.slice(0, 11).padStart(12)).join('')}`);
  for (const l of CLASSES) lines.push(`  ${l.padEnd(13)}${cols.map(c => String(m.confusion[l][c]).padStart(12)).join('')}`);
  return lines.join('\n');
}

// Reads and validates the CSV; returns {rows} or throws with a message naming the problem.
export function readLabelled(file) {
  let text;
  text = readInput(file);
  const rows = parseCsv(text);
  if (rows.length === 0) throw new Error(`${file}: no rows`);
  for (const col of ['name', 'domain', 'category']) {
    if (!(col in rows[0])) throw new Error(`${file}: missing column "${col}" (need at least name,domain,category)`);
  }
  rows.forEach((r, i) => {
    if (!CLASSES.includes(r.category) && r.category !== 'unclassified') {
      throw new Error(`${file}: row ${i + 2}: unknown category "${r.category}" (expected ${CLASSES.join(', ')} or unclassified)`);
    }
  });
  return rows;
}
