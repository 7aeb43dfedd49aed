// MAIN world, document_start, right after instrument/page-instrument.js: starts the shared
// instrumentation and hands each event to the ISOLATED-world relay (relay.js) as a DOM event.
// The detail is a JSON string because object details do not cross between worlds reliably.
// Page scripts have not run yet, so the built-ins captured here are the genuine ones.
(() => {
  'use strict';
  const instrument = window.__trackscopeInstrument;
  if (typeof instrument !== 'function') return;  // already installed in this frame
  const dispatch = EventTarget.prototype.dispatchEvent;
  const Custom = CustomEvent;
  const stringify = JSON.stringify;
  instrument(event => {
    dispatch.call(window, new Custom('trackscope:event', { detail: stringify(event) }));
  });
})();
