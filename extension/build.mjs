// Assembles the unpacked extension in extension/dist/ (load it from there). No bundler: the
// extension's sources are ES modules and plain scripts, copied as they are, next to the shared
// page instrumentation and the WASM core package (whose relative layout is kept so that
// js/index.mjs still finds ../dist/trackscope_core.mjs, which fetches the .wasm beside itself).
//
//   npm run build -w extension        (the root `make build` runs it after building the core)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const out = path.join(here, 'dist');

// [source in the repository, destination in dist/]
const files = [
  ['extension/manifest.json', 'manifest.json'],
  ['LICENSE', 'LICENSE'],
  ['instrument/page-instrument.js', 'instrument/page-instrument.js'],
  ['wasm/js/index.mjs', 'lib/core/js/index.mjs'],
  ['wasm/dist/trackscope_core.mjs', 'lib/core/dist/trackscope_core.mjs'],
  ['wasm/dist/trackscope_core.wasm', 'lib/core/dist/trackscope_core.wasm'],
  // The precompiled filter engine, and the lists to rebuild it from if a future core rejects it.
  ['wasm/dist/trackscope-filters.bin', 'lib/core/dist/trackscope-filters.bin'],
  ['wasm/dist/lists/easylist.txt', 'lib/core/dist/lists/easylist.txt'],
  ['wasm/dist/lists/easyprivacy.txt', 'lib/core/dist/lists/easyprivacy.txt'],
  ['wasm/dist/lists/README.txt', 'lib/core/dist/lists/README.txt'],
];

function fail(message) {
  console.error(`extension build: ${message}`);
  process.exit(1);
}

const missingCore = files.filter(([from]) => from.startsWith('wasm/dist/') && !fs.existsSync(path.join(repo, from)));
if (missingCore.length) {
  fail(`${missingCore.map(([from]) => from).join(' and ')} missing: the WASM core is not built. ` +
       'Run `make build` at the repository root first.');
}

fs.rmSync(out, { recursive: true, force: true });
fs.cpSync(path.join(here, 'src'), out, { recursive: true });
for (const [from, to] of files) {
  const source = path.join(repo, from);
  if (!fs.existsSync(source)) fail(`${from} missing`);
  fs.mkdirSync(path.dirname(path.join(out, to)), { recursive: true });
  fs.copyFileSync(source, path.join(out, to));
}

// Every file the manifest names must be in dist/: Chrome reports a missing one only at load time.
const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
const referenced = [
  manifest.background.service_worker,
  manifest.action.default_popup,
  ...manifest.content_scripts.flatMap(cs => [...(cs.js ?? []), ...(cs.css ?? [])]),
];
const absent = referenced.filter(file => !fs.existsSync(path.join(out, file)));
if (absent.length) fail(`manifest.json names files that are not in dist/: ${absent.join(', ')}`);

console.log(`extension build: ${path.relative(repo, out)}/ ready (load it unpacked in Chromium)`);
