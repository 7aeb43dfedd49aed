// Adapter: Ghostery's adblocker (@ghostery/adblocker 2.x), network filters only.
// Interface: see ubo.mjs.
//
// - build: FiltersEngine.parse(text, {loadCosmeticFilters: false}) on the lists joined by '\n', as
//   the reference benchmark (ghostery/adblocker bench/comparison/blockers/ghostery.js) does. Other
//   options stay at their defaults (network and $csp filters, optimisations and the in-memory
//   bucket cache on, no compression, integrity check on, preprocessors (!#if) not evaluated).
// - match: Request.fromRawDetails({url, sourceUrl: frameUrl, type}) (hostname/domain through
//   tldts, inside the timed call as in the reference), then engine.match(request) →
//   {match, exception, filter, redirect}. match is true when a block (or redirect) filter applies
//   and no exception does; exception is the overriding @@ filter.
// - Filter text: NetworkFilter#toString() rebuilds it from the compiled form. With the default
//   enableOptimizations, filters sharing a pattern shape are fused into one synthetic filter (a
//   regex alternation such as (?:\/fbevents\.js)|(?:\/fbevents\.min\.js), or one filter with
//   several domains), and after serialization domain= lists exist only as hashes
//   ("domain=<hashed>"), so the text does not name the list line. build(…, {explain: true}) (used
//   by the differential check, never by the benchmark) sets debug: true (rawLine kept, also
//   across serialization) and enableOptimizations: false, so toString() returns the list line.
// - serialize(): Uint8Array; FiltersEngine.deserialize(bytes) throws on a version mismatch.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

let FiltersEngine = null;
let Request = null;

const NONE = Object.freeze({ decision: 'none', filter: null });
const BLOCK = Object.freeze({ decision: 'block', filter: null });
const EXCEPTION = Object.freeze({ decision: 'exception', filter: null });

const adapter = {
  name: 'ghostery',
  version: `@ghostery/adblocker ${require('@ghostery/adblocker/package.json').version}`,

  async init() {
    ({ FiltersEngine, Request } = await import('@ghostery/adblocker'));
  },

  domainCheck() {
    const r = Request.fromRawDetails({ url: 'https://a.b.co.uk/x', sourceUrl: 'https://www.b.co.uk/', type: 'script' });
    return { ok: r.domain === 'b.co.uk' && r.isThirdParty === false, detail: `domain of a.b.co.uk = '${r.domain}', thirdParty vs www.b.co.uk = ${r.isThirdParty}` };
  },

  explainable: true,

  async build(listTexts, { explain = false } = {}) {
    const options = { loadCosmeticFilters: false, loadNetworkFilters: true };
    if (explain) Object.assign(options, { debug: true, enableOptimizations: false });
    return FiltersEngine.parse(listTexts.join('\n'), options);
  },

  async serialize(engine) {
    return engine.serialize();
  },

  async load(bytes) {
    return FiltersEngine.deserialize(bytes);
  },

  match(engine, { url, frameUrl, type }, withFilter = false) {
    const r = engine.match(Request.fromRawDetails({ url, sourceUrl: frameUrl, type }));
    if (r.filter === undefined) return NONE;
    if (!withFilter) return r.match ? BLOCK : EXCEPTION;
    if (r.match) return { decision: 'block', filter: r.filter.toString() };
    return { decision: 'exception', filter: r.exception ? r.exception.toString() : null };
  },
};

export default adapter;
