// The store packages (scripts/package.mjs): a Chrome Web Store zip and an AMO zip whose contents
// are the builds (the manifest each store expects, the privacy statement, no test hooks), the
// Firefox build lint-clean (the script fails otherwise), the sources for AMO, and 1280×800
// screenshots of the popup in both browsers.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const extension = fileURLToPath(new URL('../', import.meta.url));
const { version } = JSON.parse(fs.readFileSync(path.join(extension, 'manifest.json'), 'utf8'));

// A zip file's entries: name -> contents (stored or deflated), from its central directory.
function unzip(file) {
  const buf = fs.readFileSync(file);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, `${file} is no zip file`);
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'central directory entry');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const skip = nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    const local = buf.readUInt32LE(at + 42);
    const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(data, data + size);
    if (!name.endsWith('/')) entries.set(name, method === 8 ? zlib.inflateRawSync(raw) : raw);
    at += 46 + skip;
  }
  return entries;
}

const filesUnder = dir => fs.readdirSync(dir, { recursive: true }).filter(f => fs.statSync(path.join(dir, f)).isFile())
  .map(f => f.split(path.sep).join('/')).sort();
const pngSize = file => { const b = fs.readFileSync(file); return [b.readUInt32BE(16), b.readUInt32BE(20)]; };

describe('npm run package -w extension', () => {
  let out;
  let stdout;

  before(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'trackscope-store-'));
    ({ stdout } = await promisify(execFile)(process.execPath, [path.join(extension, 'scripts', 'package.mjs'), '--out', out],
                                            { cwd: extension, timeout: 300_000, maxBuffer: 16 << 20 }));
  });

  test('the Chrome Web Store zip is the Chromium build, with its privacy statement', () => {
    assert.match(stdout, new RegExp(`trackscope-chrome-${version.replace(/\./g, '\\.')}\\.zip`));
    const zip = unzip(path.join(out, `trackscope-chrome-${version}.zip`));
    assert.deepEqual([...zip.keys()].sort(), filesUnder(path.join(out, 'build', 'chromium')));
    const manifest = JSON.parse(zip.get('manifest.json'));
    assert.equal(manifest.background.service_worker, 'background/service-worker.js');
    assert.equal(manifest.browser_specific_settings, undefined);
    assert.match(zip.get('PRIVACY.md').toString(), /sends\s+nothing anywhere/);
    assert.ok(![...zip.keys()].some(n => n.startsWith('test-hooks/')));
  });

  test('the AMO zip is the Firefox build: an event page, the add-on id, no test hooks', () => {
    const zip = unzip(path.join(out, `trackscope-firefox-${version}.zip`));
    assert.deepEqual([...zip.keys()].sort(), filesUnder(path.join(out, 'build', 'firefox')));
    const manifest = JSON.parse(zip.get('manifest.json'));
    assert.deepEqual(manifest.background.scripts, ['background/service-worker.js']);
    assert.equal(manifest.browser_specific_settings.gecko.id, 'trackscope@trackscope.invalid');
    assert.ok(zip.has('PRIVACY.md'));
    assert.ok(![...zip.keys()].some(n => n.startsWith('test-hooks/')));
  });

  test('the sources for AMO hold what rebuilds the WebAssembly module', () => {
    const zip = unzip(path.join(out, `trackscope-source-${version}.zip`));
    for (const file of ['Makefile', 'CMakeLists.txt', 'wasm/src/bindings.cc', 'core/src/policy/consent_manager.cc', 'extension/build.mjs']) {
      assert.ok(zip.has(`trackscope-${version}/${file}`), file);
    }
  });

  test('screenshots of the popup in Chromium and Firefox, at the stores\' 1280×800', () => {
    for (const browser of ['chromium', 'firefox']) {
      assert.deepEqual(pngSize(path.join(out, 'screenshots', `${browser}-store-1280x800.png`)), [1280, 800], browser);
      const [width, height] = pngSize(path.join(out, 'screenshots', `${browser}-popup.png`));
      assert.equal(width, 420, browser);
      assert.ok(height >= 590 && height <= 600, `${browser}: ${height}`);
    }
  });
});
