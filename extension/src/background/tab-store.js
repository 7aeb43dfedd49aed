// Per-tab recording state, kept in memory and mirrored to chrome.storage.session so that a
// service-worker restart (Chrome stops idle workers after ~30 s) loses nothing. State is loaded
// lazily on first use after a restart and written back debounced.
//
// Every change goes through updateTab(), which applies changes in call order: webRequest events
// arrive synchronously while the stored state may still be loading.

const SAVE_DELAY_MS = 300;
const loaded = new Map();       // tabId -> Promise<TabState>
const saveTimers = new Map();   // tabId -> timeout id

const storageKey = tabId => `tab:${tabId}`;

// TabState: everything needed to build a Capture for the tab's current page.
//   navigationId: webRequest requestId of the main-frame request that started the page (redirect
//                 hops share it); pageUrl: final URL of that request; startTime: its timeStamp (ms)
//   requests: Capture requests; requestIndex: requestId -> index of its latest record
//   events: Capture events from the page instrumentation; dropped: what the caps below cut off
export function emptyState() {
  return { navigationId: null, pageUrl: '', startTime: 0, signals: { dnt: false, gpc: false },
           requests: [], requestIndex: {}, events: [], dropped: { requests: 0, events: 0 } };
}

function load(tabId) {
  let state = loaded.get(tabId);
  if (!state) {
    const key = storageKey(tabId);
    state = chrome.storage.session.get(key).then(items => items[key] ?? emptyState(), () => emptyState());
    loaded.set(tabId, state);
  }
  return state;
}

function scheduleSave(tabId, state) {
  if (saveTimers.has(tabId)) return;
  saveTimers.set(tabId, setTimeout(() => {
    saveTimers.delete(tabId);
    chrome.storage.session.set({ [storageKey(tabId)]: state }).catch(err => {
      // Over the 10 MB session quota: memory still has it; only a restart would lose it.
      console.warn(`trackscope: could not save tab ${tabId}: ${err.message}`);
    });
  }, SAVE_DELAY_MS));
}

// Runs change(state) after all earlier changes of this tab; the state object is mutated in place.
export function updateTab(tabId, change) {
  const pending = load(tabId);
  return pending.then(state => {
    if (loaded.get(tabId) !== pending) return;  // the tab was closed meanwhile
    if (change(state) !== false) scheduleSave(tabId, state);
  });
}

// The tab's state after all changes requested so far.
export function readTab(tabId) {
  return load(tabId);
}

export function forgetTab(tabId) {
  clearTimeout(saveTimers.get(tabId));
  saveTimers.delete(tabId);
  loaded.delete(tabId);
  chrome.storage.session.remove(storageKey(tabId)).catch(() => {});
}
