// Property-based test (fast-check) of the widget's ingestion: whatever a site serves as its scan
// report — the shop's real report with any field replaced by any JSON value — once the loader has
// accepted it (reportProblem), the merge with the live page never throws and gives a capture the
// core accepts; and the cookie string of any page parses.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { createCore } from '@trackscope/core';
import { reportProblem } from '../src/ui/load.mjs';
import { mergeCapture, parseCookieText } from '../src/ui/merge.mjs';

const SCAN = JSON.parse(fs.readFileSync(new URL('../../tests/testbed/sites/shop.example/trackscope-report.json', import.meta.url), 'utf8'));
const HERE = { hostname: 'shop.example', pathname: '/widget.html', origin: 'https://shop.example' };
let core;
before(async () => { core = await createCore({ filters: false }); });

// The report with the value at a random path replaced.
function mutate(report, pathChoices, value) {
  const copy = structuredClone(report);
  let node = copy;
  const keys = pathChoices;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = Array.isArray(node) ? keys[i] % Math.max(1, node.length) : Object.keys(node)[keys[i] % Math.max(1, Object.keys(node).length)];
    if (node[k] === null || typeof node[k] !== 'object') break;
    node = node[k];
  }
  const last = keys.at(-1);
  const k = Array.isArray(node) ? last % Math.max(1, node.length) : Object.keys(node)[last % Math.max(1, Object.keys(node).length)];
  if (k !== undefined) node[k] = value;
  return copy;
}

test('any accepted scan report merges into a capture the core accepts', () => {
  fc.assert(fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), fc.jsonValue(), fc.string(), (keys, value, cookieText) => {
    const scan = mutate(SCAN, keys, value);
    if (reportProblem(scan)) return;  // refused with its path, as the loader does
    const { capture } = mergeCapture({ page: { url: 'https://shop.example/widget.html', title: 'Shop' }, location: HERE,
                                       cookieText, signals: { dnt: false, gpc: false }, now: Date.parse('2027-01-10T12:00:00Z'), scan });
    const result = core.analyze(capture);
    assert.ok(result.ok, `${JSON.stringify(keys)} = ${JSON.stringify(value)?.slice(0, 80)}: ${JSON.stringify(result.error)}`);
  }), { numRuns: 300 });
});

test('any cookie string parses into name/value pairs', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary' }), text => {
    for (const c of parseCookieText(text)) assert.ok(typeof c.name === 'string' && typeof c.value === 'string');
  }), { numRuns: 300 });
});
