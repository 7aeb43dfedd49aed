// merge.mjs: the site's scan report merged with what the page shows into one Capture, with the
// origin of every item; and the rule that adopts the scan's verdict for an item the live view
// leaves unclassified. The last tests run the real core (Node build) on the merged capture.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { before, describe, it } from 'node:test';
import { createCore } from '@trackscope/core';
import {
  adoptScanVerdicts, cookieId, itemOrigin, mergeCapture, parseCookieText, unmasked, visibleTo, wellKnownFrom,
} from '../src/ui/merge.mjs';

const SHOP = new URL('../../tests/testbed/sites/shop.example/', import.meta.url);
const SCAN = JSON.parse(fs.readFileSync(new URL('trackscope-report.json', SHOP), 'utf8'));
const POLICY = JSON.parse(fs.readFileSync(new URL('trackscope-policy.json', SHOP), 'utf8'));
const NOW = Date.parse('2027-01-10T12:00:00Z');
const HERE = { hostname: 'shop.example', pathname: '/widget.html', origin: 'https://shop.example' };

// A small scan report: a cookie per case, a storage item with a masked value, a pixel.
function scanOf({ cookies = [], storage = [], requests = [], beacons = [], privacy } = {}) {
  return { format: 'trackscope-report', version: 2, sites: [{ site: 'shop.example', cookies, requests }], storage, beacons, privacy,
           items: [], trackers: [], findings: [], policy: { id: 'shop', categories: [] } };
}
const cookie = (name, extra = {}) => ({ name, value: 'v', domain: 'shop.example', path: '/', hostOnly: true, httpOnly: false,
                                        secure: true, sameSite: 'lax', session: false, lifetimeDays: 30, ...extra });

function merge(observed, scan) {
  return mergeCapture({ page: { url: 'https://shop.example/widget.html', title: 'Shop' }, location: HERE, signals: { dnt: false, gpc: true },
                        now: NOW, ...observed, scan });
}

describe('merge', () => {
  it('parses document.cookie, a cookie without "=" having an empty name', () => {
    assert.deepEqual(parseCookieText('a=1; b=x=y; bare'), [{ name: 'a', value: '1' }, { name: 'b', value: 'x=y' }, { name: '', value: 'bare' }]);
    assert.deepEqual(parseCookieText(''), []);
  });

  it('adds an HttpOnly scan cookie with origin "scan" and its facts', () => {
    const scan = scanOf({ cookies: [cookie('sid', { httpOnly: true, session: true, lifetimeDays: null, setBy: { kind: 'http', url: 'https://shop.example/' } })] });
    const { capture, origin } = merge({ cookieText: 'other=1' }, scan);
    const sid = capture.cookies.find(c => c.name === 'sid');
    assert.deepEqual(sid, { name: 'sid', value: 'v', domain: 'shop.example', path: '/', hostOnly: true, httpOnly: true, secure: true,
                            sameSite: 'lax', setBy: { kind: 'http', url: 'https://shop.example/' } });
    assert.equal(origin.items.get('cookie:sid@shop.example/'), 'scan');
    assert.equal(origin.items.get('cookie:other@shop.example/'), 'live');
  });

  it("gives a live cookie the scan's facts (lifetime re-based on now, setter) and origin 'both'", () => {
    const scan = scanOf({ cookies: [cookie('ui_lang', { lifetimeDays: 365, setBy: { kind: 'script', url: 'https://cdn.shop.example/app.js' } })] });
    const { capture, origin } = merge({ cookieText: 'ui_lang=de' }, scan);
    assert.deepEqual(capture.cookies, [{ name: 'ui_lang', value: 'de', domain: 'shop.example', path: '/', hostOnly: true, httpOnly: false,
                                         secure: true, sameSite: 'lax', expires: NOW / 1000 + 365 * 86400,
                                         setBy: { kind: 'script', url: 'https://cdn.shop.example/app.js' } }]);
    assert.equal(origin.items.get('cookie:ui_lang@shop.example/'), 'both');
  });

  it("tells the core a script-only cookie is a host-only session cookie of the page's host", () => {
    const { capture, origin } = merge({ cookieText: 'late=1' }, null);
    assert.deepEqual(capture.cookies, [{ name: 'late', value: '1', domain: 'shop.example' }]);
    assert.equal(origin.items.get('cookie:late@shop.example/'), 'live');
  });

  it('matches a live cookie only with a scan cookie this document can see (domain, path, HttpOnly)', () => {
    const cases = [
      [{ hostOnly: true, domain: 'shop.example' }, true],
      [{ hostOnly: true, domain: 'www.shop.example' }, false],
      [{ hostOnly: false, domain: 'shop.example' }, true, { hostname: 'www.shop.example', pathname: '/' }],
      [{ hostOnly: false, domain: 'hop.example' }, false],
      [{ path: '/p' }, true, { hostname: 'shop.example', pathname: '/p/item' }],
      [{ path: '/p' }, false, { hostname: 'shop.example', pathname: '/pa' }],
      [{ path: '/p/' }, true, { hostname: 'shop.example', pathname: '/p/x' }],
      [{ httpOnly: true }, false],
    ];
    for (const [facts, visible, loc = HERE] of cases) assert.equal(visibleTo(cookie('c', facts), loc), visible, JSON.stringify([facts, loc]));
  });

  it('takes the most specific path first when the scan has the name twice', () => {
    const scan = scanOf({ cookies: [cookie('c', { path: '/' }), cookie('c', { path: '/widget.html' })] });
    const { capture, origin } = merge({ cookieText: 'c=deep; c=top' }, scan);
    assert.deepEqual(capture.cookies.map(c => [c.value, c.path]), [['deep', '/widget.html'], ['top', '/']]);
    assert.equal(origin.items.get(cookieId('c', 'shop.example', '/widget.html')), 'both');
  });

  it('passes no identifier mask as a value', () => {
    const scan = scanOf({
      cookies: [cookie('uid', { value: '•••• (32 chars)', httpOnly: true })],
      storage: [{ area: 'localStorage', origin: 'https://shop.example', key: '_mt_uid', value: '•••• (36 chars)' },
                { area: 'localStorage', origin: 'https://shop.example', key: 'plain', value: 'dark' }],
    });
    const { capture } = merge({}, scan);
    assert.equal(capture.cookies.find(c => c.name === 'uid').value, '');
    assert.deepEqual(capture.events.map(e => [e.key, e.value]), [['_mt_uid', ''], ['plain', 'dark']]);
    assert.equal(unmasked('••••'), '');
    assert.equal(unmasked('a•••'), 'a•••');
  });

  it("adds the scan's storage in its origin's frame, unless the page shows the same item", () => {
    const scan = scanOf({ storage: [{ area: 'sessionStorage', origin: 'https://shop.example', key: 'ui_theme', value: 'light' },
                                    { area: 'localStorage', origin: 'https://widgets.example', key: 'w', value: '1' }] });
    const { capture, origin } = merge({ storage: [{ area: 'sessionStorage', key: 'ui_theme', value: 'dark' }] }, scan);
    assert.deepEqual(capture.events, [
      { kind: 'storage-write', api: 'sessionStorage.setItem', key: 'ui_theme', value: 'dark' },
      { kind: 'storage-write', api: 'localStorage.setItem', key: 'w', value: '1', frameUrl: 'https://widgets.example/' }]);
    assert.equal(origin.items.get('storage:sessionStorage:https://shop.example:ui_theme'), 'live');
    assert.equal(origin.items.get('storage:localStorage:https://widgets.example:w'), 'scan');
  });

  it("adds the scan's requests to hosts this load has not contacted, with the pixel size the scan measured", () => {
    const scan = scanOf({
      requests: [{ url: 'https://pixel.adnet.example/px.gif?uid=1', host: 'pixel.adnet.example', type: 'image' },
                 { url: 'https://www.facebook.com/tr?id=1', host: 'www.facebook.com', type: 'image' }],
      beacons: [{ endpoint: 'https://www.facebook.com/tr', image: { width: 1, height: 1 } }],
    });
    const live = [{ url: 'https://pixel.adnet.example/px.gif?uid=2', type: 'image', timeMs: 3 }];
    const { capture, origin } = merge({ requests: live, mainStatus: 200 }, scan);
    assert.deepEqual(capture.requests, [
      { url: 'https://shop.example/widget.html', type: 'main_frame', status: 200 }, live[0],
      { url: 'https://www.facebook.com/tr?id=1', type: 'image', image: { width: 1, height: 1 } }]);
    assert.equal(itemOrigin(origin, { kind: 'beacon', host: 'www.facebook.com' }), 'scan');
    assert.equal(itemOrigin(origin, { kind: 'beacon', host: 'pixel.adnet.example' }), 'live');
    assert.deepEqual(capture.signals, { dnt: false, gpc: true });
    assert.equal(capture.page.capturedAt, '2027-01-10T12:00:00.000Z');
  });

  it("restates the scan's well-known results the core can judge again, and only those", () => {
    const privacy = (gpcJson, dntPolicy) => ({ privacy: { gpcJson, dntPolicy } });
    assert.deepEqual(wellKnownFrom(privacy({ status: 'valid', httpStatus: 200, gpc: true, lastUpdate: '2026-01-15' }, { status: 'eff' })),
                     { gpcJson: { status: 200, body: '{"gpc":true,"lastUpdate":"2026-01-15"}' } });
    assert.deepEqual(wellKnownFrom(privacy({ status: 'absent', httpStatus: 404 }, { status: 'absent', httpStatus: 404 })),
                     { gpcJson: { status: 404, body: '' }, dntPolicy: { status: 404, body: '' } });
    assert.equal(wellKnownFrom(privacy({ status: 'invalid', reason: 'x' }, { status: 'not-fetched' })), null);
    assert.equal(wellKnownFrom(null), null);
  });
});

describe('adoptScanVerdicts', () => {
  const item = (id, purpose, category, extra = {}) => ({ id, kind: 'beacon', name: id, purpose, category, confidence: 0.5,
                                                        tracking: purpose !== 'unclassified', evidence: `${purpose} evidence`, ...extra });
  const report = (items, findings = [], id = 'shop') => ({ policy: { id, categories: [{ id: 'stats' }, { id: 'other' }] }, items, findings });
  const live = report([item('beacon:a/x', 'unclassified', 'other'), item('beacon:b/y', 'unclassified', 'other')],
                      [{ kind: 'undeclared-cookie', itemId: 'beacon:a/x', message: 'live a' }, { kind: 'x', itemId: 'beacon:b/y', message: 'live b' }]);
  const scan = report([item('beacon:a/x', 'analytics', 'stats', { confidence: 0.9 }), item('beacon:c/z', 'advertising', 'stats')],
                      [{ kind: 'category-mismatch', itemId: 'beacon:a/x', message: 'scan a' },
                       { kind: 'before-consent', itemId: 'beacon:a/x', message: 'scan consent' }]);

  it("takes the scan's verdict and findings for an item the live view leaves unclassified", () => {
    const { report: merged, adopted } = adoptScanVerdicts(live, scan);
    assert.deepEqual([...adopted.keys()], ['beacon:a/x']);
    assert.deepEqual(merged.items[0], { ...live.items[0], purpose: 'analytics', category: 'stats', confidence: 0.9, tracking: true,
                                        evidence: 'analytics evidence' });
    assert.equal(merged.items[1], live.items[1], 'no scan item with that id');
    assert.deepEqual(merged.findings.map(f => f.message), ['live b', 'scan a'], "the scan's findings for it, not its before-consent ones");
    assert.equal(live.items[0].purpose, 'unclassified', 'the live report is not changed');
  });

  it('adopts nothing under another policy, or into a category the live policy does not have', () => {
    assert.equal(adoptScanVerdicts(live, { ...scan, policy: { id: 'other' } }).adopted.size, 0);
    const elsewhere = report([item('beacon:a/x', 'analytics', 'gone')]);
    assert.equal(adoptScanVerdicts(live, elsewhere).report, live);
    assert.equal(adoptScanVerdicts(live, null).report, live);
  });

  it('keeps a live verdict that is not unclassified', () => {
    const classified = report([item('beacon:a/x', 'functional', 'other')]);
    assert.equal(adoptScanVerdicts(classified, scan).adopted.size, 0);
  });
});

describe('merge with the core', () => {
  let core;
  before(async () => { core = await createCore({ filters: false }); });

  it("names items as the core does: every merged cookie and storage item is one of the report's items, with its origin", () => {
    const requests = [{ url: 'https://pixel.adnet.example/px.gif?uid=u-5f2a9c1e7b3d&ev=pageview', type: 'image', image: { width: 1, height: 1 } },
                      { url: 'https://collect.metrics.example/m.js', type: 'script' }];
    const { capture, origin } = merge({ cookieText: 'ui_lang=en; late=1', storage: [{ area: 'sessionStorage', key: 'ui_theme', value: 'dark' }],
                                        requests }, SCAN);
    const result = core.analyze(capture, { policy: POLICY });
    assert.ok(result.ok, JSON.stringify(result.error));
    const ids = new Set(result.report.items.map(i => i.id));
    for (const id of origin.items.keys()) assert.ok(ids.has(id), `${id} among ${[...ids]}`);
    const originOf = Object.fromEntries(result.report.items.map(i => [i.id, itemOrigin(origin, i)]));
    assert.equal(originOf['cookie:ui_lang@shop.example/'], 'both');
    assert.equal(originOf['cookie:late@shop.example/'], 'live');
    assert.equal(originOf['cookie:shop_session@shop.example/'], 'scan');
    assert.equal(originOf['cookie:adnet_uid@adnet.example/'], 'scan');
    assert.equal(originOf['beacon:pixel.adnet.example/px.gif'], 'live');
    assert.equal(originOf['beacon:www.facebook.com/tr'], 'scan');
    assert.equal(originOf['storage:localStorage:https://shop.example:_mt_uid'], 'scan');
    const lang = result.report.items.find(i => i.id === 'cookie:ui_lang@shop.example/');
    assert.equal(lang.lifetime, '1 year', "the scan's lifetime, re-based on now");
  });

  it("lets the core judge the site's stance with the scan's gpc.json", () => {
    const scan = { ...SCAN, privacy: { ...SCAN.privacy, gpcJson: { status: 'valid', httpStatus: 200, gpc: true, lastUpdate: null } } };
    const { capture } = merge({ cookieText: '' }, scan);
    const { report } = core.analyze(capture, {});
    assert.deepEqual(report.privacy.gpc.sources, [{ source: 'gpc.json', stance: 'honoured' }]);
    assert.equal(report.privacy.gpc.declared, 'honoured');
  });
});
