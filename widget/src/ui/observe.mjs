// What the page shows a script, read when the widget analyses (never written): document.cookie,
// the page's localStorage / sessionStorage items, the natural size of its images and the status of
// its own navigation. The requests themselves come from the loader (trackscope-widget.js), which
// starts a PerformanceObserver at page load so that nothing loaded before the first open is lost.
//
// Everything here takes the page's objects as arguments ({document, window, performance,
// navigator, location}), so the tests pass small fakes; the result is plain data for merge.mjs.
//
//   observePage(globalThis, env.requests)
//   // {page: {url, title}, location: {hostname, pathname, origin}, cookieText: 'a=1; b=2',
//   //  storage: [{area, key, value}], requests: [{url, type, timeMs, status?, image?}],
//   //  mainStatus: 200 | undefined, signals: {dnt, gpc}}
import { readDocument } from '@trackscope/instrument/read-document.js';

export const MAX_STORAGE_KEYS = 200; // per storage area
export const MAX_VALUE = 1024;       // characters of a storage value given to the core
const AREAS = ['localStorage', 'sessionStorage'];

// [[area name, Storage]] of the areas the page may use. Touching window.localStorage throws where
// storage is disabled (sandboxed frames, some privacy settings): such an area is left out.
export function storageAreas(win) {
  const areas = [];
  for (const name of AREAS) {
    try {
      const store = win[name];
      if (store) areas.push([name, store]);
    } catch { /* storage disabled: nothing to show */ }
  }
  return areas;
}

// The first MAX_STORAGE_KEYS keys of each area with their values (clipped to MAX_VALUE), read as
// the scanner and the extension read a frame (readDocument).
export function readStorage(win) {
  return readDocument({ images: false, maxKeys: MAX_STORAGE_KEYS, maxValue: MAX_VALUE, win }).storage
    .map(([area, key, value]) => ({ area, key, value }));
}

// Cheap change detection for polling (cookie and storage writes fire no event in the writing
// document): the cookie string plus each area's length and keys.
export function pageSignature(doc, win) {
  let signature = String(doc.cookie ?? '');
  for (const [area, store] of storageAreas(win)) {
    try {
      signature += `\u0000${area}:${store.length}`;
      for (let i = 0; i < Math.min(store.length, MAX_STORAGE_KEYS); i++) signature += `\u0001${store.key(i)}`;
    } catch { /* ignore */ }
  }
  return signature;
}

// Natural sizes of the document's loaded images by URL: what tells a 1×1 tracking pixel from a
// picture (the core's beacon rule needs it; resource timing does not give it). Images without a
// size (not decoded) are left out.
export function imageSizes(doc) {
  const sizes = new Map();
  for (const [src, width, height] of readDocument({ storage: false, win: {}, doc }).images) {
    if (width > 0) sizes.set(src, { width, height });
  }
  return sizes;
}

// What the visitor's browser sends: navigator.globalPrivacyControl === true, navigator.doNotTrack "1".
export function visitorSignals(nav) {
  return { dnt: nav?.doNotTrack === '1', gpc: nav?.globalPrivacyControl === true };
}

// One snapshot of the page for merge.mjs. `requests` is the loader's live list (resource timing
// entries as Capture requests); an image request gets the natural size of the image it loaded.
export function observePage({ document: doc, window: win, performance: perf, navigator: nav, location: loc }, requests) {
  const sizes = imageSizes(doc);
  const navigation = perf?.getEntriesByType?.('navigation')?.[0];
  return {
    page: { url: loc.href, title: String(doc.title ?? '') },
    location: { hostname: loc.hostname, pathname: loc.pathname, origin: loc.origin },
    cookieText: String(doc.cookie ?? ''),
    storage: readStorage(win),
    requests: requests.map(r => (sizes.has(r.url) ? { ...r, image: sizes.get(r.url) } : r)),
    mainStatus: navigation?.responseStatus > 0 ? navigation.responseStatus : undefined,
    signals: visitorSignals(nav),
  };
}
