// `npm run build -w widget`: assembles widget/dist/, the folder a site owner serves (e.g. as
// /trackscope/). Everything finds everything else by relative URL, so the layout is fixed:
//
//   dist/trackscope-widget.js          the loader (classic script, every page view), with
//                                      src/styles/launcher.css inlined
//   dist/trackscope-widget-ui.mjs      analysis and rendering (imported on first open): its
//                                      modules (src/ui/, @trackscope/presentation and the
//                                      stylesheets src/styles/{base,panel,table}.css) bundled
//                                      into one file by esbuild — one request instead of a
//                                      cascade of fourteen
//   dist/core/js/index.mjs             the core, in its package layout: index.mjs imports
//   dist/core/dist/trackscope_core.mjs ../dist/trackscope_core.mjs, which fetches the .wasm
//   dist/core/dist/trackscope_core.wasm  next to itself
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const widgetDir = path.dirname(fileURLToPath(import.meta.url));
const srcDir = path.join(widgetDir, 'src');
const coreDir = path.join(widgetDir, '..', 'wasm'); // the @trackscope/core workspace
const outDir = path.join(widgetDir, 'dist');

const CORE_FILES = [
  [path.join(coreDir, 'js', 'index.mjs'), 'core/js/index.mjs'],
  [path.join(coreDir, 'dist', 'trackscope_core.mjs'), 'core/dist/trackscope_core.mjs'],
  [path.join(coreDir, 'dist', 'trackscope_core.wasm'), 'core/dist/trackscope_core.wasm'],
];

const missing = CORE_FILES.map(([from]) => from).filter(from => !fs.existsSync(from));
if (missing.length) {
  console.error(`widget build: missing ${missing.map(f => path.relative(process.cwd(), f)).join(', ')}`);
  console.error('The WebAssembly core is not built: run `make build` first (it fills wasm/dist/).');
  process.exit(1);
}

// A stylesheet as one string: comments and indentation dropped.
const css = name => fs.readFileSync(path.join(srcDir, 'styles', name), 'utf8')
  .replace(/\/\*[\s\S]*?\*\//g, '').split('\n').map(line => line.trim()).filter(Boolean).join('\n');

// Whole-line // comments dropped from the loader (the source keeps them): a quarter less to
// download on every page view. Only where no template literal spans lines, so no such line can be
// inside one.
function lean(text) {
  const lines = text.split('\n');
  if (lines.some(line => (line.split('`').length - 1) % 2)) return text;
  return lines.filter(line => !/^\s*\/\//.test(line)).join('\n');
}

fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
// The loader, with the launcher's stylesheet and the modules it preloads on the first open: the
// UI's, and the core's where the page's CSP lets WebAssembly run.
const modules = { ui: ['trackscope-widget-ui.mjs'], core: ['core/js/index.mjs', 'core/dist/trackscope_core.mjs'] };
const loader = fs.readFileSync(path.join(srcDir, 'trackscope-widget.js'), 'utf8');
for (const placeholder of ["'@LAUNCHER_CSS@'", "'@MODULES@'"]) {
  if (!loader.includes(placeholder)) throw new Error(`src/trackscope-widget.js: no ${placeholder} placeholder`);
}
fs.writeFileSync(path.join(outDir, 'trackscope-widget.js'), lean(loader
  .replace("'@LAUNCHER_CSS@'", () => JSON.stringify(css('launcher.css')))
  .replace("'@MODULES@'", () => JSON.stringify(modules))));
// The shadow roots' stylesheets, as the module ui/styles.mjs the panel and the table import.
const STYLES = [['BASE_CSS', 'base.css'], ['PANEL_CSS', 'panel.css'], ['TABLE_CSS', 'table.css']]
  .map(([name, file]) => `export const ${name} = ${JSON.stringify(`${css(file)}\n`)};\n`).join('');
const stylesModule = {
  name: 'styles',
  setup(build) {
    build.onResolve({ filter: /\/styles\.mjs$/ }, args => ({ path: path.join(args.resolveDir, 'styles.mjs'), namespace: 'styles' }));
    build.onLoad({ filter: /.*/, namespace: 'styles' }, () => ({ contents: STYLES, loader: 'js' }));
  },
};
await esbuild.build({
  entryPoints: [path.join(srcDir, 'trackscope-widget-ui.mjs')], bundle: true, format: 'esm', target: 'es2022',
  outfile: path.join(outDir, 'trackscope-widget-ui.mjs'), plugins: [stylesModule], minifyWhitespace: true, minifySyntax: true,
  legalComments: 'none', logLevel: 'error',
  banner: { js: '// trackscope widget, part 2: analysis and rendering (widget/src/, bundled by widget/build.mjs). MPL-2.0.' },
});
for (const [from, to] of CORE_FILES) {
  fs.mkdirSync(path.dirname(path.join(outDir, to)), { recursive: true });
  fs.copyFileSync(from, path.join(outDir, to));
}

const files = dir => fs.readdirSync(dir, { withFileTypes: true })
  .flatMap(e => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
for (const file of files(outDir).sort()) {
  console.log(`${path.relative(process.cwd(), file)}  ${(fs.statSync(file).size / 1024).toFixed(1)} KiB`);
}
