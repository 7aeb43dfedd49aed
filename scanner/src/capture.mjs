// Playwright adapter: loads one page in a browser context and records a Capture (CAPTURE.md).
// It only observes and converts; all analysis happens in the WASM core.
import { instrumentSource } from '@trackscope/instrument';

const MAX_BODY = 4096;

// Network quiet: no request in flight for `idleMs`, giving up after `maxMs`.
async function waitForQuiet(inflight, { idleMs = 500, maxMs = 5000 } = {}) {
  const start = Date.now();
  let quietSince = inflight.size === 0 ? Date.now() : 0;
  while (Date.now() - start < maxMs) {
    await new Promise(r => setTimeout(r, 50));
    if (inflight.size > 0) quietSince = 0;
    else if (!quietSince) quietSince = Date.now();
    else if (Date.now() - quietSince >= idleMs) return true;
  }
  return false;
}

function headerObject(headersArray) {
  const out = {};
  for (const { name, value } of headersArray) {
    const key = name.toLowerCase();
    if (key in out) out[key] = [].concat(out[key], value);
    else out[key] = value;
  }
  return out;
}

// Natural sizes of the <img> elements of every frame, merged into the image requests by URL
// (CAPTURE.md `image`): what tells a 1×1 pixel from a picture. Images made with `new Image()` and
// never inserted are not seen (their body size still tells); broken ones (204) are 0×0.
async function recordImageSizes(page, records) {
  const sizes = new Map();
  for (const frame of page.frames()) {
    const found = await frame.evaluate(() => Array.from(document.images)
      .filter(img => img.complete && (img.currentSrc || img.src))
      .map(img => [img.currentSrc || img.src, img.naturalWidth, img.naturalHeight])).catch(() => []);
    for (const [src, width, height] of found) if (!sizes.has(src)) sizes.set(src, { width, height });
  }
  for (const record of records.values()) {
    if (record.type === 'image' && sizes.has(record.url)) record.image = sizes.get(record.url);
  }
}

// Records one page load. `context` is a fresh Playwright BrowserContext (see browser.mjs).
//   options.timeoutMs: navigation timeout; options.settleMs: bounded wait for network quiet
// Returns {capture, error}: error is a message when the page failed to load (the capture then
// holds what was seen before the failure).
//   options.afterLoad: async (page) => fields to add to the capture (e.g. wellKnown), run after the
//     capture is taken, so requests it makes are not recorded as the page's
//   options.interact: async (page) => void, run after the load (clicks, scrolls); what it causes is
//     recorded as the page's, after another wait for network quiet
export async function capturePage(context, url, { timeoutMs = 30000, settleMs = 5000, signals = {}, afterLoad, interact } = {}) {
  const events = [];
  await context.exposeBinding('__trackscopeEmit', (_source, event) => {
    if (event && typeof event === 'object') events.push(event);
  });
  await context.addInitScript({
    content: `${instrumentSource}\n;(function(){var e=window.__trackscopeEmit;try{delete window.__trackscopeEmit}catch(_){}` +
             `window.__trackscopeInstrument(function(ev){e(ev)});})();`,
  });

  const page = await context.newPage();
  const start = Date.now();
  const records = new Map();  // Playwright Request -> capture request
  const inflight = new Set();
  const pending = [];

  page.on('request', request => {
    inflight.add(request);
    let frameUrl = '';
    try { frameUrl = request.frame().url(); } catch { /* service worker request */ }
    const isMain = request.isNavigationRequest() && request.frame() === page.mainFrame();
    const type = isMain ? 'main_frame' : request.resourceType();
    const record = { url: request.url(), type, method: request.method(), status: 0, timeMs: Date.now() - start };
    if (frameUrl && frameUrl !== 'about:blank') record.frameUrl = frameUrl;
    const body = request.postData();
    if (body) record.requestBody = body.length > MAX_BODY ? body.slice(0, MAX_BODY) : body;
    records.set(request, record);
  });
  const finish = async request => {
    const record = records.get(request);
    try {
      const response = await request.response();
      if (response && record) {
        record.status = response.status();
        record.requestHeaders = headerObject(await request.headersArray());
        record.responseHeaders = headerObject(await response.headersArray());
        const sizes = await request.sizes().catch(() => null);
        if (sizes) record.bodySize = sizes.responseBodySize;
      }
    } catch { /* page or context closed meanwhile */ }
    inflight.delete(request);
  };
  page.on('requestfinished', r => pending.push(finish(r)));
  page.on('requestfailed', r => { inflight.delete(r); });

  let error = null;
  try {
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    await waitForQuiet(inflight, { maxMs: settleMs });
    // Lazy content appears on scroll; give it a moment and wait for quiet again.
    await page.evaluate(() => window.scrollTo(0, document.body ? document.body.scrollHeight : 0)).catch(() => {});
    await waitForQuiet(inflight, { maxMs: settleMs });
    if (interact) {
      await interact(page);
      await waitForQuiet(inflight, { maxMs: settleMs });
    }
  } catch (err) {
    error = err.message.split('\n')[0];
  }
  await Promise.allSettled(pending);
  await recordImageSizes(page, records);

  const capture = {
    version: 1,
    page: { url: page.url() === 'about:blank' ? url : page.url(), title: await page.title().catch(() => ''),
            capturedAt: new Date().toISOString() },
    signals: { dnt: Boolean(signals.dnt), gpc: Boolean(signals.gpc) },
    requests: [...records.values()],
    cookies: (await context.cookies()).map(c => ({
      name: c.name, value: c.value, domain: c.domain, path: c.path,
      expires: c.expires > 0 ? c.expires : null, httpOnly: c.httpOnly, secure: c.secure,
      sameSite: c.sameSite ?? 'unspecified', ...(c.partitionKey ? { partitionKey: c.partitionKey } : {}),
    })),
    events,
  };
  if (afterLoad && !error) Object.assign(capture, await afterLoad(page));
  await page.close().catch(() => {});
  return { capture, error };
}
