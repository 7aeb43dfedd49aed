// ISOLATED world, document_start: forwards the events of main-world.js to the service worker.
// The page can dispatch the same DOM event, so the service worker treats every event as
// untrusted page data (it validates and caps them); the page could lie about itself anyway.
(() => {
  'use strict';
  window.addEventListener('trackscope:event', e => {
    if (typeof e.detail !== 'string') return;
    let event;
    try {
      event = JSON.parse(e.detail);
      // Throws "Extension context invalidated" in pages left over from before an extension reload.
      chrome.runtime.sendMessage({ type: 'pageEvent', event }).catch(() => {});
    } catch { /* malformed detail or stale context: nothing to record */ }
  });
})();
