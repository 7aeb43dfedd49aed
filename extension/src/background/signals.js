// Sending Global Privacy Control and Do Not Track, as a browser with them switched on does:
//   - request headers `Sec-GPC: 1` / `DNT: 1` on every request, by declarativeNetRequest
//     modifyHeaders rules (dynamic rules: they persist, and the browser applies them without
//     waking the worker);
//   - `navigator.globalPrivacyControl === true` / `navigator.doNotTrack === "1"` in every
//     document, by a MAIN-world script that runs at document_start before any page script.
// Per-site exceptions get neither.
//
// Why the MAIN-world scripts are registered here with chrome.scripting (the `scripting`
// permission) instead of being declared in manifest.json: the navigator properties must exist
// before the page instrumentation wraps them (so that reads of them are reported) and before
// page scripts run. Files of one content-script entry run in their listed order, whereas Chrome
// always runs manifest-declared scripts before registered ones. So the instrumentation is
// registered in the same entry, after the signal scripts: [signal scripts..., instrumentation].
// A MAIN-world script cannot read chrome.storage, so it could not decide by itself.
import { isExcepted } from '../lib/settings.js';

export const GPC_RULE_ID = 1;
export const DNT_RULE_ID = 2;
export const MAIN_SCRIPT_ID = 'trackscope-main';
export const EXCEPTIONS_SCRIPT_ID = 'trackscope-main-exceptions';

const INSTRUMENTATION = ['content/main-world.js'];  // with the shared instrumentation inside (build.mjs)
const SIGNAL_SCRIPTS = { gpc: 'content/signal-gpc.js', dnt: 'content/signal-dnt.js' };

// Every resource type the browser knows (main_frame included: without resourceTypes a rule skips it).
function resourceTypes() {
  const known = Object.values(globalThis.chrome?.declarativeNetRequest?.ResourceType ?? {});
  return known.length ? known : ['main_frame', 'sub_frame', 'stylesheet', 'script', 'image', 'font', 'object',
                                 'xmlhttprequest', 'ping', 'csp_report', 'media', 'websocket', 'other'];
}

export function headerRules(settings) {
  const rules = [];
  const add = (id, header) => {
    const condition = { resourceTypes: resourceTypes() };
    if (settings.exceptions.length) {
      // Neither requests to an excepted site nor requests its pages make.
      condition.excludedRequestDomains = settings.exceptions;
      condition.excludedInitiatorDomains = settings.exceptions;
    }
    rules.push({ id, priority: 1, condition,
                 action: { type: 'modifyHeaders', requestHeaders: [{ header, operation: 'set', value: '1' }] } });
  };
  if (settings.gpc) add(GPC_RULE_ID, 'Sec-GPC');
  if (settings.dnt) add(DNT_RULE_ID, 'DNT');
  return rules;
}

export function sitePatterns(sites) {
  return sites.map(site => `*://*.${site}/*`);  // the site and its subdomains
}

// The MAIN-world content-script entries for these settings.
export function mainWorldScripts(settings, { matchOriginAsFallback = true } = {}) {
  const signals = ['gpc', 'dnt'].filter(s => settings[s]).map(s => SIGNAL_SCRIPTS[s]);
  const entry = (id, matches, js, excludeMatches) => {
    const script = { id, matches, js, runAt: 'document_start', allFrames: true, world: 'MAIN', persistAcrossSessions: true };
    if (excludeMatches?.length) script.excludeMatches = excludeMatches;
    if (matchOriginAsFallback) script.matchOriginAsFallback = true;  // about:blank and srcdoc frames too
    return script;
  };
  if (!signals.length || !settings.exceptions.length) return [entry(MAIN_SCRIPT_ID, ['<all_urls>'], [...signals, ...INSTRUMENTATION])];
  const excepted = sitePatterns(settings.exceptions);
  return [entry(MAIN_SCRIPT_ID, ['<all_urls>'], [...signals, ...INSTRUMENTATION], excepted),
          entry(EXCEPTIONS_SCRIPT_ID, excepted, INSTRUMENTATION)];
}

const comparable = s => JSON.stringify([s.id, s.js, [...(s.matches ?? [])].sort(), [...(s.excludeMatches ?? [])].sort(), s.world]);

async function registerScripts(wanted) {
  const registered = await chrome.scripting.getRegisteredContentScripts();
  const have = registered.map(comparable).sort().join('\n');
  if (have === wanted.map(comparable).sort().join('\n')) return;
  if (registered.length) await chrome.scripting.unregisterContentScripts({ ids: registered.map(s => s.id) });
  await chrome.scripting.registerContentScripts(wanted);
}

// Makes the browser's rules and registered scripts match `settings`. Idempotent; cheap when nothing
// changed (run at every worker start).
export async function applySignals(settings) {
  const existing = await chrome.declarativeNetRequest.getDynamicRules();
  await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: existing.map(r => r.id), addRules: headerRules(settings) });
  try {
    await registerScripts(mainWorldScripts(settings));
  } catch (err) {
    // Firefox before 128 does not know matchOriginAsFallback.
    if (!/matchOriginAsFallback/i.test(String(err?.message))) throw err;
    await registerScripts(mainWorldScripts(settings, { matchOriginAsFallback: false }));
  }
}

// The signals a page on `host` is sent under these settings.
export function signalsFor(host, settings) {
  const excepted = isExcepted(host, settings.exceptions);
  return { gpc: settings.gpc && !excepted, dnt: settings.dnt && !excepted };
}
