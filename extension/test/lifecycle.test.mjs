// Unit tests of the per-tab page lifecycle (src/background/lifecycle.js): which page each
// webRequest event and content-script message belongs to, across navigations, redirects, late
// requests of the previous page, subframes, the back/forward cache, prerendering and SPA routing.
// Prerendering and the back/forward cache are off in the headless Chromium the e2e tests use, so
// their paths are tested here with the details Chrome documents.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  MAX_PAGES, cookieConcernsPage, currentPage, emptyTab, noteHost, onLifecycle, onMainFrameRequest, pageForRequest,
  pageForSender,
} from '../src/background/lifecycle.js';

const nav = (requestId, url, extra = {}) => ({ requestId, url, type: 'main_frame', frameId: 0, timeStamp: 1000,
                                               documentLifecycle: 'active', frameType: 'outermost_frame', ...extra });
const sub = (url, documentId, extra = {}) => ({ requestId: `r-${url}`, url, type: 'script', frameId: 0, documentId,
                                                documentLifecycle: 'active', ...extra });

describe('navigations', () => {
  test('a main-frame request starts the current page; its redirect hop only changes the URL', () => {
    const tab = emptyTab();
    const first = onMainFrameRequest(tab, nav('1', 'http://a.example/'));
    assert.equal(currentPage(tab), first);
    assert.equal(onMainFrameRequest(tab, nav('1', 'https://a.example/')), first);
    assert.equal(first.pageUrl, 'https://a.example/');
    assert.equal(tab.pages.length, 1);
  });

  test('the next navigation starts a new page; late requests of the old document stay with it', () => {
    const tab = emptyTab();
    const a = onMainFrameRequest(tab, nav('1', 'https://a.example/'));
    assert.equal(pageForRequest(tab, sub('https://a.example/app.js', 'DOC-A')), a);
    assert.equal(a.documentId, 'DOC-A');
    const b = onMainFrameRequest(tab, nav('2', 'https://b.example/'));
    assert.equal(currentPage(tab), b);
    assert.equal(a.lifecycle, 'cached');
    assert.equal(pageForRequest(tab, sub('https://a.example/late', 'DOC-A')), a, 'late request of the previous page');
    assert.equal(pageForRequest(tab, sub('https://b.example/app.js', 'DOC-B')), b, 'the new document is adopted');
    assert.equal(b.documentId, 'DOC-B');
  });

  test('a main-frame request made by a document (speculative prefetch) is not a navigation', () => {
    const tab = emptyTab();
    const a = onMainFrameRequest(tab, nav('1', 'https://a.example/'));
    pageForRequest(tab, sub('https://a.example/x.js', 'DOC-A'));
    assert.equal(onMainFrameRequest(tab, nav('2', 'https://a.example/next', { documentId: 'DOC-A' })), null);
    assert.equal(pageForRequest(tab, nav('2', 'https://a.example/next', { documentId: 'DOC-A' })), a);
    assert.equal(currentPage(tab), a);
  });

  test('an unknown top document does not join a page that has its own', () => {
    const tab = emptyTab();
    onMainFrameRequest(tab, nav('1', 'https://a.example/'));
    pageForRequest(tab, sub('https://a.example/x.js', 'DOC-A'));
    assert.equal(pageForRequest(tab, sub('https://z.example/x.js', 'DOC-Z')), null);
  });

  test('subframes: their requests and their own documents belong to the page', () => {
    const tab = emptyTab();
    const a = onMainFrameRequest(tab, nav('1', 'https://a.example/'));
    pageForRequest(tab, sub('https://a.example/x.js', 'DOC-A'));
    const frameNav = { requestId: 'f', url: 'https://ads.example/frame', type: 'sub_frame', frameId: 7, parentDocumentId: 'DOC-A' };
    assert.equal(pageForRequest(tab, frameNav), a);
    assert.equal(pageForRequest(tab, sub('https://ads.example/px', 'DOC-F', { frameId: 7, parentDocumentId: 'DOC-A' })), a);
    assert.ok(a.docs.includes('DOC-F'));
    // A grandchild frame names only its parent, the subframe's document.
    assert.equal(pageForRequest(tab, sub('https://deep.example/y', 'DOC-G', { frameId: 9, parentDocumentId: 'DOC-F' })), a);
  });

  test(`at most ${MAX_PAGES} pages are kept, the current one always`, () => {
    const tab = emptyTab();
    for (let i = 1; i <= 6; i++) onMainFrameRequest(tab, nav(String(i), `https://a.example/${i}`));
    assert.equal(tab.pages.length, MAX_PAGES);
    assert.equal(currentPage(tab).pageUrl, 'https://a.example/6');
  });
});

describe('back/forward cache', () => {
  test('pageshow with persisted brings the cached page back as the current one', () => {
    const tab = emptyTab();
    const a = onMainFrameRequest(tab, nav('1', 'https://a.example/'));
    onLifecycle(tab, { frameId: 0, documentId: 'DOC-A', url: 'https://a.example/' }, { what: 'start' }, 1100);
    const b = onMainFrameRequest(tab, nav('2', 'https://b.example/'));
    assert.equal(currentPage(tab), b);
    const shown = onLifecycle(tab, { frameId: 0, documentId: 'DOC-A', url: 'https://a.example/' },
                              { what: 'pageshow', persisted: true }, 5000);
    assert.equal(shown, a);
    assert.equal(currentPage(tab), a);
    assert.deepEqual(a.restoredAt, [4000]);
    assert.equal(b.lifecycle, 'cached');
  });

  test('a restored page no longer recorded gets a new page, marked incomplete', () => {
    const tab = emptyTab();
    onMainFrameRequest(tab, nav('1', 'https://b.example/'));
    const page = onLifecycle(tab, { frameId: 0, documentId: 'OLD', url: 'https://old.example/' },
                             { what: 'pageshow', persisted: true }, 9000);
    assert.equal(currentPage(tab), page);
    assert.equal(page.pageUrl, 'https://old.example/');
    assert.equal(page.noNavigationRequest, true);
  });

  test('an ordinary pageshow changes nothing', () => {
    const tab = emptyTab();
    const a = onMainFrameRequest(tab, nav('1', 'https://a.example/'));
    onLifecycle(tab, { frameId: 0, documentId: 'DOC-A' }, { what: 'pageshow', persisted: false }, 1500);
    assert.equal(currentPage(tab), a);
    assert.deepEqual(a.restoredAt, []);
  });
});

describe('prerendering', () => {
  test('a prerendered page records apart and becomes current when activated', () => {
    const tab = emptyTab();
    const a = onMainFrameRequest(tab, nav('1', 'https://a.example/'));
    const pre = onMainFrameRequest(tab, nav('2', 'https://a.example/next', { frameId: 12, documentLifecycle: 'prerender' }));
    assert.equal(pre.lifecycle, 'prerender');
    assert.equal(currentPage(tab), a, 'the visible page stays current');
    const req = sub('https://cdn.example/next.js', 'DOC-P', { frameId: 12, documentLifecycle: 'prerender' });
    assert.equal(pageForRequest(tab, req), pre);
    assert.equal(pre.documentId, 'DOC-P');
    const sender = { frameId: 12, documentId: 'DOC-P', documentLifecycle: 'prerender', url: 'https://a.example/next' };
    assert.equal(pageForSender(tab, sender), pre, 'events of the prerendered page go to it');
    assert.equal(onLifecycle(tab, { ...sender, documentLifecycle: 'active' }, { what: 'activated' }, 3000), pre);
    assert.equal(currentPage(tab), pre);
    assert.equal(pre.frameId, 0);
    assert.equal(a.lifecycle, 'cached');
    // After activation Chrome reports the page's requests with frameId 0.
    assert.equal(pageForRequest(tab, sub('https://a.example/after', 'DOC-P')), pre);
  });
});

describe('single-page apps and starts', () => {
  test('same-document URL changes are noted in the page history', () => {
    const tab = emptyTab();
    const a = onMainFrameRequest(tab, nav('1', 'https://a.example/'));
    const sender = { frameId: 0, documentId: 'DOC-A', url: 'https://a.example/' };
    onLifecycle(tab, sender, { what: 'start' }, 1010);
    onLifecycle(tab, sender, { what: 'history', url: 'https://a.example/cart', navigationType: 'push' }, 1500);
    assert.equal(currentPage(tab), a);
    assert.deepEqual(a.history, [{ url: 'https://a.example/cart', kind: 'push', timeMs: 500 }]);
  });

  test('a document whose navigation was not seen starts a page of its own', () => {
    const tab = emptyTab();
    const page = onLifecycle(tab, { frameId: 0, documentId: 'D', url: 'https://a.example/' }, { what: 'start' }, 100);
    assert.equal(currentPage(tab), page);
    assert.equal(page.noNavigationRequest, true);
    assert.equal(onLifecycle(tab, { frameId: 0, documentId: 'E', url: 'chrome://newtab/' }, { what: 'start' }, 200), null);
  });

  test('a late message of the tab\'s initial about:blank does not take the new page\'s document', () => {
    // Seen in Firefox: a new tab's about:blank sends its start after the navigation's request.
    const tab = emptyTab();
    const a = onMainFrameRequest(tab, nav('1', 'https://a.example/'));
    const blank = { frameId: 0, documentId: 'BLANK', url: 'about:blank' };
    assert.equal(onLifecycle(tab, blank, { what: 'start' }, 1001), null);
    assert.equal(pageForSender(tab, blank), null, 'nor do its events');
    assert.equal(a.documentId, null);
    assert.equal(pageForRequest(tab, sub('https://a.example/app.js', 'DOC-A')), a, 'the document\'s own request');
    assert.equal(currentPage(tab), a);
    assert.equal(tab.pages.length, 1);
  });

  test('messages from subframes are not lifecycle events of the page', () => {
    const tab = emptyTab();
    onMainFrameRequest(tab, nav('1', 'https://a.example/'));
    assert.equal(onLifecycle(tab, { frameId: 3, documentId: 'F', url: 'https://ads.example/' },
                             { what: 'pageshow', persisted: true }, 100), null);
  });
});

test('cookie changes concern a page when their domain matches a host it talked to', () => {
  const tab = emptyTab();
  const a = onMainFrameRequest(tab, nav('1', 'https://shop.example/'));
  noteHost(a, 'https://pixel.adnet.example/px.gif');
  assert.ok(cookieConcernsPage(a, '.adnet.example'));
  assert.ok(!cookieConcernsPage(a, 'shop.example'), 'no request to shop.example was noted');
  assert.ok(!cookieConcernsPage(a, 'net.example'));
});
