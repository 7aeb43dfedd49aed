// Loading: the core (C++ compiled to WebAssembly) on first open, and the owner's two files next to
// it — the policy (data-policy) and the site's scan report (data-report). Failures become notices
// for the site owner that name the file, the JSON path and the reason; the widget still shows what
// it can (the default categories; the live view without the scan; the scan without the core).
//
//   const loader = createLoader({ coreUrl, policyUrl, reportUrl, warnOnce });
//   await Promise.all([loader.ensureCore(), loader.ensureFiles()]);
//   loader.state   // {core, coreFailure, policy, policyNotice, scan, scanDate, scanNotice}
//
// `deps` replaces the browser for the tests: {fetch, importModule, WebAssembly, cache}.

// One core per core URL and one fetch per owner file, shared by the widget instances of a page (a
// panel and any number of tables). A failed load is dropped so that the next open can retry it.
const pageCache = { cores: new Map(), files: new Map() };
function shared(map, key, load) {
  if (!map.has(key)) {
    const promise = load();
    map.set(key, promise);
    promise.catch(() => { if (map.get(key) === promise) map.delete(key); });
  }
  return map.get(key);
}

// A CSP without 'wasm-unsafe-eval' (or 'unsafe-eval') forbids compiling WebAssembly. Compiling the
// smallest module (8 bytes: magic + version) tells before the core (a megabyte) is fetched.
export function wasmAllowed(wasm) {
  try {
    new wasm.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    return true;
  } catch {
    return false;
  }
}

const coreError = (reason, message) => Object.assign(new Error(message), { reason });

// The core, or an Error with `reason` 'unsupported' (no WebAssembly) or 'csp' (not allowed), or
// without a reason (the module failed to load).
export async function loadCore(coreUrl, { importModule, WebAssembly: wasm }) {
  if (typeof wasm !== 'object' || wasm === null) throw coreError('unsupported', 'this browser does not run WebAssembly');
  if (!wasmAllowed(wasm)) {
    throw coreError('csp', "the page's Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to script-src");
  }
  const module = await importModule(coreUrl);
  return module.createCore({ filters: false });
}

// An owner file: same origin as the page, no cookies sent, the browser's cache allowed.
// Returns {json, lastModified}; throws an Error whose message names the file and the reason.
export async function fetchJson(url, what, fetchFn) {
  let response;
  try {
    response = await fetchFn(url, { credentials: 'omit', mode: 'same-origin' });
  } catch (err) {
    throw new Error(`the ${what} ${url} could not be fetched (${err.message}); it must be served from this page's origin`);
  }
  if (!response.ok) throw new Error(`the ${what} ${url} could not be loaded (HTTP ${response.status})`);
  const text = await response.text();
  try {
    return { json: JSON.parse(text), lastModified: response.headers.get('last-modified') };
  } catch (err) {
    throw new Error(`the ${what} ${url} is not valid JSON (${err.message})`);
  }
}

const isObject = v => typeof v === 'object' && v !== null && !Array.isArray(v);

// What makes a scan report unusable by the widget, as {path, message}, or null. The widget needs
// the view model of a version 2 report (REPORT.md): items with id, kind, name and category, the
// policy's categories, sites and trackers.
export function reportProblem(json) {
  if (!isObject(json)) return { path: '$', message: 'not a JSON object' };
  if (json.format !== 'trackscope-report') return { path: '$.format', message: 'must be "trackscope-report"' };
  if (json.version !== 2) return { path: '$.version', message: `must be 2, got ${JSON.stringify(json.version) ?? 'nothing'}` };
  for (const field of ['sites', 'items', 'trackers', 'findings']) {
    if (!Array.isArray(json[field])) return { path: `$.${field}`, message: 'must be an array' };
  }
  if (!isObject(json.policy) || !Array.isArray(json.policy.categories)) return { path: '$.policy.categories', message: 'must be an array' };
  for (const [i, item] of json.items.entries()) {
    if (!isObject(item)) return { path: `$.items[${i}]`, message: 'must be an object' };
    for (const field of ['id', 'kind', 'name', 'category']) {
      if (typeof item[field] !== 'string') return { path: `$.items[${i}].${field}`, message: 'must be a string' };
    }
  }
  return null;
}

// When the scan was made: the report's page.capturedAt, else the file's Last-Modified; or null.
export function scanDateOf(json, lastModified) {
  const date = new Date(json?.page?.capturedAt ?? lastModified ?? NaN);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function createLoader({ coreUrl, policyUrl, reportUrl, warnOnce }, deps = {}) {
  const fetchFn = deps.fetch ?? ((...args) => globalThis.fetch(...args));
  const importModule = deps.importModule ?? (url => import(url));
  const wasm = 'WebAssembly' in deps ? deps.WebAssembly : globalThis.WebAssembly;
  const cache = deps.cache ?? pageCache;

  const state = {
    core: null,
    coreFailure: null,    // Error with reason 'csp' | 'unsupported' | undefined
    policyDoc: undefined, // the owner's policy as fetched, until the core checked it
    policy: null,         // the owner's policy, loaded once by the core (a LoadedPolicy)
    policyNotice: null,
    scan: null,           // the site's scan report
    scanDate: null,
    scanNotice: null,
  };
  let coreReady = null;
  let filesReady = null;

  function checkPolicy() {
    const checked = state.core.loadPolicy(state.policyDoc);
    if (checked.ok) {
      state.policy = checked.policy;
    } else {
      state.policyNotice = `the policy file ${policyUrl} is not valid (${checked.error.path}: ${checked.error.message})`;
      warnOnce(state.policyNotice);
    }
    state.policyDoc = undefined;
  }

  function acceptReport({ json, lastModified }) {
    const problem = reportProblem(json);
    if (problem) {
      throw new Error(`the scan report ${reportUrl} is not a trackscope report of version 2 (${problem.path}: ${problem.message}); ` +
                      'write it with trackscope scan --json');
    }
    state.scan = json;
    state.scanDate = scanDateOf(json, lastModified);
  }

  return {
    state,
    // A failed load stays failed until `retry` (the panel opened again): live updates must not
    // turn a network error into a request loop. A CSP block stays blocked.
    ensureCore({ retry = false } = {}) {
      if (coreReady && !(retry && state.coreFailure && state.coreFailure.reason !== 'csp')) return coreReady;
      state.coreFailure = null;
      coreReady = shared(cache.cores, coreUrl, () => loadCore(coreUrl, { importModule, WebAssembly: wasm })).then(core => {
        state.core = core;
        if (state.policyDoc !== undefined) checkPolicy();
      }, err => {
        state.coreFailure = err;
        if (err.reason) warnOnce(`live analysis is unavailable: ${err.message}`);
        else warnOnce(`live analysis is unavailable: ${err.message}`, err);
      });
      return coreReady;
    },
    ensureFiles() {
      filesReady ??= Promise.all([
        policyUrl && shared(cache.files, policyUrl, () => fetchJson(policyUrl, 'policy file', fetchFn)).then(({ json }) => {
          state.policyDoc = json;
          if (state.core) checkPolicy();
        }, err => {
          state.policyNotice = err.message;
          warnOnce(err.message);
        }),
        reportUrl && shared(cache.files, reportUrl, () => fetchJson(reportUrl, 'scan report', fetchFn)).then(acceptReport).catch(err => {
          state.scanNotice = err.message;
          warnOnce(err.message);
        }),
      ]);
      return filesReady;
    },
  };
}
