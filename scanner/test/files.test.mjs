// The scanner's files: written whole or not at all (a kill -9 at any moment leaves the old report
// or the new one), never over an input, kept when a later scan fails; a file that cannot be read
// or written is one sentence naming it, with one exit-status convention (1: the run could not do
// its work, 2: the command line is wrong); bounded timeouts; records of the wrong shape skipped.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CLI, cli, useTestbed } from '@trackscope/test-support';
import { finishedUrls } from '../src/batch.mjs';
import { readRecords } from '../src/summary.mjs';

const OUTPUT_MODULE = fileURLToPath(new URL('../src/output.mjs', import.meta.url));
const CAPTURE = { version: 1, page: { url: 'https://a.example/', capturedAt: '2026-11-29T05:00:00Z' },
                  requests: [{ url: 'https://a.example/', type: 'main_frame', status: 200 }],
                  cookies: [{ name: '_ga', value: 'GA1.1.123456789.1700000000', domain: '.a.example', expires: 1830499741 }] };
const noStack = text => assert.doesNotMatch(text, /\n\s+at /, `a stack trace:\n${text}`);

describe('files and exit statuses (no browser)', () => {
  let dir;
  let capture;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackscope-files-'));
    capture = path.join(dir, 'capture.json');
    fs.writeFileSync(capture, JSON.stringify(CAPTURE));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('an input is never written over', async () => {
    const before = fs.readFileSync(capture, 'utf8');
    const run = await cli(['analyze', capture, '--json', path.join(dir, '.', 'capture.json')]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /capture\.json is an input of this run: not written over/);
    assert.equal(fs.readFileSync(capture, 'utf8'), before);
  });

  test('a file that cannot be written or read is one sentence, exit 1', async () => {
    const folder = path.join(dir, 'folder');
    fs.mkdirSync(folder);
    for (const [args, message] of [
      [['analyze', capture, '--json', folder], /^trackscope: cannot write .*folder: is a directory\n$/],
      [['analyze', capture, '--html', path.join(dir, 'missing', 'x.html')], /^trackscope: cannot write .*x\.html: no such file or folder\n$/],
      [['analyze', capture, '--policy', folder], /^trackscope: cannot read .*folder: is a directory\n$/],
      [['eval-cookies', path.join(dir, 'none.csv')], /^trackscope: cannot read .*none\.csv: no such file or folder\n$/],
      [['merge', path.join(dir, 'none.jsonl')], /^trackscope: cannot read .*none\.jsonl: no such file or folder\n$/],
    ]) {
      const run = await cli(args);
      assert.equal(run.code, 1, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message, args.join(' '));
      noStack(run.stderr);
    }
    assert.deepEqual(fs.readdirSync(folder), [], 'no temporary file left behind');
  });

  test('analyze --compare with a malformed second capture names its path, no stack', async () => {
    const page = { version: 1, page: { url: 'https://a.example/' } };
    for (const [other, message] of [[{ ...page, requests: 5 }, '$.requests: expected an array, got a number'],
                                    [{ ...page, requests: [null] }, '$.requests[0]: expected an object, got null'],
                                    [{ ...page, requests: [{ url: 'https://a.example/', requestHeaders: [5] }] },
                                     '$.requests[0].requestHeaders[0]: expected an object with name and value']]) {
      const file = path.join(dir, 'other.json');
      fs.writeFileSync(file, JSON.stringify(other));
      const run = await cli(['analyze', capture, '--compare', file, '--quiet']);
      assert.equal(run.code, 1, run.stderr);
      assert.equal(run.stderr, `trackscope: ${file}: ${message}\n`);
    }
  });

  test('timeouts are bounded', async () => {
    for (const [flag, value, max] of [['--timeout', '3000000000', 600000], ['--settle', '99999999', 60000]]) {
      const run = await cli(['scan', 'https://a.example/', flag, value]);
      assert.equal(run.code, 2);
      assert.equal(run.stderr, `trackscope: ${flag} must be at most ${max}, got ${value}\n`);
    }
  });

  test('records of the right format with fields of the wrong type are skipped, once, with the reason', async () => {
    const good = { format: 'trackscope-result', version: 1, url: 'https://a.example/', ok: true, mode: 'scan', failed: [],
                   categories: [{ id: 'marketing', label: 'Marketing', cookies: 1, beacons: 0, storage: 0 }], trackers: [], notes: [] };
    const lines = [good, { ...good, url: 'https://b.example/', categories: [{ id: 'x', label: 'X', cookies: '1' }] },
                   { ...good, url: 'https://c.example/', ok: 'yes' }, { ...good, url: 'https://d.example/', signals: { gpc: 1 } }];
    const file = path.join(dir, 'results.jsonl');
    fs.writeFileSync(file, lines.map(l => `${JSON.stringify(l)}\n`).join(''));
    const { records, problems } = readRecords([{ name: 'r', text: fs.readFileSync(file, 'utf8') }]);
    assert.deepEqual(records.map(r => r.url), ['https://a.example/']);
    assert.deepEqual(problems, ['r:2: $.categories: expected an array of {id, label, cookies, beacons, storage}, skipped',
                                'r:3: $.ok: expected true or false, skipped',
                                'r:4: $.signals: expected {gpc: {declared, gpcJson}, dnt: {declared, dntPolicy}}, skipped']);
    assert.deepEqual([...finishedUrls(file).done], ['https://a.example/'], '--resume rescans the skipped ones');
    const merged = await cli(['merge', file, '--json', path.join(dir, 'summary.json'), '--quiet']);
    assert.equal(merged.code, 0, merged.stderr);
    assert.match(merged.stderr, /results\.jsonl:2: \$\.categories: expected/);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')).sites.total, 1);
  });

  test('a kill -9 at any moment of a report write leaves the old report or the new one', async () => {
    const report = path.join(dir, 'report.json');
    // A child writes two large reports in turn, as fast as it can; it is killed at random moments.
    const writer = `
      import { writeFileAtomic } from ${JSON.stringify(OUTPUT_MODULE)};
      const big = tag => JSON.stringify({ tag, rows: Array.from({ length: 200000 }, (_, i) => ({ i, text: 'x'.repeat(20) })) });
      const texts = [big('a'), big('b')];
      writeFileAtomic(${JSON.stringify(report)}, texts[0]);
      process.stdout.write('ready\\n');
      for (let n = 1; ; n++) writeFileAtomic(${JSON.stringify(report)}, texts[n % 2]);`;
    for (let round = 0; round < 6; round++) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', writer], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise(resolve => child.stdout.once('data', resolve));
      await new Promise(resolve => setTimeout(resolve, 20 + Math.random() * 400));
      child.kill('SIGKILL');
      await new Promise(resolve => child.once('exit', resolve));
      const text = fs.readFileSync(report, 'utf8');
      let parsed;
      assert.doesNotThrow(() => { parsed = JSON.parse(text); }, `round ${round}: a broken report (${text.length} bytes)`);
      assert.ok(['a', 'b'].includes(parsed.tag));
    }
  });
});

describe('files of a batch (testbed)', () => {
  const suite = useTestbed('files');

  test('a failed scan keeps the report of the last good one', async () => {
    const reports = path.join(suite.dir, 'reports');
    const url = suite.bed.url('shop.example', '/');
    const first = await cli(['scan', url, ...suite.browserArgs(), '--out', path.join(suite.dir, 'a.jsonl'), '--report-dir', reports, '--quiet']);
    assert.equal(first.code, 0, first.stderr);
    const [name] = fs.readdirSync(reports);
    const good = fs.readFileSync(path.join(reports, name), 'utf8');
    assert.equal(JSON.parse(good).page.url, url);
    // The same site again, now unreachable (its host mapped to a closed port).
    const second = await cli(['scan', url, '--browser-arg=--host-resolver-rules=MAP * 127.0.0.1:9', '--browser-arg=--ignore-certificate-errors',
                              '--out', path.join(suite.dir, 'b.jsonl'), '--report-dir', reports, '--quiet', '--timeout', '5000']);
    const record = JSON.parse(fs.readFileSync(path.join(suite.dir, 'b.jsonl'), 'utf8').trim());
    assert.equal(record.ok, false, second.stderr);
    assert.deepEqual(fs.readdirSync(reports), [name]);
    assert.equal(fs.readFileSync(path.join(reports, name), 'utf8'), good, 'the good report stays');
  });
});

describe('stopping a batch (testbed)', () => {
  const suite = useTestbed('stop');

  // Processes whose environment holds `tag` (Chromium inherits the scanner's environment).
  const processesTagged = tag => fs.readdirSync('/proc').filter(p => /^\d+$/.test(p)).filter(pid => {
    try { return fs.readFileSync(`/proc/${pid}/environ`, 'utf8').includes(tag); } catch { return false; }
  });

  test('SIGTERM: no new site, the summary written, exit 143 within the grace period, no browser or profile left; --resume goes on', async () => {
    const tmp = fs.mkdtempSync(path.join(suite.dir, 'tmp-'));
    const tag = `TRACKSCOPE_STOP_TEST=${process.pid}-${Date.now()}`;
    const urls = ['/', '/everything.html', '/pixels.html', '/beacons.html', '/storage.html', '/hostile.html', '/offer.html', '/fingerprint.html']
      .map(p => suite.bed.url('shop.example', p));
    const out = path.join(suite.dir, 'stop.jsonl');
    const args = ['scan', ...urls, ...suite.browserArgs(), '--out', out, '--concurrency', '2', '--grace', '3000', '--quiet', '--json', path.join(suite.dir, 'stop-summary.json')];
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, TMPDIR: tmp, [tag.split('=')[0]]: tag.split('=')[1] },
                                                             stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', d => { stderr += d; });
    const exited = new Promise(resolve => child.once('exit', (code, signal) => resolve({ code, signal })));
    const deadline = Date.now() + 60_000;
    while (!(fs.existsSync(out) && fs.readFileSync(out, 'utf8').trim()) && Date.now() < deadline) await new Promise(r => setTimeout(r, 100));
    assert.ok(fs.existsSync(out), `no record after a minute: ${stderr}`);
    const stoppedAt = Date.now();
    child.kill('SIGTERM');
    const { code } = await exited;
    const took = Date.now() - stoppedAt;
    assert.equal(code, 143, stderr);
    assert.ok(took < 3000 + 10_000, `took ${took} ms to stop`);
    assert.match(stderr, /SIGTERM: stopping — no new site/);
    assert.deepEqual(processesTagged(tag), [], 'a browser process left running');
    assert.deepEqual(fs.readdirSync(tmp).filter(n => n.startsWith('trackscope-profile-')), [], 'a browser profile left behind');
    const done = readRecords([{ name: out, text: fs.readFileSync(out, 'utf8') }]);
    assert.deepEqual(done.problems, [], 'every record whole');
    assert.ok(done.records.length >= 1 && done.records.length < urls.length, `${done.records.length} records`);
    assert.ok(fs.existsSync(path.join(suite.dir, 'stop-summary.json')), 'the summary is written');
    // --resume scans the rest.
    const resumed = await cli([...args.filter(a => a !== '--grace' && a !== '3000'), '--resume']);
    assert.equal(resumed.code, 0, resumed.stderr);
    const all = readRecords([{ name: out, text: fs.readFileSync(out, 'utf8') }]).records;
    assert.deepEqual(all.map(r => r.url).sort(), [...urls].sort());
  });
});
