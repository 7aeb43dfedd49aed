// Scans: a fresh browser context -> capture -> WASM analysis. One site may take several visits
// (the DNT/GPC comparison, consent phases); every visit starts from a fresh context of a browser
// that is reused across visits (browser.mjs visitBrowser: `options.browsers`, else one per site).
import { ANSWER_PHASES, unmeasuredReason } from '@trackscope/instrument/autoconsent-answer.js';
import { DEFAULT_WAIT_TIMERS_MS, TIMER_ROUNDS } from './timers.mjs';
import { DEFAULT_DWELL_MS } from './visitor.mjs';
import { contextOptions, profileCookies, profileSetup } from './profile.mjs';
import { createCore } from '@trackscope/core';
import { visitBrowser } from './browser.mjs';
import { capturePage } from './capture.mjs';
import { applySignals, readDeclarations } from './signals.mjs';

let corePromise;
export function core() {
  corePromise ??= createCore();
  return corePromise;
}

// Slack on top of a visit's navigation timeouts and settle waits before the visit is abandoned.
const DEADLINE_SLACK_MS = 30000;

// The longest a visit may take before its browser is killed: a launch, two page loads (the second
// with consent answered) each with their timeout and two bounded settle waits, the banner answer.
export function visitDeadline({ timeoutMs = 30000, settleMs = 5000, consent, visitor } = {}) {
  const load = timeoutMs + 2 * settleMs + (visitor?.input ? visitor.dwellMs + (visitor.identity ? 30000 : 10000) : 0) +
    (visitor?.waitTimersMs ? visitor.waitTimersMs + TIMER_ROUNDS * settleMs : 0);
  return DEADLINE_SLACK_MS + (consent ? 2 * load + 15000 + settleMs : load);
}

// One visit in a fresh context of `browsers` (a visitBrowser; without one, a browser of its own):
// the signals sent, the site's declarations fetched after the load, the visitor consenting to
// nothing or — with `consent` "optIn"/"optOut" — answering the banner. Never hangs: past
// visitDeadline() the context is closed, and if that does not succeed within 10 s the browser is
// killed; the visits of other sites in it then start again, once, in a new browser (with a note).
// Returns capturePage's result ({capture, error, notes, before?, banner?}).
async function visit(url, { browsers, ...options }) {
  if (browsers) return visitIn(browsers, url, options);
  const own = visitBrowser({ args: options.browserArgs });
  try {
    return await visitIn(own, url, options);
  } finally {
    await own.close();
  }
}

async function visitIn(browsers, url, { timeoutMs, settleMs, userAgent, visitor = { input: true, dwellMs: DEFAULT_DWELL_MS, waitTimersMs: DEFAULT_WAIT_TIMERS_MS }, signals = {}, consent, consentDetectMs, deadlineMs, profile = {}, cmp = false, observe = 'devtools' }) {
  // With `cmp`: the consent manager's declarations the page loads are kept for the core to check it against.
  // Those its banner does not load (Complianz's REST document) are fetched after the load, outside the page.
  const c = cmp ? await core() : null;
  const keepBody = c && (u => c.cmpDocumentOf(u) !== null);
  const toFetch = loaded => (c ? [...new Set(loaded.map(u => c.cmpDocumentToFetch(u)).filter(u => u && !loaded.includes(u)))] : []);
  const limit = deadlineMs ?? visitDeadline({ timeoutMs, settleMs, consent, visitor });
  let context = null;
  let abandoned = false;
  let timer;
  const deadline = new Promise(resolve => {
    timer = setTimeout(() => resolve({ capture: null, error: `gave up after ${Math.round(limit / 1000)} s (site deadline)`, notes: [] }), limit);
  });
  const attempt = async () => {
    const options = contextOptions(profile);
    const opened = await browsers.newContext({ userAgent, options });
    // A context that arrives after the deadline is not used.
    if (abandoned) return opened.close();
    context = opened;
    // As a browser that supports GPC (Firefox, Brave): navigator.globalPrivacyControl exists (false
    // unless sent), so that pages that read it are seen reading it, in both visits of a comparison.
    // Observing through the DevTools protocol, the browser's own getter is there (browser.mjs) and
    // nothing is added to the page that the signals do not need.
    await applySignals(context, { expose: observe !== 'devtools', ...signals }, profile.headers);
    const cookies = profileCookies(profile, url);
    if (cookies.length) await context.addCookies(cookies);
    const afterLoad = async (page, loaded) => readDeclarations(page, () => browsers.newContext({ userAgent, options }), toFetch(loaded));
    return capturePage(context, url, { timeoutMs, settleMs, signals, afterLoad, consent, consentDetectMs, keepBody, observe,
                                       visitor: visitor && { ...visitor, userAgent: context.userAgent, setup: profileSetup(profile) } });
  };
  const work = (async () => {
    try {
      return await attempt();
    } catch (err) {
      // The shared browser went away under this visit (another visit's hung context had it
      // killed, or it crashed): visit once more in a new one, within the same deadline.
      if (abandoned || !browserLost(context)) throw err;
      context = null;
      const again = await attempt();
      if (again) again.notes = [...(again.notes ?? []), 'visited again: the browser closed during the first attempt'];
      return again;
    }
  })().catch(err => ({ capture: null, error: err.message.split('\n')[0], notes: [] }));
  try {
    return await Promise.race([work, deadline]);
  } finally {
    abandoned = true;
    clearTimeout(timer);
    if (context) {
      // A context that does not close within 10 s: its browser is killed.
      let closeTimer;
      const closed = await Promise.race([context.close().then(() => true, () => true),
                                         new Promise(resolve => { closeTimer = setTimeout(() => resolve(false), 10000); })]);
      clearTimeout(closeTimer);
      if (!closed) context.kill();
    }
  }
}

// Whether the browser behind a context has disconnected (false for a context not yet opened).
function browserLost(context) {
  const browser = context?.browser?.();
  return Boolean(browser) && !browser.isConnected();
}

// fn over items, all at once or one after the other.
async function inTurn(items, parallel, fn) {
  if (parallel) return Promise.all(items.map(fn));
  const out = [];
  for (const item of items) out.push(await fn(item));
  return out;
}

const policyOptions = policy => (policy === undefined ? {} : { policy });

function analyze(c, capture, consent, policy) {
  if (!capture) return { report: null, error: 'nothing was captured' };
  const result = c.analyze({ ...capture, consent }, policyOptions(policy));
  if (!result.ok) return { report: null, error: `core rejected the capture: ${result.error.path}: ${result.error.message}` };
  return { report: result.report, error: null };
}

// Returns {capture, report, error, notes}. `report` is null when the core rejected the capture
// (error then says why); `error` also carries a page-load failure while still returning what was
// seen.
//   options.signals: {dnt, gpc} to send; options.policy: a bundled policy id or a policy document;
//   options.cmp: keep the consent manager's declarations the page loads (capture wellKnown.cmp), so
//   that the core checks the page against them when the policy has no declaration of its own
export async function scanUrl(url, { policy, ...options } = {}) {
  const { capture, error, notes = [] } = await visit(url, options);
  if (!capture) return { capture, report: null, error, notes };
  const analysed = analyze(await core(), capture, 'none', policy);
  return { capture: { ...capture, consent: 'none' }, report: analysed.report, error: analysed.error ?? error, notes };
}

// The DNT/GPC comparison: two visits in fresh contexts, without and then with `signal` ("gpc" or
// "dnt"). Returns {captures: {off, on}, comparison, reports: {off, on}, error}; comparison is null
// when a visit failed or the core rejected a capture (error says which and why).
//   options.parallel: both visits at once (two contexts) instead of one after the other
export async function compareSignalsUrl(url, signal, { policy, parallel = false, ...options } = {}) {
  const captures = {};
  const notes = [];
  const visits = await inTurn(['off', 'on'], parallel, which => visit(url, { ...options, signals: { [signal]: which === 'on' } }));
  for (const [i, which] of ['off', 'on'].entries()) {
    const { capture, error, notes: n = [] } = visits[i];
    captures[which] = capture ? { ...capture, consent: 'none' } : capture;
    notes.push(...n.map(x => `${which}: ${x}`));
    if (error) return { captures, comparison: null, reports: null, error: `${which === 'on' ? 'with' : 'without'} ${signal}: ${error}`, notes };
  }
  const result = (await core()).compareSignals(captures.off, captures.on, signal, policyOptions(policy));
  if (!result.ok) return { captures, comparison: null, reports: null, error: `core rejected the captures: ${result.error.path}: ${result.error.message}`, notes };
  return { captures, comparison: result.comparison, reports: { off: result.off, on: result.on }, error: null, notes };
}

// Consent phases: `phases` among "reject", "accept" (the "none" phase always comes first). One
// visit per answer, each in a fresh context: load, capture the page before the banner is answered
// (consent "none"), answer it with autoconsent, reload and capture again ("rejected" /
// "accepted"); the first visit's capture before the answer is the "none" phase. Returns
// {phases: [{phase, consent, status, banner, report, error}], summary, captures, error, notes};
// error is set when no phase could be analysed.
//   options.parallel: the visits at once (a context each) instead of one after the other
export async function consentPhasesUrl(url, phases, { policy, parallel = false, ...options } = {}) {
  const captures = {};
  const notes = [];
  const visits = await inTurn(phases, parallel, phase => visit(url, { ...options, consent: ANSWER_PHASES[phase].action }));
  // The state before any answer is the first visit's; a page that failed to load ends the scan.
  const first = visits[0];
  if (!first.before) return { phases: [], summary: null, captures: { none: first.capture }, error: first.error ?? 'nothing was captured', notes };
  captures.none = { ...first.before, consent: 'none' };
  const entries = [{ phase: 'none', consent: 'none', status: 'ok', banner: null, report: null, error: null }];
  const unmeasured = {};
  for (const [i, phase] of phases.entries()) {
    const visited = visits[i];
    const { consent } = ANSWER_PHASES[phase];
    notes.push(...(visited.notes ?? []).map(x => `${phase}: ${x}`));
    const entry = { phase, consent, status: visited.banner?.status ?? 'error', banner: visited.banner ?? null, report: null, error: visited.error };
    if (visited.capture && visited.banner?.answered) captures[phase] = { ...visited.capture, consent };
    else unmeasured[phase] = unmeasuredReason(entry.status);
    entries.push(entry);
  }
  const cmp = visits.find(v => v.banner?.cmp)?.banner.cmp;
  const c = await core();
  let result = c.compareConsent(captures, { cmp, unmeasured }, policyOptions(policy));
  // A capture after an answer that the core rejects is left out, so that the state before consent
  // is still reported; the one before any answer is required.
  const rejected = !result.ok && entries.find(e => e.phase !== 'none' && e.phase === result.error.path.split(':')[0]);
  if (rejected) {
    rejected.error = `core rejected the capture: ${result.error.path}: ${result.error.message}`;
    const { [rejected.phase]: _, ...rest } = captures;
    result = c.compareConsent(rest, { cmp, unmeasured: { ...unmeasured, [rejected.phase]: 'the core rejected its capture' } },
                              policyOptions(policy));
  }
  return finishPhases(result, entries, captures, notes);
}

function finishPhases(result, entries, captures, notes) {
  if (!result.ok) return { phases: [], summary: null, captures, error: `core rejected the capture: ${result.error.path}: ${result.error.message}`, notes };
  for (const entry of entries) {
    entry.report = result[entry.phase] ?? null;
    if (entry.report) entry.status = 'ok';
  }
  return { phases: entries, summary: result.comparison, captures, error: null, notes };
}

// One site, whatever the mode: the unit of work of `scan` and of a batch. Never throws.
//   options.compare: "gpc" | "dnt" (comparison); options.consent: "none" | "reject" | "accept" |
//   "all"; options.browsers: the visitBrowser to scan in (a batch worker's; else one for this
//   site, closed at the end); the rest as for scanUrl.
// Returns {url, mode: "scan" | "compare" | "consent", report (the main one: the page, the load
// with the signal, the phase before consent), comparison, reports {off, on}, phases, consent
// (summary), captures {name: capture}, error, notes, timings {startedAt, ms, visits}}.
export async function scanSite(url, { compare, consent = 'none', ...given } = {}) {
  const own = given.browsers ? null : visitBrowser({ args: given.browserArgs });
  const options = own ? { ...given, browsers: own } : given;
  const started = Date.now();
  const timings = { startedAt: new Date(started).toISOString(), ms: 0, visits: 1 };
  const result = { url, mode: 'scan', report: null, comparison: null, reports: null, phases: null, consent: null,
                   captures: {}, error: null, notes: [], timings };
  try {
    if (compare) {
      result.mode = 'compare';
      timings.visits = 2;
      const r = await compareSignalsUrl(url, compare, options);
      Object.assign(result, { comparison: r.comparison, reports: r.reports, report: r.reports?.on ?? null, error: r.error, notes: r.notes });
      for (const [k, v] of Object.entries(r.captures)) if (v) result.captures[k] = v;
    } else if (consent !== 'none') {
      result.mode = 'consent';
      const phases = consent === 'all' ? ['reject', 'accept'] : [consent];
      timings.visits = phases.length;
      const r = await consentPhasesUrl(url, phases, options);
      Object.assign(result, { phases: r.phases, consent: r.summary, report: r.phases[0]?.report ?? null, error: r.error, notes: r.notes });
      for (const [k, v] of Object.entries(r.captures)) if (v) result.captures[k] = v;
    } else {
      const r = await scanUrl(url, options);
      Object.assign(result, { report: r.report, error: r.error, notes: r.notes });
      if (r.capture) result.captures.page = r.capture;
    }
  } catch (err) {
    result.error = err.message.split('\n')[0];
  } finally {
    await own?.close();
  }
  timings.ms = Date.now() - started;
  return result;
}

// What `--format json` writes for a site: the report; for a comparison {comparison, off, on}; for
// consent phases a trackscope-consent document (scanner/README.md).
export function resultDocument(result) {
  if (result.mode === 'compare') return { comparison: result.comparison, off: result.reports?.off ?? null, on: result.reports?.on ?? null };
  if (result.mode === 'consent') {
    return { format: 'trackscope-consent', version: 1, url: result.url, summary: result.consent,
             phases: (result.phases ?? []).map(p => ({ phase: p.phase, consent: p.consent, status: p.status, banner: p.banner, error: p.error, report: p.report })) };
  }
  return result.report;
}
