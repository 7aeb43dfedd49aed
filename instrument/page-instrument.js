// trackscope page instrumentation — runs in the page's MAIN world at document_start, before any
// page script. ONE source for every host: the extension injects it as a MAIN-world content
// script, the scanner as a Playwright init script. It only observes: every wrapped API behaves
// exactly as before, and nothing leaves the page except through `emit`.
//
// Usage (this file defines one global function and removes it again when called):
//   __trackscopeInstrument(emit)   emit(event) receives Capture events (CAPTURE.md, "events"):
//     {kind: "cookie-write",   api: "document.cookie",      value, scriptUrl, frameUrl, timeMs}
//     {kind: "beacon",         api: "navigator.sendBeacon" | "fetch", url, value, ...}
//     {kind: "storage-write",  api: "localStorage.setItem" | "sessionStorage.setItem", key, value, ...}
//     {kind: "navigator-read", api: "navigator.doNotTrack" | "navigator.globalPrivacyControl", key, ...}
//
// The calling script's URL comes from the stack: the first frame whose URL is not this file's.
/* eslint-disable no-restricted-globals */
(function () {
  'use strict';
  var MAX_VALUE = 4096;  // characters kept of a cookie string, beacon body or storage value

  function install(emit) {
    if (window.__trackscopeInstalled) return;
    Object.defineProperty(window, '__trackscopeInstalled', { value: true, enumerable: false });

    var ownUrl = null;
    var urlPattern = /((?:https?|chrome-extension|moz-extension|blob):\/\/[^\s)]+?)(?::\d+){1,2}\)?\s*$/;
    function stackUrls() {
      var lines = String(new Error().stack || '').split('\n');
      var urls = [];
      for (var i = 0; i < lines.length; i++) {
        var m = urlPattern.exec(lines[i]);
        urls.push(m ? m[1] : '');
      }
      return urls;
    }
    // This file's own URL (empty when injected as an anonymous init script).
    ownUrl = stackUrls().filter(Boolean)[0] || '';
    function callerUrl() {
      var urls = stackUrls();
      for (var i = 0; i < urls.length; i++) {
        if (urls[i] && urls[i] !== ownUrl) return urls[i];
      }
      return '';
    }
    function clip(s) {
      s = String(s);
      return s.length > MAX_VALUE ? s.slice(0, MAX_VALUE) : s;
    }
    var start = performance.timeOrigin || Date.now();
    function send(event) {
      event.scriptUrl = callerUrl();
      event.frameUrl = location.href;
      event.timeMs = Math.round((Date.now() - start) * 10) / 10;
      try { emit(event); } catch (e) { /* the observer must never break the page */ }
    }

    // document.cookie writes.
    var cookieDesc = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
    if (cookieDesc && cookieDesc.set) {
      Object.defineProperty(Document.prototype, 'cookie', {
        configurable: true,
        enumerable: cookieDesc.enumerable,
        get: cookieDesc.get,
        set: function (value) {
          send({ kind: 'cookie-write', api: 'document.cookie', value: clip(value) });
          return cookieDesc.set.call(this, value);
        },
      });
    }

    // navigator.sendBeacon and fetch(..., {keepalive: true}).
    function bodyText(body) {
      if (body == null) return '';
      if (typeof body === 'string') return clip(body);
      if (body instanceof URLSearchParams) return clip(body.toString());
      return '[' + (body.constructor && body.constructor.name || 'binary') + ']';
    }
    if (navigator.sendBeacon) {
      var sendBeacon = navigator.sendBeacon;
      navigator.sendBeacon = function (url, data) {
        send({ kind: 'beacon', api: 'navigator.sendBeacon', url: String(new URL(url, location.href)), value: bodyText(data) });
        return sendBeacon.apply(this, arguments);
      };
    }
    if (window.fetch) {
      var fetchFn = window.fetch;
      window.fetch = function (input, init) {
        if (init && init.keepalive) {
          var url = typeof input === 'string' || input instanceof URL ? String(input) : input.url;
          send({ kind: 'beacon', api: 'fetch', url: String(new URL(url, location.href)), value: bodyText(init.body) });
        }
        return fetchFn.apply(this, arguments);
      };
    }

    // Storage writes.
    var setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      var which = this === window.sessionStorage ? 'sessionStorage' : 'localStorage';
      send({ kind: 'storage-write', api: which + '.setItem', key: clip(key), value: clip(value) });
      return setItem.apply(this, arguments);
    };

    // DNT / GPC reads.
    ['doNotTrack', 'globalPrivacyControl'].forEach(function (prop) {
      var owner = Object.getOwnPropertyDescriptor(Navigator.prototype, prop) ? Navigator.prototype : null;
      var desc = owner && Object.getOwnPropertyDescriptor(owner, prop);
      if (!desc || !desc.get) return;
      Object.defineProperty(owner, prop, {
        configurable: true,
        enumerable: desc.enumerable,
        get: function () {
          send({ kind: 'navigator-read', api: 'navigator.' + prop, key: prop });
          return desc.get.call(this);
        },
      });
    });
  }

  Object.defineProperty(window, '__trackscopeInstrument', {
    configurable: true,
    value: function (emit) {
      delete window.__trackscopeInstrument;
      install(emit);
    },
  });
})();
