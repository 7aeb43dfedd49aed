// End-to-end: DNT / GPC through the CLI against the testbed's signal sites (tests/testbed/
// signal-sites.mjs): the off/on comparison verdicts, gpc.json and dnt-policy.txt checks, the
// example declaration, and `trackscope analyze` on HAR files recorded with Playwright.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH, QUIET_ARGS } from '../src/browser.mjs';
import { cli, useTestbed } from '@trackscope/test-support';

const EXAMPLE_DECLARATION = fileURLToPath(new URL('../../core/data/policies/examples/example-declaration.json', import.meta.url));
// What the testbed serves as the EFF policy (tests/testbed/signal-sites.mjs), from Debian.
const EFF_DNT_POLICY = '/usr/share/webext/privacy-badger/data/dnt-policy.txt';
const haveEffPolicy = fs.existsSync(EFF_DNT_POLICY);

const names = items => items.filter(i => i.tracking).map(i => `${i.kind} ${i.name}`).sort();
const all = (comparison, change) => [comparison.trackers, ...comparison.categories].flatMap(g => names(g[change])).sort();

describe('DNT / GPC (testbed)', () => {
  const suite = useTestbed('signals');
  const { browserArgs } = suite;

  // scan --compare-signals: returns {comparison, off, on} from --json.
  async function compare(host, signal, extra = []) {
    const json = path.join(suite.dir, `${host}-${signal}.json`);
    const { code, stdout, stderr } = await cli(['scan', suite.bed.url(host, '/'), ...browserArgs(), '--compare-signals', signal, '--json', json, ...extra]);
    assert.equal(code, 0, stderr);
    return { ...JSON.parse(fs.readFileSync(json, 'utf8')), stdout };
  }

  test('a site that honours GPC: honoured, and its valid gpc.json agrees', async () => {
    const { comparison, off, on, stdout } = await compare('gpc-honours.example', 'gpc');
    assert.equal(comparison.verdict, 'honoured', comparison.reason);
    assert.deepEqual(all(comparison, 'persisting'), []);
    assert.deepEqual(all(comparison, 'dropped'), [
      'beacon collect.metrics.example/collect', 'beacon pixel.adnet.example/px.gif', 'cookie _fbp', 'cookie _mt_id',
      'cookie adnet_uid', 'tracker adnet.example', 'tracker metrics.example']);
    assert.deepEqual(on.privacy.gpcJson, { status: 'valid', httpStatus: 200, gpc: true, lastUpdate: '2025-01-15', reason: null });
    assert.equal(comparison.declared.stance, 'honoured');
    assert.equal(comparison.declared.contradiction, false);
    // The signal really went out: headers on every request, the navigator property read as true.
    assert.equal(off.privacy.gpc.sent, false);
    assert.equal(on.privacy.gpc.sent, true);
    assert.equal(on.privacy.gpc.headerRequests, on.privacy.requestsWithHeaders);
    assert.ok(on.privacy.reads.some(r => r.property === 'globalPrivacyControl' && r.site === 'gpc-honours.example'));
    assert.ok(suite.bed.received.some(r => r.host === 'gpc-honours.example' && r.headers['sec-gpc'] === '1'));
    assert.match(stdout, /GPC comparison: honoured/);
    // Its consent manager records the opt-out only when GPC is sent, and says it saw GPC.
    const records = report => Object.fromEntries(report.privacy.consentStrings.map(c => [c.cookie, [c.optedOut, c.gpc]]));
    assert.deepEqual(records(off), { usprivacy: [false, null], __gpp: [false, false] });
    assert.deepEqual(records(on), { usprivacy: [true, null], __gpp: [true, true] });
    assert.equal(on.privacy.consentStrings.find(c => c.cookie === '__gpp').fields['usnat.saleOptOut'], 'opted-out');
    assert.deepEqual(on.findings.filter(f => f.kind === 'signal-contradiction'), []);
  });

  test('a site that ignores GPC: not honoured, contradicting its gpc.json', async () => {
    const { comparison, on, stdout } = await compare('gpc-ignores.example', 'gpc');
    assert.equal(comparison.verdict, 'not-honoured', comparison.reason);
    assert.equal(comparison.counts.dropped, 0);
    assert.ok(all(comparison, 'persisting').includes('cookie _fbp'));
    assert.ok(all(comparison, 'persisting').includes('tracker adnet.example'));
    assert.equal(comparison.declared.contradiction, true);
    assert.match(comparison.declared.message, /GPC is declared honoured \(gpc\.json\) but behaviour says not-honoured/);
    // One capture already shows it: the promise, the signal sent, and tracking all the same.
    assert.ok(on.findings.some(f => f.kind === 'signal-contradiction' && f.itemKind === 'gpc' && f.severity === 'warning'));
    // Its consent manager records no opt-out although GPC was sent: one finding per record.
    const ignored = on.findings.filter(f => f.kind === 'signal-contradiction' && f.item !== 'GPC').map(f => f.message).sort();
    assert.deepEqual(ignored, [
      'GPC was sent, but the consent record in cookie __gpp (gpp) records no opt-out and has its GPC flag off: sections: usnat; ' +
        'usnat: did not opt out of sale, targeted advertising; GPC flag not set',
      'GPC was sent, but the consent record in cookie usprivacy (us-privacy) records no opt-out: notice given: yes; ' +
        'opted out of sale: no; covered by the LSPA: no']);
    assert.match(stdout, /\(CONTRADICTION\)/);
  });

  test('a site that honours GPC partly: the ad cookie and pixel go, analytics stays; its gpc.json is invalid', async () => {
    const { comparison, on } = await compare('gpc-partly.example', 'gpc');
    assert.equal(comparison.verdict, 'partly', comparison.reason);
    assert.deepEqual(all(comparison, 'persisting'), ['beacon collect.metrics.example/collect', 'cookie _mt_id', 'tracker metrics.example']);
    assert.deepEqual(all(comparison, 'dropped'), ['beacon pixel.adnet.example/px.gif', 'cookie _fbp', 'cookie adnet_uid', 'tracker adnet.example']);
    const marketing = comparison.categories.find(c => c.id === 'marketing');
    assert.deepEqual(names(marketing.dropped), ['cookie _fbp', 'cookie adnet_uid']);
    assert.deepEqual(on.privacy.gpcJson, { status: 'invalid', httpStatus: 200, gpc: null, lastUpdate: null,
      reason: '"gpc" must be true or false, got a string' });
    assert.equal(comparison.declared.stance, 'not-stated');
  });

  test('a site that honours DNT with the EFF policy and Tk: N', { skip: !haveEffPolicy && `${EFF_DNT_POLICY} not installed` }, async () => {
    const { comparison, on } = await compare('news.example', 'dnt');
    assert.equal(comparison.verdict, 'honoured', comparison.reason);
    assert.equal(on.privacy.dntPolicy.status, 'eff');
    assert.equal(on.privacy.dntPolicy.version, 'DNT Policy v1.0');
    assert.deepEqual(on.privacy.tk.map(t => [t.host, t.value, t.meaning]), [['news.example', 'N', 'not tracking']]);
    assert.ok(on.privacy.dnt.sources.some(s => s.source === 'dnt-policy.txt' && s.stance === 'honoured'));
    assert.equal(comparison.declared.contradiction, false);
  });

  test('a site with an edited DNT policy that ignores DNT', { skip: !haveEffPolicy && `${EFF_DNT_POLICY} not installed` }, async () => {
    const { comparison, on } = await compare('blog.example', 'dnt');
    assert.equal(comparison.verdict, 'not-honoured', comparison.reason);
    assert.equal(on.privacy.dntPolicy.status, 'not-eff');
    assert.match(on.privacy.dntPolicy.reason, /matches none of the \d+ EFF DNT policy versions/);
    assert.match(on.privacy.dntPolicy.sha1, /^[0-9a-f]{40}$/);
    // Tk: N promises; behaviour says otherwise.
    assert.equal(comparison.declared.contradiction, true);
    assert.match(comparison.declared.message, /declared honoured \(tk\)/);
  });

  test('scan --gpc sends the signal once; scan without it sends nothing', async () => {
    const json = path.join(suite.dir, 'gpc-once.json');
    const { code, stderr, stdout } = await cli(['scan', suite.bed.url('gpc-honours.example', '/'), ...browserArgs(), '--gpc', '--json', json]);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    assert.equal(report.signals.gpc, true);
    assert.equal(report.privacy.gpc.sent, true);
    assert.equal(report.privacy.dnt.sent, false);
    assert.equal(report.summary.thirdPartySites, 0);  // the site honoured it
    assert.match(stdout, /GPC\s+sent yes/);
    assert.match(stdout, /gpc\.json\s+valid: gpc true, lastUpdate 2025-01-15/);

    const plain = path.join(suite.dir, 'plain.json');
    assert.equal((await cli(['scan', suite.bed.url('gpc-honours.example', '/'), ...browserArgs(), '--json', plain, '--quiet'])).code, 0);
    const report2 = JSON.parse(fs.readFileSync(plain, 'utf8'));
    assert.equal(report2.privacy.gpc.sent, false);
    assert.equal(report2.privacy.gpc.headerRequests, 0);
    assert.equal(report2.privacy.consent, 'none');
  });

  test("the site's gpc.json is read outside the page: across a redirect to its CDN, without cookies; the policy's stance apart", async () => {
    const json = path.join(suite.dir, 'gpc-cdn.json');
    const { code, stderr, stdout } = await cli(['scan', suite.bed.url('gpc-cdn.example', '/'), ...browserArgs(), '--json', json]);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    assert.deepEqual(report.privacy.gpcJson, { status: 'valid', httpStatus: 200, gpc: true, lastUpdate: '2025-06-01', reason: null });
    assert.equal(report.privacy.gpc.declared, 'honoured');
    assert.deepEqual(report.privacy.gpc.sources, [{ source: 'gpc.json', stance: 'honoured' }]);
    // The page set a cookie: the fetch of the well-known file did not carry it.
    const fetched = suite.bed.received.filter(r => r.host === 'gpc-cdn.example' && r.path === '/.well-known/gpc.json');
    assert.ok(fetched.length >= 1);
    assert.ok(fetched.every(r => !r.headers.cookie), JSON.stringify(fetched.map(r => r.headers.cookie)));
    assert.ok(report.sites[0].cookies.some(c => c.name === 'sid'));
    // DNT: the bundled policy's "does not respond" is said as the policy's, not as the site's.
    assert.equal(report.privacy.dnt.declared, 'not-stated');
    assert.equal(report.privacy.dnt.policyStance, 'not-honoured');
    assert.match(stdout, /DNT\s+sent no .* the site states no stance; the selected policy says not-honoured/);
    assert.match(stdout, /GPC\s+sent no .* the site declares honoured \(gpc\.json: honoured\)/);
    assert.ok(!report.findings.some(f => /disagree/.test(f.message)), JSON.stringify(report.findings));
  });

  test('the example declaration: the shop declares its vendors, cookies and beacons', async () => {
    const json = path.join(suite.dir, 'declared.json');
    const { code, stderr } = await cli(['scan', suite.bed.url('shop.example', '/'), ...browserArgs(), '--policy', EXAMPLE_DECLARATION,
      '--json', json, '--quiet']);
    assert.equal(code, 0, stderr);
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    assert.equal(report.policy.id, 'example-declaration');
    const kinds = new Set(report.findings.map(f => f.kind));
    for (const kind of ['undeclared-tracker', 'undeclared-cookie', 'declared-not-seen']) {
      assert.ok(!kinds.has(kind), `${kind}: ${JSON.stringify(report.findings.filter(f => f.kind === kind))}`);
    }
    // The scanner's visitor consents to nothing: the shop's trackers run before consent.
    assert.ok(report.findings.some(f => f.kind === 'before-consent' && f.item === 'adnet_uid'));
    // A policy that is neither bundled nor a file is a usage error.
    const bad = await cli(['scan', suite.bed.url('shop.example', '/'), '--policy', 'nope', '--quiet']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--policy: "nope" is neither a bundled policy/);
  });

  describe('trackscope analyze', () => {
    // Records one page load into a HAR with Playwright, as a user would export one.
    async function recordHar(host, file, extraHTTPHeaders = {}) {
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...QUIET_ARGS, ...suite.bed.browserArgs] });
      try {
        const context = await browser.newContext({ ignoreHTTPSErrors: true, extraHTTPHeaders, recordHar: { path: file, content: 'embed' } });
        const page = await context.newPage();
        await page.goto(suite.bed.url(host, '/'), { waitUntil: 'load' });
        await page.waitForTimeout(500);
        await context.close();
      } finally {
        await browser.close();
      }
    }

    test('a HAR is converted and reported; two HARs give the GPC verdict', async () => {
      const off = path.join(suite.dir, 'off.har');
      const on = path.join(suite.dir, 'on.har');
      await recordHar('gpc-partly.example', off);
      await recordHar('gpc-partly.example', on, { 'Sec-GPC': '1' });

      const json = path.join(suite.dir, 'har-report.json');
      const html = path.join(suite.dir, 'har-report.html');
      const single = await cli(['analyze', off, '--json', json, '--html', html]);
      assert.equal(single.code, 0, single.stderr);
      const report = JSON.parse(fs.readFileSync(json, 'utf8'));
      assert.equal(report.page.url, 'https://gpc-partly.example/');
      // The time of the recording (its last entry), in the report and in the HTML's heading.
      const recorded = Date.parse(report.page.capturedAt);
      assert.ok(Math.abs(Date.now() - recorded) < 5 * 60_000, report.page.capturedAt);
      assert.match(fs.readFileSync(html, 'utf8'), new RegExp(`scanned ${report.page.capturedAt.slice(0, 19).replace('T', ' ')} UTC`));
      assert.deepEqual(report.sites.map(s => s.site).sort(), ['adnet.example', 'gpc-partly.example', 'metrics.example']);
      const cookies = report.sites.flatMap(s => s.cookies).map(c => c.name);
      assert.ok(cookies.includes('_fbp') && cookies.includes('adnet_uid'), cookies.join());
      assert.match(single.stdout, /FIRST PARTY\s+gpc-partly\.example/);

      // The second file sends GPC: it is the "on" load, in either order.
      const compareJson = path.join(suite.dir, 'har-compare.json');
      const both = await cli(['analyze', on, '--compare', off, '--json', compareJson]);
      assert.equal(both.code, 0, both.stderr);
      assert.match(both.stderr, /comparing .*off\.har \(off\) with .*on\.har \(on\)/);
      const { comparison } = JSON.parse(fs.readFileSync(compareJson, 'utf8'));
      assert.equal(comparison.signal, 'gpc');
      assert.equal(comparison.verdict, 'partly', comparison.reason);
      assert.ok(all(comparison, 'dropped').includes('cookie _fbp'));
      assert.match(both.stdout, /GPC comparison: partly/);

      // A saved capture is read the same way as a HAR.
      const capture = path.join(suite.dir, 'capture.json');
      assert.equal((await cli(['scan', suite.bed.url('gpc-ignores.example', '/'), ...browserArgs(), '--save-capture', capture, '--quiet'])).code, 0);
      const fromCapture = await cli(['analyze', capture, '--policy', 'consent-manager']);
      assert.equal(fromCapture.code, 0, fromCapture.stderr);
      assert.match(fromCapture.stdout, /gpc\.json\s+valid: gpc true/);
    });

    test('a malformed HAR or capture is rejected with the JSON path and the reason', async () => {
      const cases = [
        ['bad-url.har', '{"log": {"entries": [{"request": {"method": "GET"}, "response": {"status": 200}}]}}',
          /bad-url\.har: \$\.log\.entries: no entries: nothing to analyse \(1 skipped; the first: \$\.log\.entries\[0\]\.request\.url: required field is missing; entry skipped\)/],
        ['truncated.har', '{"log": {"entries": [', /truncated\.har: \$\.log\.entries: malformed JSON: line 1, column 22: the document ends/],
        ['gzip.har.gz', '\x1f\x8b not really gzip', /gzip\.har\.gz: not a readable gzip file/],
        ['bad-capture.json', '{"version": 1, "page": {"url": "https://a.example/"}, "cookies": [{"domain": "a.example"}]}',
          /bad-capture\.json: \$\.cookies\[0\]\.name: required field is missing/],
        ['neither.json', '{"hello": "world"}', /neither\.json: \$: neither a HAR file/],
      ];
      for (const [name, text, message] of cases) {
        const file = path.join(suite.dir, name);
        fs.writeFileSync(file, text, name.endsWith('.gz') ? 'latin1' : 'utf8');
        const { code, stderr } = await cli(['analyze', file]);
        assert.equal(code, 1, name);
        assert.match(stderr, message);
      }
      // A malformed field is a warning naming it; the rest of the file is analysed.
      const badHeaders = path.join(suite.dir, 'bad-headers.har');
      fs.writeFileSync(badHeaders, '{"log": {"entries": [{"request": {"url": "https://a.example/", "headers": {"DNT": "1"}}}]}}');
      const warned = await cli(['analyze', badHeaders]);
      assert.equal(warned.code, 0, warned.stderr);
      assert.match(warned.stderr, /bad-headers\.har: warning: \$\.log\.entries\[0\]\.request\.headers: expected an array, got an object; ignored/);
      assert.match(warned.stdout, /https:\/\/a\.example\//);
      const missing = await cli(['analyze', path.join(suite.dir, 'nope.har')]);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /cannot read .*nope\.har: no such file/);
      const usage = await cli(['analyze']);
      assert.equal(usage.code, 2);
    });
  });
});
