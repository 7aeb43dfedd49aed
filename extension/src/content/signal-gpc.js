// MAIN world, document_start, registered only while "Send Global Privacy Control" is on (see
// background/signals.js): navigator.globalPrivacyControl is true, as in a browser that sends GPC
// (GPC spec, section 3.2). A getter on Navigator.prototype like the native one, so the page
// instrumentation, which runs next, reports each read.
Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
  configurable: true,
  enumerable: true,
  get() { return true; },
});
