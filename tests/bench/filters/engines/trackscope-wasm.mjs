// Adapter: trackscope's filter engine through the WebAssembly package (@trackscope/core).
// Interface: see ubo.mjs. Until the package has a filter API this adapter reports the engine as
// unavailable (with the reason) and the harness prints an "unavailable" row; it never fakes numbers.
//
// What the package must provide (the adapter checks for it lazily, in available()):
//
//   import { createCore } from '@trackscope/core';      // Node entry: wasm/js/node.mjs
//   const core = await createCore();                     // instantiation: not timed, before baseline
//
//   await core.buildFilterEngine(listTexts: string[])
//       → {ok: true, engine} | {ok: false, error: {message}}
//       Parses the lists (network filters only; cosmetic lines skipped) and builds the index.
//   core.loadFilterEngine(bytes: Uint8Array)
//       → {ok: true, engine} | {ok: false, error: {message}}
//       Rejects bytes with a wrong magic / format version / checksum (STYLE.md point 3).
//   engine.serialize() → Uint8Array
//   engine.match(url: string, frameUrl: string, type: string) → 0 | 1 | 2
//       0 = no block filter applies, 1 = blocked, 2 = a block filter applied and an exception
//       (@@) overrode it. `type` is a webRequest type: sub_frame, script, image, stylesheet, font,
//       media, xmlhttprequest, websocket, ping, other (main_frame and object may appear in other
//       corpora). This call is what the timed loop measures: keep filter text out of it.
//       (Returning {decision: 'none'|'block'|'exception', filter} is accepted too, but costs an
//       object per call across the boundary.)
//   engine.matchedFilter() → string | null
//       Text of the filter that decided the last match() (the block filter for 1, the exception
//       for 2), like uBO's toLogData(); only called outside the timed loop, for the differential
//       check.
//   engine.dispose()     optional; frees the engine's part of the WASM heap.
//
// Memory: the WebAssembly.Memory buffer is counted by process.memoryUsage().external, so the
// harness's heapUsed + external delta includes the heap growth caused by build/load (which never
// shrinks: it is what the engine costs a page).
let core = null;

const NONE = Object.freeze({ decision: 'none', filter: null });
const BLOCK = Object.freeze({ decision: 'block', filter: null });
const EXCEPTION = Object.freeze({ decision: 'exception', filter: null });
const BY_CODE = [NONE, BLOCK, EXCEPTION];
const NAMES = ['none', 'block', 'exception'];

function unwrap(result, what) {
  if (result && result.ok === true && result.engine) return result.engine;
  if (result && result.ok === false) throw new Error(`${what} failed: ${result.error?.message ?? JSON.stringify(result.error)}`);
  throw new Error(`${what} returned an unexpected value: ${typeof result}`);
}

const adapter = {
  name: 'trackscope-wasm',
  version: null,

  async available() {
    let mod;
    try {
      mod = await import('@trackscope/core');
    } catch (e) {
      return { ok: false, reason: `@trackscope/core cannot be imported (${e.code ?? e.message}); build it with the wasm-release preset` };
    }
    try {
      core = await mod.createCore();
    } catch (e) {
      return { ok: false, reason: `@trackscope/core createCore() failed: ${e.message}` };
    }
    const missing = ['buildFilterEngine', 'loadFilterEngine'].filter((f) => typeof core[f] !== 'function');
    if (missing.length !== 0) {
      return { ok: false, reason: `@trackscope/core has no filter API yet (Core#${missing.join(', Core#')} missing)` };
    }
    try {
      const v = core.version();
      adapter.version = `@trackscope/core ${v.version ?? JSON.stringify(v)}`;
    } catch {
      adapter.version = '@trackscope/core';
    }
    return { ok: true };
  },

  async init() {
    if (core === null) {
      const a = await adapter.available();
      if (!a.ok) throw new Error(a.reason);
    }
  },

  async build(listTexts) {
    return unwrap(await core.buildFilterEngine(listTexts), 'buildFilterEngine');
  },

  async serialize(engine) {
    const bytes = engine.serialize();
    if (!(bytes instanceof Uint8Array)) throw new Error('engine.serialize() must return a Uint8Array');
    return bytes;
  },

  async load(bytes) {
    return unwrap(core.loadFilterEngine(bytes), 'loadFilterEngine');
  },

  dispose(engine) {
    if (typeof engine.dispose === 'function') engine.dispose();
  },

  match(engine, { url, frameUrl, type }, withFilter = false) {
    const r = engine.match(url, frameUrl, type);
    if (typeof r === 'number') {
      if (r === 0 || !withFilter) return BY_CODE[r];
      return { decision: NAMES[r], filter: engine.matchedFilter?.() ?? null };
    }
    if (!withFilter) return r.decision === 'block' ? BLOCK : r.decision === 'exception' ? EXCEPTION : NONE;
    return { decision: r.decision, filter: r.filter ?? null };
  },
};

export default adapter;
