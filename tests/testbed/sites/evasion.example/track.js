// The evasion set's shared part (OBSERVER.md). Each page of evasion.example looks for an observer
// in its own way and then calls evasion.finish(reasons, name):
//   - no reason found: it tracks — a first-party cookie and storage item written by script, a
//     third-party ad pixel (pixel.adnet.example, which sets adnet_uid) and a sendBeacon to
//     collect.metrics.example — as a page does for an ordinary visitor;
//   - a reason found: it tracks nothing and tells the testbed why (/detected?why=..., first party).
// Before anything else it imitates an observer's channels, as a forger would: fake handshakes and
// events claiming writes by forger.example; none of them may reach a report.
(function () {
  'use strict';
  var id = Math.random().toString(36).slice(2) + Date.now().toString(36);
  function forge() {
    var fake = JSON.stringify({ kind: 'cookie-write', api: 'document.cookie', value: 'forged_cookie=1',
                                scriptUrl: 'https://forger.example/fake.js', frameUrl: location.href, timeMs: 1 });
    try {
      var channel = new MessageChannel();
      window.postMessage('trackscope:port', '*', [channel.port2]);
      channel.port1.postMessage(fake);
    } catch (e) { /* no MessageChannel */ }
    window.dispatchEvent(new CustomEvent('trackscope:event', { detail: fake }));
    console.debug('trackscope:' + fake);
  }
  forge();
  window.evasion = {
    finish: function (reasons, name) {
      if (reasons.length) {
        new Image().src = '/detected?page=' + encodeURIComponent(name) + '&why=' + encodeURIComponent(reasons.join('; '));
        document.title = 'observer seen: ' + reasons.join('; ');
        return;
      }
      document.cookie = '_ev_uid=' + id + '; Max-Age=31536000; Path=/; SameSite=Lax';
      try { localStorage.setItem('_ev_store', id); } catch (e) { /* storage denied */ }
      var img = new Image(1, 1);
      img.src = 'https://pixel.adnet.example/px.gif?ev=' + encodeURIComponent(name) + '&uid=' + id;
      document.body.appendChild(img);
      navigator.sendBeacon('https://collect.metrics.example/collect', 'ev=' + name + '&uid=' + id);
      document.title = 'tracked';
    },
    // A frame without the page's own globals to compare with (same origin, made now).
    freshWindow: function () {
      var frame = document.createElement('iframe');
      frame.style.display = 'none';
      document.documentElement.appendChild(frame);
      return frame.contentWindow;
    },
    // Wrapped APIs worth checking: [label, owner, key, 'value' | 'get' | 'set'].
    apis: function (w) {
      return [
        ['document.cookie set', w.Document.prototype, 'cookie', 'set'],
        ['document.cookie get', w.Document.prototype, 'cookie', 'get'],
        ['sendBeacon', w.Navigator.prototype, 'sendBeacon', 'value'],
        ['fetch', w, 'fetch', 'value'],
        ['setItem', w.Storage.prototype, 'setItem', 'value'],
        ['userAgent', w.Navigator.prototype, 'userAgent', 'get'],
        ['hardwareConcurrency', w.Navigator.prototype, 'hardwareConcurrency', 'get'],
        ['doNotTrack', w.Navigator.prototype, 'doNotTrack', 'get'],
        ['screen.width', w.Screen.prototype, 'width', 'get'],
        ['toDataURL', w.HTMLCanvasElement.prototype, 'toDataURL', 'value'],
        ['fillText', w.CanvasRenderingContext2D.prototype, 'fillText', 'value'],
        ['font set', w.CanvasRenderingContext2D.prototype, 'font', 'set'],
        ['addEventListener', w.EventTarget.prototype, 'addEventListener', 'value'],
        ['MutationObserver.observe', w.MutationObserver.prototype, 'observe', 'value'],
        ['getClientRects', w.Element.prototype, 'getClientRects', 'value'],
        ['resolvedOptions', w.Intl.DateTimeFormat.prototype, 'resolvedOptions', 'value'],
        ['toString', w.Function.prototype, 'toString', 'value'],
      ].filter(function (a) { return Object.getOwnPropertyDescriptor(a[1], a[2]); });
    },
    fn: function (api) {
      return Object.getOwnPropertyDescriptor(api[1], api[2])[api[3]];
    },
  };
})();
