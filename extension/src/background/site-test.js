// "Test this site" from the popup, as the scanner tests it: does the site honour Global Privacy
// Control (or Do Not Track) — `scan --compare-signals` — and what does a visitor get before
// answering the consent banner, after "reject all", after "accept all" — `scan --consent all`?
// Both are the core's comparisons of several loads of the page. The extension has no fresh
// profile to load a page in, so each load is made a first visit in the user's own tab:
//
//   1. the cookies of the page and everything it talked to are set aside (kept in memory and in
//      storage.session, removed from the browser), so the site cannot recognise the visitor;
//   2. the signals are applied for the test alone (for the signal test's "on" load the tested
//      one, on every site, as the options would; none otherwise), the tab is reloaded without its
//      cache, and the load is recorded until the page is loaded and its network quiet;
//   3. before each first visit the cookies of every load so far are removed (after a consent
//      answer the page is loaded again with them: the answer lives in them);
//   4. afterwards the test's cookies are removed, the user's are put back (also after a background
//      stopped mid-test: recoverInterruptedTest), the user's own signal settings are applied
//      again, and the page is loaded once more as the user browses.
//
// What the user sees meanwhile is the page reloading (three to five times). One test at a time.
import { ANSWER_PHASES, unmeasuredReason } from '../instrument/autoconsent-answer.js';
import { pageCookies } from './capture.js';

const LOAD_TIMEOUT_MS = 20000;
const QUIET_MS = 1500;
const POLL_MS = 200;

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

// The URL the cookies API takes to address a cookie.
function cookieUrl(c) {
  return `${c.secure ? 'https' : 'http'}://${c.domain.replace(/^\./, '')}${c.path}`;
}

async function removeCookies(cookies) {
  await Promise.all(cookies.map(c => chrome.cookies.remove({
    url: cookieUrl(c), name: c.name, storeId: c.storeId, ...(c.partitionKey ? { partitionKey: c.partitionKey } : {}),
  }).catch(() => null)));
}

async function restoreCookies(cookies) {
  await Promise.all(cookies.map(c => chrome.cookies.set({
    url: cookieUrl(c), name: c.name, value: c.value, path: c.path, secure: c.secure, httpOnly: c.httpOnly,
    sameSite: c.sameSite, storeId: c.storeId,
    ...(c.hostOnly ? {} : { domain: c.domain }),
    ...(c.session ? {} : { expirationDate: c.expirationDate }),
    ...(c.partitionKey ? { partitionKey: c.partitionKey } : {}),
  }).catch(() => null)));
}

// Reloads the tab and resolves with its new page record once the tab has loaded and no request was
// recorded for QUIET_MS (at most LOAD_TIMEOUT_MS).
async function reloadAndSettle(tabId, readPage) {
  const started = Date.now();
  await chrome.tabs.reload(tabId, { bypassCache: true });
  let count = -1;
  let quietSince = Date.now();
  for (;;) {
    await sleep(POLL_MS);
    const [tab, page] = await Promise.all([chrome.tabs.get(tabId), readPage(tabId)]);
    const fresh = page && page.startTime >= started - 1000;
    const requests = fresh ? page.requests.length + page.events.length : -1;
    if (requests !== count) {
      count = requests;
      quietSince = Date.now();
    }
    if (fresh && tab.status === 'complete' && Date.now() - quietSince >= QUIET_MS) return page;
    if (Date.now() - started > LOAD_TIMEOUT_MS) {
      if (fresh) return page;  // a page that never goes quiet is compared as it stands
      throw new Error(`the page did not load within ${LOAD_TIMEOUT_MS / 1000} s`);
    }
  }
}

// The user's cookies while they are set aside, also in storage.session: a background stopped in
// the middle of a test puts them back when it starts again (recoverInterruptedTest).
const PENDING_KEY = 'siteTest:setAside';

export async function recoverInterruptedTest() {
  const pending = (await chrome.storage.session.get(PENDING_KEY))[PENDING_KEY];
  if (!pending) return;
  await restoreCookies(pending.cookies ?? []);
  await chrome.storage.session.remove(PENDING_KEY);
}

let running = null;

// One test at a time; a failure becomes {ok: false, error}.
function exclusive(work) {
  if (running) return Promise.resolve({ ok: false, error: { message: 'Another test is running; try again when it is done.' } });
  running = work().catch(err => ({ ok: false, error: { message: `The test failed: ${err.message}` } }))
    .finally(() => { running = null; });
  return running;
}

// Runs `body(visits, start)` with the user's cookies for the page in tab `tabId` set aside, then
// puts everything back (cookies, the user's signal settings) and loads the page as the user browses
// it. visits.first(settings) loads the page afresh — the cookies of every load so far removed —
// with those signal settings; visits.again() loads it again, cookies kept; both resolve with the
// page record once settled. Resolves with body's result, or an error for a tab that shows no web
// page.
async function withFirstVisits(tabId, { readPage, applySignals, userSettings }, body) {
  const start = await readPage(tabId);
  if (!start?.pageUrl || !/^https?:/.test(start.pageUrl)) {
    return { ok: false, error: { message: 'Only a web page (http or https) can be tested.' } };
  }
  const saved = await pageCookies(start.pageUrl, start.requests);
  await chrome.storage.session.set({ [PENDING_KEY]: { cookies: saved } });
  await removeCookies(saved);
  const loads = [start];
  const forgetAll = async () => {
    for (const page of loads) await removeCookies(await pageCookies(page.pageUrl, page.requests));
  };
  const again = async () => {
    const page = await reloadAndSettle(tabId, readPage);
    loads.push(page);
    return page;
  };
  const first = async settings => {
    await forgetAll();
    await applySignals({ ...(await userSettings()), ...settings, exceptions: [] });
    return again();
  };
  try {
    return await body({ first, again }, start);
  } finally {
    await forgetAll();
    await restoreCookies(saved);
    await chrome.storage.session.remove(PENDING_KEY);
    await applySignals(await userSettings());
    await reloadAndSettle(tabId, readPage).catch(() => null);
  }
}

// Does the site honour `signal` ("gpc" or "dnt")? deps:
//   readPage(tabId) -> the tab's current page record (lifecycle.js)
//   applySignals(settings) -> applies the header rules and navigator properties of `settings`
//   userSettings() -> the user's settings (applied again at the end)
//   captureOf(tabId, page) -> the Capture of that page record (cookies, snapshot, title)
//   wellKnown(pageUrl) -> the site's /.well-known/ files (as the popup's panel fetches them)
//   compare(off, on, signal) -> (a promise of) the core's comparison: {ok, comparison, off, on} | {ok: false, error}
// Resolves with {ok: true, signal, pageUrl, comparison, testedAt} or {ok: false, error: {message}}.
export function testSignal(tabId, signal, deps) {
  if (!['gpc', 'dnt'].includes(signal)) return Promise.resolve({ ok: false, error: { message: `unknown signal ${signal}` } });
  return exclusive(() => withFirstVisits(tabId, deps, async (visits, start) => {
    const captures = {};
    for (const phase of ['off', 'on']) {
      const on = phase === 'on';
      const page = await visits.first({ gpc: on && signal === 'gpc', dnt: on && signal === 'dnt' });
      captures[phase] = await deps.captureOf(tabId, page);
      if (on) captures.on.wellKnown = await deps.wellKnown(page.pageUrl);
    }
    const result = await deps.compare(captures.off, captures.on, signal);
    if (!result.ok) return result;
    return { ok: true, signal, pageUrl: start.pageUrl, comparison: result.comparison, testedAt: new Date().toISOString() };
  }));
}

// What does a visitor get before answering the consent banner, after "reject all", after "accept
// all"? As `scan --consent all`: a first visit per answer, signals off; the load before the first
// answer is the "none" phase; after each answer (banner.js answerBanner) the page is loaded again
// with the answer's cookies and recorded. deps as testSignal's, and
//   answerBanner(tabId, action) -> {cmp, answered, status}
//   compareConsent(captures {none, reject?, accept?}, notes {cmp, unmeasured}) -> {ok, comparison} | {ok: false, error}
// Resolves with {ok: true, pageUrl, comparison, testedAt} or {ok: false, error}.
export function testConsent(tabId, deps) {
  return exclusive(() => withFirstVisits(tabId, deps, async (visits, start) => {
    const captures = {};
    const unmeasured = {};
    let cmp = null;
    for (const [phase, { action, consent }] of Object.entries(ANSWER_PHASES)) {
      const page = await visits.first({ gpc: false, dnt: false });
      if (!captures.none) captures.none = { ...(await deps.captureOf(tabId, page)), consent: 'none' };
      const banner = await deps.answerBanner(tabId, action);
      cmp ??= banner.cmp;
      if (!banner.answered) {
        unmeasured[phase] = unmeasuredReason(banner.status);
        continue;
      }
      const after = await visits.again();
      captures[phase] = { ...(await deps.captureOf(tabId, after)), consent };
    }
    const result = await deps.compareConsent(captures, { cmp, unmeasured });
    if (!result.ok) return result;
    return { ok: true, pageUrl: start.pageUrl, comparison: result.comparison, testedAt: new Date().toISOString() };
  }));
}
