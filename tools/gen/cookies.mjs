// Compiles the cookie catalog into a C++ table for core/src/classify/cookie_catalog.cc: the Open
// Cookie Database (Apache-2.0, shipped in the npm package @slashgear/gdpr-cookie-scanner under
// dist/data/) and trackscope's curated entries (core/data/cookies/curated.json, MPL-2.0).
//
// usage: node tools/gen/cookies.mjs <open-cookie-database.json> <curated.json> <out.cc>
//
// OCD categories map onto trackscope purposes: "Functional", "Necessary" and "Security" mean
// strictly necessary; "Personalization" is functional (preferences); "Analytics" is analytics;
// "Marketing" is advertising. OCD's wildcardMatch "1" is a name prefix.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { sha256, writeIfChanged, fail, cppString } from './common.mjs';

const [ocdPath, curatedPath, output] = process.argv.slice(2);
if (!output) fail('usage: cookies.mjs <open-cookie-database.json> <curated.json> <out.cc>');
if (!fs.existsSync(ocdPath)) fail(`${ocdPath} not found: run tools/setup.sh (npm package @slashgear/gdpr-cookie-scanner)`);
if (!fs.existsSync(curatedPath)) fail(`${curatedPath} not found`);
// The curated file's own checks (shape, sources, sort order, regex syntax) first.
try {
  execFileSync(process.execPath, [new URL('./check-curated-cookies.mjs', import.meta.url).pathname, curatedPath], { stdio: 'inherit' });
} catch {
  fail(`${curatedPath} fails its checks (see above)`);
}
const ocdBytes = fs.readFileSync(ocdPath);
const curatedBytes = fs.readFileSync(curatedPath);
const ocd = JSON.parse(ocdBytes.toString('utf8'));
const curated = JSON.parse(curatedBytes.toString('utf8'));
const ocdVersion = JSON.parse(fs.readFileSync(new URL('../../node_modules/@slashgear/gdpr-cookie-scanner/package.json', import.meta.url), 'utf8')).version;

const PURPOSES = ['necessary', 'functional', 'analytics', 'advertising', 'social'];
const MATCH = ['exact', 'prefix', 'suffix', 'regex'];
const OCD_PURPOSE = { Functional: 'necessary', Necessary: 'necessary', Security: 'necessary', Personalization: 'functional',
                      Analytics: 'analytics', Marketing: 'advertising' };

// OCD files many preference and measurement cookies under "Functional" (its word for strictly
// necessary). Its own descriptions say better: a "Functional" entry whose description speaks of
// a language/currency/preference setting is functional; one that speaks of statistics,
// experiments or session recording is analytics. Consent-state cookies stay necessary.
const CONSENT = /consent|cookie (preference|agreement|banner|settings)|opt[- ]?out|checkbox|fraud|captcha|bot/i;
const PREFERENCE = /(language (preference|setting|version|selection)|preferred language|selected language|stores? the (user'?s? )?language|language preference|currency|user preferences?|remembers? (the )?user'?s? (preference|setting|choice)|player pr|customi[sz]ation|recently viewed|wish ?list|chat state|live ?chat)/i;
const MEASUREMENT = /(analytic|statistic|experiment|sampl(e|ing)|session count|heatmap|recording|a\/b test|measurement)/i;
function refineOcd(category, description = '') {
  if (category !== 'Functional' || CONSENT.test(description)) return null;
  if (MEASUREMENT.test(description)) return 'analytics';
  if (PREFERENCE.test(description)) return 'functional';
  return null;
}

// OCD names that say nothing on their own ("c", "uid", "token") apply only where OCD saw them:
// scoped to the domain in OCD's free-text domain field ("adform.net (3rd party)"), or dropped
// when that field names none.
const GENERIC = new Set(['uid', 'uuid', 'id', 'ids', 'token', 'visitor', 'version', 'callback', 'hash', 'session', 'sess',
  'user', 'userid', 'sid', 'data', 'test', 'state', 'lang', 'language', 'locale', 'country', 'region', 'currency', 'ref',
  'referrer', 'source', 'tracking', 'auth', 'login', 'cart', 'device', 'optout', 'consent', 'pref', 'prefs', 'settings']);
function ocdScope(name, domainText) {
  if (name.length > 3 && !GENERIC.has(name.toLowerCase())) return '';
  const m = /(?:^|[\s.(])([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})/i.exec(domainText ?? '');
  return m ? m[1].toLowerCase() : null;  // null: drop the entry
}
let droppedGeneric = 0, scopedGeneric = 0;

const rows = [];
for (const e of curated.entries ?? []) {
  if (!PURPOSES.includes(e.purpose)) fail(`${curatedPath}: "${e.name}": unknown purpose "${e.purpose}"`);
  if (!MATCH.includes(e.match)) fail(`${curatedPath}: "${e.name}": unknown match "${e.match}"`);
  if (e.match === 'regex') { try { new RegExp(e.name); } catch (err) { fail(`${curatedPath}: "${e.name}": ${err.message}`); } }
  rows.push({ name: e.name, match: e.match, purpose: e.purpose, vendor: e.vendor ?? '', domain: (e.domain ?? '').toLowerCase(), source: 0 });
}
let ocdCount = 0, refinedCount = 0;
for (const [platform, entries] of Object.entries(ocd)) {
  for (const e of entries) {
    const mapped = OCD_PURPOSE[e.category];
    if (!mapped) fail(`${ocdPath}: "${e.cookie}": unknown category "${e.category}"`);
    const refined = refineOcd(e.category, e.description);
    if (refined) ++refinedCount;
    const purpose = refined ?? mapped;
    if (!e.cookie) continue;
    const scope = ocdScope(e.cookie, e.domain);
    if (scope === null) { ++droppedGeneric; continue; }
    if (scope) ++scopedGeneric;
    rows.push({ name: e.cookie, match: e.wildcardMatch === '1' ? 'prefix' : 'exact', purpose, vendor: platform, domain: scope, source: 1 });
    ++ocdCount;
  }
  ocdCount -= 0;
}
if (ocdCount < 1000) fail(`${ocdPath}: only ${ocdCount} entries; is it truncated?`);

let pool = '';
const poolIndex = new Map();
function intern(s) {
  if (!poolIndex.has(s)) {
    poolIndex.set(s, Buffer.byteLength(pool, 'utf8'));
    pool += s;
  }
  return [poolIndex.get(s), Buffer.byteLength(s, 'utf8')];
}
// Exact rows sorted by name bytes for binary search; others in order (curated first).
const cmp = (a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)) || a.source - b.source;
const exact = rows.filter(r => r.match === 'exact').sort(cmp);
const other = rows.filter(r => r.match !== 'exact');
const emit = r => {
  const [no, nl] = intern(r.name), [vo, vl] = intern(r.vendor), [dom, dl] = intern(r.domain);
  return `  {${no}, ${nl}, ${vo}, ${vl}, ${dom}, ${dl}, ${MATCH.indexOf(r.match)}, ${PURPOSES.indexOf(r.purpose)}, ${r.source}},\n`;
};
let body = '';
body += `extern const std::size_t kExactCount = ${exact.length};\nextern const CatalogRow kExact[] = {\n${exact.map(emit).join('')}};\n`;
body += `extern const std::size_t kPatternCount = ${other.length};\nextern const CatalogRow kPatterns[] = {\n${other.map(emit).join('')}};\n`;
const out = `// Generated by tools/gen/cookies.mjs — do not edit.
// Sources: Open Cookie Database via @slashgear/gdpr-cookie-scanner ${ocdVersion} (Apache-2.0), sha256 ${sha256(ocdBytes)};
//          trackscope curated catalog (MPL-2.0), sha256 ${sha256(curatedBytes)}.
// ${ocdCount} OCD entries, ${rows.length - ocdCount} curated entries.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "classify/cookie_catalog_table.h"

namespace trackscope::cookie_catalog_table {
extern const std::string_view kSource = ${cppString(`Open Cookie Database (@slashgear/gdpr-cookie-scanner ${ocdVersion}) + trackscope curated (${rows.length - ocdCount} entries)`)};
extern const std::string_view kPool = ${cppString(pool)};
${body}}  // namespace trackscope::cookie_catalog_table
`;
writeIfChanged(output, out);
console.log(`cookies: ${ocdCount} OCD (${refinedCount} "Functional" refined by their descriptions, ${scopedGeneric} generic names scoped to their domain, ${droppedGeneric} without one dropped) + ${rows.length - ocdCount} curated catalog entries`);
