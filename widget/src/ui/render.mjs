// DOM pieces both renderers use (panel.mjs, table.mjs): icons, disclosures that survive live
// re-renders, an item's "why" (evidence and facts), notices, findings, the DNT/GPC card and the
// fingerprinting list. Every string from the page, the policy or a report reaches the DOM as a
// Text node or an attribute value, through presentation's el(); never as markup.
import { el, evidenceNodes } from '@trackscope/presentation/dom.mjs';
import { plural } from '@trackscope/presentation/text.mjs';
import { capitalize, FINDING_KIND_WORDS } from '@trackscope/presentation/words.mjs';

export const SHIELD = 'M12 2.5 4.5 5.3v6.1c0 4.6 3.1 8.7 7.5 10.1 4.4-1.4 7.5-5.5 7.5-10.1V5.3L12 2.5Z';
export const CROSS = 'M6.7 5.3 12 10.6l5.3-5.3 1.4 1.4-5.3 5.3 5.3 5.3-1.4 1.4-5.3-5.3-5.3 5.3-1.4-1.4 5.3-5.3-5.3-5.3z';
const ALERT = 'M12 3 1.8 20.5h20.4L12 3Zm-1 6h2v6h-2V9Zm0 8h2v2h-2v-2Z';
const INFO = 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm-1 5h2v2h-2V7Zm0 4h2v6h-2v-6Z';

export function icon(pathData, className = '') {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  if (className) svg.setAttribute('class', className);
  const path = document.createElementNS(NS, 'path');
  path.setAttribute('d', pathData);
  svg.append(path);
  return svg;
}

let uid = 0;
export const nextId = prefix => `${prefix}-${++uid}`;

// A constructed stylesheet, not a <style> element: not subject to the page's CSP style-src.
export function adoptStyles(shadow, css) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
}

export function whenBody(fn) {
  if (document.body) fn();
  else document.addEventListener('DOMContentLoaded', fn, { once: true });
}

// Live re-renders replace the content: put focus back on the control with the same key.
export function keepFocus(shadow, container, fallback, render) {
  const focused = shadow.activeElement;
  const key = focused && container.contains(focused) ? focused.getAttribute('data-focus-key') : null;
  render();
  if (key !== null) {
    const again = [...container.querySelectorAll('[data-focus-key]')].find(n => n.getAttribute('data-focus-key') === key);
    (again ?? fallback)?.focus();
  }
}

// A <details> whose open state survives live re-renders (keyed in `expanded`).
export function disclosure(key, expanded, summaryChildren, body, className = 'why') {
  const details = el('details', { class: className, open: expanded.has(key) },
    el('summary', { 'data-focus-key': `why:${key}` }, summaryChildren), body);
  details.addEventListener('toggle', () => {
    if (details.open) expanded.add(key);
    else expanded.delete(key);
  });
  return details;
}

// Why an item is in its category: its findings, the core's evidence (the decisive line first)
// and the facts.
export function whyBody(row) {
  const facts = row.facts.map(([term, value, style]) => [el('dt', {}, term), el('dd', { class: style }, value)]);
  return el('div', { class: 'why-body' },
    ownFindings(row.findings),
    row.evidenceLead ? el('p', { class: 'lead-in' }, row.evidenceLead) : null,
    row.evidence.length
      ? el('ul', { class: 'evidence' }, row.evidence.map((text, i) =>
        el('li', i ? {} : { class: 'decisive', 'data-field': 'evidence' }, evidenceNodes(text))))
      : el('p', { class: 'muted' }, 'No evidence recorded.'),
    facts.length ? el('dl', { class: 'facts' }, facts) : null);
}

export const scanTag = label => el('span', { class: 'tag scan', title: `Not seen by this page's scripts; from ${label}` }, `from ${label}`);

// An item's or a site's findings (report.findings[].itemId): the list, and a tag for its row.
export function ownFindings(findings) {
  if (!findings.length) return null;
  return el('ul', { class: 'own-findings' }, findings.map(f => el('li', { class: `finding ${f.severity}`, 'data-kind': f.kind },
    icon(f.severity === 'info' ? INFO : ALERT), el('span', {}, f.message))));
}

export function findingsTag(findings) {
  if (!findings.length) return null;
  const serious = findings.filter(f => f.severity !== 'info').length;
  return el('span', { class: serious ? 'tag differs' : 'tag differs info', title: findings.map(f => f.message).join('\n') },
    serious ? plural(serious, 'difference') : plural(findings.length, 'note'));
}

export function noticeList(notices) {
  if (!notices.length) return null;
  return el('div', { class: 'notices' }, notices.map(n => el('p', {
    class: `notice ${n.level}`, role: n.level === 'warning' ? 'alert' : 'status', 'data-notice': n.id ?? n.level,
  }, icon(n.level === 'warning' ? ALERT : INFO), el('span', {}, n.text))));
}

const DATA_FINDING_KINDS = new Set(['key-logging', 'personal-data-to-third-party', 'sensitive-data-to-third-party',
  'session-recording', 'consent-claim-mismatch']);

// Declared versus observed, and what the page does with the visitor's data. Kinds with many findings (a scan's before-consent list) fold under one
// line each; notes (info) under one disclosure.
export function findingsSection(view, expanded, headingTag) {
  if (!view.findings.length) return null;
  const serious = view.findings.filter(f => f.severity !== 'info');
  const notes = view.findings.filter(f => f.severity === 'info');
  const headingId = nextId('findings');
  const row = f => el('li', { class: `finding ${f.severity}`, 'data-kind': f.kind, 'data-item-id': f.itemId },
    icon(f.severity === 'info' ? INFO : ALERT), el('span', {}, f.message));
  const groups = new Map();
  for (const f of serious) (groups.get(f.kind) ?? groups.set(f.kind, []).get(f.kind)).push(f);
  const seriousList = [...groups].map(([kind, list]) => (list.length <= 2 ? list.map(row)
    : el('li', { class: 'finding-group' }, disclosure(`findings:${kind}`, expanded, `${FINDING_KIND_WORDS[kind] ?? kind} (${list.length})`,
      el('ul', { class: 'findings' }, list.map(row)), 'notes'))));
  const noteList = notes.length
    ? disclosure('findings:notes', expanded, plural(notes.length, 'note'), el('ul', { class: 'findings' }, notes.map(row)), 'notes')
    : null;
  // Findings about what the page does to visitors (data taken, recording) are no difference from
  // a declaration: said as findings.
  const aboutData = serious.some(f => DATA_FINDING_KINDS.has(f.kind));
  const heading = !serious.length ? "Compared with the site's declaration"
    : aboutData ? plural(serious.length, 'finding') : `${plural(serious.length, 'difference')} from the site's declaration`;
  return el('section', { class: serious.length ? 'findings-block' : 'findings-block quiet', 'aria-labelledby': headingId },
    el(headingTag, { id: headingId, class: 'section-title' }, heading),
    serious.length ? el('ul', { class: 'findings' }, seriousList) : null, noteList);
}

// The visitor's signals, the site's stance (the core's privacy.<signal>.declared and sources) and
// the core's verdict on this load.
export function signalsSection(view, headingTag) {
  const headingId = nextId('signals');
  const rows = view.signals.map(s => {
    const from = s.sources.length && s.declared !== 'not-stated' ? ` (${s.sources.join(', ')})` : '';
    const policy = s.policyStance ? ` The selected policy's stance: ${s.policyStance}.` : '';
    const scanned = s.scanSources.length ? ` ${capitalize(view.scanLabel)} also found: ${s.scanSources.join('; ')}.` : '';
    return el('li', { class: 'signal', 'data-signal': s.signal, 'data-verdict': s.verdict?.code },
      el('span', { class: `dot ${s.sent ? 'on' : 'off'}`, 'aria-hidden': 'true' }),
      el('span', {},
        el('b', {}, `Your browser ${s.sent ? 'sends' : 'does not send'} ${s.name}.`), ' ',
        `The site's stance: ${s.stance}${from}.${policy}${scanned}`,
        s.verdict ? ' ' : null,
        s.verdict ? el('span', { class: `verdict ${s.verdict.tone}` },
          s.verdictFrom ? `${capitalize(s.verdictFrom)}: ${s.verdict.message}` : s.verdict.message) : null));
  });
  return el('section', { class: 'signals', 'aria-labelledby': headingId },
    el(headingTag, { id: headingId, class: 'section-title' }, 'Your privacy signals'), el('ul', {}, rows));
}

export function fingerprintSection(view, headingTag) {
  if (!view.fingerprinting.length) return null;
  const headingId = nextId('fp');
  return el('section', { class: 'fingerprinting', 'aria-labelledby': headingId },
    el(headingTag, { id: headingId, class: 'section-title' }, 'Browser fingerprinting'),
    el('ul', { class: 'findings' }, view.fingerprinting.map(f => el('li', { class: 'finding warning' }, icon(ALERT), el('span', {},
      `${f.script}${f.vendor ? ` (${f.vendor})` : ''}: ${f.verdict} fingerprinting${f.evidence.length ? ` — ${f.evidence.join('; ')}` : ''}`)))));
}
