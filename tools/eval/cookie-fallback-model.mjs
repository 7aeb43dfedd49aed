// Experiment (not adopted): can a trained model beat the heuristic rules on the cookies that no
// catalog entry or vendor attribution decides? Multinomial logistic regression over what the
// heuristics look at — name words and 4-letter prefixes, leading underscores, party, session and
// lifetime bucket, HttpOnly/Secure/host-only/SameSite, the value's shape and length — trained on
// every labelled cookie of the other folds and evaluated on the held-out fold, 5 folds split by
// name family (digits and trailing hex ids removed), like the data's own dev/test split.
//
//   node tools/eval/cookie-fallback-model.mjs [../shared/data/cookies/cookieblock_dev.csv]
//
// Prints, for the cookies the rules decide by heuristics alone, the rules' accuracy and the
// model's (plain and class-balanced), and the whole classifier's accuracy / balanced accuracy
// with the model in place of the heuristics. Results: BENCHMARKS.md, "Cookie purposes".
import fs from 'node:fs';
import { CLASSES, asLabelClass, classifyRows, metrics, parseCsv } from 'trackscope/eval-cookies';
import { core } from 'trackscope';

const file = process.argv[2] ?? new URL('../../../shared/data/cookies/cookieblock_dev.csv', import.meta.url).pathname;
if (!fs.existsSync(file)) {
  console.error(`${file}: not found (the labelled data lives in ../shared/data, outside the repository)`);
  process.exit(2);
}
const rows = parseCsv(fs.readFileSync(file, 'utf8'));
const { predictions } = classifyRows(await core(), rows);
const rulePurpose = predictions.map(p => asLabelClass(p.purpose));
const byHeuristics = predictions.map(p => p.evidence[0]?.kind === 'heuristic');

// Lower-case words of a name, split at separators, lower->Upper and letter<->digit changes.
const words = name => name.split(/[^A-Za-z0-9]+/).flatMap(part => part.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])/))
  .filter(Boolean).map(w => w.toLowerCase());
const site = host => host.replace(/^\./, '').split('.').slice(-2).join('.');
function features(r) {
  const f = ['bias'];
  for (const w of words(r.name).filter(w => !/^\d+$/.test(w))) {
    f.push(`w:${w}`);
    if (w.length >= 4) f.push(`p4:${w.slice(0, 4)}`);
  }
  if (r.name.startsWith('__')) f.push('lead__'); else if (r.name.startsWith('_')) f.push('lead_');
  if (/\d{3,}/.test(r.name)) f.push('name-digits');
  let firstParty = '';
  try { firstParty = new URL(r.first_party_domain).hostname; } catch { /* no page */ }
  f.push(firstParty && site(r.domain) !== site(firstParty) ? 'third' : 'first');
  const days = Number(r.expiry_s) / 86400;
  f.push(r.session === '1' ? 'session' : `life:${days < 1 / 24 ? '<1h' : days < 1 ? '<1d' : days < 8 ? '<1w' : days < 32 ? '<1m' : days < 100 ? '<3m' : days < 370 ? '<1y' : days < 740 ? '<2y' : '>2y'}`);
  for (const flag of ['http_only', 'secure', 'host_only']) if (r[flag] === '1') f.push(flag);
  f.push(`samesite:${r.same_site || 'none'}`);
  const v = r.value ?? '';
  const shape = v === '' ? 'empty' : /^(0|1|true|false|yes|no)$/i.test(v) ? 'flag' : /^\d{10}(\d{3})?$/.test(v) ? 'timestamp'
    : /^\d+$/.test(v) ? 'number' : /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(v) ? 'uuid' : /^[0-9a-f]{16,}$/i.test(v) ? 'hex'
    : /^[a-z]{2,12}([-_][a-z]{2,4})?$/i.test(v) ? 'word' : /^GA\d\.\d\./.test(v) ? 'ga' : /[{%:|=&]/.test(v) ? 'structured'
    : /^[A-Za-z0-9+/_-]{16,}={0,2}$/.test(v) ? 'base64' : 'other';
  f.push(`shape:${shape}`, `vlen:${v.length < 4 ? 0 : v.length < 16 ? 1 : v.length < 40 ? 2 : v.length < 100 ? 3 : 4}`);
  return f;
}

const X = rows.map(features);
const y = rows.map(r => CLASSES.indexOf(r.category));
const family = name => name.toLowerCase().replace(/[0-9]+/g, '#').replace(/[-_.]?[a-f#]{6,}$/, '');
const fold = name => [...family(name)].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 0) % 5;

function train(indices, { l2, balanced }) {
  const counts = CLASSES.map((_, c) => indices.filter(i => y[i] === c).length);
  const weight = c => (balanced ? indices.length / CLASSES.length / counts[c] : 1);
  const W = new Map();
  for (let epoch = 0; epoch < 200; ++epoch) {
    const grad = new Map();
    for (const i of indices) {
      const p = softmax(score(W, X[i]));
      for (const k of X[i]) {
        if (!grad.has(k)) grad.set(k, CLASSES.map(() => 0));
        const g = grad.get(k);
        for (let c = 0; c < CLASSES.length; ++c) g[c] += weight(y[i]) * (p[c] - (c === y[i] ? 1 : 0));
      }
    }
    for (const [k, g] of grad) {
      if (!W.has(k)) W.set(k, CLASSES.map(() => 0));
      const w = W.get(k);
      for (let c = 0; c < CLASSES.length; ++c) w[c] -= (g[c] + l2 * w[c]) / indices.length;
    }
  }
  return W;
}
function score(W, x) {
  const s = CLASSES.map(() => 0);
  for (const k of x) { const w = W.get(k); if (w) for (let c = 0; c < s.length; ++c) s[c] += w[c]; }
  return s;
}
function softmax(s) {
  const m = Math.max(...s), e = s.map(v => Math.exp(v - m)), z = e.reduce((a, b) => a + b);
  return e.map(v => v / z);
}

const heuristicRows = rows.map((_, i) => i).filter(i => byHeuristics[i]);
const ruleCorrect = heuristicRows.filter(i => rulePurpose[i] === rows[i].category).length;
console.log(`${file}: ${rows.length} cookies, ${heuristicRows.length} decided by heuristics alone`);
console.log(`  rules (heuristics)        accuracy on those ${(ruleCorrect / heuristicRows.length).toFixed(3)}`);
for (const options of [{ l2: 1, balanced: false }, { l2: 1, balanced: true }, { l2: 5, balanced: true }]) {
  const system = [...rulePurpose];
  let correct = 0;
  for (let k = 0; k < 5; ++k) {
    const W = train(rows.map((_, i) => i).filter(i => fold(rows[i].name) !== k), options);
    for (const i of heuristicRows) {
      if (fold(rows[i].name) !== k) continue;
      const s = score(W, X[i]);
      system[i] = CLASSES[s.indexOf(Math.max(...s))];
      if (system[i] === rows[i].category) ++correct;
    }
  }
  const m = metrics(rows.map(r => r.category), system);
  console.log(`  model l2=${options.l2}${options.balanced ? ' balanced' : ''}`.padEnd(27) +
              `accuracy on those ${(correct / heuristicRows.length).toFixed(3)}; whole classifier ${m.accuracy.toFixed(3)} / ${m.balanced_accuracy.toFixed(3)}`);
}
