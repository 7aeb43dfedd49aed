// Renders the service worker's answer for a page ({report, page, settings, policy}) into DOM
// nodes. What it shows is the core's report (items, trackers, policy roles, verdicts), in the
// shared wording of @trackscope/presentation. No chrome.* here: popup.js feeds it, and scripts/bench-popup.mjs times it
// on a synthetic report. Page data (cookie names, URLs, titles, evidence quoting them) only ever
// reaches the DOM through Text nodes and attribute values, never as markup.
//
// Layout, top to bottom: category tiles (count per policy category; the advertising one counts
// trackers, like the badge) · notices · one section per non-empty category with its trackers and
// their items, each with a "Why" disclosure (evidence, confidence, facts; built when first opened)
// · third parties reached by requests alone · fingerprinting · the DNT/GPC panel · findings ·
// diagnostics.
import { el } from '@trackscope/presentation/dom.mjs';
import { comparisonGroups, detailsOf, itemsByCategory, kindCounts, requestTrackers } from '@trackscope/presentation/model.mjs';
import { clip, plural, shortUrl } from '@trackscope/presentation/text.mjs';
import {
  BEACON_KIND_WORDS, CONSENT_KIND_WORDS, consentClaimText, payloadLines, EVIDENCE_WORDS, PURPOSE_WORDS, SOURCE_WORDS, STANCE_WORDS, confidenceWord,
  consentRecordText, consentTag, cookieFlags, dntPolicyText, expiryText, gpcJsonText, kindCountsText, setterParts, signalHint,
  SIGNAL_VERDICT_TONE, SIGNAL_VERDICT_WORDS,
} from '@trackscope/presentation/words.mjs';

const KIND_TAGS = { cookie: 'Cookie', beacon: 'Beacon', storage: 'Storage' };

// Category colour: the one holding advertising is the warm one, the unclassified one grey, others
// in turn (policy.roles).
const PALETTE = ['c-green', 'c-blue', 'c-teal', 'c-violet'];
function categoryClass(report, category, index) {
  if (category.id === report.policy.roles.advertising) return 'c-hot';
  if (category.id === report.policy.roles.unclassified) return 'c-grey';
  return PALETTE[index % PALETTE.length];
}

const sectionId = id => `cat-${id}`;

// "Why" disclosures and what to build in them when first opened (one listener for all: see
// whyToggled).
const whyEntries = new WeakMap();

// Capture-phase listener for the non-bubbling `toggle` event of every "Why" disclosure; popup.js and
// the benchmark install it once on the container (installWhyListener).
function whyToggled(e) {
  const why = e.target;
  if (!why.open || !whyEntries.has(why)) return;
  const [item, details, meta] = whyEntries.get(why);
  whyEntries.delete(why);
  why.append(whyBody(item, details, meta));
}

export function installWhyListener(container) {
  container.addEventListener('toggle', whyToggled, true);
}

// ---- items ---------------------------------------------------------------------------------

function purposeTag(purpose) {
  return el('span', { class: `purpose p-${purpose}` }, PURPOSE_WORDS[purpose] ?? purpose);
}

function confidenceMeter(confidence) {
  const word = confidenceWord(confidence);
  return el('span', { class: `confidence conf-${word}`, title: `confidence ${confidence.toFixed(2)}` },
    el('span', { class: 'meter', 'aria-hidden': 'true', style: `--level:${Math.round(confidence * 100)}%` }),
    `${word} confidence`);
}

function fact(label, ...value) {
  const parts = value.flat().filter(v => v != null && v !== '');
  return parts.length ? [el('dt', {}, label), el('dd', {}, parts)] : null;
}

function mono(text, title) {
  return el('span', { class: 'mono', title: title ?? null }, text);
}

function cookieFacts(cookie, meta) {
  const setter = setterParts(cookie.setBy);
  const key = `${cookie.name}\n${cookie.domain}`;
  let setterText;
  if (setter) setterText = [setter.how, setter.where ? [' ', mono(setter.where, cookie.setBy.url)] : null];
  else if (meta?.cookiesSetDuringVisit?.includes(key)) setterText = 'during this visit; the setter was not seen';
  else setterText = 'before this page load (an earlier visit)';
  return [
    fact('Domain', mono(`${cookie.hostOnly ? '' : '.'}${cookie.domain}${cookie.path && cookie.path !== '/' ? cookie.path : ''}`)),
    fact('Lifetime', expiryText(cookie)),
    fact('Set by', setterText),
    fact('Attributes', cookieFlags(cookie).join(' · ') || 'none'),
    cookie.value ? fact('Value', mono(clip(cookie.value, 80), cookie.value.length > 80 ? `${cookie.value.length} characters` : null)) : null,
  ];
}

// A beacon endpoint's first hit; `count` hits in all.
function beaconFacts(beacon, count) {
  const ids = beacon.identifiers.map(id => el('li', {},
    mono(id.param || '(body)'), id.meaning ? ` ${id.meaning}` : '', ': ', mono(clip(id.value, 60)),
    id.cookie ? el('span', { class: 'shared' }, ` = value of ${id.cookie.party}-party cookie `, mono(id.cookie.name)) : null));
  const size = beacon.image ? `${beacon.image.width}×${beacon.image.height} image` : null;
  const sends = payloadLines(beacon.payload);
  return [
    fact('Sent as', BEACON_KIND_WORDS[beacon.kind] ?? beacon.kind, ` · ${beacon.method}`, beacon.status ? ` · HTTP ${beacon.status}` : '',
         size ? ` · ${size}` : '', beacon.bodySize != null ? ` · ${plural(beacon.bodySize, 'byte')}` : ''),
    fact('URL', mono(clip(beacon.url, 160), beacon.url), count > 1 ? ` (the first of ${count} hits)` : ''),
    beacon.scriptUrl ? fact('Sent by', mono(shortUrl(beacon.scriptUrl), beacon.scriptUrl)) : null,
    beacon.pixel ? fact('Pixel', beacon.pixel.name, beacon.pixel.account ? [' · account ', mono(beacon.pixel.account)] : null,
                        beacon.pixel.event ? [' · event ', mono(beacon.pixel.event)] : null,
                        beacon.pixel.match === 'path-shape' ? ' (proxied through this host)' : null) : null,
    ids.length ? fact('Identifiers', el('ul', { class: 'ids' }, ids)) : null,
    beacon.consentClaims?.length
      ? fact('Claims consent', el('ul', { class: 'ids' }, beacon.consentClaims.map(c => el('li', {}, consentClaimText(c))))) : null,
    sends.length ? fact('What it sends', el('ul', { class: 'ids sends' }, sends.map(line => el('li', {}, line)))) : null,
  ];
}

function storageFacts(item) {
  return [
    fact('Where', `${item.area} of `, mono(item.origin)),
    // No script: an inline one, or no write seen (the item was there already, or set by property
    // assignment): the area as it stands is read when the popup opens.
    fact('Written by', item.scripts.map((s, i) => [i ? ', ' : '', s ? mono(shortUrl(s), s) : 'no script seen']),
         ` (${plural(item.writes, 'write')})`),
    fact('Value', mono(clip(item.value, 80)), item.identifier ? ` — an identifier (${item.identifierBits} bits)` : ''),
  ];
}

// The "Why" disclosure's content: the evidence, the first of which decided the purpose.
function whyBody(item, details, meta) {
  const { kind } = item;
  const evidence = details.evidence.map((e, i) => el('li', { class: i === 0 ? 'decisive' : null },
    el('span', { class: `ev-kind ev-${e.kind}` }, EVIDENCE_WORDS[e.kind] ?? e.kind),
    el('span', { class: 'ev-text' }, e.text),
    e.purpose !== 'unclassified' || i === 0 ? el('span', { class: 'ev-purpose' }, '→ ', PURPOSE_WORDS[e.purpose] ?? e.purpose) : null));
  const facts = kind === 'cookie' ? cookieFacts(details, meta) : kind === 'beacon' ? beaconFacts(details, item.count) : storageFacts(details);
  return el('div', { class: 'why-body' },
    evidence.length
      ? [el('p', { class: 'why-lead' }, `Purpose ${PURPOSE_WORDS[item.purpose] ?? item.purpose}, confidence ${item.confidence.toFixed(2)}; the first line decided it:`),
         el('ol', { class: 'evidence' }, evidence)]
      : el('p', { class: 'why-lead' }, 'No evidence about its purpose: unclassified.'),
    el('dl', { class: 'facts' }, facts));
}

// One item (report.items[]): kind, name, lifetime (the core's words; a beacon's kind instead), and
// a "Why" disclosure built when first opened.
function itemView(report, item, meta) {
  const details = detailsOf(report, item);
  const why = el('details', { class: 'why' },
    el('summary', {},
      purposeTag(item.purpose),
      el('span', { class: `party party-${item.party}` }, item.party === 'first' ? '1st party' : '3rd party'),
      confidenceMeter(item.confidence),
      el('span', { class: 'why-label' }, 'Why?')));
  whyEntries.set(why, [item, details, meta]);
  const session = item.lifetime === 'session';
  return el('li', { class: `item k-${item.kind}`, 'data-item-id': item.id, 'data-kind': item.kind, 'data-name': item.name,
                    'data-purpose': item.purpose, 'data-category': item.category, 'data-party': item.party,
                    'data-vendor': item.vendor ?? '', 'data-lifetime': item.lifetime,
                    'data-evidence': item.evidence, 'data-count': item.count },
    el('div', { class: 'item-head' },
      el('span', { class: `kind-tag k-${item.kind}` }, KIND_TAGS[item.kind]),
      el('span', { class: 'item-name', title: item.kind === 'beacon' ? details.url : null }, item.name),
      el('span', { class: `lifetime ${item.kind === 'beacon' ? 'once' : session ? 'session' : 'persistent'}`,
                   title: item.kind === 'cookie' ? expiryText(details) : null },
        item.kind === 'beacon' ? BEACON_KIND_WORDS[details.kind] ?? details.kind : item.lifetime)),
    why);
}

function trackerView(report, tracker, meta, open) {
  const first = tracker.party === 'first';
  return el('details', { class: `tracker ${first ? 'first' : 'third'}`, 'data-tracker': tracker.name, 'data-tracker-id': tracker.id, open },
    el('summary', {},
      el('span', { class: 'tracker-name' }, tracker.name),
      el('span', { class: `party-tag ${first ? 'first' : 'third'}` },
        tracker.site === report.page.site && first ? 'this site' : first ? '1st party' : '3rd party'),
      el('span', { class: 'tracker-counts' }, kindCountsText(kindCounts(tracker.items)))),
    tracker.via ? el('p', { class: 'via' }, 'through its script ', mono(shortUrl(tracker.via), tracker.via), ' on this site') : null,
    el('ul', { class: 'items' }, tracker.items.map(item => itemView(report, item, meta))));
}

// ---- categories ----------------------------------------------------------------------------

// The overview: one row per policy category, a bar for its share of the page's items. The
// advertising category counts trackers (as the badge does), the others their sources.
function tilesView(report, categories) {
  const max = Math.max(1, ...categories.map(c => c.items.length));
  return el('nav', { class: 'tiles', 'aria-label': 'Policy categories' }, categories.map((c, i) => {
    const hot = c.id === report.policy.roles.advertising;
    const count = c.items.length;
    const sub = count ? plural(c.trackers.length, hot ? 'tracker' : 'source') : '';
    return el('button', { type: 'button', class: `tile ${categoryClass(report, c, i)}${count ? '' : ' empty'}${hot ? ' hot' : ''}`,
                          'data-category': c.id, 'aria-controls': count ? sectionId(c.id) : null, disabled: !count,
                          title: c.description || null },
      el('span', { class: 'tile-label' }, c.label),
      el('span', { class: 'tile-bar', 'aria-hidden': 'true' }, el('span', { style: `width:${Math.round((count / max) * 100)}%` })),
      el('span', { class: 'tile-count' }, String(count)),
      el('span', { class: 'tile-sub' }, sub));
  }));
}

function categoryView(report, category, index, meta, openTrackers) {
  const hot = category.id === report.policy.roles.advertising;
  return el('section', { class: `category ${categoryClass(report, category, index)}`, id: sectionId(category.id),
                         'data-category': category.id, 'aria-labelledby': `${sectionId(category.id)}-h` },
    el('h2', { id: `${sectionId(category.id)}-h`, tabindex: '-1' },
      el('span', { class: 'cat-label' }, category.label),
      el('span', { class: 'cat-count' }, `${plural(category.items.length, 'item')} · ${plural(category.trackers.length, hot ? 'tracker' : 'source')}`)),
    category.description ? el('p', { class: 'cat-desc' }, category.description) : null,
    category.trackers.map(t => trackerView(report, t, meta, openTrackers)));
}

// Third parties the page sent requests to that track with no cookie, beacon or storage item of
// theirs here (a script from doubleclick.net, Facebook's SDK).
function requestTrackersView(report) {
  const trackers = requestTrackers(report);
  if (!trackers.length) return null;
  return el('section', { class: 'block request-trackers', id: 'request-trackers', 'aria-labelledby': 'request-trackers-h' },
    el('h2', { id: 'request-trackers-h', tabindex: '-1' }, el('span', {}, 'Reached by requests alone'),
       el('span', { class: 'cat-count' }, plural(trackers.length, 'tracker'))),
    el('p', { class: 'cat-desc' }, 'No cookie, beacon or storage of theirs on this page; the requests themselves tell them who visited it.'),
    el('ul', { class: 'fp-list' }, trackers.map(t => el('li', { class: 'fp request-tracker', 'data-tracker-id': t.id, 'data-tracker': t.name },
      el('div', { class: 'item-head' },
        el('span', { class: 'item-name' }, t.name),
        el('span', { class: 'party' }, t.site)),
      el('p', { class: 'request-facts' }, [t.purposes.map(p => PURPOSE_WORDS[p] ?? p).join(', '), plural(t.requests, 'request'),
                                          t.listed ? `${t.listed} blocked by a filter list` : ''].filter(Boolean).join(' · '))))));
}

// ---- fingerprinting ------------------------------------------------------------------------

function fingerprintingView(report) {
  const scripts = report.fingerprinting.filter(f => f.verdict !== 'none');
  if (!scripts.length) return null;
  return el('section', { class: 'block fingerprinting', id: 'fingerprinting', 'aria-labelledby': 'fingerprinting-h' },
    el('h2', { id: 'fingerprinting-h', tabindex: '-1' }, el('span', {}, 'Fingerprinting'),
       el('span', { class: 'cat-count' }, plural(scripts.length, 'script'))),
    el('ul', { class: 'fp-list' }, scripts.map(f => el('li', { class: `fp ${f.verdict}`, 'data-script': f.scriptUrl },
      el('div', { class: 'item-head' },
        el('span', { class: `verdict-tag ${f.verdict}` }, f.verdict === 'likely' ? 'likely' : 'possible'),
        el('span', { class: 'item-name', title: f.scriptUrl || null }, f.scriptUrl ? shortUrl(f.scriptUrl) : `inline script on ${f.host}`),
        el('span', { class: `party party-${f.party}` }, f.party === 'first' ? '1st party' : '3rd party')),
      el('ul', { class: 'fp-evidence' }, f.evidence.map(text => el('li', {}, text)))))));
}

// ---- DNT / GPC -----------------------------------------------------------------------------

function signalCard(report, which, meta) {
  const s = report.privacy[which];
  const label = which === 'gpc' ? 'Global Privacy Control' : 'Do Not Track';
  const header = which === 'gpc' ? 'Sec-GPC: 1' : 'DNT: 1';
  const property = which === 'gpc' ? 'globalPrivacyControl' : 'doNotTrack';
  const reads = report.privacy.reads.filter(r => r.property === property);
  const verdict = s.verdict;  // the core's verdict on this load
  const hint = verdict.code === 'not-sent'
    ? `Test it below, or switch on “Send ${which === 'gpc' ? 'GPC' : 'DNT'}” in the options to send it as you browse.`
    : signalHint(verdict.code);
  const base = report.privacy.requestsWithHeaders;
  const excepted = meta?.signals?.enabled?.[which] && !meta.signals.forSite?.[which];
  let sent = 'no';
  if (s.sent) {
    sent = `yes — ${header} on ${s.headerRequests} of ${plural(base, 'request')}` +
           (meta?.signals?.forSite?.[which] ? `, navigator.${property} set` : '');
  } else if (excepted) {
    sent = 'no: this site is one of your exceptions';
  }
  const sources = s.sources.length === 1
    ? [`says ${SOURCE_WORDS[s.sources[0].source] ?? s.sources[0].source}`]
    : s.sources.map(src => `${SOURCE_WORDS[src.source] ?? src.source}: ${STANCE_WORDS[src.stance] ?? src.stance}`);
  const readerName = r => {
    if (!r.scriptUrl) return 'an inline script';
    if (r.scriptUrl === report.page.url) return 'an inline script of this page';
    return mono(shortUrl(r.scriptUrl), r.scriptUrl);
  };
  const siteFile = which === 'gpc' ? gpcJsonText(report.privacy.gpcJson) : dntPolicyText(report.privacy.dntPolicy);
  // What the consent manager stored about US opt-outs and GPC (usprivacy, GPP, OneTrust).
  const records = report.privacy.consentStrings.filter(c => c.valid)
    .map(c => ({ c, text: consentRecordText(c) })).filter(r => r.text);
  return el('div', { class: 'signal-card', 'data-signal': which },
    el('h3', {}, label),
    el('dl', { class: 'facts' },
      fact('Sent', sent),
      fact('Read by', reads.length
        ? reads.map((r, i) => [i ? ', ' : '', readerName(r),
                               r.count > 1 ? ` (${r.count}×)` : ''])
        : 'no script read it'),
      fact('The site', s.declared === 'not-stated' ? 'states no stance' : `${STANCE_WORDS[s.declared] ?? s.declared}`,
           sources.length ? ` (${sources.join('; ')})` : ''),
      s.policyStance && s.policyStance !== 'not-stated' ? fact('Selected policy', STANCE_WORDS[s.policyStance] ?? s.policyStance) : null,
      fact(which === 'gpc' ? 'gpc.json' : 'dnt-policy', siteFile),
      which === 'gpc' && records.length
        ? fact('Consent record', records.map(({ c, text }, i) => [i ? '; ' : '', mono(c.cookie), `: ${text}`]))
        : null,
      which === 'dnt' && report.privacy.tk.length
        ? fact('Tk header', report.privacy.tk.map((t, i) => [i ? ', ' : '', mono(`${t.host}: ${t.value}`), ` (${t.meaning})`]))
        : null),
    el('p', { class: `verdict ${verdict.tone}`, 'data-verdict': verdict.code }, verdict.message),
    hint ? el('p', { class: 'hint' }, hint) : null,
    siteTestView(which, meta?.tests?.[which]));
}

// Compared items as "cookie _fbp, beacon host/path", each name in mono; `note(item)` after each.
const comparedItems = (items, note = () => '') => items.map((i, n) => [n ? ', ' : '', `${i.kind} `, mono(i.name), note(i)]);

const testButton = (test, label) => el('button', { type: 'button', class: 'test-button', 'data-action': 'site-test', 'data-test': test }, label);

// "Test this site" with a signal: the button, and the last test's comparison (site-test.js; the
// scanner's `--compare-signals`): verdict, reason, and per group the tracking items dropped,
// still there and new with the signal.
function siteTestView(which, test) {
  const name = which === 'gpc' ? 'GPC' : 'DNT';
  const c = test?.comparison;
  const list = items => comparedItems(items);
  return el('div', { class: 'site-test', 'data-test': which, 'data-verdict': c?.verdict ?? null },
    c ? [
      el('p', { class: `verdict ${SIGNAL_VERDICT_TONE[c.verdict]}`, tabindex: '-1' },
        el('b', {}, `Tested: ${SIGNAL_VERDICT_WORDS[c.verdict] ?? c.verdict}. `), c.reason),
      el('dl', { class: 'facts site-test-changes' }, comparisonGroups(c).flatMap(g => [
        el('dt', {}, g.label),
        el('dd', {},
          g.dropped.length ? el('div', {}, `dropped with ${name}: `, list(g.dropped)) : null,
          g.persisting.length ? el('div', {}, 'still there: ', list(g.persisting)) : null,
          g.new.length ? el('div', {}, `new with ${name}: `, list(g.new)) : null),
      ])),
    ] : null,
    testButton(which, c ? `Test ${name} again` : `Test this site with ${name}`),
    el('p', { class: 'hint' }, `Reloads the page without and with ${name}, each as a first visit (your cookies for it are set aside and put back), and compares.`));
}

// The consent test (site-test.js; the scanner's `--consent all`): the core's consent comparison —
// per category the cookies, beacons and storage items before an answer, after "reject all" and
// after "accept all", and the tracking items after each answer.
function consentTestView(test) {
  const c = test?.comparison;
  const phases = ['none', 'reject', 'accept'];
  const title = { none: 'before', reject: 'after reject', accept: 'after accept' };
  const cell = counts => (counts ? String(counts.cookies + counts.beacons + counts.storage) : '–');
  const tracking = items => (items === null ? 'not measured' : items.length
    ? comparedItems(items, i => (i.beforeConsent === false ? ' (new)' : ''))
    : 'none');
  return el('details', { class: 'block consent-test', id: 'consent-test', open: Boolean(c) },
    el('summary', {}, el('h2', {}, 'Consent banner')),
    el('div', { class: 'site-test', 'data-test': 'consent', 'data-cmp': c?.cmp ?? null },
      c ? [
        el('p', { class: 'verdict', tabindex: '-1' }, el('b', {}, c.cmp ? `${c.cmp} banner. ` : 'No banner recognised. '), c.message),
        el('table', { class: 'consent-table' },
          el('thead', {}, el('tr', {}, el('th', {}, ''), phases.map(p => el('th', { scope: 'col' }, title[p])))),
          el('tbody', {}, c.categories.map(cat => el('tr', { 'data-category': cat.id },
            el('th', { scope: 'row' }, cat.label), phases.map(p => el('td', { 'data-phase': p }, cell(cat[p]))))))),
        el('dl', { class: 'facts site-test-changes' },
          fact('Tracking before an answer', tracking(c.beforeConsent)),
          fact('After “reject all”', tracking(c.afterReject)),
          fact('After “accept all”', tracking(c.afterAccept))),
      ] : null,
      testButton('consent', c ? 'Test the banner again' : 'Test the consent banner'),
      el('p', { class: 'hint' }, 'Loads the page as a first visit, answers its banner with “reject all” and loads it again; then the same with “accept all” (your cookies for it are set aside and put back).')));
}

function signalsView(report, meta, open) {
  const pill = (which, label) => {
    const s = report.privacy[which];
    return el('span', { class: `pill ${s.verdict.tone}` }, `${label} ${s.sent ? 'sent' : 'off'}`);
  };
  const fetched = meta?.wellKnownFetched;
  return el('details', { class: 'block signals', id: 'signals', open },
    el('summary', {},
      el('h2', {}, 'Do Not Track & GPC'),
      pill('gpc', 'GPC'), pill('dnt', 'DNT')),
    el('div', { class: 'signals-body' },
      signalCard(report, 'gpc', meta),
      signalCard(report, 'dnt', meta),
      el('p', { class: 'hint' }, fetched
        ? 'The site’s /.well-known/gpc.json and dnt-policy.txt were fetched when you opened this panel (without cookies).'
        : 'Opening this panel fetches the site’s /.well-known/gpc.json and dnt-policy.txt (without cookies).'),
      el('button', { type: 'button', class: 'link-button', 'data-action': 'options' }, 'Change what trackscope sends…')));
}

// ---- consent records -----------------------------------------------------------------------

// The consent manager's records (cookies the core decodes: TCF, GPP, US Privacy, OneTrust): what
// the site's partners read as the visitor's choice.
function consentRecordsView(report) {
  const records = report.privacy.consentStrings.filter(c => c.valid);
  if (!records.length) return null;
  return el('section', { class: 'block consent-records', id: 'consent-records', 'aria-labelledby': 'consent-records-h' },
    el('h2', { id: 'consent-records-h', tabindex: '-1' }, el('span', {}, 'Consent records'),
       el('span', { class: 'cat-count' }, String(records.length))),
    el('p', { class: 'cat-desc' }, 'What the site’s consent manager stored about your choice — what its partners read.'),
    el('ul', { class: 'finding-list' }, records.map(c => {
      const tag = consentTag(c);
      return el('li', { class: 'consent-record', 'data-cookie': c.cookie },
        el('div', { class: 'item-head' },
          tag ? el('span', { class: `verdict-tag ${tag.tone}` }, tag.text) : null,
          mono(c.cookie), el('span', { class: 'muted' }, CONSENT_KIND_WORDS[c.kind] ?? c.kind)),
        el('p', { class: 'consent-summary' }, c.summary));
    })));
}

// ---- findings, notices ---------------------------------------------------------------------

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };

function findingsView(report, policy) {
  if (!report.findings.length) {
    return policy?.hasDeclaration
      ? el('section', { class: 'block findings', id: 'findings' }, el('h2', {}, 'Findings'),
           el('p', { class: 'muted' }, `The page matches the declaration in “${report.policy.name}”.`))
      : null;
  }
  const findings = [...report.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  return el('section', { class: 'block findings', id: 'findings', 'aria-labelledby': 'findings-h' },
    el('h2', { id: 'findings-h', tabindex: '-1' }, el('span', {}, 'Findings'), el('span', { class: 'cat-count' }, String(findings.length))),
    policy?.hasDeclaration ? el('p', { class: 'cat-desc' }, `Checked against the declaration in “${report.policy.name}”.`) : null,
    el('ul', { class: 'finding-list' }, findings.map(f => el('li', { class: `finding ${f.severity}`, 'data-kind': f.kind },
      el('span', { class: `severity ${f.severity}` }, f.severity), el('span', {}, f.message)))));
}

function noticesView(response) {
  const { page: meta, policy } = response;
  const notes = [];
  if (policy?.warning) notes.push(el('p', { class: 'note warn' }, policy.warning));
  const dropped = meta?.dropped;
  if (dropped?.requests || dropped?.events) {
    notes.push(el('p', { class: 'note warn' }, `Busy page: ${plural(dropped.requests, 'request')} and ${plural(dropped.events, 'script event')} ` +
                                               'beyond the recording limit are not included.'));
  }
  if (meta?.restoredAt?.length) {
    notes.push(el('p', { class: 'note' }, 'Restored from the back/forward cache: this is the recording of its first load, plus what it did since.'));
  }
  if (meta?.noNavigationRequest) {
    notes.push(el('p', { class: 'note' }, 'Part of this page’s load happened before trackscope saw it: reload to record all of it.'));
  }
  if (meta?.history?.length) {
    const last = meta.history.at(-1);
    notes.push(el('p', { class: 'note' }, `This page changed its address ${meta.history.length === 1 ? 'once' : `${meta.history.length} times`} ` +
                                          'without reloading (single-page app); everything since it loaded is included. Now: ',
                  mono(clip(last.url.replace(/^[a-z]+:\/\//i, ''), 90), last.url)));
  }
  if (meta?.cookiesRemoved?.length) {
    notes.push(el('p', { class: 'note' }, `${plural(meta.cookiesRemoved.length, 'cookie')} removed while the page was open: `,
                  meta.cookiesRemoved.slice(0, 8).map((c, i) => [i ? ', ' : '', mono(`${c.name}`), ` (${c.domain})`]),
                  meta.cookiesRemoved.length > 8 ? ', …' : ''));
  }
  return notes;
}

function summaryLine(report) {
  const s = report.summary;
  const parts = [plural(s.thirdPartySites, 'third party', 'third parties'), plural(s.cookies, 'cookie'),
                 plural(s.beacons, 'beacon'), `${s.storageItems} in storage`, plural(s.requests, 'request')];
  return el('p', { class: 'summary-line' }, parts.join(' · '));
}

// All nodes of the popup's main area. options.signalsOpen: the DNT/GPC panel starts open.
export function renderReport(response, { signalsOpen = false } = {}) {
  const { report, page: meta, policy } = response;
  const categories = itemsByCategory(report);
  const nonEmpty = categories.map((c, i) => [c, i]).filter(([c]) => c.items.length);
  const empty = categories.filter(c => !c.items.length);
  // Small pages start with every tracker open; big ones with their names only.
  const openTrackers = report.items.length <= 30;
  return [
    tilesView(report, categories),
    summaryLine(report),
    ...noticesView(response),
    nonEmpty.length
      ? nonEmpty.map(([c, i]) => categoryView(report, c, i, meta, openTrackers))
      : el('p', { class: 'empty-page' }, 'No cookies, beacons or storage on this page.'),
    empty.length ? el('p', { class: 'nothing-in' }, 'Nothing in ', empty.map((c, i) => [i ? ', ' : '', el('b', {}, c.label)]), '.') : null,
    requestTrackersView(report),
    fingerprintingView(report),
    consentRecordsView(report),
    signalsView(report, meta, signalsOpen),
    consentTestView(meta?.tests?.consent),
    findingsView(report, policy),
    report.diagnostics.length
      ? el('details', { class: 'diagnostics' },
          el('summary', {}, plural(report.diagnostics.length, 'input problem'), ' (not analysed)'),
          el('ul', {}, report.diagnostics.map(d => el('li', {}, el('code', {}, d.path), ' ', d.message))))
      : null,
  ].flat().filter(Boolean);
}
