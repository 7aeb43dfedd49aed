// "Test this site" (the popup's DNT/GPC panel): does the site honour Global Privacy Control (or
// Do Not Track)? Judged as the scanner's `scan --compare-signals` judges it, by the core's
// comparison of two loads of the page: one without the signal, one with it. The extension has no
// fresh profile to load a page in, so each load is made a first visit in the user's own tab:
//
//   1. the cookies of the page and everything it talked to are set aside (kept in memory, removed
//      from the browser), so the site cannot recognise the visitor from earlier;
//   2. the signals are applied for the test alone (only the tested one, for the "on" load, on every
//      site: the same header rules and navigator properties as the options), the tab is reloaded
//      without its cache, and the load is recorded until the page is loaded and its network quiet;
//   3. the cookies that load left are removed, and the same again with the signal;
//   4. afterwards the test's cookies are removed, the user's are put back (also after a background
//      stopped mid-test: recoverInterruptedTest), the user's own signal settings are applied
//      again, and the page is loaded once more as the user browses.
//
// What the user sees meanwhile is the page reloading three times. One test at a time.
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

// Runs the test on tab `tabId` for `signal` ("gpc" or "dnt"). deps:
//   readPage(tabId) -> the tab's current page record (lifecycle.js)
//   applySignals(settings) -> applies the header rules and navigator properties of `settings`
//   userSettings() -> the user's settings (applied again at the end)
//   captureOf(tabId, page) -> the Capture of that page record (cookies, snapshot, title)
//   wellKnown(pageUrl) -> the site's /.well-known/ files (as the popup's panel fetches them)
//   compare(off, on, signal) -> (a promise of) the core's comparison: {ok, comparison, off, on} | {ok: false, error}
// Resolves with {ok: true, signal, pageUrl, comparison, testedAt} or {ok: false, error: {message}}.
export function testSignal(tabId, signal, deps) {
  if (running) return Promise.resolve({ ok: false, error: { message: 'Another test is running; try again when it is done.' } });
  running = run(tabId, signal, deps).catch(err => ({ ok: false, error: { message: `The test failed: ${err.message}` } }))
    .finally(() => { running = null; });
  return running;
}

async function run(tabId, signal, { readPage, applySignals, userSettings, captureOf, wellKnown, compare }) {
  if (!['gpc', 'dnt'].includes(signal)) return { ok: false, error: { message: `unknown signal ${signal}` } };
  const start = await readPage(tabId);
  if (!start?.pageUrl || !/^https?:/.test(start.pageUrl)) {
    return { ok: false, error: { message: 'Only a web page (http or https) can be tested.' } };
  }
  const user = await userSettings();
  const saved = await pageCookies(start.pageUrl, start.requests);
  await chrome.storage.session.set({ [PENDING_KEY]: { cookies: saved } });
  await removeCookies(saved);
  const loads = {};
  try {
    for (const phase of ['off', 'on']) {
      await applySignals({ ...user, gpc: phase === 'on' && signal === 'gpc', dnt: phase === 'on' && signal === 'dnt', exceptions: [] });
      const page = await reloadAndSettle(tabId, readPage);
      const capture = await captureOf(tabId, page);
      if (phase === 'on') capture.wellKnown = await wellKnown(page.pageUrl);
      loads[phase] = { page, capture };
      await removeCookies(await pageCookies(page.pageUrl, page.requests));
    }
  } finally {
    await removeCookies(await pageCookies(start.pageUrl, start.requests));
    await restoreCookies(saved);
    await chrome.storage.session.remove(PENDING_KEY);
    await applySignals(await userSettings());
    await reloadAndSettle(tabId, readPage).catch(() => null);
  }
  const result = await compare(loads.off.capture, loads.on.capture, signal);
  if (!result.ok) return result;
  return { ok: true, signal, pageUrl: start.pageUrl, comparison: result.comparison, testedAt: new Date().toISOString() };
}
