// ISOLATED world, document_start, all frames (declared in manifest.json, so it runs before the
// MAIN-world scripts the service worker registers):
//   - forwards the events of main-world.js (the shared page instrumentation) to the service worker;
//   - in the top frame, tells the service worker about the document's lifecycle: its start, a
//     restore from the back/forward cache, the activation of a prerendered page, and same-document
//     URL changes (single-page-app routing), which background/lifecycle.js turns into page records.
// The page can dispatch the same DOM event, so the service worker treats every event as untrusted
// page data (it validates and caps them); the page could lie about itself anyway.
(() => {
  'use strict';
  function send(message) {
    try {
      // Throws "Extension context invalidated" in pages left over from before an extension reload.
      chrome.runtime.sendMessage(message).catch(() => {});
    } catch { /* stale context: nothing to record */ }
  }

  // Events go in batches: one message per BATCH_MS (or per MAX_BATCH events) instead of one per
  // event, which keeps a busy page's cost down; a page being hidden or unloaded flushes at once.
  const BATCH_MS = 40;
  const MAX_BATCH = 100;
  let batch = [];
  let timer = 0;
  function flush() {
    clearTimeout(timer);
    timer = 0;
    if (!batch.length) return;
    send({ type: 'pageEvents', events: batch });
    batch = [];
  }
  window.addEventListener('trackscope:event', e => {
    if (typeof e.detail !== 'string') return;
    let event;
    try {
      event = JSON.parse(e.detail);
    } catch {
      return;  // malformed detail
    }
    batch.push(event);
    if (batch.length >= MAX_BATCH) flush();
    else if (!timer) timer = setTimeout(flush, BATCH_MS);
  });
  window.addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', flush);

  if (window !== window.top) return;

  const lifecycle = (what, extra) => send({ type: 'lifecycle', what, ...extra });
  lifecycle('start', { prerendering: document.prerendering === true });
  if (document.prerendering) {
    document.addEventListener('prerenderingchange', () => lifecycle('activated'), { once: true });
  }
  window.addEventListener('pageshow', e => {
    if (e.persisted) lifecycle('pageshow', { persisted: true });
  });
  if (window.navigation && typeof window.navigation.addEventListener === 'function') {
    // Fires for same-document navigations only: pushState, replaceState, fragments, traversals.
    window.navigation.addEventListener('currententrychange', e => {
      lifecycle('history', { url: location.href, navigationType: e.navigationType ?? 'push' });
    });
  } else {
    // Without the Navigation API (Firefox): what the isolated world can see.
    window.addEventListener('popstate', () => lifecycle('history', { url: location.href, navigationType: 'traverse' }));
    window.addEventListener('hashchange', () => lifecycle('history', { url: location.href, navigationType: 'push' }));
  }
})();
