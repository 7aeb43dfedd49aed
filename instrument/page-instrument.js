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
//     {kind: "fingerprint",    api: "HTMLCanvasElement.toDataURL" | "navigator.hardwareConcurrency" | ...,
//                              key?, count, canvas?: {width, height, textLength, colors, shapes, interactive}}
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
    // Capturing a stack is the costly part of every recorded call, and its cost grows with its
    // depth. A page may raise Error.stackTraceLimit (some libraries set Infinity): cap it at V8's
    // default of 10 frames. The caller is within the first few (our wrapper, maybe a bound or
    // native frame, then the page script).
    function stackUrls() {
      var limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 10;
      var stack = new Error().stack;
      Error.stackTraceLimit = limit;
      var lines = String(stack || '').split('\n');
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
    function send(event, scriptUrl) {
      event.scriptUrl = scriptUrl === undefined ? callerUrl() : scriptUrl;
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

    installFingerprinting(send, callerUrl);

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

  // Fingerprinting APIs (CAPTURE.md, "fingerprint" events; what counts follows Blacklight, see
  // core/include/trackscope/classify/fingerprint.h). Kept cheap: calls are counted per (script,
  // api, key); the first FP_IMMEDIATE are sent at once, later ones as a running `count` at most
  // every FP_FLUSH_MS; after FP_MAX_CALLS calls of one API it is no longer followed. Canvas
  // read-backs are reported only for canvases something was drawn on, with what was drawn.
  var FP_IMMEDIATE = 3, FP_FLUSH_MS = 250, FP_MAX_CALLS = 5000;
  var GL_NAMES = {
    0x1F00: 'VENDOR', 0x1F01: 'RENDERER', 0x1F02: 'VERSION', 0x8B8C: 'SHADING_LANGUAGE_VERSION',
    0x9245: 'UNMASKED_VENDOR_WEBGL', 0x9246: 'UNMASKED_RENDERER_WEBGL', 0x0D33: 'MAX_TEXTURE_SIZE',
    0x84E8: 'MAX_RENDERBUFFER_SIZE', 0x8869: 'MAX_VERTEX_ATTRIBS', 0x8DFB: 'MAX_VERTEX_UNIFORM_VECTORS',
    0x8DFD: 'MAX_FRAGMENT_UNIFORM_VECTORS', 0x8872: 'MAX_TEXTURE_IMAGE_UNITS', 0x0D3A: 'MAX_VIEWPORT_DIMS',
    0x846D: 'ALIASED_POINT_SIZE_RANGE', 0x846E: 'ALIASED_LINE_WIDTH_RANGE', 0x8DFC: 'MAX_VARYING_VECTORS',
    0x8B4D: 'MAX_COMBINED_TEXTURE_IMAGE_UNITS', 0x851C: 'MAX_CUBE_MAP_TEXTURE_SIZE',
    0x8B4C: 'MAX_VERTEX_TEXTURE_IMAGE_UNITS',
  };
  var NAVIGATOR_PROPS = ['userAgent', 'appVersion', 'appName', 'appCodeName', 'platform', 'product', 'productSub',
    'vendor', 'vendorSub', 'language', 'languages', 'plugins', 'mimeTypes', 'hardwareConcurrency', 'deviceMemory',
    'maxTouchPoints', 'cookieEnabled', 'onLine', 'pdfViewerEnabled', 'webdriver', 'connection', 'oscpu', 'buildID'];
  var SCREEN_PROPS = ['width', 'height', 'availWidth', 'availHeight', 'availTop', 'availLeft', 'colorDepth',
    'pixelDepth', 'orientation'];

  function installFingerprinting(send, callerUrl) {
    var later = window.setTimeout;
    var counters = new Map();  // script \n api \n key -> {count, pending, seen}
    var totals = new Map();    // api -> calls seen
    // Counts one call; `distinct`: count distinct values instead of calls (fonts).
    function fingerprint(api, key, canvas, distinct) {
      var total = (totals.get(api) || 0) + 1;
      totals.set(api, total);
      if (total > FP_MAX_CALLS) return;
      var script = callerUrl();
      var id = script + '\n' + api + '\n' + (key || '');
      var s = counters.get(id);
      if (!s) counters.set(id, s = { count: 0, pending: false, seen: distinct === undefined ? null : new Set() });
      if (s.seen) {
        if (s.seen.has(distinct)) return;
        s.seen.add(distinct);
      }
      s.count++;
      var event = { kind: 'fingerprint', api: api, count: s.count };
      if (key) event.key = key;
      if (canvas) event.canvas = canvas;
      if (s.count <= FP_IMMEDIATE) return send(event, script);
      if (s.pending) return;
      s.pending = true;
      later.call(window, function () {
        s.pending = false;
        var update = { kind: 'fingerprint', api: api, count: s.count };
        if (key) update.key = key;
        send(update, script);
      }, FP_FLUSH_MS);
    }
    // Runs `before(thisArg, args)` ahead of proto[name](...); the original always runs.
    function wrapMethod(proto, name, before) {
      var desc = proto && Object.getOwnPropertyDescriptor(proto, name);
      if (!desc || typeof desc.value !== 'function') return;
      var original = desc.value;
      Object.defineProperty(proto, name, {
        configurable: true, enumerable: desc.enumerable, writable: true,
        value: function () {
          try { before(this, arguments); } catch (e) { /* the observer must never break the page */ }
          return original.apply(this, arguments);
        },
      });
    }
    function wrapAccessor(proto, name, onGet, onSet) {
      var desc = proto && Object.getOwnPropertyDescriptor(proto, name);
      if (!desc || !desc.get) return;
      Object.defineProperty(proto, name, {
        configurable: true, enumerable: desc.enumerable,
        get: function () {
          if (onGet) try { onGet(this); } catch (e) { /* never break the page */ }
          return desc.get.call(this);
        },
        set: desc.set && function (value) {
          if (onSet) try { onSet(this, value); } catch (e) { /* never break the page */ }
          return desc.set.call(this, value);
        },
      });
    }

    // Canvas: what was drawn on each canvas, and read-backs of drawn canvases.
    var drawings = new WeakMap();  // canvas element -> {textLength, colors, shapes, interactive}
    function drawingOf(canvas) {
      var d = drawings.get(canvas);
      if (!d) drawings.set(canvas, d = { textLength: 0, colors: new Set(), shapes: 0, interactive: false });
      return d;
    }
    var C2D = window.CanvasRenderingContext2D && CanvasRenderingContext2D.prototype;
    ['fillText', 'strokeText'].forEach(function (name) {
      wrapMethod(C2D, name, function (ctx, args) {
        var d = drawingOf(ctx.canvas);
        d.textLength = Math.max(d.textLength, Array.from(String(args[0])).length);
        d.colors.add(String(name === 'fillText' ? ctx.fillStyle : ctx.strokeStyle));
      });
    });
    ['fillRect', 'strokeRect', 'fill', 'stroke'].forEach(function (name) {
      wrapMethod(C2D, name, function (ctx) {
        var d = drawingOf(ctx.canvas);
        d.shapes++;
        d.colors.add(String(name.indexOf('stroke') === 0 ? ctx.strokeStyle : ctx.fillStyle));
      });
    });
    ['save', 'restore'].forEach(function (name) {
      wrapMethod(C2D, name, function (ctx) { drawingOf(ctx.canvas).interactive = true; });
    });
    if (window.HTMLCanvasElement) {
      Object.defineProperty(HTMLCanvasElement.prototype, 'addEventListener', {
        configurable: true, writable: true,
        value: function () {
          try { drawingOf(this).interactive = true; } catch (e) { /* never break the page */ }
          return EventTarget.prototype.addEventListener.apply(this, arguments);
        },
      });
    }
    function readBack(api, canvas, width, height) {
      var d = canvas && drawings.get(canvas);
      if (!d || (d.textLength === 0 && d.shapes === 0)) return;
      fingerprint(api, '', { width: width, height: height, textLength: d.textLength, colors: d.colors.size,
                             shapes: d.shapes, interactive: d.interactive });
    }
    var CANVAS = window.HTMLCanvasElement && HTMLCanvasElement.prototype;
    ['toDataURL', 'toBlob'].forEach(function (name) {
      wrapMethod(CANVAS, name, function (canvas) { readBack('HTMLCanvasElement.' + name, canvas, canvas.width, canvas.height); });
    });
    wrapMethod(C2D, 'getImageData', function (ctx, args) {
      readBack('CanvasRenderingContext2D.getImageData', ctx.canvas, Math.abs(args[2] | 0), Math.abs(args[3] | 0));
    });

    // Fonts: distinct fonts set on 2D contexts or checked, and text measurements.
    wrapAccessor(C2D, 'font', null, function (ctx, value) { fingerprint('CanvasRenderingContext2D.font', '', null, String(value)); });
    wrapMethod(C2D, 'measureText', function () { fingerprint('CanvasRenderingContext2D.measureText'); });
    if (window.FontFaceSet) {
      wrapMethod(FontFaceSet.prototype, 'check', function (set, args) { fingerprint('document.fonts.check', '', null, String(args[0])); });
    }

    // WebGL parameters and extensions.
    ['WebGLRenderingContext', 'WebGL2RenderingContext'].forEach(function (iface) {
      var proto = window[iface] && window[iface].prototype;
      wrapMethod(proto, 'getParameter', function (gl, args) {
        var n = Number(args[0]);
        // Not a GLenum (undefined, a string...): said as given, not as "0xNaN".
        var key = GL_NAMES[n] || (Number.isFinite(n) ? '0x' + n.toString(16) : String(args[0]).slice(0, 40));
        fingerprint(iface + '.getParameter', key);
      });
      wrapMethod(proto, 'getExtension', function (gl, args) { fingerprint(iface + '.getExtension', String(args[0])); });
      ['getSupportedExtensions', 'getShaderPrecisionFormat'].forEach(function (name) {
        wrapMethod(proto, name, function () { fingerprint(iface + '.' + name); });
      });
    });

    // Audio: an oscillator rendered offline or analysed.
    var BAC = window.BaseAudioContext && BaseAudioContext.prototype;
    ['createOscillator', 'createDynamicsCompressor', 'createAnalyser'].forEach(function (name) {
      wrapMethod(BAC, name, function (ctx) {
        var offline = window.OfflineAudioContext && ctx instanceof OfflineAudioContext;
        fingerprint((offline ? 'OfflineAudioContext.' : 'AudioContext.') + name);
      });
    });
    wrapMethod(window.OfflineAudioContext && OfflineAudioContext.prototype, 'startRendering', function () {
      fingerprint('OfflineAudioContext.startRendering');
    });
    wrapMethod(window.AnalyserNode && AnalyserNode.prototype, 'getFloatFrequencyData', function () {
      fingerprint('AnalyserNode.getFloatFrequencyData');
    });

    // WebRTC: a peer connection that gathers ICE candidates reveals local IP addresses (the probe
    // creates a data channel and an offer, and listens for candidates; calls and meetings add
    // media tracks).
    var RTC = window.RTCPeerConnection && RTCPeerConnection.prototype;
    ['createDataChannel', 'createOffer', 'setLocalDescription', 'addTrack', 'addStream'].forEach(function (name) {
      wrapMethod(RTC, name, function () { fingerprint('RTCPeerConnection.' + name); });
    });
    wrapAccessor(RTC, 'onicecandidate', null, function () { fingerprint('RTCPeerConnection.onicecandidate'); });
    wrapMethod(RTC, 'addEventListener', function (pc, args) {
      if (String(args[0]) === 'icecandidate') fingerprint('RTCPeerConnection.onicecandidate');
    });

    // High-entropy APIs (each a fingerprinting technique of its own).
    var NAV = window.Navigator && Navigator.prototype;
    wrapMethod(NAV, 'getBattery', function () { fingerprint('navigator.getBattery'); });
    wrapMethod(window.NavigatorUAData && NavigatorUAData.prototype, 'getHighEntropyValues', function (ua, args) {
      var hints = Array.isArray(args[0]) ? args[0].slice(0, 20).map(String).sort().join(',') : '';
      fingerprint('navigator.userAgentData.getHighEntropyValues', hints);
    });
    wrapMethod(window.MediaDevices && MediaDevices.prototype, 'enumerateDevices', function () {
      fingerprint('navigator.mediaDevices.enumerateDevices');
    });
    wrapMethod(window.Permissions && Permissions.prototype, 'query', function (p, args) {
      var name = args[0] && typeof args[0] === 'object' ? String(args[0].name).slice(0, 40) : '';
      fingerprint('navigator.permissions.query', name);
    });
    wrapMethod(window.Intl && Intl.DateTimeFormat && Intl.DateTimeFormat.prototype, 'resolvedOptions', function () {
      fingerprint('Intl.DateTimeFormat.resolvedOptions');
    });
    wrapMethod(window.SpeechSynthesis && SpeechSynthesis.prototype, 'getVoices', function () {
      fingerprint('speechSynthesis.getVoices');
    });
    wrapMethod(window.Element && Element.prototype, 'getClientRects', function () { fingerprint('Element.getClientRects'); });
    wrapMethod(window.Range && Range.prototype, 'getClientRects', function () { fingerprint('Range.getClientRects'); });

    // Navigator and screen properties (DNT/GPC reads are `navigator-read` events, not these).
    NAVIGATOR_PROPS.forEach(function (prop) {
      wrapAccessor(window.Navigator && Navigator.prototype, prop, function () { fingerprint('navigator.' + prop); });
    });
    SCREEN_PROPS.forEach(function (prop) {
      wrapAccessor(window.Screen && Screen.prototype, prop, function () { fingerprint('screen.' + prop); });
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
