// End-to-end batch runs on the testbed: a site that never answers and one that resets the
// connection do not stop the batch and get error records; --resume skips what is done; shards
// (--shard and a Kubernetes Indexed Job's JOB_COMPLETION_INDEX) partition the input and `merge`
// combines the parts.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { visitBrowser } from '../src/browser.mjs';
import { scanSite } from '../src/scan.mjs';
import { shardOf } from '../src/shard.mjs';
import { cli, useTestbed, waitUntil } from '@trackscope/test-support';

const lines = file => fs.readFileSync(file, 'utf8').trim().split('\n').map(l => JSON.parse(l));

describe('batch scans (testbed)', () => {
  const suite = useTestbed('batch');
  const { browserArgs } = suite;

  test('a hanging site and a failing one: the batch finishes and records both; --resume skips what is done', async () => {
    const input = path.join(suite.dir, 'urls.txt');
    const out = path.join(suite.dir, 'results.jsonl');
    const summaryFile = path.join(suite.dir, 'summary.json');
    fs.writeFileSync(input, [
      '# the testbed', 'https://shop.example/',
      'https://hang.example/   # accepts the connection, never answers',
      'https://reset.example/  # closes the connection',
      'plain.example/?n=1', 'not a url', 'https://shop.example/', '',
    ].join('\n'));
    const started = Date.now();
    const first = await cli(['scan', '--input', input, ...browserArgs(), '--out', out, '--concurrency', '2', '--timeout', '4000',
                             '--json', summaryFile]);
    assert.equal(first.code, 0, first.stderr);
    const records = Object.fromEntries(lines(out).map(r => [r.url, r]));
    assert.deepEqual(Object.keys(records).sort(), ['https://hang.example/', 'https://plain.example/?n=1', 'https://reset.example/',
                                                   'https://shop.example/', 'not a url']);
    const hang = records['https://hang.example/'];
    assert.equal(hang.ok, false);
    assert.match(hang.error, /Timeout 4000ms exceeded/);
    assert.ok(hang.timings.ms < 30000, `the hanging site took ${hang.timings.ms} ms`);
    assert.equal(records['https://reset.example/'].ok, false);
    assert.match(records['https://reset.example/'].error, /net::ERR_(EMPTY_RESPONSE|CONNECTION_RESET|CONNECTION_CLOSED)/);
    assert.equal(records['not a url'].ok, false);
    assert.match(records['not a url'].error, /not an http\(s\) URL \(.*urls\.txt line 6\)/);
    const shop = records['https://shop.example/'];
    assert.equal(shop.ok, true);
    assert.equal(shop.counts.cookies, 5);
    assert.equal(shop.counts.thirdPartyCookies, 1);
    assert.deepEqual(shop.trackers.map(t => t.site).sort(), ['adnet.example', 'metrics.example']);
    assert.ok(shop.categories.some(c => c.id === 'marketing' && c.cookies >= 1));
    assert.equal(records['https://plain.example/?n=1'].ok, true);
    for (const r of Object.values(records)) assert.equal(r.format, 'trackscope-result');

    // The summary: on standard output as a table, and as JSON.
    const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
    assert.deepEqual(summary.sites, { total: 5, ok: 2, errors: 3 });
    assert.deepEqual(summary.vendors.map(v => v.name).sort(), ['adnet.example', 'metrics.example']);
    assert.equal(summary.signals.gpc.gpcJson.absent, 2);
    assert.match(first.stdout, /SUMMARY — 5 sites: 2 scanned, 3 errors/);
    assert.match(first.stdout, /by policy category\n.*category\s+sites\s+share\s+cookies\s+beacons\s+storage/);
    assert.match(first.stdout, /https:\/\/hang\.example\/: page\.goto: Timeout 4000ms exceeded/);
    // Progress without a terminal: a plain line per site, with the rate and ETA.
    assert.match(first.stderr, /5 to scan, 2 at a time; results in /);
    assert.match(first.stderr, /\[\d\/5\] error {2}https:\/\/hang\.example\/ {2}page\.goto: Timeout/);
    assert.match(first.stderr, /\[\d\/5\] ok {5}https:\/\/shop\.example\/ {2}\d+ tracking items, 2 trackers {2}\d+s {2}\(\d+\.\d pages\/min, ETA /);
    assert.ok(Date.now() - started < 120000);

    // --resume: one URL more; the five recorded ones are not loaded again.
    fs.appendFileSync(input, 'https://plain.example/?n=2\n');
    const shopLoads = () => suite.bed.received.filter(r => r.host === 'shop.example' && r.path === '/').length;
    const before = shopLoads();
    const second = await cli(['scan', '--input', input, ...browserArgs(), '--out', out, '--resume', '--timeout', '4000']);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /1 to scan, 5 already done \(--resume\)/);
    assert.equal(shopLoads(), before);
    const all = lines(out);
    assert.equal(all.length, 6);
    assert.equal(all[5].url, 'https://plain.example/?n=2');
    assert.match(second.stdout, /SUMMARY — 6 sites: 3 scanned, 3 errors/);
  });

  test('one worker scans site after site in one browser, each in a fresh context: nothing carries over', async () => {
    const input = path.join(suite.dir, 'same-worker.txt');
    const out = path.join(suite.dir, 'same-worker.jsonl');
    fs.writeFileSync(input, 'https://shop.example/?w=1\nhttps://plain.example/?w=2\nhttps://shop.example/?w=3\n');
    const run = await cli(['scan', '--input', input, ...browserArgs(), '--out', out, '--concurrency', '1', '--quiet']);
    assert.equal(run.code, 0, run.stderr);
    const [shop, plain, shopAgain] = lines(out);
    assert.deepEqual([shop.url, plain.url, shopAgain.url], ['https://shop.example/?w=1', 'https://plain.example/?w=2', 'https://shop.example/?w=3']);
    // The plain page's only cookie is its own: none of the shop's (first- or third-party) remain.
    assert.equal(plain.counts.cookies, 1);
    assert.equal(plain.counts.thirdPartyCookies, 0);
    // The shop again: the same cookies as the first time (the third-party one included), none twice.
    assert.equal(shopAgain.counts.cookies, shop.counts.cookies);
    assert.equal(shopAgain.counts.thirdPartyCookies, 1);
    // Its server saw no cookie from the earlier visit.
    const again = suite.bed.received.filter(r => r.host === 'shop.example' && r.path === '/?w=3');
    assert.ok(again.length >= 1);
    for (const r of again) assert.equal(r.headers.cookie, undefined);
  });

  test('a visit past its deadline is abandoned and its context closed; the browser goes on with the next site', async () => {
    const browsers = visitBrowser({ args: suite.bed.browserArgs });
    try {
      const started = Date.now();
      // hang.example never answers: the 30 s navigation timeout would come much later.
      const hung = await scanSite('https://hang.example/', { browsers, timeoutMs: 30000, deadlineMs: 2000 });
      assert.match(hung.error, /gave up after 2 s \(site deadline\)/);
      assert.ok(Date.now() - started < 15000, `took ${Date.now() - started} ms`);
      const shop = await scanSite('https://shop.example/', { browsers });
      assert.equal(shop.error, null);
      assert.equal(shop.report.summary.thirdPartyCookies, 1);
    } finally {
      await browsers.close();
    }
  });

  test('a visit whose shared browser is killed under it starts again in a new browser', async () => {
    const browsers = visitBrowser({ args: suite.bed.browserArgs });
    try {
      // slow.example answers after 4 s; meanwhile another visit's context has the browser killed,
      // as a context that will not close does.
      const slow = scanSite('https://slow.example/?ms=4000', { browsers });
      await waitUntil(() => suite.bed.received.some(r => r.host === 'slow.example'), { what: 'the first request to slow.example' });
      const other = await browsers.newContext();
      other.kill();
      const result = await slow;
      assert.equal(result.error, null);
      assert.equal(result.report.page.title, 'slow page');
      assert.ok(result.notes.includes('visited again: the browser closed during the first attempt'), JSON.stringify(result.notes));
      assert.equal(suite.bed.received.filter(r => r.host === 'slow.example' && r.path === '/?ms=4000').length, 2, 'two attempts reached the site');
    } finally {
      await browsers.close();
    }
  });

  test('shards partition the input, from --shard or JOB_COMPLETION_INDEX; merge combines them', async () => {
    const urls = Array.from({ length: 4 }, (_, i) => `https://plain.example/?n=${10 + i}`);
    const input = path.join(suite.dir, 'shard-urls.txt');
    fs.writeFileSync(input, `${urls.join('\n')}\n`);
    const part = i => path.join(suite.dir, `part-${i}.jsonl`);
    // The same command for every shard, as in an Indexed Job; "{shard}" names the output.
    const common = ['scan', '--input', input, ...browserArgs(), '--out', path.join(suite.dir, 'part-{shard}.jsonl'), '--concurrency', '2', '--quiet'];
    const [a, b] = await Promise.all([cli([...common, '--shard', '0/2']),
                                      cli(common, { env: { JOB_COMPLETION_INDEX: '1', TRACKSCOPE_SHARD_COUNT: '2' } })]);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(b.code, 0, b.stderr);
    for (const i of [0, 1]) {
      const got = lines(part(i));
      assert.deepEqual(got.map(r => r.url).sort(), urls.filter(u => shardOf(u, 2) === i).sort(), `shard ${i}`);
      assert.ok(got.every(r => r.ok && r.shard.index === i && r.shard.count === 2));
    }
    const bad = await cli(['scan', '--input', input, '--out', part(9)], { env: { JOB_COMPLETION_INDEX: '1' } });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /pass --shard-count N or set TRACKSCOPE_SHARD_COUNT/);

    const merged = await cli(['merge', part(0), part(1), '--json', '-']);
    assert.equal(merged.code, 0, merged.stderr);
    const summary = JSON.parse(merged.stdout);
    assert.equal(summary.format, 'trackscope-summary');
    assert.deepEqual(summary.sites, { total: 4, ok: 4, errors: 0 });
    assert.deepEqual(summary.inputs, ['part-0.jsonl', 'part-1.jsonl']);
    const table = await cli(['merge', part(0), part(1), path.join(suite.dir, 'results.jsonl'), '--out', path.join(suite.dir, 'all.jsonl')]);
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /SUMMARY — 10 sites: 7 scanned, 3 errors/);
    assert.equal(lines(path.join(suite.dir, 'all.jsonl')).length, 10);
    const missing = await cli(['merge', path.join(suite.dir, 'nope.jsonl')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read .*nope\.jsonl: no such file/);
  });
});
