// `npm run build -w widget`: assembles widget/dist/, the folder a site owner serves (e.g. as
// /trackscope/). The core keeps its package layout under core/ because its files find each other
// by relative URL: core/js/index.mjs imports ../dist/trackscope_core.mjs, which fetches
// trackscope_core.wasm next to itself.
//
//   dist/trackscope-widget.js        the loader (classic script, every page view)
//   dist/trackscope-widget-ui.mjs    analysis and rendering (imported on first open)
//   dist/core/js/index.mjs
//   dist/core/dist/trackscope_core.mjs
//   dist/core/dist/trackscope_core.wasm
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const widgetDir = path.dirname(fileURLToPath(import.meta.url));
const coreDir = path.join(widgetDir, '..', 'wasm'); // the @trackscope/core workspace
const outDir = path.join(widgetDir, 'dist');

// [source, destination relative to dist/]
const FILES = [
  [path.join(widgetDir, 'src', 'trackscope-widget.js'), 'trackscope-widget.js'],
  [path.join(widgetDir, 'src', 'trackscope-widget-ui.mjs'), 'trackscope-widget-ui.mjs'],
  [path.join(coreDir, 'js', 'index.mjs'), 'core/js/index.mjs'],
  [path.join(coreDir, 'dist', 'trackscope_core.mjs'), 'core/dist/trackscope_core.mjs'],
  [path.join(coreDir, 'dist', 'trackscope_core.wasm'), 'core/dist/trackscope_core.wasm'],
];

const missing = FILES.map(([from]) => from).filter(from => !fs.existsSync(from));
if (missing.length) {
  console.error(`widget build: missing ${missing.map(f => path.relative(process.cwd(), f)).join(', ')}`);
  console.error('The WebAssembly core is not built: run `make build` first (it fills wasm/dist/).');
  process.exit(1);
}

fs.rmSync(outDir, { recursive: true, force: true });
for (const [from, to] of FILES) {
  const dest = path.join(outDir, to);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.copyFileSync(from, dest);
  console.log(`${path.relative(process.cwd(), dest)}  ${(fs.statSync(dest).size / 1024).toFixed(1)} KiB`);
}
