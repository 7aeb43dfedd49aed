// HAR files written live by real producers — Playwright's recordHar and chrome-har (the converter
// browsertime and sitespeed.io use, fed with Chromium's DevTools protocol events) — of a testbed
// checkout page whose Meta Pixel (GET image and multipart POST) and GA4 hits go to the vendors'
// real host names, for a logged-in visitor whose Meta cookies ride along. Each must import with the
// right page, the pixels' accounts and events, and the cookies the hits sent.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { harFromMessages } from 'chrome-har';
import { launchBrowser } from '@trackscope/test-support';
import { cli, useTestbed } from '@trackscope/test-support';

// What chrome-har reads (its README: the Page and Network domains).
const CDP_EVENTS = ['Page.loadEventFired', 'Page.domContentEventFired', 'Page.frameStartedLoading', 'Page.frameAttached',
  'Page.frameScheduledNavigation', 'Page.frameRequestedNavigation', 'Page.navigatedWithinDocument', 'Network.requestWillBeSent',
  'Network.requestServedFromCache', 'Network.dataReceived', 'Network.responseReceived', 'Network.resourceChangedPriority',
  'Network.loadingFinished', 'Network.loadingFailed', 'Network.requestWillBeSentExtraInfo', 'Network.responseReceivedExtraInfo'];

const LOGGED_IN = [
  { name: 'c_user', value: '100012345678901' }, { name: 'xs', value: '21%3AaBcDeFgHiJkLmN%3A2%3A1764740000%3A-1%3A1234' },
  { name: 'datr', value: 'XyZaBcDeFgHiJkLmNoPqRsTu' }, { name: 'fr', value: '0AbCdEfGhIjKlMnOp.AWXyZ12345.BnQ0AA..AAA.0.0.BnQ0AA.AWV' },
].map(c => ({ ...c, domain: '.facebook.com', path: '/', secure: true, httpOnly: true, sameSite: 'None', expires: Math.floor(Date.now() / 1000) + 86400 * 90 }));

describe('HAR files written live by real producers', () => {
  const suite = useTestbed('live-har');

  async function record(producer, file) {
    const browser = await launchBrowser({ args: suite.bed.browserArgs });
    try {
      const options = { ignoreHTTPSErrors: true };
      if (producer === 'playwright') options.recordHar = { path: file, content: 'omit' };
      const context = await browser.browser().newContext(options);
      await context.addCookies(LOGGED_IN);
      const page = await context.newPage();
      const messages = [];
      if (producer === 'chrome-har') {
        const cdp = await context.newCDPSession(page);
        for (const method of CDP_EVENTS) cdp.on(method, params => messages.push({ method, params }));
        await cdp.send('Page.enable');
        await cdp.send('Network.enable');
      }
      await page.goto(suite.bed.url('shop.example', '/pixels.html'), { waitUntil: 'load' });
      await page.waitForTimeout(800);
      await context.close();
      if (producer === 'chrome-har') fs.writeFileSync(file, JSON.stringify(harFromMessages(messages, { includeTextFromResponseBody: false })));
    } finally {
      await browser.close();
    }
  }

  for (const producer of ['playwright', 'chrome-har']) {
    test(`${producer}: the page, the Meta Pixel and GA4 hits, the cookies they sent`, async () => {
      const har = path.join(suite.dir, `${producer}.har`);
      await record(producer, har);
      const creator = JSON.parse(fs.readFileSync(har, 'utf8')).log.creator.name;
      assert.match(creator, producer === 'playwright' ? /Playwright/ : /chrome-har/);
      const out = path.join(suite.dir, `${producer}.json`);
      const run = await cli(['analyze', har, '--json', out, '--quiet']);
      assert.equal(run.code, 0, run.stderr);
      const report = JSON.parse(fs.readFileSync(out, 'utf8'));
      assert.equal(report.page.url, 'https://shop.example/pixels.html');

      const pixels = report.beacons.filter(b => b.pixel).map(b => `${b.pixel.name} ${b.pixel.account} ${b.pixel.event}`).sort();
      const post = report.beacons.find(b => b.pixel?.name === 'Meta Pixel' && b.method === 'POST');
      assert.ok(post, pixels.join());
      if (producer === 'playwright') {
        // Playwright's recorder writes a multipart body as empty text (postData.text ""): the hit is
        // known by its endpoint only.
        assert.deepEqual(pixels, ['Google Analytics 4 G-8XK2Q4P1ZL page_view', 'Meta Pixel 1234567890123456 PageView', 'Meta Pixel null null']);
      } else {
        assert.deepEqual(pixels, ['Google Analytics 4 G-8XK2Q4P1ZL page_view', 'Meta Pixel 1234567890123456 AddToCart',
                                  'Meta Pixel 1234567890123456 PageView']);
        assert.deepEqual(post.pixel.dataFields.sort(), ['cd[content_name]', 'cd[currency]', 'cd[value]']);
      }

      // The logged-in visitor's cookies, seen in the Cookie headers of the pixel hits.
      const meta = report.sites.find(s => s.site === 'facebook.com');
      assert.ok(meta, report.sites.map(s => s.site).join());
      for (const { name } of LOGGED_IN) {
        const cookie = meta.cookies.find(c => c.name === name);
        assert.ok(cookie, `${name} in ${meta.cookies.map(c => c.name).join()}`);
        assert.equal(cookie.observed, 'sent');
        assert.equal(cookie.party, 'third');
      }
      assert.ok(meta.cookies.some(c => c.name === 'c_user' && c.purpose !== 'unclassified'));
    });
  }
});
