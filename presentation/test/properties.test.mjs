// Property-based tests (fast-check) of the text and CSV functions every front end runs page data
// through: whatever a page puts in a cookie name, a URL or a title, what comes out is inert.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CSV_COLUMNS, csvCell, csvText } from '../csv.mjs';
import { clip, escapeHtml, safeText } from '../text.mjs';

const RUNS = { numRuns: 400 };
// Any string, with the characters that matter here over-represented.
const nasty = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }),
  fc.array(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', '\u202e', '\u2066', '\u0000', '\u001b', '<', '&', "'", 'a', ' '),
           { maxLength: 20 }).map(a => a.join('')));

// RFC 4180, strictly: the cells of one record per line pair.
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false, i = 0;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 2; continue; }
      if (c === '"') { quoted = false; i++; continue; }
      cell += c; i++; continue;
    }
    if (c === '"') { quoted = true; i++; continue; }
    if (c === ',') { row.push(cell); cell = ''; i++; continue; }
    if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i += 2; continue; }
    cell += c; i++;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

test('safeText: no control or bidi-override character survives, and safe text is left alone', () => {
  fc.assert(fc.property(nasty, s => {
    const out = safeText(s);
    assert.doesNotMatch(out, /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    assert.ok(out.length >= s.length);
    assert.equal(safeText(out), out, 'idempotent');
    if (!/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(s)) assert.equal(out, s);
  }), RUNS);
  fc.assert(fc.property(nasty, fc.integer({ min: 1, max: 40 }), (s, n) => assert.ok(clip(s, n).length <= Math.max(n, 1))), RUNS);
});

test('escapeHtml: no markup character survives', () => {
  fc.assert(fc.property(nasty, s => {
    const out = escapeHtml(s);
    assert.doesNotMatch(out, /[<>"']|&(?!(amp|lt|gt|quot|#39);)/);
  }), RUNS);
});

test('CSV: any cells come back as they went in, and none reads as a formula', () => {
  fc.assert(fc.property(fc.array(fc.array(nasty, { minLength: CSV_COLUMNS.length, maxLength: CSV_COLUMNS.length }), { maxLength: 4 }), rows => {
    const parsed = parseCsv(csvText(rows));
    assert.deepEqual(parsed[0], CSV_COLUMNS);
    assert.equal(parsed.length, rows.length + 1);
    rows.forEach((row, r) => row.forEach((cell, c) => {
      const back = parsed[r + 1][c];
      assert.doesNotMatch(back, /^[=+\-@\t\r]/, 'a formula');
      assert.equal(/^[=+\-@\t\r]/.test(cell) ? back.slice(1) : back, cell);
    }));
  }), RUNS);
  fc.assert(fc.property(nasty, s => assert.equal(parseCsv(`${csvCell(s)}\r\n`)[0].length, 1, 'one cell')), RUNS);
});
