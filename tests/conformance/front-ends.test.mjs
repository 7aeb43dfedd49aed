// One truth in three front ends. The scanner's JSON is the core's report; the popup and the widget
// must list the same items with the same category, purpose, tracker, vendor, lifetime words and
// decisive evidence. A mismatch fails naming the item, the field and the front ends.
//
//  1. Rendered: reports of the testbed pages, of real pages others wrote (tests/realworld/pages)
//     and of real HAR captures (tests/realworld/har), as `trackscope scan` / `trackscope analyze`
//     write them, rendered by the popup's renderer (extension/dist/popup/render.js) and by the
//     widget (widget/dist, on a page whose CSP forbids WebAssembly, so that it shows the site's
//     report as a site owner publishes it).
//  2. Observed: the extension on the same live pages lists what the scanner lists.
//
//   npm run build -w extension && npm run build -w widget && node --test tests/conformance/
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { safeText } from '@trackscope/presentation/text.mjs';
import { cli, launchBrowser, startTestbed } from '@trackscope/test-support';
import { NOT_BUILT, built, extensionDir, launchWithExtension, openPopup, tabIdOf, waitFor } from '@trackscope/test-support/extension';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const WIDGET_DIR = path.join(REPO, 'widget', 'dist');
const HAR_DIR = path.join(REPO, 'tests', 'realworld', 'har');
if (!built() || !fs.existsSync(path.join(WIDGET_DIR, 'trackscope-widget.js'))) {
  throw new Error(`${NOT_BUILT}; and the widget: npm run build -w widget`);
}

// Live pages: the testbed's, and real test pages of other projects served by the testbed.
const PAGES = [
  ['shop.example', '/'], ['shop.example', '/everything.html'], ['shop.example', '/pixels.html'], ['shop.example', '/misses.html'],
  ['shop.example', '/beacons.html'], ['shop.example', '/storage.html'], ['shop.example', '/hostile.html'],
  ['privacy-test-pages.site', '/privacy-protections/storage-blocking/?store'], ['chrome.dev', '/f/cookie_1p/'],
  ['localtest.me', '/test_pages/js_cookie.html'], ['3pc.glitch.me', '/'],
];
// The extension's popup shows a page while it is open; the scanner also records what a page sends
// as it is left (misses.html's pagehide and visibilitychange beacons), which no popup can show yet.
const LIVE_PAGES = PAGES.filter(([, p]) => p !== '/misses.html');
const HARS = fs.readdirSync(HAR_DIR).filter(f => /\.har(\.gz)?$/.test(f)).sort();
const FIELDS = ['category', 'purpose', 'tracker', 'vendor', 'lifetime', 'evidence'];

// What the scanner says of each item: {id: {category, purpose, tracker, vendor, lifetime, evidence}}.
function scannerItems(report) {
  const trackers = new Map(report.trackers.map(t => [t.id, t]));
  return new Map(report.items.map(i => [i.id, {
    category: i.category, purpose: i.purpose, tracker: trackers.get(i.tracker)?.name ?? null, vendor: i.vendor,
    lifetime: i.lifetime, evidence: i.evidence,
  }]));
}

// Differences between the scanner's items and a front end's, as readable lines. `fields` are
// those the front end shows; `same(field, expected, shown)` compares one (default: equal).
function differences(where, expected, shown, frontEnd, { fields = FIELDS, same = (f, a, b) => a === b } = {}) {
  const out = [];
  for (const id of expected.keys()) if (!shown.has(id)) out.push(`${where}: ${id} is in the scanner's JSON but not in the ${frontEnd}`);
  for (const id of shown.keys()) if (!expected.has(id)) out.push(`${where}: ${id} is in the ${frontEnd} but not in the scanner's JSON`);
  for (const [id, e] of expected) {
    const s = shown.get(id);
    if (!s) continue;
    for (const field of fields) {
      if (!same(field, e[field], s[field])) {
        out.push(`${where}: ${id}: ${field}: scanner ${JSON.stringify(e[field])}, ${frontEnd} ${JSON.stringify(s[field])}`);
      }
    }
  }
  return out;
}

function assertNone(problems) {
  assert.ok(problems.length === 0, `${problems.length} mismatch(es):\n${problems.slice(0, 40).join('\n')}`);
}

// --- the popup's and the widget's DOM ----------------------------------------------------------

// What the popup shows of each item (its rows carry the report's ids and words).
function popupItems(page) {
  return page.locator('.item[data-item-id]').evaluateAll(nodes => nodes.map(n => [n.dataset.itemId, {
    category: n.dataset.category, purpose: n.dataset.purpose, tracker: n.closest('.tracker')?.dataset.tracker ?? null,
    vendor: n.dataset.vendor || null, lifetime: n.dataset.lifetime, evidence: n.dataset.evidence,
    shownLifetime: n.querySelector('.lifetime')?.textContent ?? null, kind: n.dataset.kind,
  }]));
}

// The popup's visible lifetime is the core's words (a beacon shows its kind instead).
function checkPopupLifetimes(where, rows) {
  return rows.filter(([, r]) => r.kind !== 'beacon' && r.shownLifetime !== r.lifetime)
    .map(([id, r]) => `${where}: ${id}: the popup shows lifetime ${JSON.stringify(r.shownLifetime)}, its data says ${JSON.stringify(r.lifetime)}`);
}

// What the widget's panel shows of each item: the provider (the tracker's name; the page's own
// site says "(this site)"), the lifetime words and the decisive evidence as text.
function widgetItems(page) {
  return page.locator('.panel .item[data-item-id]').evaluateAll(nodes => nodes.map(n => {
    const field = name => n.querySelector(`[data-field="${name}"]`)?.textContent ?? '';
    return [n.dataset.itemId, { category: n.dataset.category, purpose: n.dataset.purpose,
                                tracker: field('vendor').replace(/ \(this site\)$/, ''), lifetime: field('lifetime'), evidence: field('evidence') }];
  }));
}

// The widget renders page text through safeText, and the core's `backticks` as <code>.
const widgetSame = (field, expected, shown) => {
  if (field === 'evidence') return safeText(expected).replaceAll('`', '') === shown;
  if (field === 'tracker') return safeText(expected) === shown;
  return expected === shown;
};

// --- rendering reports in a plain Chromium --------------------------------------------------------

// Serves the popup's renderer and the widget to a plain Chromium: /ext/ is extension/dist,
// /trackscope/ widget/dist, /reports/N.json the reports; /popup.html renders window.response;
// /widget.html?n=N is a page with the widget whose CSP forbids WebAssembly, showing report N.
function rendererServer(reports) {
  const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json' };
  const popupHtml = `<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="/ext/popup/popup.css"><main id="content"></main>
<script type="module">
  import { installWhyListener, renderReport } from '/ext/popup/render.js';
  installWhyListener(document.getElementById('content'));
  window.show = response => document.getElementById('content').replaceChildren(...renderReport(response));
  window.ready = true;
</script>`;
  const widgetHtml = n => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>report ${n}</title>
<script src="/trackscope/trackscope-widget.js" data-report="/reports/${n}.json" async></script></head><body><h1>report ${n}</h1></body></html>`;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const send = (type, body, headers = {}) => { res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...headers }); res.end(body); };
    if (url.pathname === '/popup.html') return send('text/html', popupHtml);
    if (url.pathname === '/widget.html') return send('text/html', widgetHtml(Number(url.searchParams.get('n'))), { 'content-security-policy': "script-src 'self'" });
    const report = url.pathname.match(/^\/reports\/(\d+)\.json$/);
    if (report && reports[Number(report[1])]) return send('application/json', JSON.stringify(reports[Number(report[1])].report));
    for (const [prefix, root] of [['/ext/', extensionDir], ['/trackscope/', WIDGET_DIR]]) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = path.join(root, path.normalize(decodeURIComponent(url.pathname.slice(prefix.length))));
      if (file.startsWith(root) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        return send(types[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file));
      }
    }
    res.writeHead(404).end();
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('one truth in three front ends', () => {
  let bed;
  let dir;
  const reports = [];  // [{where, report}]
  const byUrl = new Map();  // live page URL -> the scanner's report

  before(async () => {
    bed = await startTestbed();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackscope-conformance-'));
    // The scanner: one batch over the live pages, and `analyze` on every HAR file.
    const urls = PAGES.map(([host, p]) => bed.url(host, p));
    const reportDir = path.join(dir, 'reports');
    const batch = await cli(['scan', ...urls, ...bed.browserArgs.map(a => `--browser-arg=${a}`), '--out', path.join(dir, 'results.jsonl'),
                             '--report-dir', reportDir, '--concurrency', '2', '--quiet']);
    assert.equal(batch.code, 0, batch.stderr);
    for (const file of fs.readdirSync(reportDir).sort()) {
      const report = JSON.parse(fs.readFileSync(path.join(reportDir, file), 'utf8'));
      byUrl.set(report.page.url, report);
    }
    for (const url of urls) {
      const report = [...byUrl.values()].find(r => r.page.url === url || r.page.url.startsWith(url.replace(/\?.*$/, '')));
      assert.ok(report, `the scanner wrote no report for ${url}`);
      reports.push({ where: url, report });
    }
    for (const file of HARS) {
      const out = path.join(dir, `${file}.json`);
      const run = await cli(['analyze', path.join(HAR_DIR, file), '--json', out, '--quiet']);
      assert.equal(run.code, 0, `${file}: ${run.stderr}`);
      const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
      // A file of several pages gives a trackscope-pages document: each page's report.
      const pages = doc.format === 'trackscope-pages' ? doc.pages.map(p => p.report) : [doc];
      for (const [i, report] of pages.entries()) reports.push({ where: `tests/realworld/har/${file}${pages.length > 1 ? ` page ${i + 1}` : ''}`, report });
    }
  });

  after(async () => {
    await bed?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('rendered: the popup and the widget list every item of the scanner\'s JSON with its words', async () => {
    const server = await rendererServer(reports);
    const base = `http://127.0.0.1:${server.address().port}`;
    const browser = await launchBrowser();
    const problems = [];
    try {
      const popup = await browser.newPage();
      await popup.goto(`${base}/popup.html`);
      await popup.waitForFunction(() => window.ready);
      let withItems = 0;
      let withRequestOnly = 0;
      for (const [n, { where, report }] of reports.entries()) {
        const expected = scannerItems(report);
        withItems += expected.size > 0;
        await popup.evaluate(r => window.show({ ok: true, report: r, page: {}, settings: {}, policy: {} }), report);
        const shown = await popupItems(popup);
        problems.push(...differences(where, expected, new Map(shown), 'popup'), ...checkPopupLifetimes(where, shown));
        // Third parties that track with no item (REPORT.md, trackers[]): listed by the popup apart.
        const requestOnly = report.trackers.filter(t => t.tracking && t.party === 'third' && !t.items.length).map(t => t.id).sort();
        const shownRequestOnly = (await popup.locator('.request-tracker[data-tracker-id]').evaluateAll(ns => ns.map(n => n.dataset.trackerId))).sort();
        if (JSON.stringify(requestOnly) !== JSON.stringify(shownRequestOnly)) {
          problems.push(`${where}: trackers reached by requests alone: scanner ${JSON.stringify(requestOnly)}, popup ${JSON.stringify(shownRequestOnly)}`);
        }
        withRequestOnly += requestOnly.length > 0;

        const page = await browser.newPage();
        await page.goto(`${base}/widget.html?n=${n}`);
        await page.getByRole('button', { name: /^Cookies & trackers/ }).click();
        await page.locator('trackscope-widget .panel:is([data-state="ready"], [data-state="error"])').waitFor();
        const widget = new Map(await widgetItems(page));
        problems.push(...differences(where, expected, widget, 'widget', { fields: ['category', 'purpose', 'tracker', 'lifetime', 'evidence'],
                                                                          same: widgetSame }));
        await page.close();
      }
      assert.ok(withItems >= 20, `only ${withItems} of ${reports.length} reports have items: the test would prove little`);
      assert.ok(withRequestOnly >= 1, 'no report has a tracker without items: the popup\'s list of them is untested');
    } finally {
      await browser.close();
      server.close();
    }
    assertNone(problems);
  });

  test('observed: the extension on the same live pages lists what the scanner lists', async () => {
    const problems = [];
    // Each page in a fresh profile, as the scanner visits it: nothing left by the pages before.
    for (const [host, p] of LIVE_PAGES) {
      const url = bed.url(host, p);
      const expected = scannerItems(reports.find(r => r.where === url).report);
      const ext = await launchWithExtension(bed.browserArgs);
      try {
        const blank = await ext.context.newPage();
        await blank.goto(ext.extensionUrl('manifest.json'));
        const page = await ext.context.newPage();
        await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
        await page.waitForTimeout(3000);  // as the scanner settles after the load
        const tabId = await tabIdOf(blank, page.url());
        // The worker stores what the tab did debounced: wait until the popup lists the scanner's items.
        let shown = new Map();
        await waitFor(async () => {
          const popup = await openPopup(ext.context, ext.extensionUrl, tabId);
          shown = new Map(await popupItems(popup));
          await popup.close();
          return [...expected.keys()].every(id => shown.has(id));
        }, `the popup of ${url} to list the scanner's items`, 10_000).catch(() => {});
        problems.push(...differences(`${url} (live)`, expected, shown, 'popup'));
      } finally {
        await ext.context.close();
      }
    }
    assertNone(problems);
  });
});
