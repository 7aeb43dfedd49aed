// The presentation module on a real report from the core: groupings, the badge, the one CSV layout,
// the sanitiser, the words. (dom.mjs is exercised by the popup's and the widget's browser tests.)
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { createCore } from '@trackscope/core';
import { AD_ID, CAPTURE } from '@trackscope/test-support/fixtures';
import { CSV_COLUMNS, csvCell, reportToCsv } from '../csv.mjs';
import { advertisingTrackers, categoryLabel, comparisonGroups, detailsOf, itemsByCategory, requestTrackers, roleCategory } from '../model.mjs';
import { clip, escapeHtml, plural, safeText, shortUrl } from '../text.mjs';
import { consentRecordText, consentTag, itemTypeText, kindCountsText, setterText, signalHint, typeCounts } from '../words.mjs';

let report;
let core;
before(async () => {
  core = await createCore({ filters: false });
  const result = core.analyze(CAPTURE, { policy: 'default', includeValues: true });
  assert.ok(result.ok, JSON.stringify(result.error));
  report = result.report;
});

describe('model', () => {
  test('items by category, then by the tracker the core names', () => {
    const categories = itemsByCategory(report);
    assert.deepEqual(categories.map(c => c.id), report.policy.categories.map(c => c.id));
    const marketing = categories.find(c => c.id === report.policy.roles.advertising);
    assert.ok(marketing.roles.includes('advertising'), marketing.roles);
    assert.deepEqual(marketing.trackers.map(t => t.name).sort(), ['Meta Pixel', 'adnet.example']);  // _fbp: the catalog's vendor
    // _mt_id is a first-party cookie written by metrics.example's script: that tracker's, via its script.
    const metrics = categories.flatMap(c => c.trackers).find(t => t.name === 'metrics.example');
    assert.ok(metrics, JSON.stringify(categories.map(c => c.trackers.map(t => t.name))));
    assert.equal(metrics.via, 'https://collect.metrics.example/m.js');
    assert.ok(metrics.items.some(i => i.kind === 'cookie' && i.name === '_mt_id'));
    assert.ok(categories.flatMap(c => c.trackers).some(t => t.name === 'Facebook'), 'the Meta Pixel under its vendor');
    // Every item once; third parties first within a category; a tracker's cookies before its beacons.
    assert.equal(categories.reduce((n, c) => n + c.items.length, 0), report.items.length);
    for (const c of categories) {
      const parties = c.trackers.map(t => t.party);
      assert.deepEqual(parties, [...parties].sort((a, b) => (a === 'first') - (b === 'first')), c.id);
    }
  });

  test('details by pointer, the badge, roles and labels', () => {
    const adnet = report.items.find(i => i.name === 'adnet_uid');
    assert.equal(detailsOf(report, adnet).value, AD_ID);
    assert.equal(detailsOf(report, { ref: '/sites/99/cookies/0' }), null);
    assert.equal(detailsOf(report, {}), null);
    assert.equal(advertisingTrackers(report), 2);
    assert.equal(roleCategory(report, 'advertising').label, 'Marketing');
    assert.equal(categoryLabel(report, 'web-beacons'), 'Web beacons');
    const other = structuredClone(report);
    other.policy.roles.advertising = 'essential';
    assert.equal(advertisingTrackers(other), new Set(other.items.filter(i => i.category === 'essential').map(i => i.tracker)).size);
  });

  test('third parties that track by their requests alone: listed apart, by name', () => {
    assert.deepEqual(requestTrackers(report), [], 'every tracker of the fixture has items');
    const capture = { version: 1, page: { url: 'https://blog.example/post', title: 'A post' },
                      requests: [{ url: 'https://blog.example/post', type: 'main_frame', status: 200 },
                                 { url: 'https://securepubads.g.doubleclick.net/tag/js/gpt.js', type: 'script', status: 200 },
                                 { url: 'https://connect.facebook.net/en_US/sdk.js', type: 'script', status: 200 },
                                 { url: 'https://fonts.googleapis.com/css?family=Lato', type: 'stylesheet', status: 200 }] };
    const result = core.analyze(capture, { policy: 'default' });
    assert.ok(result.ok, JSON.stringify(result.error));
    const listed = requestTrackers(result.report);
    assert.deepEqual(listed.map(t => [t.name, t.site, t.purposes]),
                     [['Facebook', 'facebook.net', ['social']], ['Google/Doubleclick Ads', 'doubleclick.net', ['advertising']]]);
    assert.equal(itemsByCategory(result.report).flatMap(c => c.trackers).length, 0, 'no category shows them');
  });
});

describe('csv', () => {
  test('one row per item, the core\'s words, formulas defused', () => {
    const lines = reportToCsv(report, { phase: 'gpc-on' }).trimEnd().split('\r\n');
    assert.equal(lines[0], CSV_COLUMNS.join(','));
    assert.equal(lines.length - 1, report.items.length);
    const adnet = lines.find(l => l.includes(',adnet_uid,'));
    assert.ok(adnet.startsWith('https://shop.example/?gclid=abc123XYZ,gpc-on,cookie:adnet_uid@adnet.example/,cookie,adnet_uid,Marketing,advertising,'), adnet);
    assert.ok(adnet.includes(`,3 months,`));
    assert.ok(adnet.includes(AD_ID), 'values as the report has them (redact the report to mask them)');
    assert.equal(csvCell('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
    assert.equal(csvCell('@sum'), "'@sum");
    assert.equal(csvCell('a\nb'), '"a\nb"');
    assert.equal(csvCell(null), '');
  });
});

describe('text and words', () => {
  test('control and bidi-override characters become visible escapes', () => {
    assert.equal(safeText('a\u001b[2Jb\u0007'), 'a\\x1b[2Jb\\x07');
    assert.equal(safeText('evil\u202Etxt.exe\u2066'), 'evil\\u202etxt.exe\\u2066');
    assert.equal(safeText(null), '');
    assert.equal(clip('abcdef', 4), 'abc…');
    assert.equal(escapeHtml('<b a="1">\u0000'), '&lt;b a=&quot;1&quot;&gt;\\x00');
    assert.equal(plural(1, 'entry', 'entries'), '1 entry');
    assert.equal(plural(2, 'cookie'), '2 cookies');
    assert.equal(shortUrl('https://x.example/a/b?q=1#f'), 'x.example/a/b');
    assert.equal(shortUrl('nope'), 'nope');
  });

  test('words for items, setters, counts, records and verdict codes', () => {
    const pixel = report.items.find(i => i.kind === 'beacon' && i.host === 'pixel.adnet.example');
    assert.equal(itemTypeText(pixel, detailsOf(report, pixel)), 'tracking pixel');
    const storage = report.items.find(i => i.kind === 'storage');
    assert.equal(itemTypeText(storage, detailsOf(report, storage)), 'local storage');
    assert.equal(setterText({ kind: 'script', url: 'https://cdn.example/tag.js?v=1' }), 'script cdn.example/tag.js');
    assert.equal(setterText({ kind: 'script', url: '' }), 'inline script');
    assert.equal(setterText({ kind: 'unknown' }), '');
    assert.equal(kindCountsText({ cookie: 2, beacon: 1, storage: 0 }), '2 cookies · 1 beacon');
    assert.deepEqual(typeCounts([{ type: 'image' }, { type: 'script' }, { type: 'image' }]), ['2 images', '1 script']);
    assert.equal(consentRecordText({ optedOut: true, gpc: true }), 'opt-out recorded, GPC flag on');
    assert.equal(consentRecordText({ optedOut: null, gpc: null }), null);
    assert.deepEqual(consentTag({ consentGiven: true, optedOut: null }), { tone: 'warn', text: 'grants consent' });
    assert.equal(consentTag({ consentGiven: null, optedOut: null }), null);
    assert.match(signalHint('record-ignores'), /US state laws/);
    assert.equal(signalHint('no-tracking'), null);
  });
});

describe('signal comparisons', () => {
  const item = (name, tracking) => ({ id: `cookie:${name}`, kind: 'cookie', name, tracking });
  const comparison = {
    trackers: { dropped: [{ ...item('adnet.example', true), kind: 'tracker' }], persisting: [], new: [] },
    categories: [
      { id: 'essential', label: 'Essential', dropped: [], persisting: [item('session', false)], new: [] },
      { id: 'marketing', label: 'Marketing', dropped: [item('_fbp', true)], persisting: [item('_ga', true)], new: [item('pref', false)] },
    ],
  };

  test('comparisonGroups: the groups with a tracking item, their tracking items only', () => {
    const groups = comparisonGroups(comparison);
    assert.deepEqual(groups.map(g => g.label), ['Trackers', 'Marketing']);
    assert.deepEqual(groups[1], { label: 'Marketing', dropped: [item('_fbp', true)], persisting: [item('_ga', true)], new: [] });
  });
});
