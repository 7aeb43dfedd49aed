// Property-based tests (fast-check) of the scanner's parsers of what users and other runs give it:
// URL lists, results records (JSON Lines), labelled-cookie CSV. None throws, whatever the input;
// what they accept is well-formed.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseCsv } from '../src/eval-cookies.mjs';
import { normaliseUrl, readUrlList, shardOf } from '../src/shard.mjs';
import { readRecords, recordProblem } from '../src/summary.mjs';

const RUNS = { numRuns: 300 };
const text = fc.oneof(fc.string({ unit: 'binary' }), fc.webUrl(), fc.domain(),
  fc.array(fc.constantFrom('h', 't', 'p', 's', ':', '/', '.', '#', ' ', '\t', '\r', '\n', '\u0000', '[', ']', '@', '%'), { maxLength: 30 }).map(a => a.join('')));

test('URL lists: normaliseUrl gives an http(s) URL or null; readUrlList never throws; shards stay in range', () => {
  fc.assert(fc.property(text, s => {
    const url = normaliseUrl(s);
    if (url !== null) assert.match(new URL(url).protocol, /^https?:$/);
  }), RUNS);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackscope-props-'));
  try {
    fc.assert(fc.property(fc.array(text, { maxLength: 8 }), lines => {
      const file = path.join(dir, 'urls.txt');
      fs.writeFileSync(file, lines.join('\n'));
      for (const entry of readUrlList(file)) {
        assert.equal(typeof entry.text, 'string');
        assert.ok(Number.isInteger(entry.line) && entry.line >= 1);
      }
    }), { numRuns: 100 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fc.assert(fc.property(fc.webUrl(), fc.integer({ min: 1, max: 64 }), (url, n) => {
    const shard = shardOf(url, n);
    assert.ok(Number.isInteger(shard) && shard >= 0 && shard < n);
  }), RUNS);
});

test('results records: readRecords never throws and passes on only well-typed records', () => {
  const record = fc.record({
    format: fc.constantFrom('trackscope-result', 'other'), version: fc.anything(), url: fc.oneof(fc.webUrl(), fc.anything()),
    ok: fc.oneof(fc.boolean(), fc.anything()), categories: fc.oneof(fc.constant(undefined), fc.anything(),
      fc.array(fc.record({ id: fc.string(), label: fc.string(), cookies: fc.integer(), beacons: fc.integer(), storage: fc.integer() }))),
    trackers: fc.anything(), signals: fc.anything(), consent: fc.anything(), counts: fc.anything(), failed: fc.anything(), timings: fc.anything(),
  }, { requiredKeys: ['format', 'url'] });
  const line = fc.oneof(record.map(r => JSON.stringify(r)), fc.string({ unit: 'binary' }), fc.json());
  fc.assert(fc.property(fc.array(line, { maxLength: 10 }), lines => {
    const { records, problems } = readRecords([{ name: 'r', text: lines.join('\n') }]);
    for (const r of records) assert.equal(recordProblem(r), null);
    assert.ok(Array.isArray(problems));
  }), RUNS);
});

test('labelled-cookie CSV: parseCsv never throws and gives one object per data row with the header\'s keys', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary' }), s => {
    const rows = parseCsv(s);
    assert.ok(Array.isArray(rows));
    if (rows.length) for (const r of rows) assert.deepEqual(Object.keys(r), Object.keys(rows[0]));
  }), RUNS);
});
