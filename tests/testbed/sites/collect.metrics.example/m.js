// A third-party analytics script: reads the Do Not Track signal (and ignores it), keeps a
// first-party client id cookie, and reports the page view with navigator.sendBeacon.
(function () {
  var dnt = navigator.doNotTrack;
  var match = document.cookie.match(/(?:^|; )_mt_id=([^;]+)/);
  // Always 10 random characters (toString(36) of a random number is sometimes shorter).
  var id = match ? match[1] : 'mt.' + Math.random().toString(36).slice(2, 12).padEnd(10, '0') + '.' + Date.now();
  document.cookie = '_mt_id=' + id + '; path=/; max-age=63072000; samesite=lax';
  navigator.sendBeacon('https://collect.metrics.example/collect',
    JSON.stringify({ cid: id, page: location.href, dnt: dnt, ev: 'pageview' }));
})();
