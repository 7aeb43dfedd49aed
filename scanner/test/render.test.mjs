// Report renderers on hand-made reports: escaping and formatting that the browser cannot produce.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { esc, renderHtml } from '../src/render-html.mjs';
import { lifetimeText, renderText, safeText } from '../src/render-text.mjs';

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
      expires: null, lifetimeDays: null, httpOnly: false, secure: false, sameSite: 'unspecified', partitioned: false,
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

test('lifetimes read naturally', () => {
  const c = days => ({ session: false, lifetimeDays: days });
  assert.equal(lifetimeText({ session: true }), 'session');
  assert.equal(lifetimeText({ session: false, lifetimeDays: null }), 'persistent');
  assert.equal(lifetimeText(c(0.5)), '12 h');
  assert.equal(lifetimeText(c(30)), '30 days');
  assert.equal(lifetimeText(c(365)), '12 months');
  assert.equal(lifetimeText(c(800)), '2 years');
});
