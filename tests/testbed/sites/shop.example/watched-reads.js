// A page that watches who reads its document (scanner/test/unseen-reads.test.mjs): the getters an
// observer reads at the end of a visit — the document's images and links, an image's size and
// state — are wrapped, and any call made by a script that is not this site's tells the testbed
// (/read-seen?what=...). The page itself never calls them, so every report is an observer's read.
(function () {
  'use strict';
  var own = /^https:\/\/(?:[\w-]+\.)?(?:shop\.example|fp\.tracker\.example)\//;
  function foreign() {
    var lines = String(new Error().stack).split('\n').slice(2);
    for (var i = 0; i < lines.length; i++) {
      var m = /(\w[\w+.-]*:\/\/[^\s)]+?|__\w+__|<anonymous>)(?::\d+){0,2}\)?\s*$/.exec(lines[i]);
      if (m && !own.test(m[1])) return m[1];
    }
    return '';
  }
  function tell(what, who) {
    navigator.sendBeacon('/read-seen?what=' + encodeURIComponent(what) + '&by=' + encodeURIComponent(who) +
                         '&frame=' + encodeURIComponent(location.hostname));
  }
  function watch(proto, key, kind) {
    var d = Object.getOwnPropertyDescriptor(proto, key);
    if (!d) return;
    if (kind === 'get') {
      var get = d.get;
      d.get = function () { var who = foreign(); if (who) tell(key, who); return get.call(this); };
    } else {
      var fn = d.value;
      d.value = function () { var who = foreign(); if (who) tell(key, who); return fn.apply(this, arguments); };
    }
    Object.defineProperty(proto, key, d);
  }
  watch(Document.prototype, 'images', 'get');
  watch(Document.prototype, 'querySelectorAll', 'value');
  ['complete', 'naturalWidth', 'naturalHeight', 'currentSrc', 'src'].forEach(function (k) {
    watch(HTMLImageElement.prototype, k, 'get');
  });
  watch(HTMLAnchorElement.prototype, 'href', 'get');
})();
