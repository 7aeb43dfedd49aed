// Per-tab recording state, kept in memory and mirrored to chrome.storage.session so that a
// service-worker restart (Chrome stops idle workers after ~30 s, and may stop one at any time)
// loses nothing. State is loaded lazily on first use after a restart and written back debounced.
// The state's shape is lifecycle.js's (pages of the tab).
//
// Every change goes through updateTab(), which applies changes in call order: webRequest events
// arrive synchronously while the stored state may still be loading.
import { emptyTab } from './lifecycle.js';

const SAVE_DELAY_MS = 400;
const loaded = new Map();       // tabId -> Promise<TabState>
const saveTimers = new Map();   // tabId -> timeout id

const storageKey = tabId => `tab:${tabId}`;

function load(tabId) {
  let state = loaded.get(tabId);
  if (!state) {
    const key = storageKey(tabId);
    state = chrome.storage.session.get(key).then(items => {
      const stored = items[key];
      return Array.isArray(stored?.pages) ? stored : emptyTab();
    }, () => emptyTab());
    loaded.set(tabId, state);
  }
  return state;
}

function save(tabId, state) {
  return chrome.storage.session.set({ [storageKey(tabId)]: state }).catch(err => {
    // Over the session quota: memory still has it; only a restart would lose it.
    console.warn(`trackscope: could not save tab ${tabId}: ${err.message}`);
  });
}

function scheduleSave(tabId, state) {
  if (saveTimers.has(tabId)) return;
  saveTimers.set(tabId, setTimeout(() => {
    saveTimers.delete(tabId);
    save(tabId, state);
  }, SAVE_DELAY_MS));
}

// Runs change(state) after all earlier changes of this tab; the state object is mutated in place.
// change() returns false when it changed nothing (no save). Resolves to change()'s result.
export function updateTab(tabId, change) {
  const pending = load(tabId);
  return pending.then(state => {
    if (loaded.get(tabId) !== pending) return undefined;  // the tab was closed meanwhile
    const result = change(state);
    if (result !== false) scheduleSave(tabId, state);
    return result;
  });
}

// The tab's state after all changes requested so far.
export function readTab(tabId) {
  return load(tabId);
}

// Tabs whose state is in memory (those this worker has seen since it started).
export function loadedTabIds() {
  return [...loaded.keys()];
}

// Writes pending changes now (before a report, so that a worker stopped right after still has them).
export async function flushTab(tabId) {
  const timer = saveTimers.get(tabId);
  if (timer === undefined) return;
  clearTimeout(timer);
  saveTimers.delete(tabId);
  await save(tabId, await load(tabId));
}

export function forgetTab(tabId) {
  clearTimeout(saveTimers.get(tabId));
  saveTimers.delete(tabId);
  loaded.delete(tabId);
  chrome.storage.session.remove(storageKey(tabId)).catch(() => {});
}

// A tab replaced by another (Chrome swaps in a preloaded tab): the new id takes the state over.
export async function moveTab(fromTabId, toTabId) {
  const state = await load(fromTabId);
  forgetTab(fromTabId);
  loaded.set(toTabId, Promise.resolve(state));
  await save(toTabId, state);
}
