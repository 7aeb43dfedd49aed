// Playwright adapter: loads one page in a browser context and records a Capture (CAPTURE.md).
// It only observes and converts; all analysis happens in the WASM core.
import { instrumentSource } from '@trackscope/instrument';
import { readDocument } from '@trackscope/instrument/read-document.js';
import { bounded } from './bounded.mjs';
import { answerConsent } from './consent.mjs';
import { newChannel, received, senderSource } from './console-channel.mjs';
import { observeThroughDevTools } from './devtools-observer.mjs';
import { readFrames } from './isolated-world.mjs';
import { MAX_CMP_BODY } from './signals.mjs';
import { timerNotes, waitForTimers, watchTimers } from './timers.mjs';
import { actAsVisitor } from './visitor.mjs';

const MAX_BODY = 4096;

// Network quiet: no request in flight for `idleMs`, giving up after `maxMs`.
async function waitForQuiet(inflight, { idleMs = 500, maxMs = 5000 } = {}) {
  const start = Date.now();
  let quietSince = inflight.size === 0 ? Date.now() : 0;
  while (Date.now() - start < maxMs) {
    await new Promise(r => setTimeout(r, 50));
    if (inflight.size > 0) quietSince = 0;
    else if (!quietSince) quietSince = Date.now();
    else if (Date.now() - quietSince >= idleMs) return true;
  }
  return false;
}

function headerObject(headersArray) {
  const out = {};
  for (const { name, value } of headersArray) {
    const key = name.toLowerCase();
    if (key in out) out[key] = [].concat(out[key], value);
    else out[key] = value;
  }
  return out;
}

// Natural sizes of the <img> elements of every frame, merged into the image requests by URL
// (CAPTURE.md `image`): what tells a 1×1 pixel from a picture. Images made with `new Image()` and
// never inserted are not seen (their body size still tells); broken ones (204) are 0×0. Read in an
// isolated world of each frame (isolated-world.mjs): the page's scripts never see the read. Every
// frame is asked at once, 2 s for all: a page that keeps its frames busy costs 2 s, not 2 s a
// frame; what arrives by then counts.
async function recordImageSizes(page, records) {
  const sizes = new Map();
  for (const { images } of await readFrames(page, readDocument, { storage: false }, { timeoutMs: 2000 })) {
    for (const [src, width, height] of images ?? []) if (!sizes.has(src)) sizes.set(src, { width, height });
  }
  for (const record of records.values()) {
    if (record.type === 'image' && sizes.has(record.url)) record.image = sizes.get(record.url);
  }
}

// localStorage / sessionStorage as they stand, read through the DevTools protocol (the page's
// JavaScript is not involved), for the origins of the page's frames: writes the instrumentation
// cannot see — property assignment (`localStorage.uid = v`, `localStorage['uid'] = v`) — come in
// as snapshot `storage-write` events (api "localStorage" / "sessionStorage", no script: CAPTURE.md),
// which the core merges with the recorded writes. A fresh context holds nothing from before the
// visit.
async function recordStorage(page, events) {
  let cdp;
  try {
    cdp = await page.context().newCDPSession(page);
  } catch {
    return;  // not Chromium
  }
  const origins = new Map();  // origin -> a frame URL of it
  for (const frame of page.frames()) {
    try {
      const url = new URL(frame.url());
      if (url.protocol === 'https:' || url.protocol === 'http:') origins.set(url.origin, frame.url());
    } catch { /* about:blank, srcdoc */ }
  }
  for (const [origin, frameUrl] of origins) {
    for (const area of ['localStorage', 'sessionStorage']) {
      const result = await bounded(cdp.send('DOMStorage.getDOMStorageItems', { storageId: { securityOrigin: origin, isLocalStorage: area === 'localStorage' } }), 2000, null);
      for (const [key, value] of (result?.entries ?? []).slice(0, 500)) {
        events.push({ kind: 'storage-write', api: area, key, value: String(value).slice(0, 4096), frameUrl, scriptUrl: '' });
      }
    }
  }
  await cdp.detach().catch(() => {});
}

// The init script that runs the shared page instrumentation in every frame (before any page
// script) and sends its events on `channel` (console-channel.mjs). Nothing is defined in the page.
export function instrumentScript(channel) {
  return `(${instrumentSource.trim()})(${senderSource(channel)});`;
}

// What one page of a context does on the network and in its scripts, from a start (the page's
// creation or reset()) to a snapshot(). The instrumentation's events arrive on `channel`
// (instrumentScript).
class Recorder {
  // keepBody: url => whether to keep the response body (a consent manager's declaration).
  constructor(context, page, channel, keepBody = null, observer = null) {
    this.context = context;
    this.page = page;
    this.observer = observer;  // observeThroughDevTools(), or null: the instrumentation's events on `channel`
    this.keepBody = keepBody;
    this.kept = [];  // [{url, body}] of responses keepBody chose
    this.start = Date.now();
    this.records = new Map();  // Playwright Request -> capture request
    this.inflight = new Set();
    this.pending = [];
    this.events = [];
    page.on('request', request => this.#onRequest(request));
    // Status and headers when the response arrives: a response whose body the page never reads
    // (a fetch for its Set-Cookie) may never finish loading.
    page.on('response', response => this.pending.push(this.#onResponse(response)));
    page.on('requestfinished', r => this.pending.push(this.#finish(r)));
    page.on('requestfailed', r => { this.inflight.delete(r); });
    page.on('console', message => {
      const event = received(message, channel);
      if (event && typeof event === 'object') this.events.push(event);
    });
  }

  #onRequest(request) {
    this.inflight.add(request);
    let frameUrl = '';
    try { frameUrl = request.frame().url(); } catch { /* service worker request */ }
    const isMain = request.isNavigationRequest() && request.frame() === this.page.mainFrame();
    const type = isMain ? 'main_frame' : request.resourceType();
    const record = { url: request.url(), type, method: request.method(), status: 0, timeMs: Date.now() - this.start };
    if (frameUrl && frameUrl !== 'about:blank') record.frameUrl = frameUrl;
    const body = request.postData();
    if (body) record.requestBody = body.length > MAX_BODY ? body.slice(0, MAX_BODY) : body;
    this.records.set(request, record);
  }

  async #onResponse(response) {
    const request = response.request();
    const record = this.records.get(request);
    this.inflight.delete(request);
    if (!record) return;
    try {
      record.status = response.status();
      record.requestHeaders = headerObject(await request.headersArray());
      record.responseHeaders = headerObject(await response.headersArray());
    } catch { /* page or context closed meanwhile */ }
  }

  async #finish(request) {
    const record = this.records.get(request);
    if (record && this.keepBody?.(record.url)) await this.#keep(request);
    try {
      const sizes = record ? await request.sizes().catch(() => null) : null;
      // Chromium reports a negative size for a response served from its memory cache: unknown.
      if (Number.isInteger(sizes?.responseBodySize) && sizes.responseBodySize >= 0) record.bodySize = sizes.responseBodySize;
    } catch { /* page or context closed meanwhile */ }
    this.inflight.delete(request);
  }

  // A kept body, at most MAX_CMP_BODY (a larger document is not one of those kept: noted by the core
  // as unreadable rather than cut).
  async #keep(request) {
    try {
      const response = await request.response();
      const body = response && response.ok() ? await response.text() : null;
      if (body !== null && body.length <= MAX_CMP_BODY) this.kept.push({ url: request.url(), body });
    } catch { /* page or context closed meanwhile */ }
  }

  quiet(maxMs) {
    return waitForQuiet(this.inflight, { maxMs });
  }


  // Leaves the page as a browser does when the visitor goes elsewhere: pagehide, visibilitychange
  // and unload run, and the beacons their handlers send are recorded. Those requests outlive their
  // document, so the page's request events never report them: they are taken, for this page only,
  // from the DevTools protocol's request interception, switched on just for the leaving.
  async #leave(pageUrl, settleMs) {
    let cdp = null;
    const seen = [];
    try {
      cdp = await this.context.newCDPSession(this.page);
      cdp.on('Fetch.requestPaused', e => {
        const r = e.request;
        const record = { url: r.url, type: String(e.resourceType ?? 'other').toLowerCase(), method: r.method, status: 0,
                         frameUrl: pageUrl, timeMs: Date.now() - this.start, requestHeaders: headerObject(Object.entries(r.headers ?? {}).map(([name, value]) => ({ name, value }))) };
        if (r.postData) record.requestBody = r.postData.length > MAX_BODY ? r.postData.slice(0, MAX_BODY) : r.postData;
        seen.push(record);
        cdp.send('Fetch.continueRequest', { requestId: e.requestId }).catch(() => {});
      });
      await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] });
    } catch {
      cdp = null;  // not Chromium: leave without watching
    }
    await bounded(this.page.goto('about:blank', { waitUntil: 'commit', timeout: 5000 }), 6000, null);
    // Quiet: nothing new for 300 ms (bounded).
    const end = Date.now() + Math.min(settleMs, 2000);
    let count = -1;
    while (Date.now() < end && count !== seen.length) {
      count = seen.length;
      await new Promise(resolve => setTimeout(resolve, 300));
    }
    if (cdp) {
      await cdp.send('Fetch.disable').catch(() => {});
      await cdp.detach().catch(() => {});
    }
    const known = new Set([...this.records.values()].map(r => `${r.method} ${r.url}`));
    for (const record of seen) {
      if (!known.has(`${record.method} ${record.url}`)) this.records.set(Symbol('leaving'), record);
    }
    await Promise.allSettled(this.pending);
  }

  // Forget everything recorded so far: the next snapshot starts here.
  reset() {
    this.start = Date.now();
    this.records = new Map();
    this.pending = [];
    this.events.length = 0;
    this.kept = [];
    this.observer?.reset();
  }

  // A capture of what was recorded, with the context's whole cookie jar. With `leave`, the visit
  // then ends as a browser's does: the page is left (pagehide, visibilitychange, unload), and what
  // it sends while going — beacons fired on pagehide — is recorded too.
  async snapshot(url, signals, { leave = false, settleMs = 1000 } = {}) {
    await Promise.allSettled(this.pending);
    const pageUrl = this.page.url();
    // No document committed (a navigation that never answered): nothing to ask the page.
    const blank = pageUrl === 'about:blank' || pageUrl.startsWith('chrome-error:');
    const title = blank ? '' : await bounded(this.page.title(), 2000, '');
    if (this.observer) this.events.push(...this.observer.events());
    if (!blank) {
      await recordImageSizes(this.page, this.records);
      await recordStorage(this.page, this.events);
    }
    if (leave && !blank) await this.#leave(pageUrl, settleMs);
    return {
      version: 1,
      page: { url: blank ? url : pageUrl, title, capturedAt: new Date().toISOString() },
      signals: { dnt: Boolean(signals.dnt), gpc: Boolean(signals.gpc) },
      requests: [...this.records.values()],
      cookies: (await this.context.cookies()).map(c => ({
        name: c.name, value: c.value, domain: c.domain, path: c.path,
        expires: c.expires > 0 ? c.expires : null, httpOnly: c.httpOnly, secure: c.secure,
        sameSite: c.sameSite ?? 'unspecified', ...(c.partitionKey ? { partitionKey: c.partitionKey } : {}),
      })),
      events: [...this.events],
      ...(this.kept.length ? { wellKnown: { cmp: [...this.kept] } } : {}),
    };
  }
}

// Loads `url` (or reloads the page) the way a visitor's browser does: waits for the document,
// then for the load event within the navigation timeout (a page whose load event never comes —
// a hanging ad — is still captured, with a note), then for network quiet (bounded), acts as a
// visitor (visitor.mjs: pointer, wheel scrolls to the end, dwell; `visitor` null: no input), waits
// for quiet again, and with `visitor.waitTimersMs` stays until the one-shot timers the page set,
// due within that long of the start of the load, have run (timers.mjs; notes say what was waited
// for and what was still pending). Returns what the visitor did, or null. Throws when the
// document does not load or answers an HTTP error.
async function load(page, recorder, url, { timeoutMs, settleMs, notes, visitor }) {
  const cdp = visitor?.waitTimersMs ? await page.context().newCDPSession(page).catch(() => null) : null;
  const timers = cdp && await watchTimers(cdp);
  try {
    const started = Date.now();
    const response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    if (response && response.status() >= 400) {
      const error = new Error(`the page answered HTTP ${response.status()}${response.statusText() ? ` ${response.statusText()}` : ''}`);
      error.httpStatus = response.status();
      throw error;
    }
    const rest = Math.max(1000, timeoutMs - (Date.now() - started));
    await page.waitForLoadState('load', { timeout: rest }).catch(() => {
      notes.push(`the load event did not fire within ${timeoutMs} ms; captured what had loaded`);
    });
    await recorder.quiet(settleMs);
    if (!visitor) return null;
    let acted = { pointerMoves: 0, scrolls: 0, typed: [] };
    if (visitor.input) {
      // Bounded like the other waits: a page that stops answering input does not hold the visit.
      acted = await bounded(actAsVisitor(page, { dwellMs: visitor.dwellMs, startedAt: started, identity: visitor.identity })
                              .catch(() => null),
                            visitor.dwellMs + 30000, null);
      if (!acted) return null;
      await recorder.quiet(settleMs);  // what the input caused: lazy content, delayed tags
    }
    if (timers) {
      // The page closed, or its browser under it (a stopped batch after its grace period).
      const closed = new Promise(resolve => {
        page.once('close', resolve);
        page.context().once('close', resolve);
        page.context().browser()?.once('disconnected', resolve);
      });
      const waited = await waitForTimers(timers, { startedAt: started, limitMs: visitor.waitTimersMs, quiet: () => recorder.quiet(settleMs),
                                                   until: closed });
      notes.push(...timerNotes(waited, visitor.waitTimersMs));
    }
    return { ...acted, dwellMs: Date.now() - started };
  } finally {
    await timers?.stop();
    if (cdp) await bounded(cdp.detach(), 2000, null);
  }
}

// Records one page load. `context` is a fresh Playwright BrowserContext (see browser.mjs).
//   options.timeoutMs: navigation timeout; options.settleMs: bounded wait for network quiet
//   options.afterLoad: async (page, loadedUrls) => fields to add to the capture (e.g. wellKnown), run
//     once the page has loaded (`loadedUrls`: what it requested), before it is left (what it
//     requests must not be the page's: readDeclarations fetches in a context of its own)
//   options.interact: async (page) => void, run after the load (clicks, scrolls); what it causes is
//     recorded as the page's, after another wait for network quiet
//   options.visitor: {input, dwellMs, userAgent, identity, setup}: with `input`, act as a visitor after each
//     load (visitor.mjs; `identity`: type it into the page's form fields, seed.mjs); either way the
//     capture's `visit` says what was done. null: no `visit`
//   options.keepBody: url => bool: keep the bodies of those responses as the capture's
//     `wellKnown.cmp` (the consent manager's declarations, chosen by the core's cmpDocumentOf)
//   options.consent: "optIn" | "optOut": after the load, answer the page's consent banner with
//     autoconsent (consent.mjs), wait for quiet, reload and capture the reloaded page
//   options.observe: "devtools" (default): script calls observed through the DevTools protocol
//     only, nothing in the page's JavaScript, details missing where a script's source does not show
//     an argument (devtools-observer.mjs); "script": the page instrumentation as an init script in
//     every frame (instrument/page-instrument.js, hidden as OBSERVER.md says, as the extension
//     observes); the notes say which
// Returns {capture, error, notes}: error is a message when the page failed to load (the capture
// then holds what was seen before the failure); notes are things worth knowing that are no error.
// With options.consent also {before, banner}: `before` the capture of the first load, before the
// banner was answered (with afterLoad's fields), `banner` what autoconsent did (consent.mjs);
// `capture` is then the reloaded page after the answer, or null when the banner was not answered.
export async function capturePage(context, url, { timeoutMs = 30000, settleMs = 5000, signals = {}, afterLoad, interact,
                                                  consent, consentTimeoutMs, consentDetectMs, visitor = null, keepBody = null,
                                                  observe = 'devtools' } = {}) {
  const channel = newChannel('trackscope');
  if (observe !== 'devtools') await context.addInitScript({ content: instrumentScript(channel) });

  const page = await context.newPage();
  const notes = [];
  let observer = null;
  if (observe === 'devtools') {
    observer = await observeThroughDevTools(page);
    notes.push('script calls observed through the DevTools protocol: nothing ran in the page\'s JavaScript; ' +
               'arguments were read back from the scripts\' source, and details are missing where it does not show them');
  } else {
    notes.push('script calls observed by trackscope\'s instrumentation in every frame (--observe script): hidden from the page, ' +
               'but a callback of the page run inside a watched call can find it on its stack');
  }
  const recorder = new Recorder(context, page, channel, keepBody, observer);
  const result = { capture: null, error: null, notes };
  let acted = null;  // what the visitor did during the last load
  try {
    acted = await load(page, recorder, url, { timeoutMs, settleMs, notes, visitor });
    if (interact) {
      await interact(page);
      await recorder.quiet(settleMs);
    }
  } catch (err) {
    result.error = err.message.split('\n')[0];
  }
  // The capture, with afterLoad's fields; `leave`: the visit ends here and the page is left.
  // afterLoad runs beside the snapshot and the leaving (it reads the page's address first, and
  // fetches in a context of its own).
  const take = async leave => {
    const loaded = [...recorder.records.values()].map(r => r.url);
    const extra = afterLoad && !result.error ? bounded(afterLoad(page, loaded), 10000, {}) : {};
    const snapshot = await recorder.snapshot(url, signals, { leave, settleMs });
    if (visitor) {
      snapshot.visit = { pointerMoves: 0, scrolls: 0, dwellMs: 0, typed: [], ...acted, userAgent: visitor.userAgent ?? '',
                         automationHidden: Boolean(visitor.userAgent) && !/Headless/i.test(visitor.userAgent) };
      if (visitor.setup && Object.keys(visitor.setup).length) snapshot.visit.setup = visitor.setup;
    }
    const { wellKnown, ...fields } = await extra;
    // Declarations the page loaded, then those fetched for it.
    if (wellKnown) {
      const cmp = [...(snapshot.wellKnown?.cmp ?? []), ...(wellKnown.cmp ?? [])];
      snapshot.wellKnown = { ...wellKnown, ...snapshot.wellKnown, ...(cmp.length ? { cmp } : {}) };
    }
    return Object.assign(snapshot, fields);
  };
  let capture = await take(!(consent && !result.error));

  if (consent && !result.error) {
    result.before = capture;
    capture = null;
    result.banner = await answerConsent(page, consent, { timeoutMs: consentTimeoutMs, detectMs: consentDetectMs });
    if (result.banner.answered) {
      await recorder.quiet(settleMs);  // the tags the answer releases
      recorder.reset();
      acted = null;
      try {
        acted = await load(page, recorder, url, { timeoutMs, settleMs, notes, visitor });
      } catch (err) {
        result.error = `after the consent answer: ${err.message.split('\n')[0]}`;
      }
      capture = await take(true);
    }
  }
  result.capture = capture;
  observer?.stop();
  await bounded(page.close(), 5000);
  return result;
}
