// Report renderers on hand-made reports: escaping and formatting that the browser cannot produce.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { esc, renderHtml } from '../src/render-html.mjs';
import { safeText } from '@trackscope/presentation/text.mjs';
import { renderText } from '../src/render-text.mjs';
import { core } from '../src/scan.mjs';

// A report from the core of a page with one cookie named `cookieName` and the given title; the
// diagnostics carry a control character.
async function report(cookieName, title = '') {
  const result = (await core()).analyze({ version: 1, page: { url: 'https://a.example/', title, capturedAt: '2026-11-29T05:00:00Z' },
                                          cookies: [{ name: cookieName, value: 'v', domain: 'a.example' }] });
  assert.ok(result.ok, JSON.stringify(result.error));
  return { ...result.report, diagnostics: [{ path: '$.requests[0].url', message: 'x\u001b[2J' }] };
}

test('terminal output shows control and bidi-override characters as escapes', async () => {
  assert.equal(safeText('a\u001b[31mb\u0007\u009b'), 'a\\x1b[31mb\\x07\\x9b');
  const out = renderText(await report('evil\u001b]0;pwned\u0007\u202egnp.exe', 'title\u001b[2J'));
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(out), 'raw control character in output');
  assert.match(out, /evil\\x1b\]0;pwned\\x07\\u202egnp\.exe/);
  assert.match(out, /x\\x1b\[2J/);
  assert.match(out, /title\\x1b\[2J/);
});

test('HTML escapes every observed string', async () => {
  assert.equal(esc(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  const html = renderHtml(await report('<img src=x onerror=alert(1)>', '</title><script>alert(1)</script>'));
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(html.includes('&lt;/title&gt;&lt;script&gt;'));
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
