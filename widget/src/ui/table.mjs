// Table mode: the declaration a site owner puts on its cookie-policy page (what Cookiebot's
// declaration does, computed live): one accessible <table> per policy category, one of third-party
// sites, then fingerprinting and the visitor's signals. It takes the page's font and text colour.
//
//   createTable(env, { activate })   // renders into env.target, or right after the script tag
import { el } from '@trackscope/presentation/dom.mjs';
import {
  adoptStyles, disclosure, findingsSection, fingerprintSection, findingsTag, keepFocus, noticeList, scanTag, signalsSection, whenBody,
  whyBody,
} from './render.mjs';
import { BASE_CSS, TABLE_CSS } from './styles.mjs';

const COLUMNS = [['Name', 28], ['Provider', 21], ['Purpose', 19], ['Expiry', 15], ['Type', 17]];
const SITE_COLUMNS = [['Site', 22], ['Provider', 18], ['Categories', 18], ['Requests', 20], ['Hosts', 22]];

// Explicit roles keep table semantics when narrow layouts change `display`.
// columns: [[heading, width %], ...]; an empty table is its caption and one line.
function declarationTable(captionChildren, columns, rows, emptyText) {
  return el('table', { role: 'table' },
    el('caption', {}, captionChildren),
    // CSSOM, not a style attribute: a page's CSP style-src may forbid inline style attributes.
    el('colgroup', {}, columns.map(([, width]) => {
      const col = el('col');
      col.style.width = `${width}%`;
      return col;
    })),
    rows.length
      ? el('thead', { role: 'rowgroup' }, el('tr', { role: 'row' }, columns.map(([c]) => el('th', { scope: 'col', role: 'columnheader' }, c))))
      : null,
    el('tbody', { role: 'rowgroup' }, rows.length ? rows
      : el('tr', { role: 'row' }, el('td', { class: 'none', colspan: String(columns.length), role: 'cell' }, emptyText))));
}

// Host names and paths break after dots and slashes rather than anywhere (<wbr>, text nodes).
const breakable = text => text.split(/(?<=[./])/).flatMap((part, i) => (i ? [el('wbr'), part] : [part]));

function nameCell(name, fromScan, view, findings) {
  return el('th', { scope: 'row', role: 'rowheader' }, el('span', { class: 'cell-name' }, breakable(name)),
    fromScan ? el('span', { class: 'cell-tag' }, scanTag(view.scanLabel)) : null,
    findings.length ? el('span', { class: 'cell-tag' }, findingsTag(findings)) : null);
}

const cell = (label, ...children) => el('td', { role: 'cell', 'data-label': label }, ...children);

function categoryTable(category, view, expanded) {
  const rows = category.items.map(row => el('tr', {
    role: 'row', 'data-item-id': row.id, 'data-kind': row.kind, 'data-category': row.category, 'data-purpose': row.purposeId,
    'data-name': row.name, 'data-source': row.source === 'scan' ? 'scan' : 'live',
  },
  nameCell(row.name, row.fromScan, view, row.findings),
  cell('Provider', el('span', { 'data-field': 'vendor' }, row.provider)),
  cell('Purpose', disclosure(row.id, expanded, el('span', { 'data-field': 'purpose' }, row.purpose), whyBody(row))),
  cell('Expiry', el('span', { 'data-field': 'lifetime' }, row.lifetime)),
  cell('Type', row.type)));
  return el('div', { class: 'table-wrap', 'data-category': category.id, 'data-roles': category.roles.join(' ') || null },
    declarationTable([el('span', { class: 'cap-label' }, category.label), el('span', { class: 'cap-count' }, `(${category.items.length})`),
      category.description ? el('span', { class: 'cap-desc' }, category.description) : null],
    COLUMNS, rows, 'None on this page.'));
}

function thirdPartyTable(view) {
  const rows = view.thirdParties.map(t => el('tr', { role: 'row', 'data-site': t.site, 'data-source': t.source },
    nameCell(t.site, t.fromScan, view, t.findings),
    cell('Provider', t.vendors.join(', ') || '—'),
    cell('Categories', t.categories.join(', ') || '—'),
    cell('Requests', t.requests || '—'),
    cell('Hosts', breakable(t.hosts.join(', ')))));
  return el('div', { class: 'table-wrap third-parties' },
    declarationTable([el('span', { class: 'cap-label' }, 'Third-party sites'), el('span', { class: 'cap-count' }, `(${view.thirdParties.length})`),
      el('span', { class: 'cap-desc' }, 'Other sites this page contacts.')],
    SITE_COLUMNS, rows, 'This page contacts no other site.'));
}

// Where the tables go: data-target, else right after the script tag in <body>; null (and a
// warning) when neither works.
function place(env, wrapper) {
  const { target, script, warnOnce } = env;
  if (target) {
    let node;
    try {
      node = document.querySelector(target);
    } catch (err) {
      warnOnce(`data-target "${target}" is not a valid CSS selector (${err.message})`);
      return false;
    }
    if (!node) {
      warnOnce(`data-target "${target}" matches no element: the declaration table is not shown`);
      return false;
    }
    node.append(wrapper);
    return true;
  }
  if (script.isConnected && script.parentNode !== document.head) {
    script.after(wrapper);
    return true;
  }
  warnOnce('data-mode="table" needs data-target="#some-element" (or the script tag inside <body>)');
  return false;
}

export function createTable(env, { activate }) {
  const wrapper = document.createElement('div');
  wrapper.className = 'trackscope-declaration';
  const shadow = wrapper.attachShadow({ mode: 'open' });
  adoptStyles(shadow, BASE_CSS + TABLE_CSS);
  const content = el('div', { class: 'content', 'aria-live': 'off' },
    el('p', { class: 'lead', role: 'status' }, 'Loading the live cookie declaration…'));
  const root = el('div', { class: 'root table-mode', 'data-state': 'loading' }, content);
  shadow.append(root);
  const expanded = new Set();

  whenBody(() => {
    if (!place(env, wrapper)) return;
    // The core loads when the table comes into view (declarations sit low on policy pages).
    if (typeof IntersectionObserver !== 'function') return activate();
    const io = new IntersectionObserver(entries => {
      if (entries.some(e => e.isIntersecting)) {
        io.disconnect();
        activate();
      }
    }, { rootMargin: '300px' });
    io.observe(wrapper);
  });

  return {
    showMessage(text, notices = []) {
      keepFocus(shadow, content, null, () => content.replaceChildren(noticeList(notices) ?? '', el('p', { class: 'lead', role: 'status' }, text)));
      root.dataset.state = 'error';
    },
    render(view) {
      keepFocus(shadow, content, null, () => content.replaceChildren(...[
        el('p', { class: 'lead' }, `On this page: ${view.summary}.`),
        noticeList(view.notices),
        findingsSection(view, expanded, 'h3'),
        ...view.categories.filter(c => c.id || c.items.length).map(c => categoryTable(c, view, expanded)),
        thirdPartyTable(view),
        fingerprintSection(view, 'h3'),
        signalsSection(view, 'h3'),
        el('p', { class: 'foot-note' }, view.foot),
      ].filter(Boolean)));
      root.dataset.state = 'ready';
      root.dataset.source = view.mode;
    },
  };
}
