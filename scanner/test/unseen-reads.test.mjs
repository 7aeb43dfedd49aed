// The scanner reads a page's document (image sizes, links) without the page's scripts seeing it:
// shop.example/watched-reads.html wraps the getters such a read goes through, in the page and in
// a cross-site frame, and tells the testbed about every call a script not its own makes
// (/read-seen). Reads from the page's own JavaScript world (Playwright's page.evaluate) are seen;
// reads from an isolated world (scanner/src/isolated-world.mjs) are not.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { launchBrowser, visitBrowser } from '../src/browser.mjs';
import { capturePage } from '../src/capture.mjs';
import { discoverPages } from '../src/crawl.mjs';
import { readFrames } from '../src/isolated-world.mjs';
import { useTestbed } from '@trackscope/test-support';

describe('reads the page does not see (testbed)', () => {
  const suite = useTestbed('unseen-reads');
  const url = () => suite.bed.url('shop.example', '/watched-reads.html');
  const seen = () => suite.bed.received.filter(r => r.path.startsWith('/read-seen')).map(r => `${r.host}${r.path}`);

  test('the page notices a read from its own world (the test page works)', async () => {
    const context = await launchBrowser({ args: suite.bed.browserArgs });
    try {
      const page = await context.newPage();
      await page.goto(url(), { waitUntil: 'load' });
      const before = seen().length;
      await page.evaluate(() => Array.from(document.images, i => [i.naturalWidth, i.complete]));
      await page.frames()[1].evaluate(() => document.images.length);
      await new Promise(resolve => setTimeout(resolve, 500));
      const reports = seen().slice(before);
      assert.ok(reports.some(r => r.includes('frame=shop.example')), `the page: ${reports}`);
      assert.ok(reports.some(r => r.includes('frame=fp.tracker.example')), `the cross-site frame: ${reports}`);
      // The same reads from an isolated world: the values, and nothing seen.
      const values = await readFrames(page, () => ({ url: location.href, sizes: Array.from(document.images, i => [i.naturalWidth, i.naturalHeight]) }), null);
      assert.deepEqual(values.map(v => new URL(v.url).host).sort(), ['fp.tracker.example', 'shop.example']);
      assert.ok(values.every(v => v.sizes.length === 1 && v.sizes[0][0] === 1 && v.sizes[0][1] === 1), JSON.stringify(values));
      const [main] = await readFrames(page, () => location.host, null, { mainFrameOnly: true });
      assert.equal(main, 'shop.example');
      await new Promise(resolve => setTimeout(resolve, 500));
      assert.deepEqual(seen().slice(before + reports.length), []);
    } finally {
      await context.close();
    }
  });

  test('a scan measures the pixels of the page and of its cross-site frame unseen', async () => {
    const before = seen().length;
    const context = await launchBrowser({ args: suite.bed.browserArgs });
    let capture, error;
    try {
      ({ capture, error } = await capturePage(context, url(), { settleMs: 1000, visitor: null }));
    } finally {
      await context.close();
    }
    assert.equal(error, null);
    const pixels = capture.requests.filter(r => r.url.includes('px.gif?uid=u-5e7a11d0c3b9'));
    assert.equal(pixels.length, 2);
    for (const pixel of pixels) assert.deepEqual(pixel.image, { width: 1, height: 1 }, pixel.url);
    assert.deepEqual(seen().slice(before), []);
  });

  test('a crawl reads the links unseen', async () => {
    const before = seen().length;
    const browsers = visitBrowser({ args: suite.bed.browserArgs });
    let pages;
    try {
      pages = await discoverPages(url(), { browsers, maxPages: 5, depth: 1 });
    } finally {
      await browsers.close();
    }
    const paths = pages.map(p => new URL(p).pathname);
    assert.ok(paths.includes('/index.html') && paths.includes('/offer.html'), JSON.stringify(paths));
    assert.deepEqual(seen().slice(before), []);
  });
});
