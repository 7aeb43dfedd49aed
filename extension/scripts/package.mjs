// The store packages: what is uploaded to the Chrome Web Store and to addons.mozilla.org.
//
//   npm run package -w extension [-- --out DIR] [-- --no-screenshots]      (default out/store)
//
// Needs the WASM core (make build) and, for the screenshots, Firefox ESR (tools/setup.sh). Writes
//   trackscope-chrome-<version>.zip    the Chromium build (in build/chromium/), for the Chrome Web Store
//   trackscope-firefox-<version>.zip   the Firefox build (in build/firefox/), for AMO; `web-ext lint`
//                                      must find nothing (no errors, no warnings, no notices)
//   trackscope-source-<version>.zip    the repository at HEAD (`git archive`): AMO asks for the
//                                      sources of the WebAssembly module; `make build` rebuilds it
//   screenshots/                       the popup in Chromium and in Firefox (store-screenshots.mjs)
// Both packages carry PRIVACY.md, the privacy statement; the permissions are justified in the
// README ("Permissions"). Fails, naming what is wrong, when a build, the lint or a check fails.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import webExt from 'web-ext';
import { storeScreenshots } from './store-screenshots.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const extension = path.join(here, '..');
const repo = path.join(extension, '..');

function fail(message) {
  console.error(`extension package: ${message}`);
  process.exit(1);
}

// A fresh build for `target` in `dir` (apart from extension/dist*, which tests may be using).
function build(target, dir) {
  try {
    execFileSync(process.execPath, [path.join(extension, 'build.mjs'), `--target=${target}`, `--out=${dir}`], { stdio: 'pipe' });
  } catch (err) {
    fail(`the ${target} build failed: ${String(err.stderr ?? err.message).trim()}`);
  }
  return dir;
}

// Mozilla's add-on linter on a Firefox build: every error, warning and notice, or none.
export function lintFirefoxBuild(dir) {
  const bin = path.join(repo, 'node_modules', '.bin', 'web-ext');
  let out;
  try {
    out = execFileSync(bin, ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    out = err.stdout ?? '';
  }
  const result = JSON.parse(out.slice(out.indexOf('{')));
  return [...result.errors, ...result.warnings, ...result.notices].map(p => `${p.code}: ${p.message} (${p.file ?? ''})`);
}

async function zip(dir, out, filename) {
  await webExt.cmd.build({ sourceDir: dir, artifactsDir: out, filename, overwriteDest: true, ignoreFiles: [] },
                         { shouldExitProgram: false, showReadyMessage: false });
  return path.join(out, filename);
}

export async function packageExtension({ out = path.join(repo, 'out', 'store'), screenshots = true } = {}) {
  fs.mkdirSync(out, { recursive: true });
  const { version } = JSON.parse(fs.readFileSync(path.join(extension, 'manifest.json'), 'utf8'));
  const chrome = build('chromium', path.join(out, 'build', 'chromium'));
  const firefox = build('firefox', path.join(out, 'build', 'firefox'));
  for (const dir of [chrome, firefox]) {
    if (!fs.existsSync(path.join(dir, 'PRIVACY.md'))) fail(`${path.relative(repo, dir)} has no PRIVACY.md`);
    if (fs.existsSync(path.join(dir, 'test-hooks'))) fail(`${path.relative(repo, dir)} contains the test hooks`);
  }
  const problems = lintFirefoxBuild(firefox);
  if (problems.length) fail(`web-ext lint on the Firefox build:\n  ${problems.join('\n  ')}`);

  const files = [
    await zip(chrome, out, `trackscope-chrome-${version}.zip`),
    await zip(firefox, out, `trackscope-firefox-${version}.zip`),
  ];
  const source = path.join(out, `trackscope-source-${version}.zip`);
  try {
    execFileSync('git', ['archive', '--format=zip', `--prefix=trackscope-${version}/`, '-o', source, 'HEAD'], { cwd: repo, stdio: 'pipe' });
    files.push(source);
  } catch (err) {
    fail(`the source archive (git archive) failed: ${String(err.stderr ?? err.message).trim()}`);
  }
  if (screenshots) files.push(...await storeScreenshots(path.join(out, 'screenshots'), { chromiumBuild: chrome }));
  return files;
}

if (fileURLToPath(import.meta.url) === path.resolve(process.argv[1] ?? '')) {
  const at = process.argv.indexOf('--out');
  const files = await packageExtension({ out: at > 0 ? path.resolve(process.argv[at + 1]) : undefined,
                                         screenshots: !process.argv.includes('--no-screenshots') });
  for (const f of files) console.log(`${path.relative(process.cwd(), f)}  ${(fs.statSync(f).size / 1024).toFixed(0)} KiB`);
}
