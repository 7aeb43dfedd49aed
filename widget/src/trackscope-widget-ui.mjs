// trackscope widget, part 2 (ES module): analysis and rendering, imported by the loader
// (trackscope-widget.js) on first open, or when a declaration table is shown. It runs the steps
// below, one module each, and decides only when to run them:
//
//   ui/load.mjs      the core, the owner's policy and the site's scan report
//   ui/observe.mjs   what the page shows: document.cookie, storage, image sizes, the visitor's signals
//   ui/merge.mjs     observation + scan report -> one Capture, and where each item came from
//   (the core)       Capture -> Report, under the owner's policy
//   ui/view.mjs      Report -> the view model, worded by @trackscope/presentation
//   ui/panel.mjs     panel mode: a modal dialog next to the loader's button
//   ui/table.mjs     table mode: one <table> per category in the owner's element
//
// The module sets no cookies or storage and fetches only the core and the two owner files.
import { createLoader } from './ui/load.mjs';
import { adoptScanVerdicts, mergeCapture } from './ui/merge.mjs';
import { observePage, pageSignature, visitorSignals } from './ui/observe.mjs';
import { createPanel } from './ui/panel.mjs';
import { createTable } from './ui/table.mjs';
import { buildView, scanLabel } from './ui/view.mjs';

const POLL_MS = 1000;   // cookie and storage writes fire no event in the writing document
const SETTLE_MS = 150;  // bursts of resource entries and cookie writes: one analysis

// One call per widget instance (a page may have a panel and a table).
//   env: {mode, target, script, coreUrl, policyUrl, reportUrl, requests (live array),
//         onResources(fn), warnOnce(message, ...), panel: {host, shadow, root, launcher, badge}}
// Returns the renderer; in panel mode its toggle() opens and closes the dialog.
export function start(env) {
  const loader = createLoader(env);
  const { state } = loader;

  // Notices for the site owner (shown to everyone: a visitor should know what the list is based on).
  function ownerNotices() {
    const notices = [];
    if (state.policyNotice) {
      notices.push({ level: 'warning', text: `Note for the site owner: ${state.policyNotice}. The categories below are trackscope's defaults.` });
    }
    if (state.scanNotice) notices.push({ level: 'warning', text: `Note for the site owner: ${state.scanNotice}.` });
    return notices;
  }

  // The scan alone, when there is no live analysis: {view} or {message, notices}.
  function scanOnly(reason, notices) {
    if (!state.scan) return { message: `${reason}, and the site provides no scan to show instead.`, notices };
    notices.unshift({ level: 'info', id: 'fallback', text: `${reason}; showing ${scanLabel(state.scanDate)}.` });
    return { view: buildView({ report: state.scan, scan: state.scan, scanDate: state.scanDate, signals: visitorSignals(navigator),
                               pageUrl: location.href, notices }) };
  }

  // What to show now: {view} or {message, notices}.
  function computeView() {
    const notices = ownerNotices();
    if (!state.core) {
      const reason = state.coreFailure?.reason === 'csp' ? "Live analysis is blocked by this page's Content-Security-Policy"
        : state.coreFailure?.reason === 'unsupported' ? 'Live analysis needs WebAssembly, which this browser does not run'
          : 'Live analysis is unavailable: the analyser could not be loaded';
      return scanOnly(reason, notices);
    }
    const observed = observePage(globalThis, env.requests);
    const { capture, origin } = mergeCapture({ ...observed, scan: state.scan, now: Date.now() });
    let result;
    try {
      result = state.core.analyze(capture, state.policy ? { policy: state.policy } : {});
    } catch (err) {
      result = { ok: false, error: { path: '$', message: String(err?.message ?? err) } };
    }
    if (!result.ok) {
      const why = `${result.error.path}: ${result.error.message}`;
      env.warnOnce(`this page could not be analysed (${why})`);
      return state.scan ? scanOnly('This page could not be analysed live', notices)
        : { message: `This page could not be analysed (${why}).`, notices };
    }
    const { report, adopted } = adoptScanVerdicts(result.report, state.scan);
    return { view: buildView({ report, scan: state.scan, scanDate: state.scanDate, origin, adopted, signals: observed.signals,
                               pageUrl: observed.page.url, notices }) };
  }

  // ---- When to analyse: on open, then on new resource entries and on cookie/storage changes. ----

  let active = false; // panel open / table started
  let pending = 0;
  let lastSignature = null;
  let poll = 0;
  let running = null;
  let ui = null;

  function scheduleAnalysis() {
    if (!active || pending) return;
    pending = setTimeout(() => {
      pending = 0;
      analyse();
    }, SETTLE_MS);
  }

  async function analyse() {
    if (running) return running.then(scheduleAnalysis);
    running = (async () => {
      await Promise.all([loader.ensureCore(), loader.ensureFiles()]);
      if (!active) return;
      lastSignature = pageSignature(document, window);
      try {
        const { view, message, notices } = computeView();
        if (view) ui.render(view);
        else ui.showMessage(message, notices);
      } catch (err) {
        // A report of an unexpected shape, say: say so rather than spin.
        env.warnOnce('this page could not be shown:', err);
        ui.showMessage(`This page could not be analysed (${err?.message ?? err}).`);
      }
    })();
    try {
      await running;
    } finally {
      running = null;
    }
  }

  function activate() {
    if (active) return;
    active = true;
    loader.ensureCore({ retry: true });
    poll = setInterval(() => {
      if (pageSignature(document, window) !== lastSignature) scheduleAnalysis();
    }, POLL_MS);
    analyse();
  }

  function deactivate() {
    if (!active) return;
    active = false;
    clearInterval(poll);
    clearTimeout(pending);
    pending = 0;
  }

  ui = env.mode === 'table' ? createTable(env, { activate }) : createPanel(env, { activate, deactivate });
  env.onResources(scheduleAnalysis);
  return ui;
}
