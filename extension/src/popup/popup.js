// The popup: asks the service worker for the report of the active tab (or of ?tabId=N, which the
// tests use) and renders it. Page data (cookie names, URLs, titles) only ever reaches the DOM
// through textContent / Text nodes, never as markup.
import { cookieFlags, expiryText, hostOf, lifetimeText, plural, setterParts, typeCounts } from '../lib/format.js';

// el('p', {class: 'x', title: '...'}, 'text', childNode): strings become Text nodes.
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value == null) continue;
    if (name === 'open') node.open = Boolean(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.flat().filter(c => c != null && c !== false));
  return node;
}

// "a, b, c" with each item unbreakable, so a wrapped line never starts with the separator.
function joined(items, separator) {
  return items.flatMap((item, i) => [i ? separator : null, el('span', { class: 'nowrap' }, item)]);
}

async function targetTabId() {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null) return Number(param);
  // Without the "tabs" permission the tab's id is still available; its URL would not be.
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

// host -> {site, party}, from every site's hosts: tells whether a setter script is third-party.
function hostIndex(report) {
  const index = new Map();
  for (const site of report.sites) for (const host of site.hosts) index.set(host, site);
  return index;
}

function siteOfUrl(url, hosts) {
  const host = hostOf(url);
  if (!host) return null;
  for (let h = host; h; h = h.includes('.') ? h.slice(h.indexOf('.') + 1) : '') {
    if (hosts.has(h)) return hosts.get(h);
  }
  return null;
}

function stat(value, label, note, alarming = false) {
  return el('div', { class: alarming ? 'stat alarming' : 'stat' }, el('span', { class: 'stat-value' }, String(value)),
            el('span', { class: 'stat-label' }, label), note ? el('span', { class: 'stat-note' }, note) : null);
}

function summaryView(report) {
  const s = report.summary;
  return el('section', { class: 'summary', 'aria-label': 'Summary' },
    stat(s.thirdPartySites, s.thirdPartySites === 1 ? 'third party' : 'third parties', null, s.thirdPartySites > 0),
    stat(s.cookies, s.cookies === 1 ? 'cookie' : 'cookies', s.thirdPartyCookies ? `${s.thirdPartyCookies} third-party` : null),
    stat(s.requests, s.requests === 1 ? 'request' : 'requests'));
}

function cookieView(cookie, site, hosts) {
  const setter = setterParts(cookie.setBy);
  const setterSite = cookie.setBy?.url ? siteOfUrl(cookie.setBy.url, hosts) : null;
  const foreignSetter = setterSite && setterSite.site !== site.site && setterSite.party === 'third';
  return el('li', { class: `cookie ${cookie.party}`, 'data-cookie': cookie.name, 'data-party': cookie.party },
    el('div', { class: 'cookie-head' },
      el('span', { class: 'cookie-name', title: cookie.value ? `value: ${cookie.value}` : null }, cookie.name || '(no name)'),
      el('span', { class: `lifetime ${cookie.session ? 'session' : ''}`, title: expiryText(cookie) }, lifetimeText(cookie))),
    el('ul', { class: 'flags', 'aria-label': 'Attributes' }, cookieFlags(cookie).map(f => el('li', {}, f))),
    setter
      ? el('p', { class: 'setter', title: cookie.setBy.url || null },
          el('span', { class: 'muted' }, 'set by '), setter.how,
          setter.where ? [' ', el('span', { class: 'where' }, setter.where)] : null,
          foreignSetter ? [' ', el('span', { class: 'tag warn' }, `third party: ${setterSite.site}`)] : null)
      // Typically a cookie set by an earlier visit: this load neither received nor wrote it.
      : el('p', { class: 'setter muted' }, 'setter not seen during this page load'));
}

// Cookies that scripts of `site` wrote for other sites (a third-party script keeping a
// first-party id is a common way around third-party cookie blocking).
function cookiesWrittenElsewhere(site, report, hosts) {
  const written = [];
  for (const other of report.sites) {
    if (other === site) continue;
    for (const c of other.cookies) {
      if (c.setBy?.kind === 'script' && siteOfUrl(c.setBy.url, hosts) === site) written.push(`${c.name} on ${other.site}`);
    }
  }
  return written;
}

function siteView(site, report, hosts, { open }) {
  const counts = [plural(site.requests.length, 'request'), plural(site.cookies.length, 'cookie')].join(' · ');
  const written = cookiesWrittenElsewhere(site, report, hosts);
  return el('details', { class: `site ${site.party}`, 'data-site': site.site, 'data-party': site.party, open },
    el('summary', {},
      el('span', { class: 'site-name' }, site.site),
      el('span', { class: 'site-counts' }, counts)),
    el('div', { class: 'site-body' },
      el('dl', { class: 'facts' },
        el('dt', {}, 'Hosts'),
        el('dd', {}, el('ul', { class: 'hosts' }, site.hosts.map(h => el('li', {}, h)))),
        site.requests.length ? [el('dt', {}, 'Requests'), el('dd', {}, joined(typeCounts(site.requests), ', '))] : null,
        written.length ? [el('dt', {}, 'Scripts set'), el('dd', { class: 'written' }, written.join(', '))] : null),
      site.cookies.length
        ? el('ul', { class: 'cookies', 'aria-label': `Cookies of ${site.site}` }, site.cookies.map(c => cookieView(c, site, hosts)))
        : null));
}

function sectionView(title, className, children) {
  return el('section', { class: className }, el('h2', {}, title), children);
}

function reportView(report, dropped) {
  const hosts = hostIndex(report);
  const third = report.sites.filter(s => s.party === 'third');
  const first = report.sites.filter(s => s.party === 'first');
  const nodes = [summaryView(report)];
  if (dropped?.requests || dropped?.events) {
    nodes.push(el('p', { class: 'note' }, `Busy page: ${plural(dropped.requests, 'request')} and ${plural(dropped.events, 'script event')} ` +
                                         'beyond the recording limit are not included.'));
  }
  nodes.push(sectionView(third.length ? `Third parties (${third.length})` : 'Third parties', 'third-parties',
    third.length ? third.map(s => siteView(s, report, hosts, { open: third.length <= 3 }))
                 : el('p', { class: 'muted none' }, 'This page loaded nothing from other sites.')));
  nodes.push(sectionView('First party', 'first-party', first.map(s => siteView(s, report, hosts, { open: true }))));
  if (report.diagnostics.length) {
    nodes.push(el('details', { class: 'diagnostics' },
      el('summary', {}, plural(report.diagnostics.length, 'input problem'), ' (not analysed)'),
      el('ul', {}, report.diagnostics.map(d => el('li', {}, el('code', {}, d.path), ' ', d.message)))));
  }
  return nodes;
}

function showMessage(text, detail) {
  document.getElementById('content').replaceChildren(
    el('div', { class: 'message', role: 'status' }, el('p', {}, text), detail ? el('p', { class: 'muted' }, detail) : null));
}

async function load() {
  const content = document.getElementById('content');
  content.setAttribute('aria-busy', 'true');
  try {
    const tabId = await targetTabId();
    const response = await chrome.runtime.sendMessage({ type: 'getReport', tabId });
    if (!response?.ok) {
      const error = response?.error ?? { message: 'No answer from the background worker.' };
      showMessage(error.message, error.path ? `at ${error.path}` : null);
      return;
    }
    const { report, dropped } = response;
    document.getElementById('page-host').textContent = report.page.host;
    document.getElementById('page-title').textContent = report.page.title;
    document.getElementById('version').textContent = `trackscope ${report.generator.version}`;
    content.replaceChildren(...reportView(report, dropped));
  } catch (err) {
    showMessage('Could not analyse this page.', String(err?.message ?? err));
  } finally {
    content.setAttribute('aria-busy', 'false');
    document.body.dataset.state = 'ready';
  }
}

document.getElementById('refresh').addEventListener('click', load);
load();
