// Panel mode: the modal dialog next to the loader's button. Findings against the declaration
// first, then the visitor's DNT/GPC signals, the items by policy category (name, type, who is
// behind it, lifetime, purpose, and why), the third-party sites and fingerprinting scripts.
//
//   const panel = createPanel(env, { activate, deactivate });  // env.panel: the loader's button
//   panel.toggle(); panel.render(view); panel.showMessage(text, notices)
import { el } from '@trackscope/presentation/dom.mjs';
import { plural } from '@trackscope/presentation/text.mjs';
import {
  adoptStyles, CROSS, disclosure, findingsSection, findingsTag, fingerprintSection, icon, keepFocus, nextId, noticeList, ownFindings, scanTag,
  SHIELD, signalsSection, whyBody,
} from './render.mjs';
import { BASE_CSS, PANEL_CSS } from './styles.mjs';

const TITLE = 'Cookies and trackers on this page';
const LAUNCHER_LABEL = 'Cookies & trackers';

// One item: data-item-id is the report's items[].id; data-category and data-purpose the core's ids.
function itemRow(row, view, expanded) {
  return el('li', { class: 'item', 'data-item-id': row.id, 'data-kind': row.kind, 'data-category': row.category,
                    'data-purpose': row.purposeId, 'data-name': row.name, 'data-source': row.source === 'scan' ? 'scan' : 'live' },
    el('div', { class: 'item-head' },
      el('span', { class: 'name' }, row.name),
      el('span', { class: 'tag' }, row.type),
      findingsTag(row.findings),
      row.fromScan ? scanTag(view.scanLabel) : null),
    el('p', { class: 'meta' },
      el('span', { 'data-field': 'vendor' }, row.provider),
      row.lifetime ? [' · ', el('span', { 'data-field': 'lifetime' }, row.lifetime)] : null,
      ' · Purpose: ', el('span', { 'data-field': 'purpose' }, row.purpose)),
    disclosure(row.id, expanded, 'Why this category', whyBody(row)));
}

function categories(view, expanded) {
  const used = view.categories.filter(c => c.items.length);
  const sections = used.map(c => {
    const headingId = nextId('cat');
    return el('section', { class: 'category', 'data-category': c.id, 'data-roles': c.roles.join(' ') || null, 'aria-labelledby': headingId },
      el('h3', { id: headingId, class: 'category-title' }, el('span', {}, c.label),
        el('span', { class: 'count', 'aria-label': plural(c.items.length, 'item') }, String(c.items.length))),
      c.description ? el('p', { class: 'description' }, c.description) : null,
      el('ul', { class: 'items' }, c.items.map(row => itemRow(row, view, expanded))));
  });
  if (!used.length) sections.push(el('p', { class: 'muted empty' }, 'No cookies, storage items or beacons on this page.'));
  if (view.unused.length) sections.push(el('p', { class: 'muted unused' }, `Not used on this page: ${view.unused.join(', ')}.`));
  return sections;
}

function thirdParties(view) {
  const headingId = nextId('third');
  const body = view.thirdParties.length
    ? el('ul', { class: 'sites' }, view.thirdParties.map(t => el('li', { class: 'site', 'data-site': t.site, 'data-source': t.source },
      el('div', { class: 'item-head' }, el('span', { class: 'site-name' }, t.site),
        t.vendors.length ? el('span', { class: 'tag vendor' }, t.vendors.join(', ')) : null,
        t.fromScan ? scanTag(view.scanLabel) : null),
      el('p', { class: 'meta' }, [t.requests, t.categories.length ? `in ${t.categories.join(', ')}` : null].filter(Boolean).join(' · ')),
      el('p', { class: 'hosts' }, t.hosts.join(', ')),
      ownFindings(t.findings))))
    : el('p', { class: 'muted' }, 'This page has not contacted any other site.');
  return el('section', { class: 'third-parties', 'aria-labelledby': headingId },
    el('h3', { id: headingId, class: 'section-title' }, `Third-party sites (${view.thirdParties.length})`), body);
}

// The loader made the host, its shadow root, the root element and the launcher button.
export function createPanel(env, { activate, deactivate }) {
  const { host, shadow, root, launcher, badge } = env.panel;
  adoptStyles(shadow, BASE_CSS + PANEL_CSS);

  const closeButton = el('button', { type: 'button', class: 'close', 'aria-label': 'Close', 'data-focus-key': 'close' }, icon(CROSS));
  const summary = el('p', { id: 'ts-summary', class: 'summary', 'aria-live': 'polite' }, 'Looking at this page…');
  const body = el('div', { class: 'body' });
  const foot = el('p', { class: 'foot' }, 'Checked in your browser; nothing is sent anywhere.');
  // aria-label, not aria-labelledby: narrow screens shorten the visible title.
  const panel = el('div', { id: 'ts-panel', class: 'panel', role: 'dialog', 'aria-modal': 'true', 'aria-label': TITLE,
                             'aria-describedby': 'ts-summary', tabindex: '-1', hidden: true, 'data-state': 'closed' },
    el('div', { class: 'panel-head' }, icon(SHIELD),
      el('h2', { id: 'ts-title' }, 'Cookies and trackers', el('span', { class: 'wide' }, ' on this page')), closeButton),
    summary, body, foot);
  root.append(panel);
  const expanded = new Set();

  let isOpen = false;
  function open() {
    if (isOpen) return;
    isOpen = true;
    panel.hidden = false;
    panel.dataset.state = 'loading';
    launcher.setAttribute('aria-expanded', 'true');
    panel.focus();
    activate();
  }
  function close({ restoreFocus = true } = {}) {
    if (!isOpen) return;
    isOpen = false;
    deactivate();
    panel.hidden = true;
    panel.dataset.state = 'closed';
    launcher.setAttribute('aria-expanded', 'false');
    if (restoreFocus) launcher.focus();
  }

  // Focusable controls of the dialog in document order (nothing inside closed disclosures).
  const focusables = () => [...panel.querySelectorAll('button, summary, a[href], [tabindex="0"]')].filter(n => n.getClientRects().length > 0);

  closeButton.addEventListener('click', () => close());
  root.addEventListener('keydown', event => {
    if (!isOpen) return;
    if (event.key === 'Escape') {
      event.stopPropagation(); // the page's own Escape handlers are not for us
      close();
    } else if (event.key === 'Tab' && panel.contains(shadow.activeElement)) {
      // A modal dialog: Tab and Shift+Tab cycle through its controls.
      const list = focusables();
      if (!list.length) return;
      event.preventDefault();
      const at = list.indexOf(shadow.activeElement);
      const next = event.shiftKey ? (at <= 0 ? list.length - 1 : at - 1) : (at === list.length - 1 ? 0 : at + 1);
      list[next].focus();
    }
  });
  // A click elsewhere on the page closes it (focus stays where the visitor clicked).
  document.addEventListener('pointerdown', event => {
    if (isOpen && !event.composedPath().includes(host)) close({ restoreFocus: false });
  }, true);

  function setBadge(count) {
    badge.hidden = false;
    badge.className = count ? 'badge' : 'badge none';
    badge.textContent = String(count);
    // Starts with the visible label, so voice control ("click Cookies & trackers") still works.
    launcher.setAttribute('aria-label', `${LAUNCHER_LABEL}: ${plural(count, 'third-party site')}`);
  }

  return {
    toggle() {
      if (isOpen) close();
      else open();
    },
    showMessage(text, notices = []) {
      if (!isOpen) return;
      summary.textContent = 'Not available';
      keepFocus(shadow, panel, panel, () => body.replaceChildren(noticeList(notices) ?? '', el('p', { class: 'message', role: 'status' }, text)));
      foot.textContent = 'Nothing is sent anywhere.';
      panel.dataset.state = 'error';
    },
    render(view) {
      if (!isOpen) return;
      const serious = view.findings.some(f => f.severity !== 'info');
      summary.textContent = view.summary;
      keepFocus(shadow, panel, panel, () => body.replaceChildren(...[
        noticeList(view.notices),
        serious ? findingsSection(view, expanded, 'h3') : null,
        signalsSection(view, 'h3'),
        el('h3', { class: 'section-title' }, 'By category'),
        ...categories(view, expanded),
        thirdParties(view),
        fingerprintSection(view, 'h3'),
        serious ? null : findingsSection(view, expanded, 'h3'),
      ].filter(Boolean)));
      foot.textContent = view.foot;
      setBadge(view.badge);
      panel.dataset.state = 'ready';
      panel.dataset.source = view.mode;
    },
  };
}
