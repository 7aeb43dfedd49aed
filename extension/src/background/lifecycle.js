// Which page of a tab an observation belongs to. Pure functions on a tab's state (plain JSON, kept
// in chrome.storage.session by tab-store.js); the service worker feeds them webRequest details and
// the content scripts' lifecycle messages. Unit-tested in test/lifecycle.test.mjs.
//
// A tab holds up to MAX_PAGES page records: the current page, pages left for the back/forward
// cache (they may come back) and prerendered pages (they may be activated).
//
//   tab:  {pages: [Page], current: key | null, seq}
//   Page: {key, navigationId, pageUrl, startTime, documentId, frameId, lifecycle, signals,
//          requests, requestIndex, events, dropped, history, restoredAt, docs, frames, hosts,
//          cookieChanges, wellKnown, images}
//
// Routing, in order (Chrome 106+ gives documentId/parentDocumentId/documentLifecycle in webRequest
// details and documentId/documentLifecycle in message senders):
//   1. a main_frame request without documentId starts a page: the tab's new current page, or a
//      prerendered one (documentLifecycle "prerender", or an outermost frame other than 0) that
//      waits for activation; a redirect hop keeps its requestId and only updates the URL.
//   2. anything carrying a documentId (or, for subframes, a parentDocumentId) we have seen goes to
//      that document's page: late requests of the previous page stay with it.
//   3. a frame id we have seen (a prerendered page's outermost frame, a subframe) goes to its page.
//   4. otherwise the current page, which learns the document id.
// Lifecycle messages: "pageshow" with persisted = a back/forward-cache restore (that page becomes
// current again); "prerenderingchange" = a prerendered page activated (it becomes current);
// same-document URL changes (SPA routing, fragments) are noted in the page's history.

export const MAX_PAGES = 3;
const MAX_HISTORY = 100;
const MAX_IDS = 200;
const MAX_HOSTS = 500;

export function emptyTab() {
  return { pages: [], current: null, seq: 0 };
}

export function newPage(tab, { navigationId = null, url = '', startTime = 0, frameId = 0, lifecycle = 'active',
                               documentId = null } = {}) {
  const page = {
    key: `p${++tab.seq}`, navigationId, pageUrl: url, startTime, documentId, frameId, lifecycle,
    signals: { dnt: false, gpc: false }, requests: [], requestIndex: {}, events: [],
    dropped: { requests: 0, events: 0, unattributed: 0 }, history: [], restoredAt: [], docs: [], frames: [], hosts: [],
    cookieChanges: [], wellKnown: null, images: null, noNavigationRequest: false,
  };
  tab.pages.push(page);
  return page;
}

export function currentPage(tab) {
  return tab.pages.find(p => p.key === tab.current) ?? null;
}

export function pageByKey(tab, key) {
  return tab.pages.find(p => p.key === key) ?? null;
}

function pageWithDocument(tab, documentId) {
  if (!documentId) return null;
  return tab.pages.find(p => p.documentId === documentId || p.docs.includes(documentId)) ?? null;
}

function pushCapped(list, value, max) {
  if (!list.includes(value)) {
    list.push(value);
    if (list.length > max) list.shift();
  }
}

// Page records beyond MAX_PAGES go, oldest first; the current page always stays.
function prune(tab) {
  while (tab.pages.length > MAX_PAGES) {
    const index = tab.pages.findIndex(p => p.key !== tab.current);
    if (index < 0) break;
    tab.pages.splice(index, 1);
  }
}

// Makes `page` the tab's current page; the previous one waits in the back/forward cache.
function activate(tab, page, now) {
  const previous = currentPage(tab);
  if (previous && previous !== page) previous.lifecycle = 'cached';
  if (page.lifecycle === 'cached') page.restoredAt.push(Math.max(0, Math.round(now - page.startTime)));
  page.lifecycle = 'active';
  page.frameId = 0;
  tab.current = page.key;
  // The page goes to the end: pruning removes the least recently shown pages first.
  tab.pages.push(...tab.pages.splice(tab.pages.indexOf(page), 1));
  prune(tab);
}

function adopt(page, documentId, frameId) {
  if (documentId && !page.documentId && (frameId === 0 || frameId === page.frameId)) page.documentId = documentId;
  else if (documentId && page.documentId !== documentId) pushCapped(page.docs, documentId, MAX_IDS);
  if (frameId && frameId !== page.frameId) pushCapped(page.frames, frameId, MAX_IDS);
}

// webRequest.onBeforeRequest for type main_frame. Returns the page the request belongs to (a new
// one unless it is a redirect hop), or null when it is not a navigation of this tab's pages.
export function onMainFrameRequest(tab, details) {
  // A main_frame request made by an existing document (documentId set: a speculative prefetch) is
  // that document's request, not a navigation.
  if (details.documentId) return null;
  const existing = tab.pages.find(p => p.navigationId === details.requestId);
  if (existing) {
    existing.pageUrl = details.url;  // redirect hop
    return existing;
  }
  const prerender = details.documentLifecycle === 'prerender' || (details.frameId ?? 0) !== 0;
  const page = newPage(tab, { navigationId: details.requestId, url: details.url, startTime: details.timeStamp,
                              frameId: details.frameId ?? 0, lifecycle: prerender ? 'prerender' : 'active' });
  if (prerender) prune(tab);
  else activate(tab, page, details.timeStamp);
  return page;
}

// The page a non-navigation request belongs to, or null.
export function pageForRequest(tab, details) {
  const frameId = details.frameId ?? 0;
  let page = pageWithDocument(tab, details.documentId);
  if (!page && details.parentDocumentId) page = pageWithDocument(tab, details.parentDocumentId);
  if (!page && frameId !== 0) page = tab.pages.find(p => p.frameId === frameId || p.frames.includes(frameId)) ?? null;
  if (!page && details.documentLifecycle !== 'prerender') {
    const current = currentPage(tab);
    // A top-frame document we do not know while the current page already has its own: not ours.
    if (current && !(frameId === 0 && current.documentId && details.documentId && current.documentId !== details.documentId)) {
      page = current;
    }
  }
  if (page) adopt(page, details.documentId, frameId);
  return page;
}

// The page a content-script message comes from (sender: {documentId, frameId, documentLifecycle, url}).
// A top-frame document that is not a web page and not one of the tab's documents — the initial
// about:blank of a new tab or window, whose message may arrive after the navigation away from it
// began — belongs to no page: adopting its id would make the new page refuse its own document.
export function pageForSender(tab, sender) {
  if ((sender.frameId ?? 0) === 0 && sender.url !== undefined && !isWebUrl(sender.url) &&
      !pageWithDocument(tab, sender.documentId)) {
    return null;
  }
  return pageForRequest(tab, { documentId: sender.documentId, frameId: sender.frameId ?? 0,
                               documentLifecycle: sender.documentLifecycle });
}

function isWebUrl(url) {
  return /^https?:\/\//i.test(String(url ?? ''));
}

// Lifecycle messages of the top frame's content script:
//   {what: "start", prerendering}      the document started (document_start)
//   {what: "pageshow", persisted}      shown; persisted = restored from the back/forward cache
//   {what: "activated"}                a prerendered document became the visible page
//   {what: "history", url, navigationType}  same-document URL change (pushState, fragment, ...)
// Returns the page concerned, or null.
export function onLifecycle(tab, sender, message, now) {
  // Only the top frame's relay sends these; a prerendered page's top frame has its own frame id
  // (until its activation, which may report either).
  const top = (sender.frameId ?? 0) === 0 || message.prerendering || sender.documentLifecycle === 'prerender' ||
              message.what === 'activated';
  if (!top) return null;
  let page = pageWithDocument(tab, sender.documentId);
  if (message.what === 'start') {
    if (!page) page = pageForSender(tab, sender);
    if (!page && isWebUrl(sender.url)) {
      // A document no main_frame request announced (the worker missed it, or none was made).
      page = newPage(tab, { url: sender.url, startTime: now, documentId: sender.documentId ?? null,
                            frameId: sender.frameId ?? 0, lifecycle: message.prerendering ? 'prerender' : 'active' });
      page.noNavigationRequest = true;
      if (!message.prerendering) activate(tab, page, now);
      else prune(tab);
    }
    return page;
  }
  if (message.what === 'pageshow' && message.persisted) {
    if (!page) {
      if (!isWebUrl(sender.url)) return null;
      // Restored, but recorded before the records kept (or before the extension started).
      page = newPage(tab, { url: sender.url, startTime: now, documentId: sender.documentId ?? null, lifecycle: 'cached' });
      page.noNavigationRequest = true;
    }
    activate(tab, page, now);
    return page;
  }
  if (message.what === 'activated') {
    page ??= tab.pages.find(p => p.lifecycle === 'prerender' && p.frameId === sender.frameId) ?? null;
    if (page) activate(tab, page, now);
    return page;
  }
  if (message.what === 'history' && page && typeof message.url === 'string') {
    page.history.push({ url: message.url.slice(0, 2048), kind: String(message.navigationType ?? 'push'),
                        timeMs: Math.max(0, Math.round(now - page.startTime)) });
    if (page.history.length > MAX_HISTORY) page.history.shift();
    return page;
  }
  return page;
}

// Hosts the page's requests went to (for matching cookie changes to pages).
export function noteHost(page, url) {
  try {
    pushCapped(page.hosts, new URL(url).hostname, MAX_HOSTS);
  } catch { /* not a URL: nothing to note */ }
}

// Does a cookie of `domain` (leading dot = domain cookie) belong to a host the page talked to?
export function cookieConcernsPage(page, domain) {
  const d = String(domain ?? '').replace(/^\./, '').toLowerCase();
  return d !== '' && page.hosts.some(host => host === d || host.endsWith(`.${d}`));
}
