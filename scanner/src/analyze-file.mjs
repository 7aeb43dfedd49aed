// `trackscope analyze FILE [--compare OTHER]`: recorded page loads (HAR files or capture JSON)
// through the core, without a browser.
import fs from 'node:fs';
import path from 'node:path';

// Reads `file` as a Capture: a HAR (an object with "log": Chrome DevTools "Save all as HAR",
// Playwright recordHar) is converted by the core; a capture.json (an object with "version" and
// "page") is taken as it is. Returns {ok: true, capture, warnings} or {ok: false, message}, the
// message naming the file, the JSON path and the reason.
export function readCapture(core, file) {
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, message: `cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}` };
  }
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    // Let the core's parser say where the JSON breaks.
    const result = /\.har$/i.test(file) ? core.captureFromHar(text) : core.analyze(text);
    return { ok: false, message: `${file}: ${result.error.path}: ${result.error.message}` };
  }
  if (doc && typeof doc === 'object' && !Array.isArray(doc) && 'log' in doc) {
    const result = core.captureFromHar(text);
    if (!result.ok) return { ok: false, message: `${file}: ${result.error.path}: ${result.error.message}` };
    return { ok: true, capture: result.capture, warnings: result.warnings };
  }
  if (doc && typeof doc === 'object' && !Array.isArray(doc) && ('version' in doc || 'page' in doc)) {
    return { ok: true, capture: doc, warnings: [] };
  }
  return { ok: false, message: `${file}: $: neither a HAR file (no "log") nor a trackscope capture (no "version" and "page")` };
}

// --policy ID|FILE: a bundled policy id, or a policy file (checked). Returns {ok, policy} or
// {ok: false, message}.
export function readPolicy(core, value) {
  if (value === undefined) return { ok: true, policy: undefined };
  if (core.policies().some(p => p.id === value)) return { ok: true, policy: value };
  if (!fs.existsSync(value)) {
    return { ok: false, message: `--policy: "${value}" is neither a bundled policy (${core.policies().map(p => p.id).join(', ')}) nor a file` };
  }
  const text = fs.readFileSync(value, 'utf8');
  const checked = core.validatePolicy(text);
  if (!checked.ok) return { ok: false, message: `--policy ${value}: ${checked.error.path}: ${checked.error.message}` };
  return { ok: true, policy: text };
}

// Which signal two captures differ in: the one `on` sends and `off` does not (GPC first).
export function signalBetween(off, on) {
  const sends = (capture, name) => Boolean(capture.signals?.[name]) ||
    (capture.requests ?? []).some(r => {
      const headers = Array.isArray(r.requestHeaders) ? r.requestHeaders : Object.entries(r.requestHeaders ?? {}).map(([k, v]) => ({ name: k, value: v }));
      return headers.some(h => h.name.toLowerCase() === (name === 'gpc' ? 'sec-gpc' : 'dnt') && String(h.value).trim() === '1');
    });
  for (const name of ['gpc', 'dnt']) {
    if (sends(on, name) && !sends(off, name)) return { signal: name, swap: false };
    if (sends(off, name) && !sends(on, name)) return { signal: name, swap: true };
  }
  return { signal: 'gpc', swap: false };
}

// "capture.json" -> "capture.off.json" (captures of the two visits of a comparison).
export function suffixed(file, which) {
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}.${which}${ext || '.json'}`;
}
