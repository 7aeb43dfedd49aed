// load.mjs with a fake fetch and a fake core: the owner's files, their failures as notices naming
// the file, the JSON path and the reason, and the CSP / no-WebAssembly checks.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { createLoader, reportProblem, scanDateOf } from '../src/ui/load.mjs';

const SHOP_REPORT = JSON.parse(fs.readFileSync(new URL('../../tests/testbed/sites/shop.example/trackscope-report.json', import.meta.url), 'utf8'));
const POLICY_URL = 'https://shop.example/trackscope-policy.json';
const REPORT_URL = 'https://shop.example/trackscope-report.json';
const CORE_URL = 'https://shop.example/trackscope/core/js/index.mjs';

// fetch over {url: {status, body, lastModified}}, recording its calls.
function fakeFetch(files) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, init });
    const file = files[url];
    if (!file) throw new TypeError('Failed to fetch');
    return { ok: file.status >= 200 && file.status < 300, status: file.status, text: async () => file.body,
             headers: { get: name => (name === 'last-modified' ? file.lastModified ?? null : null) } };
  };
  return { fetch, calls };
}

const fakeCore = ({ valid = true } = {}) => ({
  loadPolicy: doc => (valid ? { ok: true, policy: { id: doc.id, loaded: true } } : { ok: false, error: { path: '$.id', message: 'must match ^[a-z0-9-]+$' } }),
});
const goodWasm = { Module: class { constructor() {} } };
const cspWasm = { Module: class { constructor() { throw new Error('CompileError: WebAssembly.Module(): Refused to compile'); } } };

function setup({ files = {}, core = fakeCore(), wasm = goodWasm, imports } = {}) {
  const warnings = [];
  const { fetch, calls } = fakeFetch(files);
  const loader = createLoader({ coreUrl: CORE_URL, policyUrl: POLICY_URL, reportUrl: REPORT_URL, warnOnce: m => warnings.push(m) }, {
    fetch, WebAssembly: wasm, cache: { cores: new Map(), files: new Map() },
    importModule: imports ?? (async () => ({ createCore: async () => core })),
  });
  return { loader, warnings, calls };
}

const json = (value, extra = {}) => ({ status: 200, body: JSON.stringify(value), ...extra });

describe('load', () => {
  it('loads the core and both files, same-origin and without credentials', async () => {
    const policy = { format: 'trackscope-policy', version: 1, id: 'shop' };
    const { loader, calls, warnings } = setup({ files: { [POLICY_URL]: json(policy), [REPORT_URL]: json(SHOP_REPORT) } });
    await Promise.all([loader.ensureCore(), loader.ensureFiles()]);
    assert.deepEqual(loader.state.policy, { id: 'shop', loaded: true }, 'the policy the core loaded');
    assert.equal(loader.state.scan.format, 'trackscope-report');
    assert.equal(loader.state.scanDate.toISOString(), SHOP_REPORT.page.capturedAt);
    assert.ok(calls.every(c => c.init.credentials === 'omit' && c.init.mode === 'same-origin'), JSON.stringify(calls));
    assert.deepEqual(warnings, []);
  });

  it('says which policy field the core rejects, and keeps the default policy', async () => {
    const { loader, warnings } = setup({ files: { [POLICY_URL]: json({ id: 'Bad Id' }) }, core: fakeCore({ valid: false }) });
    await Promise.all([loader.ensureFiles(), loader.ensureCore()]);
    assert.equal(loader.state.policy, null);
    assert.equal(loader.state.policyNotice, `the policy file ${POLICY_URL} is not valid ($.id: must match ^[a-z0-9-]+$)`);
    assert.deepEqual(warnings.filter(w => w.includes('policy')), [loader.state.policyNotice], 'warned once');
  });

  it('names a report that is not JSON, missing, or not a version 2 report, with the path and the reason', async () => {
    const cases = [
      [{ status: 200, body: '{"format": "trackscope-report",' }, /^the scan report \S+ is not valid JSON \(.+\)$/],
      [{ status: 404, body: '' }, /^the scan report \S+ could not be loaded \(HTTP 404\)$/],
      [undefined, /could not be fetched \(Failed to fetch\); it must be served from this page's origin$/],
      [json({ ...SHOP_REPORT, version: 1 }), /is not a trackscope report of version 2 \(\$\.version: must be 2, got 1\)/],
      [json({ ...SHOP_REPORT, items: [{ ...SHOP_REPORT.items[0], id: 7 }] }), /\(\$\.items\[0\]\.id: must be a string\)/],
    ];
    for (const [file, expected] of cases) {
      const { loader } = setup({ files: file ? { [REPORT_URL]: file } : {} });
      await loader.ensureFiles();
      assert.match(loader.state.scanNotice ?? '', expected);
      assert.equal(loader.state.scan, null);
    }
  });

  it('checks whether WebAssembly may run before importing the core', async () => {
    let imported = 0;
    const imports = async () => { imported++; return { createCore: async () => fakeCore() }; };
    const blocked = setup({ wasm: cspWasm, imports });
    await blocked.loader.ensureCore();
    assert.equal(blocked.loader.state.coreFailure.reason, 'csp');
    assert.match(blocked.warnings[0], /^live analysis is unavailable: the page's Content-Security-Policy does not allow WebAssembly/);
    const none = setup({ wasm: null, imports });
    await none.loader.ensureCore();
    assert.equal(none.loader.state.coreFailure.reason, 'unsupported');
    assert.equal(imported, 0, 'the core is not downloaded');
  });

  it('retries a failed core load when asked (the panel opened again), but not a CSP block', async () => {
    let attempts = 0;
    const imports = async () => {
      if (++attempts === 1) throw new Error('network down');
      return { createCore: async () => fakeCore() };
    };
    const { loader } = setup({ imports });
    await loader.ensureCore();
    assert.match(loader.state.coreFailure.message, /network down/);
    await loader.ensureCore();
    assert.equal(attempts, 1, 'live updates do not retry');
    await loader.ensureCore({ retry: true });
    assert.equal(attempts, 2);
    assert.ok(loader.state.core);
  });

  it('reportProblem and scanDateOf', () => {
    assert.equal(reportProblem(SHOP_REPORT), null);
    assert.deepEqual(reportProblem([]), { path: '$', message: 'not a JSON object' });
    assert.deepEqual(reportProblem({ ...SHOP_REPORT, policy: {} }), { path: '$.policy.categories', message: 'must be an array' });
    assert.equal(scanDateOf({ page: {} }, 'Tue, 01 Dec 2026 10:00:00 GMT').toISOString(), '2026-12-01T10:00:00.000Z');
    assert.equal(scanDateOf({ page: { capturedAt: 'yesterday' } }, null), null);
  });
});
