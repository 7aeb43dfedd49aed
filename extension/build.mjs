// Assembles the unpacked extension. No bundler: the extension's sources are ES modules and plain
// scripts, copied as they are, next to the shared page instrumentation, the presentation modules
// (their `@trackscope/presentation` imports pointed at the copy) and the WASM core package (whose relative layout is kept so that js/index.mjs still finds
// ../dist/trackscope_core.mjs, which fetches the .wasm beside itself).
//
//   node build.mjs                     Chromium: extension/dist/          (npm run build -w extension)
//   node build.mjs --target=firefox    Firefox:  extension/dist-firefox/  (npm run build:firefox -w extension)
//   node build.mjs --target=firefox --test-hooks
//                                      Firefox for the end-to-end tests: extension/dist-firefox-test/,
//                                      plus test-hooks/ (how a test opens the popup; never shipped)
//   --out=DIR                          any of these into DIR instead
//
// The Firefox build is the same files with a manifest generated from manifest.json by
// firefoxManifest() below: the differences are listed there, never hand-copied.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyPresentation } from '@trackscope/presentation/install.mjs';
import { writeIcons } from './scripts/icons.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const target = process.argv.find(a => a.startsWith('--target='))?.slice('--target='.length) ?? 'chromium';
if (!['chromium', 'firefox'].includes(target)) {
  console.error(`extension build: unknown target "${target}" (chromium or firefox)`);
  process.exit(2);
}
const testHooks = process.argv.includes('--test-hooks');
if (testHooks && target !== 'firefox') {
  console.error('extension build: --test-hooks is for --target=firefox');
  process.exit(2);
}
// --out=DIR: build there instead (the store packages and screenshots build apart from the tests' builds).
const outArg = process.argv.find(a => a.startsWith('--out='))?.slice('--out='.length);
const out = outArg ? path.resolve(outArg) : path.join(here, target === 'firefox' ? `dist-firefox${testHooks ? '-test' : ''}` : 'dist');

// The autoconsent package, as the repository's npm install has it (relative to the repository).
const AUTOCONSENT = path.relative(repo, path.dirname(path.dirname(createRequire(import.meta.url).resolve('@duckduckgo/autoconsent'))));

// [source in the repository, destination in the build]
const files = [
  ['LICENSE', 'LICENSE'],
  ['extension/PRIVACY.md', 'PRIVACY.md'],
  ['instrument/read-document.js', 'instrument/read-document.js'],
  ['instrument/autoconsent-answer.js', 'instrument/autoconsent-answer.js'],
  // DuckDuckGo's autoconsent (MPL-2.0), for the popup's consent test (background/consent-test.js):
  // the content script, the rules, and the module whose rule checks run in the page.
  [`${AUTOCONSENT}/dist/autoconsent.playwright.js`, 'lib/autoconsent/autoconsent.playwright.js'],
  [`${AUTOCONSENT}/dist/autoconsent.esm.js`, 'lib/autoconsent/autoconsent.esm.js'],
  [`${AUTOCONSENT}/rules/rules.json`, 'lib/autoconsent/rules.json'],
  [`${AUTOCONSENT}/LICENSE`, 'lib/autoconsent/LICENSE'],
  ['wasm/js/index.mjs', 'lib/core/js/index.mjs'],
  ['wasm/dist/trackscope_core.mjs', 'lib/core/dist/trackscope_core.mjs'],
  ['wasm/dist/trackscope_core.wasm', 'lib/core/dist/trackscope_core.wasm'],
  // The precompiled filter engine, and the lists to rebuild it from if a future core rejects it.
  ['wasm/dist/trackscope-filters.bin', 'lib/core/dist/trackscope-filters.bin'],
  ['wasm/dist/lists/easylist.txt', 'lib/core/dist/lists/easylist.txt'],
  ['wasm/dist/lists/easyprivacy.txt', 'lib/core/dist/lists/easyprivacy.txt'],
  ['wasm/dist/lists/README.txt', 'lib/core/dist/lists/README.txt'],
];

// Scripts the service worker registers at run time (background/signals.js): not named by the manifest.
const REGISTERED_SCRIPTS = ['content/signal-gpc.js', 'content/signal-dnt.js', 'content/main-world.js'];

// The registered MAIN-world script: main-world.js (a function expression taking the installer)
// applied to the shared instrumentation (a function expression taking emit) — one script that
// defines nothing in the page.
export function mainWorldScript(mainWorldSource, instrumentSource) {
  return `${mainWorldSource.trim()}(${instrumentSource.trim()});\n`;
}

export function relayScript(relaySource, formFieldsSource) {
  return `${formFieldsSource.replace(/^export function /gm, 'function ').trim()}\n\n${relaySource}`;
}

export const GECKO_ID = 'trackscope@trackscope.invalid';

// manifest.json (Chromium) -> the Firefox manifest:
//   - background: an event page (`scripts`) instead of a service worker; same module
//   - browser_specific_settings.gecko: the add-on id, Firefox 140+ (the ESR that declares data
//     collection; MAIN-world content scripts registered with scripting need 128, storage.session
//     115, declarativeNetRequest 113), and "no data collected"; Firefox for Android 142+ (its first
//     version with data_collection_permissions)
//   - no minimum_chrome_version
//   - content scripts: match_about_blank instead of Chrome's match_origin_as_fallback
// (`extraHeaders`, which Firefox rejects, is a run-time option: service-worker.js retries without it.)
export function firefoxManifest(chromium) {
  const m = structuredClone(chromium);
  delete m.minimum_chrome_version;
  m.background = { scripts: [chromium.background.service_worker], type: chromium.background.type };
  m.browser_specific_settings = {
    gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
    gecko_android: { strict_min_version: '142.0' },
  };
  m.content_scripts = chromium.content_scripts.map(cs => {
    const { match_origin_as_fallback: fallback, ...rest } = cs;
    return fallback ? { ...rest, match_about_blank: true } : rest;
  });
  return m;
}

function fail(message) {
  console.error(`extension build: ${message}`);
  process.exit(1);
}

if (fileURLToPath(import.meta.url) === path.resolve(process.argv[1] ?? '')) {
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
  fs.writeFileSync(path.join(out, 'content', 'main-world.js'), mainWorldScript(
    fs.readFileSync(path.join(here, 'src', 'content', 'main-world.js'), 'utf8'),
    fs.readFileSync(path.join(repo, 'instrument', 'page-instrument.js'), 'utf8')));
  // The relay classifies form fields with the scanner's functions (a classic content script: they
  // are put in front of it, without their `export`).
  fs.writeFileSync(path.join(out, 'content', 'relay.js'), relayScript(
    fs.readFileSync(path.join(here, 'src', 'content', 'relay.js'), 'utf8'),
    fs.readFileSync(path.join(repo, 'instrument', 'form-fields.js'), 'utf8')));
  copyPresentation(out, 'lib/presentation');
  writeIcons(path.join(out, 'icons'));

  const chromium = JSON.parse(fs.readFileSync(path.join(here, 'manifest.json'), 'utf8'));
  const manifest = target === 'firefox' ? firefoxManifest(chromium) : chromium;
  if (testHooks) {
    fs.cpSync(path.join(here, 'test-hooks'), path.join(out, 'test-hooks'), { recursive: true });
    manifest.background.scripts.push('test-hooks/background.js');
    manifest.content_scripts.push({ matches: ['https://harness.example/*'], js: ['test-hooks/harness.js'], run_at: 'document_start' });
  }
  fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

  // Every file the manifest names must be in the build: the browser reports a missing one only at
  // load time.
  const referenced = [
    manifest.background.service_worker ?? manifest.background.scripts,
    manifest.action.default_popup, manifest.options_ui.page,
    Object.values(manifest.icons), Object.values(manifest.action.default_icon),
    manifest.content_scripts.flatMap(cs => [...(cs.js ?? []), ...(cs.css ?? [])]),
    REGISTERED_SCRIPTS,
  ].flat();
  const absent = referenced.filter(file => !fs.existsSync(path.join(out, file)));
  if (absent.length) fail(`files named by the manifest or registered at run time are missing: ${absent.join(', ')}`);

  console.log(`extension build: ${path.relative(repo, out)}/ ready (${target}; load it unpacked)`);
}
