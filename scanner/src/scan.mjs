// One scan: fresh browser profile -> capture -> WASM analysis.
import { createCore } from '@trackscope/core';
import { launchBrowser } from './browser.mjs';
import { capturePage } from './capture.mjs';
import { applySignals, readDeclarations } from './signals.mjs';

let corePromise;
export function core() {
  corePromise ??= createCore();
  return corePromise;
}

// One visit in a fresh profile: the signals sent, the site's declarations fetched after the load,
// and the visitor consenting to nothing. Returns {capture, error}.
async function visit(url, { browserArgs = [], timeoutMs, settleMs, userAgent, signals = {} }) {
  const context = await launchBrowser({ args: browserArgs, userAgent });
  try {
    await applySignals(context, signals);
    const afterLoad = async page => ({ ...(await readDeclarations(page)), consent: 'none' });
    return await capturePage(context, url, { timeoutMs, settleMs, signals, afterLoad });
  } finally {
    await context.close();
  }
}

// Returns {capture, report, error}. `report` is null when the core rejected the capture (error
// then says why); `error` also carries a page-load failure while still returning what was seen.
//   options.signals: {dnt, gpc} to send; options.policy: a bundled policy id or a policy document
export async function scanUrl(url, { browserArgs = [], timeoutMs, settleMs, userAgent, signals = {}, policy } = {}) {
  const { capture, error } = await visit(url, { browserArgs, timeoutMs, settleMs, userAgent, signals });
  const result = (await core()).analyze(capture, policy === undefined ? {} : { policy });
  if (!result.ok) return { capture, report: null, error: `core rejected the capture: ${result.error.path}: ${result.error.message}` };
  return { capture, report: result.report, error };
}

// The DNT/GPC comparison: two visits in fresh profiles, without and then with `signal` ("gpc" or
// "dnt"). Returns {captures: {off, on}, comparison, reports: {off, on}, error}; comparison is null
// when a visit failed or the core rejected a capture (error says which and why).
export async function compareSignalsUrl(url, signal, { policy, ...options } = {}) {
  const captures = {};
  for (const which of ['off', 'on']) {
    const signals = { [signal]: which === 'on', expose: true };
    const { capture, error } = await visit(url, { ...options, signals });
    captures[which] = capture;
    if (error) return { captures, comparison: null, reports: null, error: `${which === 'on' ? 'with' : 'without'} ${signal}: ${error}` };
  }
  const result = (await core()).compareSignals(captures.off, captures.on, signal, policy === undefined ? {} : { policy });
  if (!result.ok) return { captures, comparison: null, reports: null, error: `core rejected the captures: ${result.error.path}: ${result.error.message}` };
  return { captures, comparison: result.comparison, reports: { off: result.off, on: result.on }, error: null };
}
