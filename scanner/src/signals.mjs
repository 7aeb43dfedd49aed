// Privacy signals in the scanner: sending Do Not Track / Global Privacy Control as a browser that
// has them switched on does, fetching the site's declarations (/.well-known/gpc.json and
// /.well-known/dnt-policy.txt), and the off/on comparison of two visits.
//
//   const context = await launchBrowser(...);
//   await applySignals(context, { gpc: true });      // before capturePage()
//   const { capture } = await capturePage(context, url, { afterLoad: page => readDeclarations(page, newContext) });

import { safeText } from '@trackscope/presentation/text.mjs';
import { comparisonGroups } from '@trackscope/presentation/model.mjs';
import { declarationText } from '@trackscope/presentation/words.mjs';

const MAX_BODY = 65536;

// Extra request headers for the signals: exactly what browsers send (GPC spec: "Sec-GPC: 1";
// DNT: "DNT: 1").
export function signalHeaders({ dnt = false, gpc = false } = {}) {
  const headers = {};
  if (dnt) headers.DNT = '1';
  if (gpc) headers['Sec-GPC'] = '1';
  return headers;
}

// Page script that makes navigator.doNotTrack / navigator.globalPrivacyControl say what the
// headers say. `expose`: define globalPrivacyControl (false) even with GPC off, as browsers that
// support GPC do, so that reads of it are seen in both visits of a comparison.
export function signalInitScript({ dnt = false, gpc = false, expose = false } = {}) {
  const props = [];
  if (dnt) props.push(['doNotTrack', '1']);
  if (gpc || expose) props.push(['globalPrivacyControl', gpc]);
  if (!props.length) return '';
  // Getters on Navigator.prototype, like the native properties: the page instrumentation wraps
  // them (it runs after this script) and reports every read.
  return `(function(){${props.map(([name, value]) =>
    `Object.defineProperty(Navigator.prototype,${JSON.stringify(name)},{configurable:true,enumerable:true,` +
    `get:function(){return ${JSON.stringify(value)};}});`).join('')}})();`;
}

// Makes `context` send the signals: headers on every request, navigator properties in every
// document. Call before the page instrumentation is installed (capturePage does that).
export async function applySignals(context, signals = {}, extraHeaders = {}) {
  // One call sets them all (setExtraHTTPHeaders replaces): the profile's headers (profile.mjs) and the signals'.
  const headers = { ...extraHeaders, ...signalHeaders(signals) };
  if (Object.keys(headers).length) await context.setExtraHTTPHeaders(headers);
  const script = signalInitScript(signals);
  if (script) await context.addInitScript({ content: script });
}

const WELL_KNOWN_TIMEOUT_MS = 4000;  // each document, fetched side by side; the capture waits at most 10 s
// A consent manager's declaration is kept whole up to this size, fetched here or loaded by the page
// (capture.mjs): Cookiebot's cc.js runs to ~150 KiB, OneTrust's lists to a few hundred.
export const MAX_CMP_BODY = 4 * 1024 * 1024;

// Fetches the page origin's gpc.json and dnt-policy.txt after the load — the capture's `wellKnown`
// — from outside the page: each in a tab of a fresh browser context (`newContext()`, closed after),
// as a browser opening the address would: through the browser's network (its host rules and
// certificates), following redirects to other origins, without the page's cookies, and storing
// none the answer sets. The audited page's JavaScript never sees it. Status 0 = the fetch failed.
// Bodies are clipped to 64 KiB.
// `cmpUrls`: consent managers' declarations that the page's banner does not load itself (the
// core's cmpDocumentToFetch), fetched the same way; those answered 200 with a body of at most
// MAX_CMP_BODY become `wellKnown.cmp` [{url, body}].
export async function readDeclarations(page, newContext, cmpUrls = []) {
  let origin;
  try {
    const url = new URL(page.url());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return {};
    origin = url.origin;
  } catch {
    return {};
  }
  const context = await newContext().catch(() => null);
  if (!context) return {};
  try {
    const get = async url => {
      try {
        const tab = await context.newPage();
        const response = await tab.goto(url, { waitUntil: 'commit', timeout: WELL_KNOWN_TIMEOUT_MS });
        return response ? { status: response.status(), body: await response.text() } : { status: 0, body: '' };
      } catch {
        return { status: 0, body: '' };  // no answer, a TLS or network error
      }
    };
    const clipped = ({ status, body }) => ({ status, body: body.slice(0, MAX_BODY) });
    const [gpcJson, dntPolicy, ...cmp] = await Promise.all([
      get(`${origin}/.well-known/gpc.json`).then(clipped), get(`${origin}/.well-known/dnt-policy.txt`).then(clipped),
      ...cmpUrls.map(get),
    ]);
    const documents = cmp.map(({ status, body }, i) => ({ url: cmpUrls[i], status, body }))
      .filter(d => d.status === 200 && d.body && d.body.length <= MAX_CMP_BODY).map(({ url, body }) => ({ url, body }));
    return { wellKnown: { gpcJson, dntPolicy, ...(documents.length ? { cmp: documents } : {}) } };
  } finally {
    await context.close().catch(() => {});
  }
}

// The comparison's verdict as a terminal block.
export function renderComparison(comparison, { color = false } = {}) {
  const bold = s => (color ? `\x1b[1m${s}\x1b[0m` : s);
  const c = comparison;
  const lines = ['', bold(`${c.signal.toUpperCase()} comparison: ${c.verdict}`), `  ${safeText(c.reason)}`];
  const n = c.counts;
  lines.push(`  tracking items without ${c.signal.toUpperCase()}: ${n.trackingWithout}; dropped ${n.dropped}, ` +
             `persisting ${n.persisting}, new ${n.new}`);
  const list = (label, items) => {
    if (items.length) lines.push(`    ${label.padEnd(10)} ${items.map(i => `${i.kind} ${safeText(i.name)}`).join(', ')}`);
  };
  for (const group of comparisonGroups(c)) {
    lines.push(`  ${safeText(group.label)}`);
    list('persisting', group.persisting);
    list('dropped', group.dropped);
    list('new', group.new);
  }
  lines.push(`  declared: ${safeText(c.declared.message)}${c.declared.contradiction ? '  (CONTRADICTION)' : ''}`);
  return `${lines.join('\n')}\n`;
}

// The report's privacy section and findings as a terminal block.
export function renderPrivacy(report, { color = false } = {}) {
  const bold = s => (color ? `\x1b[1m${s}\x1b[0m` : s);
  const p = report.privacy;
  if (!p) return '';
  const lines = ['', bold('PRIVACY SIGNALS')];
  for (const name of ['dnt', 'gpc']) {
    const s = p[name];
    const sources = s.sources.map(x => `${x.source}: ${x.stance}`).join(', ');
    const site = s.declared === 'not-stated' ? 'the site states no stance' : `the site declares ${s.declared}${sources ? ` (${sources})` : ''}`;
    const policy = s.policyStance && s.policyStance !== 'not-stated' ? `; the selected policy says ${s.policyStance}` : '';
    lines.push(`  ${name.toUpperCase().padEnd(4)} sent ${s.sent ? 'yes' : 'no'} (${s.headerRequests} requests with the header), ` +
               `read ${s.reads}×, ${site}${policy}`);
    lines.push(`       ${safeText(s.verdict.message)}`);
  }
  const gpc = p.gpcJson;
  lines.push(`  gpc.json        ${gpc.status}${gpc.status === 'valid' ? `: gpc ${gpc.gpc}${gpc.lastUpdate ? `, lastUpdate ${safeText(gpc.lastUpdate)}` : ''}` : ''}` +
             `${gpc.reason ? ` — ${safeText(gpc.reason)}` : ''}`);
  const dnt = p.dntPolicy;
  lines.push(`  dnt-policy.txt  ${dnt.status}${dnt.version ? `: ${safeText(dnt.version)}` : ''}${dnt.reason ? ` — ${safeText(dnt.reason)}` : ''}`);
  for (const r of p.reads) lines.push(`  reads ${r.property} ${r.count}×: ${safeText(r.scriptUrl || 'inline script')}${r.vendor ? ` (${safeText(r.vendor)})` : ''}`);
  for (const t of p.tk) lines.push(`  Tk: ${safeText(t.value)} (${t.meaning}) from ${safeText(t.host)}`);
  for (const s of p.consentStrings) lines.push(`  consent ${s.kind} (${safeText(s.cookie)}): ${safeText(s.summary)}`);
  const declared = declarationText(report.policy?.declaration);
  if (declared) lines.push(`  declaration     ${safeText(declared)}`);
  for (const n of report.policy?.declaration?.notes ?? []) lines.push(`                  note: ${safeText(n.message)}`);
  if (report.findings?.length) {
    lines.push('', bold(`FINDINGS (${report.findings.length})`));
    for (const f of report.findings) lines.push(`  ${f.severity.padEnd(7)} ${f.kind.padEnd(20)} ${safeText(f.message)}`);
  }
  return `${lines.join('\n')}\n`;
}
