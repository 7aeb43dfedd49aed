// trackscope page instrumentation — ONE source for every host that must observe from inside the
// page: the extension runs it as a MAIN-world content script, the scanner as an init script. It
// only observes: every wrapped API behaves as before, and nothing leaves the page but `emit`.
//
// This file is a single function expression and defines nothing. A host runs it, in the page's
// MAIN world at document_start before any page script, as
//   (SOURCE)(emit)
// emit(event) receives Capture events (CAPTURE.md, "events"), objects without a prototype:
//   {kind: "cookie-write",   api: "document.cookie",      value, scriptUrl, frameUrl, timeMs}
//   {kind: "beacon",         api: "navigator.sendBeacon" | "fetch", url, value, ...}
//   {kind: "storage-write",  api: "localStorage.setItem" | "sessionStorage.setItem", key, value, ...}
//   {kind: "navigator-read", api: "navigator.doNotTrack" | "navigator.globalPrivacyControl", key, ...}
//   {kind: "fingerprint",    api: "HTMLCanvasElement.toDataURL" | "navigator.hardwareConcurrency" | ...,
//                            key?, count, canvas?: {width, height, textLength, colors, shapes, interactive}}
//   {kind: "listener",       api: "EventTarget.addEventListener" | "MutationObserver.observe", key: type}
// The calling script's URL comes from the stack: the first frame whose URL is not this file's.
//
// Unseen by the page (OBSERVER.md lists each check and what cannot be hidden):
//   - no global, no own property where the platform has none (wrappers replace the prototype
//     property they wrap, with its attributes);
//   - every wrapper answers `toString` (its realm's and other frames'), `name`, `length`, own keys,
//     `prototype`, `new`, `caller` as the native does; errors the native throws carry the page's
//     stack, not the wrapper's frame;
//   - the observer runs only the built-ins captured below, before any page script, and never runs
//     page code: values that are objects (whose toString, getters or proxies would run) are not
//     read — those calls are left to the other observations (cookie jar, storage snapshot,
//     network) — and no prototype of the page is consulted (objects without prototypes,
//     descriptors read as own properties).
/* eslint-disable no-restricted-globals */
(function trackscopeInstrument(emit) {
  'use strict';
  var MAX_VALUE = 4096;  // characters kept of a cookie string, beacon body or storage value

  // ---- The built-ins as they are before any page script ----
  var apply = Reflect.apply;
  var getOwnDescriptor = Object.getOwnPropertyDescriptor;
  var define = Object.defineProperty;
  var getProto = Object.getPrototypeOf;
  var setProto = Object.setPrototypeOf;
  var deleteProp = Reflect.deleteProperty;
  var ErrorFn = Error;
  var captureStack = ErrorFn.captureStackTrace;  // V8; Firefox 135+
  var FunctionProto = Function.prototype;
  var nativeToString = FunctionProto.toString;
  var now = Date.now;
  var round = Math.round;
  var StringFn = String;
  var charCodeAt = String.prototype.charCodeAt;
  var indexOf = String.prototype.indexOf;
  var slice = String.prototype.slice;
  var numberToString = Number.prototype.toString;
  var isFinite = Number.isFinite;
  var regexpExec = RegExp.prototype.exec;
  var MapFn = Map, mapGet = Map.prototype.get, mapSet = Map.prototype.set;
  var SetFn = Set, setHas = Set.prototype.has, setAdd = Set.prototype.add;
  var WeakMapFn = WeakMap, weakGet = WeakMap.prototype.get, weakSet = WeakMap.prototype.set;
  var setTimer = window.setTimeout;
  var URLFn = URL;
  var pageStart = performance.timeOrigin || now();

  // A property's descriptor with no prototype (its fields are read without consulting the page's
  // Object.prototype), or undefined.
  function own(object, key) {
    if (object == null) return undefined;
    var desc = getOwnDescriptor(object, key);
    if (desc) setProto(desc, null);
    return desc;
  }
  function getterOf(object, key) {
    var desc = own(object, key);
    return desc && desc.get;
  }
  function call(fn, self) {
    return apply(fn, self, []);
  }
  // Whether `value` is an instance of the platform class whose prototype is `proto` (as the
  // platform creates them; subclasses are not followed).
  function is(value, proto) {
    return proto != null && value !== null && typeof value === 'object' && getProto(value) === proto;
  }
  function protoOf(name) {
    return typeof window[name] === 'function' ? window[name].prototype : null;
  }
  function primitive(value) {
    var type = typeof value;
    return type === 'string' || type === 'number' || type === 'boolean' || type === 'bigint' || value == null;
  }
  function clip(s) {
    s = StringFn(s);
    return s.length > MAX_VALUE ? apply(slice, s, [0, MAX_VALUE]) : s;
  }
  function codePoints(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = apply(charCodeAt, s, [i]);
      if (c < 0xDC00 || c > 0xDFFF) n++;
    }
    return n;
  }

  // ---- Stacks: the calling script ----
  var stackGetter = getterOf(ErrorFn.prototype, 'stack');  // Firefox: an accessor on the prototype
  // The stack as V8 / Firefox write it, captured without the page's Error.prepareStackTrace or
  // Error.stackTraceLimit seeing or shaping it (both are set aside and put back as they were).
  // Capturing is the costly part of a recorded call and grows with the depth: 10 frames (V8's
  // default) reach the caller, which is within the first few.
  function restoreOn(object, key, desc) {
    if (desc) define(object, key, desc);
    else deleteProp(object, key);
  }
  function stackText() {
    if (captureStack) {
      var format = own(ErrorFn, 'prepareStackTrace');
      var limit = own(ErrorFn, 'stackTraceLimit');
      // As the page left them (the usual case): nothing to set aside.
      if ((!format || ('value' in format && format.value === undefined)) && limit && limit.value === 10) {
        var fresh = { __proto__: null };
        apply(captureStack, ErrorFn, [fresh]);
        var plain = fresh.stack;
        return typeof plain === 'string' ? plain : '';
      }
      if ((format && !format.configurable) || (limit && !limit.configurable)) return '';
      define(ErrorFn, 'prepareStackTrace', { __proto__: null, value: undefined, writable: true, configurable: true });
      define(ErrorFn, 'stackTraceLimit', { __proto__: null, value: 10, writable: true, enumerable: true, configurable: true });
      var text, holder = { __proto__: null };
      try {
        apply(captureStack, ErrorFn, [holder]);
        text = holder.stack;
      } finally {
        restoreOn(ErrorFn, 'prepareStackTrace', format);
        restoreOn(ErrorFn, 'stackTraceLimit', limit);
      }
      return typeof text === 'string' ? text : '';
    }
    var text2 = stackGetter ? call(stackGetter, new ErrorFn()) : '';
    return typeof text2 === 'string' ? text2 : '';
  }
  var urlPattern = /((?:https?|chrome-extension|moz-extension|blob):\/\/[^\s)]+?)(?::\d+){1,2}\)?\s*$/;
  // The first script URL in the stack other than `skip`.
  function firstUrl(skip) {
    var text = stackText();
    var from = 0;
    while (from < text.length) {
      var end = apply(indexOf, text, ['\n', from]);
      if (end < 0) end = text.length;
      var m = apply(regexpExec, urlPattern, [apply(slice, text, [from, end])]);
      if (m && m[1] !== skip) return m[1];
      from = end + 1;
    }
    return '';
  }
  var ownUrl = firstUrl('');  // this file's URL (empty when run as an anonymous init script)
  function callerUrl() {
    return firstUrl(ownUrl);
  }

  function send(event, scriptUrl) {
    event.scriptUrl = scriptUrl === undefined ? callerUrl() : scriptUrl;
    event.frameUrl = location.href;
    event.timeMs = round((now() - pageStart) * 10) / 10;
    try { emit(event); } catch (e) { /* the observer must never break the page */ }
  }

  // ---- Wrappers the page cannot tell from the natives ----
  var nativeText = new WeakMapFn();  // wrapper -> what Function.prototype.toString says of it
  // This browser's text of a native function after its name: "() { [native code] }" (V8),
  // "() {\n    [native code]\n}" (Firefox); and whether it names accessors "get x" (V8) or "x".
  var selfText = apply(nativeToString, nativeToString, []);
  var nativeTail = apply(slice, selfText, [apply(indexOf, selfText, ['('])]);
  var protoGetterText = apply(nativeToString, getOwnDescriptor(Object.prototype, '__proto__').get, []);
  var accessorPrefix = apply(indexOf, protoGetterText, ['get __proto__']) >= 0;
  // What toString says of the wrapped `original` (run at install, before any page script): its
  // own text when it is a native; else, as for a getter a signal script defined, the text a native
  // of that name has. `name` as the function's name property: "sendBeacon", "get cookie".
  function textOf(original, name) {
    var text = original ? apply(nativeToString, original, []) : '';
    if (/^function [\w$ ]*\(\) \{\s*\[native code\]\s*\}$/.test(text)) return text;
    var shown = accessorPrefix ? name : name.replace(/^[gs]et /, '');
    return 'function ' + shown + nativeTail;
  }
  function disguise(fn, name, length, original) {
    define(fn, 'length', { __proto__: null, value: length, writable: false, enumerable: false, configurable: true });
    define(fn, 'name', { __proto__: null, value: name, writable: false, enumerable: false, configurable: true });
    apply(weakSet, nativeText, [fn, textOf(original, name)]);
    return fn;
  }
  // An error the native threw inside `wrapper` gets the stack it has without the wrapper: captured
  // again from the wrapper's caller, formatted (lazily) by the page's own settings, as V8 does.
  function withoutFrame(error, wrapper) {
    if (captureStack && error !== null && typeof error === 'object') {
      try { apply(captureStack, ErrorFn, [error, wrapper]); } catch (e) { /* frozen error: as it is */ }
    }
    return error;
  }
  function lengthOf(fn) {
    var desc = own(fn, 'length');
    return desc && typeof desc.value === 'number' ? desc.value : 0;
  }
  // owner[key] (a method) runs `before(this, args)` first; the original always runs.
  function wrapMethod(owner, key, before) {
    var desc = own(owner, key);
    if (!desc || typeof desc.value !== 'function') return;
    var original = desc.value;
    var wrapper = {
      m() {
        try { before(this, arguments); } catch (e) { /* the observer must never break the page */ }
        try { return apply(original, this, arguments); } catch (error) { throw withoutFrame(error, wrapper); }
      },
    }.m;
    desc.value = disguise(wrapper, key, lengthOf(original), original);
    define(owner, key, desc);
  }
  // owner[key] (an accessor): onGet(this) before the getter, onSet(this, value) before the setter;
  // a side without a callback stays the native itself.
  function wrapAccessor(owner, key, onGet, onSet) {
    var desc = own(owner, key);
    if (!desc || !desc.get) return;
    var get = desc.get, set = desc.set;
    var shell = own({
      get [key]() {
        try { onGet(this); } catch (e) { /* never break the page */ }
        try { return call(get, this); } catch (error) { throw withoutFrame(error, shell.get); }
      },
      set [key](value) {
        try { onSet(this, value); } catch (e) { /* never break the page */ }
        try { return apply(set, this, [value]); } catch (error) { throw withoutFrame(error, shell.set); }
      },
    }, key);
    if (onGet) desc.get = disguise(shell.get, 'get ' + key, 0, get);
    if (onSet && set) desc.set = disguise(shell.set, 'set ' + key, 1, set);
    define(owner, key, desc);
  }
  // Function.prototype.toString: a wrapper reads as native. A function of another frame is
  // answered by that frame's toString (wrapped there too when the frame is observed).
  var toString = {
    toString() {
      if (typeof this === 'function') {
        var text = apply(weakGet, nativeText, [this]);
        if (text !== undefined) return text;
        // Another frame's Function.prototype (callable, with its own apply), not a page's object.
        var proto = getProto(this);
        if (proto !== FunctionProto && typeof proto === 'function' && own(proto, 'apply')) {
          var theirs = own(proto, 'toString');
          if (theirs && typeof theirs.value === 'function' && theirs.value !== toString) {
            try { return apply(theirs.value, this, []); } catch (error) { throw withoutFrame(error, toString); }
          }
        }
      }
      try { return apply(nativeToString, this, arguments); } catch (error) { throw withoutFrame(error, toString); }
    },
  }.toString;
  var toStringDesc = own(FunctionProto, 'toString');
  toStringDesc.value = disguise(toString, 'toString', 0, nativeToString);
  define(FunctionProto, 'toString', toStringDesc);

  // ---- What is recorded ----
  // document.cookie writes (string values; an object's toString is page code, not run here).
  wrapAccessor(Document.prototype, 'cookie', null, function (doc, value) {
    if (primitive(value)) send({ __proto__: null, kind: 'cookie-write', api: 'document.cookie', value: clip(value) });
  });

  // navigator.sendBeacon and fetch(..., {keepalive: true}).
  var BODY_TYPES = ['Blob', 'File', 'FormData', 'ArrayBuffer', 'DataView', 'ReadableStream', 'Uint8Array',
                    'Int8Array', 'Uint16Array', 'Int16Array', 'Uint32Array', 'Int32Array', 'Float32Array',
                    'Float64Array', 'Uint8ClampedArray', 'BigInt64Array', 'BigUint64Array'];
  var bodyTypes = [];  // [name, prototype]
  for (var b = 0; b < BODY_TYPES.length; b++) {
    if (protoOf(BODY_TYPES[b])) bodyTypes[bodyTypes.length] = [BODY_TYPES[b], protoOf(BODY_TYPES[b])];
  }
  var PARAMS = protoOf('URLSearchParams'), REQUEST = protoOf('Request'), URL_PROTO = URLFn.prototype;
  var paramsText = PARAMS && PARAMS.toString;
  var hrefOf = getterOf(URL_PROTO, 'href');
  var requestUrl = getterOf(REQUEST, 'url');
  var requestKeepalive = getterOf(REQUEST, 'keepalive');
  function bodyText(body) {
    if (body == null) return '';
    if (primitive(body)) return clip(body);
    if (is(body, PARAMS)) return clip(call(paramsText, body));
    for (var i = 0; i < bodyTypes.length; i++) {
      if (is(body, bodyTypes[i][1])) return '[' + bodyTypes[i][0] + ']';
    }
    return '[binary]';
  }
  // The absolute URL of a string or URL argument; '' for anything else (whose toString is page code).
  function absoluteUrl(input) {
    try {
      if (is(input, URL_PROTO)) return call(hrefOf, input);
      if (is(input, REQUEST)) return call(requestUrl, input);
      if (typeof input === 'string') return call(hrefOf, new URLFn(input, location.href));
    } catch (e) { /* not a URL: the native call throws as it would */ }
    return '';
  }
  wrapMethod(Navigator.prototype, 'sendBeacon', function (nav, args) {
    var url = absoluteUrl(args[0]);
    if (url) send({ __proto__: null, kind: 'beacon', api: 'navigator.sendBeacon', url: url, value: bodyText(args[1]) });
  });
  wrapMethod(window, 'fetch', function (self, args) {
    var input = args[0], init = args[1];
    var options = init !== null && typeof init === 'object';
    var keepalive = options && own(init, 'keepalive');
    var viaInit = keepalive && keepalive.value === true;
    var viaRequest = is(input, REQUEST) && call(requestKeepalive, input) === true;
    if (!viaInit && !viaRequest) return;
    var url = absoluteUrl(input);
    // The body is read only for a beacon (every fetch goes through here).
    var body = url && options && own(init, 'body');
    if (url) send({ __proto__: null, kind: 'beacon', api: 'fetch', url: url, value: body && 'value' in body ? bodyText(body.value) : '' });
  });

  // Storage writes.
  var sessionStorageOf = getterOf(window, 'sessionStorage');
  wrapMethod(Storage.prototype, 'setItem', function (storage, args) {
    if (!primitive(args[0]) || !primitive(args[1])) return;
    var session = false;
    try { session = storage === call(sessionStorageOf, window); } catch (e) { /* storage denied */ }
    send({ __proto__: null, kind: 'storage-write', api: (session ? 'sessionStorage' : 'localStorage') + '.setItem',
           key: clip(args[0]), value: clip(args[1]) });
  });

  // What scripts watch (CAPTURE.md, "listener" events): listeners for the visitor's input, and
  // MutationObservers — once per (script, api, type) in this document; after LISTEN_MAX_CALLS calls
  // of one (api, type) the calling script is no longer looked up.
  var LISTEN_MAX_CALLS = 300;
  var INPUT_TYPES = { __proto__: null, pointermove: 1, mousemove: 1, mousedown: 1, mouseup: 1, pointerdown: 1,
    pointerup: 1, click: 1, touchstart: 1, touchend: 1, touchmove: 1, scroll: 1, wheel: 1, keydown: 1, keyup: 1,
    keypress: 1, input: 1, beforeinput: 1, change: 1 };
  var listenCalls = new MapFn();  // api \n type -> calls
  var listenSeen = new SetFn();   // script \n api \n type
  function listened(api, type) {
    var id = api + '\n' + type;
    var calls = (apply(mapGet, listenCalls, [id]) || 0) + 1;
    apply(mapSet, listenCalls, [id, calls]);
    if (calls > LISTEN_MAX_CALLS) return;
    var script = callerUrl();
    var seen = script + '\n' + id;
    if (apply(setHas, listenSeen, [seen])) return;
    apply(setAdd, listenSeen, [seen]);
    send({ __proto__: null, kind: 'listener', api: api, key: type }, script);
  }
  wrapMethod(window.MutationObserver && MutationObserver.prototype, 'observe', function () {
    listened('MutationObserver.observe', '');
  });

  installFingerprinting();

  // DNT / GPC reads.
  var SIGNALS = ['doNotTrack', 'globalPrivacyControl'];
  for (var s = 0; s < SIGNALS.length; s++) {
    (function (prop) {
      wrapAccessor(Navigator.prototype, prop, function () {
        send({ __proto__: null, kind: 'navigator-read', api: 'navigator.' + prop, key: prop });
      }, null);
    })(SIGNALS[s]);
  }

  // Fingerprinting APIs (CAPTURE.md, "fingerprint" events; what counts follows Blacklight, see
  // core/include/trackscope/classify/fingerprint.h). Kept cheap: calls are counted per (script,
  // api, key); the first FP_IMMEDIATE are sent at once, later ones as a running `count` at most
  // every FP_FLUSH_MS; after FP_MAX_CALLS calls of one API it is no longer followed. Canvas
  // read-backs are reported only for canvases something was drawn on, with what was drawn.
  function installFingerprinting() {
    var FP_IMMEDIATE = 3, FP_FLUSH_MS = 250, FP_MAX_CALLS = 5000;
    var GL_NAMES = {
      __proto__: null,
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

    var counters = new MapFn();  // script \n api \n key -> {count, pending, seen}
    var totals = new MapFn();    // api -> calls seen
    // Counts one call; `distinct`: count distinct values instead of calls (fonts).
    function fingerprint(api, key, canvas, distinct) {
      var total = (apply(mapGet, totals, [api]) || 0) + 1;
      apply(mapSet, totals, [api, total]);
      if (total > FP_MAX_CALLS) return;
      var script = callerUrl();
      var id = script + '\n' + api + '\n' + (key || '');
      var state = apply(mapGet, counters, [id]);
      if (!state) {
        state = { __proto__: null, count: 0, pending: false, seen: distinct === undefined ? null : new SetFn() };
        apply(mapSet, counters, [id, state]);
      }
      if (state.seen) {
        if (apply(setHas, state.seen, [distinct])) return;
        apply(setAdd, state.seen, [distinct]);
      }
      state.count++;
      var event = { __proto__: null, kind: 'fingerprint', api: api, count: state.count };
      if (key) event.key = key;
      if (canvas) event.canvas = canvas;
      if (state.count <= FP_IMMEDIATE) return send(event, script);
      if (state.pending) return;
      state.pending = true;
      apply(setTimer, window, [function () {
        state.pending = false;
        var update = { __proto__: null, kind: 'fingerprint', api: api, count: state.count };
        if (key) update.key = key;
        send(update, script);
      }, FP_FLUSH_MS]);
    }
    function text(value, max) {
      return primitive(value) ? apply(slice, StringFn(value), [0, max]) : '';
    }

    // Canvas: what was drawn on each canvas, and read-backs of drawn canvases.
    var C2D = window.CanvasRenderingContext2D && CanvasRenderingContext2D.prototype;
    var CANVAS = window.HTMLCanvasElement && HTMLCanvasElement.prototype;
    var canvasOf = getterOf(C2D, 'canvas');
    var fillStyleOf = getterOf(C2D, 'fillStyle');
    var strokeStyleOf = getterOf(C2D, 'strokeStyle');
    var widthOf = getterOf(CANVAS, 'width');
    var heightOf = getterOf(CANVAS, 'height');
    var setSize = getterOf(SetFn.prototype, 'size');
    var drawings = new WeakMapFn();  // canvas element -> {textLength, colors, shapes, interactive}
    function drawingOf(canvas) {
      var d = apply(weakGet, drawings, [canvas]);
      if (!d) {
        d = { __proto__: null, textLength: 0, colors: new SetFn(), shapes: 0, interactive: false };
        apply(weakSet, drawings, [canvas, d]);
      }
      return d;
    }
    function style(ctx, stroke) {
      var value = call(stroke ? strokeStyleOf : fillStyleOf, ctx);
      return typeof value === 'string' ? value : '[pattern]';
    }
    var TEXT_OPS = ['fillText', 'strokeText'];
    for (var t = 0; t < TEXT_OPS.length; t++) {
      (function (name) {
        wrapMethod(C2D, name, function (ctx, args) {
          var d = drawingOf(call(canvasOf, ctx));
          var drawn = args[0];
          var length = typeof drawn === 'string' ? codePoints(drawn) : primitive(drawn) ? StringFn(drawn).length : 1;
          if (length > d.textLength) d.textLength = length;
          apply(setAdd, d.colors, [style(ctx, name === 'strokeText')]);
        });
      })(TEXT_OPS[t]);
    }
    var SHAPE_OPS = ['fillRect', 'strokeRect', 'fill', 'stroke'];
    for (var sh = 0; sh < SHAPE_OPS.length; sh++) {
      (function (name) {
        wrapMethod(C2D, name, function (ctx) {
          var d = drawingOf(call(canvasOf, ctx));
          d.shapes++;
          apply(setAdd, d.colors, [style(ctx, name === 'strokeRect' || name === 'stroke')]);
        });
      })(SHAPE_OPS[sh]);
    }
    wrapMethod(C2D, 'save', function (ctx) { drawingOf(call(canvasOf, ctx)).interactive = true; });
    wrapMethod(C2D, 'restore', function (ctx) { drawingOf(call(canvasOf, ctx)).interactive = true; });
    function readBack(api, canvas, width, height) {
      var d = canvas && apply(weakGet, drawings, [canvas]);
      if (!d || (d.textLength === 0 && d.shapes === 0)) return;
      fingerprint(api, '', { __proto__: null, width: width, height: height, textLength: d.textLength,
                             colors: call(setSize, d.colors), shapes: d.shapes, interactive: d.interactive });
    }
    wrapMethod(CANVAS, 'toDataURL', function (canvas) {
      readBack('HTMLCanvasElement.toDataURL', canvas, call(widthOf, canvas), call(heightOf, canvas));
    });
    wrapMethod(CANVAS, 'toBlob', function (canvas) {
      readBack('HTMLCanvasElement.toBlob', canvas, call(widthOf, canvas), call(heightOf, canvas));
    });
    wrapMethod(C2D, 'getImageData', function (ctx, args) {
      var w = typeof args[2] === 'number' ? args[2] : 0, h = typeof args[3] === 'number' ? args[3] : 0;
      readBack('CanvasRenderingContext2D.getImageData', call(canvasOf, ctx), w < 0 ? -w | 0 : w | 0, h < 0 ? -h | 0 : h | 0);
    });

    // Listeners: an interactive canvas (not a fingerprint), an RTC peer connection's candidates.
    var RTC = window.RTCPeerConnection && RTCPeerConnection.prototype;
    wrapMethod(window.EventTarget && EventTarget.prototype, 'addEventListener', function (target, args) {
      if (typeof args[0] === 'string' && INPUT_TYPES[args[0]]) listened('EventTarget.addEventListener', args[0]);
      var proto = target !== null && typeof target === 'object' ? getProto(target) : null;
      if (proto === null) return;
      if (proto === CANVAS) drawingOf(target).interactive = true;
      else if (proto === RTC && args[0] === 'icecandidate') fingerprint('RTCPeerConnection.onicecandidate');
    });

    // Fonts: distinct fonts set on 2D contexts or checked, and text measurements.
    wrapAccessor(C2D, 'font', null, function (ctx, value) {
      fingerprint('CanvasRenderingContext2D.font', '', null, text(value, 200));
    });
    wrapMethod(C2D, 'measureText', function () { fingerprint('CanvasRenderingContext2D.measureText'); });
    wrapMethod(window.FontFaceSet && FontFaceSet.prototype, 'check', function (set, args) {
      fingerprint('document.fonts.check', '', null, text(args[0], 200));
    });

    // WebGL parameters and extensions.
    var GL = ['WebGLRenderingContext', 'WebGL2RenderingContext'];
    for (var g = 0; g < GL.length; g++) {
      (function (iface) {
        var proto = window[iface] && window[iface].prototype;
        wrapMethod(proto, 'getParameter', function (gl, args) {
          var n = args[0];
          // Not a GLenum (undefined, a string...): said as given, not as "0xNaN".
          var key = typeof n === 'number' && isFinite(n)
            ? GL_NAMES[n] || '0x' + apply(numberToString, n, [16]) : text(n, 40);
          fingerprint(iface + '.getParameter', key);
        });
        wrapMethod(proto, 'getExtension', function (gl, args) { fingerprint(iface + '.getExtension', text(args[0], 80)); });
        wrapMethod(proto, 'getSupportedExtensions', function () { fingerprint(iface + '.getSupportedExtensions'); });
        wrapMethod(proto, 'getShaderPrecisionFormat', function () { fingerprint(iface + '.getShaderPrecisionFormat'); });
      })(GL[g]);
    }

    // Audio: an oscillator rendered offline or analysed.
    var BAC = window.BaseAudioContext && BaseAudioContext.prototype;
    var OFFLINE = window.OfflineAudioContext && OfflineAudioContext.prototype;
    var AUDIO_OPS = ['createOscillator', 'createDynamicsCompressor', 'createAnalyser'];
    for (var a = 0; a < AUDIO_OPS.length; a++) {
      (function (name) {
        wrapMethod(BAC, name, function (ctx) {
          var offline = ctx !== null && typeof ctx === 'object' && getProto(ctx) === OFFLINE;
          fingerprint((offline ? 'OfflineAudioContext.' : 'AudioContext.') + name);
        });
      })(AUDIO_OPS[a]);
    }
    wrapMethod(OFFLINE, 'startRendering', function () { fingerprint('OfflineAudioContext.startRendering'); });
    wrapMethod(window.AnalyserNode && AnalyserNode.prototype, 'getFloatFrequencyData', function () {
      fingerprint('AnalyserNode.getFloatFrequencyData');
    });

    // WebRTC: a peer connection that gathers ICE candidates reveals local IP addresses (the probe
    // creates a data channel and an offer, and listens for candidates; calls and meetings add
    // media tracks).
    var RTC_OPS = ['createDataChannel', 'createOffer', 'setLocalDescription', 'addTrack', 'addStream'];
    for (var r = 0; r < RTC_OPS.length; r++) {
      (function (name) {
        wrapMethod(RTC, name, function () { fingerprint('RTCPeerConnection.' + name); });
      })(RTC_OPS[r]);
    }
    wrapAccessor(RTC, 'onicecandidate', null, function () { fingerprint('RTCPeerConnection.onicecandidate'); });

    // High-entropy APIs (each a fingerprinting technique of its own).
    var NAV = window.Navigator && Navigator.prototype;
    wrapMethod(NAV, 'getBattery', function () { fingerprint('navigator.getBattery'); });
    wrapMethod(window.NavigatorUAData && NavigatorUAData.prototype, 'getHighEntropyValues', function (ua, args) {
      fingerprint('navigator.userAgentData.getHighEntropyValues', hintList(args[0]));
    });
    wrapMethod(window.MediaDevices && MediaDevices.prototype, 'enumerateDevices', function () {
      fingerprint('navigator.mediaDevices.enumerateDevices');
    });
    wrapMethod(window.Permissions && Permissions.prototype, 'query', function (p, args) {
      var name = args[0] !== null && typeof args[0] === 'object' ? own(args[0], 'name') : undefined;
      fingerprint('navigator.permissions.query', name && 'value' in name ? text(name.value, 40) : '');
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
    for (var n = 0; n < NAVIGATOR_PROPS.length; n++) {
      (function (prop) {
        wrapAccessor(NAV, prop, function () { fingerprint('navigator.' + prop); }, null);
      })(NAVIGATOR_PROPS[n]);
    }
    var SCREEN = window.Screen && Screen.prototype;
    for (var p = 0; p < SCREEN_PROPS.length; p++) {
      (function (prop) {
        wrapAccessor(SCREEN, prop, function () { fingerprint('screen.' + prop); }, null);
      })(SCREEN_PROPS[p]);
    }
  }

  // The hints asked of getHighEntropyValues, sorted and joined: "architecture,model" (at most 20,
  // read as the array's own string elements).
  function hintList(list) {
    if (list === null || typeof list !== 'object') return '';
    var length = own(list, 'length');
    var count = length && typeof length.value === 'number' ? length.value : 0;
    var hints = [];  // sorted by insertion; indices defined, never assigned through a prototype
    for (var i = 0; i < count && i < 20; i++) {
      var item = own(list, i);
      if (!item || typeof item.value !== 'string') continue;
      var j = hints.length;
      while (j > 0 && hints[j - 1] > item.value) {
        define(hints, j, { __proto__: null, value: hints[j - 1], writable: true, enumerable: true, configurable: true });
        j--;
      }
      define(hints, j, { __proto__: null, value: item.value, writable: true, enumerable: true, configurable: true });
    }
    var joined = '';
    for (var k = 0; k < hints.length; k++) joined += (k ? ',' : '') + hints[k];
    return joined;
  }
})
