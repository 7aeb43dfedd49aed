// Checks trackscope's curated cookie catalog (core/data/cookies/curated.json, format in
// core/data/cookies/README.md) before tools/gen/cookies.mjs compiles it.
//
// usage: node tools/gen/check-curated-cookies.mjs [curated.json]
//
// Fails (exit 1, printing every offending entry and why) when the file is not JSON of the expected
// shape, an entry lacks a field, a purpose or match kind is unknown, a regex does not compile or
// uses syntax the core's regex engine rejects (lookaround, backreferences, named groups), a
// domain is not a bare lowercase domain, a source is neither a URL nor "general knowledge", an
// exact/prefix/suffix name contains a literal "*", two entries share (name, match, domain), or
// the entries are not sorted by vendor then name.
import fs from 'node:fs';

const PURPOSES = ['necessary', 'functional', 'analytics', 'advertising', 'social'];
const MATCH = ['exact', 'prefix', 'suffix', 'regex'];
const FIELDS = ['name', 'match', 'vendor', 'purpose', 'domain', 'description', 'source'];
// Regex syntax filter/regex.h (the core's Pike VM) does not support.
const UNSUPPORTED = [
  [/\(\?[=!]/, 'lookahead'],
  [/\(\?<[=!]/, 'lookbehind'],
  [/\(\?<[A-Za-z]/, 'named group'],
  [/\\k</, 'named backreference'],
  [/\\[1-9]/, 'backreference'],
];

const path = process.argv[2] ?? new URL('../../core/data/cookies/curated.json', import.meta.url).pathname;
const problems = [];
const report = (entry, index, why) => problems.push(`entry ${index}: ${why}\n  ${JSON.stringify(entry)}`);

let doc;
try {
  doc = JSON.parse(fs.readFileSync(path, 'utf8'));
} catch (err) {
  console.error(`error: ${path}: ${err.message}`);
  process.exit(1);
}
if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) problems.push('top level: expected an object');
else {
  if (doc.version !== 1) problems.push(`top level: "version" must be 1, got ${JSON.stringify(doc.version)}`);
  for (const key of ['description', 'licence']) {
    if (typeof doc[key] !== 'string' || !doc[key]) problems.push(`top level: "${key}" must be a non-empty string`);
  }
  if (!Array.isArray(doc.entries) || doc.entries.length === 0) problems.push('top level: "entries" must be a non-empty array');
}

const entries = Array.isArray(doc?.entries) ? doc.entries : [];
const seen = new Map();
const order = (a, b) => {
  const keys = [[a.vendor.toLowerCase(), b.vendor.toLowerCase()], [a.vendor, b.vendor], [a.name, b.name], [a.match, b.match], [a.domain, b.domain]];
  for (const [x, y] of keys) if (x !== y) return x < y ? -1 : 1;
  return 0;
};
let previous = null;
entries.forEach((e, i) => {
  if (e === null || typeof e !== 'object' || Array.isArray(e)) return report(e, i, 'not an object');
  const missing = FIELDS.filter(f => typeof e[f] !== 'string');
  if (missing.length) return report(e, i, `missing or non-string field(s): ${missing.join(', ')}`);
  const extra = Object.keys(e).filter(k => !FIELDS.includes(k));
  if (extra.length) report(e, i, `unknown field(s): ${extra.join(', ')}`);
  for (const f of ['name', 'vendor', 'description', 'source']) if (!e[f].trim()) report(e, i, `empty "${f}"`);
  if (!PURPOSES.includes(e.purpose)) report(e, i, `purpose "${e.purpose}" is not one of ${PURPOSES.join(', ')}`);
  if (!MATCH.includes(e.match)) report(e, i, `match "${e.match}" is not one of ${MATCH.join(', ')}`);
  if (e.match === 'regex') {
    try {
      new RegExp(e.name);
    } catch (err) {
      report(e, i, `regex does not compile: ${err.message}`);
    }
    for (const [re, what] of UNSUPPORTED) if (re.test(e.name)) report(e, i, `regex uses a ${what}, which the core's regex engine does not support`);
  } else if (e.name.includes('*')) {
    report(e, i, `a literal "*" in an ${e.match} name never matches a real cookie; use match "prefix" or "regex"`);
  }
  if (e.domain !== '' && !/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(e.domain)) {
    report(e, i, `domain "${e.domain}" must be "" or a bare lowercase registrable domain (no leading dot, scheme or path)`);
  }
  if (e.source !== 'general knowledge' && !/^https?:\/\/[^\s/]+\.[^\s]+$/.test(e.source)) {
    report(e, i, `source must be a URL or "general knowledge"`);
  }
  const key = JSON.stringify([e.name, e.match, e.domain]);
  if (seen.has(key)) report(e, i, `duplicate (name, match, domain) of entry ${seen.get(key)}`);
  else seen.set(key, i);
  if (previous && order(previous, e) > 0) report(e, i, `out of order: entries are sorted by vendor (case-insensitive), then name; it comes after "${previous.vendor}" / "${previous.name}"`);
  previous = e;
});

if (problems.length) {
  console.error(`error: ${path}: ${problems.length} problem(s)`);
  for (const p of problems) console.error(p);
  process.exit(1);
}
const count = key => Object.entries(entries.reduce((m, e) => ((m[e[key]] = (m[e[key]] ?? 0) + 1), m), {}))
  .map(([k, n]) => `${k} ${n}`).join(', ');
console.log(`curated cookies: ${entries.length} entries ok (${count('purpose')}; ${count('match')})`);
