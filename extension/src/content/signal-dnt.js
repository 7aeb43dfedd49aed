// MAIN world, document_start, registered only while "Send Do Not Track" is on (see
// background/signals.js): navigator.doNotTrack is "1", as in a browser that sends DNT: 1. Replaces
// the native getter on Navigator.prototype; the page instrumentation, which runs next, reports
// each read.
Object.defineProperty(Navigator.prototype, 'doNotTrack', {
  configurable: true,
  enumerable: true,
  get() { return '1'; },
});
