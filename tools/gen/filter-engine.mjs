// Compiles the filter lists into the serialised engine that every front end loads at start
// (core/include/trackscope/filter/engine.h), using the freshly built WebAssembly core — the same
// code that matches — so what ships is exactly what the core would build itself.
//
// usage: node tools/gen/filter-engine.mjs <out-dir> <list.txt>...
// writes <out-dir>/trackscope-filters.bin    the engine (magic, format version, checksum)
//        <out-dir>/trackscope-filters.json   provenance: per-list counts, sha256, package, diagnostics
//        <out-dir>/lists/<name>              the lists as installed, to rebuild from text when a
//                                            shipped engine is rejected (other format version)
import fs from 'node:fs';
import path from 'node:path';
import { createCore } from '../../wasm/js/node.mjs';
import { sha256, debianPackageOf, fail } from './common.mjs';

const [outDir, ...listPaths] = process.argv.slice(2);
if (!outDir || listPaths.length === 0) fail('usage: filter-engine.mjs <out-dir> <list.txt>...');
const lists = listPaths.map(file => {
  if (!fs.existsSync(file)) fail(`${file} not found: run tools/setup.sh (Debian package webext-ublock-origin-chromium)`);
  return { file, name: path.basename(file), bytes: fs.readFileSync(file) };
});

const core = await createCore({ filters: false });
const built = await core.buildFilterEngine(lists.map(l => ({ name: l.name, text: l.bytes.toString('utf8') })));
if (!built.ok) fail(`building the filter engine failed: ${built.error.message}`);
const { summary } = built;
const network = summary.lists.reduce((n, l) => n + l.network, 0);
if (network < 10000) fail(`only ${network} network filters in ${listPaths.join(', ')}: are the lists truncated?`);

fs.mkdirSync(path.join(outDir, 'lists'), { recursive: true });
const bytes = built.engine.serialize();
fs.writeFileSync(path.join(outDir, 'trackscope-filters.bin'), bytes);
for (const l of lists) fs.writeFileSync(path.join(outDir, 'lists', l.name), l.bytes);
fs.writeFileSync(path.join(outDir, 'lists', 'README.txt'),
  'EasyList and EasyPrivacy, as installed by Debian\'s webext-ublock-origin-chromium package, unmodified.\n' +
  'Licence: GPL-3.0-or-later or CC BY-SA 3.0 or later (https://easylist.to/pages/licence.html).\n' +
  'trackscope loads them only to rebuild its filter engine when the precompiled one cannot be used.\n');
const provenance = {
  engineBytes: bytes.length,
  engineSha256: sha256(bytes),
  filters: summary.filters,
  lists: summary.lists.map((s, i) => ({ ...s, source: lists[i].file, sha256: sha256(lists[i].bytes),
                                       package: debianPackageOf(lists[i].file),
                                       licence: 'GPL-3.0-or-later OR CC-BY-SA-3.0' })),
  diagnostics: summary.diagnostics,
};
fs.writeFileSync(path.join(outDir, 'trackscope-filters.json'), `${JSON.stringify(provenance, null, 2)}\n`);
console.log(`filters: ${summary.filters} filters from ${lists.map(l => l.name).join(', ')} -> ${bytes.length} bytes` +
            ` (${summary.diagnostics.length} lines skipped, see trackscope-filters.json)`);
