// The page's pending one-shot timers, so that a visit can last until the tags a page holds back
// for a few seconds (`setTimeout(load, 5000)`: a scanner that leaves after its dwell never sees
// them) have run. Read from Chromium's own trace (the DevTools protocol's `Tracing` domain,
// category `devtools.timeline`: TimerInstall, TimerRemove and TimerFire events of every frame of
// the page, out-of-process frames included): nothing runs in the page, and a page cannot tell.
//
// The trace delivers its events only when it ends, so it is read in rounds: `pending()` ends the
// current one, brings the book of timers up to date and starts the next. Trace times are mapped
// to the wall clock through a clock-sync marker recorded at the start of each round.
//
//   const timers = await watchTimers(cdpSession);      // before the page loads
//   ... load, act ...
//   const due = await timers.pending();                // [{key, dueAt (ms, Date.now() clock), timeoutMs}],
//                                                      // or null: the trace stopped answering
//   await timers.stop();
//
// A frame that goes away takes its timers with it without a TimerRemove: such a timer stays in the
// book until it is due, which costs a wait, never a missed event.

import { bounded } from './bounded.mjs';

export const DEFAULT_WAIT_TIMERS_MS = 10000;
export const MAX_WAIT_TIMERS_MS = 120000;  // the longest --wait-timers
const END_MS = 5000;  // longest wait for a round's trace (a busy machine can take 3 s)
export const TIMER_ROUNDS = 4;  // rounds of waiting at most (waitForTimers)

// Brings `book` (Map key -> {dueAt, timeoutMs}) up to date with one round's trace `events`, whose
// clock reads `syncTs` (µs, the round's clock_sync marker) at wall time `syncWall` (ms). Repeating
// timers (setInterval) are not kept: a heartbeat is no tag waiting for its turn. Exported for tests.
export function updateTimerBook(book, events, { syncTs, syncWall }) {
  const ordered = events.filter(e => typeof e?.name === 'string' && e.name.startsWith('Timer') && e.args?.data)
    .sort((a, b) => a.ts - b.ts);
  for (const e of ordered) {
    const data = e.args.data;
    const key = `${e.pid}:${data.frame}:${data.timerId}`;
    if (e.name === 'TimerInstall') {
      if (data.singleShot === false) continue;
      const timeoutMs = Math.max(0, Number(data.timeout) || 0);
      book.set(key, { dueAt: syncWall + (e.ts - syncTs) / 1000 + timeoutMs, timeoutMs });
    } else if (e.name === 'TimerRemove' || e.name === 'TimerFire') {
      book.delete(key);
    }
  }
  return book;
}

// The clock-sync marker's trace time in one round's events, or null.
export function syncMarkerTs(events, syncId) {
  const marker = events.find(e => e?.name === 'clock_sync' && e.args?.sync_id === syncId);
  return marker ? marker.ts : null;
}

// Starts watching the timers of the page `cdp` (a CDP session of it) belongs to. Resolves to null
// when the browser cannot trace (then the visit just does not wait for timers).
export async function watchTimers(cdp) {
  const book = new Map();
  let events = [];
  let round = 0;
  let syncId = '';
  let syncWall = 0;
  let tracing = false;
  cdp.on('Tracing.dataCollected', e => { if (Array.isArray(e.value)) events.push(...e.value); });

  async function start() {
    events = [];
    await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
    tracing = true;
    syncId = `trackscope-timers-${++round}`;
    syncWall = Date.now();
    await cdp.send('Tracing.recordClockSyncMarker', { syncId });
  }
  // The round's events, or null when the trace did not complete in time (a page stuck in its
  // navigation can hold it): then the watch gives up, and the visit waits for no timer.
  let broken = false;
  async function end() {
    if (!tracing) return [];
    tracing = false;
    const complete = new Promise(resolve => cdp.once('Tracing.tracingComplete', () => resolve(true)));
    const done = await bounded(cdp.send('Tracing.end').then(() => complete), END_MS, false);
    if (!done) broken = true;
    return done ? events : null;
  }
  try {
    await start();
  } catch {
    return null;
  }
  return {
    async pending() {
      if (broken) return null;
      const collected = await end();
      if (!collected) return null;
      const syncTs = syncMarkerTs(collected, syncId);
      if (syncTs !== null) updateTimerBook(book, collected, { syncTs, syncWall });
      if (!await bounded(start().then(() => true), END_MS, false)) {
        broken = true;
        return null;
      }
      const now = Date.now();
      return [...book].filter(([, t]) => t.dueAt > now).map(([key, t]) => ({ key, ...t }))
        .sort((a, b) => a.dueAt - b.dueAt);
    },
    async stop() {
      if (!broken) await end();
    },
  };
}

// Waits, in rounds, for the page's one-shot timers due within `limitMs` of `startedAt` (the start of
// the load), each round followed by `quiet()` (the network settling after what the timers did).
// Returns {waitedMs, ran: timers waited for, later: [{timeoutMs, dueInMs}] still pending past the
// limit, unread: the trace stopped answering, so the timers are not known}. At most `rounds`
// rounds: a page that keeps setting short timers does not hold the visit.
// `until`: a promise that ends the wait when it settles (the page closed: a stopped batch).
export async function waitForTimers(timers, { startedAt, limitMs, quiet, rounds = TIMER_ROUNDS, until = null }) {
  const began = Date.now();
  let over = false;
  until?.then(() => { over = true; }, () => { over = true; });
  let ran = 0;
  let later = [];
  let unread = false;
  for (let i = 0; i < rounds && !over; i++) {
    const pending = await timers.pending();
    if (!pending) {
      unread = !over;
      break;
    }
    const limit = startedAt + limitMs;
    const within = pending.filter(t => t.dueAt <= limit);
    later = pending.filter(t => t.dueAt > limit).map(t => ({ timeoutMs: t.timeoutMs, dueInMs: Math.round(t.dueAt - startedAt) }));
    if (!within.length || over) break;
    ran += within.length;
    const last = Math.max(...within.map(t => t.dueAt));
    await bounded(until ?? new Promise(() => {}), Math.max(0, last - Date.now()) + 50, null);  // due, or closed
    if (over) break;
    await quiet();
  }
  return { waitedMs: Date.now() - began, ran, later, unread };
}

// What waitForTimers did, in words for the scan's notes (none when there was nothing to wait for).
export function timerNotes({ waitedMs, ran, later, unread = false }, limitMs) {
  const notes = [];
  if (unread) notes.push('the page\'s timers could not be read (the browser\'s trace did not answer in time): tags it held back for later may be missing');
  const s = ms => `${(ms / 1000).toFixed(1)} s`;
  const timer = n => `${n} timer${n === 1 ? '' : 's'}`;
  if (ran) notes.push(`waited ${s(waitedMs)} for ${timer(ran)} the page had set to run within ${s(limitMs)} of the load (--wait-timers)`);
  const waitable = later.filter(t => t.dueInMs <= MAX_WAIT_TIMERS_MS);
  const beyond = later.length - waitable.length;
  const more = beyond ? `${timer(beyond)} due more than ${s(MAX_WAIT_TIMERS_MS)} after the load` : '';
  if (waitable.length) {
    const last = Math.max(...waitable.map(t => t.dueInMs));
    notes.push(`${timer(waitable.length)} of the page still pending when the visit ended, due up to ${s(last)} after the load: ` +
               `what they do is not in this report (--wait-timers ${Math.ceil(last / 1000) * 1000} waits for them)` +
               `${more ? `; and ${more}` : ''}`);
  } else if (more) {
    notes.push(`${more}, still pending when the visit ended: what they do is not in this report`);
  }
  return notes;
}
