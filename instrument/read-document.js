// What a document shows of itself, read from inside it: the natural sizes of its loaded images
// (what tells a 1×1 tracking pixel from a picture) and its web storage as it stands. One
// self-contained function — no closure, no import — so that every host runs the same code: the
// scanner in each frame (Playwright's frame.evaluate), the extension in each frame
// (chrome.scripting.executeScript), the widget in its page (a call, given the page's objects).
//
//   readDocument({images: true, storage: true, maxImages: Infinity, maxKeys: 200, maxValue: 4096})
//   -> {url: the document's address,
//       images: [[src, naturalWidth, naturalHeight]]   complete images, each src once (the first)
//       storage: [[area, key, value]]}                  the first maxKeys keys of each area, values
//                                                       clipped to maxValue; an area that throws
//                                                       (storage disabled) is left out
// `win` and `doc` default to the document it runs in.
export function readDocument({ images = true, storage = true, maxImages = Infinity, maxKeys = 200, maxValue = 4096,
                               win = window, doc = win.document } = {}) {
  const sizes = [];
  if (images) {
    const seen = new Set();
    for (const img of doc?.images ?? []) {
      const src = img.currentSrc || img.src;
      if (!img.complete || !src || seen.has(src)) continue;
      seen.add(src);
      sizes.push([src, img.naturalWidth, img.naturalHeight]);
      if (sizes.length >= maxImages) break;
    }
  }
  const items = [];
  if (storage) {
    for (const area of ['localStorage', 'sessionStorage']) {
      try {
        const store = win[area];
        if (!store) continue;
        const n = Math.min(store.length, maxKeys);
        for (let i = 0; i < n; i++) {
          const key = store.key(i);
          if (key !== null) items.push([area, key, String(store.getItem(key) ?? '').slice(0, maxValue)]);
        }
      } catch { /* storage disabled here, or revoked while reading */ }
    }
  }
  return { url: String(win.location?.href ?? ''), images: sizes, storage: items };
}
