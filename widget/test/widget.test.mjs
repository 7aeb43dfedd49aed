// Browser tests of the embeddable widget as a site owner deploys it: the testbed shop serves
// widget/dist/ under /trackscope/ and includes it with one tag, with its policy and declaration
// (sites/shop.example/trackscope-policy.json) and the report of its last scan
// (trackscope-report.json, written by `node widget/scripts/testbed-reports.mjs`). Chromium loads the
// pages with their real first- and third-party trackers; the tests drive the widget through its
// (open) shadow roots, as a visitor would with mouse and keyboard.
//
//   npm run build -w widget && node --test widget/test/
//
// Pages: widget.html (panel), widget-table.html (table mode), widget-csp.html (a CSP without
// 'wasm-unsafe-eval'), widget-hostile.html (markup in cookies, storage, the policy and the report).
// Screenshots go to out/screenshots/widget-*.png.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchBrowser, startTestbed } from '@trackscope/test-support';

const WIDGET_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const REPO_DIR = path.join(WIDGET_DIR, '..');
const SCREENSHOTS = path.join(REPO_DIR, 'out', 'screenshots');
const TITLE = 'Cookies and trackers on this page';
const LAUNCHER = /^Cookies & trackers/;
const CORE_ASSETS = ['/trackscope/trackscope-widget-ui.mjs', '/trackscope/core/js/index.mjs', '/trackscope/core/dist/trackscope_core.mjs',
  '/trackscope/core/dist/trackscope_core.wasm'];
// The UI's modules (ui/*.mjs, ui/presentation/*.mjs), imported with trackscope-widget-ui.mjs.
const isUiModule = p => p.startsWith('/trackscope/ui/') && p.endsWith('.mjs') && fs.existsSync(path.join(WIDGET_DIR, 'dist', p.slice('/trackscope/'.length)));
const SCRIPT = '/trackscope/trackscope-widget.js';
const OWNER_FILES = ['/trackscope-policy.json', '/trackscope-report.json'];
const LATE_IMAGE = 'https://fp.tracker.example/late.gif'; // a third party the page contacts after the first open
const SCAN_LABEL = /^from the site's last scan \(\d{1,2} [A-Z][a-z]{2} \d{4}\)$/;

// A missing build fails the run (not a skip): the testbed would answer 404 and every test time out.
if (!fs.existsSync(path.join(WIDGET_DIR, 'dist', 'core', 'dist', 'trackscope_core.wasm'))) {
  throw new Error('widget/dist is missing or incomplete: run `npm run build -w widget` first (after `make build`)');
}
fs.mkdirSync(SCREENSHOTS, { recursive: true });
const shot = (page, name, options = {}) => page.screenshot({ path: path.join(SCREENSHOTS, `widget-${name}.png`), ...options });

let bed;
let context;
before(async () => {
  bed = await startTestbed();
  context = await launchBrowser({ args: bed.browserArgs });
});
after(async () => {
  await context?.close();
  await bed?.close();
});

// A page with a log of the paths it requested on the testbed and of its console warnings.
async function openPage(pathname, { colorScheme = 'light', init } = {}) {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.emulateMedia({ colorScheme });
  if (init) await page.addInitScript(init);
  const log = { requests: [], warnings: [] };
  page.on('request', r => log.requests.push(r.url()));
  page.on('console', m => { if (m.type() === 'warning') log.warnings.push(m.text()); });
  page.on('pageerror', err => log.warnings.push(`pageerror: ${err.message}`));
  await page.goto(bed.url('shop.example', pathname), { waitUntil: 'load' });
  return { page, log };
}

const widgetPaths = (log, from = 0) => log.requests.slice(from)
  .filter(u => u.startsWith('https://shop.example/')).map(u => new URL(u).pathname);

// {category id: [item names]} as rendered in the panel or the tables.
const panelItems = panel => panel.locator('.category').evaluateAll(sections => Object.fromEntries(
  sections.map(s => [s.dataset.category, [...s.querySelectorAll('.item')].map(i => i.dataset.name)])));
const tableItems = root => root.locator('.table-wrap[data-category]').evaluateAll(tables => Object.fromEntries(
  tables.map(t => [t.dataset.category, [...t.querySelectorAll('tbody tr[data-name]')].map(r => r.dataset.name)])));

async function openPanel(page) {
  await page.getByRole('button', { name: LAUNCHER }).click();
  const panel = page.getByRole('dialog', { name: TITLE });
  await page.locator('trackscope-widget .panel:is([data-state="ready"], [data-state="error"])').waitFor();
  return panel;
}

function assertIncludes(actual, expected, what) {
  for (const name of expected) assert.ok(actual?.includes(name), `${what}: ${name} missing from ${JSON.stringify(actual)}`);
}

it('uses no eval and no HTML parsing of strings', () => {
  const files = fs.readdirSync(path.join(WIDGET_DIR, 'dist'), { recursive: true }).filter(f => /\.m?js$/.test(f) && !f.startsWith('core'));
  assert.deepEqual(files.sort(), ['trackscope-widget-ui.mjs', 'trackscope-widget.js'], 'the loader and the bundled UI');
  for (const file of files) {
    const source = fs.readFileSync(path.join(WIDGET_DIR, 'dist', file), 'utf8');
    for (const pattern of [/\binnerHTML\b/, /\bouterHTML\s*=/, /insertAdjacentHTML/, /\beval\s*\(/, /\bnew Function\b/,
      /document\.write/, /createContextualFragment/, /DOMParser/, /setAttribute\(\s*['"]on/]) {
      assert.doesNotMatch(source, pattern, `${file}: ${pattern}`);
    }
  }
});

describe('panel mode on the testbed shop', () => {
  let page;
  let log;
  let panel;
  const host = () => page.locator('trackscope-widget');
  const item = name => panel.locator(`.item[data-name="${name}"]`);
  let openedAt;

  before(async () => {
    ({ page, log } = await openPage('/widget.html'));
    // Let the page's own scripts finish (the analytics beacon is sent after an async script).
    await page.waitForTimeout(300);
  });
  after(() => page?.close());

  it('costs one script until opened: no core, policy or report is fetched', async () => {
    assert.deepEqual(widgetPaths(log).filter(p => p.startsWith('/trackscope') || OWNER_FILES.includes(p)), [SCRIPT]);
    assert.equal(await page.getByRole('dialog').count(), 0, 'the panel is closed until asked for');
  });

  it("lists the page's cookies, storage and beacons under the owner's categories, merged with the last scan", async () => {
    const h1Style = () => page.locator('h1').evaluate(h => `${getComputedStyle(h).color} ${getComputedStyle(h).fontFamily}`);
    const pageStyleBefore = await h1Style();
    openedAt = log.requests.length;
    panel = await openPanel(page);
    assert.equal(await panel.getAttribute('data-source'), 'live');
    assert.equal(await page.getByRole('button', { name: LAUNCHER }).getAttribute('aria-expanded'), 'true');
    assert.ok(await host().evaluate(h => Boolean(h.shadowRoot.activeElement?.closest('[role="dialog"]'))), 'focus moved into the dialog');
    assert.equal(await h1Style(), pageStyleBefore, "the widget's CSS does not restyle the page");

    // The shop's policy (consent-manager categories) in its order, each with label and description.
    const headings = await panel.locator('.category-title > span:first-child').allTextContents();
    assert.deepEqual(headings, ['Necessary', 'Preferences', 'Statistics', 'Marketing']);
    assert.match(await panel.locator('.category[data-category="preferences"] .description').textContent(), /preferred|language/);
    assert.match(await panel.locator('.unused').textContent(), /Not used on this page: Unclassified\./);

    const items = await panelItems(panel);
    assertIncludes(items.necessary, ['shop_session'], 'Necessary');
    assertIncludes(items.preferences, ['ui_lang', 'ui_theme'], 'Preferences');
    assertIncludes(items.statistics, ['ab_bucket', '_mt_id', '_mt_uid', 'collect.metrics.example/collect'], 'Statistics');
    assertIncludes(items.marketing, ['adnet_uid', 'pixel.adnet.example/px.gif', 'www.facebook.com/tr'], 'Marketing');
    assert.equal(await panel.locator('.category[data-category="necessary"] .count').textContent(), String(items.necessary.length));

    // Kinds and what a row says: type, provider, lifetime, purpose.
    assert.equal(await item('ui_theme').getAttribute('data-kind'), 'storage');
    assert.equal(await item('ui_theme').locator('.tag').first().textContent(), 'Session storage');
    assert.equal(await item('www.facebook.com/tr').locator('.tag').first().textContent(), 'Tracking pixel');
    assert.match(await item('www.facebook.com/tr').locator('.meta').textContent(), /^Facebook · Purpose: Advertising$/);
    assert.match(await item('ui_lang').locator('.meta').textContent(), /^shop\.example \(this site\) · 1 year · Purpose: Functional$/,
      "a script-visible cookie takes its lifetime from the scan");

    // What another front end's conformance test reads: the report's ids, the core's ids and words.
    const pixel = item('www.facebook.com/tr');
    assert.deepEqual(await pixel.evaluate(i => [i.dataset.itemId, i.dataset.category, i.dataset.purpose]),
      ['beacon:www.facebook.com/tr', 'marketing', 'advertising']);
    assert.equal(await pixel.locator('[data-field="vendor"]').textContent(), 'Facebook');
    assert.match(await pixel.locator('[data-field="evidence"]').textContent(), /Meta Pixel/, 'the decisive evidence');
    assert.equal(await item('ui_lang').locator('[data-field="lifetime"]').textContent(), '1 year');

    // What a page script cannot see comes from the scan, labelled with its date.
    assert.ok(!(await page.evaluate(() => document.cookie)).includes('shop_session'), 'HttpOnly: invisible to scripts');
    for (const name of ['shop_session', 'adnet_uid']) {
      assert.equal(await item(name).getAttribute('data-source'), 'scan', name);
      assert.match(await item(name).locator('.tag.scan').textContent(), SCAN_LABEL, name);
    }
    assert.match(await item('shop_session').locator('.meta').textContent(), / · session · /, "the core's lifetime");
    assert.equal(await item('ui_lang').getAttribute('data-source'), 'live');
    assert.equal(await item('ui_lang').locator('.tag.scan').count(), 0, 'a live item carries no scan label');

    // The "why": evidence and facts, keyboard- and mouse-operable.
    await item('shop_session').locator('summary').click();
    const why = item('shop_session').locator('.why-body');
    assert.match(await why.textContent(), /shop_session/);
    assert.match(await why.locator('.facts').textContent(), /HttpOnly/);
    assert.match(await item('ui_lang').locator('.why-body').textContent(), /Value in your browser\s*en/);

    // Declared vs observed: the Meta Pixel is not in the shop's declaration.
    const findings = panel.locator('.findings-block:not(.quiet)');
    assert.match(await findings.locator('.section-title').textContent(), /^\d+ differences? from the site's declaration$/);
    assert.match(await findings.locator('.finding[data-kind="undeclared-tracker"]').textContent(), /facebook\.com \(Facebook\)/);
    assert.equal(await panel.locator('.findings-block').first().evaluate(b => b.previousElementSibling === null), true, 'findings come first');

    // The visitor's signals and the site's stance (the shop's policy with its declaration: honours
    // GPC, ignores DNT).
    // The verdict is the core's (privacy.<signal>.verdict).
    assert.match(await panel.locator('.signal[data-signal="gpc"]').textContent(),
      /^Your browser does not send Global Privacy Control\. The site's stance: honours it \(its declaration\)\. Not tested: GPC was not sent on this load\.$/);
    assert.equal(await panel.locator('.signal[data-signal="gpc"]').getAttribute('data-verdict'), 'not-sent');
    assert.match(await panel.locator('.signal[data-signal="dnt"]').textContent(), /The site's stance: does not honour it \(its declaration\)\./);

    // Third parties with their vendor.
    const sites = await panel.locator('.site').evaluateAll(els => els.map(e => e.dataset.site));
    assert.deepEqual([...sites].sort(), ['adnet.example', 'facebook.com', 'metrics.example']);
    assert.equal(await panel.locator('.site[data-site="facebook.com"] .tag.vendor').textContent(), 'Facebook');
    assert.equal(await panel.locator('.site[data-site="facebook.com"] .own-findings .finding[data-kind="undeclared-tracker"]').count(), 1,
      'a finding under the site of its tracker (findings[].itemId)');
    assert.match(await panel.locator('.site[data-site="adnet.example"] .meta').textContent(), /^1 image · in Marketing$/);
    assert.equal(await page.getByRole('button', { name: LAUNCHER }).getAttribute('aria-label'), 'Cookies & trackers: 3 third-party sites');
    assert.ok(!(await panel.textContent()).includes('/trackscope/'), "the widget's own files are not listed");
  });

  it('looks right at desktop and narrow sizes, light and dark', async () => {
    await item('shop_session').locator('summary').click(); // closed again for the pictures
    await shot(page, 'panel-desktop-light');
    const lightBackground = await panel.evaluate(p => getComputedStyle(p).backgroundColor);
    await page.setViewportSize({ width: 375, height: 740 });
    const box = await panel.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 375 && box.y >= 0, `panel fits a narrow screen (${JSON.stringify(box)})`);
    const launcherBox = await page.getByRole('button', { name: LAUNCHER }).boundingBox();
    assert.ok(launcherBox.width < 100, 'the narrow launcher shows icon and count only');
    await shot(page, 'panel-narrow-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.notEqual(await panel.evaluate(p => getComputedStyle(p).backgroundColor), lightBackground, 'follows prefers-color-scheme');
    await shot(page, 'panel-narrow-dark');
    await page.setViewportSize({ width: 1280, height: 800 });
    await shot(page, 'panel-desktop-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('shows a cookie set after load, keeping focus and open disclosures', async () => {
    await item('ui_lang').locator('summary').focus();
    await item('ui_lang').locator('summary').press('Enter');
    assert.equal(await item('ui_lang').locator('details').getAttribute('open'), '');
    await page.evaluate(() => { document.cookie = 'late_lang=de; path=/'; });
    await item('late_lang').waitFor();
    assert.equal(await item('late_lang').getAttribute('data-source'), 'live');
    assert.match(await item('late_lang').locator('.meta').textContent(), /unknown \(not visible to scripts\)/,
      'a script cannot see the lifetime, and the scan does not know this cookie');
    assert.equal(await host().evaluate(h => h.shadowRoot.activeElement?.closest('.item')?.dataset.name), 'ui_lang',
      'a live re-render keeps focus on the same control');
    assert.equal(await item('ui_lang').locator('details').getAttribute('open'), '', 'and opened disclosures open');
    assert.match(await panel.locator('.summary').textContent(), /^6 cookies · /);
  });

  it('shows a third party contacted after load (PerformanceObserver)', async () => {
    await page.evaluate(url => document.body.append(Object.assign(new Image(1, 1), { src: url, alt: '' })), LATE_IMAGE);
    const site = panel.locator('.site[data-site="tracker.example"]');
    await site.waitFor();
    assert.equal(await site.getAttribute('data-source'), 'live');
    assert.match(await site.locator('.meta').textContent(), /^1 image/);
  });

  it('keeps its look when the page has aggressive CSS', async () => {
    const title = panel.locator('h2');
    const look = () => title.evaluate(h => {
      const s = getComputedStyle(h);
      return { color: s.color, fontSize: s.fontSize, fontFamily: s.fontFamily };
    });
    const before = await look();
    const hostile = await page.addStyleTag({ content: '* { color: red !important; font: 40px serif !important; } ' +
      'html { font-size: 40px !important; } trackscope-widget { display: none !important; opacity: 0 !important; }' });
    try {
      assert.equal(await page.locator('h1').evaluate(h => getComputedStyle(h).color), 'rgb(255, 0, 0)', 'the hostile CSS applies to the page');
      assert.ok(await panel.isVisible());
      assert.deepEqual(await look(), before);
    } finally {
      await hostile.evaluate(style => style.remove());
    }
  });

  it('works with the keyboard: Tab to the button, Enter opens, Tab cycles in the dialog, Escape closes', async () => {
    const launcher = page.getByRole('button', { name: LAUNCHER });
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    // Sequential focus navigation starts where the visitor last clicked: the top of the page.
    await page.locator('h1').click();
    const focusedClass = () => host().evaluate(h => (document.activeElement === h ? h.shadowRoot.activeElement?.className ?? null : null));

    await page.keyboard.press('Tab');
    assert.equal(await focusedClass(), 'launcher', 'Tab reaches the button');
    await page.keyboard.press('Enter');
    await page.locator('trackscope-widget .panel[data-state="ready"]').waitFor();
    assert.equal(await launcher.getAttribute('aria-expanded'), 'true');
    assert.equal(await panel.getAttribute('aria-modal'), 'true');
    assert.ok(await host().evaluate(h => h.shadowRoot.activeElement?.getAttribute('role') === 'dialog'), 'focus moves into the dialog');

    const controls = await panel.evaluate(p => [...p.querySelectorAll('button, summary')].filter(n => n.getClientRects().length)
      .map(n => n.getAttribute('data-focus-key')));
    assert.ok(controls.length > 5, `the dialog has controls: ${controls}`);
    const visited = [];
    for (let i = 0; i <= controls.length; i++) {
      await page.keyboard.press('Tab');
      visited.push(await host().evaluate(h => {
        const a = h.shadowRoot.activeElement;
        return document.activeElement === h && a?.closest('[role="dialog"]') ? a.getAttribute('data-focus-key') : `outside: ${a?.className}`;
      }));
    }
    assert.deepEqual(visited, [...controls, controls[0]], 'Tab visits every control in order and wraps to the first');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await host().evaluate(h => h.shadowRoot.activeElement?.getAttribute('data-focus-key')), controls.at(-1), 'Shift+Tab wraps back');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    const opened = await panel.locator('details[open] > summary').evaluateAll(s => s.map(n => n.getAttribute('data-focus-key')));
    assert.ok(opened.includes(controls.at(-2)), 'Enter on a disclosure opens it');

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    assert.equal(await launcher.getAttribute('aria-expanded'), 'false');
    assert.equal(await focusedClass(), 'launcher', 'Escape gives focus back to the button');
  });

  it('requests only its own files, without cookies, and keeps no state of its own', async () => {
    const paths = widgetPaths(log, openedAt);
    assert.deepEqual([...new Set(paths)].filter(p => !isUiModule(p)).sort(), [...CORE_ASSETS, ...OWNER_FILES].sort(), JSON.stringify(paths));
    assert.ok(paths.includes('/trackscope/trackscope-widget-ui.mjs'), JSON.stringify(paths));
    const allowed = new Set([SCRIPT, ...CORE_ASSETS, ...OWNER_FILES]);
    for (const url of log.requests.slice(openedAt)) {
      const p = new URL(url).pathname;
      if (url !== LATE_IMAGE) assert.ok(allowed.has(p) || isUiModule(p), `request after opening: ${url}`);
    }
    for (const file of OWNER_FILES) {
      const served = bed.received.filter(r => r.host === 'shop.example' && r.path === file);
      assert.ok(served.length >= 1 && served.every(r => !r.headers.cookie), `${file} fetched without credentials`);
    }
    const cookies = (await context.cookies()).map(c => c.name).sort();
    assert.deepEqual(cookies, ['_mt_id', 'ab_bucket', 'adnet_uid', 'late_lang', 'shop_session', 'ui_lang'],
      'only the page, its trackers and the test set cookies');
    assert.deepEqual(await page.evaluate(async () => ({
      localStorage: Object.keys(localStorage), sessionStorage: Object.keys(sessionStorage),
      indexedDB: (await indexedDB.databases()).length, caches: (await caches.keys()).length,
    })), { localStorage: ['_mt_uid'], sessionStorage: ['ui_theme'], indexedDB: 0, caches: 0 }, "only the page's own storage");
  });
});

describe('panel mode: the bare tag, visitor signals, an invalid policy or report', () => {
  it('works with the bare tag: default policy, live items only, no declaration check', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const body = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare</title>' +
      '<script src="/trackscope/trackscope-widget.js" async></script></head><body><h1>Bare tag</h1>' +
      '<script>document.cookie = "bare_theme=dark; path=/bare";</script></body></html>';
    await page.route('https://shop.example/bare/', route => route.fulfill({ status: 200, contentType: 'text/html', body }));
    await page.goto(bed.url('shop.example', '/bare/'), { waitUntil: 'load' });
    const panel = await openPanel(page);
    const headings = await panel.locator('.category-title > span:first-child').allTextContents();
    assert.ok(headings.every(h => ['Essential', 'Functional', 'Marketing', 'Web beacons', 'Unclassified'].includes(h)), String(headings));
    assert.equal(await panel.locator('.item[data-name="bare_theme"]').getAttribute('data-source'), 'live');
    assert.equal(await panel.locator('.tag.scan, .findings-block, .notice').count(), 0, 'no scan, no declaration, no notices');
    // The default policy's stance is that policy's, not the site's.
    assert.match(await panel.locator('.signal[data-signal="dnt"]').textContent(),
      /The site's stance: nothing stated\. The selected policy's stance: does not honour it\./);
    assert.match(await panel.locator('.foot').textContent(), /^Checked live in your browser, which shows page scripts no HttpOnly cookies/);
    await page.close();
  });

  it('says plainly that the browser sends GPC, and that the page contradicts the site\'s promise', async () => {
    const { page } = await openPage('/widget.html', {
      init: () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }),
    });
    const panel = await openPanel(page);
    const gpc = panel.locator('.signal[data-signal="gpc"]');
    assert.match(await gpc.textContent(), /^Your browser sends Global Privacy Control\. The site's stance: honours it \(its declaration\)\. Contradicted: /);
    assert.equal(await gpc.getAttribute('data-verdict'), 'contradicted');
    assert.equal(await gpc.locator('.dot').getAttribute('class'), 'dot on');
    assert.match(await panel.locator('.finding[data-kind="signal-contradiction"]').textContent(), /GPC|Global Privacy Control/i);
    await page.close();
  });

  it('shows the site owner a clear error for an invalid policy file, warns once, and uses the default categories', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const warnings = [];
    page.on('console', m => { if (m.type() === 'warning') warnings.push(m.text()); });
    await page.route('https://shop.example/trackscope-policy.json', route => route.fulfill({
      status: 200, contentType: 'application/json',
      body: JSON.stringify({ format: 'trackscope-policy', version: 1, id: 'Bad Id', name: 'x', categories: [], rules: [] }),
    }));
    await page.goto(bed.url('shop.example', '/widget.html'), { waitUntil: 'load' });
    const panel = await openPanel(page);
    const notice = panel.locator('.notice.warning');
    assert.match(await notice.textContent(),
      /^Note for the site owner: the policy file https:\/\/shop\.example\/trackscope-policy\.json is not valid \(\$\.[^:]+: .+\)\. The categories below are trackscope's defaults\.$/);
    assert.equal(await notice.getAttribute('role'), 'alert');
    const headings = await panel.locator('.category-title > span:first-child').allTextContents();
    assert.ok(headings.includes('Essential'), `default categories: ${headings}`);
    await page.evaluate(() => { document.cookie = 'rerender=1; path=/'; });
    await panel.locator('.item[data-name="rerender"]').waitFor();
    assert.equal(warnings.filter(w => w.includes('is not valid')).length, 1, `warned once: ${warnings}`);
    await page.evaluate(() => { document.cookie = 'rerender=; path=/; max-age=0'; });
    await page.close();
  });

  it('shows the site owner which field of the scan report is wrong, and still the live view', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const report = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'tests/testbed/sites/shop.example/trackscope-report.json'), 'utf8'));
    await page.route('https://shop.example/trackscope-report.json', route => route.fulfill({
      status: 200, contentType: 'application/json', body: JSON.stringify({ ...report, items: [{ ...report.items[0], category: null }] }),
    }));
    await page.goto(bed.url('shop.example', '/widget.html'), { waitUntil: 'load' });
    const panel = await openPanel(page);
    assert.equal(await panel.getAttribute('data-source'), 'live');
    assert.equal(await panel.locator('.notice.warning').textContent(),
      'Note for the site owner: the scan report https://shop.example/trackscope-report.json is not a trackscope report of version 2 ' +
      '($.items[0].category: must be a string); write it with trackscope scan --json.');
    assert.equal(await panel.locator('.tag.scan').count(), 0, 'nothing from the rejected scan');
    await page.close();
  });
});

describe('table mode (the declaration on a cookie-policy page)', () => {
  let page;
  let root;
  before(async () => {
    ({ page } = await openPage('/widget-table.html'));
    root = page.locator('.trackscope-declaration .root');
    await page.locator('.trackscope-declaration .root[data-state="ready"]').waitFor();
  });
  after(() => page?.close());

  it('renders an accessible table per category into the target element', async () => {
    assert.equal(await page.locator('#cookie-declaration > .trackscope-declaration').count(), 1, 'inside data-target');
    assert.equal(await page.locator('trackscope-widget').count(), 0, 'no floating button in table mode');
    const captions = await root.locator('table caption .cap-label').allTextContents();
    assert.deepEqual(captions, ['Necessary', 'Preferences', 'Statistics', 'Marketing', 'Unclassified', 'Third-party sites']);
    const headers = await root.locator('.table-wrap[data-category="statistics"] thead th').allTextContents();
    assert.deepEqual(headers, ['Name', 'Provider', 'Purpose', 'Expiry', 'Type']);
    assert.equal(await root.locator('.table-wrap[data-category="statistics"] thead th').first().getAttribute('scope'), 'col');
    assert.equal(await root.locator('tbody th[scope="row"]').count() > 5, true, 'row headers name the items');

    const items = await tableItems(root);
    assertIncludes(items.necessary, ['shop_session'], 'Necessary');
    assertIncludes(items.preferences, ['ui_lang', 'ui_theme'], 'Preferences');
    assertIncludes(items.statistics, ['ab_bucket', '_mt_id', '_mt_uid', 'collect.metrics.example/collect'], 'Statistics');
    assertIncludes(items.marketing, ['adnet_uid', 'pixel.adnet.example/px.gif'], 'Marketing');
    assert.match(await root.locator('.table-wrap[data-category="unclassified"] td.none').textContent(), /None on this page/);

    // A cell with a disclosure is read by its summary (innerText of a closed <details> was once read
    // with its body while the table re-rendered).
    const cells = await root.locator('tr[data-name="ab_bucket"] td')
      .evaluateAll(tds => tds.map(td => (td.querySelector(':scope > details > summary') ?? td).innerText.trim()));
    assert.deepEqual(cells, ['shop.example (this site)', 'Analytics', '30 days', 'Cookie']);
    assert.match(await root.locator('tr[data-name="shop_session"] .tag.scan').textContent(), SCAN_LABEL);
    // This page has no Meta Pixel; the scan (of widget.html) saw one: shown, and labelled.
    assert.equal(await root.locator('tr[data-name="www.facebook.com/tr"]').getAttribute('data-source'), 'scan');
    assert.match(await root.locator('.foot-note').textContent(), /last scan \([^)]+\) of \/widget\.html/);

    const border = await root.locator('td').first().evaluate(td => getComputedStyle(td).borderTopColor);
    assert.notEqual(border, 'rgb(255, 0, 0)', "the page's table CSS does not reach the widget's tables");
    const font = await root.locator('caption').first().evaluate(c => getComputedStyle(c).fontFamily);
    assert.match(font, /Georgia/, "the table takes the page's font");
  });

  it('updates live: a cookie set after load appears in its table', async () => {
    await page.evaluate(() => { document.cookie = 'table_lang=fr; path=/'; });
    await root.locator('.table-wrap[data-category="preferences"] tr[data-name="table_lang"]').waitFor();
    await page.evaluate(() => { document.cookie = 'table_lang=; path=/; max-age=0'; });
    await root.locator('tr[data-name="table_lang"]').waitFor({ state: 'detached' });
  });

  it('looks right at desktop and narrow sizes, light and dark', async () => {
    await page.setViewportSize({ width: 1280, height: 1000 });
    await shot(page, 'table-desktop-light', { fullPage: true });
    await page.setViewportSize({ width: 375, height: 800 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, `no horizontal scrolling on a narrow screen (${width}px)`);
    await page.locator('#cookie-declaration').scrollIntoViewIfNeeded();
    await shot(page, 'table-narrow-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    const color = await root.locator('caption').first().evaluate(c => getComputedStyle(c).color);
    assert.equal(color, 'rgb(236, 230, 220)', "follows the page's colours, which follow prefers-color-scheme");
    await shot(page, 'table-narrow-dark');
    await page.setViewportSize({ width: 1280, height: 1000 });
    await shot(page, 'table-desktop-dark', { fullPage: true });
  });
});

describe('Content-Security-Policy', () => {
  it("falls back to the site's last scan when the CSP forbids WebAssembly, and says so", async () => {
    const { page, log } = await openPage('/widget-csp.html');
    const panel = await openPanel(page);
    assert.equal(await panel.getAttribute('data-source'), 'scan');
    const notice = panel.locator('.notice[data-notice="fallback"]');
    assert.match(await notice.textContent(),
      /^Live analysis is blocked by this page's Content-Security-Policy; showing the site's last scan \(\d{1,2} [A-Z][a-z]{2} \d{4}\)\.$/);
    const items = await panelItems(panel);
    assertIncludes(items.necessary, ['shop_session'], 'Necessary (from the scan)');
    assertIncludes(items.marketing, ['www.facebook.com/tr'], 'Marketing (from the scan)');
    assertIncludes(Object.values(items).flat(), ['adnet_uid', 'ui_lang', '_mt_uid'], 'the scan');
    assert.match(await panel.locator('.foot').textContent(), /^From the site's last scan \([^)]+\) of \/widget\.html, not from your visit\./);
    assert.deepEqual(widgetPaths(log).filter(p => p.startsWith('/trackscope/core/')), [],
      'the blocked core is not even downloaded');
    assert.ok(log.warnings.some(w => w.startsWith("trackscope widget: live analysis is unavailable: the page's Content-Security-Policy")),
      JSON.stringify(log.warnings));
    await shot(page, 'panel-csp-fallback');
    await page.close();
  });

  it('says clearly when the CSP forbids WebAssembly and there is no scan to show', async () => {
    const { page } = await openPage('/widget-csp.html?report=none');
    const panel = await openPanel(page);
    assert.equal(await panel.getAttribute('data-state'), 'error');
    assert.equal(await panel.locator('.message').textContent(),
      "Live analysis is blocked by this page's Content-Security-Policy, and the site provides no scan to show instead.");
    await page.close();
  });

  // The documented CSP minimum: no style-src (the widget's stylesheet is a constructed one),
  // script-src for its files plus 'wasm-unsafe-eval', connect-src for the .wasm and the owner's
  // files; Trusted Types enforced. The page holds only the widget: Chromium's local-network checks
  // block a route-fulfilled page's loads from other testbed hosts.
  it('works live under the documented strict Content-Security-Policy', async () => {
    const csp = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; base-uri 'none'; " +
      "require-trusted-types-for 'script'";
    const body = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict CSP</title>' +
      '<script src="/trackscope/trackscope-widget.js" data-policy="/trackscope-policy.json" data-report="/trackscope-report.json" async></script>' +
      '</head><body><h1>Strict CSP</h1></body></html>';
    const strict = await context.newPage();
    strict.setDefaultTimeout(15_000);
    await strict.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', e => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await strict.route('https://shop.example/csp.html', route => route.fulfill({
      status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp }, body,
    }));
    await strict.goto(bed.url('shop.example', '/csp.html'), { waitUntil: 'load' });
    const panel = await openPanel(strict);
    assert.equal(await panel.getAttribute('data-source'), 'live');
    await panel.locator('.item[data-name="_mt_id"]').waitFor();
    assert.equal(await panel.locator('h2').evaluate(h => getComputedStyle(h).fontWeight), '650', 'its stylesheet applies');
    assert.deepEqual(await strict.evaluate(() => window.__violations), []);
    await strict.close();
  });
});

describe('hostile input', () => {
  // Markup in cookie names and values, a storage key, an HttpOnly cookie that only the scan report
  // knows, category labels and descriptions, and declared names. (The storage value holds markup
  // too, but the core masks it as an identifier: "•••• (36 chars)".)
  const PAYLOADS = ['<b>bold</b>', '<img src=x onerror=window.__pwned=1>', '<script>window.__pwned=2</script>',
    '<svg onload=window.__pwned=4>', '<u>httponly</u>',
    'Necessary <img src=x onerror=window.__pwned=10>', '<b onmouseover=window.__pwned=13>Marketing</b>',
    '<iframe src="javascript:window.__pwned=12"></iframe>', '<img src=x onerror=window.__pwned=14>'];

  it('renders cookie names and values, storage, policy texts and declared names as inert text', async () => {
    const { page, log } = await openPage('/widget-hostile.html');
    const panel = await openPanel(page);
    await page.locator('.trackscope-declaration .root[data-state="ready"]').waitFor();
    // Open every disclosure (values and declared names live there) and hover everything.
    await page.evaluate(() => {
      for (const h of document.querySelectorAll('trackscope-widget, .trackscope-declaration')) {
        for (const d of h.shadowRoot.querySelectorAll('details')) d.open = true;
      }
    });
    for (const title of await panel.locator('.category-title').all()) await title.hover();

    const state = await page.evaluate(() => {
      const roots = [...document.querySelectorAll('trackscope-widget, .trackscope-declaration')].map(h => h.shadowRoot);
      const elements = roots.flatMap(r => [...r.querySelectorAll('*')]);
      return {
        roots: roots.length,
        text: roots.map(r => r.textContent).join('\n'),
        handlers: elements.filter(n => [...n.attributes].some(a => a.name.startsWith('on'))).map(n => n.outerHTML.slice(0, 80)),
        injected: elements.filter(n => /^(IMG|SCRIPT|IFRAME|STYLE|U|I|A|OBJECT|EMBED|LINK|META)$/.test(n.tagName)).map(n => n.tagName),
        bold: elements.filter(n => n.tagName === 'B' && /bold|Marketing/.test(n.textContent)).length,
        pageImages: document.images.length,
        pwned: window.__pwned,
      };
    });
    assert.equal(state.roots, 2, 'panel and table');
    for (const payload of PAYLOADS) assert.ok(state.text.includes(payload), `shown as text: ${payload}`);
    assert.deepEqual(state.handlers, [], 'no element with an event handler attribute');
    assert.deepEqual(state.injected, [], 'no element made from page data');
    assert.equal(state.bold, 0);
    assert.equal(state.pageImages, 0);
    assert.equal(state.pwned, undefined, 'no payload ran');
    assert.ok(!log.warnings.some(w => w.startsWith('pageerror')), JSON.stringify(log.warnings));
    const fetched = widgetPaths(log);
    for (const file of ['/trackscope/core/dist/trackscope_core.wasm', '/trackscope-policy-hostile.json', '/trackscope-report-hostile.json']) {
      assert.equal(fetched.filter(p => p === file).length, 1, `panel and table share one ${file}`);
    }

    // Labels from the policy are headings and captions, as text.
    assert.equal(await panel.locator('.category[data-category="necessary"] .category-title > span').first().textContent(),
      'Necessary <img src=x onerror=window.__pwned=10>');
    assert.equal(await page.locator('.trackscope-declaration .table-wrap[data-category="marketing"] .cap-label').textContent(),
      '<b onmouseover=window.__pwned=13>Marketing</b>');
    assert.equal(await panel.locator('.item[data-name="<u>httponly</u>"]').getAttribute('data-source'), 'scan');
    await page.setViewportSize({ width: 1280, height: 800 });
    await shot(page, 'panel-hostile');
    await page.close();
  });
});
