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

export class Core {
  #module;

  constructor(module) {
    this.#module = module;
  }

  // Returns {ok: true, report} or {ok: false, error: {path, message}}; never throws for bad input.
  analyze(capture) {
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
    return JSON.parse(this.#module.analyze(json));
  }

  // {version: "0.1.0", publicSuffixList: "publicsuffix 20230209.2326-1"}
  version() {
    return JSON.parse(this.#module.version());
  }
}

// options.wasmBinary: the module's bytes (ArrayBuffer/Uint8Array), when the caller has them.
// options.wasmUrl: where to fetch them from; defaults to the .wasm next to this package's dist.
export async function createCore(options = {}) {
  const moduleOptions = {};
  if (options.wasmBinary) moduleOptions.wasmBinary = options.wasmBinary;
  if (options.wasmUrl) moduleOptions.locateFile = () => String(options.wasmUrl);
  return new Core(await createTrackscopeModule(moduleOptions));
}

export const wasmUrl = new URL('../dist/trackscope_core.wasm', import.meta.url);
