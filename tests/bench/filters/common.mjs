// Shared pieces of the filter-engine benchmark: paths and defaults, argument parsing, the request
// corpus (reading, skipping, puppeteer → webRequest type mapping), list files, statistics.
// No timing happens here; callers read everything before they start their clocks.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '../../..');

// The shared corpus lives next to the repository, never inside it (../shared/data/README.md).
export const DEFAULT_REQUESTS = path.resolve(REPO_ROOT, '../shared/data/requests/requests.jsonl');
// EasyList + EasyPrivacy as installed by the setup (Debian package webext-ublock-origin-chromium).
const DEBIAN_LISTS_DIR = '/usr/share/chromium/extensions/ublock-origin/assets/thirdparties/easylist';
export const DEFAULT_LISTS = [
  path.join(DEBIAN_LISTS_DIR, 'easylist.txt'),
  path.join(DEBIAN_LISTS_DIR, 'easyprivacy.txt'),
];

// Adapter modules, in the default order of the table.
export const ENGINES = ['trackscope-wasm', 'trackscope-native', 'ubo', 'ghostery'];

export function adapterPath(name) {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`bad engine name: ${name}`);
  return path.join(HERE, 'engines', `${name}.mjs`);
}

export async function loadAdapter(name) {
  const file = adapterPath(name);
  if (!fs.existsSync(file)) {
    throw new Error(`unknown engine "${name}" (known: ${ENGINES.join(', ')})`);
  }
  const mod = await import(file);
  return mod.default;
}

// --flag value / --flag=value / boolean --flag. `spec` maps option name → 'string' | 'bool'.
export function parseArgs(argv, spec) {
  const out = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument: ${arg}`);
    let [name, value] = arg.slice(2).split(/=(.*)/s, 2);
    if (!(name in spec)) throw new Error(`unknown option --${name}`);
    if (spec[name] === 'bool') {
      if (value !== undefined) throw new Error(`--${name} takes no value`);
      out[name] = true;
      continue;
    }
    if (value === undefined) {
      i += 1;
      if (i >= argv.length) throw new Error(`--${name} needs a value`);
      value = argv[i];
    }
    out[name] = value;
  }
  return out;
}

export function splitList(value) {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

// The engines named by --engines (all of ENGINES when absent); an unknown name is an error.
export function selectEngines(value) {
  const engines = value ? splitList(value) : ENGINES;
  for (const e of engines) {
    if (!ENGINES.includes(e)) throw new Error(`unknown engine "${e}" (known: ${ENGINES.join(', ')})`);
  }
  return engines;
}

// Puppeteer resource type → webRequest type, as the reference benchmark (ghostery/adblocker
// bench/comparison/run.js) maps them. webRequest names map to themselves, so a corpus that
// already uses them (e.g. another benchmark's requests.json) works too.
const TYPE_MAP = {
  document: 'sub_frame',
  xhr: 'xmlhttprequest',
  fetch: 'xmlhttprequest',
  eventsource: 'other',
  manifest: 'other',
  texttrack: 'other',
  image: 'image',
  script: 'script',
  stylesheet: 'stylesheet',
  font: 'font',
  media: 'media',
  websocket: 'websocket',
  other: 'other',
  ping: 'ping',
  // webRequest names
  sub_frame: 'sub_frame',
  main_frame: 'main_frame',
  xmlhttprequest: 'xmlhttprequest',
  object: 'object',
  beacon: 'ping',
  csp_report: 'other',
};

const SUPPORTED_SCHEME = /^(?:https?|wss?):/i;

// Reads a corpus: JSON lines or one JSON array of {url, frameUrl, cpt} (also accepts sourceUrl for
// frameUrl and type for cpt). Returns {requests: [{i, url, frameUrl, type}], total, skipped,
// unknownTypes}, where i is the 0-based position of the request in the file (line or element),
// so decisions can be traced back to the corpus.
export function loadRequests(file) {
  const text = fs.readFileSync(file, 'utf8');
  let rows;
  if (text.trimStart().startsWith('[')) {
    rows = JSON.parse(text);
    if (!Array.isArray(rows)) throw new Error(`${file}: expected a JSON array`);
  } else {
    rows = [];
    const lines = text.split('\n');
    for (let n = 0; n < lines.length; n += 1) {
      const line = lines[n].trim();
      if (line === '') continue;
      try {
        rows.push(JSON.parse(line));
      } catch (e) {
        throw new Error(`${file}:${n + 1}: ${e.message}`);
      }
    }
  }
  const requests = [];
  let skipped = 0;
  const unknownTypes = {};
  for (let i = 0; i < rows.length; i += 1) {
    const row = rows[i] ?? {};
    const url = row.url;
    const frameUrl = row.frameUrl ?? row.sourceUrl;
    const cpt = row.cpt ?? row.type;
    if (typeof url !== 'string' || typeof frameUrl !== 'string'
        || !SUPPORTED_SCHEME.test(url) || !SUPPORTED_SCHEME.test(frameUrl)) {
      skipped += 1;
      continue;
    }
    let type = TYPE_MAP[cpt];
    if (type === undefined) {
      unknownTypes[cpt] = (unknownTypes[cpt] ?? 0) + 1;
      type = 'other';
    }
    requests.push({ i, url, frameUrl, type });
  }
  return { requests, total: rows.length, skipped, unknownTypes };
}

export function readLists(files) {
  return files.map((f) => fs.readFileSync(f, 'utf8'));
}

export function sha256File(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

// What identifies a list file: lines, hash, its "! Version:" header if it has one (the Debian copies
// carry "%timestamp%" placeholders instead), and the Debian package that ships it, if any.
export function describeList(file) {
  const text = fs.readFileSync(file, 'utf8');
  const head = text.slice(0, 4096);
  const version = /^! Version:\s*(\S+)/m.exec(head)?.[1] ?? null;
  const title = /^! Title:\s*(.+)$/m.exec(head)?.[1]?.trim() ?? null;
  let pkg = null;
  try {
    const owner = execFileSync('dpkg-query', ['-S', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const name = owner.split(':')[0].trim();
    const ver = execFileSync('dpkg-query', ['-W', '-f', '${Version}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    pkg = `${name} ${ver.trim()}`;
  } catch {
    // not a dpkg-managed file, or no dpkg
  }
  return {
    file,
    title,
    version,
    package: pkg,
    lines: text.split('\n').length - (text.endsWith('\n') ? 1 : 0),
    sha256: crypto.createHash('sha256').update(text).digest('hex'),
  };
}

export function packageVersion(name) {
  try {
    const file = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
    return JSON.parse(fs.readFileSync(file, 'utf8')).version;
  } catch {
    return null;
  }
}

// Sorted copy; median (mean of the two middle values for even n); p-th percentile by nearest rank.
export function sorted(values) {
  return Float64Array.from(values).sort();
}

export function median(values) {
  return medianSorted(sorted(values));
}

export function medianSorted(s) {
  const n = s.length;
  if (n === 0) return null;
  return n % 2 === 1 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

export function percentile(sortedValues, p) {
  const n = sortedValues.length;
  if (n === 0) return null;
  const rank = Math.ceil((p / 100) * n);
  return sortedValues[Math.min(n, Math.max(1, rank)) - 1];
}

// The keys of one benchmark row (bench.mjs --json prints exactly these).
export const RESULT_KEYS = [
  'engine', 'build_ms', 'memory_mb', 'serialized_bytes', 'load_ms',
  'median_us', 'p99_us', 'throughput_rps', 'blocked',
];

// Resolves --requests / --lists against the defaults. Returns {requestsPath, listPaths}, or
// {skip: message} when a DEFAULT input is absent (../shared/data is optional; the benchmark then
// skips with exit status 0). An explicitly given file that is missing is an error.
export function resolveInputs(opts) {
  const requestsPath = opts.requests ? path.resolve(opts.requests) : DEFAULT_REQUESTS;
  const listPaths = opts.lists ? splitList(opts.lists).map((f) => path.resolve(f)) : DEFAULT_LISTS;
  if (!fs.existsSync(requestsPath)) {
    if (opts.requests) throw new Error(`--requests ${opts.requests}: no such file`);
    return { skip: `skipped: ../shared/data not present (${requestsPath})` };
  }
  for (const f of listPaths) {
    if (!fs.existsSync(f)) {
      if (opts.lists) throw new Error(`--lists: ${f}: no such file`);
      return { skip: `skipped: filter list not present (${f}; installed by webext-ublock-origin-chromium)` };
    }
  }
  if (listPaths.length === 0) throw new Error('--lists: no files given');
  return { requestsPath, listPaths };
}

// Paths next to the repository (../shared/…) relative to its root, others absolute.
function displayPath(p) {
  const rel = path.relative(REPO_ROOT, p);
  return rel.startsWith('../../') || path.isAbsolute(rel) ? p : rel;
}

// Everything needed to reproduce a run: machine, Node, inputs with hashes, library versions.
export function describeSetup({ requestsPath, listPaths }) {
  const { requests, total, skipped, unknownTypes } = loadRequests(requestsPath);
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: `${cpus[0]?.model ?? 'unknown'} (${cpus.length} logical cores)`,
    loadavg: os.loadavg().map((x) => x.toFixed(2)).join(' '),
    requests: {
      file: displayPath(requestsPath),
      sha256: sha256File(requestsPath),
      total,
      matched: requests.length,
      skipped,
      unknownTypes,
    },
    lists: listPaths.map(describeList),
    libraries: {
      '@gorhill/ubo-core': packageVersion('@gorhill/ubo-core'),
      '@ghostery/adblocker': packageVersion('@ghostery/adblocker'),
    },
  };
}

export function formatSetup(setup, commandLine) {
  const r = setup.requests;
  const lines = [
    `# command: ${commandLine}`,
    `# ${setup.date}  node ${setup.node}  ${setup.platform}  ${setup.cpu}  load average ${setup.loadavg}`,
    `# requests: ${r.file} (sha256 ${r.sha256.slice(0, 16)}…): ${r.total} in file, ${r.matched} matched, `
      + `${r.skipped} skipped (URL or frame URL not http(s)/ws(s))`,
  ];
  if (Object.keys(r.unknownTypes).length !== 0) {
    lines.push(`#   unknown types counted as "other": ${JSON.stringify(r.unknownTypes)}`);
  }
  for (const l of setup.lists) {
    const version = l.version ? `! Version: ${l.version}` : 'no "! Version:" header';
    lines.push(`# list: ${l.file}  ${l.title ?? ''} — ${l.lines} lines, sha256 ${l.sha256.slice(0, 16)}…, ${version}`
      + `${l.package ? `, from ${l.package}` : ''}`);
  }
  lines.push(`# libraries: ${Object.entries(setup.libraries).map(([k, v]) => `${k} ${v ?? 'not installed'}`).join(', ')}`);
  return lines.join('\n');
}

// The command as typed (npm run … -- args when started through npm), relative to the cwd.
export function commandLine() {
  const quote = (a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
  const args = process.argv.slice(2).map(quote);
  const event = process.env.npm_lifecycle_event;
  if (event === 'bench:filters' || event === 'diff:filters') return ['npm', 'run', event, ...(args.length ? ['--', ...args] : [])].join(' ');
  return ['node', quote(path.relative(process.cwd(), process.argv[1]) || process.argv[1]), ...args].join(' ');
}

// Runs one engine once in a fresh Node process (run-engine.mjs); returns its JSON line, parsed.
const RUN_ENGINE = path.join(HERE, 'run-engine.mjs');

export function runEngineOnce(engine, { requestsPath, listPaths, decisionsPath, explain = false }) {
  const args = ['--expose-gc', RUN_ENGINE, '--engine', engine, '--lists', listPaths.join(','), '--requests', requestsPath];
  if (decisionsPath) args.push('--decisions', decisionsPath);
  if (explain) args.push('--explain');
  const p = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (p.error) throw new Error(`${engine}: ${p.error.message}`);
  if (p.status !== 0) {
    throw new Error(`${engine} failed (exit ${p.status ?? p.signal}):\n${p.stderr.trim()}`);
  }
  const last = p.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`${engine}: unexpected output: ${p.stdout.slice(0, 500)}\n${p.stderr.slice(0, 500)}`);
  }
}
