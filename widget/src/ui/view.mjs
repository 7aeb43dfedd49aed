// The view model both renderers (panel.mjs, table.mjs) draw: plain data, no DOM. Built from the
// core's report — items[], trackers[], policy.roles (through itemsByCategory), privacy.*.verdict,
// findings[].itemId — and worded by @trackscope/presentation. It decides nothing: who is behind an
// item, its purpose, category, lifetime and evidence, and the DNT/GPC verdicts are the core's. What
// it adds is the widget's own knowledge: where an item came from (merge.mjs: this page, the scan,
// or both) and that a script cannot see a cookie's lifetime.
//
//   buildView({ report, scan, scanDate, origin, adopted, signals, pageUrl, notices })
//   // {mode: 'live' | 'scan', summary, foot, notices, categories: [{id, label, description, roles,
//   //  items: [row]}], unused, thirdParties, findings, signals, fingerprinting, badge}
//
// report: the core's report of this page, after merge.mjs's adoptScanVerdicts (`adopted`: the
// scan's items it took verdicts from); origin: merge.mjs's origin of the items. With origin null
// the report is the scan itself, shown because the live analysis failed. signals: what the
// visitor's browser sends (observe.mjs); pageUrl: this page, to say when the scan was of another.
import { detailsOf, itemsByCategory, kindCounts, trackerIndex } from '@trackscope/presentation/model.mjs';
import { clip, plural, safeText, shortUrl } from '@trackscope/presentation/text.mjs';
import {
  capitalize, confidenceWord, cookieFlags, itemTypeText, kindCountsText, payloadLines, PURPOSE_WORDS, setterText, SIGNAL_NAMES, SOURCE_WORDS,
  STANCE_WORDS, typeCounts,
} from '@trackscope/presentation/words.mjs';
import { itemOrigin, siteOrigin } from './merge.mjs';

const list = value => (Array.isArray(value) ? value : []);
const SEVERITY = { error: 0, warning: 1, info: 2 };
// A cookie the page's scripts see, which the scan does not know: the core was told "session".
export const HIDDEN_LIFETIME = 'unknown (not visible to scripts)';

export function formatDate(date) {
  try {
    return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

// "the site's last scan (3 Dec 2026)"
export const scanLabel = date => (date ? `the site's last scan (${formatDate(date)})` : "the site's last scan");

// " of /index.html" when the scan was of another page than `pageUrl`.
export function scannedPage(scan, pageUrl) {
  try {
    const here = new URL(pageUrl);
    const scanned = new URL(scan.page.url);
    if (scanned.origin === here.origin && scanned.pathname === here.pathname) return '';
    return ` of ${scanned.origin === here.origin ? scanned.pathname : scanned.href}`;
  } catch {
    return '';
  }
}

// The report's findings, gravest first; `message` as the core says it, capitalised.
function findingsOf(report) {
  return list(report.findings)
    .filter(f => typeof f?.message === 'string' && f.message)
    .map(f => ({ severity: f.severity in SEVERITY ? f.severity : 'info', kind: String(f.kind ?? ''),
                 message: capitalize(safeText(f.message)), itemId: f.itemId ?? null }))
    .sort((a, b) => SEVERITY[a.severity] - SEVERITY[b.severity]);
}

function cookieFacts(d, item, source, label) {
  const facts = [];
  if (source !== 'live') {
    const path = d.path || '/';
    facts.push(['Domain', `${safeText(d.domain)}${d.hostOnly ? '' : ' and its subdomains'}${path === '/' ? '' : `, path ${safeText(path)}`}`]);
  }
  const setter = setterText(d.setBy);
  if (setter) facts.push(['Set by', safeText(setter)]);
  const flags = source === 'live' ? [] : cookieFlags(d).filter(f => !f.startsWith('Domain='));
  if (flags.length) facts.push(['Flags', flags.join(', ')]);
  if (source === 'both' && !d.session) facts.push(['Lifetime', `${item.lifetime}, as seen by ${label}`]);
  return facts;
}

function itemFacts(item, d, source, label) {
  const facts = [];
  if (item.kind === 'cookie') facts.push(...cookieFacts(d, item, source, label));
  if (item.kind === 'storage') facts.push(['Origin', safeText(d.origin)]);
  if (item.kind === 'beacon') {
    facts.push(['Sent to', safeText(shortUrl(d.endpoint || d.url))]);
    if (d.pixel?.name) facts.push(['Recognised as', safeText(d.pixel.name)]);
    const ids = list(d.identifiers).map(id => `${safeText(id.param)}${id.meaning ? ` (${safeText(id.meaning)})` : ''}`);
    if (ids.length) facts.push(['Carries', ids.join(', ')]);
    const sends = payloadLines(d.payload).map(safeText);
    if (sends.length) facts.push(['What it sends', sends.join(' · ')]);
    if (item.count > 1) facts.push(['Sent', `${item.count} times`]);
  }
  if (item.kind !== 'beacon' && source !== 'scan' && typeof d.value === 'string') {
    facts.push(['Value in your browser', clip(d.value, 120) || '(empty)', 'mono']);
  }
  if (item.kind === 'storage' && d.identifier) facts.push(['Holds', `an identifier (${d.identifierBits} bits)`]);
  if (typeof item.confidence === 'number') facts.push(['Confidence', confidenceWord(item.confidence)]);
  return facts;
}

// Who is behind it, as the core's trackers[] name it; the page's own site says so.
function providerText(tracker, item) {
  if (!tracker) return safeText(item.vendor ?? item.site);
  return tracker.party === 'first' ? `${safeText(tracker.name)} (this site)` : safeText(tracker.name);
}

function itemRow(item, ctx) {
  const d = detailsOf(ctx.report, item) ?? {};
  const source = itemOrigin(ctx.origin, item);
  const scanItem = ctx.adopted.get(item.id);
  const evidence = list((scanItem ? detailsOf(ctx.scan, scanItem) : d)?.evidence).map(e => safeText(e?.text)).filter(Boolean);
  if (!evidence.length && item.evidence) evidence.push(safeText(item.evidence));
  return {
    id: item.id, kind: item.kind, name: safeText(item.name) || '(no name)', type: capitalize(itemTypeText(item, d)),
    provider: providerText(ctx.trackerOf(item), item),
    lifetime: item.kind === 'cookie' && source === 'live' ? HIDDEN_LIFETIME : item.lifetime ?? '',
    purposeId: item.purpose, purpose: capitalize(PURPOSE_WORDS[item.purpose] ?? safeText(item.purpose)), category: item.category,
    evidence, evidenceLead: scanItem ? `Classified by ${ctx.label}, which saw more than a page script can:` : null,
    facts: itemFacts(item, d, source, ctx.label),
    source, fromScan: ctx.mode === 'live' && source === 'scan',
    findings: ctx.findings.filter(f => f.itemId === item.id),
  };
}

// Third-party sites (report.sites), each with the trackers the core puts on it, the policy
// categories of those trackers' items and the requests made to it.
function thirdParties(report, ctx) {
  const trackers = list(report.trackers);
  const itemsOf = new Map(list(report.items).map(i => [i.id, i]));
  const sites = list(report.sites).filter(s => s.party === 'third')
    .map(s => ({ site: s.site, hosts: list(s.hosts), requests: list(s.requests), vendors: list(s.vendors).map(v => v?.name) }));
  for (const t of trackers) {
    if (t.party === 'third' && !sites.some(s => s.site === t.site)) sites.push({ site: t.site, hosts: [], requests: [], vendors: [] });
  }
  return sites.map(s => {
    const source = siteOrigin(ctx.origin, s.hosts);
    const here = trackers.filter(t => t.site === s.site);
    const categories = new Set(here.flatMap(t => list(t.items)).map(id => itemsOf.get(id)?.category));
    const labels = list(report.policy?.categories).filter(c => categories.has(c.id)).map(c => safeText(c.label));
    const ids = new Set(here.map(t => t.id));
    return {
      site: safeText(s.site), hosts: s.hosts.map(safeText),
      vendors: [...new Set([...here.map(t => t.vendor), ...s.vendors].filter(Boolean).map(safeText))],
      requests: typeCounts(s.requests).join(', '), categories: labels,
      source, fromScan: ctx.mode === 'live' && source === 'scan',
      findings: ctx.findings.filter(f => ids.has(f.itemId)),
    };
  });
}

// The visitor's DNT and GPC against the site's stance, with the core's verdict on this load.
function signalCards(report, ctx) {
  return ['gpc', 'dnt'].map(sig => {
    const p = report.privacy?.[sig] ?? {};
    const declared = p.declared in STANCE_WORDS ? p.declared : 'not-stated';
    const sources = list(p.sources);
    const verdict = p.verdict ?? null;
    // What the scan found that this load cannot (its Tk header, an EFF DNT policy); the declaration
    // is the policy's, which this load has too.
    const scanOnly = ctx.mode === 'live' ? list(ctx.scan?.privacy?.[sig]?.sources)
      .filter(s => s?.source !== 'declaration' && !sources.some(x => x.source === s.source && x.stance === s.stance)) : [];
    return {
      signal: sig, name: SIGNAL_NAMES[sig], sent: Boolean(ctx.signals?.[sig]), declared, stance: STANCE_WORDS[declared],
      sources: sources.filter(s => s.stance === declared).map(s => SOURCE_WORDS[s.source] ?? safeText(s.source)),
      policyStance: declared === 'not-stated' && p.policyStance !== 'not-stated' && verdict?.code !== 'no-stance'
        ? STANCE_WORDS[p.policyStance] ?? null : null,
      verdict: verdict && { code: verdict.code, tone: verdict.tone, message: safeText(verdict.message) },
      verdictFrom: ctx.mode === 'scan' ? ctx.label : null,
      scanSources: scanOnly.map(s => `${SOURCE_WORDS[s.source] ?? safeText(s.source)}: ${STANCE_WORDS[s.stance] ?? safeText(s.stance)}`),
    };
  });
}

function fingerprinting(report) {
  return list(report.fingerprinting).filter(f => f && f.verdict !== 'none').map(f => ({
    script: safeText(shortUrl(f.scriptUrl)) || 'an inline script', vendor: safeText(f.vendor ?? ''), verdict: safeText(f.verdict),
    evidence: list(f.evidence).map(safeText).filter(Boolean),
  }));
}

export function buildView({ report, scan = null, scanDate = null, origin = null, adopted = new Map(), signals = {},
                            pageUrl = '', notices = [] }) {
  const mode = origin ? 'live' : 'scan';
  const label = scanLabel(scanDate);
  const findings = findingsOf(report);
  const ctx = { report, scan, origin, adopted, mode, label, findings, signals, trackerOf: trackerIndex(report) };
  const categories = itemsByCategory(report).map(c => ({
    id: c.id, label: safeText(c.label) || safeText(c.id), description: safeText(c.description),
    // The parts the category plays (policy.roles); `role` is what presentation said before `roles`.
    roles: c.roles,
    items: c.items.map(item => itemRow(item, ctx)),
  }));
  const parties = thirdParties(report, ctx);
  const counts = kindCounts(list(report.items));
  const where = scan ? scannedPage(scan, pageUrl) : '';
  let foot;
  if (mode === 'scan') foot = `From ${label}${where}, not from your visit.`;
  else if (scan) foot = `Checked live in your browser, plus ${label}${where} for what page scripts cannot see.`;
  else foot = 'Checked live in your browser, which shows page scripts no HttpOnly cookies, lifetimes or embedded frames.';
  return {
    mode, notices, scanLabel: label, findings, categories,
    unused: categories.filter(c => !c.items.length && c.id).map(c => c.label),
    thirdParties: parties, signals: signalCards(report, ctx), fingerprinting: fingerprinting(report),
    summary: [kindCountsText(counts) || 'No cookies, storage items or beacons', plural(parties.length, 'third-party site')].join(' · '),
    foot: `${foot} Nothing is sent anywhere.`,
    badge: parties.length,
  };
}
