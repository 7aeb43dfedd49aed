// trackscope service worker: records, per tab, what each page loads (webRequest, observe only) and
// what its scripts do (events relayed by the content scripts), keeps the tab's pages apart
// (navigations, back/forward cache, prerendering, SPA routing: lifecycle.js), and on request from
// the popup adds the cookies the page can see and runs the WASM core on the resulting Capture. It
// also keeps the toolbar badge (the page's advertising-category trackers) and applies the GPC/DNT
// settings (signals.js). Nothing is blocked, and nothing is sent anywhere: the only requests it
// makes are the page's own /.well-known/ files, when the user opens the DNT/GPC panel.
//
// MV3 rules that shape this file: listeners are registered synchronously at top level (Chrome
// only wakes a stopped worker for listeners registered in its first turn), no top-level await
// and no dynamic import(): the core is created lazily inside the first handler that needs it.
import { createCore } from '../lib/core/js/index.mjs';
import { readDocument } from '../instrument/read-document.js';
import { DEFAULT_SETTINGS, SETTINGS_KEY, normalizeSettings, policyOption, readSettings } from '../lib/settings.js';
import { advertisingTrackers, roleCategory } from '@trackscope/presentation/model.mjs';
import { REQUEST_HEADERS, RESPONSE_HEADERS, bodySizeOf, buildCapture, collectCookies, eventRecord, headerObject,
         requestRecord } from './capture.js';
import { cookieConcernsPage, currentPage, noteHost, onLifecycle, onMainFrameRequest, pageForRequest,
         pageForSender } from './lifecycle.js';
import { applySignals, signalsFor } from './signals.js';
import { answerBanner, onBannerMessage } from './banner.js';
import { recoverInterruptedTest, testConsent, testSignal } from './site-test.js';
import { forgetTab, loadedTabIds, moveTab, readTab, updateTab } from './tab-store.js';
import { fetchWellKnown } from './well-known.js';

// Caps per page, so a page that loops on requests or events cannot exhaust the session storage.
const MAX_REQUESTS = 3000;
const MAX_EVENTS = 2000;
const MAX_COOKIE_CHANGES = 500;
const BADGE_QUIET_MS = 1000;
const BADGE_MAX_DELAY_MS = 4000;
const BADGE_COLOR = '#a3460d';

const ALL_URLS = { urls: ['<all_urls>'] };

// ---- settings ------------------------------------------------------------------------------

let settingsPromise = readSettings().catch(() => normalizeSettings(DEFAULT_SETTINGS));

// One application at a time (install, start-up, a settings change and a site test's settings can
// overlap); one that fails does not hold up the next. Resolves once `settings` are applied.
let applying = Promise.resolve();
function applyInTurn(settings) {
  const done = applying.then(() => settings).then(applySignals);
  applying = done.catch(err => console.error(`trackscope: could not apply the GPC/DNT settings: ${err.message}`));
  return done;
}
const applyCurrentSettings = () => { applyInTurn(settingsPromise).catch(() => {}); };

chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
  settingsPromise = Promise.resolve(normalizeSettings(changes[SETTINGS_KEY].newValue));
  applyCurrentSettings();
  for (const tabId of loadedTabIds()) scheduleBadge(tabId);
});

chrome.runtime.onInstalled.addListener(applyCurrentSettings);
chrome.runtime.onStartup.addListener(applyCurrentSettings);
applyCurrentSettings();  // every worker start: idempotent, and repairs a registration gone missing
recoverInterruptedTest().catch(() => {});  // a site test cut off by a stop: the user's cookies back


// The policy in force, loaded by the core once per setting: {key, policy: LoadedPolicy, warning}.
// A stored custom policy the core no longer accepts falls back to the default policy, with a
// warning for the popup.
let policyCache = null;
function policyFor(core, settings) {
  const key = settings.policy.kind === 'custom' ? `custom:${settings.policy.text}` : `bundled:${settings.policy.id}`;
  if (policyCache?.key === key) return policyCache;
  policyCache?.policy.dispose();
  let loaded = core.loadPolicy(policyOption(settings));
  let warning = null;
  if (!loaded.ok) {
    warning = `Your policy file was rejected (${loaded.error.path}: ${loaded.error.message}); showing the default policy.`;
    loaded = core.loadPolicy('default');
  }
  policyCache = { key, policy: loaded.policy, warning };
  return policyCache;
}

// ---- requests ------------------------------------------------------------------------------

function onBeforeRequest(details) {
  if (details.tabId < 0) return;  // not a tab's (extension, browser or service-worker traffic)
  updateTab(details.tabId, tab => {
    const before = tab.current;
    let page = details.type === 'main_frame' ? onMainFrameRequest(tab, details) : null;
    page ??= pageForRequest(tab, details);
    if (tab.current !== before) clearBadge(details.tabId);
    if (!page) return false;  // page loaded before trackscope started: no page to attach to
    if (page.requests.length >= MAX_REQUESTS) {
      page.dropped.requests++;
      return true;
    }
    const record = requestRecord(details, page.startTime);
    page.requestIndex[details.requestId] = page.requests.push(record) - 1;
    noteHost(page, details.url);
    if (page.key === tab.current) scheduleBadge(details.tabId);
    return true;
  });
}

// Applies change(record, page) to the latest record of the request, in whichever of the tab's
// pages holds it (requests of the previous page may still finish after a navigation).
function updateRequest(details, change) {
  if (details.tabId < 0) return;
  updateTab(details.tabId, tab => {
    for (const page of tab.pages) {
      const index = page.requestIndex[details.requestId];
      if (index !== undefined) return change(page.requests[index], page) !== false;
    }
    return false;
  });
}

// Chrome hides Cookie, Referer and Set-Cookie from listeners without `extraHeaders`; Firefox shows
// them anyway and rejects the option.
function addListener(event, listener, extraInfo) {
  try {
    event.addListener(listener, ALL_URLS, [...extraInfo, 'extraHeaders']);
  } catch {
    event.addListener(listener, ALL_URLS, extraInfo);
  }
}

chrome.webRequest.onBeforeRequest.addListener(onBeforeRequest, ALL_URLS, ['requestBody']);

addListener(chrome.webRequest.onSendHeaders, details => updateRequest(details, (record, page) => {
  record.requestHeaders = headerObject(details.requestHeaders, REQUEST_HEADERS);
  if (details.type === 'main_frame' && page.navigationId === details.requestId) {
    // What was really sent (the header rules may skip an excepted site).
    page.signals = { dnt: record.requestHeaders.dnt === '1', gpc: record.requestHeaders['sec-gpc'] === '1' };
  }
}), ['requestHeaders']);

addListener(chrome.webRequest.onHeadersReceived, details => updateRequest(details, record => {
  record.status = details.statusCode;
  record.responseHeaders = headerObject(details.responseHeaders, RESPONSE_HEADERS);
  const size = bodySizeOf(record.responseHeaders);
  if (size !== undefined) record.bodySize = size;
}), ['responseHeaders']);

// (No onCompleted listener: onHeadersReceived has the status, and one event fewer per request
// keeps the worker's share of a page load down.)

chrome.webRequest.onErrorOccurred.addListener(details => updateRequest(details, record => {
  record.status = 0;
  record.error = details.error;
}), ALL_URLS);

chrome.tabs.onRemoved.addListener(tabId => forgetTab(tabId));
chrome.tabs.onReplaced.addListener((addedTabId, removedTabId) => moveTab(removedTabId, addedTabId));

// Cookies set or removed while a page is open, for the tabs this worker knows: tells a cookie set
// during the visit from one left by an earlier visit.
chrome.cookies.onChanged.addListener(({ removed, cookie, cause }) => {
  if (cause === 'overwrite') return;  // the new value follows as its own change
  const now = Date.now();
  for (const tabId of loadedTabIds()) {
    updateTab(tabId, tab => {
      const page = currentPage(tab);
      if (!page || !cookieConcernsPage(page, cookie.domain) || page.cookieChanges.length >= MAX_COOKIE_CHANGES) return false;
      page.cookieChanges.push({ name: cookie.name, domain: cookie.domain, path: cookie.path, removed, cause,
                                timeMs: Math.max(0, Math.round(now - page.startTime)) });
      return true;
    });
  }
});

// ---- page messages -------------------------------------------------------------------------

// A batch of instrumentation events from one document (relay.js).
function recordPageEvents(raws, sender) {
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0 || !Array.isArray(raws)) return;
  const events = raws.slice(0, MAX_EVENTS).map(eventRecord).filter(Boolean);
  if (!events.length) return;
  updateTab(tabId, tab => {
    const page = pageForSender(tab, sender);
    if (!page) return false;
    const room = Math.max(0, MAX_EVENTS - page.events.length);
    page.events.push(...events.slice(0, room));
    page.dropped.events += events.length - Math.min(room, events.length);
    if (page.key === tab.current) scheduleBadge(tabId);
    return true;
  });
}

// What the person typed into a personal-data field, or that they submitted a form (relay.js): the
// capture's visit.typed and visit.submittedMs. Page-controlled text, capped like the events.
const MAX_TYPED = 20;
function recordTyping(message, sender) {
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) return;
  const now = Date.now();
  updateTab(tabId, tab => {
    const page = pageForSender(tab, sender);
    if (!page) return false;
    const timeMs = Math.max(0, Math.round(now - page.startTime));
    if (message.type === 'submitted') {
      if (page.submittedMs === undefined) page.submittedMs = timeMs;
      return true;
    }
    if (typeof message.kind !== 'string' || typeof message.value !== 'string' || typeof message.field !== 'string') return false;
    page.typed ??= [];
    if (page.typed.length >= MAX_TYPED) return false;
    page.typed.push({ field: message.field.slice(0, 200), kind: message.kind.slice(0, 40), value: message.value.slice(0, 200), timeMs });
    return true;
  });
}

function recordLifecycle(message, sender) {
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0 || typeof message.what !== 'string') return;
  updateTab(tabId, tab => {
    const before = tab.current;
    const page = onLifecycle(tab, sender, message, Date.now());
    if (tab.current !== before) {
      clearBadge(tabId);
      scheduleBadge(tabId);
    }
    return Boolean(page);
  });
}

// ---- analysis ------------------------------------------------------------------------------

let corePromise = null;
function getCore() {
  corePromise ??= createCore().catch(err => {
    corePromise = null;  // let the next request try again
    throw err;
  });
  return corePromise;
}

// What the page's frames show now: {images, storage}, or null when the page cannot be scripted
// or the tab shows another document.
async function pageSnapshot(tabId, page) {
  // readDocument (shared with the scanner and the widget) in each frame, in the extension's
  // isolated world: the top document's image sizes (what tells a 1×1 pixel from a picture when the
  // response has no Content-Length), and each frame's storage as it stands — writes by property
  // assignment, which the instrumentation cannot see, come in as snapshot events (CAPTURE.md).
  let results;
  try {
    results = await chrome.scripting.executeScript({ target: { tabId, allFrames: true }, func: readDocument,
                                                     args: [{ maxImages: 1000 }] });
  } catch {
    return null;  // a page extensions may not script (the web store, a PDF viewer)
  }
  const top = results.find(r => r.frameId === 0);
  if (!top || (page.documentId && top.documentId && top.documentId !== page.documentId)) return null;
  const images = Object.fromEntries((top.result?.images ?? []).map(([src, width, height]) => [src, [width, height]]));
  const storage = results.flatMap(r => (r.result?.storage ?? []).map(([api, key, value]) => (
    { kind: 'storage-write', api, key, value, frameUrl: r.result.url, scriptUrl: '' })));
  return { images, storage };
}

// What the popup shows next to the report: the page's lifecycle and what the recording cut off.
function pageMeta(page, settings) {
  const set = new Set();
  const removed = new Map();
  for (const change of page.cookieChanges) {
    const key = `${change.name}\n${change.domain.replace(/^\./, '')}`;
    if (change.removed) removed.set(key, { name: change.name, domain: change.domain.replace(/^\./, ''), cause: change.cause });
    else {
      set.add(key);
      removed.delete(key);
    }
  }
  let host = '';
  try {
    host = new URL(page.pageUrl).hostname;
  } catch { /* not a URL */ }
  return {
    lifecycle: page.lifecycle, history: page.history, restoredAt: page.restoredAt, dropped: page.dropped,
    noNavigationRequest: page.noNavigationRequest, wellKnownFetched: Boolean(page.wellKnown),
    cookiesSetDuringVisit: [...set], cookiesRemoved: [...removed.values()],
    signals: { enabled: { gpc: settings.gpc, dnt: settings.dnt }, forSite: signalsFor(host, settings) },
  };
}

// The Capture of a page record of tab `tabId`: its recording, the cookies it can see, its title;
// with `snapshot`, what its frames show now (image sizes, storage as it stands: pageSnapshot).
async function captureOf(tabId, page, { snapshot: withSnapshot = true } = {}) {
  const [tabInfo, cookies, snapshot] = await Promise.all([
    chrome.tabs.get(tabId).catch(() => null), collectCookies(page.pageUrl, page.requests),
    withSnapshot ? pageSnapshot(tabId, page) : null,
  ]);
  return buildCapture({ ...page, images: snapshot?.images ?? page.images, events: [...page.events, ...(snapshot?.storage ?? [])] },
                      { title: tabInfo?.title ?? '', cookies });
}

// {ok: true, report, page, settings, policy} | {ok: false, error: {message, path?}}
//   snapshot: read the page's frames; off for the badge.
async function reportFor(tabId, { includeValues = true, snapshot = true } = {}) {
  if (!Number.isInteger(tabId) || tabId < 0) return { ok: false, error: { message: 'No tab to inspect.' } };
  const tab = await readTab(tabId);
  const page = currentPage(tab);
  if (!page?.pageUrl) {
    return { ok: false, error: { message: 'Nothing recorded for this tab yet.', hint: 'Reload the page to inspect it.' } };
  }
  const settings = await settingsPromise;
  const [capture, core] = await Promise.all([captureOf(tabId, page, { snapshot }), getCore()]);
  const { policy, warning } = policyFor(core, settings);
  const result = core.analyze(capture, { policy, includeValues });
  if (!result.ok) return result;
  // Site tests of this page's address (site-test.js), by signal.
  const tests = Object.fromEntries(Object.entries(tab.siteTests ?? {}).filter(([, t]) => t.pageUrl === page.pageUrl));
  return {
    ok: true,
    report: result.report,
    page: { ...pageMeta(page, settings), tests },
    settings: { redact: settings.redact, gpc: settings.gpc, dnt: settings.dnt },
    policy: { kind: settings.policy.kind, hasDeclaration: policy.declared, warning },
  };
}

// "Test this site" (site-test.js): what the tests need of this worker.
async function testDeps() {
  const core = await getCore();
  const policy = async () => policyFor(core, await settingsPromise).policy;
  return {
    readPage: async id => currentPage(await readTab(id)),
    applySignals: applyInTurn,  // a site test's settings, in turn with the user's
    userSettings: () => settingsPromise,
    captureOf,
    wellKnown: fetchWellKnown,
    compare: async (off, on, which) => core.compareSignals(off, on, which, { policy: await policy() }),
    answerBanner,
    compareConsent: async (captures, notes) => core.compareConsent(captures, notes, { policy: await policy() }),
  };
}

// Runs a site test (`kind` "gpc", "dnt" or "consent") and keeps its result with the tab, for its
// page's address; answers with the page's report (with its declarations).
async function siteTest(tabId, kind) {
  if (!Number.isInteger(tabId) || tabId < 0) return { ok: false, error: { message: 'No tab to test.' } };
  const deps = await testDeps();
  const result = kind === 'consent' ? await testConsent(tabId, deps) : await testSignal(tabId, kind, deps);
  if (!result.ok) return result;
  const { ok, ...kept } = result;
  await updateTab(tabId, tab => {
    tab.siteTests = { ...tab.siteTests, [kind]: kept };
    return true;
  });
  return withWellKnown(tabId);
}

// The page's /.well-known/ declarations, fetched once per page when the DNT/GPC panel opens.
async function withWellKnown(tabId) {
  if (!Number.isInteger(tabId) || tabId < 0) return reportFor(tabId);
  const page = currentPage(await readTab(tabId));
  if (page && !page.wellKnown) {
    const wellKnown = await fetchWellKnown(page.pageUrl);
    if (wellKnown) {
      await updateTab(tabId, tab => {
        const same = tab.pages.find(p => p.key === page.key);
        if (!same) return false;
        same.wellKnown = wellKnown;
        return true;
      });
    }
  }
  return reportFor(tabId);
}

// ---- badge ---------------------------------------------------------------------------------

// The badge is recomputed once the page has been quiet for BADGE_QUIET_MS (at the latest
// BADGE_MAX_DELAY_MS after the first change), so that the analysis does not compete with the
// page's own load for the CPU.
const badgeTimers = new Map();  // tabId -> {timer, first}

function clearBadge(tabId) {
  chrome.action.setBadgeText({ tabId, text: '' }).catch(() => {});
}

function scheduleBadge(tabId) {
  const now = Date.now();
  const pending = badgeTimers.get(tabId);
  if (pending) clearTimeout(pending.timer);
  const first = pending?.first ?? now;
  const delay = Math.max(0, Math.min(BADGE_QUIET_MS, first + BADGE_MAX_DELAY_MS - now));
  badgeTimers.set(tabId, { first, timer: setTimeout(() => {
    badgeTimers.delete(tabId);
    updateBadge(tabId).catch(() => { /* tab gone meanwhile */ });
  }, delay) });
}

async function updateBadge(tabId) {
  const result = await reportFor(tabId, { includeValues: false, snapshot: false });
  if (!result.ok) return clearBadge(tabId);
  const count = advertisingTrackers(result.report);
  const label = roleCategory(result.report, 'advertising')?.label ?? 'advertising';
  await chrome.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
  if (chrome.action.setBadgeTextColor) await chrome.action.setBadgeTextColor({ tabId, color: '#ffffff' });
  await chrome.action.setBadgeText({ tabId, text: count ? String(count) : '' });
  await chrome.action.setTitle({ tabId, title: count ? `trackscope: ${count} ${label} tracker${count === 1 ? '' : 's'} on this page`
                                                      : `trackscope: no ${label} trackers on this page` });
}

// ---- messages ------------------------------------------------------------------------------

// Reports hold the cookies of every site a tab talked to: only the extension's own pages may
// ask for them, never a content script (which runs in a web page's process).
function fromExtensionPage(sender) {
  return sender.id === chrome.runtime.id && typeof sender.url === 'string' &&
         sender.url.startsWith(chrome.runtime.getURL(''));
}

function answer(promise, sendResponse) {
  promise.then(sendResponse, err => sendResponse({ ok: false, error: { message: String(err?.message ?? err) } }));
  return true;  // answer asynchronously
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  if (message?.type === 'pageEvents') {
    recordPageEvents(message.events, sender);
  } else if (message?.type === 'lifecycle') {
    recordLifecycle(message, sender);
  } else if (message?.type === 'typed' || message?.type === 'submitted') {
    recordTyping(message, sender);
  } else if (message?.type === 'getReport' && fromExtensionPage(sender)) {
    return answer(reportFor(message.tabId, { includeValues: message.includeValues !== false }), sendResponse);
  } else if (message?.type === 'fetchWellKnown' && fromExtensionPage(sender)) {
    return answer(withWellKnown(message.tabId), sendResponse);
  } else if (message?.type === 'siteTest' && fromExtensionPage(sender)) {
    return answer(siteTest(message.tabId, message.test), sendResponse);
  } else if (message?.type === 'autoconsent' && sender.tab) {
    onBannerMessage(message.message, sender);  // a consent test's banner answer (banner.js)
  }
  return false;
});
