// Who the scan visits as (profile.mjs): a logged-in state, cookies, headers, a device, locale,
// time zone and geolocation — checked in what the browser sent and the page saw, and said in the
// report; bad values refused with the reason.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { cli, useTestbed } from '@trackscope/test-support';
import { parseProfile } from '../src/profile.mjs';

const read = text => () => text;

describe('scan profile', () => {
  test('parseProfile: what it accepts, and the reason for what it refuses', () => {
    const ok = parseProfile({ device: 'Pixel 7', locale: 'de-de', timezone: 'Europe/Berlin', geolocation: '52.52, 13.405',
                              cookie: ['session=a=b'], header: ['Authorization: Bearer x'] }, { readFile: read('') });
    assert.ok(ok.ok, ok.message);
    assert.deepEqual(ok.profile, { device: 'Pixel 7', locale: 'de-DE', timezone: 'Europe/Berlin', geolocation: { latitude: 52.52, longitude: 13.405 },
                                   cookies: [{ name: 'session', value: 'a=b' }], headers: { authorization: 'Bearer x' } });
    const refused = [
      [{ device: 'iPhone 99' }, /--device: unknown device "iPhone 99"; did you mean "iPhone /],
      [{ locale: 'not a tag' }, /--locale: "not a tag" is not a language tag/],
      [{ timezone: 'Mars/Olympus' }, /--timezone: "Mars\/Olympus" is not an IANA time zone/],
      [{ geolocation: '95,10' }, /--geolocation takes LATITUDE,LONGITUDE, got "95,10"/],
      [{ cookie: ['novalue'] }, /--cookie takes NAME=VALUE, got "novalue"/],
      [{ header: ['Bad Header: x'] }, /--header takes "NAME: VALUE"/],
      [{ header: ['Sec-GPC: 1'] }, /use --gpc or --dnt/],
    ];
    for (const [opts, message] of refused) {
      const r = parseProfile(opts, { readFile: read('') });
      assert.equal(r.ok, false, JSON.stringify(opts));
      assert.match(r.message, message);
    }
    assert.match(parseProfile({ 'storage-state': 's.json' }, { readFile: read('{"origins": []}') }).message,
                 /--storage-state s\.json: expected Playwright's storage state/);
    assert.match(parseProfile({ 'storage-state': 's.json' }, { readFile: read('{"cookies": [{"name": 1}]}') }).message,
                 /\$\.cookies\[0\]: expected \{name, value, domain/);
  });

  const suite = useTestbed('profile');
  const { browserArgs } = suite;
  test('a logged-in, German, mobile visit with a header: sent, seen, and said in the report', async () => {
    const state = path.join(suite.dir, 'state.json');
    fs.writeFileSync(state, JSON.stringify({ cookies: [{ name: 'logged_in', value: 'u-1042', domain: 'shop.example', path: '/',
      expires: -1, httpOnly: true, secure: true, sameSite: 'Lax' }], origins: [] }));
    const capturePath = path.join(suite.dir, 'capture.json');
    const { code, stdout, stderr } = await cli(['scan', suite.bed.url('shop.example', '/'), ...browserArgs(), '--no-visitor',
      '--storage-state', state, '--cookie', 'ab_test=B7', '--header', 'X-Audit-Run: 7', '--device', 'iPhone 13',
      '--locale', 'de-DE', '--timezone', 'Europe/Berlin', '--geolocation', '52.52,13.405', '--format', 'json', '--save-capture', capturePath]);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(stdout);
    assert.deepEqual(report.page.visit.setup, { cookies: 'ab_test', device: 'iPhone 13', geolocation: '52.52,13.405',
                                                headers: 'x-audit-run', locale: 'de-DE', storageState: 'state.json', timezone: 'Europe/Berlin' });
    assert.match(report.page.visit.userAgent, /iPhone/);
    const capture = JSON.parse(fs.readFileSync(capturePath, 'utf8'));
    const doc = capture.requests.find(r => r.type === 'main_frame');
    const header = name => Object.entries(doc.requestHeaders ?? {}).find(([n]) => n.toLowerCase() === name)?.[1];
    assert.equal(header('x-audit-run'), '7');
    assert.match(header('accept-language') ?? '', /^de-DE/);
    assert.match(header('cookie') ?? '', /logged_in=u-1042/);
    assert.match(header('cookie') ?? '', /ab_test=B7/);
    assert.ok(report.items.some(i => i.id === 'cookie:logged_in@shop.example/'), 'the logged-in cookie is in the report');
    assert.ok(!JSON.stringify(report.page.visit).includes('u-1042'), 'no cookie value in the report\'s setup');
  });
});
