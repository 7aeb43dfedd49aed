// Adapter: uBlock Origin's static network filtering engine (@gorhill/ubo-core 0.1.x).
//
// Adapter interface (every module in engines/ exports one such object as default):
//   name, version
//   async available() → {ok: true} | {ok: false, reason}   optional; unavailable engines are
//                                                          reported, never measured
//   async init()            load the library (WASM, public suffix list); not timed, and done
//                           before the memory baseline
//   domainCheck() → {ok, detail}   optional; the harness aborts when ok is false
//   async build(listTexts: string[], {explain}) → engine
//        explain: true only in the differential check: build an engine that can name the list
//        line it matched, if that costs something in normal operation (explainable: true marks
//        adapters that do something with it)
//   async serialize(engine) → Uint8Array
//   async load(bytes: Uint8Array) → engine    the engine that is then matched against
//   match(engine, {url, frameUrl, type}, withFilter = false) → {decision, filter}
//        decision: 'block' (blocked, not excepted) | 'exception' (a block filter matched and an
//        exception overrode it) | 'none'; filter: text of the deciding filter when withFilter is
//        true (null otherwise: the timed loop does not pay for filter text)
//   dispose(engine)         optional
//   notes() → string[]      optional; shown in the benchmark header
//   async runStandalone(…)  instead of all of the above, for engines that measure themselves
//                           (trackscope-native.mjs)
//
// uBO specifics:
// - One StaticNetFilteringEngine per process (the package enforces it); load() therefore
//   deserializes into the same singleton, which fromSelfie() resets first.
// - The public suffix list. StaticNetFilteringEngine.create() calls pslInit(), which reads
//   build/publicsuffixlist.json and hands it to publicSuffixList.fromSelfie(). In 0.1.30 that file
//   has `buf32` serialised by JSON.stringify as a plain object ({"0":…,"1":…}), fromSelfie() wants
//   a Uint32Array and returns false, pslInit() ignores the result, and the engine runs without a
//   PSL: getDomain() returns '' and sibling subdomains (www.example.com → cdn.example.com) count
//   as third-party, so $third-party / $~third-party / domain= filters misfire. init() converts
//   buf32 to a Uint32Array and loads it again; if that fails it parses Debian's
//   public_suffix_list.dat; then it asserts getDomain('a.b.co.uk') === 'b.co.uk' and throws if not.
// - Filter text: after matchRequest() returns non-zero, toLogData().raw is the matched filter
//   (reconstructed from the compiled form: same pattern and options, not always byte-identical
//   to the list line). It reflects the last matchRequest() call, so it is read right away.
// - serialize() returns a string (s14e format, LZ4-compressed); its UTF-8 bytes are what
//   is measured, and load() decodes them back to a string before deserialize().
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { domainToASCII } from 'node:url';

const require = createRequire(import.meta.url);
const DEBIAN_PSL = '/usr/share/publicsuffix/public_suffix_list.dat';

let ubo = null;        // the package's exports
let psl = null;        // lib/publicsuffixlist/publicsuffixlist.js (the same module instance uBO uses)
let snfe = null;       // the StaticNetFilteringEngine proxy (singleton)
let pslSource = null;

const NONE = Object.freeze({ decision: 'none', filter: null });
const BLOCK = Object.freeze({ decision: 'block', filter: null });
const EXCEPTION = Object.freeze({ decision: 'exception', filter: null });

function packageDir() {
  return require.resolve('@gorhill/ubo-core/package.json').replace(/package\.json$/, '');
}

function pslWorks() {
  return psl.getDomain('a.b.co.uk') === 'b.co.uk' && psl.getDomain('www.example.com') === 'example.com';
}

function fixPublicSuffixList() {
  if (pslWorks()) {
    pslSource = 'ubo-core build/publicsuffixlist.json (loaded as shipped)';
    return;
  }
  const selfieFile = `${packageDir()}build/publicsuffixlist.json`;
  try {
    const selfie = JSON.parse(fs.readFileSync(selfieFile, 'utf8'));
    let buf32 = selfie.buf32;
    if (!(buf32 instanceof Uint32Array)) {
      // {"0": n0, "1": n1, …} (or an array): integer keys enumerate in ascending order.
      const values = Array.isArray(buf32) ? buf32 : Object.keys(buf32).map((k) => buf32[k]);
      const keysOk = Array.isArray(buf32) || Object.keys(buf32).every((k, idx) => k === String(idx));
      if (!keysOk) throw new Error('buf32 keys are not 0..n-1');
      buf32 = Uint32Array.from(values);
    }
    if (psl.fromSelfie({ magic: selfie.magic, buf32 }) === true && pslWorks()) {
      pslSource = 'ubo-core build/publicsuffixlist.json (buf32 converted to Uint32Array)';
      return;
    }
  } catch (e) {
    process.stderr.write(`ubo: could not load ${selfieFile}: ${e.message}\n`);
  }
  if (fs.existsSync(DEBIAN_PSL)) {
    ubo.pslInit(fs.readFileSync(DEBIAN_PSL, 'utf8'));
    if (pslWorks()) {
      pslSource = `${DEBIAN_PSL} (parsed)`;
      return;
    }
  }
  // domainCheck() reports the failure; init() throws on it.
}

const adapter = {
  name: 'ubo',
  version: `@gorhill/ubo-core ${require('@gorhill/ubo-core/package.json').version}`,

  async init() {
    ubo = await import('@gorhill/ubo-core');
    psl = (await import('@gorhill/ubo-core/lib/publicsuffixlist/publicsuffixlist.js')).default;
    snfe = await ubo.StaticNetFilteringEngine.create();
    fixPublicSuffixList();
    const check = adapter.domainCheck();
    if (!check.ok) {
      throw new Error(`uBO public suffix list is not working (${check.detail}); refusing to `
        + 'benchmark an engine that treats sibling subdomains as third-party');
    }
  },

  domainCheck() {
    const got = psl.getDomain('a.b.co.uk');
    return { ok: got === 'b.co.uk', detail: `getDomain('a.b.co.uk') = '${got}', expected 'b.co.uk'; PSL: ${pslSource ?? 'none'}` };
  },

  notes() {
    return [`PSL: ${pslSource}`];
  },

  async build(listTexts) {
    await snfe.useLists(listTexts.map((raw, n) => ({ name: `list${n}`, raw })));
    return snfe;
  },

  async serialize(engine) {
    const s = await engine.serialize();
    return new TextEncoder().encode(s);
  },

  async load(bytes) {
    const s = new TextDecoder().decode(bytes);
    const ok = await snfe.deserialize(s);
    if (ok !== true) throw new Error('uBO deserialize() failed');
    return snfe;
  },

  match(engine, { url, frameUrl, type }, withFilter = false) {
    const r = engine.matchRequest({ originURL: frameUrl, url, type });
    if (r === 0) return NONE;
    if (!withFilter) return r === 1 ? BLOCK : EXCEPTION;
    return { decision: r === 1 ? 'block' : 'exception', filter: engine.toLogData()?.raw ?? null };
  },
};

export default adapter;
