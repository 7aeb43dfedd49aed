// Consent managers' declarations as real sites published them (cmp/SOURCES.md), through the WASM
// package the front ends use: Cookiebot's cc.js of purplemath.com and gamefly.com, OneTrust's
// cookie list of metabomb.net and a Complianz cookie policy convert into declarations, and a page
// is checked against them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { createCore } from '@trackscope/core';

const read = name => fs.readFileSync(new URL(`./cmp/${name}`, import.meta.url), 'utf8');
const core = await createCore();

describe('real consent-manager declarations', () => {
  test('the URLs the CMPs serve them from are recognised, and nothing else', () => {
    assert.equal(core.cmpDocumentOf('https://consent.cookiebot.com/38e1da47-6b78-4193-8031-61d6f2fa024e/cc.js?renew=false&referer=www.gamefly.com&dnt=false'), 'Cookiebot');
    assert.equal(core.cmpDocumentOf('https://cdn.cookielaw.org/consent/32083dcf-5370-4a31-b304-4d087dae7d42/eb848949-a6d2-47e9-910d-302932250873/en.json'), 'OneTrust');
    assert.equal(core.cmpDocumentOf('https://consent.cookiebot.com/uc.js'), null);
    assert.equal(core.cmpDocumentOf('https://www.gamefly.com/'), null);
    // Complianz's banner never loads its declaration: its script names the REST document to fetch.
    const rest = core.cmpDocumentToFetch('https://www.popcet.example/wp-content/plugins/complianz-gdpr/cookiebanner/js/complianz.min.js?ver=1679900000');
    assert.equal(rest, 'https://www.popcet.example/wp-json/complianz/v1/documents/');
    assert.equal(core.cmpDocumentOf(rest), 'Complianz');
    assert.equal(core.cmpDocumentToFetch('https://consent.cookiebot.com/uc.js'), null);
  });

  test('a Complianz cookie policy (popcet): services the vendor data knows declare their vendors', () => {
    const body = JSON.stringify([{ id: 'cookie-statement', title: 'Cookie Policy (EU)', content: read('complianz-popcet-cookie-policy.html') }]);
    const url = 'https://www.popcet.example/wp-json/complianz/v1/documents/';
    const now = Date.parse('2023-03-27T12:00:00Z') / 1000;
    const capture = {
      version: 1,
      page: { url: 'https://www.popcet.example/', capturedAt: '2023-03-27T12:00:00Z' },
      requests: [
        { url: 'https://www.facebook.com/tr/?id=123456789&ev=PageView&dl=https%3A%2F%2Fwww.popcet.example%2F', type: 'image' },
        { url: 'https://bat.bing.com/action/0?ti=5555555&evt=pageLoad', type: 'image' },
      ],
      cookies: [
        { name: '_ga', value: 'GA1.2.1234567890.1679918400', domain: '.popcet.example', path: '/', expires: now + 730 * 86400 },
        { name: '_uetvid', value: '0123456789abcdef0123456789abcdef', domain: '.popcet.example', path: '/', expires: now + 390 * 86400 },
      ],
      wellKnown: { cmp: [{ url, body }] },
    };
    const result = core.analyze(capture, { policy: 'consent-manager' });
    assert.equal(result.ok, true, JSON.stringify(result.error));
    const { report } = result;
    assert.equal(report.policy.declaration.cmp, 'Complianz');
    const messages = JSON.stringify(report.findings.map(f => f.message), null, 1);
    // Facebook is a declared service; Microsoft's Bing tag and its cookie are not in the policy.
    assert.deepEqual(report.findings.filter(f => f.kind === 'undeclared-tracker').map(f => f.site), ['bing.com'], messages);
    assert.deepEqual(report.findings.filter(f => f.kind === 'undeclared-cookie').map(f => f.item), ['_uetvid'], messages);
    assert.ok(!report.findings.some(f => f.kind === 'declared-not-seen' && f.item === 'Facebook'), messages);
  });

  test('purplemath.com (Cookiebot): tables of every kind, in the consent-manager policy\'s categories', () => {
    const r = core.cmpDeclaration([{ url: 'https://consent.cookiebot.com/57947215-bf68-4a54-a017-454edced5413/cc.js', body: read('cookiebot-purplemath-cc.js') }],
                                  'https://www.purplemath.com/', 'consent-manager');
    assert.equal(r.ok, true, JSON.stringify(r.error));
    assert.equal(r.cmp, 'Cookiebot');
    const c = r.declaration.categories;
    assert.ok(c.necessary.cookies.some(k => k.name === 'PHPSESSID*' && k.lifetime === 'session'), JSON.stringify(c.necessary));
    assert.ok(c.statistics.cookies.some(k => k.name === '_ga' && k.domain === 'purplemath.com' && k.lifetime === '2 years'));
    assert.ok(c.preferences.cookies.some(k => k.name === 'Mathway.Culture' && k.domain === 'mathway.com'));
    assert.ok(c.marketing.cookies.some(k => k.name === 'IDE' && k.domain === 'doubleclick.net'));
    assert.ok(c.marketing.vendors.includes('doubleclick.net'));
    // The HTML (local storage) rows are counted, not declared as cookies.
    assert.match(r.notes.map(n => n.message).join(' '), /local-storage entr(y|ies) not checked/);
  });

  test('gamefly.com (Cookiebot): a page checked against it — the real _gat_UA-… matches the declared _gat', () => {
    const url = 'https://consent.cookiebot.com/38e1da47-6b78-4193-8031-61d6f2fa024e/cc.js';
    const now = Date.parse('2021-03-11T12:00:00Z') / 1000;
    const capture = {
      version: 1,
      page: { url: 'https://www.gamefly.com/', capturedAt: '2021-03-11T12:00:00Z' },
      cookies: [
        { name: '_gat_UA-29434552-8', value: '1', domain: '.gamefly.com', path: '/', expires: now + 60 },
        { name: '_ga', value: 'GA1.2.1234567890.1615464000', domain: '.gamefly.com', path: '/', expires: now + 730 * 86400 },
        { name: '_pin_unauth', value: 'dWlkPU5qRXhNbVF3', domain: '.gamefly.com', path: '/', expires: now + 365 * 86400 },
      ],
      wellKnown: { cmp: [{ url, body: read('cookiebot-gamefly-cc.js') }] },
    };
    const result = core.analyze(capture, { policy: 'consent-manager' });
    assert.equal(result.ok, true, JSON.stringify(result.error));
    const { report } = result;
    assert.equal(report.policy.declaration.cmp, 'Cookiebot');
    const undeclared = report.findings.filter(f => f.kind === 'undeclared-cookie').map(f => f.item);
    assert.deepEqual(undeclared, ['_pin_unauth'], JSON.stringify(report.findings.map(f => f.message), null, 1));
    assert.ok(!report.findings.some(f => f.kind === 'lifetime-exceeds-declared'), 'declared "2 years" and "1 day" hold');
  });

  test('metabomb.net (OneTrust): first-party and host cookies with their lifetimes in days', () => {
    const r = core.cmpDeclaration([{ url: 'https://cdn.cookielaw.org/consent/32083dcf-5370-4a31-b304-4d087dae7d42/eb848949-a6d2-47e9-910d-302932250873/en.json',
                                     body: read('onetrust-metabomb-en.json') }], 'https://www.metabomb.net/', 'consent-manager');
    assert.equal(r.ok, true, JSON.stringify(r.error));
    assert.equal(r.cmp, 'OneTrust');
    const all = Object.entries(r.declaration.categories).flatMap(([cat, l]) => (l.cookies ?? []).map(k => ({ cat, ...k })));
    assert.ok(all.some(k => k.name === 'OptanonConsent' && k.cat === 'necessary' && k.domain === 'metabomb.net' && k.lifetime === '1 year'));
    assert.ok(all.some(k => k.name === '__cfduid' && k.domain === 'onetrust.com' && k.lifetime === '30 days'));
    assert.ok(r.declaration.categories.marketing.vendors.length >= 20);
  });
});
