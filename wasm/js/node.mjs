// Node entry of @trackscope/core: same API as index.mjs, reading the .wasm, the precompiled filter
// engine and (when it is rejected) the filter lists from disk (Emscripten's web build cannot
// fetch file: URLs).
import fs from 'node:fs';
import { createCore as createCoreWith, installFilters, Core, FilterEngine, HarImport, FILTER_LISTS, wasmUrl } from './index.mjs';

export { Core, FilterEngine, HarImport, FILTER_LISTS, wasmUrl };

const distFile = name => new URL(`../dist/${name}`, import.meta.url);

export async function createCore(options = {}) {
  const core = await createCoreWith({ ...options, wasmBinary: options.wasmBinary ?? fs.readFileSync(wasmUrl), filters: false });
  if (options.filters !== false) {
    const bytes = options.filters instanceof Uint8Array ? options.filters : fs.readFileSync(distFile('trackscope-filters.bin'));
    const readLists = async () => FILTER_LISTS.map(name => ({ name, text: fs.readFileSync(distFile(`lists/${name}`), 'utf8') }));
    await installFilters(core, bytes, readLists);
  }
  return core;
}
