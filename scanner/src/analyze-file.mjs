// `trackscope analyze FILE [--compare OTHER]`: recorded page loads (HAR files, plain or gzipped, or
// capture JSON) through the core, without a browser. A HAR is streamed into the core in chunks:
// memory follows what its pages hold, not the size of the file.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { readInput } from './output.mjs';

const CHUNK = 1 << 20;

// The first member name of a JSON object text, or null when `text` does not (yet) show one.
function firstKey(text) {
  const m = /^\uFEFF?\s*\{\s*"((?:[^"\\]|\\.)*)"/.exec(text);
  return m ? m[1] : null;
}

// Opens a recorded page load. A HAR (named .har / .har.gz, or any JSON object whose first member
// is "log"; gzip is recognised by its magic bytes) is read by the core, page by page:
//   {ok: true, kind: 'har', har, info}   har: the core's HarImport (dispose() it), info: finish()
// A capture (from --save-capture) is parsed here:
//   {ok: true, kind: 'capture', capture}
// Errors: {ok: false, message} naming the file, the JSON path and the reason.
export async function openRecording(core, file) {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    return { ok: false, message: `cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}` };
  }
  if (stat.isDirectory()) return { ok: false, message: `cannot read ${file}: it is a directory` };
  const head = Buffer.alloc(2);
  const fd = fs.openSync(file, 'r');
  const headBytes = fs.readSync(fd, head, 0, 2, 0);
  fs.closeSync(fd);
  const gzip = headBytes === 2 && head[0] === 0x1f && head[1] === 0x8b;
  let stream = fs.createReadStream(file, { highWaterMark: CHUNK });
  if (gzip) stream = stream.pipe(zlib.createGunzip({ chunkSize: CHUNK }));

  let kind = /\.har(\.gz)?$/i.test(file) ? 'har' : null;
  let har = null;
  const held = [];
  let heldBytes = 0;
  try {
    for await (const chunk of stream) {
      if (!kind) {
        held.push(chunk);
        heldBytes += chunk.length;
        const key = firstKey(Buffer.concat(held).subarray(0, 65536).toString('utf8'));
        if (key === null && heldBytes < 65536) continue;
        kind = key === 'log' ? 'har' : 'capture';
        if (kind === 'capture') continue;
      }
      if (kind === 'har') {
        har ??= core.openHar();
        for (const part of held.splice(0)) if (!har.feed(part)) break;
        if (!har.feed(chunk)) break;
      } else {
        held.push(chunk);
      }
    }
  } catch (err) {
    har?.dispose();
    const what = gzip ? `not a readable gzip file (${err.message})` : err.message;
    return { ok: false, message: `cannot read ${file}: ${what}` };
  }
  if (!kind || kind === 'har') {
    har ??= core.openHar();
    for (const part of held.splice(0)) har.feed(part);
    const info = har.finish();
    if (!info.ok) {
      har.dispose();
      return { ok: false, message: `${file}: ${info.error.path}: ${info.error.message}` };
    }
    return { ok: true, kind: 'har', har, info };
  }
  const text = Buffer.concat(held).toString('utf8');
  let capture;
  try {
    capture = JSON.parse(text);
  } catch {
    // Let the core say where the JSON breaks.
    const result = core.analyze(text);
    return { ok: false, message: `${file}: ${result.error.path}: ${result.error.message}` };
  }
  if (capture && typeof capture === 'object' && !Array.isArray(capture) && ('version' in capture || 'page' in capture)) {
    return { ok: true, kind: 'capture', capture };
  }
  return { ok: false, message: `${file}: $: neither a HAR file (no "log") nor a trackscope capture (no "version" and "page")` };
}

// Which pages of an opened HAR `--page` selects: a 1-based number, a page id, a page URL, or
// "all". Returns {ok: true, indexes} or {ok: false, message} listing the pages.
export function selectPages(info, selector, { file } = {}) {
  const all = info.pages.map((_, i) => i);
  if (selector === undefined || selector === 'all') return { ok: true, indexes: all };
  const n = Number(selector);
  let index = -1;
  if (/^\d+$/.test(selector) && n >= 1 && n <= info.pages.length) index = n - 1;
  if (index < 0) index = info.pages.findIndex(p => p.id === selector || p.url === selector);
  if (index >= 0) return { ok: true, indexes: [index] };
  const list = info.pages.map((p, i) => `  ${i + 1}. ${p.id || '(no id)'}  ${p.url}`).join('\n');
  return { ok: false, message: `--page ${selector}: ${file ?? 'the file'} has no such page; its pages:\n${list}` };
}

// --policy ID|FILE and --declaration FILE: the policy the core loads once for every analysis of
// the run (a bundled id or a policy file, with the site's declaration merged in by the core).
// `--declaration cmp`: the declaration is the one the page's consent manager publishes (kept in the
// capture, read by the core), so the policy must not carry one.
// Returns {ok: true, policy: LoadedPolicy | undefined (the core's default), declared, cmp, source
// (the policy: a bundled id or the file's text)} or {ok: false, message} naming the option, the
// file and the JSON path.
export function loadPolicyOption(core, { policy: value, declaration } = {}) {
  if (value === undefined && declaration === undefined) return { ok: true, policy: undefined, declared: false, cmp: false, source: 'default' };
  const cmp = declaration === 'cmp';
  if (cmp) declaration = undefined;
  let source = value ?? 'default';
  if (value !== undefined && !core.policies().some(p => p.id === value)) {
    if (!fs.existsSync(value)) {
      return { ok: false, message: `--policy: "${value}" is neither a bundled policy (${core.policies().map(p => p.id).join(', ')}) nor a file` };
    }
    source = readInput(value);
  }
  let declarationText;
  if (declaration !== undefined) {
    if (!fs.existsSync(declaration)) return { ok: false, message: `--declaration ${declaration}: no such file` };
    declarationText = readInput(declaration);
  }
  const loaded = core.loadPolicy(source, { declaration: declarationText });
  if (!loaded.ok) {
    const { path: where, message } = loaded.error;
    if (where.startsWith('declaration: ')) return { ok: false, message: `--declaration ${declaration}: ${where.slice(13)}: ${message}` };
    return { ok: false, message: `--policy ${value}: ${where}: ${message}` };
  }
  if (cmp && loaded.policy.declared) {
    return { ok: false, message: `--declaration cmp: the policy ${value} carries a declaration of its own; use a policy without one` };
  }
  return { ok: true, policy: loaded.policy, declared: cmp || loaded.policy.declared, cmp, source };
}

// Which signal two captures differ in: the one `on` sends and `off` does not (GPC first).
// The captures are not validated yet (the core does that, naming the path): anything of another
// shape here just sends no signal.
export function signalBetween(off, on) {
  const list = v => (Array.isArray(v) ? v : []);
  const headersOf = h => (Array.isArray(h) ? h : h && typeof h === 'object' ? Object.entries(h).map(([k, v]) => ({ name: k, value: v })) : []);
  const sends = (capture, name) => capture?.signals?.[name] === true ||
    list(capture?.requests).some(r => headersOf(r?.requestHeaders)
      .some(h => String(h?.name).toLowerCase() === (name === 'gpc' ? 'sec-gpc' : 'dnt') && String(h?.value).trim() === '1'));
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
