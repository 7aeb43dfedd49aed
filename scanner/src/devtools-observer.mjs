// Observing a page's script calls through the DevTools protocol only (`scan --observe devtools`):
// nothing runs in the page's JavaScript world — no wrapper, no init script, no binding — so a page
// can find no trace of the observer in its objects, its stacks or its callbacks
// (instrument/OBSERVER.md, "The scanner's DevTools observer"). It records the events the page
// instrumentation records (CAPTURE.md), from:
//
//   - who called: a breakpoint on each watched native function pauses in the caller's frame, and
//     the paused stack names the script;
//   - the call's arguments: not reachable in that frame, they are read back from the caller's
//     source at the paused location (call-arguments.mjs) and evaluated again there without side
//     effects — V8 refuses an expression with side effects before it changes anything, so a page
//     getter or proxy that would record the read never completes;
//   - what the call did, read through the protocol: the frame's cookies from an isolated world
//     before and after a `document.cookie` write (so that a value made of the time or a random
//     number is the one stored), `DOMStorage` item events for the value setItem stored, the network's
//     requests (sendBeacon's Ping requests with their initiator stack; the request of a keepalive
//     fetch), and for canvases the element (its DOM node) a drawing or read-back is about.
//
// `addEventListener` pauses only for the visitor's input types and `icecandidate` (a condition made
// of comparisons of a primitive, which runs no page code). Every document gets its breakpoints at
// the first statement of its first script (a `scriptFirstStatement` pause, where evaluation works)
// — those of canvas, WebGL, audio and WebRTC once it first makes such an object (WATCHED);
// out-of-process frames are attached to before they run (auto-attach, waiting for the debugger).
// The page can still measure time: each watched call is a round trip to the scanner (1–3 ms), and
// each `debugger` statement pauses once (then its location is muted). An argument that cannot be
// read back (an expression with side effects, a receiver that is no plain chain of names) costs
// that detail: a fingerprinting key is left empty, an input listener or a canvas drawing is not
// counted, a cookie write is reported as what it changed ("name=value", without attributes).
//
//   const observer = await observeThroughDevTools(page);   // before page.goto
//   ... load, act ...
//   events.push(...observer.events());                       // capture events (CAPTURE.md)
//   observer.stop();                                        // then close the page
import { bounded } from './bounded.mjs';
import { callAt, offsetOf, propertyOf, receiverAt } from './call-arguments.mjs';

const MAX_VALUE = 4096;
const MAX_HITS = 500;  // pauses per API and document; then its breakpoint is removed (the count stays)
const WORLD = 'trackscope-observer';
const PAUSE_MS = 3000;  // longest the observer holds a paused page

// [api, expression of the function, kind]. `kind`: 'cookie', 'storage', 'read' (navigator-read),
// 'fp' (fingerprint), 'listen' (listener).
const NAV_PROPS = ['userAgent', 'appVersion', 'appName', 'appCodeName', 'platform', 'product', 'productSub', 'vendor',
  'vendorSub', 'language', 'languages', 'plugins', 'mimeTypes', 'hardwareConcurrency', 'deviceMemory', 'maxTouchPoints',
  'cookieEnabled', 'onLine', 'pdfViewerEnabled', 'webdriver', 'connection', 'oscpu', 'buildID'];
const SCREEN_PROPS = ['width', 'height', 'availWidth', 'availHeight', 'availTop', 'availLeft', 'colorDepth', 'pixelDepth', 'orientation'];
const lookUp = expr => `(() => { try { return ${expr}; } catch { return undefined; } })()`;
const getter = (proto, key) => `Object.getOwnPropertyDescriptor(${proto}, ${JSON.stringify(key)})?.get`;
const setter = (proto, key) => `Object.getOwnPropertyDescriptor(${proto}, ${JSON.stringify(key)})?.set`;
const method = (proto, key) => `Object.getOwnPropertyDescriptor(${proto}, ${JSON.stringify(key)})?.value`;
// The event types of the visitor's input (CAPTURE.md, "listener" events), and `icecandidate` (a
// WebRTC probe): addEventListener pauses only for these — its condition compares the first
// argument with each, operators on a primitive that run no page code.
const INPUT_TYPES = ['pointermove', 'mousemove', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'click', 'touchstart',
  'touchend', 'touchmove', 'scroll', 'wheel', 'keydown', 'keyup', 'keypress', 'input', 'beforeinput', 'change'];
const LISTEN_CONDITION = [...INPUT_TYPES, 'icecandidate'].map(t => `arguments[0] === ${JSON.stringify(t)}`).join(' || ');
// How the arguments of a watched call are read back (call-arguments.mjs): `args` makes the
// expression to evaluate in the paused frame from the arguments' source texts.
const first = a => `(${a[0] ?? 'undefined'})`;
// Property `name` of an object argument (source text `text`): only that property's expression when
// the argument is an object literal (its other values — a body made by calls — may not read back).
const field = (text, name) => {
  const written = propertyOf(text, name);
  if (written === undefined) return 'undefined';
  if (written !== null) return `(${written})`;
  return `((o) => o !== null && typeof o === 'object' ? o[${JSON.stringify(name)}] : undefined)(${text ?? 'undefined'})`;
};
const ARGS = {
  cookie: first,
  listen: first,
  key: first,
  distinct: first,
  permission: a => field(a[0], 'name'),
  draw: first,  // the text drawn (fillText, strokeText)
  storage: first,  // the key (the value is read on its own: it may not read back when the key does)
  readback: a => `[${a[2] ?? 'undefined'}, ${a[3] ?? 'undefined'}]`,  // getImageData's width and height
  // Whether the fetch is a keepalive one (its options', or its Request's, `keepalive`); address and
  // body come from the request itself (onRequest), which an expression like a random id would not
  // give again.
  fetch: a => `(${field(a[1] ?? a[0], 'keepalive')} === true)`,
};
// [api, expression, kind, group]: an API of a `group` is armed when the page first makes the object
// it belongs to — a canvas context, an audio context, a peer connection — at that call's pause (the
// `arm` entries), not at every document's first script: a breakpoint costs ~2 ms to set, and most
// pages never use them.
export const WATCHED = [
  ['document.cookie', setter('Document.prototype', 'cookie'), 'cookie'],
  ['HTMLCanvasElement.getContext', method('globalThis.HTMLCanvasElement?.prototype', 'getContext'), 'arm', 'canvas'],
  ['AudioContext', 'globalThis.AudioContext', 'arm', 'audio'],
  ['OfflineAudioContext', 'globalThis.OfflineAudioContext', 'arm', 'audio'],
  ['RTCPeerConnection', 'globalThis.RTCPeerConnection', 'arm', 'rtc'],
  ['fetch', method('globalThis', 'fetch'), 'fetch'],
  ['EventTarget.addEventListener', method('EventTarget.prototype', 'addEventListener'), 'listen'],
  ...['WebGLRenderingContext', 'WebGL2RenderingContext'].flatMap(gl => [
    [`${gl}.getParameter`, method(`globalThis.${gl}?.prototype`, 'getParameter'), 'key', 'canvas'],
    [`${gl}.getExtension`, method(`globalThis.${gl}?.prototype`, 'getExtension'), 'key', 'canvas'],
  ]),
  ...['fillText', 'strokeText', 'fillRect', 'strokeRect', 'fill', 'stroke', 'save', 'restore'].map(op =>
    [`CanvasRenderingContext2D.${op}`, method('globalThis.CanvasRenderingContext2D?.prototype', op), 'draw', 'canvas']),
  // A canvas without a context reads back blank: nothing drawn, no fingerprint.
  ['HTMLCanvasElement.toDataURL', method('globalThis.HTMLCanvasElement?.prototype', 'toDataURL'), 'readback', 'canvas'],
  ['HTMLCanvasElement.toBlob', method('globalThis.HTMLCanvasElement?.prototype', 'toBlob'), 'readback', 'canvas'],
  ['CanvasRenderingContext2D.getImageData', method('globalThis.CanvasRenderingContext2D?.prototype', 'getImageData'), 'readback', 'canvas'],
  ['CanvasRenderingContext2D.font', setter('globalThis.CanvasRenderingContext2D?.prototype', 'font'), 'distinct', 'canvas'],
  ['document.fonts.check', method('globalThis.FontFaceSet?.prototype', 'check'), 'distinct'],
  ['navigator.permissions.query', method('globalThis.Permissions?.prototype', 'query'), 'permission'],
  ['navigator.userAgentData.getHighEntropyValues', method('globalThis.NavigatorUAData?.prototype', 'getHighEntropyValues'), 'key'],
  // setItem only, as the instrumentation (a removal stores nothing: the storage snapshot says what is left).
  ['setItem', method('Storage.prototype', 'setItem'), 'storage'],
  ['navigator.doNotTrack', getter('Navigator.prototype', 'doNotTrack'), 'read'],
  ['navigator.globalPrivacyControl', getter('Navigator.prototype', 'globalPrivacyControl'), 'read'],
  ['MutationObserver.observe', method('globalThis.MutationObserver?.prototype', 'observe'), 'observe'],
  ...NAV_PROPS.map(p => [`navigator.${p}`, getter('Navigator.prototype', p), 'fp']),
  ...SCREEN_PROPS.map(p => [`screen.${p}`, getter('globalThis.Screen?.prototype', p), 'fp']),
  ['navigator.getBattery', method('Navigator.prototype', 'getBattery'), 'fp'],
  ['navigator.mediaDevices.enumerateDevices', method('globalThis.MediaDevices?.prototype', 'enumerateDevices'), 'fp'],
  ['speechSynthesis.getVoices', method('globalThis.SpeechSynthesis?.prototype', 'getVoices'), 'fp'],
  ['Intl.DateTimeFormat.resolvedOptions', method('Intl.DateTimeFormat.prototype', 'resolvedOptions'), 'fp'],
  ['CanvasRenderingContext2D.measureText', method('globalThis.CanvasRenderingContext2D?.prototype', 'measureText'), 'fp', 'canvas'],
  ['Element.getClientRects', method('Element.prototype', 'getClientRects'), 'fp'],
  ['Range.getClientRects', method('globalThis.Range?.prototype', 'getClientRects'), 'fp'],
  ...['createOscillator', 'createDynamicsCompressor', 'createAnalyser'].map(m =>
    [`BaseAudioContext.${m}`, method('globalThis.BaseAudioContext?.prototype', m), 'audio', 'audio']),
  ['OfflineAudioContext.startRendering', method('globalThis.OfflineAudioContext?.prototype', 'startRendering'), 'fp', 'audio'],
  ['AnalyserNode.getFloatFrequencyData', method('globalThis.AnalyserNode?.prototype', 'getFloatFrequencyData'), 'fp', 'audio'],
  ...['createDataChannel', 'createOffer', 'setLocalDescription', 'addTrack', 'addStream'].map(m =>
    [`RTCPeerConnection.${m}`, method('globalThis.RTCPeerConnection?.prototype', m), 'fp', 'rtc']),
  ['RTCPeerConnection.onicecandidate', setter('globalThis.RTCPeerConnection?.prototype', 'onicecandidate'), 'fp', 'rtc'],
  ...['WebGLRenderingContext', 'WebGL2RenderingContext'].flatMap(gl => ['getSupportedExtensions', 'getShaderPrecisionFormat'].map(m =>
    [`${gl}.${m}`, method(`globalThis.${gl}?.prototype`, m), 'fp', 'canvas'])),
];

// The key of a keyed fingerprinting call, as the instrumentation gives it: a WebGL parameter by the
// constant's name when the source names it (`gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)`), else
// in hexadecimal; an extension's name; the client hints asked for, sorted.
function keyOf(api, args) {
  const value = args?.value;
  if (api.endsWith('.getParameter')) {
    const named = /\.\s*([A-Z][A-Z0-9_]+)\s*$/.exec(args?.texts?.[0] ?? '');
    if (named) return named[1];
    if (typeof value === 'string') return value.slice(0, 80);  // no GLenum: as given
    return typeof value === 'number' && Number.isFinite(value) ? `0x${value.toString(16)}` : '';
  }
  if (api.endsWith('.getHighEntropyValues')) {
    return Array.isArray(value) ? value.filter(h => typeof h === 'string').slice(0, 20).sort().join(',') : '';
  }
  return typeof value === 'string' ? value.slice(0, 80) : '';
}

// A cookie string ("a=1; b=2") as a Map name -> value.
function cookieMap(text) {
  const map = new Map();
  for (const part of String(text ?? '').split(';')) {
    const eq = part.indexOf('=');
    const name = (eq < 0 ? '' : part.slice(0, eq)).trim();
    const value = (eq < 0 ? part : part.slice(eq + 1)).trim();
    if (name || value) map.set(name, value);
  }
  return map;
}

// The cookie strings that turn `before` into `after`: "name=value" for each new or changed
// cookie, "name=; Max-Age=0" for each removed one.
export function cookieChanges(before, after) {
  const a = cookieMap(before), b = cookieMap(after);
  const out = [];
  for (const [name, value] of b) if (a.get(name) !== value) out.push(name ? `${name}=${value}` : value);
  for (const name of a.keys()) if (!b.has(name)) out.push(`${name}=; Max-Age=0`);
  return out;
}

// The cookie-write values of one `document.cookie` write: `written` the string read back from the
// script's source (null when it could not be), `changes` what changed (cookieChanges). The written
// string is kept, with its attributes, when its cookie changed to its value or did not change (a
// write of the same value); when its cookie changed to another value, that value with its
// attributes; other changes as they are.
export function cookieWrites(written, changes) {
  if (written === null) return changes;
  const [pair, ...attributes] = written.split(';');
  const eq = pair.indexOf('=');
  const name = (eq < 0 ? '' : pair.slice(0, eq)).trim();
  const nameOf = change => { const i = change.indexOf('='); return (i < 0 ? '' : change.slice(0, i)).trim(); };
  const own = changes.find(change => nameOf(change) === name);
  const others = changes.filter(change => change !== own);
  if (!own) return [written, ...others];
  const actual = own.split(';')[0].trim();
  if (actual === pair.trim() || own.includes('; Max-Age=0')) return [written, ...others];
  return [[actual, ...attributes].join(';'), ...others];
}

const clip = s => (String(s).length > MAX_VALUE ? String(s).slice(0, MAX_VALUE) : String(s));

// One debugging target: the page, or an out-of-process frame attached under it. `send(method,
// params)` reaches it; `observer` collects its events.
class Target {
  constructor(observer, send) {
    this.observer = observer;
    this.send = send;
    this.scripts = new Map();    // scriptId -> {url, contextId, frameId, main, startLine, startColumn, source}
    this.armed = new Map();      // main-world contextId -> Set of APIs armed there
    this.worlds = new Map();     // main-world contextId -> {id: isolated contextId, href}
    this.breakpoints = new Map();  // breakpointId -> {api, kind, group, native, hits}
    this.natives = new Set();    // APIs whose native has a breakpoint in this target's renderer process (it holds in all its documents)
    this.groups = new Set();     // groups of WATCHED armed in this process
    this.cookies = new Map();    // frameId -> the frame's cookie string as last read
    this.drawings = new Map();   // canvas backendNodeId -> {textLength, colors, shapes, interactive}
    this.storageWriters = [];    // setItem calls waiting for their item event: {key, value, area, origin, scriptUrl, frameUrl, at, event}
    this.keepaliveCaller = null; // {scriptUrl, frameUrl} of a keepalive fetch whose request is to come
    this.children = new Map();   // sessionId -> Target
    this.pending = new Map();    // message id -> {resolve, reject} (children's answers)
    this.nextId = 1;
    this.queue = Promise.resolve();
  }

  async start() {
    await Promise.all([
      this.send('Debugger.enable'), this.send('Runtime.enable'), this.send('DOMStorage.enable'),
      this.send('Network.enable', { maxPostDataSize: MAX_VALUE }),
    ]);
    await this.send('DOMDebugger.setInstrumentationBreakpoint', { eventName: 'scriptFirstStatement' });
    await this.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
  }

  // Pauses are handled one after the other, in the order they came.
  serial(work) {
    this.queue = this.queue.then(work).catch(() => {});
    return this.queue;
  }

  onEvent(method, params) {
    switch (method) {
      case 'Debugger.scriptParsed': {
        const aux = params.executionContextAuxData ?? {};
        this.scripts.set(params.scriptId, { url: params.url ?? '', contextId: params.executionContextId, frameId: aux.frameId, main: aux.type === 'default',
                                            startLine: params.startLine, startColumn: params.startColumn, source: undefined });
        break;
      }
      case 'Debugger.paused': this.serial(() => this.onPaused(params)); break;
      // A navigation of the main frame: the next documents may be in another process.
      case 'Runtime.executionContextsCleared': this.natives.clear(); this.groups.clear(); break;
      case 'DOMStorage.domStorageItemAdded':
      case 'DOMStorage.domStorageItemUpdated': this.onStorage(params, params.newValue); break;
      case 'Network.requestWillBeSent': this.onRequest(params); break;
      case 'Target.attachedToTarget': this.attach(params); break;
      case 'Target.receivedMessageFromTarget': this.fromChild(params); break;
      case 'Target.detachedFromTarget': this.children.delete(params.sessionId); break;
      default:
    }
  }

  // An out-of-process frame (or worker) waiting for the debugger: observed like the page, then run.
  attach({ sessionId, targetInfo }) {
    const send = (method, params = {}) => {
      const id = this.nextId++;
      const answer = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
      this.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
        .catch(error => { this.pending.get(id)?.reject(error); this.pending.delete(id); });
      return answer;
    };
    if (targetInfo.type !== 'iframe') {
      send('Runtime.runIfWaitingForDebugger').catch(() => {});
      return;
    }
    const child = new Target(this.observer, send);
    this.children.set(sessionId, child);
    child.start().catch(() => {}).finally(() => send('Runtime.runIfWaitingForDebugger').catch(() => {}));
  }

  fromChild({ sessionId, message }) {
    let m;
    try { m = JSON.parse(message); } catch { return; }
    if (m.id !== undefined) {
      const waiting = this.pending.get(m.id);
      this.pending.delete(m.id);
      if (waiting) m.error ? waiting.reject(new Error(m.error.message)) : waiting.resolve(m.result);
      return;
    }
    this.children.get(sessionId)?.onEvent(m.method, m.params ?? {});
  }

  // The calling script of a pause: the first frame with a script address (an inline script's is
  // its document's), past the function itself when the watched function is a script's own.
  callerOf(callFrames, native) {
    for (const frame of callFrames.slice(native ? 0 : 1)) {
      const url = this.scripts.get(frame.location.scriptId)?.url ?? frame.url ?? '';
      if (/^(?:https?|blob|chrome-extension|moz-extension):/.test(url)) return url;
    }
    return '';
  }

  // The page waits while paused: whatever happens here, it runs again within PAUSE_MS. The handler
  // of a pause asks what must be read while the page waits all at once, and waits for the answers
  // before it resumes (Chromium runs `Debugger.resume` as soon as it comes, ahead of commands sent
  // before it); it may return `finish`, the work left once the page runs again (reading the
  // cookies a write changed, which element a canvas is).
  async onPaused(params) {
    const top = params.callFrames[0];
    const hit = (params.hitBreakpoints ?? []).map(id => this.breakpoints.get(id)).find(Boolean);
    let finish = null;
    try {
      const work = hit ? this.record(hit, params.callFrames)
                 : top && params.reason === 'EventListener' ? this.arm(top)
                 : top && params.reason === 'other' && !params.hitBreakpoints?.length ? this.mute(top) : null;
      finish = await bounded(work, PAUSE_MS, null);
    } finally {
      await this.send('Debugger.resume').catch(() => {});
    }
    if (typeof finish === 'function') await bounded(finish(), PAUSE_MS, null);
  }

  // A `debugger` statement: never again paused at. A breakpoint whose condition is false mutes its
  // location (V8 does not pause at a location whose breakpoints all decline), so a page timing its
  // `debugger` statements — the usual test for open DevTools — sees one short pause at most.
  async mute(top) {
    await this.send('Debugger.setBreakpoint', { location: top.location, condition: 'false' }).catch(() => {});
    return null;
  }

  // Breakpoints on the watched functions of the document whose script is about to run. At the
  // first script of a document nothing of the page has run yet; a later script may only have
  // defined a signal's getter (signals.mjs), looked up by value and without side effects so that a
  // page's replacement of a built-in cannot run.
  async arm(top) {
    const script = this.scripts.get(top.location.scriptId);
    if (!script?.main) return null;
    let armed = this.armed.get(script.contextId);
    const first = !armed;
    let opening = null;
    if (first) {
      armed = new Set();
      this.armed.set(script.contextId, armed);
      opening = this.openWorld(script);
    }
    // A native with a breakpoint in this process already has it here; a group waits for its trigger.
    for (const api of this.natives) armed.add(api);
    const due = (kind, group) => (kind === 'arm' ? !this.groups.has(group) : !group || this.groups.has(group));
    let missing = WATCHED.filter(([api, , kind, group]) => !armed.has(api) && due(kind, group) && (first || kind === 'read'));
    if (!first && missing.length) {
      const { result: there } = await this.send('Debugger.evaluateOnCallFrame', {
        callFrameId: top.callFrameId, expression: `[${missing.map(([, expr]) => `typeof ${lookUp(expr)} === 'function'`).join(',')}]`,
        silent: true, throwOnSideEffect: true, returnByValue: true,
      });
      missing = missing.filter((_, i) => there?.value?.[i] === true);
    }
    await this.breakOn(top, missing, { sideEffects: first, armed });
    return opening && (() => opening);
  }

  // The watched APIs of `group`, once the page makes its first object of them (paused at that call).
  async armGroup(frame, group) {
    if (!this.groups.has(group)) {
      this.groups.add(group);
      await this.breakOn(frame, WATCHED.filter(([api, , , g]) => g === group && !this.natives.has(api)), { sideEffects: false });
    }
    // Its triggers are done in this process (they stay among `natives`, so that no document sets them again).
    for (const [id, b] of this.breakpoints) {
      if (b.kind !== 'arm' || b.group !== group) continue;
      this.breakpoints.delete(id);
      this.send('Debugger.removeBreakpoint', { breakpointId: id }).catch(() => {});
    }
  }

  // Breakpoints on the functions of `entries` (WATCHED) as found in the paused `frame`; with
  // `sideEffects` false, looked up without side effects (a page script may have replaced a built-in).
  async breakOn(frame, entries, { sideEffects, armed = new Set() }) {
    if (!entries.length) return;
    const { result } = await this.send('Debugger.evaluateOnCallFrame', {
      callFrameId: frame.callFrameId, expression: `[${entries.map(([, expr]) => lookUp(expr)).join(',')}]`,
      silent: true, throwOnSideEffect: !sideEffects,
    });
    if (!result?.objectId) return;
    const { result: items } = await this.send('Runtime.getProperties', { objectId: result.objectId, ownProperties: true });
    await Promise.all(entries.map(async ([api, , kind, group], i) => {
      const fn = items.find(p => p.name === String(i))?.value;
      if (fn?.type !== 'function' || !fn.objectId) return;
      armed.add(api);
      const native = /\[native code\]/.test(fn.description ?? '');
      // Not the signals' getters: a page script's in some documents (signals.mjs), looked up in each.
      const shared = native && kind !== 'read';
      try {
        const { breakpointId } = await this.send('Debugger.setBreakpointOnFunctionCall', {
          objectId: fn.objectId, ...(kind === 'listen' ? { condition: LISTEN_CONDITION } : {}) });
        this.breakpoints.set(breakpointId, { api, kind, group, native, hits: 0 });
        if (shared) this.natives.add(api);
      } catch (error) {
        // Already set in this process (the breakpoint holds for every document of it).
        if (shared && /already exists/.test(error?.message ?? '')) this.natives.add(api);
      }
    }));
    this.send('Runtime.releaseObject', { objectId: result.objectId }).catch(() => {});
  }

  // An isolated world of the script's frame: its address, and its cookies read from outside the
  // page's JavaScript.
  async openWorld(script) {
    if (!script.frameId) return;
    try {
      const { executionContextId } = await this.send('Page.createIsolatedWorld', { frameId: script.frameId, worldName: WORLD, grantUniveralAccess: false });
      const world = { id: executionContextId, href: '' };
      this.worlds.set(script.contextId, world);
      const state = await this.read(world);
      if (state) {
        world.href = state.href;
        this.cookies.set(script.frameId, state.cookie);
      }
    } catch { /* the frame went away */ }
  }

  async read(world) {
    const { result } = await this.send('Runtime.evaluate', {
      contextId: world.id, expression: '({href: location.href, cookie: (() => { try { return document.cookie; } catch { return ""; } })()})',
      returnByValue: true, silent: true,
    });
    return result?.value ?? null;
  }

  // One watched call, the page paused in its caller. Returns the work to finish once the page runs
  // again, or null.
  async record(hit, callFrames) {
    hit.hits++;
    if (hit.hits >= MAX_HITS) {
      this.natives.delete(hit.api);  // a later document arms it again
      const id = [...this.breakpoints].find(([, b]) => b === hit)?.[0];
      if (id) this.send('Debugger.removeBreakpoint', { breakpointId: id }).catch(() => {});
    }
    const frame = callFrames[0];
    const script = this.scripts.get(frame?.location.scriptId);
    // A document whose first script ran unobserved (an event handler attribute in a process
    // armed before) gets its world now.
    if (script?.main && !this.worlds.has(script.contextId)) await this.openWorld(script);
    const world = script && this.worlds.get(script.contextId);
    const scriptUrl = this.callerOf(callFrames, hit.native);
    const frameUrl = world?.href ?? '';
    const emit = event => this.observer.push({ ...event, scriptUrl, frameUrl });
    // The caller's source (read once per script), then what is read in the paused frame, asked at once.
    const located = ARGS[hit.kind] ? await this.locate(frame) : null;
    const texts = this.textsOf(located);
    const args = ARGS[hit.kind] ? this.argumentsOf(frame, texts, hit.kind) : undefined;
    const text = (value, max) => (['string', 'number', 'boolean'].includes(typeof value) ? String(value).slice(0, max) : '');
    switch (hit.kind) {
      case 'arm':
        await this.armGroup(frame, hit.group);
        return null;
      case 'cookie': {
        // What the script wrote (read back from its source), checked against what the write changed
        // in the frame's cookies, read before and once the page has run it: a value made with
        // Date.now() or Math.random() reads back differently, and the cookies say what it was.
        const report = (written, values) => {
          for (const value of values ?? (written === null ? [] : [written])) emit({ kind: 'cookie-write', api: 'document.cookie', value: clip(value) });
        };
        const writtenOf = a => (typeof a?.value === 'string' ? a.value : null);
        if (!world) {
          report(writtenOf(await args));
          return null;
        }
        const [written, before] = await Promise.all([args.then(writtenOf), this.read(world).catch(() => null)]);
        if (before) this.cookies.set(script.frameId, before.cookie);
        return async () => {
          const after = await this.read(world).catch(() => null);
          if (!after) return report(written);
          const changes = cookieChanges(this.cookies.get(script.frameId) ?? '', after.cookie);
          this.cookies.set(script.frameId, after.cookie);
          return report(written, cookieWrites(written, changes));
        };
      }
      case 'fetch':
        // Known before the page runs on: the fetch's request is to come.
        this.keepaliveCaller = (await args)?.value === true ? { scriptUrl, frameUrl } : null;
        return null;
      case 'storage': {
        // The item event comes later (after further writes, sometimes twice): the write waits for
        // it, with what tells it apart — its key and area as read back, its frame's origin — in
        // place before the page runs on.
        const receiver = this.receiverOf(located);
        const area = /(?:^|\.)(localStorage|sessionStorage)$/.exec(receiver ?? '')?.[1] ?? null;
        let origin = null;
        try { origin = new URL(frameUrl).origin; } catch { /* unknown frame */ }
        const stored = texts?.[1] ? this.evaluate(frame, `(${texts[1]})`) : undefined;
        const [key, value] = await Promise.all([args.then(a => a?.value), stored]);
        const now = Date.now();
        const known = ['string', 'number', 'boolean'].includes(typeof value);
        const writer = { key: typeof key === 'string' ? key : null, value: known ? String(value) : undefined, area, origin, scriptUrl, frameUrl,
                         at: now, event: null };
        // Key and area read back: recorded now, as every call is (writing a value again changes
        // nothing and brings no item event); the item event, if one comes, sets the value stored
        // (one made of the time or a random number reads back differently, one made by a call
        // does not read back at all). A value never known is the snapshot's at the end.
        if (writer.key !== null && area) {
          writer.event = this.observer.push({ kind: 'storage-write', api: `${area}.${hit.api}`, key: clip(writer.key),
                                              ...(known ? { value: clip(value) } : {}), scriptUrl, frameUrl });
        }
        this.storageWriters = this.storageWriters.filter(w => now - w.at < 10000).slice(-50);
        this.storageWriters.push(writer);
        return null;
      }
      case 'read':
        emit({ kind: 'navigator-read', api: hit.api, key: hit.api.slice('navigator.'.length) });
        return null;
      case 'listen': {
        const canvas = this.canvasOf(frame, located, 'element');
        const [type] = await Promise.all([args.then(a => a?.value), canvas?.object]);
        return async () => {
          const node = await this.nodeOf(canvas);
          if (node !== null && INPUT_TYPES.includes(type)) this.drawingOf(node).interactive = true;
          if (type === 'icecandidate') this.observer.count(scriptUrl, frameUrl, 'RTCPeerConnection.onicecandidate', '');
          else if (INPUT_TYPES.includes(type)) this.observer.listened(scriptUrl, frameUrl, hit.api, type);
        };
      }
      case 'observe':
        this.observer.listened(scriptUrl, frameUrl, hit.api, '');
        return null;
      case 'audio': {
        // AudioContext.createOscillator, or OfflineAudioContext.createOscillator when rendered offline.
        const receiver = this.receiverOf(await this.locate(frame));
        const context = receiver ? await this.evaluate(frame, `(${receiver})`, false) : undefined;
        if (context?.objectId) this.send('Runtime.releaseObject', { objectId: context.objectId }).catch(() => {});
        const offline = context?.className === 'OfflineAudioContext';
        this.observer.count(scriptUrl, frameUrl, `${offline ? 'OfflineAudioContext' : 'AudioContext'}.${hit.api.slice(hit.api.indexOf('.') + 1)}`, '');
        return null;
      }
      case 'draw':
        return await this.drew(frame, located, hit.api.slice(hit.api.lastIndexOf('.') + 1), args);
      case 'readback': {
        const element = !hit.api.endsWith('getImageData');
        const canvas = this.canvasOf(frame, located, element ? 'element' : 'context');
        const [read] = await Promise.all([
          canvas && element ? this.evaluate(frame, `[${canvas.expression}.width, ${canvas.expression}.height]`) : args?.then(a => a?.value),
          canvas?.object]);
        return async () => {
          const node = await this.nodeOf(canvas);
          const d = node !== null && this.drawings.get(node);
          if (!d || (d.textLength === 0 && d.shapes === 0)) return;
          const [w, h] = Array.isArray(read) ? read.map(n => (typeof n === 'number' && Number.isFinite(n) ? Math.abs(Math.trunc(n)) : 0)) : [0, 0];
          this.observer.count(scriptUrl, frameUrl, hit.api, '', undefined,
                              { width: w, height: h, textLength: d.textLength, colors: d.colors.size, shapes: d.shapes, interactive: d.interactive });
        };
      }
      case 'key':
        this.observer.count(scriptUrl, frameUrl, hit.api, keyOf(hit.api, await args));
        return null;
      case 'permission':
        this.observer.count(scriptUrl, frameUrl, hit.api, text((await args)?.value, 40));
        return null;
      case 'distinct': {
        // Distinct fonts: a value that could not be read counts as one more.
        const a = await args;
        this.observer.count(scriptUrl, frameUrl, hit.api, '', a ? text(a.value, 200) : Symbol('unread'));
        return null;
      }
      default:
        this.observer.count(scriptUrl, frameUrl, hit.api, '');
        return null;
    }
  }

  // Where the paused call is written: {source, offset}, or null (no source, or not found).
  async locate(frame) {
    const script = this.scripts.get(frame.location.scriptId);
    if (!script) return null;
    script.source ??= this.send('Debugger.getScriptSource', { scriptId: frame.location.scriptId }).then(r => r.scriptSource, () => null);
    const source = await script.source;
    const offset = source ? offsetOf(source, frame.location, script) : null;
    return offset === null ? null : { source, offset };
  }

  // The object the located call is made on, as written before it (receiverAt), or null.
  receiverOf(located) {
    return located && receiverAt(located.source, located.offset);
  }

  // The source texts of the located call's arguments, or null.
  textsOf(located) {
    return located && callAt(located.source, located.offset);
  }

  // `expression` evaluated in the paused frame without side effects, by value; undefined when V8
  // refused it or it threw. Nothing of the page runs that could leave a trace. Sent at once.
  async evaluate(frame, expression, byValue = true) {
    const { result, exceptionDetails } = await this.send('Debugger.evaluateOnCallFrame', {
      callFrameId: frame.callFrameId, expression, throwOnSideEffect: true, returnByValue: byValue, silent: true, timeout: 500,
    }).catch(() => ({}));
    if (exceptionDetails || !result) return undefined;
    return byValue ? result.value : result;
  }

  // The paused call's arguments, evaluated again in the caller's frame from their source `texts`
  // (textsOf; sent at once): a promise of {value, texts}, or of undefined when the source does not
  // show them or V8 refused (an expression with side effects).
  async argumentsOf(frame, texts, kind) {
    if (!texts) return undefined;
    const { result, exceptionDetails } = await this.send('Debugger.evaluateOnCallFrame', {
      callFrameId: frame.callFrameId, expression: ARGS[kind](texts), throwOnSideEffect: true, returnByValue: true, silent: true, timeout: 500,
    }).catch(() => ({}));
    if (exceptionDetails || !result) return undefined;
    return { value: result.value, texts };
  }

  // The canvas element a paused canvas call is about — its object as written (`canvas.toDataURL`),
  // or the 2D context's `canvas` (`ctx.fillText`): {receiver, expression, object}, the receiver's
  // source text, the element's expression and a promise of its remote object (asked at once), or
  // null. nodeOf says which element it is.
  canvasOf(frame, located, via) {
    const receiver = this.receiverOf(located);
    if (!receiver) return null;
    const expression = via === 'context' ? `(${receiver}).canvas` : `(${receiver})`;
    return { receiver, expression, object: this.evaluate(frame, expression, false) };
  }

  // The element of canvasOf as its backendNodeId, or null when it is none.
  async nodeOf(canvas) {
    const found = await canvas?.object;
    if (!found?.objectId) return null;
    try {
      if (found.className !== 'HTMLCanvasElement') return null;
      const { node } = await this.send('DOM.describeNode', { objectId: found.objectId });
      return node.backendNodeId;
    } catch {
      return null;
    } finally {
      this.send('Runtime.releaseObject', { objectId: found.objectId }).catch(() => {});
    }
  }

  drawingOf(node) {
    let d = this.drawings.get(node);
    if (!d) {
      d = { textLength: 0, colors: new Set(), shapes: 0, interactive: false };
      this.drawings.set(node, d);
    }
    return d;
  }

  // A drawing call on a 2D context: what was drawn on its canvas (as the instrumentation keeps it).
  // Its canvas, style and text are asked at once; returns the work of recording them.
  async drew(frame, located, op, args) {
    const canvas = this.canvasOf(frame, located, 'context');
    if (!canvas) return null;
    const stroke = op === 'strokeText' || op === 'strokeRect' || op === 'stroke';
    const marks = op !== 'save' && op !== 'restore';
    const [drawn, style] = await Promise.all([args?.then(a => a?.value), marks && this.evaluate(frame, `(${canvas.receiver}).${stroke ? 'strokeStyle' : 'fillStyle'}`),
                                              canvas.object]);
    return async () => {
      const node = await this.nodeOf(canvas);
      if (node === null) return;
      const d = this.drawingOf(node);
      if (!marks) {
        d.interactive = true;
        return;
      }
      if (op === 'fillText' || op === 'strokeText') {
        const length = typeof drawn === 'string' ? [...drawn].length : ['number', 'boolean'].includes(typeof drawn) ? String(drawn).length : 1;
        d.textLength = Math.max(d.textLength, length);
      } else {
        d.shapes++;
      }
      d.colors.add(typeof style === 'string' ? style : '[pattern]');
    };
  }

  // A storage item was added or changed: a recorded write when it answers a script's setItem seen
  // paused (the first waiting one of its key, area and origin); otherwise (property assignment, or
  // the same event told again) the snapshot at the end has it.
  onStorage({ storageId, key }, value) {
    const area = storageId?.isLocalStorage === false ? 'sessionStorage' : 'localStorage';
    const fits = w => (w.key === null || w.key === key) && (w.area === null || w.area === area) && (w.origin === null || w.origin === storageId?.securityOrigin);
    // The write of this very value first (an earlier write of the same item may have changed nothing).
    let index = this.storageWriters.findIndex(w => fits(w) && w.value !== undefined && w.value === value);
    if (index < 0) index = this.storageWriters.findIndex(fits);
    if (index < 0) return;
    const [writer] = this.storageWriters.splice(index, 1);
    if (writer.event) {
      writer.event.value = clip(value);
      return;
    }
    this.observer.push({ kind: 'storage-write', api: `${area}.setItem`, key: clip(key), value: clip(value), scriptUrl: writer.scriptUrl, frameUrl: writer.frameUrl });
  }

  // sendBeacon requests (type Ping) with the script of their initiator stack; the request of a
  // keepalive fetch just seen paused.
  onRequest({ request, type, initiator, documentURL }) {
    if (type === 'Fetch' && this.keepaliveCaller) {
      const { scriptUrl, frameUrl } = this.keepaliveCaller;
      this.keepaliveCaller = null;
      this.observer.push({ kind: 'beacon', api: 'fetch', url: request.url, value: clip(request.postData ?? ''), scriptUrl, frameUrl });
      return;
    }
    if (type !== 'Ping' || initiator?.type !== 'script') return;
    const frames = [];
    for (let stack = initiator.stack; stack; stack = stack.parent) frames.push(...(stack.callFrames ?? []));
    const scriptUrl = frames.map(f => f.url).find(u => /^(?:https?|blob):/.test(u ?? '')) ?? '';
    this.observer.push({ kind: 'beacon', api: 'navigator.sendBeacon', url: request.url, value: clip(request.postData ?? ''),
                         scriptUrl, frameUrl: documentURL ?? '' });
  }
}

class Observer {
  constructor() {
    this.start = Date.now();
    this.recorded = [];
    this.counts = new Map();    // script \n frame \n api -> count
    this.listens = new Set();   // script \n frame \n api
  }

  // Records `event`; returns the recorded object (a later correction of its value lands in it).
  push(event) {
    const recorded = { ...event, timeMs: Date.now() - this.start };
    this.recorded.push(recorded);
    return recorded;
  }

  // One call of a fingerprinting API, counted per (script, frame, api, key); with `distinct`, the
  // count is of distinct values (fonts).
  count(scriptUrl, frameUrl, api, key = '', distinct = undefined, canvas = undefined) {
    const id = [scriptUrl, frameUrl, api, key].join('\n');
    let state = this.counts.get(id);
    if (!state) {
      state = { count: 0, seen: distinct === undefined ? null : new Set(), canvas: undefined };
      this.counts.set(id, state);
    }
    if (state.seen) {
      if (state.seen.has(distinct)) return;
      state.seen.add(distinct);
    }
    state.count++;
    if (canvas) state.canvas = canvas;
    if (state.count === 1 || canvas) {
      this.push({ kind: 'fingerprint', api, ...(key ? { key } : {}), count: state.count, ...(canvas ? { canvas } : {}), scriptUrl, frameUrl });
    }
  }

  listened(scriptUrl, frameUrl, api, key) {
    const id = [scriptUrl, frameUrl, api, key].join('\n');
    if (this.listens.has(id)) return;
    this.listens.add(id);
    this.push({ kind: 'listener', api, key, scriptUrl, frameUrl });
  }

  // The events so far: what was recorded, and the running count of each counted API.
  events() {
    const finals = [...this.counts].filter(([, state]) => state.count > 1).map(([id, { count, canvas }]) => {
      const [scriptUrl, frameUrl, api, key] = id.split('\n');
      return { kind: 'fingerprint', api, ...(key ? { key } : {}), count, ...(canvas ? { canvas } : {}), scriptUrl, frameUrl, timeMs: Date.now() - this.start };
    });
    return [...this.recorded, ...finals];
  }
}

// Starts observing `page` (Playwright, Chromium) through a DevTools session of its own. Call before
// the page loads anything. Returns {events(), reset(), stop()}; throws when the browser has no
// DevTools protocol.
export async function observeThroughDevTools(page) {
  const session = await page.context().newCDPSession(page);
  let observer = new Observer();
  const root = new Target({ push: e => observer.push(e), count: (...a) => observer.count(...a), listened: (...a) => observer.listened(...a) },
                          (method, params) => session.send(method, params));
  for (const name of ['Debugger.scriptParsed', 'Debugger.paused', 'Runtime.executionContextsCleared', 'DOMStorage.domStorageItemAdded', 'DOMStorage.domStorageItemUpdated',
                      'Network.requestWillBeSent', 'Target.attachedToTarget',
                      'Target.receivedMessageFromTarget', 'Target.detachedFromTarget']) {
    session.on(name, params => root.onEvent(name, params));
  }
  await root.start();
  return {
    events: () => observer.events(),
    // Forget the events so far (a reload after the consent answer starts a new capture).
    reset: () => { observer = new Observer(); },
    // Records nothing more. The session ends with the page (close it next): detaching would wait
    // for a navigation still under way (a site that never answers: 30 s, and closing the page
    // after it as long); until the page is closed its pauses are still resumed.
    stop: () => { observer = new Observer(); },
  };
}
