// The packages as a user installs them: `npm pack` of @trackscope/core, @trackscope/instrument,
// @trackscope/presentation and the trackscope scanner, installed into an empty folder, then
// `trackscope scan` from there on the testbed with each bundled policy (listed and served by the
// installed core, not read from this checkout) and with a site's declaration merged by the core.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestbed } from '@trackscope/test-support';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const WORKSPACES = ['wasm', 'instrument', 'presentation', 'scanner'];

describe('the npm packages, installed into an empty folder', () => {
  let dir;
  let app;
  let bed;
  const trackscope = args => run(process.execPath, [path.join(app, 'node_modules', 'trackscope', 'bin', 'trackscope.mjs'), ...args],
                                 { cwd: app, timeout: 180_000, maxBuffer: 32 << 20 }).then(r => ({ code: 0, ...r }),
                                                                                           e => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackscope-pack-'));
    app = path.join(dir, 'app');
    fs.mkdirSync(app);
    const tarballs = [];
    for (const w of WORKSPACES) {
      const { stdout } = await run('npm', ['pack', '-w', w, '--pack-destination', dir, '--silent'], { cwd: REPO });
      tarballs.push(path.join(dir, stdout.trim().split('\n').at(-1)));
    }
    fs.writeFileSync(path.join(app, 'package.json'), '{"private": true}\n');
    await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...tarballs], { cwd: app, timeout: 300_000 });
    bed = await startTestbed();
  });

  after(async () => {
    await bed?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the installed packages are copies, and hold what they need and no tests', () => {
    for (const name of ['trackscope', '@trackscope/core', '@trackscope/presentation', '@trackscope/instrument']) {
      const dirOf = path.join(app, 'node_modules', name);
      assert.ok(!fs.lstatSync(dirOf).isSymbolicLink(), `${name} is a link into the checkout`);
    }
    const core = path.join(app, 'node_modules', '@trackscope', 'core', 'dist');
    for (const file of ['trackscope_core.wasm', 'trackscope_core.mjs', 'trackscope-filters.bin']) assert.ok(fs.existsSync(path.join(core, file)), file);
    assert.ok(!fs.existsSync(path.join(app, 'node_modules', 'trackscope', 'test')), 'the scanner package ships its tests');
  });

  test('scans the testbed with each bundled policy, and with a declaration merged into one', async () => {
    const { createCore } = await import(path.join(app, 'node_modules', '@trackscope', 'core', 'js', 'node.mjs'));
    const core = await createCore({ filters: false });
    const ids = core.policies().map(p => p.id);
    assert.ok(ids.length >= 3, String(ids));
    const url = bed.url('shop.example', '/');
    const args = bed.browserArgs.map(a => `--browser-arg=${a}`);
    for (const id of ids) {
      const out = path.join(dir, `${id}.json`);
      const scan = await trackscope(['scan', url, ...args, '--policy', id, '--json', out, '--quiet']);
      assert.equal(scan.code, 0, `${id}: ${scan.stderr}`);
      const report = JSON.parse(fs.readFileSync(out, 'utf8'));
      assert.equal(report.policy.id, id);
      assert.deepEqual(report.policy.categories.map(c => c.id), JSON.parse(core.policyDocument(id)).categories.map(c => c.id));
      assert.ok(report.items.length >= 5, `${id}: ${report.items.length} items`);
      assert.ok(report.items.every(i => report.policy.categories.some(c => c.id === i.category)), id);
    }
    // A bundled policy with the site's declaration: the core merges it, the findings judge against it.
    const declaration = path.join(dir, 'declaration.json');
    fs.writeFileSync(declaration, JSON.stringify({
      declaration: { consent: 'opt-in', categories: { necessary: { cookies: ['shop_session'] }, statistics: { vendors: ['metrics.example'] } } },
      signals: { gpc: 'honoured' },
    }));
    const declared = path.join(dir, 'declared.json');
    const scan = await trackscope(['scan', url, ...args, '--policy', 'consent-manager', '--declaration', declaration, '--json', declared,
                                   '--quiet', '--fail-on', 'undeclared-tracker']);
    assert.equal(scan.code, 3, scan.stderr);
    assert.match(scan.stderr, /--fail-on undeclared-tracker: .*\n.*adnet\.example/);
    const report = JSON.parse(fs.readFileSync(declared, 'utf8'));
    assert.equal(report.policy.id, 'consent-manager');
    assert.equal(report.privacy.gpc.declared, 'honoured', 'the declaration\'s stance is the site\'s');
    assert.deepEqual(report.privacy.gpc.sources.map(s => s.source), ['declaration']);
    const bad = await trackscope(['scan', url, ...args, '--policy', 'nope']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--policy: "nope" is neither a bundled policy \(consent-manager, default, icc-uk\) nor a file/);
  });
});
