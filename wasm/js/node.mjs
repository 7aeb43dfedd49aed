// Node entry of @trackscope/core: same API as index.mjs, reading the .wasm from disk (Emscripten's
// web build cannot fetch file: URLs).
import fs from 'node:fs';
import { createCore as createCoreWith, Core, wasmUrl } from './index.mjs';

export { Core, wasmUrl };

export async function createCore(options = {}) {
  return createCoreWith({ wasmBinary: options.wasmBinary ?? fs.readFileSync(wasmUrl), ...options });
}
