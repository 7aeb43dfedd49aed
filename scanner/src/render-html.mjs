// A self-contained HTML report: one file, no scripts, no external assets (charts are inline SVG,
// styles inline; the page's Content-Security-Policy forbids everything else), readable on screen
// and on paper. Every observed string goes through esc(): page data is text, never markup.
import { categoryLabel, comparisonGroups } from '@trackscope/presentation/model.mjs';
import { escapeHtml as esc, plural } from '@trackscope/presentation/text.mjs';
import { SIGNAL_NAMES, SIGNAL_VERDICT_TONE, consentClaimText, declarationText, filterText, payloadLines, setterText, signalHint, visitText } from '@trackscope/presentation/words.mjs';

export { esc };

const STYLE = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #59636e; --line: #d8dee4; --bg: #fff; --panel: #f6f8fa; --chip: #eef1f4;
        --good: #1a7f37; --bad: #cf222e; --warn: #9a6700; --info: #0969da; --first: #1a7f37; --third: #cf222e; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --line: #30363d; --bg: #0d1117; --panel: #151b23; --chip: #21262d;
        --good: #3fb950; --bad: #f85149; --warn: #d29922; --info: #4493f8; --first: #3fb950; --third: #f85149; } }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; max-width: 76rem; padding: 2rem 1.5rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: .2rem 0 .4rem; letter-spacing: -.01em; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .6rem; padding-bottom: .3rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
.muted { color: var(--muted); } .url { word-break: break-all; } code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: .88em; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .75rem; font-weight: 700; color: var(--muted); }
.lede { font-size: 1.15rem; max-width: 52rem; margin: .8rem 0 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(9.5rem, 1fr)); gap: .75rem; margin: 1.5rem 0 0; padding: 0; list-style: none; }
.cards li { background: var(--panel); border: 1px solid var(--line); border-radius: .6rem; padding: .7rem .9rem; }
.cards b { display: block; font-size: 1.9rem; line-height: 1.1; }
.cards .alert b { color: var(--bad); }
.verdicts { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: .75rem; }
.verdict { border: 1px solid var(--line); border-left: 6px solid var(--muted); border-radius: .5rem; padding: .7rem .9rem; background: var(--panel); }
.verdict.good { border-left-color: var(--good); } .verdict.bad { border-left-color: var(--bad); } .verdict.warn { border-left-color: var(--warn); }
.verdict h3 { margin: 0 0 .2rem; font-size: .8rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.verdict .big { font-size: 1.15rem; font-weight: 700; }
.verdict.good .big { color: var(--good); } .verdict.bad .big { color: var(--bad); } .verdict.warn .big { color: var(--warn); }
.badge { display: inline-block; font-size: .72rem; font-weight: 700; letter-spacing: .04em; border-radius: 1rem; padding: .05rem .5rem; color: #fff; background: var(--muted); white-space: nowrap; }
.badge.first { background: var(--first); } .badge.third { background: var(--third); }
.badge.error { background: var(--bad); } .badge.warning { background: var(--warn); } .badge.info { background: var(--info); }
.chart { width: 100%; max-width: 56rem; height: auto; }
.chart text { fill: var(--fg); font: 13px system-ui, sans-serif; } .chart .n { font-weight: 700; } .chart .axis { stroke: var(--line); }
.legend { display: flex; gap: 1rem; flex-wrap: wrap; font-size: .85rem; margin: .3rem 0 0; }
.legend i { display: inline-block; width: .8rem; height: .8rem; border-radius: .15rem; margin-right: .3rem; vertical-align: -.05rem; }
table { border-collapse: collapse; width: 100%; margin-top: .5rem; font-size: .9rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.name { font-family: ui-monospace, monospace; font-size: .88em; word-break: break-all; max-width: 16rem; }
td.url { max-width: 28rem; word-break: break-all; }
tr.group td { background: var(--chip); font-weight: 700; }
.swatch { display: inline-block; width: .7rem; height: .7rem; border-radius: .15rem; margin-right: .35rem; vertical-align: -.02rem; }
.why div + div { color: var(--muted); font-size: .85em; }
ul.findings { list-style: none; padding: 0; } ul.findings li { padding: .4rem 0; border-bottom: 1px solid var(--line); }
ul.findings .badge { margin-right: .5rem; }
.items { margin: .2rem 0 0; padding-left: 1.1rem; } .items li { margin: .1rem 0; }
section.site { border: 1px solid var(--line); border-radius: .6rem; padding: .8rem 1rem; margin: 0 0 .8rem; }
section.site h2 { border: 0; margin: 0; padding: 0; font-size: 1.05rem; } section.site .badge { margin-right: .5rem; }
footer { margin-top: 2.5rem; padding-top: 1rem; border-top: 2px solid var(--line); font-size: .8rem; }
@media print {
  :root { --fg: #000; --muted: #444; --bg: #fff; --panel: #fff; --chip: #eee; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; } tr, .verdict, .cards li, section.site, figure { break-inside: avoid; }
  .badge { border: 1px solid #000; color: #000; background: #fff !important; }
  a { color: inherit; text-decoration: none; }
}
`;

// Category colours by the part the category plays (policy.roles; of several, the first here: a
// category holding analytics and advertising is the advertising one), else from a palette.
const ROLE_COLORS = [['advertising', '#cf222e'], ['social', '#cf222e'], ['beacons', '#d4a72c'], ['analytics', '#8250df'],
                     ['functional', '#0969da'], ['necessary', '#2da44e'], ['unclassified', '#8c959f']];
const PALETTE = ['#0969da', '#8250df', '#bf3989', '#1b7c83', '#9a6700', '#57606a'];
function categoryColor(report, id, index) {
  const roles = report.policy?.roles ?? {};
  return ROLE_COLORS.find(([role]) => roles[role] === id)?.[1] ?? PALETTE[index % PALETTE.length];
}

function when(t) {
  return t ? String(t).replace('T', ' ').replace(/(:\d\d)(\.\d+)?Z$/, '$1 UTC') : null;
}

// Horizontal bars per policy category, stacked by kind (cookies, beacons, storage).
function categoryChart(report) {
  const counts = (report.policy?.categories ?? []).map(c => ({ ...c, total: c.cookies + c.beacons + c.storage }));
  if (!counts.length) return '';
  const kinds = [['cookies', 'Cookies', 1], ['beacons', 'Web beacons', 0.62], ['storage', 'Storage', 0.35]];
  const max = Math.max(1, ...counts.map(c => c.total));
  const labelW = 170, barW = 560, rowH = 30, top = 6;
  const height = top + counts.length * rowH + 4;
  const rows = counts.map((c, i) => {
    const y = top + i * rowH;
    const color = categoryColor(report, c.id, i);
    let x = labelW;
    const parts = kinds.map(([key, name, opacity]) => {
      const w = (c[key] / max) * barW;
      const rect = c[key] ? `<rect x="${x.toFixed(1)}" y="${y + 4}" width="${Math.max(w, 2).toFixed(1)}" height="${rowH - 10}" rx="3" fill="${color}" fill-opacity="${opacity}"><title>${esc(c.label)}: ${esc(plural(c[key], name.toLowerCase().replace(/s$/, ''), name.toLowerCase()))}</title></rect>` : '';
      x += w;
      return rect;
    }).join('');
    return `<text x="${labelW - 10}" y="${y + rowH / 2 + 4}" text-anchor="end">${esc(c.label)}</text>${parts}` +
      `<text class="n" x="${(x + 8).toFixed(1)}" y="${y + rowH / 2 + 4}">${c.total}</text>`;
  }).join('');
  const legend = kinds.map(([, name, opacity]) => `<span><i style="background:#57606a;opacity:${opacity}"></i>${name}</span>`).join('');
  return `<figure style="margin:0"><svg class="chart" viewBox="0 0 ${labelW + barW + 60} ${height}" role="img" aria-label="Items per policy category">` +
    `<line class="axis" x1="${labelW}" y1="0" x2="${labelW}" y2="${height}"/>${rows}</svg>` +
    `<figcaption class="legend">${legend}<span class="muted">categories of “${esc(report.policy.name)}”</span></figcaption></figure>`;
}

function badge(text, cls = '') {
  return `<span class="badge ${cls}">${esc(text)}</span>`;
}

function partyBadge(party) {
  return party === 'first' ? badge('1st party', 'first') : badge('3rd party', 'third');
}

// The single-load verdict codes (REPORT.md privacy.<signal>.verdict) as a headline.
const VERDICT_WORDS = { 'not-sent': 'not tested', contradicted: 'contradicted', 'record-ignores': 'not recorded',
                        'no-tracking': 'no tracking seen', 'as-declared': 'not honoured, as declared', 'no-stance': 'tracking went on' };


function signalVerdict(report, name, comparison) {
  const label = SIGNAL_NAMES[name];
  const p = report.privacy?.[name];
  if (comparison && comparison.signal === name) {
    const v = comparison.verdict;
    return `<div class="verdict ${SIGNAL_VERDICT_TONE[v] ?? ''}"><h3>${label}</h3><div class="big">${esc(v.replace('-', ' '))}</div>` +
      `<div>${esc(comparison.reason)}</div><div class="muted">declared: ${esc(comparison.declared.message)}` +
      `${comparison.declared.contradiction ? ` — ${badge('contradiction', 'error')}` : ''}</div></div>`;
  }
  if (!p) return '';
  // One load: the core's verdict on it (privacy.<signal>.verdict).
  const v = p.verdict;
  const hint = signalHint(v.code);
  return `<div class="verdict ${v.tone === 'neutral' ? '' : v.tone}" data-verdict="${esc(v.code)}"><h3>${label}</h3>` +
    `<div class="big">${esc(VERDICT_WORDS[v.code] ?? v.code)}</div><div>${esc(v.message)} Read by scripts ${p.reads}×.</div>` +
    `${hint ? `<div class="muted">${esc(hint)}</div>` : ''}` +
    `<div class="muted">Compare loads with and without it: <code>--compare-signals ${name}</code></div></div>`;
}

function consentVerdict(report, consent) {
  if (consent) {
    const before = consent.beforeConsent.length;
    const afterReject = consent.afterReject?.length;
    const cls = before || afterReject ? 'bad' : 'good';
    const big = afterReject ? 'tracks after “reject all”' : before ? 'tracks before consent' : 'waits for consent';
    return `<div class="verdict ${cls}"><h3>Consent banner</h3><div class="big">${esc(big)}</div><div>${esc(consent.message)}</div></div>`;
  }
  const before = (report.findings ?? []).filter(f => f.kind === 'before-consent');
  if (report.privacy?.consent !== 'none' && report.privacy?.consent !== 'rejected') return '';
  const stored = (report.privacy.consentStrings ?? []).filter(c => c.valid)
    .map(c => `<div class="muted"><code>${esc(c.cookie)}</code>: ${esc(c.summary)}</div>`).join('');
  return `<div class="verdict ${before.length ? 'bad' : 'good'}"><h3>Consent</h3><div class="big">${before.length ? 'tracks before consent' : 'nothing before consent'}</div>` +
    `<div>${before.length ? `${plural(before.length, 'tracking cookie or beacon', 'tracking cookies and beacons')} present although the visitor answered no banner.` : 'No tracking cookie or beacon before the visitor answered.'}</div>` +
    `${stored}<div class="muted">Answer the banner and compare: <code>--consent all</code></div></div>`;
}

function fingerprintVerdict(report) {
  const fp = report.fingerprinting ?? [];
  const likely = fp.filter(f => f.verdict === 'likely');
  const possible = fp.filter(f => f.verdict === 'possible');
  const cls = likely.length ? 'bad' : possible.length ? 'warn' : 'good';
  const big = likely.length ? `${plural(likely.length, 'script')} fingerprinting` : possible.length ? 'possible fingerprinting' : 'no fingerprinting seen';
  const who = [...likely, ...possible].map(f => f.scriptUrl || `inline script (${f.host})`);
  return `<div class="verdict ${cls}"><h3>Fingerprinting</h3><div class="big">${esc(big)}</div>` +
    `${who.length ? `<div class="url">${who.map(esc).join('<br>')}</div>` : '<div>Canvas, WebGL, audio and font probing were watched.</div>'}</div>`;
}

function lede(report, tracking, tracked) {
  const s = report.summary;
  const companies = tracked.length;
  const parts = [`Loading this page set <b>${esc(plural(s.cookies, 'cookie'))}</b>` +
    `${s.thirdPartyCookies ? ` (${esc(s.thirdPartyCookies)} by third parties)` : ''}`];
  if (s.beacons) parts.push(`sent <b>${esc(plural(s.beacons, 'web beacon'))}</b>`);
  parts.push(`contacted <b>${esc(plural(s.thirdPartySites, 'third-party site'))}</b>`);
  let text = `${parts.slice(0, -1).join(', ')}${parts.length > 1 ? ' and ' : ''}${parts[parts.length - 1]}.`;
  if (tracking.length) {
    text += ` <b>${esc(plural(tracking.length, 'item'))}</b> ${tracking.length === 1 ? 'tracks' : 'track'} visitors for analytics, advertising or social media` +
      `${companies ? `, for ${esc(plural(companies, 'third party', 'third parties'))}` : ''}.`;
  } else {
    text += ' Nothing on it tracks visitors for analytics, advertising or social media.';
  }
  return text;
}

// The report's findings, and those of the consent phases after an answer (labelled).
function findingsSection(report, phases) {
  const label = { reject: 'after “reject all”', accept: 'after “accept all”' };
  const findings = [...(report.findings ?? []).map(f => ({ f, phase: null })),
                    ...phases.filter(p => p.phase !== 'none' && p.report).flatMap(p => p.report.findings.map(f => ({ f, phase: p.phase })))];
  const declared = declarationText(report.policy?.declaration);
  const checked = declared ? `<p class="muted">Checked against ${esc(declared)}</p>` : '';
  if (!findings.length) return checked ? `<h2 id="findings">Findings (0)</h2>${checked}` : '';
  const order = { error: 0, warning: 1, info: 2 };
  const sorted = findings.sort((a, b) => (order[a.f.severity] ?? 3) - (order[b.f.severity] ?? 3));
  return `<h2 id="findings">Findings (${findings.length})</h2>${checked}<ul class="findings">${sorted.map(({ f, phase }) =>
    `<li>${badge(f.severity, f.severity)}<b>${esc(f.kind.replace(/-/g, ' '))}</b>${phase ? ` <span class="muted">${label[phase]}</span>` : ''} — ${esc(f.message)}</li>`).join('')}</ul>`;
}

function vendorSection(report, tracked) {
  if (!tracked.length) return '';
  return `<h2 id="trackers">Who is watching: ${esc(plural(tracked.length, 'third party', 'third parties'))}</h2>
<table><thead><tr><th>site</th><th>company</th><th>for</th><th class="num">cookies</th><th class="num">beacons</th><th class="num">requests</th><th class="num">on filter lists</th></tr></thead><tbody>
${tracked.map(t => `<tr><td><b>${esc(t.site)}</b></td><td>${t.vendor ? `${esc(t.vendor)}${t.company && t.company !== t.vendor ? ` <span class="muted">(${esc(t.company)})</span>` : ''}` : '<span class="muted">unknown</span>'}</td>` +
  `<td>${esc(t.purposes.join(', ') || t.vendorCategory || '')}</td><td class="num">${t.cookies}</td><td class="num">${t.beacons}</td><td class="num">${t.requests}</td><td class="num">${t.listed}</td></tr>`).join('')}
</tbody></table>`;
}

function cookieSection(report) {
  const cats = report.policy?.categories ?? [];
  const cookies = (report.sites ?? []).flatMap(s => s.cookies.map(c => ({ c, site: s })));
  if (!cookies.length) return '';
  const groups = cats.length ? cats.map((cat, i) => ({ cat, i, rows: cookies.filter(x => x.c.category === cat.id) })).filter(g => g.rows.length)
    : [{ cat: null, i: 0, rows: cookies }];
  const row = ({ c, site }) => `<tr><td class="name">${esc(c.name)}</td><td>${esc(site.site)}<br>${partyBadge(c.party)}</td>` +
    `<td>${esc(c.purpose ?? '')}${c.confidence != null ? ` <span class="muted">${Math.round(c.confidence * 100)} %</span>` : ''}</td>` +
    `<td class="why">${(c.evidence ?? []).map(e => `<div>${esc(e.text)}</div>`).join('')}</td>` +
    `<td>${esc(c.lifetime)}</td><td class="url">${esc(setterText(c.setBy) || 'unknown')}</td></tr>`;
  return `<h2 id="cookies">Cookies (${cookies.length})</h2>
<table><thead><tr><th>name</th><th>site</th><th>purpose</th><th>why</th><th>lifetime</th><th>set by</th></tr></thead><tbody>
${groups.map(g => `${g.cat ? `<tr class="group"><td colspan="6"><span class="swatch" style="background:${categoryColor(report, g.cat.id, g.i)}"></span>${esc(g.cat.label)} (${g.rows.length})</td></tr>` : ''}${g.rows.map(row).join('')}`).join('')}
</tbody></table>`;
}

// What a beacon sends, field by field (payloadLines), folded; sensitive and personal fields marked.
function sends(b) {
  const lines = payloadLines(b.payload);
  if (!lines.length) return '';
  const marked = (b.payload ?? []).some(p => p.sensitive || p.personal);
  return `<details class="sends"${marked ? ' open' : ''}><summary>what it sends (${lines.length})</summary>` +
    `${lines.map(l => `<div>${esc(l)}</div>`).join('')}</details>`;
}

function beaconSection(report) {
  const beacons = report.beacons ?? [];
  if (!beacons.length) return '';
  const ids = b => (b.identifiers ?? []).map(i => `<div><code>${esc(i.param || '(body)')}</code>${i.meaning ? ` ${esc(i.meaning)}` : ''}` +
    `${i.cookie ? ` — carries cookie <code>${esc(i.cookie.name)}</code> (${esc(i.cookie.party)}-party)` : ''}</div>`).join('') +
    (b.consentClaims ?? []).map(c => `<div class="claim">claims ${esc(consentClaimText(c))}</div>`).join('') + sends(b);
  return `<h2 id="beacons">Web beacons (${beacons.length})</h2>
<table><thead><tr><th>endpoint</th><th>company</th><th>kind</th><th>identifiers</th><th>purpose</th><th>why</th></tr></thead><tbody>
${beacons.map(b => `<tr><td class="url"><b>${esc(b.host)}</b>${esc(b.endpoint.slice(b.endpoint.indexOf(b.host) + b.host.length))}<br>${partyBadge(b.party)}` +
  `${b.pixel ? ` <span class="muted">${esc(b.pixel.name)}</span>` : ''}</td><td>${esc(b.vendor ?? '')}</td><td>${esc(b.kind)}</td>` +
  `<td>${ids(b) || '<span class="muted">none</span>'}</td><td>${esc(b.purpose)}<br><span class="muted">${esc(categoryLabel(report, b.category))}</span></td>` +
  `<td class="why">${(b.evidence ?? []).map(e => `<div>${esc(e.text)}</div>`).join('')}</td></tr>`).join('')}
</tbody></table>`;
}

function storageSection(report) {
  const storage = report.storage ?? [];
  if (!storage.length) return '';
  return `<h2 id="storage">Browser storage (${storage.length})</h2>
<table><thead><tr><th>key</th><th>area</th><th>origin</th><th>value</th><th>purpose</th><th>why</th></tr></thead><tbody>
${storage.map(s => `<tr><td class="name">${esc(s.key)}</td><td>${esc(s.area)}</td><td class="url">${esc(s.origin)}<br>${partyBadge(s.party)}</td>` +
  `<td class="name">${esc(s.value)}</td><td>${esc(s.purpose)}<br><span class="muted">${esc(categoryLabel(report, s.category))}</span></td>` +
  `<td class="why">${(s.evidence ?? []).map(e => `<div>${esc(e.text)}</div>`).join('')}</td></tr>`).join('')}
</tbody></table>`;
}

function fingerprintSection(report) {
  const fp = (report.fingerprinting ?? []).filter(f => f.verdict !== 'none');
  if (!fp.length) return '';
  return `<h2 id="fingerprinting">Fingerprinting (${fp.length})</h2>
<table><thead><tr><th>script</th><th>verdict</th><th>evidence</th></tr></thead><tbody>
${fp.map(f => `<tr><td class="url">${esc(f.scriptUrl || `inline script (${f.host})`)}<br>${partyBadge(f.party)}</td>` +
  `<td>${badge(f.verdict, f.verdict === 'likely' ? 'error' : 'warning')}</td><td class="why">${f.evidence.map(e => `<div>${esc(e)}</div>`).join('')}</td></tr>`).join('')}
</tbody></table>`;
}

function itemList(items) {
  if (!items.length) return '<span class="muted">none</span>';
  return `<ul class="items">${items.map(i => `<li>${esc(i.kind)} <code>${esc(i.name)}</code> <span class="muted">${esc(i.site)}${i.vendor ? `, ${esc(i.vendor)}` : ''} · ${esc(i.purpose)}</span>` +
    `${i.beforeConsent === false ? ` ${badge('new', 'warning')}` : ''}</li>`).join('')}</ul>`;
}

function consentSection(report, consent, phases) {
  if (!consent) return '';
  const ran = ['none', 'reject', 'accept'].filter(p => phases.some(x => x.phase === p));
  const title = { none: 'before an answer', reject: 'after “reject all”', accept: 'after “accept all”' };
  const cell = c => (c ? ['cookies', 'beacons', 'storage'].filter(k => c[k]).map(k => `${c[k]} ${k === 'storage' ? 'storage' : k.replace(/s$/, c[k] === 1 ? '' : 's')}`).join(' · ') || '–' : '<span class="muted">not measured</span>');
  const status = p => {
    const x = phases.find(y => y.phase === p);
    if (!x || p === 'none') return '';
    return x.status === 'ok' ? `<div class="muted">${esc(x.banner?.cmp ?? '')} banner answered</div>` : `<div class="muted">${esc(x.status === 'no-banner' ? 'no banner recognised' : x.status)}</div>`;
  };
  // The consent cookies each answer left (OneTrust groups, US Privacy, GPP), as the core decodes them.
  const recorded = phases.filter(p => p.phase !== 'none' && p.report).flatMap(p => p.report.privacy.consentStrings
    .filter(c => c.valid).map(c => `<li>${esc(title[p.phase])}: <code>${esc(c.cookie)}</code> — ${esc(c.summary)}</li>`));
  const lists = [['Tracking before consent', consent.beforeConsent], ['Tracking after “reject all”', consent.afterReject],
                 ['Tracking after “accept all”', consent.afterAccept]].filter(([, l]) => l);
  return `<h2 id="consent">Consent banner: before and after the answer</h2>
<p>${esc(consent.message)}. Each answer is a fresh visit: the banner is answered with DuckDuckGo's autoconsent, then the page is reloaded and recorded; “before an answer” is the same visit before the click.</p>
<table><thead><tr><th>category</th>${ran.map(p => `<th>${title[p]}${status(p)}</th>`).join('')}</tr></thead><tbody>
${consent.categories.map((c, i) => `<tr><td><span class="swatch" style="background:${categoryColor(report, c.id, i)}"></span>${esc(c.label)}</td>${ran.map(p => `<td>${cell(c[p])}</td>`).join('')}</tr>`).join('')}
</tbody></table>
<div class="verdicts" style="margin-top:1rem">${lists.map(([h, l]) => `<div><h3>${h} (${l.length})</h3>${itemList(l)}</div>`).join('')}</div>
${recorded.length ? `<h3>What the banner recorded</h3><ul class="items">${recorded.join('')}</ul>` : ''}`;
}

function comparisonSection(c) {
  if (!c) return '';
  const S = c.signal.toUpperCase();
  const groups = comparisonGroups(c);
  const list = items => (items.length ? items.map(i => `<div>${esc(i.kind)} <code>${esc(i.name)}</code></div>`).join('') : '<span class="muted">–</span>');
  return `<h2 id="comparison">${S}: the page with and without the signal</h2>
<p>Two visits in fresh browser profiles, the second sending <code>${c.signal === 'gpc' ? 'Sec-GPC: 1' : 'DNT: 1'}</code> and the matching <code>navigator</code> property.
Verdict: ${badge(c.verdict, SIGNAL_VERDICT_TONE[c.verdict] === 'good' ? 'first' : SIGNAL_VERDICT_TONE[c.verdict] === 'bad' ? 'error' : 'warning')} — ${esc(c.reason)}</p>
<table><thead><tr><th></th><th>dropped with ${S}</th><th>still there</th><th>new with ${S}</th></tr></thead><tbody>
${groups.map(g => `<tr><td><b>${esc(g.label)}</b></td><td>${list(g.dropped)}</td><td>${list(g.persisting)}</td><td>${list(g.new)}</td></tr>`).join('')}
</tbody></table>`;
}

function requestRows(requests) {
  return requests.map(r => `<tr><td>${esc(r.type)}</td><td>${esc(r.status)}</td><td class="url">${esc(r.url)}</td>` +
    `<td>${r.filter ? `${esc(r.filter.decision)}: ${esc(filterText(r.filter))}` : ''}</td></tr>`).join('');
}

function sitesSection(report) {
  return `<h2 id="sites">Every site the page contacted (${(report.sites ?? []).length})</h2>` + (report.sites ?? []).map(site => `
<section class="site" aria-labelledby="site-${esc(site.site)}">
  <h2 id="site-${esc(site.site)}"><span class="badge ${site.party === 'first' ? 'first' : 'third'}">${site.party === 'first' ? 'FIRST PARTY' : 'THIRD PARTY'}</span>${esc(site.site)}</h2>
  <div class="muted">hosts: ${site.hosts.map(esc).join(', ')}</div>
  ${site.vendors.map(v => `<div>vendor: <b>${esc(v.name)}</b> (${esc(v.company)}, ${esc(v.category)})</div>`).join('')}
  ${site.cookies.length ? `<div>cookies: ${site.cookies.map(c => `<code>${esc(c.name)}</code>`).join(', ')}</div>` : ''}
  ${site.requests.length ? `<table><thead><tr><th>type</th><th>status</th><th>url</th><th>filter lists</th></tr></thead>
    <tbody>${requestRows(site.requests)}</tbody></table>` : ''}
</section>`).join('');
}

// The document up to <body>: the one style, a policy that forbids scripts and every fetch, no referrer.
export function htmlHead(title) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>`;
}

// extras: {comparison, consent (the core's consent comparison), phases, notes, scannedAt} from a
// scan result.
export function renderHtml(report, { comparison = null, consent = null, phases = [], notes = [], scannedAt = null } = {}) {
  const s = report.summary;
  const tracking = report.items.filter(i => i.tracking);
  // The third parties that track (a tracking item, or a request a filter list blocks).
  const tracked = report.trackers.filter(t => t.party === 'third' && t.tracking);
  const fpLikely = (report.fingerprinting ?? []).filter(f => f.verdict === 'likely').length;
  const date = when(scannedAt ?? report.page?.capturedAt);  // a recorded capture (analyze) has no scan time of its own
  const cards = [
    [s.thirdPartySites, 'third-party sites', s.thirdPartySites > 0],
    [s.cookies, `cookies${s.thirdPartyCookies ? `, ${s.thirdPartyCookies} third-party` : ''}`, s.thirdPartyCookies > 0],
    [tracking.length, 'tracking items', tracking.length > 0],
    [s.beacons ?? 0, 'web beacons', (s.beacons ?? 0) > 0],
    [s.requests, `requests${s.blockedRequests ? `, ${s.blockedRequests} on filter lists` : ''}`, false],
    [fpLikely, 'fingerprinting scripts', fpLikely > 0],
  ];
  const diagnostics = report.diagnostics.length
    ? `<h2>Input problems</h2><ul>${report.diagnostics.map(d => `<li><code>${esc(d.path)}</code>: ${esc(d.message)}</li>`).join('')}</ul>`
    : '';
  const g = report.generator ?? {};
  return `${htmlHead(`trackscope report — ${report.page.host}`)}
<body>
<header>
  <div class="kicker">trackscope privacy report${date ? ` · scanned ${esc(date)}` : ''}</div>
  <h1>Trackers on ${esc(report.page.host)}</h1>
  <div class="url muted">${esc(report.page.url)}${report.page.title ? ` — ${esc(report.page.title)}` : ''}</div>
  <p class="lede">${lede(report, tracking, tracked)}</p>
</header>
<ul class="cards">${cards.map(([n, label, alert]) => `<li${alert ? ' class="alert"' : ''}><b>${esc(n)}</b>${esc(label)}</li>`).join('')}</ul>
${report.policy ? `<h2 id="categories">By privacy-policy category</h2>${categoryChart(report)}` : ''}
<h2 id="verdicts">Verdicts</h2>
<div class="verdicts">${consentVerdict(report, consent)}${signalVerdict(report, 'gpc', comparison)}${signalVerdict(report, 'dnt', comparison)}${fingerprintVerdict(report)}</div>
${findingsSection(report, phases)}
${consentSection(report, consent, phases)}
${comparisonSection(comparison)}
${vendorSection(report, tracked)}
${cookieSection(report)}
${beaconSection(report)}
${storageSection(report)}
${fingerprintSection(report)}
${sitesSection(report)}
${diagnostics}
${notes.length ? `<h2>Notes</h2><ul>${notes.map(n => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}
<footer class="muted">
  <p>How to read this: every cookie, beacon and storage item carries its purpose and the evidence for it (a catalog entry, a filter-list rule, a vendor, or a heuristic), and the category of the policy “${esc(report.policy?.name ?? 'default')}”.
  ${comparison ? `The page was loaded twice, each time in a fresh headless Chromium profile with default settings (third-party cookies allowed), without and with ${comparison.signal.toUpperCase()}; the sections above the comparison describe the load with it.`
    : consent ? 'Each answer to the banner was a separate visit in a fresh headless Chromium profile with default settings (third-party cookies allowed); the sections above and below describe the page before any answer.'
      : 'The page was loaded once in a fresh headless Chromium profile with default settings (third-party cookies allowed).'}
  Each load waited for the network to settle${report.page?.visit ? `; ${esc(visitText(report.page.visit))}` : ''}.</p>
  <p>trackscope ${esc(g.version)} · ${esc(g.publicSuffixList)} · ${esc(g.vendors)} · filter lists: ${esc(g.filterLists || 'none')} · report format ${esc(report.format)} v${esc(report.version)}</p>
</footer>
</body>
</html>
`;
}

// The HTML of a scan result (scan.mjs scanSite).
export function renderResultHtml(result) {
  return renderHtml(result.report, { comparison: result.comparison, consent: result.consent, phases: result.phases ?? [], notes: result.notes ?? [],
                                     scannedAt: result.timings?.startedAt });
}

