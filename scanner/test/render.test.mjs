// Report renderers on hand-made reports: escaping and formatting that the browser cannot produce.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { esc, renderHtml } from '../src/render-html.mjs';
import { renderText, safeText } from '../src/render-text.mjs';
import { core } from '../src/scan.mjs';

function report(cookieName, title = '') {
  return {
    format: 'trackscope-report', version: 1,
    generator: { name: 'trackscope', version: '0.1.0', publicSuffixList: 'publicsuffix test', vendors: 'tpw', filterLists: '' },
    page: { url: 'https://a.example/', host: 'a.example', site: 'a.example', title },
    signals: { dnt: false, gpc: false },
    summary: { requests: 0, nonNetworkRequests: 0, sites: 1, thirdPartySites: 0, cookies: 1, thirdPartyCookies: 0,
               blockedRequests: 0, exceptedRequests: 0 },
    sites: [{ site: 'a.example', party: 'first', hosts: ['a.example'], vendors: [], requests: [], cookies: [{
      name: cookieName, value: 'v', domain: 'a.example', path: '/', hostOnly: true, party: 'first', session: true,
      expires: null, lifetimeDays: null, lifetime: 'session', httpOnly: false, secure: false, sameSite: 'unspecified', partitioned: false,
      setBy: { kind: 'script', url: '' }, purpose: 'functional', confidence: 0.5, category: 'functional',
      evidence: [{ kind: 'heuristic', purpose: 'functional', text: 'because <b>' }] }] }],
    diagnostics: [{ path: '$.requests[0].url', message: 'x\u001b[2J' }],
  };
}

test('terminal output shows control characters as escapes', () => {
  assert.equal(safeText('a\u001b[31mb\u0007\u009b'), 'a\\x1b[31mb\\x07\\x9b');
  const out = renderText(report('evil\u001b]0;pwned\u0007', 'title\u001b[2J'));
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(out), 'raw control character in output');
  assert.match(out, /evil\\x1b\]0;pwned\\x07/);
  assert.match(out, /title\\x1b\[2J/);
});

test('HTML escapes every observed string', () => {
  assert.equal(esc(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  const html = renderHtml(report('<img src=x onerror=alert(1)>', '</title><script>alert(1)</script>'));
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(html.includes('because &lt;b&gt;'));
  assert.ok(!html.includes('<img'));
  assert.ok(!/<script/i.test(html));
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
});

test("lifetimes are the core's words, rounded as declarations state them", async () => {
  const now = Date.parse('2026-11-29T05:00:00Z') / 1000;
  const cookie = (name, seconds) => ({ name, value: 'x', domain: 'shop.example', ...(seconds === null ? {} : { expires: now + seconds }) });
  const result = (await core()).analyze({ version: 1, page: { url: 'https://shop.example/', capturedAt: '2026-11-29T05:00:00Z' },
    cookies: [cookie('short', 14 * 60), cookie('year', 365 * 86400), cookie('chrome_cap', 400 * 86400), cookie('sess', null)] });
  assert.ok(result.ok);
  const text = renderText(result.report, {});
  for (const [name, words] of [['short', '14 minutes'], ['year', '1 year'], ['chrome_cap', '13 months'], ['sess', 'session']]) {
    assert.match(text, new RegExp(`${name}\\s.*${words}`), name);
  }
});
