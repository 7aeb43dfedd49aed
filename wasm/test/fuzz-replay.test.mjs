// The fuzzers' inputs replayed through the WebAssembly build — where the memory ceiling and the
// 256 KiB stack live, unlike the native fuzz builds: every capture, HAR, policy and serialised
// engine of tests/fuzz/seeds and of the corpora `make fuzz-smoke` grew (build/fuzz/corpus, when
// present) is answered with a result or an error naming its path, never a crash of the module.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createCore } from '@trackscope/core';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const MAX_PER_TARGET = 600;

// The inputs of a fuzz target: its seeds, then its corpus, largest first (the likeliest to hurt).
function inputs(target) {
  const files = [];
  for (const dir of [path.join(REPO, 'tests', 'fuzz', 'seeds', target), path.join(REPO, 'build', 'fuzz', 'corpus', target)]) {
    if (!fs.existsSync(dir)) continue;
    files.push(...fs.readdirSync(dir).map(name => path.join(dir, name)).filter(f => fs.statSync(f).isFile()));
  }
  return files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size).slice(0, MAX_PER_TARGET);
}

// An error envelope the front ends can show: a path and a message.
function assertAnswer(result, file) {
  assert.equal(typeof result.ok, 'boolean', file);
  if (!result.ok) {
    assert.equal(typeof result.error?.message, 'string', `${file}: ${JSON.stringify(result)}`);
    if ('path' in result.error) assert.equal(typeof result.error.path, 'string', file);
  }
}

describe('fuzz inputs through the WebAssembly core', () => {
  let core;
  before(async () => { core = await createCore({ filters: false }); });

  test('captures', () => {
    const files = inputs('capture');
    assert.ok(files.length >= 2, 'no capture seeds');
    for (const file of files) assertAnswer(core.analyze(fs.readFileSync(file, 'latin1')), file);
  });

  test('HAR files, whole', () => {
    const files = inputs('har');
    assert.ok(files.length >= 3, 'no HAR seeds');
    for (const file of files) {
      const bytes = fs.readFileSync(file).subarray(1);  // the first byte is the fuzzer's chunk size
      const har = core.openHar();
      try {
        har.feed(bytes);
        const info = har.finish();
        assertAnswer(info, file);
        if (info.ok) for (let i = 0; i < Math.min(info.pages.length, 3); i++) assertAnswer(har.analyze(i), `${file} page ${i}`);
      } finally {
        har.dispose();
      }
    }
  });

  test('policies', () => {
    const files = inputs('policy');
    assert.ok(files.length >= 4, 'no policy seeds');
    for (const file of files) {
      const loaded = core.loadPolicy(fs.readFileSync(file, 'latin1'));
      assertAnswer(loaded, file);
      loaded.policy?.dispose();
    }
  });

  test('serialised filter engines', () => {
    for (const file of inputs('engine_blob')) {
      const loaded = core.loadFilterEngine(new Uint8Array(fs.readFileSync(file)));
      assertAnswer(loaded, file);
      if (loaded.ok) {
        loaded.engine.match('https://tracker.example/p.gif', 'https://a.example/', 'image');
        loaded.engine.dispose();
      }
    }
  });
});
