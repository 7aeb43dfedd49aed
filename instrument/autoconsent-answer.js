// Answering a consent banner with DuckDuckGo's autoconsent (npm @duckduckgo/autoconsent, MPL-2.0):
// the exchange with its content script (autoconsent's docs/api.md), shared by every host that
// answers banners — the scanner (frames reached through the DevTools protocol) and the extension
// (frames reached through chrome.scripting). The host injects the content script into the page's
// frames and relays messages; this module decides what to answer and when the answer is done:
//
//   content script                host (this module)
//   init                    ──►   initResp {config: autoAction optIn|optOut, rules}
//   cmpDetected, popupFound ──►   (noted)
//   eval {code, snippetId}  ──►   evalResp {result}        (rules needing the page's own APIs)
//   optInResult/optOutResult──►   (noted: the banner was answered, or the rule failed)
//   autoconsentDone         ──►   done
//   report {state}          ──►   done when the top frame found no consent manager
//
// Cosmetic rules (which only hide a banner) are off: hiding a banner is not an answer.
//
//   const answer = consentAnswer('optOut', { respond, evaluate, rules });
//   (for each message of each frame) answer.handle(frame, message);
//   const run = await answer.result({ detectMs: 4000, timeoutMs: 15000 });

export const AUTOCONSENT_CONFIG = Object.freeze({
  enabled: true,
  disabledCmps: [],
  enablePrehide: false,
  enableCosmeticRules: false,
  enableGeneratedRules: true,
  enableHeuristicDetection: false,
  heuristicMode: 'off',
  enablePopupMutationObserver: false,
  detectRetries: 8,
  isMainWorld: true,
  prehideTimeout: 2000,
  visualTest: false,
  performanceLoggingEnabled: false,
  logs: { lifecycle: false, rulesteps: false, detectionsteps: false, evals: false, errors: false, messages: false, waits: false },
});

// The answered phases of a consent test (scan --consent, the popup's consent test): the answer
// autoconsent gives, and the consent state the core analyses the load after it with.
export const ANSWER_PHASES = Object.freeze({
  reject: Object.freeze({ action: 'optOut', consent: 'rejected' }),
  accept: Object.freeze({ action: 'optIn', consent: 'accepted' }),
});

// Why a phase whose banner was not answered has no measurement (the core's `unmeasured` note).
export function unmeasuredReason(status) {
  return status === 'no-banner' ? 'no consent banner recognised' : `banner ${status}`;
}

// The declarative rules (rules.json's `autoconsent` list) that may apply to `url`: rules limited to
// other sites (runContext.urlPattern) are left out, which keeps what is sent into each frame small.
export function rulesFor(allRules, url) {
  return allRules.filter(rule => {
    const pattern = rule.runContext?.urlPattern;
    if (!pattern) return true;
    try {
      return new RegExp(pattern).test(url);
    } catch {
      return false;
    }
  });
}

// `action` "optIn" (accept all) or "optOut" (reject all). The host's part, per frame (any value
// that names one):
//   respond(frame, message) -> Promise   calls autoconsentReceiveMessage(message) in the frame
//   evaluate(frame, message) -> Promise<boolean>   runs an eval message's rule check in the frame
//   rules(frame) -> the rules for that frame (rulesFor)
//   config: overrides of AUTOCONSENT_CONFIG (isMainWorld: false when the script runs isolated)
export function consentAnswer(action, { respond, evaluate, rules, config = {} }) {
  if (action !== 'optIn' && action !== 'optOut') throw new Error(`consent action must be optIn or optOut, got ${action}`);
  const started = Date.now();
  const run = { action, cmp: null, popupFound: false, answered: false, status: 'timeout', durationMs: 0, errors: [] };
  let finish;
  let done = false;
  const finished = new Promise(resolve => { finish = () => { done = true; resolve(); }; });

  async function handle(frame, message) {
    if (!message || typeof message !== 'object' || done) return;
    switch (message.type) {
      case 'init':
        await respond(frame, { type: 'initResp', config: { ...AUTOCONSENT_CONFIG, ...config, autoAction: action },
                               rules: { autoconsent: rules(frame) } });
        break;
      case 'eval': {
        let result = false;
        try { result = Boolean(await evaluate(frame, message)); } catch { /* the rule's check fails */ }
        await respond(frame, { type: 'evalResp', id: message.id, result });
        break;
      }
      case 'cmpDetected':
        run.cmp ??= message.cmp;
        break;
      case 'popupFound':
        run.cmp = message.cmp;
        run.popupFound = true;
        break;
      case 'optInResult':
      case 'optOutResult':
        run.cmp = message.cmp;
        run.answered = Boolean(message.result);
        if (!message.result) {
          run.status = 'failed';
          finish();
        }
        break;
      case 'autoconsentDone':
        run.cmp = message.cmp;
        run.status = run.answered ? 'answered' : 'failed';
        finish();
        break;
      case 'autoconsentError':
        run.errors.push(String(message.details?.msg ?? JSON.stringify(message.details)).slice(0, 200));
        break;
      case 'report':
        if (message.mainFrame && message.state?.lifecycle === 'nothingDetected' && !run.cmp) {
          run.status = 'no-banner';
          finish();
        }
        break;
      default:
        break;
    }
  }

  // What happened, once done or given up. autoconsent keeps looking as long as the page changes (a
  // banner may come late); the page has loaded and settled already, so no consent manager within
  // `detectMs` means there is none. Resolves, never rejects:
  //   {action, cmp: name of the consent manager or null, popupFound, answered: the rule reported
  //    success, status: "answered" | "no-banner" (no consent manager, or no visible banner) |
  //    "failed" (the rule could not complete) | "timeout", durationMs, errors: [messages]}
  async function result({ detectMs = 4000, timeoutMs = 15000 } = {}) {
    while (!done) {
      await new Promise(resolve => setTimeout(resolve, 100));
      const elapsed = Date.now() - started;
      if (!run.cmp && elapsed >= detectMs) run.status = 'no-banner';
      if (run.status === 'no-banner' || elapsed >= timeoutMs) break;
    }
    done = true;
    // A consent manager that was detected but showed no banner (already answered, or hidden).
    if (run.status === 'timeout' && run.cmp && !run.popupFound) run.status = 'no-banner';
    run.durationMs = Date.now() - started;
    return run;
  }

  return { handle, result, finished };
}
