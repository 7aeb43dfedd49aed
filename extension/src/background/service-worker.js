// trackscope service worker: records, per tab, what the current page loads (webRequest, observe
// only) and what its scripts do (events relayed by the content scripts); on request from the
// popup, adds the cookies the page can see and runs the WASM core on the resulting Capture.
// Nothing is blocked, modified or sent anywhere.
//
// MV3 rules that shape this file: listeners are registered synchronously at top level (Chrome
// only wakes a stopped worker for listeners registered in its first turn), no top-level await
// and no dynamic import(): the core is created lazily inside the first handler that needs it.
import { createCore } from '../lib/core/js/index.mjs';
import { buildCapture, collectCookies, eventRecord, headerObject, requestRecord } from './capture.js';
import { emptyState, forgetTab, readTab, updateTab } from './tab-store.js';

// Caps per page, so a page that loops on requests or events cannot exhaust the session storage.
const MAX_REQUESTS = 3000;
const MAX_EVENTS = 2000;

const ALL_URLS = { urls: ['<all_urls>'] };

function onBeforeRequest(details) {
  if (details.tabId < 0) return;  // not a tab's (extension, browser or service-worker traffic)
  updateTab(details.tabId, state => {
    if (details.type === 'main_frame') {
      // A new main-frame request starts a new page; its redirect hops keep the requestId.
      if (state.navigationId !== details.requestId) {
        Object.assign(state, emptyState(), { navigationId: details.requestId, startTime: details.timeStamp });
      }
      state.pageUrl = details.url;
    }
    if (!state.navigationId) return false;  // page loaded before trackscope started: no page to attach to
    if (state.requests.length >= MAX_REQUESTS) {
      state.dropped.requests++;
      return;
    }
    const record = requestRecord(details, state.startTime);
    state.requestIndex[details.requestId] = state.requests.push(record) - 1;
  });
}

// Applies change(record, state) to the latest record of the request, if it belongs to the tab's
// current page (requests of the previous page may still finish after a navigation).
function updateRequest(details, change) {
  if (details.tabId < 0) return;
  updateTab(details.tabId, state => {
    const index = state.requestIndex[details.requestId];
    if (index === undefined) return false;
    change(state.requests[index], state);
  });
}

chrome.webRequest.onBeforeRequest.addListener(onBeforeRequest, ALL_URLS, ['requestBody']);

// extraHeaders: without it Chrome hides Cookie, Referer and Set-Cookie from extensions.
chrome.webRequest.onSendHeaders.addListener(details => updateRequest(details, (record, state) => {
  record.requestHeaders = headerObject(details.requestHeaders);
  if (details.type === 'main_frame') {
    state.signals = { dnt: record.requestHeaders.dnt === '1', gpc: record.requestHeaders['sec-gpc'] === '1' };
  }
}), ALL_URLS, ['requestHeaders', 'extraHeaders']);

chrome.webRequest.onHeadersReceived.addListener(details => updateRequest(details, record => {
  record.status = details.statusCode;
  record.responseHeaders = headerObject(details.responseHeaders);
}), ALL_URLS, ['responseHeaders', 'extraHeaders']);

chrome.webRequest.onCompleted.addListener(details => updateRequest(details, record => {
  record.status = details.statusCode;
  record.fromCache = details.fromCache;
}), ALL_URLS);

chrome.webRequest.onErrorOccurred.addListener(details => updateRequest(details, record => {
  record.status = 0;
  record.error = details.error;
}), ALL_URLS);

chrome.tabs.onRemoved.addListener(tabId => forgetTab(tabId));

function recordPageEvent(raw, sender) {
  const tabId = sender.tab?.id;
  const event = eventRecord(raw);
  if (tabId === undefined || tabId < 0 || !event) return;
  updateTab(tabId, state => {
    if (!state.navigationId) return false;
    if (state.events.length >= MAX_EVENTS) {
      state.dropped.events++;
      return;
    }
    state.events.push(event);
  });
}

let corePromise = null;
function getCore() {
  corePromise ??= createCore().catch(err => {
    corePromise = null;  // let the next request try again
    throw err;
  });
  return corePromise;
}

// {ok: true, report} | {ok: false, error: {message, path?}}
async function reportFor(tabId) {
  if (!Number.isInteger(tabId) || tabId < 0) return { ok: false, error: { message: 'No tab to inspect.' } };
  const state = await readTab(tabId);
  if (!state.pageUrl) {
    return { ok: false, error: { message: 'Nothing recorded for this tab yet. Reload the page to inspect it.' } };
  }
  const [tab, cookies, core] = await Promise.all([
    chrome.tabs.get(tabId).catch(() => null), collectCookies(state.pageUrl, state.requests), getCore(),
  ]);
  const result = core.analyze(buildCapture(state, { title: tab?.title ?? '', cookies }));
  if (result.ok) result.dropped = state.dropped;
  return result;
}

// Reports hold the cookies of every site a tab talked to: only the extension's own pages may
// ask for them, never a content script (which runs in a web page's process).
function fromExtensionPage(sender) {
  return sender.id === chrome.runtime.id && typeof sender.url === 'string' &&
         sender.url.startsWith(chrome.runtime.getURL(''));
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message?.type === 'pageEvent') {
    recordPageEvent(message.event, sender);
  } else if (message?.type === 'getReport' && fromExtensionPage(sender)) {
    reportFor(message.tabId).then(sendResponse, err => sendResponse({ ok: false, error: { message: String(err?.message ?? err) } }));
    return true;  // answer asynchronously
  }
  return false;
});
