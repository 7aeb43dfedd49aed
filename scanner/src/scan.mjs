// One scan: fresh browser profile -> capture -> WASM analysis.
import { createCore } from '@trackscope/core';
import { launchBrowser } from './browser.mjs';
import { capturePage } from './capture.mjs';

let corePromise;
export function core() {
  corePromise ??= createCore();
  return corePromise;
}

// Returns {capture, report, error}. `report` is null when the core rejected the capture (error
// then says why); `error` also carries a page-load failure while still returning what was seen.
export async function scanUrl(url, { browserArgs = [], timeoutMs, settleMs, userAgent } = {}) {
  const context = await launchBrowser({ args: browserArgs, userAgent });
  try {
    const { capture, error } = await capturePage(context, url, { timeoutMs, settleMs });
    const result = (await core()).analyze(capture);
    if (!result.ok) return { capture, report: null, error: `core rejected the capture: ${result.error.path}: ${result.error.message}` };
    return { capture, report: result.report, error };
  } finally {
    await context.close();
  }
}
