// Writes of a cross-site frame (shop.example/framed-writes.html), for the DevTools observer's test
// (scanner/test/observe-devtools.test.mjs): a cookie, a storage item, a DNT read, a debugger
// statement (the observer must resume it), a beacon, and the usual test that storage works (an
// item written and removed at once: one write, as both observers report it).
(function () {
  'use strict';
  document.cookie = 'fr_uid=f-71c2; Max-Age=3600; Path=/; SameSite=None; Secure';
  debugger;  // eslint-disable-line no-debugger
  try { localStorage.setItem('fr_key', 'f-71c2'); } catch (e) { /* storage denied */ }
  try {
    localStorage.setItem('fr_probe', 'probe');
    localStorage.removeItem('fr_probe');
  } catch (e) { /* storage denied */ }
  var dnt = navigator.doNotTrack;
  navigator.sendBeacon('https://collect.metrics.example/collect', 'frame=1&dnt=' + dnt);
  document.title = 'frame wrote';
})();
