// The Firefox build: its manifest is generated from the Chromium one (build.mjs firefoxManifest),
// and `web-ext lint` (Mozilla's add-on linter) finds nothing in it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { GECKO_ID, firefoxManifest } from '../build.mjs';
import { lintFirefoxBuild } from '../scripts/package.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const extension = path.join(here, '..');
const chromium = JSON.parse(fs.readFileSync(path.join(extension, 'manifest.json'), 'utf8'));

test('the Firefox manifest is the Chromium one with the documented differences', () => {
  const firefox = firefoxManifest(chromium);
  assert.deepEqual(firefox.background, { scripts: ['background/service-worker.js'], type: 'module' });
  assert.equal(firefox.browser_specific_settings.gecko.id, GECKO_ID);
  assert.deepEqual(firefox.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });
  assert.equal(firefox.minimum_chrome_version, undefined);
  assert.equal(firefox.content_scripts[0].match_origin_as_fallback, undefined);
  assert.equal(firefox.content_scripts[0].match_about_blank, true);
  for (const key of ['permissions', 'host_permissions', 'action', 'options_ui', 'content_security_policy', 'icons', 'version']) {
    assert.deepEqual(firefox[key], chromium[key], key);
  }
  assert.deepEqual(chromium.background.service_worker, 'background/service-worker.js', 'the source manifest is untouched');
});

test('web-ext lint passes on the Firefox build', () => {
  const wasmBuilt = fs.existsSync(path.join(extension, '..', 'wasm', 'dist', 'trackscope_core.wasm'));
  assert.ok(wasmBuilt, 'the WASM core is not built: make build');
  execFileSync(process.execPath, [path.join(extension, 'build.mjs'), '--target=firefox'], { stdio: 'pipe' });
  assert.deepEqual(lintFirefoxBuild(path.join(extension, 'dist-firefox')), []);
});
