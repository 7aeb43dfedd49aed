// scan --crawl on the testbed's crawl.example (tests/testbed/crawl-sites.mjs): pages found by the
// sitemap and by links, what a crawl must leave alone, and a site report whose per-page sets are
// those of single-page scans.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { cli, useTestbed } from '@trackscope/test-support';
import { crawlUrl, linksOf, robotsSitemaps, sitemapEntries } from '../src/crawl.mjs';

describe('crawl', () => {
  test('which links are pages to crawl', () => {
    const hosts = host => host === 'shop.example' || host.endsWith('.shop.example');
    const base = 'https://shop.example/a/b.html';
    const cases = [
      ['c.html', 'https://shop.example/a/c.html'],
      ['/p?id=2&utm_source=x&gclid=1#top', 'https://shop.example/p?id=2'],
      ['https://blog.shop.example/post', 'https://blog.shop.example/post'],
      ['https://other.example/', null], ['mailto:a@shop.example', null], ['javascript:void(0)', null],
      ['/files/price-list.PDF', null], ['/account/logout', null], ['/sign-out?next=/', null], ['/img/a.jpg', null],
      ['/logbook', 'https://shop.example/logbook'],
    ];
    for (const [href, expected] of cases) assert.equal(crawlUrl(href, base, hosts), expected, href);
    assert.deepEqual(linksOf('<base href="/x/"><a class=k href="y.html">Y</a><AREA href=\'/z?a=1&amp;b=2\'>', 'https://s.example/'),
      [{ href: 'y.html', base: 'https://s.example/x/' }, { href: '/z?a=1&b=2', base: 'https://s.example/x/' }]);
    assert.deepEqual(robotsSitemaps('User-agent: *\nSitemap: https://s.example/a.xml\n  sitemap:https://s.example/b.xml'),
      ['https://s.example/a.xml', 'https://s.example/b.xml']);
    assert.deepEqual(sitemapEntries('<urlset><url><loc> https://s.example/1?a=1&amp;b=2 </loc></url></urlset>'),
      { urls: ['https://s.example/1?a=1&b=2'], sitemaps: [] });
  });

  const suite = useTestbed('crawl');
  const { browserArgs } = suite;
  const pageUrl = p => suite.bed.url('crawl.example', p);

  test('a crawl of 23 pages: sitemap and links, no logout or download; the site report', async () => {
    const json = path.join(suite.dir, 'site.json');
    const html = path.join(suite.dir, 'site.html');
    const { code, stdout, stderr } = await cli(['scan', '--crawl', pageUrl('/'), '--max-pages', '40', '--no-visitor',
      '--concurrency', '2', '--json', json, '--html', html, ...browserArgs()]);
    assert.equal(code, 0, stderr);
    const site = JSON.parse(fs.readFileSync(json, 'utf8'));
    const paths = site.pages.map(p => new URL(p.url).pathname);
    const expected = ['/', '/hidden/1', '/hidden/2', '/hidden/3', '/hidden/4', ...Array.from({ length: 8 }, (_, i) => `/p/${i + 1}`), '/about', '/team',
                      ...Array.from({ length: 8 }, (_, i) => `/p/${i + 9}`)];
    assert.deepEqual(paths, expected);
    assert.equal(new URL(site.pages[14].url).host, 'www.crawl.example', 'another host of the same site');
    assert.ok(site.pages.every(p => p.ok), JSON.stringify(site.pages.filter(p => !p.ok)));
    const pixel = site.items.find(i => i.id === 'beacon:pixel.adnet.example/px.gif');
    assert.deepEqual(pixel.pages.map(u => new URL(u).pathname), ['/p/4', '/p/8', '/p/12', '/p/16']);
    assert.equal(new URL(pixel.firstPage).pathname, '/p/4');
    assert.deepEqual(site.items.find(i => i.name === 'pref_3').pages.map(u => new URL(u).pathname), ['/p/3']);
    const tracker = site.trackers.find(t => t.site === 'adnet.example');
    assert.equal(tracker.pages.length, 4);
    assert.match(stdout, /trackscope site report — https:\/\/crawl\.example\/\n23 pages \(23 scanned\)/);
    assert.match(stdout, /adnet\.example\s+4\/23 {2}first on https:\/\/crawl\.example\/p\/4/);
    const page = fs.readFileSync(html, 'utf8');
    assert.match(page, /<h1>Trackers on crawl\.example<\/h1>/);
    assert.match(page, /<td><b>adnet\.example<\/b><\/td><td><details><summary>4\/23<\/summary>/);
    assert.match(page, /<h2>Pages \(23\)<\/h2>/);
    assert.doesNotMatch(page, /<script/i);

    // Each page's set is what a scan of that page alone gives.
    for (const p of ['/p/12', '/p/3']) {
      const one = await cli(['scan', pageUrl(p), '--no-visitor', '--format', 'json', ...browserArgs()]);
      assert.equal(one.code, 0, one.stderr);
      const alone = JSON.parse(one.stdout).items.map(i => i.id).sort();
      assert.deepEqual(site.pages.find(x => new URL(x.url).pathname === p).items.slice().sort(), alone, p);
    }
  });

  test('a killed crawl resumes: the pages done are not scanned again, and the site report is whole', async () => {
    const out = path.join(suite.dir, 'crawl.jsonl');
    const reports = path.join(suite.dir, 'reports');
    const args = ['scan', '--crawl', pageUrl('/'), '--max-pages', '5', '--no-visitor', '--out', out, '--report-dir', reports,
                  '--json', '-', '--quiet', ...browserArgs()];
    const first = await cli(args);
    assert.equal(first.code, 0, first.stderr);
    const whole = JSON.parse(first.stdout);
    // Killed after two pages: two records, and a third report written before its record.
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    fs.writeFileSync(out, `${lines.slice(0, 2).join('\n')}\n${lines[2].slice(0, 20)}`);
    const resumed = await cli([...args.filter(a => a !== '--quiet'), '--resume']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, /crawl: 5 page\(s\) from https:\/\/crawl\.example\/ .*, 2 already done \(--resume\); 3 to scan/);
    const site = JSON.parse(resumed.stdout);
    assert.deepEqual(site.pages.map(p => [p.url, p.ok, p.items.slice().sort()]), whole.pages.map(p => [p.url, p.ok, p.items.slice().sort()]));
    assert.deepEqual(site.items.map(i => [i.id, i.pages]).sort(), whole.items.map(i => [i.id, i.pages]).sort());
    const refused = await cli(['scan', '--crawl', pageUrl('/'), '--resume', '--out', out]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /--crawl --resume needs --out FILE and --report-dir DIR/);
  });

  test('links that scripts insert are found: a single-page application', async () => {
    const { code, stdout, stderr } = await cli(['scan', '--crawl', suite.bed.url('spa.example', '/'), '--no-visitor', '--json', '-', '--quiet', ...browserArgs()]);
    assert.equal(code, 0, stderr);
    assert.deepEqual(JSON.parse(stdout).pages.map(p => new URL(p.url).pathname), ['/', '/about', '/products', '/products/42']);
  });

  test('a sharded crawl: each shard scans its part of the same pages; merged and resumed, the whole site', async () => {
    const reports = path.join(suite.dir, 'shard-reports');
    const part = i => path.join(suite.dir, `part-${i}.jsonl`);
    const base = ['scan', '--crawl', pageUrl('/'), '--max-pages', '6', '--no-visitor', '--report-dir', reports, '--quiet', ...browserArgs()];
    const parts = [];
    for (const i of [0, 1]) {
      const run = await cli([...base, '--shard', `${i}/2`, '--out', path.join(suite.dir, 'part-{shard}.jsonl'), '--json', '-']);
      assert.equal(run.code, 0, run.stderr);
      parts.push(JSON.parse(run.stdout).pages.map(p => p.url));
    }
    // Disjoint parts that together are the crawl's six pages.
    assert.equal(parts[0].filter(u => parts[1].includes(u)).length, 0);
    assert.equal(parts[0].length + parts[1].length, 6, JSON.stringify(parts));
    const all = path.join(suite.dir, 'all.jsonl');
    const merged = await cli(['merge', part(0), part(1), '--out', all, '--quiet']);
    assert.equal(merged.code, 0, merged.stderr);
    const whole = await cli([...base.filter(a => a !== '--quiet'), '--out', all, '--resume', '--json', '-']);
    assert.equal(whole.code, 0, whole.stderr);
    assert.match(whole.stderr, /6 already done \(--resume\); 0 to scan/);
    const site = JSON.parse(whole.stdout);
    assert.deepEqual(site.pages.map(p => p.url).sort(), [...parts[0], ...parts[1]].sort());
    assert.ok(site.pages.every(p => p.ok));
  });

  test('--baseline: what changed on the site since an earlier crawl, at the first page that shows it; --fail-on', async () => {
    const base = path.join(suite.dir, 'base-site.json');
    const first = await cli(['scan', '--crawl', pageUrl('/'), '--max-pages', '9', '--no-visitor', '--json', base, '--quiet', ...browserArgs()]);
    assert.equal(first.code, 0, first.stderr);
    // The baseline as the site was "before": without adnet.example (on /p/4 now), with a tracker
    // since gone, and /p/1 under its old address.
    const before = JSON.parse(fs.readFileSync(base, 'utf8'));
    assert.ok(before.trackers.some(t => t.site === 'adnet.example' && t.tracking), JSON.stringify(before.trackers.map(t => t.id)));
    before.trackers = before.trackers.filter(t => t.site !== 'adnet.example');
    before.items = before.items.filter(i => i.site !== 'adnet.example');
    before.trackers.push({ id: 'tracker:site:gone.example', name: 'gone.example', site: 'gone.example', party: 'third', tracking: true,
                           pages: [pageUrl('/')], firstPage: pageUrl('/') });
    const p1 = before.pages.find(p => new URL(p.url).pathname === '/p/1');
    p1.url = pageUrl('/old-page');
    fs.writeFileSync(base, JSON.stringify(before));

    const again = await cli(['scan', '--crawl', pageUrl('/'), '--max-pages', '9', '--no-visitor', '--baseline', base,
                             '--fail-on', 'new-tracker,removed-tracker', ...browserArgs()]);
    assert.equal(again.code, 3, again.stderr);
    const since = again.stdout.slice(again.stdout.indexOf('CHANGES SINCE THE BASELINE'));
    assert.match(since, /new-tracker \(1\)\n {4}adnet\.example \(adnet\.example\) {2}\[https:\/\/crawl\.example\/p\/4\]/);
    assert.match(since, /removed-tracker \(1\)\n {4}gone\.example \(gone\.example\) {2}\[https:\/\/crawl\.example\/\]/);
    assert.match(since, /new-beacon \(\d+\)\n {4}beacon pixel\.adnet\.example\/px\.gif/);
    assert.match(since, /new-page \(1\)\n {4}https:\/\/crawl\.example\/p\/1\n/);
    assert.match(since, /removed-page \(1\)\n {4}https:\/\/crawl\.example\/old-page\n/);
    assert.match(again.stderr, /--fail-on new-tracker: 1 reason\n {2}adnet\.example \(adnet\.example\) \[https:\/\/crawl\.example\/p\/4\]/);
    assert.match(again.stderr, /--fail-on removed-tracker: 1 reason\n/);

    // A page's report is no site report; a shard is not the whole site.
    const report = path.join(suite.dir, 'page.json');
    fs.writeFileSync(report, fs.readFileSync(new URL('../../tests/testbed/sites/shop.example/trackscope-report.json', import.meta.url)));
    const wrong = await cli(['scan', '--crawl', pageUrl('/'), '--baseline', report]);
    assert.equal(wrong.code, 2);
    assert.match(wrong.stderr, /--crawl compares with a site report \(an earlier crawl's --json\), not a page's report/);
    const sharded = await cli(['scan', '--crawl', pageUrl('/'), '--baseline', base, '--shard', '0/2']);
    assert.equal(sharded.code, 2);
    assert.match(sharded.stderr, /--baseline compares the whole site: not with --shard/);
  });

  test('--fail-on rules of a page fire during a crawl: status 3, each reason with its page', async () => {
    const run = await cli(['scan', '--crawl', pageUrl('/'), '--max-pages', '9', '--no-visitor', '--quiet',
                           '--fail-on', 'third-party-cookies', ...browserArgs()]);
    assert.equal(run.code, 3, run.stderr);
    assert.match(run.stderr, /--fail-on third-party-cookies: \d+ reasons?\n {2}.*adnet.*\[https:\/\/crawl\.example\/p\/4\]/);
    assert.doesNotMatch(run.stderr, /\[https:\/\/crawl\.example\/p\/[123]\]/, 'pages without the pixel give no reason');
  });

  test('--max-pages and --depth bound it; a bad start is refused', async () => {
    const few = await cli(['scan', '--crawl', pageUrl('/'), '--max-pages', '3', '--depth', '1', '--no-visitor', '--json', '-', '--quiet', ...browserArgs()]);
    assert.equal(few.code, 0, few.stderr);
    assert.deepEqual(JSON.parse(few.stdout).pages.map(p => new URL(p.url).pathname), ['/', '/hidden/1', '/hidden/2']);
    const bad = await cli(['scan', '--crawl', 'not a url']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--crawl: "not a url" is not an http\(s\) URL/);
    const stray = await cli(['scan', 'https://a.example/', '--max-pages', '3']);
    assert.equal(stray.code, 2);
    assert.match(stray.stderr, /--max-pages, --depth and --crawl-host go with --crawl URL/);
  });
});
