// observe.mjs with a tiny fake page: document.cookie, two storage areas (one disabled), images,
// the navigation entry and navigator's signals.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_STORAGE_KEYS, MAX_VALUE, observePage, pageSignature, readStorage, storageAreas } from '../src/ui/observe.mjs';

// A Storage-like object over a Map.
function fakeStorage(entries) {
  const map = new Map(entries);
  return {
    get length() { return map.size; },
    key: i => [...map.keys()][i] ?? null,
    getItem: key => (map.has(key) ? map.get(key) : null),
    setItem: (key, value) => map.set(key, String(value)),
  };
}

function fakePage({ cookie = '', local = [], session = [], sessionThrows = false, images = [], status = 200, gpc, dnt } = {}) {
  const win = { localStorage: fakeStorage(local) };
  Object.defineProperty(win, 'sessionStorage', {
    get() {
      if (sessionThrows) throw new Error('SecurityError: storage is disabled');
      return fakeStorage(session);
    },
  });
  return {
    document: { cookie, title: 'Shop', images },
    window: win,
    performance: { getEntriesByType: type => (type === 'navigation' ? [{ responseStatus: status }] : []) },
    navigator: { globalPrivacyControl: gpc, doNotTrack: dnt },
    location: { href: 'https://shop.example/p/item.html?x=1', hostname: 'shop.example', pathname: '/p/item.html', origin: 'https://shop.example' },
  };
}

describe('observe', () => {
  it('reads both storage areas, and leaves out an area that throws', () => {
    const page = fakePage({ local: [['_mt_uid', 'abc']], session: [['ui_theme', 'dark']] });
    assert.deepEqual(readStorage(page.window), [
      { area: 'localStorage', key: '_mt_uid', value: 'abc' }, { area: 'sessionStorage', key: 'ui_theme', value: 'dark' }]);
    const blocked = fakePage({ local: [['a', '1']], sessionThrows: true });
    assert.deepEqual(storageAreas(blocked.window).map(([name]) => name), ['localStorage']);
    assert.deepEqual(readStorage(blocked.window), [{ area: 'localStorage', key: 'a', value: '1' }]);
  });

  it('keeps at most MAX_STORAGE_KEYS keys per area and clips values to MAX_VALUE', () => {
    const many = Array.from({ length: MAX_STORAGE_KEYS + 5 }, (_, i) => [`k${i}`, 'x'.repeat(MAX_VALUE + 10)]);
    const items = readStorage(fakePage({ local: many }).window);
    assert.equal(items.length, MAX_STORAGE_KEYS);
    assert.ok(items.every(i => i.value.length === MAX_VALUE));
  });

  it('changes its signature when a cookie or a storage key changes, not when a value does', () => {
    const page = fakePage({ cookie: 'a=1', local: [['k', 'v']] });
    const before = pageSignature(page.document, page.window);
    page.window.localStorage.setItem('k', 'other value');
    assert.equal(pageSignature(page.document, page.window), before, 'same keys');
    page.window.localStorage.setItem('k2', 'v');
    assert.notEqual(pageSignature(page.document, page.window), before, 'a new key');
    const withCookie = fakePage({ cookie: 'a=1; b=2', local: [['k', 'v']] });
    assert.notEqual(pageSignature(withCookie.document, withCookie.window), before, 'a new cookie');
  });

  it('gives an image request the natural size of its loaded image, and reads the signals and the status', () => {
    const images = [
      { complete: true, naturalWidth: 1, naturalHeight: 1, currentSrc: 'https://px.example/p.gif?u=1', src: '' },
      { complete: false, naturalWidth: 0, naturalHeight: 0, currentSrc: '', src: 'https://cdn.example/big.jpg' },
    ];
    const page = fakePage({ cookie: 'ui_lang=en', images, gpc: true, dnt: '0', status: 203 });
    const requests = [{ url: 'https://px.example/p.gif?u=1', type: 'image', timeMs: 5 }, { url: 'https://cdn.example/big.jpg', type: 'image', timeMs: 6 }];
    const seen = observePage(page, requests);
    assert.deepEqual(seen.requests, [{ ...requests[0], image: { width: 1, height: 1 } }, requests[1]]);
    assert.equal(requests[0].image, undefined, "the loader's list is not changed");
    assert.deepEqual(seen.signals, { gpc: true, dnt: false });
    assert.equal(seen.mainStatus, 203);
    assert.equal(seen.cookieText, 'ui_lang=en');
    assert.deepEqual(seen.page, { url: 'https://shop.example/p/item.html?x=1', title: 'Shop' });
    assert.deepEqual(seen.location, { hostname: 'shop.example', pathname: '/p/item.html', origin: 'https://shop.example' });
  });

  it('leaves the status out when the navigation entry has none (0: cross-origin or unknown)', () => {
    assert.equal(observePage(fakePage({ status: 0 }), []).mainStatus, undefined);
  });
});
