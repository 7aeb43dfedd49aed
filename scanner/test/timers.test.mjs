// The visit waits for the one-shot timers a page set (timers.mjs): the book kept from Chromium's
// trace, and scans of a testbed page whose ad pixel is held back for five seconds.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { cli, useTestbed } from '@trackscope/test-support';
import { timerNotes, updateTimerBook, waitForTimers } from '../src/timers.mjs';

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

describe('waiting for the timers, and what the notes say', () => {
  // A watcher whose rounds hand out the given lists of pending timers (dueAt relative to now).
  const watcher = rounds => ({ pending: async () => (rounds.shift() ?? []).map(t => ({ ...t, dueAt: Date.now() + t.in })) });

  test('waits for the timers due within the limit, round after round, and reports the later ones', async () => {
    const quiets = [];
    const started = Date.now();
    const waited = await waitForTimers(watcher([[{ in: 30, timeoutMs: 30 }, { in: 60_000, timeoutMs: 60_000 }],
                                                [{ in: 20, timeoutMs: 20 }, { in: 60_000, timeoutMs: 60_000 }],
                                                [{ in: 60_000, timeoutMs: 60_000 }]]),
                                       { startedAt: started, limitMs: 5000, quiet: async () => quiets.push(Date.now()) });
    assert.equal(waited.ran, 2);
    assert.equal(quiets.length, 2, 'network quiet after each round that waited');
    assert.equal(waited.later.length, 1);
    assert.ok(waited.later[0].dueInMs >= 60_000);
  });

  test('a page that keeps setting short timers holds the visit for a bounded number of rounds', async () => {
    const endless = { pending: async () => [{ dueAt: Date.now() + 5, timeoutMs: 5 }] };
    const waited = await waitForTimers(endless, { startedAt: Date.now(), limitMs: 60_000, quiet: async () => {}, rounds: 3 });
    assert.equal(waited.ran, 3);
  });

  test('the page closing ends the wait at once', async () => {
    let close;
    const closed = new Promise(resolve => { close = resolve; });
    const started = Date.now();
    setTimeout(close, 50);
    const waited = await waitForTimers(watcher([[{ in: 30_000, timeoutMs: 30_000 }]]),
                                       { startedAt: started, limitMs: 60_000, quiet: async () => assert.fail('no quiet after the close'), until: closed });
    assert.ok(Date.now() - started < 5000, `waited ${Date.now() - started} ms`);
    assert.equal(waited.ran, 1);
  });

  test('a trace that stops answering ends the wait, and the notes say the timers are unknown', async () => {
    const waited = await waitForTimers({ pending: async () => null },
                                       { startedAt: Date.now(), limitMs: 10_000, quiet: async () => assert.fail('no quiet') });
    assert.deepEqual({ ran: waited.ran, later: waited.later, unread: waited.unread }, { ran: 0, later: [], unread: true });
    assert.match(timerNotes(waited, 10_000).join('\n'), /^the page's timers could not be read .* may be missing$/);
  });

  test('notes: what was waited for, what is still pending and the wait that would see it', () => {
    assert.deepEqual(timerNotes({ waitedMs: 0, ran: 0, later: [] }, 10_000), []);
    assert.deepEqual(timerNotes({ waitedMs: 2345, ran: 1, later: [{ timeoutMs: 20_000, dueInMs: 20_400 }] }, 10_000), [
      'waited 2.3 s for 1 timer the page had set to run within 10.0 s of the load (--wait-timers)',
      '1 timer of the page still pending when the visit ended, due up to 20.4 s after the load: what they do is not in this report (--wait-timers 21000 waits for them)',
    ]);
    // Beyond the longest wait: no --wait-timers would see them, and the note does not pretend one would.
    assert.deepEqual(timerNotes({ waitedMs: 0, ran: 0, later: [{ timeoutMs: 1_800_000, dueInMs: 1_800_300 }] }, 10_000), [
      '1 timer due more than 120.0 s after the load, still pending when the visit ended: what they do is not in this report',
    ]);
    assert.match(timerNotes({ waitedMs: 0, ran: 0, later: [{ dueInMs: 30_000 }, { dueInMs: 12_000 }, { dueInMs: 900_000 }] }, 10_000)[0],
                 /^2 timers of the page still pending .* due up to 30\.0 s .*--wait-timers 30000 waits for them\); and 1 timer due more than 120\.0 s after the load$/);
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
