// The evasion set (tests/testbed/sites/evasion.example, OBSERVER.md): pages that look for an
// observer — each in its own way — and track only when they see none. Every page of the folder is
// tested, so a page added with a new technique fails here until the observers answer it:
//  1. calibration: an ordinary browser without any observer, used by a person (pointer, wheel,
//     time), is never taken for an observer — every page tracks;
//  2. the scanner reports each page's tracking: its first-party cookie, the ad pixel's cookie and
//     the beacon — observing with its in-page instrumentation, and through the DevTools protocol;
//  3. the extension's popup lists the same, with the person's input coming from the test.
// On every page the page first imitates the observers' channels (track.js): nothing it forges
// may reach a report or the popup.
//
//   npm run build -w extension && node --test tests/evasion/
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchBrowser, startTestbed } from '@trackscope/test-support';
import { NOT_BUILT, built, launchWithExtension, openPopup, tabIdOf, waitFor } from '@trackscope/test-support/extension';
import { scanUrl } from 'trackscope';
import { visitBrowser } from 'trackscope/browser';
import { actAsVisitor } from 'trackscope/visitor';

const SET_DIR = fileURLToPath(new URL('../testbed/sites/evasion.example/', import.meta.url));
const PAGES = fs.readdirSync(SET_DIR).filter(f => f.endsWith('.html')).sort();
if (!built()) throw new Error(NOT_BUILT);

// What every page does when it sees no observer, as item ids of the report (core/src/analyze/items.cc).
const TRACKING = [
  ['its first-party cookie', id => /^cookie:_ev_uid@evasion\.example\//.test(id)],
  ['the ad pixel\'s cookie', id => /^cookie:adnet_uid@\.?adnet\.example\//.test(id)],
  ['its beacon', id => /^beacon:.*collect\.metrics\.example/.test(id)],
];
const FORGED = /forge[rd]/;

// Problems with one front end's item ids for `page`, as lines.
function check(page, ids, where) {
  const problems = TRACKING.filter(([, found]) => !ids.some(found)).map(([what]) => `${page}: ${where} misses ${what}`);
  const forged = ids.filter(id => FORGED.test(id));
  if (forged.length) problems.push(`${page}: ${where} lists forged items: ${forged.join(', ')}`);
  return problems;
}

describe('the evasion set', () => {
  let bed;
  before(async () => { bed = await startTestbed(); });
  after(async () => { await bed?.close(); });
  const url = page => bed.url('evasion.example', `/${page}`);
  // Why the page held back, as it told the testbed (/detected?why=...).
  const why = page => bed.received.filter(r => r.host === 'evasion.example' && r.path.startsWith(`/detected?page=${page.replace('.html', '')}`))
    .map(r => decodeURIComponent(r.path.slice(r.path.indexOf('why=') + 4))).join(' | ');

  // Visits `page` in `context` as a person does; resolves to the page (its title says what it did).
  async function visitAsPerson(context, page) {
    const tab = await context.newPage();
    const startedAt = Date.now();
    await tab.goto(url(page), { waitUntil: 'load' });
    await actAsVisitor(tab, { dwellMs: 2500, startedAt });
    await waitFor(async () => /^(tracked|observer seen)/.test(await tab.title()), `${page} to decide`, 5000).catch(() => {});
    return tab;
  }

  test('the set has pages, each of them honest: in a browser without observer every page tracks', async () => {
    assert.ok(PAGES.length >= 8, `only ${PAGES.length} pages in the evasion set`);
    const context = await launchBrowser({ args: bed.browserArgs });
    const problems = [];
    try {
      for (const page of PAGES) {
        const tab = await visitAsPerson(context, page);
        const title = await tab.title();
        if (title !== 'tracked') problems.push(`${page}: a browser without observer was taken for one: ${title}`);
        await tab.close();
      }
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, []);
  });

  for (const observe of ['script', 'devtools']) test(`the scanner (--observe ${observe}) reports the tracking of every page, and nothing forged`, async () => {
    const browsers = visitBrowser({ args: bed.browserArgs });
    const problems = [];
    try {
      for (const page of PAGES) {
        const { report, error } = await scanUrl(url(page), { browsers, settleMs: 1500, observe });
        if (!report) { problems.push(`${page}: no report (${error})`); continue; }
        const found = check(page, report.items.map(i => i.id), `the scanner (${observe})`);
        if (found.length && why(page)) found.push(`${page}: the page saw the scanner: ${why(page)}`);
        problems.push(...found);
        assert.ok(report.page.visit?.automationHidden, `${page}: the report says what the scanner simulated`);
      }
    } finally {
      await browsers.close();
    }
    assert.deepEqual(problems, []);
  });

  test('the extension\'s popup lists the tracking of every page, and nothing forged', async () => {
    const ext = await launchWithExtension(bed.browserArgs);
    const problems = [];
    try {
      const blank = await ext.context.newPage();
      await blank.goto(ext.extensionUrl('manifest.json'));
      for (const page of PAGES) {
        const tab = await visitAsPerson(ext.context, page);
        const tabId = await tabIdOf(blank, tab.url());
        let ids = [];
        await waitFor(async () => {
          const popup = await openPopup(ext.context, ext.extensionUrl, tabId);
          ids = await popup.locator('.item[data-item-id]').evaluateAll(nodes => nodes.map(n => n.dataset.itemId));
          await popup.close();
          return TRACKING.every(([, found]) => ids.some(found));
        }, `the popup of ${page} to list its tracking`, 8000).catch(() => {});
        const found = check(page, ids, 'the popup');
        if (found.length && why(page)) found.push(`${page}: the page saw the extension: ${why(page)}`);
        problems.push(...found);
        await tab.close();
      }
    } finally {
      await ext.context.close();
    }
    assert.deepEqual(problems, []);
  });
});
