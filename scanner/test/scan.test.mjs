// End-to-end: the CLI scans the testbed in headless Chromium and writes its reports.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { cli, useTestbed } from '@trackscope/test-support';

describe('trackscope scan (testbed)', () => {
  const suite = useTestbed('scan');
  const { browserArgs } = suite;

  test('reports the shop page by site and party, with setters', async () => {
    const json = path.join(suite.dir, 'report.json');
    const html = path.join(suite.dir, 'report.html');
    const capture = path.join(suite.dir, 'capture.json');
    const { code, stdout, stderr } = await cli(['scan', suite.bed.url('shop.example', '/'), ...browserArgs(),
      '--json', json, '--html', html, '--save-capture', capture]);
    assert.equal(code, 0, stderr);

    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    assert.equal(report.page.site, 'shop.example');
    const sites = Object.fromEntries(report.sites.map(s => [s.site, s]));
    assert.deepEqual(report.sites.map(s => s.site).sort(), ['adnet.example', 'metrics.example', 'shop.example']);
    assert.equal(sites['shop.example'].party, 'first');
    assert.equal(sites['adnet.example'].party, 'third');
    assert.equal(sites['metrics.example'].party, 'third');
    assert.deepEqual(sites['shop.example'].hosts, ['cdn.shop.example', 'shop.example']);

    const cookies = Object.fromEntries(report.sites.flatMap(s => s.cookies).map(c => [c.name, c]));
    assert.deepEqual(Object.keys(cookies).sort(), ['_mt_id', 'ab_bucket', 'adnet_uid', 'shop_session', 'ui_lang']);
    assert.equal(cookies.shop_session.httpOnly, true);
    assert.equal(cookies.shop_session.session, true);
    assert.equal(cookies.shop_session.setBy.kind, 'http');
    assert.equal(cookies.adnet_uid.party, 'third');
    assert.equal(cookies.adnet_uid.setBy.kind, 'http');
    assert.match(cookies.adnet_uid.setBy.url, /^https:\/\/pixel\.adnet\.example\/px\.gif\?uid=/);
    assert.ok(Math.abs(cookies.adnet_uid.lifetimeDays - 90) < 1);
    assert.deepEqual(cookies.ui_lang.setBy, { kind: 'script', url: 'https://cdn.shop.example/app.js' });
    assert.deepEqual(cookies._mt_id.setBy, { kind: 'script', url: 'https://collect.metrics.example/m.js' });

    // Real EasyPrivacy rules match the testbed's pixel and beacon; the report names rule, list, line.
    const pixel = sites['adnet.example'].requests[0];
    assert.equal(pixel.filter.decision, 'block');
    assert.deepEqual({ rule: pixel.filter.block.rule, list: pixel.filter.block.list }, { rule: '/px.gif?', list: 'easyprivacy.txt' });
    assert.ok(pixel.filter.block.line > 0);
    const beacon = sites['metrics.example'].requests.find(r => r.type === 'ping');
    assert.equal(beacon.filter.decision, 'block');
    assert.equal(beacon.filter.block.rule, '$ping,third-party');
    assert.equal(sites['shop.example'].requests.filter(r => r.filter).length, 0);
    assert.equal(report.summary.blockedRequests, 2);
    assert.equal(report.generator.filterLists, 'easylist.txt,easyprivacy.txt');

    const types = sites['metrics.example'].requests.map(r => r.type).sort();
    assert.deepEqual(types, ['ping', 'script']);
    assert.deepEqual(sites['adnet.example'].requests.map(r => r.type), ['image']);

    // The capture carries the instrumentation's events: the DNT read and the beacon.
    const events = JSON.parse(fs.readFileSync(capture, 'utf8')).events;
    assert.ok(events.some(e => e.kind === 'navigator-read' && e.key === 'doNotTrack' &&
                               e.scriptUrl === 'https://collect.metrics.example/m.js'));
    assert.ok(events.some(e => e.kind === 'beacon' && e.url === 'https://collect.metrics.example/collect'));

    assert.match(stdout, /THIRD PARTY\s+adnet\.example/);
    assert.match(stdout, /THIRD PARTY\s+metrics\.example/);
    assert.match(stdout, /adnet_uid/);
    assert.match(stdout, /on a filter list: easyprivacy\.txt:\d+ \/px\.gif\?/);
    assert.match(fs.readFileSync(html, 'utf8'), /<h1>Trackers on shop\.example<\/h1>/);
    // Nothing was fetched from outside the testbed.
    for (const r of suite.bed.received) assert.ok(suite.bed.hosts.includes(r.host), `unexpected host ${r.host}`);
  });

  test('a page that switches stack traces off still gets its cookie writers named', async () => {
    const json = path.join(suite.dir, 'stack-limit.json');
    const { code, stderr } = await cli(['scan', suite.bed.url('shop.example', '/stack-limit.html'), ...browserArgs(),
      '--json', json, '--quiet']);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    const cookies = Object.fromEntries(report.sites.flatMap(s => s.cookies).map(c => [c.name, c]));
    assert.deepEqual(cookies.ui_lang.setBy, { kind: 'script', url: 'https://cdn.shop.example/app.js' });
  });

  test('hostile cookie names stay text in the terminal and in HTML', async () => {
    const html = path.join(suite.dir, 'hostile.html');
    const { code, stdout, stderr } = await cli(['scan', suite.bed.url('shop.example', '/hostile.html'), ...browserArgs(), '--html', html]);
    assert.equal(code, 0, stderr);
    assert.ok(!stdout.includes('\x1b'), 'terminal escape passed through');
    assert.match(stdout, /<b>bold<\/b>/);  // shown as the text it is
    const page = fs.readFileSync(html, 'utf8');
    assert.ok(page.includes('&lt;b&gt;bold&lt;/b&gt;'));
    assert.ok(!page.includes('<b>bold'));
    assert.ok(!/<script/i.test(page), 'the HTML report must contain no script element');
  });

  test('bad arguments fail with a clear message', async () => {
    const notUrl = await cli(['scan', 'not a url']);
    assert.equal(notUrl.code, 2);
    assert.match(notUrl.stderr, /"not a url" is not an http\(s\) URL/);
    const unknown = await cli(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    const timeout = await cli(['scan', 'https://a.example/', '--timeout', 'soon']);
    assert.equal(timeout.code, 2);
    assert.match(timeout.stderr, /--timeout must be a positive number/);
  });

  test('a page that keeps 40 frames busy still gives its report', async () => {
    const json = path.join(suite.dir, 'busy.json');
    const started = Date.now();
    const { code, stderr } = await cli(['scan', suite.bed.url('shop.example', '/busy-frames.html'), ...browserArgs(), '--json', json, '--quiet']);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    assert.ok(report.items.some(i => i.id === 'cookie:busy_pref@shop.example/'), JSON.stringify(report.items.map(i => i.id)));
    assert.ok(report.items.some(i => i.id === 'beacon:pixel.adnet.example/px.gif'));
    assert.ok(Date.now() - started < 40_000, `took ${Date.now() - started} ms`);
  });

  test('an unreachable site exits non-zero and says why', async () => {
    const { code, stderr } = await cli(['scan', 'https://nowhere.invalid/', ...browserArgs(), '--timeout', '10000', '--quiet']);
    assert.equal(code, 1);
    assert.match(stderr, /nowhere\.invalid/);
  });
});
