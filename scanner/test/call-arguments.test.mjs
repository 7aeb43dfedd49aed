// call-arguments.mjs: the argument expressions of the call or assignment a DevTools pause is at.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callAt, offsetOf, propertyOf, receiverAt } from '../src/call-arguments.mjs';

// `‸` marks where the pause is.
const at = source => callAt(source.replace('‸', ''), source.indexOf('‸'));

test('calls: from the callee name, the argument texts', () => {
  assert.deepEqual(at("document.‸addEventListener('click', function () { x(); }, { passive: true });"),
    ["'click'", 'function () { x(); }', '{ passive: true }']);
  assert.deepEqual(at('‸fetch(u, {keepalive: true, body: b}).then(r => r.text());'), ['u', '{keepalive: true, body: b}']);
  assert.deepEqual(at('a.b.‸getParameter(ext.UNMASKED_RENDERER_WEBGL), more()'), ['ext.UNMASKED_RENDERER_WEBGL']);
  assert.deepEqual(at('x = y || gl.‸getExtension("WEBGL_debug_renderer_info")'), ['"WEBGL_debug_renderer_info"']);
  assert.deepEqual(at('e.‸addEventListener(t,n,!1)}'), ['t', 'n', '!1'], 'minified, the statement cut off after');
  assert.deepEqual(at('navigator.‸sendBeacon(...args)'), ['...args']);
  assert.deepEqual(at('el?.‸addEventListener?.("scroll", h)'), ['"scroll"', 'h']);
});

test('assignments: from the operator, the assigned expression', () => {
  assert.deepEqual(at("document.cookie ‸= 'uid=' + id + '; max-age=' + 86400, next = 1;"), ["'uid=' + id + '; max-age=' + 86400"]);
  assert.deepEqual(at('ctx.font‸="72px "+f[i];'), ['"72px "+f[i]']);
  assert.deepEqual(at('document.cookie ‸+= `;a=${b}`'), ['`;a=${b}`']);
});

test('nothing usable there: null, never a throw', () => {
  assert.equal(at('‸x'), null);
  assert.equal(at('a.‸b'), null, 'a property read, not a call');
  assert.equal(at('a.‸b(('), null, 'broken source');
  assert.equal(callAt('f()', 10), null);
  assert.equal(callAt(null, 0), null);
  assert.equal(at('a ‸=== b'), null, 'a comparison is no assignment');
});

test('offsetOf: document locations of inline scripts and of files', () => {
  assert.equal(offsetOf('a\nbc\nd', { lineNumber: 1, columnNumber: 1 }), 3);
  // An inline script starting at line 4, column 8 of its document (after "<script>").
  assert.equal(offsetOf('f();\ng();', { lineNumber: 4, columnNumber: 8 }, { startLine: 4, startColumn: 8 }), 0);
  assert.equal(offsetOf('f();\ng();', { lineNumber: 5, columnNumber: 2 }, { startLine: 4, startColumn: 8 }), 7);
  assert.equal(offsetOf('f();', { lineNumber: 3, columnNumber: 0 }, { startLine: 4, startColumn: 8 }), null);
  assert.equal(offsetOf('f();', { lineNumber: 9, columnNumber: 0 }), null);
});

test('receiverAt: the object a method is called on, when it is a chain of names', () => {
  const on = source => receiverAt(source.replace('‸', ''), source.indexOf('‸'));
  assert.equal(on('var u = canvas.‸toDataURL();'), 'canvas');
  assert.equal(on('x = this . ctx.‸fillText(t, 0, 0)'), 'this.ctx');
  assert.equal(on('(a,b.c?.‸getImageData(0,0,1,1))'), 'b.c');
  assert.equal(on('a[0].‸fillRect(0,0,1,1)'), null, 'a computed member');
  assert.equal(on('f().‸fill()'), null, 'a call result');
  assert.equal(on('‸fetch(u)'), null, 'no object');
  assert.equal(on('1.5.‸toFixed()'), null);
});

test('propertyOf: one property of an object literal, so that the others (a body made by calls) need not read back', () => {
  assert.equal(propertyOf("{ method: 'POST', keepalive: true, mode: 'no-cors', body: btoa(JSON.stringify(v)) }", 'keepalive'), 'true');
  assert.equal(propertyOf('{"keepalive": flags.k}', 'keepalive'), 'flags.k');
  assert.equal(propertyOf("{ method: 'POST' }", 'keepalive'), undefined, 'absent: not keepalive');
  assert.equal(propertyOf('options', 'keepalive'), null, 'no literal');
  assert.equal(propertyOf('{ ...defaults, method: 1 }', 'keepalive'), null, 'a spread could hold it');
  assert.equal(propertyOf('{ [k]: true }', 'keepalive'), null, 'a computed key could be it');
  assert.equal(propertyOf('{ get keepalive() { return true; } }', 'keepalive'), null, 'a getter');
  assert.equal(propertyOf('{ keepalive: false, keepalive: true }', 'keepalive'), 'true', 'the last one wins, as in JavaScript');
});
