// The visit waits for the one-shot timers a page set (timers.mjs): the book kept from Chromium's
// trace, and scans of a testbed page whose ad pixel is held back for five seconds.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { cli, useTestbed } from '@trackscope/test-support';
import { updateTimerBook } from '../src/timers.mjs';

describe('the book of pending timers', () => {
  const ev = (name, ts, data, pid = 7) => ({ name, ts, pid, args: { data } });
  const sync = { syncTs: 1_000_000, syncWall: 50_000 };

  test('one-shot timers are due at install time plus timeout, on the wall clock', () => {
    const book = updateTimerBook(new Map(), [
      ev('TimerInstall', 1_200_000, { frame: 'F', timerId: 1, timeout: 5000, singleShot: true }),
      ev('TimerInstall', 1_300_000, { frame: 'F', timerId: 2, timeout: 1000, singleShot: false }),  // an interval
    ], sync);
    assert.deepEqual([...book], [['7:F:1', { dueAt: 50_000 + 200 + 5000, timeoutMs: 5000 }]]);
  });

  test('removed and fired timers leave the book, across rounds; ids are per process and frame', () => {
    const book = updateTimerBook(new Map(), [
      ev('TimerInstall', 1_000_000, { frame: 'F', timerId: 1, timeout: 100, singleShot: true }),
      ev('TimerInstall', 1_000_000, { frame: 'G', timerId: 1, timeout: 200, singleShot: true }),
      ev('TimerInstall', 1_000_000, { frame: 'F', timerId: 1, timeout: 300, singleShot: true }, 8),
      ev('TimerRemove', 1_050_000, { frame: 'F', timerId: 1 }),
    ], sync);
    assert.deepEqual([...book.keys()].sort(), ['7:G:1', '8:F:1']);
    // The next round: its own clock marker; one fires, events out of order are sorted by time.
    updateTimerBook(book, [
      ev('TimerInstall', 2_500_000, { frame: 'G', timerId: 2, timeout: 0, singleShot: true }),
      ev('TimerFire', 2_100_000, { frame: 'G', timerId: 1 }),
      { name: 'TimerFire', ts: 2_200_000, pid: 8 },  // no data: ignored
    ], { syncTs: 2_000_000, syncWall: 60_000 });
    assert.deepEqual([...book.keys()].sort(), ['7:G:2', '8:F:1']);
    assert.equal(book.get('7:G:2').dueAt, 60_500);
  });
});

describe('trackscope scan waits for the page\'s timers (testbed)', () => {
  const suite = useTestbed('timers');
  const { browserArgs } = suite;
  const scan = async (...extra) => {
    const json = path.join(suite.dir, `report-${extra.join('') || 'default'}.json`);
    const run = await cli(['scan', suite.bed.url('shop.example', '/delayed.html'), ...browserArgs(), '--json', json, ...extra]);
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    const held = report.sites.flatMap(s => s.requests).filter(r => r.url.includes('held=5s'));
    return { ...run, report, held };
  };

  test('by default the visit lasts until the held-back pixel is sent, and names the timer it did not wait for', async () => {
    const { stdout, report, held } = await scan();
    assert.equal(held.length, 1, 'the pixel sent five seconds after the load is in the report');
    assert.ok(report.sites.some(s => s.site === 'adnet.example'));
    assert.match(stdout, /note: waited \d+\.\d s for 1 timer the page had set to run within 10\.0 s of the load/);
    assert.match(stdout, /note: 1 timer of the page still pending when the visit ended, due up to 6\d\.\d s after the load: .*--wait-timers 6\d000 waits for them/);
    assert.ok(report.page.visit.dwellMs >= 5000, `visit.dwellMs ${report.page.visit.dwellMs}`);
  });

  test('a shorter wait misses the pixel and says which timers were still pending', async () => {
    const { stdout, held } = await scan('--wait-timers', '2000');
    assert.equal(held.length, 0);
    assert.doesNotMatch(stdout, /note: waited/);
    assert.match(stdout, /note: 2 timers of the page still pending when the visit ended, due up to 6\d\.\d s after the load/);
  });

  test('--wait-timers is checked', async () => {
    const bad = await cli(['scan', suite.bed.url('shop.example', '/delayed.html'), '--wait-timers', 'soon']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--wait-timers/);
    const both = await cli(['scan', suite.bed.url('shop.example', '/delayed.html'), '--wait-timers', '0', '--no-visitor']);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /--wait-timers and --no-visitor cannot be combined/);
  });
});
