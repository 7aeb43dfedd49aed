// trackscope widget: a site owner adds one tag and visitors get a button that lists the sites this
// page talks to and the cookies its scripts can see, classified by the trackscope core (WASM).
//
//   <script src="/trackscope/trackscope-widget.js" async></script>
//
// A classic script (not a module) so that it works in the simplest embed and can read
// document.currentScript. The core is only imported when the visitor first opens the panel: until
// then the widget costs one small script and a PerformanceObserver. It sets no cookies or storage
// and requests nothing but its own files (core/ next to this script).
//
// What a page script can see, and therefore what the panel shows: resource timing entries of this
// document (not of other frames), and the cookies in document.cookie (no HttpOnly cookies, no
// expiry, no domain/path). See widget/README.md.
(() => {
  'use strict';

  // Only set while this script first runs, so capture it now.
  const script = document.currentScript;
  if (!script || !script.src) return;
  // Included twice (e.g. by two templates): keep the first.
  const INSTANCE = Symbol.for('trackscope-widget');
  if (window[INSTANCE]) return;
  window[INSTANCE] = true;

  const SCRIPT_URL = script.src;
  const CORE_DIR = new URL('core/', SCRIPT_URL).href;
  const CORE_URL = new URL('js/index.mjs', CORE_DIR).href;
  const TITLE = 'Trackers on this page';
  // A long-lived single-page app keeps loading resources; bound what the widget holds on to.
  const MAX_REQUESTS = 2000;
  const COOKIE_POLL_MS = 1000;
  // Resource timing initiatorType -> Capture (webRequest) type.
  const REQUEST_TYPES = {
    img: 'image', image: 'image', script: 'script', link: 'stylesheet', css: 'stylesheet',
    xmlhttprequest: 'xmlhttprequest', fetch: 'xmlhttprequest', beacon: 'ping', iframe: 'sub_frame',
    frame: 'sub_frame', video: 'media', audio: 'media', track: 'media', object: 'object', embed: 'object',
  };

  // ---- Observation: starts at once, so entries are kept even if the panel is opened late. ----

  const requests = [];

  function isWidgetAsset(url) {
    return url === SCRIPT_URL || url.startsWith(CORE_DIR);
  }

  function addEntries(entries) {
    for (const entry of entries) {
      if (requests.length >= MAX_REQUESTS) return;
      if (isWidgetAsset(entry.name)) continue;
      const request = { url: entry.name, type: REQUEST_TYPES[entry.initiatorType] ?? 'other',
                        timeMs: Math.round(entry.startTime) };
      // 0 for cross-origin responses without Timing-Allow-Origin: leave it out (unknown).
      if (entry.responseStatus > 0) request.status = entry.responseStatus;
      requests.push(request);
    }
  }

  // getEntriesByType and observe() run in the same task, so no entry falls between them.
  addEntries(performance.getEntriesByType('resource'));
  if (typeof PerformanceObserver === 'function') {
    new PerformanceObserver(list => {
      addEntries(list.getEntries());
      scheduleAnalysis();
    }).observe({ type: 'resource' });
  }

  // document.cookie is "a=1; b=2"; a cookie set without "=" has an empty name and shows as its value.
  function readCookies(text) {
    return text.split('; ').filter(Boolean).map(pair => {
      const eq = pair.indexOf('=');
      return eq < 0 ? ['', pair] : [pair.slice(0, eq), pair.slice(eq + 1)];
    });
  }

  function buildCapture(cookieText) {
    const main = { url: location.href, type: 'main_frame' };
    const navigation = performance.getEntriesByType('navigation')[0];
    if (navigation?.responseStatus > 0) main.status = navigation.responseStatus;
    return {
      version: 1,
      page: { url: location.href, title: document.title, capturedAt: new Date().toISOString() },
      requests: [main, ...requests],
      // Host-only and session as far as the core is told: a script cannot see domain, path or expiry.
      cookies: readCookies(cookieText).map(([name, value]) => ({ name, value, domain: location.hostname })),
    };
  }

  // ---- Analysis: the core is loaded on first open; re-run while the panel is open. ----

  // A failed load stays failed until the panel is opened again: live updates must not turn a
  // CSP block into a request loop.
  let corePromise = null;
  let coreFailed = false;
  function loadCore() {
    corePromise ??= import(CORE_URL).then(module => module.createCore({ filters: false })).catch(err => {
      coreFailed = true;
      // For the site owner; often a Content-Security-Policy without 'wasm-unsafe-eval'.
      console.warn('trackscope widget: the analyser could not be loaded:', err);
      throw err;
    });
    return corePromise;
  }

  let isOpen = false;
  let pending = 0;
  let lastCookieText = null;
  let cookiePoll = 0;

  // Coalesce bursts of resource entries into one analysis.
  function scheduleAnalysis() {
    if (!isOpen || pending) return;
    pending = setTimeout(() => {
      pending = 0;
      analyse();
    }, 150);
  }

  async function analyse() {
    let core;
    try {
      core = await loadCore();
    } catch {
      if (isOpen) ui.showMessage('The analyser could not be loaded on this page.');
      return;
    }
    if (!isOpen) return;
    lastCookieText = document.cookie;
    const result = core.analyze(buildCapture(lastCookieText));
    if (result.ok) ui.render(result.report);
    else ui.showMessage(`This page could not be analysed (${result.error.path}: ${result.error.message}).`);
  }

  function open() {
    if (isOpen) return;
    isOpen = true;
    if (coreFailed) {
      corePromise = null;
      coreFailed = false;
    }
    ui.setOpen(true);
    // Cookies written by scripts fire no event; a string comparison per second is cheap.
    cookiePoll = setInterval(() => {
      if (document.cookie !== lastCookieText) scheduleAnalysis();
    }, COOKIE_POLL_MS);
    analyse();
  }

  function close() {
    if (!isOpen) return;
    isOpen = false;
    clearInterval(cookiePoll);
    clearTimeout(pending);
    pending = 0;
    ui.setOpen(false);
  }

  // ---- Rendering: Shadow DOM, built with createElement/textContent only (page data is text). ----

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    node.append(...children); // strings become Text nodes
    return node;
  }

  function icon(pathData) {
    const NS = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    const path = document.createElementNS(NS, 'path');
    path.setAttribute('d', pathData);
    svg.append(path);
    return svg;
  }

  const SHIELD = 'M12 2.5 4.5 5.3v6.1c0 4.6 3.1 8.7 7.5 10.1 4.4-1.4 7.5-5.5 7.5-10.1V5.3L12 2.5Z';
  const CROSS = 'M6.7 5.3 12 10.6l5.3-5.3 1.4 1.4-5.3 5.3 5.3 5.3-1.4 1.4-5.3-5.3-5.3 5.3-1.4-1.4 5.3-5.3-5.3-5.3z';

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
  }

  // Report types are webRequest's vocabulary; these are the words a site owner knows.
  const TYPE_WORDS = { main_frame: 'page', sub_frame: 'frame', xmlhttprequest: 'fetch', ping: 'beacon' };
  const MAX_URLS_SHOWN = 50;

  function cookieList(cookies) {
    return el('ul', { class: 'cookies', 'aria-label': 'Cookies' }, ...cookies.map(cookie => {
      const value = el('span', { class: 'cookie-value', title: cookie.value }, cookie.value);
      return el('li', {}, el('span', { class: 'cookie-name' }, cookie.name || '(no name)'), value);
    }));
  }

  // expanded: sites whose request list the visitor opened; kept across live re-renders.
  function requestList(site, expanded) {
    const types = [...new Set(site.requests.map(r => TYPE_WORDS[r.type] ?? r.type))].join(', ');
    const urls = site.requests.slice(0, MAX_URLS_SHOWN).map(r => el('li', {}, r.url));
    if (site.requests.length > MAX_URLS_SHOWN) {
      urls.push(el('li', { class: 'more' }, `and ${site.requests.length - MAX_URLS_SHOWN} more`));
    }
    const details = el('details', { class: 'requests' },
      el('summary', {}, `Requests: ${types}`), el('ul', { class: 'urls' }, ...urls));
    details.open = expanded.has(site.site);
    details.addEventListener('toggle', () => {
      if (details.open) expanded.add(site.site);
      else expanded.delete(site.site);
    });
    return details;
  }

  function siteCard(site, expanded) {
    const counts = [plural(site.requests.length, 'request')];
    if (site.cookies.length) counts.push(plural(site.cookies.length, 'cookie'));
    const card = el('li', { class: 'site', 'data-site': site.site, 'data-party': site.party },
      el('div', { class: 'site-head' }, el('h4', {}, site.site), el('span', { class: 'counts' }, counts.join(' · '))),
      el('p', { class: 'hosts' }, site.hosts.join(', ')));
    if (site.cookies.length) card.append(cookieList(site.cookies));
    if (site.requests.length) card.append(requestList(site, expanded));
    return card;
  }

  function group(label, sites, emptyText, expanded) {
    return el('section', { class: 'group' },
      el('h3', { class: 'group-title' }, label),
      sites.length
        ? el('ul', { class: 'sites' }, ...sites.map(site => siteCard(site, expanded)))
        : el('p', { class: 'empty' }, emptyText));
  }

  const CSS = `
:host { all: initial !important; }
.root {
  all: initial;
  --ts-bg: #ffffff; --ts-fg: #1f2328; --ts-muted: #59636e; --ts-line: #e1e4e8; --ts-soft: #f4f6f8;
  --ts-accent: #0969da; --ts-first: #1a7f37; --ts-third: #b35900; --ts-launcher: #1f2328; --ts-launcher-fg: #ffffff;
  --ts-shadow: 0 12px 32px rgba(15, 23, 42, .18), 0 2px 6px rgba(15, 23, 42, .08);
  color-scheme: light dark;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ts-fg);
}
@media (prefers-color-scheme: dark) {
  .root {
    --ts-bg: #161b22; --ts-fg: #e6edf3; --ts-muted: #9198a1; --ts-line: #30363d; --ts-soft: #1f252d;
    --ts-accent: #4493f8; --ts-first: #3fb950; --ts-third: #f0883e; --ts-launcher: #e6edf3; --ts-launcher-fg: #161b22;
    --ts-shadow: 0 12px 32px rgba(0, 0, 0, .5);
  }
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
button { font: inherit; color: inherit; cursor: pointer; }
:focus-visible { outline: 2px solid var(--ts-accent); outline-offset: 2px; }
svg { width: 18px; height: 18px; fill: currentColor; flex: none; }

.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483647;
  display: flex; align-items: center; gap: 8px; height: 44px; padding: 0 14px 0 12px;
  border: 0; border-radius: 22px; background: var(--ts-launcher); color: var(--ts-launcher-fg);
  font-weight: 600; font-size: 14px; box-shadow: var(--ts-shadow);
}
.launcher:hover { filter: brightness(1.15); }
.badge {
  min-width: 22px; height: 22px; padding: 0 7px; border-radius: 11px; display: inline-flex;
  align-items: center; justify-content: center; background: var(--ts-third); color: #fff; font-size: 12px;
}
.badge.none { background: var(--ts-first); }

.panel {
  position: fixed; right: 20px; bottom: 76px; z-index: 2147483647;
  width: 380px; max-height: min(640px, calc(100vh - 100px));
  display: flex; flex-direction: column; overflow: hidden;
  background: var(--ts-bg); color: var(--ts-fg); border: 1px solid var(--ts-line); border-radius: 14px;
  box-shadow: var(--ts-shadow);
}
.panel:focus { outline: none; }
.panel-head { display: flex; align-items: center; gap: 10px; padding: 14px 12px 10px 16px; }
.panel-head > svg { color: var(--ts-accent); width: 20px; height: 20px; }
h2 { margin: 0; flex: 1; font-size: 16px; font-weight: 650; }
.close {
  display: grid; place-items: center; width: 32px; height: 32px; padding: 0;
  border: 0; border-radius: 8px; background: transparent; color: var(--ts-muted);
}
.close:hover { background: var(--ts-soft); color: var(--ts-fg); }
.summary { margin: 0; padding: 0 16px 12px; color: var(--ts-muted); font-size: 13px; border-bottom: 1px solid var(--ts-line); }
.summary b { color: var(--ts-fg); font-weight: 600; }
.body { overflow-y: auto; overscroll-behavior: contain; padding: 4px 16px 8px; }
.message { margin: 12px 0; color: var(--ts-muted); }
.group-title {
  margin: 14px 0 8px; font-size: 11px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase;
  color: var(--ts-muted);
}
.sites { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.site { padding: 10px 12px; border: 1px solid var(--ts-line); border-left: 3px solid var(--ts-third); border-radius: 10px; }
.site[data-party="first"] { border-left-color: var(--ts-first); }
.site-head { display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap; }
.site h4 { margin: 0; font-size: 14px; font-weight: 600; overflow-wrap: anywhere; flex: 1 1 auto; }
.counts { color: var(--ts-muted); font-size: 12px; white-space: nowrap; }
.hosts { margin: 2px 0 0; color: var(--ts-muted); font-size: 12px; overflow-wrap: anywhere; }
.cookies { list-style: none; margin: 8px 0 0; padding: 6px 8px; background: var(--ts-soft); border-radius: 6px; }
.cookies li { display: flex; gap: 10px; min-width: 0; padding: 2px 0; font: 12px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.cookie-name { flex: none; max-width: 55%; overflow-wrap: anywhere; color: var(--ts-fg); }
.cookie-value { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: var(--ts-muted); }
.requests { margin-top: 6px; font-size: 12px; color: var(--ts-muted); }
.requests summary { cursor: pointer; width: fit-content; border-radius: 4px; }
.requests summary:hover { color: var(--ts-fg); }
.urls { list-style: none; margin: 4px 0 0; padding: 0 0 0 14px; font: 11px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.urls li { overflow-wrap: anywhere; }
.urls .more { font-family: inherit; }
.empty { margin: 0; color: var(--ts-muted); }
.note { margin: 0; padding: 10px 16px 12px; border-top: 1px solid var(--ts-line); color: var(--ts-muted); font-size: 12px; }

@media (max-width: 480px) {
  .launcher { right: 12px; bottom: 12px; }
  /* Icon and count only; the label stays in the accessibility tree. */
  .launcher .label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .panel { left: 8px; right: 8px; bottom: 64px; width: auto; max-height: calc(100vh - 76px); }
}
@media (prefers-reduced-motion: no-preference) {
  .panel:not([hidden]) { animation: ts-in .14s ease-out; }
  @keyframes ts-in { from { opacity: 0; transform: translateY(6px); } }
}
`;

  function createUi() {
    const host = document.createElement('trackscope-widget');
    const shadow = host.attachShadow({ mode: 'open' });
    // A constructed stylesheet, not a <style> element: not subject to the page's CSP style-src.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    shadow.adoptedStyleSheets = [sheet];

    const badge = el('span', { class: 'badge', hidden: '' });
    const launcher = el('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': 'panel' },
      icon(SHIELD), el('span', { class: 'label' }, TITLE), badge);
    const closeButton = el('button', { type: 'button', class: 'close', 'aria-label': 'Close' }, icon(CROSS));
    const summary = el('p', { class: 'summary' }, 'Looking at this page…');
    const body = el('div', { class: 'body' });
    const panel = el('div', { id: 'panel', class: 'panel', role: 'dialog', 'aria-label': TITLE, tabindex: '-1', hidden: '' },
      el('div', { class: 'panel-head' }, icon(SHIELD), el('h2', {}, TITLE), closeButton),
      summary, body,
      el('p', { class: 'note' },
        'Shows what scripts on this page can see. Not visible to them: HttpOnly cookies, cookie lifetimes, ' +
        'requests made inside embedded frames.'));
    const root = el('div', { class: 'root' }, launcher, panel);
    const expanded = new Set();
    shadow.append(root);

    launcher.addEventListener('click', () => (isOpen ? close() : open()));
    closeButton.addEventListener('click', close);
    root.addEventListener('keydown', event => {
      if (event.key === 'Escape' && isOpen) {
        event.stopPropagation(); // the page's own Escape handlers are not for us
        close();
      }
    });

    const mount = () => document.body.append(host);
    if (document.body) mount();
    else document.addEventListener('DOMContentLoaded', mount, { once: true });

    return {
      setOpen(value) {
        panel.hidden = !value;
        launcher.setAttribute('aria-expanded', String(value));
        (value ? panel : launcher).focus();
      },
      showMessage(text) {
        summary.textContent = 'Not available';
        body.replaceChildren(el('p', { class: 'message', role: 'status' }, text));
      },
      render(report) {
        const s = report.summary;
        // Live re-renders replace the list: keep keyboard focus on the same request toggle.
        const focused = shadow.activeElement;
        const focusedSite = body.contains(focused) ? focused.closest('.site')?.dataset.site ?? '' : null;
        summary.replaceChildren(
          el('b', {}, plural(s.thirdPartySites, 'third-party site')), ' · ',
          plural(s.requests, 'request'), ' · ', plural(s.cookies, 'cookie'));
        const first = report.sites.filter(site => site.party === 'first');
        const third = report.sites.filter(site => site.party !== 'first');
        body.replaceChildren(
          group('This site', first, 'Nothing observed yet.', expanded),
          group(`Third parties (${third.length})`, third, 'This page has not contacted any other site.', expanded));
        if (focusedSite !== null) {
          const card = [...body.querySelectorAll('.site')].find(c => c.dataset.site === focusedSite);
          (card?.querySelector('summary') ?? panel).focus();
        }
        badge.hidden = false;
        badge.className = third.length ? 'badge' : 'badge none';
        badge.textContent = String(third.length);
        // Starts with the visible label, so voice control ("click Trackers on this page") still works.
        launcher.setAttribute('aria-label', `${TITLE}: ${plural(third.length, 'third-party site')}`);
      },
    };
  }

  const ui = createUi();
})();
