// trackscope widget: a live, truthful declaration of the cookies, storage and third parties a
// page uses, grouped by the site owner's policy categories and checked against their declaration.
//
//   <script src="/trackscope/trackscope-widget.js" data-policy="/trackscope-policy.json"
//           data-report="/trackscope-report.json" async></script>
//
// Attributes (all optional): data-policy (policy JSON with an optional declaration; default: the
// core's bundled default policy), data-report (a report written by `trackscope scan --json`: what a
// page script cannot see), data-mode="panel" (a button and a dialog; default) or "table" (inline
// declaration tables), data-target (CSS selector of the element that receives the tables).
//
// This is part 1, the loader: a classic script (one tag, and document.currentScript gives the
// widget's own URL) that every page view pays for, so it only starts observing (resource timing)
// and shows the button. The rest is imported on first open, next to the core (C++ compiled to
// WebAssembly): trackscope-widget-ui.mjs (analysis and rendering: src/ui/ and the presentation module,
// bundled by the build) and core/. In table mode it is imported at once and loads the core when the table comes into
// view. The widget sets no cookies or storage, sends nothing anywhere, and requests only its own
// files and the two named by data-policy / data-report.
(() => {
  'use strict';

  // Only set while this script first runs, so capture it now.
  const script = document.currentScript;
  if (!script || !script.src) return;

  const mode = script.dataset.mode === 'table' ? 'table' : 'panel';
  const target = script.dataset.target || null;
  // One panel per page and one table per target, even if templates include the tag twice.
  const INSTANCE = Symbol.for(`trackscope-widget:${mode}:${target ?? ''}`);
  if (window[INSTANCE]) return;
  window[INSTANCE] = true;

  const SCRIPT_URL = script.src;
  const UI_URL = new URL('trackscope-widget-ui.mjs', SCRIPT_URL).href;
  const CORE_DIR = new URL('core/', SCRIPT_URL).href;
  const LAUNCHER_LABEL = 'Cookies & trackers';
  const MAX_REQUESTS = 2000; // a long-lived single-page app keeps loading resources
  // Resource timing initiatorType -> Capture (webRequest) type.
  const REQUEST_TYPES = {
    img: 'image', image: 'image', script: 'script', link: 'stylesheet', css: 'stylesheet',
    xmlhttprequest: 'xmlhttprequest', fetch: 'xmlhttprequest', beacon: 'ping', iframe: 'sub_frame',
    frame: 'sub_frame', video: 'media', audio: 'media', track: 'media', object: 'object', embed: 'object',
  };

  const warned = new Set();
  function warnOnce(message, ...rest) {
    if (warned.has(message)) return;
    warned.add(message);
    console.warn(`trackscope widget: ${message}`, ...rest);
  }

  const resolve = value => (value ? new URL(value, document.baseURI).href : null);
  let policyUrl = null;
  let reportUrl = null;
  try {
    policyUrl = resolve(script.dataset.policy);
    reportUrl = resolve(script.dataset.report);
  } catch (err) {
    warnOnce(`data-policy / data-report is not a valid URL (${err.message})`);
  }

  // ---- Observation: starts at once, so entries are kept even if the panel is opened late. ----

  const requests = [];
  const ownFiles = new Set([SCRIPT_URL, UI_URL, policyUrl, reportUrl].filter(Boolean));
  const isOwnFile = url => ownFiles.has(url) || url.startsWith(CORE_DIR);
  let onResources = () => {};

  function addEntries(entries) {
    for (const entry of entries) {
      if (requests.length >= MAX_REQUESTS) return;
      if (isOwnFile(entry.name)) continue;
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
      onResources();
    }).observe({ type: 'resource' });
  }

  const env = {
    mode, target, script, policyUrl, reportUrl, requests, warnOnce,
    coreUrl: new URL('js/index.mjs', CORE_DIR).href,
    onResources(fn) {
      onResources = fn;
    },
  };

  // The modules of the rest of the widget, relative to this script ({ui, core}, listed by the
  // build), preloaded side by side on the first open; the core's only where WebAssembly may run
  // (the UI checks that again, and says why not).
  const MODULES = '@MODULES@';
  function webAssemblyRuns() {
    try {
      return Boolean(new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00])));
    } catch {
      return false;
    }
  }
  function preloadModules() {
    const files = [...(MODULES.ui ?? []), ...(webAssemblyRuns() ? MODULES.core ?? [] : [])];
    for (const file of files) {
      const link = document.createElement('link');
      link.rel = 'modulepreload';
      link.href = new URL(file, SCRIPT_URL).href;
      document.head.append(link);
    }
  }

  // The rest of the widget; a failed import is retried on the next click.
  let ui = null;
  function loadUi() {
    if (!ui) preloadModules();
    ui ??= import(UI_URL).then(module => module.start(env), err => {
      ui = null;
      warnOnce(`${UI_URL} could not be loaded:`, err);
      throw err;
    });
    return ui;
  }

  function whenBody(fn) {
    if (document.body) fn();
    else document.addEventListener('DOMContentLoaded', fn, { once: true });
  }

  if (mode === 'table') {
    whenBody(() => loadUi().catch(() => {}));
    return;
  }

  // ---- Panel mode: the button, in a shadow root that the module later adds the dialog to. ----

  // styles/launcher.css, put here by the build (build.mjs): one file for every page view.
  const CSS = '@LAUNCHER_CSS@';

  const host = document.createElement('trackscope-widget');
  const shadow = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  shadow.adoptedStyleSheets = [sheet];

  const NS = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const shield = document.createElementNS(NS, 'path');
  shield.setAttribute('d', 'M12 2.5 4.5 5.3v6.1c0 4.6 3.1 8.7 7.5 10.1 4.4-1.4 7.5-5.5 7.5-10.1V5.3L12 2.5Z');
  svg.append(shield);

  const label = document.createElement('span');
  label.className = 'label';
  label.textContent = LAUNCHER_LABEL;
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.hidden = true;
  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'launcher';
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'ts-panel');
  launcher.setAttribute('aria-haspopup', 'dialog');
  launcher.append(svg, label, badge);
  const root = document.createElement('div');
  root.className = 'root panel-mode';
  root.append(launcher);
  shadow.append(root);
  env.panel = { host, shadow, root, launcher, badge };

  launcher.addEventListener('click', () => {
    launcher.setAttribute('aria-busy', 'true');
    loadUi().then(panel => panel.toggle(), () => {}).finally(() => launcher.removeAttribute('aria-busy'));
  });

  whenBody(() => document.body.append(host));
})();
