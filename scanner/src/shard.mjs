// Splitting a URL list across machines. `--shard i/n` keeps the URLs whose shard is i; the shard
// of a URL is the first 4 bytes (big-endian) of the SHA-256 of its normalised form (WHATWG URL
// `href`, so `https://a.example` and `https://a.example/` agree) modulo n. Every machine computes
// the same partition from the same list, in any order, with no coordination: the shards are
// disjoint and together hold every URL. Under a Kubernetes Indexed Job the index comes from
// JOB_COMPLETION_INDEX and the count from --shard-count or TRACKSCOPE_SHARD_COUNT.
import crypto from 'node:crypto';
import fs from 'node:fs';

export function shardOf(url, count) {
  return crypto.createHash('sha256').update(url).digest().readUInt32BE(0) % count;
}

// {index, count} from --shard "i/n", or from the environment; null when sharding is off.
// Returns {ok: true, shard} or {ok: false, message}.
export function resolveShard({ shard, shardCount }, env = process.env) {
  const count = v => (/^\d+$/.test(String(v)) && Number(v) >= 1 ? Number(v) : NaN);
  if (shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(shard);
    if (!m) return { ok: false, message: `--shard takes INDEX/COUNT (0-based, e.g. 0/4), got "${shard}"` };
    const [index, n] = [Number(m[1]), Number(m[2])];
    if (n < 1 || index >= n) return { ok: false, message: `--shard ${shard}: the index must be below the count` };
    return { ok: true, shard: { index, count: n, source: '--shard' } };
  }
  const indexText = env.JOB_COMPLETION_INDEX;
  if (indexText === undefined || indexText === '') {
    if (shardCount !== undefined) return { ok: false, message: '--shard-count needs JOB_COMPLETION_INDEX (a Kubernetes Indexed Job) or use --shard INDEX/COUNT' };
    return { ok: true, shard: null };
  }
  const countText = shardCount ?? env.TRACKSCOPE_SHARD_COUNT;
  if (countText === undefined) {
    return { ok: false, message: `JOB_COMPLETION_INDEX is ${indexText} but the number of shards is unknown: pass --shard-count N or set TRACKSCOPE_SHARD_COUNT (the Job's completions)` };
  }
  const n = count(countText);
  const index = Number(indexText);
  if (!Number.isInteger(n)) return { ok: false, message: `the shard count must be a positive integer, got "${countText}"` };
  if (!/^\d+$/.test(indexText) || index >= n) return { ok: false, message: `JOB_COMPLETION_INDEX ${indexText} is not an index below the shard count ${n}` };
  return { ok: true, shard: { index, count: n, source: 'JOB_COMPLETION_INDEX' } };
}

// A command-line or input-file URL: http(s) as given, or a bare host name ("example.org",
// as top-site lists have them), read as https://. Returns the normalised URL or null.
export function normaliseUrl(text) {
  const s = text.trim();
  const candidates = /^[a-z][a-z0-9+.-]*:/i.test(s) ? [s] : [s, `https://${s}`];
  for (const c of candidates) {
    try {
      const u = new URL(c);
      if ((u.protocol === 'http:' || u.protocol === 'https:') && u.hostname && !/\s/.test(s)) return u.href;
    } catch { /* next */ }
  }
  return null;
}

// --input FILE ("-" = standard input): one URL per line; blank lines and lines starting with # are
// skipped, as is anything after " #" on a line. Returns [{line, text}] in file order.
export function readUrlList(file) {
  const text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  const out = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const t = raw.replace(/(^|\s)#.*$/, '').trim();
    if (t) out.push({ line: i + 1, text: t });
  });
  return out;
}
