// Batch machinery without a browser: shard selection, --fail-on rules, CSV, JSON Lines records,
// the summary, the pool's handling of a failing scan (scanSite replaced by a stub), a visit's deadline.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { normaliseUrl, readUrlList, resolveShard, shardOf } from '../src/shard.mjs';
import { evaluateFailOn, parseFailOn, RULES } from '../src/fail-on.mjs';
import { csvCell } from '@trackscope/presentation/csv.mjs';
import { renderCsv } from '../src/render-csv.mjs';
import { aggregate, readRecords, renderSummary, summarize } from '../src/summary.mjs';
import { finishedUrls, runBatch } from '../src/batch.mjs';
import { visitBrowser } from '../src/browser.mjs';
import { duration, Progress } from '../src/progress.mjs';
import { scanSite } from '../src/scan.mjs';
import { createCore } from '@trackscope/core';

// A report from the core itself (so that the writers see what they will see): a first-party
// cookie (`cookieName`, _fbp: advertising), a functional one, a third-party ad cookie and a
// tracking pixel; the findings and fingerprinting given replace the core's.
const core = await createCore({ filters: false });
function captureOf({ url = 'https://a.example/', consent = 'none', cookieName = '_fbp' } = {}) {
  const host = new URL(url).host;
  const expires = 1795928400 + 86400 * 90;
  return {
    version: 1, consent, page: { url, capturedAt: '2026-11-29T05:00:00Z' },
    requests: [{ url, type: 'main_frame', status: 200 },
               { url: 'https://pixel.adnet.example/px.gif?uid=abc123def456', type: 'image', status: 200, image: { width: 1, height: 1 },
                 responseHeaders: { 'set-cookie': 'adnet_uid=abc123def456; Domain=adnet.example; Max-Age=7776000; Secure; SameSite=None' } }],
    cookies: [{ name: cookieName, value: 'fb.1.1700000000.123', domain: `.${host}`, expires },
              { name: 'ui_lang', value: 'en', domain: host, expires },
              { name: 'adnet_uid', value: 'abc123def456', domain: '.adnet.example', expires }],
  };
}
function report({ findings = [], fingerprinting = [], ...page } = {}) {
  const analysed = core.analyze(captureOf(page));
  assert.equal(analysed.ok, true, JSON.stringify(analysed.error));
  return { ...analysed.report, findings, fingerprinting };
}

const beforeConsent = (itemId, observedCategory) => {
  const [, itemKind, item] = itemId.match(/^(\w+):([^@]+)/);
  return { kind: 'before-consent', severity: 'warning', itemKind, item, itemId, declaredCategory: null, observedCategory,
           message: `${itemKind} ${item} before consent` };
};

test('shards are deterministic, disjoint and cover the input', () => {
  const urls = Array.from({ length: 300 }, (_, i) => `https://site${i}.example/`);
  for (const n of [1, 2, 3, 7]) {
    const parts = Array.from({ length: n }, (_, i) => urls.filter(u => shardOf(u, n) === i));
    assert.equal(parts.flat().length, urls.length, `n=${n}: every URL in exactly one shard`);
    assert.deepEqual(new Set(parts.flat()), new Set(urls));
    for (const part of parts) assert.ok(part.length > urls.length / n / 2, `n=${n}: shards roughly even`);
  }
  // The same on another machine, in any order: a pure function of the URL.
  const shuffled = [...urls].reverse();
  assert.deepEqual(shuffled.filter(u => shardOf(u, 4) === 2).sort(), urls.filter(u => shardOf(u, 4) === 2).sort());
  assert.equal(shardOf('https://site0.example/', 5), shardOf(normaliseUrl('site0.example'), 5));
});

test('--shard and JOB_COMPLETION_INDEX', () => {
  assert.deepEqual(resolveShard({ shard: '2/5' }, {}), { ok: true, shard: { index: 2, count: 5, source: '--shard' } });
  assert.deepEqual(resolveShard({}, {}), { ok: true, shard: null });
  assert.deepEqual(resolveShard({}, { JOB_COMPLETION_INDEX: '3', TRACKSCOPE_SHARD_COUNT: '4' }),
                   { ok: true, shard: { index: 3, count: 4, source: 'JOB_COMPLETION_INDEX' } });
  assert.deepEqual(resolveShard({ shardCount: '8' }, { JOB_COMPLETION_INDEX: '7', TRACKSCOPE_SHARD_COUNT: '4' }).shard.count, 8);
  // --shard wins over the environment.
  assert.equal(resolveShard({ shard: '0/2' }, { JOB_COMPLETION_INDEX: '1', TRACKSCOPE_SHARD_COUNT: '2' }).shard.index, 0);
  assert.match(resolveShard({ shard: '5/5' }, {}).message, /index must be below the count/);
  assert.match(resolveShard({ shard: 'half' }, {}).message, /--shard takes INDEX\/COUNT/);
  assert.match(resolveShard({}, { JOB_COMPLETION_INDEX: '0' }).message, /pass --shard-count N or set TRACKSCOPE_SHARD_COUNT/);
  assert.match(resolveShard({}, { JOB_COMPLETION_INDEX: '4', TRACKSCOPE_SHARD_COUNT: '4' }).message, /not an index below/);
  assert.match(resolveShard({ shardCount: '3' }, {}).message, /--shard-count needs JOB_COMPLETION_INDEX/);
});

test('URL lists: comments, bare host names, invalid lines', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackscope-units-'));
  const file = path.join(dir, 'urls.txt');
  fs.writeFileSync(file, '# top sites\nhttps://a.example/x\n\nb.example   # a bare host\r\nnot a url\n  https://c.example  \n');
  assert.deepEqual(readUrlList(file), [{ line: 2, text: 'https://a.example/x' }, { line: 4, text: 'b.example' },
                                       { line: 5, text: 'not a url' }, { line: 6, text: 'https://c.example' }]);
  assert.equal(normaliseUrl('b.example'), 'https://b.example/');
  assert.equal(normaliseUrl('https://c.example'), 'https://c.example/');
  assert.equal(normaliseUrl('not a url'), null);
  assert.equal(normaliseUrl('ftp://a.example/'), null);
  assert.equal(normaliseUrl('javascript:alert(1)'), null);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('--fail-on rules: parsing and what fires', () => {
  assert.deepEqual(parseFailOn(['fingerprinting,third-party-cookies', 'fingerprinting']), { ok: true, rules: ['fingerprinting', 'third-party-cookies'] });
  assert.match(parseFailOn(['nope']).message, /unknown rule "nope"; rules: marketing-before-consent/);
  assert.match(parseFailOn(['gpc-not-honoured']).message, /needs --compare-signals gpc/);
  assert.equal(parseFailOn(['gpc-not-honoured'], { compare: 'gpc' }).ok, true);
  assert.match(parseFailOn(['dnt-not-honoured'], { compare: 'gpc' }).message, /needs --compare-signals dnt/);
  assert.match(parseFailOn(['undeclared-tracker']).message, /needs a policy with a declaration/);
  assert.match(parseFailOn(['tracking-after-reject'], { consent: 'accept' }).message, /needs --consent reject or all/);
  for (const rule of Object.keys(RULES)) assert.ok(RULES[rule].short && RULES[rule].description, rule);

  // marketing-before-consent: the advertising cookie's finding fires, the functional cookie's does not.
  const r = report({ findings: [beforeConsent('cookie:_fbp@a.example/', 'marketing'), beforeConsent('cookie:ui_lang@a.example/', 'functional')] });
  const fired = evaluateFailOn(['marketing-before-consent', 'third-party-cookies', 'fingerprinting'], { mode: 'scan', url: 'x', report: r });
  assert.deepEqual(fired.map(f => f.rule), ['marketing-before-consent', 'third-party-cookies']);
  assert.deepEqual(fired[0].reasons, ['cookie _fbp before consent']);
  assert.deepEqual(fired[1].reasons, ['third-party cookie adnet_uid (adnet.example)']);
  const fp = report({ fingerprinting: [{ scriptUrl: 'https://fp.example/fp.js', host: 'fp.example', verdict: 'likely', evidence: ['canvas read back'] },
                                       { scriptUrl: 'https://cdn.example/chart.js', host: 'cdn.example', verdict: 'possible', evidence: ['x'] }] });
  assert.deepEqual(evaluateFailOn(['fingerprinting'], { mode: 'scan', report: fp })[0].reasons, ['https://fp.example/fp.js is likely fingerprinting: canvas read back']);

  // Signal verdicts from a comparison; a contradiction finding counts too.
  const comparison = verdict => ({ signal: 'gpc', verdict, reason: `because ${verdict}`, declared: { contradiction: false } });
  const compare = verdict => ({ mode: 'compare', comparison: comparison(verdict), reports: { off: report(), on: report() } });
  assert.equal(evaluateFailOn(['gpc-not-honoured'], compare('honoured')).length, 0);
  assert.equal(evaluateFailOn(['gpc-not-honoured'], compare('not-testable')).length, 0);
  assert.deepEqual(evaluateFailOn(['gpc-not-honoured'], compare('partly'))[0].reasons, ['GPC partly: because partly']);
  assert.deepEqual(evaluateFailOn(['gpc-not-honoured'], compare('not-honoured'))[0].reasons, ['GPC not-honoured: because not-honoured']);
  assert.equal(evaluateFailOn(['dnt-not-honoured'], compare('not-honoured')).length, 0);
  const contradiction = { mode: 'scan', report: report({ findings: [{ kind: 'signal-contradiction', severity: 'warning', itemKind: 'gpc', message: 'GPC promised' }] }) };
  assert.deepEqual(evaluateFailOn(['gpc-not-honoured'], contradiction)[0].reasons, ['GPC promised']);

  // Declaration findings, and consent phases.
  const declared = { mode: 'scan', report: report({ findings: [{ kind: 'undeclared-tracker', severity: 'warning', itemKind: 'tracker', message: 'adnet.example undeclared' },
                                                                 { kind: 'category-mismatch', severity: 'warning', itemKind: 'cookie', message: '_fbp mismatch' }] }) };
  assert.deepEqual(evaluateFailOn(['undeclared-tracker', 'category-mismatch'], declared).map(f => f.reasons[0]), ['adnet.example undeclared', '_fbp mismatch']);
  const compared = core.compareConsent({ none: captureOf(), reject: captureOf() });
  const phases = { mode: 'consent', consent: compared.comparison,
                   phases: [{ phase: 'none', report: compared.none }, { phase: 'reject', report: compared.reject }] };
  assert.deepEqual(evaluateFailOn(['tracking-after-reject'], phases)[0].reasons.slice(0, 2),
                   ['cookie _fbp (a.example, advertising) after "reject all"', 'cookie adnet_uid (adnet.example, advertising) after "reject all"']);
  assert.deepEqual(evaluateFailOn(['scan-error'], { mode: 'scan', url: 'https://b.example/', error: 'boom' })[0].reasons, ['https://b.example/: boom']);
});

test('CSV: one row per item, quoted, formulas defused', () => {
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('=1+1'), "'=1+1");
  assert.equal(csvCell('-2'), "'-2");
  assert.equal(csvCell(null), '');
  const hostile = report({ cookieName: '=cmd|"/c calc"!A0' });
  const csv = renderCsv({ mode: 'scan', report: hostile });
  const lines = csv.split('\r\n');
  assert.equal(lines[0], 'page,phase,id,kind,name,category,purpose,confidence,tracker,vendor,site,party,lifetime,expires,set_by,url,identifiers,value,evidence');
  assert.equal(lines.length, 6);  // header, 3 cookies, 1 beacon endpoint, final CRLF
  // The hostile name is defused where a cell starts with it and quoted where it holds a quote.
  assert.ok(lines[1].startsWith(`https://a.example/,,"cookie:=cmd|""/c calc""!A0@a.example/",cookie,"'=cmd|""/c calc""!A0",`), lines[1]);
  const cells = lines[4].split(',');
  assert.deepEqual(cells.slice(2, 7), ['beacon:pixel.adnet.example/px.gif', 'beacon', 'pixel.adnet.example/px.gif', 'Web beacons', 'advertising']);
  assert.equal(cells[16], 'uid=•••• (12 chars) (user id)');  // the core masks the identifier unless asked for values
  // One row per item of the report, with the core's category label, purpose and lifetime.
  const item = hostile.items.find(i => i.name === 'adnet_uid');
  assert.deepEqual(lines[3].split(',').slice(4, 7), ['adnet_uid', hostile.policy.categories.find(c => c.id === item.category).label, item.purpose]);
  assert.equal(lines[3].split(',')[12], item.lifetime);
  const phased = renderCsv({ mode: 'consent', phases: [{ phase: 'none', report: report() }, { phase: 'reject', report: null }, { phase: 'accept', report: report() }] });
  assert.deepEqual(phased.trim().split('\r\n').slice(1).map(l => l.split(',')[1]), ['none', 'none', 'none', 'none', 'accept', 'accept', 'accept', 'accept']);
});

test('records, resume and the summary', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackscope-units-'));
  const out = path.join(dir, 'nested', 'results.jsonl');
  // A stub scan: b fails, c throws (a bug), the others succeed.
  const scanned = [];
  const scanSite = async url => {
    scanned.push(url);
    if (url.includes('c.example')) throw new Error('stub bug');
    if (url.includes('b.example')) return { url, mode: 'scan', report: null, error: 'net::ERR_CONNECTION_RESET', notes: [], timings: { ms: 5, visits: 1 } };
    return { url, mode: 'scan', report: report({ url, findings: [beforeConsent(`cookie:_fbp@${new URL(url).host}/`, 'marketing')] }), error: null, notes: [],
             timings: { startedAt: 'now', ms: 10, visits: 1 } };
  };
  const urls = ['https://a.example/', 'https://b.example/', 'https://c.example/', 'https://d.example/'];
  const records = await runBatch(urls, { concurrency: 3, out, scanSite, failOn: ['third-party-cookies'] });
  assert.equal(records.length, 4);
  const byUrl = Object.fromEntries(records.map(r => [r.url, r]));
  assert.equal(byUrl['https://a.example/'].ok, true);
  assert.deepEqual(byUrl['https://a.example/'].failed, ['third-party-cookies']);
  // The reasons stay with the record (the exit names them with their site).
  assert.deepEqual(Object.keys(byUrl['https://a.example/'].failedReasons), ['third-party-cookies']);
  assert.deepEqual(byUrl['https://a.example/'].failedReasons['third-party-cookies'], ['third-party cookie adnet_uid (adnet.example)']);
  assert.equal(byUrl['https://b.example/'].failedReasons, undefined);
  assert.deepEqual(byUrl['https://a.example/'].categories.map(c => c.id), ['essential', 'functional', 'marketing', 'web-beacons', 'unclassified']);
  assert.deepEqual(byUrl['https://a.example/'].trackers, [{ site: 'adnet.example', vendor: null, purposes: ['advertising'] }]);
  assert.deepEqual(byUrl['https://b.example/'], { ...byUrl['https://b.example/'], ok: false, error: 'net::ERR_CONNECTION_RESET' });
  assert.match(byUrl['https://c.example/'].error, /internal error: stub bug/);

  // The file holds the same records; a half-written line (a killed run) is skipped with a note.
  fs.appendFileSync(out, '{"format":"trackscope-result","url":"https://e.exa');
  const { done, problems } = finishedUrls(out);
  assert.deepEqual([...done].sort(), urls);
  assert.match(problems[0], /results\.jsonl:5: not JSON/);
  assert.deepEqual([...finishedUrls(out, { retryErrors: true }).done].sort(), ['https://a.example/', 'https://d.example/']);
  // Appending after the broken line starts a new line.
  await runBatch(['https://e.example/'], { out, scanSite });
  const lines = fs.readFileSync(out, 'utf8').split('\n');
  assert.equal(lines.length, 7);  // 4 records, the broken line, the new record, ''
  assert.equal(JSON.parse(lines[5]).url, 'https://e.example/');
  const { records: all } = readRecords([{ name: 'r', text: fs.readFileSync(out, 'utf8') }]);
  assert.deepEqual(all.map(r => r.url).sort(), [...urls, 'https://e.example/']);

  const summary = aggregate(all);
  assert.deepEqual(summary.sites, { total: 5, ok: 3, errors: 2 });
  assert.deepEqual(summary.categories.find(c => c.id === 'marketing'), { id: 'marketing', label: 'Marketing', sites: 3, cookies: 6, beacons: 0, storage: 0 });
  assert.deepEqual(summary.vendors, [{ name: 'adnet.example', sites: 3 }]);
  assert.equal(summary.thirdPartyCookies, 3);
  assert.deepEqual(summary.failed, { 'third-party-cookies': 2 });
  const text = renderSummary(summary);
  assert.match(text, /SUMMARY — 5 sites: 3 scanned, 2 errors/);
  assert.match(text, /Marketing\s+3\s+100 %\s+6\s+0\s+0/);
  assert.match(text, /adnet\.example\s+3\s+100 %/);
  assert.match(text, /https:\/\/b\.example\/: net::ERR_CONNECTION_RESET/);
  // The last record of a URL wins (a resumed run that rescanned an error).
  const again = summarize({ url: 'https://b.example/', mode: 'scan', report: report({ url: 'https://b.example/' }), error: null, notes: [], timings: {} });
  const merged = readRecords([{ name: 'a', text: fs.readFileSync(out, 'utf8') }, { name: 'b', text: `${JSON.stringify(again)}\nnot json\n` }]);
  assert.equal(aggregate(merged.records).sites.ok, 4);
  assert.deepEqual(merged.problems, ['a:5: not JSON (an interrupted write?), skipped', 'b:2: not JSON (an interrupted write?), skipped']);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('progress: a bar on a terminal, a line per site otherwise', () => {
  const stream = tty => ({ isTTY: tty, columns: 120, text: '', write(s) { this.text += s; } });
  const record = (url, ok) => ({ url, ok, error: ok ? undefined : 'boom', counts: { trackingItems: 3 }, trackers: [{}], timings: { ms: 4200, visits: 1 } });
  const term = stream(true);
  const bar = new Progress({ stream: term, total: 4, skipped: 2 });
  bar.start('https://a.example/');
  bar.finish(record('https://a.example/', true));
  bar.finish(record('https://b.example/', false));
  bar.end();
  const last = term.text.split('\r\x1b[K').at(-1);
  assert.match(last, /^█{12}░{12} 4\/6 50% {2}\d+\.\d pages\/min {2}ETA \S+ {2}ok 1 {2}errors 1/);
  assert.ok(term.text.endsWith('\n'));
  const log = stream(false);
  const lines = new Progress({ stream: log, total: 2 });
  lines.finish(record('https://a.example/', true));
  lines.finish(record('https://b.example/\u001b[2J', false));
  lines.end();
  const out = log.text.split('\n');
  assert.match(out[0], /^\[1\/2\] ok {5}https:\/\/a\.example\/ {2}3 tracking items, 1 trackers {2}4s {2}\(\d+\.\d pages\/min, ETA \S+\)$/);
  assert.match(out[1], /^\[2\/2\] error {2}https:\/\/b\.example\/\\x1b\[2J {2}boom/);
  assert.ok(!log.text.includes('\u001b'), 'control characters from URLs are escaped');
  assert.equal(duration(59_000), '59s');
  assert.equal(duration(61_000), '1m01s');
  assert.equal(duration(3_726_000), '1h02m');
});

test('a browser context that arrives after the visit deadline is closed, not used', async () => {
  let closed = 0, used = false;
  const slow = {
    newContext: () => new Promise(resolve => setTimeout(() => resolve({
      close: async () => { closed++; },
      setExtraHTTPHeaders: async () => { used = true; },
      addInitScript: async () => { used = true; },
      exposeBinding: async () => { used = true; },
      newPage: async () => { used = true; throw new Error('used after the deadline'); },
    }), 400)),
  };
  const result = await scanSite('https://late.example/', { browsers: slow, deadlineMs: 100 });
  assert.match(result.error, /gave up after 0 s \(site deadline\)/);
  await new Promise(resolve => setTimeout(resolve, 600));
  assert.equal(closed, 1);
  assert.equal(used, false);
});

test('visits that find the shared browser gone at once start one new browser, not one each', async () => {
  let launches = 0;
  const browsers = [];
  const launch = async () => {
    ++launches;
    await new Promise(resolve => setTimeout(resolve, 20));  // a launch takes a while
    const b = { alive: true, contexts: 0 };
    browsers.push(b);
    return {
      browser: () => ({ isConnected: () => b.alive, newContext: async () => { b.contexts++; return { close: async () => {} }; } }),
      kill: () => { b.alive = false; },
      close: async () => { b.alive = false; },
    };
  };
  const shared = visitBrowser({ launch });
  await Promise.all([shared.newContext(), shared.newContext()]);
  assert.equal(launches, 1, 'the first visits share one browser');
  browsers[0].alive = false;  // it crashed (nobody called kill())
  await Promise.all([shared.newContext(), shared.newContext(), shared.newContext()]);
  assert.equal(launches, 2, 'one new browser for the three visits');
  assert.equal(browsers[1].contexts, 3);
  // A launch that fails fails the visit that started it, and the next visit tries again.
  browsers[1].alive = false;
  let fail = true;
  const flaky = visitBrowser({ launch: async () => { if (fail) { fail = false; throw new Error('no browser'); } return launch(); } });
  await assert.rejects(flaky.newContext(), /no browser/);
  await flaky.newContext();
  await shared.close();
  await flaky.close();
});

test('Chromium keeps its sandbox unless the scanner runs as root, which it says once', async () => {
  const { useSandbox } = await import('../src/browser.mjs');
  const said = [];
  assert.equal(useSandbox({ uid: 1000, warn: m => said.push(m) }), true);
  assert.deepEqual(said, []);
  // The warning is once per process (a batch launches many browsers): the first root launch of
  // this process may have said it already.
  assert.equal(useSandbox({ uid: 0, warn: m => said.push(m) }), false);
  assert.equal(useSandbox({ uid: 0, warn: m => said.push(m) }), false);
  assert.ok(said.length <= 1 && said.every(m => /runs as root/.test(m)), JSON.stringify(said));
});
