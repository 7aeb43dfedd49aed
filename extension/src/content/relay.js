// ISOLATED world, document_start, all frames (declared in manifest.json, so it runs before the
// MAIN-world scripts the service worker registers):
//   - forwards the events of the shared page instrumentation (main-world.js) to the service worker;
//     they arrive through a MessagePort that main-world.js hands over before any page script runs
//     (see there): page scripts can neither read nor forge them;
//   - in the top frame, tells the service worker about the document's lifecycle: its start, a
//     restore from the back/forward cache, the activation of a prerendered page, and same-document
//     URL changes (single-page-app routing), which background/lifecycle.js turns into page records.
// The service worker still validates and caps every event: a page could make its own scripts
// behave misleadingly, whatever the channel.
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
  function receive(message) {
    if (typeof message.data !== 'string') return;
    let event;
    try {
      event = JSON.parse(message.data);
    } catch {
      return;  // malformed
    }
    batch.push(event);
    if (batch.length >= MAX_BATCH) flush();
    else if (!timer) timer = setTimeout(flush, BATCH_MS);
  }
  // The handshake: the first message this window posts to itself with one port and the word
  // 'trackscope:port' is main-world.js's, posted before any page script ran. It is taken here
  // first (a capturing listener on the window, added before any page script could add one) and
  // stopped; later ones — a page imitating it — are left alone and ignored.
  function handshake(e) {
    if (e.source !== window || e.data !== 'trackscope:port' || e.ports.length !== 1) return;
    e.stopImmediatePropagation();
    window.removeEventListener('message', handshake, true);
    e.ports[0].onmessage = receive;
  }
  window.addEventListener('message', handshake, true);
  window.addEventListener('pagehide', flush);

  // What the person types into the page's personal-data fields (e-mail, phone, name, address
  // parts; fieldKindOf and fieldSelectorOf are instrument/form-fields.js, which the build puts in
  // front of this file),
  // and when a form is submitted: the core looks for the values in the page's third-party requests
  // before the submit (key-logging). Only the person's own input (isTrusted); values stay in this
  // browser, in the tab's record, like everything else the extension sees.
  document.addEventListener('change', e => {
    const el = e.target;
    if (!e.isTrusted || !(el instanceof HTMLInputElement) || !el.value) return;
    const kind = fieldKindOf({ tag: 'input', type: el.type, autocomplete: el.autocomplete, name: el.name, id: el.id,
                               placeholder: el.placeholder });
    if (!kind) return;
    const field = fieldSelectorOf({ type: el.type, name: el.name, id: el.id });
    send({ type: 'typed', kind, field: field.slice(0, 200), value: el.value.slice(0, 200) });
  }, true);
  document.addEventListener('submit', e => {
    if (e.isTrusted) send({ type: 'submitted' });
  }, true);
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
