// @trackscope/core — the ES module every front end imports. It loads the WebAssembly core and
// exposes analyze() and version(). Works in browsers, extension service workers and (through
// ./node.mjs, which passes the bytes) in Node.
//
//   import { createCore } from '@trackscope/core';
//   const core = await createCore();
//   const result = core.analyze(capture);      // capture: object or JSON string
//   if (result.ok) render(result.report); else show(`${result.error.path}: ${result.error.message}`);
import createTrackscopeModule from '../dist/trackscope_core.mjs';

// JSON.stringify writes lone UTF-16 surrogates (possible in page-controlled strings such as
// storage values) as "\ud800" escapes, which are not valid Unicode; the core would reject the
// whole capture. Replace them with U+FFFD first.
function wellFormed(key, value) {
  return typeof value === 'string' ? value.toWellFormed() : value;
}

// A capture (object or JSON string) as JSON: {ok: true, json} or the error envelope, the path
// prefixed with `which` ("off: $").
function captureJson(capture, which) {
  if (typeof capture === 'string') return { ok: true, json: capture };
  let json;
  try {
    json = JSON.stringify(capture, wellFormed);
  } catch (e) {
    return { ok: false, error: { path: `${which}: $`, message: `capture cannot be serialised: ${e.message}` } };
  }
  if (json === undefined) return { ok: false, error: { path: `${which}: $`, message: 'capture is undefined' } };
  return { ok: true, json };
}

const HANDLE = Symbol('policy handle');

// A policy parsed once by the core (Core.loadPolicy), for any number of analyses. What the core
// says about it: id, name, description, bundled, categories [{id, label, description}], roles
// ({advertising: "marketing", …}: which category plays which part), signals ({dnt, gpc}: the
// stance it states), declared (whether it carries a site's declaration).
export class LoadedPolicy {
  #module;

  constructor(module, handle, info) {
    this.#module = module;
    this[HANDLE] = handle;
    Object.assign(this, info);
  }

  // Frees the core's copy; analyses naming it fail afterwards.
  dispose() {
    if (this[HANDLE]) this.#module.releasePolicy(this[HANDLE]);
    this[HANDLE] = 0;
  }
}

// options.policy: a LoadedPolicy, a bundled id, a policy object, or a policy document as a JSON string.
function policyOption(policy) {
  if (policy instanceof LoadedPolicy) return { policyHandle: policy[HANDLE] };
  return { policy: typeof policy === 'string' && policy.trimStart().startsWith('{') ? JSON.parse(policy) : policy };
}

const jsonText = value => (typeof value === 'string' ? value : JSON.stringify(value, wellFormed));

// Request types in the order of the core's filter::RequestType.
const REQUEST_TYPES = ['main_frame', 'sub_frame', 'script', 'image', 'stylesheet', 'xmlhttprequest', 'ping', 'media',
  'font', 'websocket', 'object', 'csp_report', 'other', 'popup'];
const TYPE_CODE = Object.fromEntries(REQUEST_TYPES.map((t, i) => [t, i]));
const OTHER = TYPE_CODE.other;

const encoder = new TextEncoder();

// A network filter engine living in a core instance (see core/include/trackscope/filter/engine.h).
const BOX = Symbol('box');

export class FilterEngine {
  #box;
  #module;
  #address;
  // Views on the box's scratch buffers in the WASM heap; re-created when the heap grows (the old
  // views are then detached: byteLength 0) or a longer URL needs a bigger buffer.
  #urlView = new Uint8Array(0);
  #frameView = new Uint8Array(0);

  constructor(box, module) {
    this.#box = box;
    this.#module = module;
    this.#address = box.address();
  }

  #views(urlBytes, frameBytes) {
    if (this.#urlView.byteLength < urlBytes) {
      const size = Math.max(urlBytes, 2048);
      const ptr = this.#box.urlScratch(size);
      this.#urlView = new Uint8Array(this.#module.HEAPU8.buffer, ptr, size);
      this.#frameView = new Uint8Array(0);  // the heap may have moved
    }
    if (this.#frameView.byteLength < frameBytes) {
      const size = Math.max(frameBytes, 2048);
      const ptr = this.#box.frameScratch(size);
      this.#frameView = new Uint8Array(this.#module.HEAPU8.buffer, ptr, size);
      if (this.#urlView.byteLength === 0) return this.#views(urlBytes, frameBytes);
    }
  }

  // 0 no filter applies, 1 blocked, 2 a blocking filter applies but an exception overrides it.
  // `type` is a webRequest type name ("script", "image", "xmlhttprequest", "sub_frame", ...).
  match(url, frameUrl, type) {
    frameUrl ??= '';
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    this.#views(url.length * 3, frameUrl.length * 3);
    const u = encoder.encodeInto(url, this.#urlView).written;
    const f = encoder.encodeInto(frameUrl, this.#frameView).written;
    return this.#module._trackscope_filter_match(this.#address, u, f, TYPE_CODE[type] ?? OTHER);
  }

  // Evidence of the last match(): {decision, important, redirect, filter, exception}, where
  // filter/exception are {list, line, text} or null.
  lastMatch() {
    return JSON.parse(this.#box.lastMatchJson());
  }

  // Text of the filter that decided the last match (the exception when one overrode the block).
  matchedFilter() {
    const m = this.lastMatch();
    return (m.exception ?? m.filter)?.text ?? null;
  }

  // The engine's serialised form (a copy), for loadFilterEngine() elsewhere.
  serialize() {
    return this.#box.serializedView().slice();
  }

  dispose() {
    this.#box.delete();
  }

  get [BOX]() {
    return this.#box;
  }
}

// A HAR file read in chunks by the core (core/include/trackscope/capture/har.h): memory follows the
// captures, not the file. One per file; dispose() when done.
//
//   const har = core.openHar();
//   for await (const chunk of stream) if (!har.feed(chunk)) break;
//   const info = har.finish();          // {ok, creator, entries, pages: [{id, title, url, ...}], warnings}
//   const r = har.analyze(0, options);  // {ok, report} as Core.analyze(); har.capture(0): the capture
export class HarImport {
  static #CHUNK = 1 << 20;
  #box;
  #module;
  #filters;

  constructor(box, module, filters) {
    this.#box = box;
    this.#module = module;
    this.#filters = filters;
  }

  // Reads the next bytes (Uint8Array or string). false once the file is known to be bad:
  // finish() then says why.
  feed(bytes) {
    if (typeof bytes === 'string') bytes = encoder.encode(bytes);
    for (let at = 0; at < bytes.length; at += HarImport.#CHUNK) {
      const part = bytes.subarray(at, Math.min(bytes.length, at + HarImport.#CHUNK));
      const ptr = this.#box.scratch(part.length);
      this.#module.HEAPU8.set(part, ptr);  // after scratch(): the heap may have grown
      if (!this.#box.feed(part.length)) return false;
    }
    return true;
  }

  // {ok: true, creator, entries, pages: [{id, title, url, entries, requests, cookies}], warnings}
  // or {ok: false, error: {path, message}} (malformed JSON with line and column, no log, ...).
  finish() {
    return JSON.parse(this.#box.finish());
  }

  // Page `index` analysed: as Core.analyze(). The report's text comes out of the module piece by
  // piece (a HAR of 300,000 requests makes a report of 100 MB); with options.text the result also
  // carries it ({ok, report, text}), e.g. to write it to a file as it is.
  analyze(index, options = {}) {
    const json = optionsJson(options);
    const pieces = [];
    const write = piece => { pieces.push(piece); };
    const error = this.#filters ? this.#box.analyzeWithFilters(index, json, this.#filters[BOX], write)
                                : this.#box.analyze(index, json, write);
    if (error) return JSON.parse(error);
    const text = pieces.join('');
    pieces.length = 0;
    return options.text ? { ok: true, report: JSON.parse(text), text } : { ok: true, report: JSON.parse(text) };
  }

  // Page `index` as a capture: {ok: true, capture, warnings} or {ok: false, error}.
  capture(index) {
    return JSON.parse(this.#box.captureJson(index));
  }

  // Frees page `index` (analyze() and capture() fail for it afterwards).
  release(index) {
    this.#box.release(index);
  }

  dispose() {
    this.#box.delete();
  }
}

// Core.analyze() options as the boundary reads them ("" when there are none).
function optionsJson(options) {
  if (options.policy === undefined && options.includeValues === undefined) return '';
  // includeValues: report the identifiers beacons carry in full instead of "•••• (32 chars)".
  return JSON.stringify({ ...policyOption(options.policy), includeValues: options.includeValues }, wellFormed);
}

export class Core {
  #module;
  #moduleOptions;
  #filters = null;

  // Where the filter engine used by analyze() came from: {source: "bundled" | "rebuilt" |
  // "given" | "none", warning?}. "rebuilt": the precompiled engine was rejected (its reason is
  // the warning) and the engine was built from the list texts instead.
  filterStatus = { source: 'none' };

  constructor(module, moduleOptions) {
    this.#module = module;
    this.#moduleOptions = moduleOptions;
  }

  // Loads a serialised engine (from serialize() or the build-time tool) into this instance.
  // Returns {ok: true, engine} or {ok: false, error: {message}} (bad magic, other format
  // version, corruption: rebuild from the lists then).
  loadFilterEngine(bytes) {
    const box = new this.#module.FilterEngineBox();
    box.prepareLoad(bytes.length).set(bytes);
    const message = box.finishLoad();
    if (message) {
      box.delete();
      return { ok: false, error: { message } };
    }
    return { ok: true, engine: new FilterEngine(box, this.#module) };
  }

  // Builds an engine from filter lists (strings, or {name, text}). The build runs in a separate,
  // short-lived WebAssembly instance and the result is loaded here: parsing 100,000 filters needs
  // tens of megabytes that a long-lived instance would otherwise keep (linear memory never
  // shrinks). Returns {ok: true, engine, summary} (summary: per-list counts and diagnostics).
  async buildFilterEngine(lists) {
    // Emscripten adopts the options object as the module object: give each instance its own.
    const builder = await createTrackscopeModule({ ...this.#moduleOptions });
    const box = new builder.FilterEngineBox();
    lists.forEach((list, i) => {
      const { name, text } = typeof list === 'string' ? { name: `list${i + 1}`, text: list } : list;
      box.addList(name, text);
    });
    const summary = JSON.parse(box.build());
    const bytes = box.serializedView().slice();
    box.delete();
    const loaded = this.loadFilterEngine(bytes);
    return loaded.ok ? { ...loaded, summary } : loaded;
  }

  // The engine analyze() matches requests against (null: no filter verdicts in reports).
  get filters() {
    return this.#filters;
  }

  useFilters(engine, status = { source: 'given' }) {
    this.#filters = engine;
    this.filterStatus = engine ? status : { source: 'none' };
  }

  // Returns {ok: true, report} or {ok: false, error: {path, message}}; never throws for bad input.
  // options.policy: a bundled policy id ("default", "consent-manager", "icc-uk") or a policy
  // document (object or JSON string); see core/data/policies/README.md. options.includeValues:
  // true to report identifier values in beacons and storage in full (REPORT.md).
  analyze(capture, options = {}) {
    let json;
    if (typeof capture === 'string') {
      json = capture;
    } else {
      try {
        json = JSON.stringify(capture, wellFormed);
      } catch (e) {
        return { ok: false, error: { path: '$', message: `capture cannot be serialised: ${e.message}` } };
      }
      if (json === undefined) return { ok: false, error: { path: '$', message: 'capture is undefined' } };
    }
    const options_ = optionsJson(options);
    const out = this.#filters ? this.#module.analyzeWithFilters(json, options_, this.#filters[BOX])
                              : this.#module.analyze(json, options_);
    return JSON.parse(out);
  }

  // Does the page honour Do Not Track / Global Privacy Control? Compares two captures of the same
  // page, loaded without (`captureOff`) and with (`captureOn`) the signal; `signal` "gpc" or "dnt";
  // options as for analyze(). Returns {ok: true, comparison, off, on} (the comparison, REPORT.md
  // "Signal comparison", and both reports) or {ok: false, error: {path, message}}, where the
  // path names the capture ("on: $.page.url").
  compareSignals(captureOff, captureOn, signal, options = {}) {
    const off = captureJson(captureOff, 'off');
    if (!off.ok) return off;
    const on = captureJson(captureOn, 'on');
    if (!on.ok) return on;
    const options_ = optionsJson({ policy: options.policy });
    const out = this.#filters
      ? this.#module.compareSignalsWithFilters(off.json, on.json, String(signal), options_, this.#filters[BOX])
      : this.#module.compareSignals(off.json, on.json, String(signal), options_);
    return JSON.parse(out);
  }

  // The consent phases of a page side by side: `captures` {none, reject?, accept?} (the load before
  // any answer, after "reject all", after "accept all"; each analysed with its consent state),
  // `notes` {cmp?: the consent manager recognised, unmeasured?: {reject?, accept?}: why a phase
  // that ran has no capture}; options as for analyze(). Returns {ok: true, comparison, none, reject,
  // accept} (REPORT.md "Consent comparison", the reports, null for absent phases) or {ok: false,
  // error} with the phase in the path ("reject: $.page.url").
  compareConsent(captures, notes = {}, options = {}) {
    const json = {};
    for (const phase of ['none', 'reject', 'accept']) {
      if (captures[phase] == null) {
        json[phase] = '';
        continue;
      }
      const c = captureJson(captures[phase], phase);
      if (!c.ok) return c;
      json[phase] = c.json;
    }
    if (!json.none) return { ok: false, error: { path: 'none', message: 'the capture before any answer is required' } };
    const notes_ = JSON.stringify(notes ?? {}, wellFormed);
    const options_ = optionsJson({ policy: options.policy });
    const out = this.#filters
      ? this.#module.compareConsentWithFilters(json.none, json.reject, json.accept, notes_, options_, this.#filters[BOX])
      : this.#module.compareConsent(json.none, json.reject, json.accept, notes_, options_);
    return JSON.parse(out);
  }

  // Loads a policy once for many analyses: `policy` a bundled id (policies()) or a policy
  // document (object or JSON text); `declaration` (object or JSON text) a site's declaration to
  // merge in ({"declaration": {...}, "signals": {...}} or the declaration alone: a bundled
  // policy's own stance is then dropped, the site's is the document's). Returns {ok: true, policy:
  // LoadedPolicy} or {ok: false, error: {path, message}} — the path is the policy document's
  // ("$.rules[2].category") or the declaration's ("declaration: $.categories.ads").
  //   const { policy } = core.loadPolicy('default', { declaration: siteDeclaration });
  //   core.analyze(capture, { policy });  …  policy.dispose();
  loadPolicy(policy, { declaration } = {}) {
    let text, declarationText;
    try {
      text = jsonText(policy);
      declarationText = declaration == null ? '' : jsonText(declaration);
    } catch (e) {
      return { ok: false, error: { path: '$', message: `cannot be serialised: ${e.message}` } };
    }
    const out = JSON.parse(this.#module.loadPolicy(String(text), declarationText));
    if (!out.ok) return out;
    return { ok: true, policy: new LoadedPolicy(this.#module, out.handle, out.policy) };
  }

  // The JSON text of a bundled policy (as compiled into the core), or null for an unknown id: what
  // a site owner starts a policy file from.
  policyDocument(id) {
    return this.#module.bundledPolicyDocument(String(id)) || null;
  }

  // A HAR import to feed in chunks (HarImport above), analysed with this core's filter engine.
  openHar() {
    return new HarImport(new this.#module.HarImportBox(), this.#module, this.#filters);
  }

  // The first page of a HAR file's text as a capture: {ok: true, capture, warnings: [{path,
  // message}]} (the page's warnings and the file's) or {ok: false, error: {path, message}} with the
  // JSON path of what is wrong ("$.log.entries[12]": "line 310, column 4: ...").
  captureFromHar(harText) {
    const har = this.openHar();
    try {
      har.feed(String(harText));
      const info = har.finish();
      if (!info.ok) return info;
      const page = har.capture(0);
      if (page.ok) page.warnings = [...page.warnings, ...info.warnings];
      return page;
    } finally {
      har.dispose();
    }
  }

  // The policies compiled into the core: [{id, name, description}].
  policies() {
    return JSON.parse(this.#module.bundledPolicies());
  }

  // The site (registrable domain, by the Public Suffix List) of a host: siteOf('www.bbc.co.uk') ->
  // 'bbc.co.uk'; the host itself when it has none (an IP address, 'localhost').
  siteOf(host) {
    return this.#module.siteOf(String(host).toLowerCase());
  }

  // Which consent manager's cookie declaration a URL serves: 'Cookiebot', 'OneTrust',
  // 'Usercentrics', 'CookieYes', 'Complianz', or null. Front ends keep these documents' bodies in the capture
  // (`wellKnown.cmp`), and the core then checks the page against them.
  cmpDocumentOf(url) {
    return this.#module.cmpDocumentOf(String(url)) || null;
  }

  // The declaration to fetch, outside the page, for a page that loaded `url`, when the consent
  // manager's banner does not load it itself (Complianz: its banner script -> the site's REST
  // document '<site>/wp-json/complianz/v1/documents/'), or null.
  cmpDocumentToFetch(url) {
    return this.#module.cmpDocumentToFetch(String(url)) || null;
  }

  // The declaration that a consent manager publishes, converted into a policy's categories:
  // `documents` [{url, body}] (those cmpDocumentOf names), `pageUrl` the audited page, `policy` a
  // bundled id (default 'default') or a policy document. Returns {ok: true, cmp, urls, entries,
  // notes: [{path, message}], declaration} — `declaration` as a policy file writes it, for
  // `loadPolicy(..., {declaration})` — or {ok: false, error: {path, message}}.
  cmpDeclaration(documents, pageUrl, policy = 'default') {
    const text = typeof policy === 'string' ? policy : JSON.stringify(policy);
    return JSON.parse(this.#module.cmpDeclaration(JSON.stringify(documents), String(pageUrl), text));
  }

  // {version: "0.1.0", publicSuffixList: "publicsuffix 20230209.2326-1"}
  version() {
    return JSON.parse(this.#module.version());
  }
}

const distUrl = name => new URL(`../dist/${name}`, import.meta.url);
export const wasmUrl = distUrl('trackscope_core.wasm');
export const FILTER_LISTS = ['easylist.txt', 'easyprivacy.txt'];

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

// Loads `bytes` as the core's filter engine; when they are rejected (another format version,
// corruption) rebuilds from the list texts that `readLists()` returns, and says so in
// core.filterStatus.
export async function installFilters(core, bytes, readLists) {
  const loaded = core.loadFilterEngine(bytes);
  if (loaded.ok) return core.useFilters(loaded.engine, { source: 'bundled' });
  const warning = `precompiled filter engine rejected (${loaded.error.message}); rebuilt from the filter lists`;
  const rebuilt = await core.buildFilterEngine(await readLists());
  if (!rebuilt.ok) throw new Error(`${warning}, which failed too: ${rebuilt.error.message}`);
  core.useFilters(rebuilt.engine, { source: 'rebuilt', warning });
}

// options.wasmBinary: the module's bytes (ArrayBuffer/Uint8Array), when the caller has them.
// options.wasmUrl: where to fetch them from; defaults to the .wasm next to this package's dist.
// options.filters: undefined = load the filter engine shipped in dist/ (fetched next to the
//   module); false = no filter lists (reports then carry no filter verdicts; smaller, faster);
//   a Uint8Array = a serialised engine to load.
export async function createCore(options = {}) {
  const moduleOptions = {};
  if (options.wasmBinary) moduleOptions.wasmBinary = options.wasmBinary;
  if (options.wasmUrl) moduleOptions.locateFile = () => String(options.wasmUrl);
  const core = new Core(await createTrackscopeModule({ ...moduleOptions }), moduleOptions);
  if (options.filters !== false) {
    const bytes = options.filters instanceof Uint8Array ? options.filters : await fetchBytes(distUrl('trackscope-filters.bin'));
    const readLists = async () => Promise.all(FILTER_LISTS.map(async name => ({
      name, text: new TextDecoder().decode(await fetchBytes(distUrl(`lists/${name}`))),
    })));
    await installFilters(core, bytes, readLists);
  }
  return core;
}

