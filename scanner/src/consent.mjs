// Answering consent banners with DuckDuckGo's autoconsent (npm @duckduckgo/autoconsent, MPL-2.0):
// its content script and rules recognise several hundred consent managers (OneTrust, Cookiebot,
// Didomi, TrustArc, Sourcepoint, Quantcast, ...) and click "accept all" or "reject all" the way a
// visitor would.
//
// The content script (dist/autoconsent.playwright.js) runs in the page's main world, injected
// after the load into every frame of the loaded document (never as an init script: the documents
// loaded after the answer carry nothing of it). It sends its messages, with the frame's number,
// on a private console channel (console-channel.mjs; instrument/OBSERVER.md: no binding, nothing a
// page can see or forge); this module answers by calling autoconsentReceiveMessage in that frame. The exchange is autoconsent's
// documented one (docs/api.md):
//
//   page                          scanner
//   init                    ──►   initResp {config: autoAction optIn|optOut, rules}
//   cmpDetected, popupFound ──►   (noted)
//   eval {code}             ──►   evalResp {result}        (rules needing the page's own APIs)
//   optInResult/optOutResult──►   (noted: the banner was answered, or the rule failed)
//   autoconsentDone         ──►   done
//   report {state}          ──►   done when the top frame found no consent manager
//
// Cosmetic rules (which only hide a banner) are off: hiding a banner is not an answer.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { newChannel, received, senderSource } from './console-channel.mjs';

const require = createRequire(import.meta.url);
const PACKAGE_MAIN = require.resolve('@duckduckgo/autoconsent');
const SCRIPT = fs.readFileSync(path.join(path.dirname(PACKAGE_MAIN), 'autoconsent.playwright.js'), 'utf8');
export const AUTOCONSENT_VERSION = JSON.parse(fs.readFileSync(path.join(path.dirname(PACKAGE_MAIN), '..', 'package.json'), 'utf8')).version;

let allRules;
// The declarative rules that may apply to `url`: rules limited to other sites (runContext
// urlPattern) are left out, which keeps what is sent into each frame small.
function rulesFor(url) {
  allRules ??= JSON.parse(fs.readFileSync(require.resolve('@duckduckgo/autoconsent/rules/rules.json'), 'utf8')).autoconsent;
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

const CONFIG = {
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
};

// Answers the consent banner of `page` (loaded): `action` "optIn" (accept all) or "optOut" (reject
// all). `detectMs`: how long to look for a consent manager; `timeoutMs`: for the whole answer.
// Resolves, never rejects, with what happened:
//   {action, cmp: name of the consent manager or null, popupFound, answered: the rule reported
//    success, status: "answered" | "no-banner" (no consent manager, or no visible banner) |
//    "failed" (the rule could not complete) | "timeout", durationMs, errors: [messages]}
export async function answerConsent(page, action, { timeoutMs = 15000, detectMs = 4000 } = {}) {
  if (action !== 'optIn' && action !== 'optOut') throw new Error(`consent action must be optIn or optOut, got ${action}`);
  const started = Date.now();
  const run = { action, cmp: null, popupFound: false, answered: false, status: 'timeout', durationMs: 0, errors: [] };
  let finish;
  const finished = new Promise(resolve => { finish = resolve; });
  const respond = (frame, message) =>
    frame.evaluate(m => window.autoconsentReceiveMessage && window.autoconsentReceiveMessage(m), message).catch(() => {});

  const channel = newChannel('autoconsent');
  const frames = page.frames();
  // Each message arrives as [frame number, message].
  const onConsole = consoleMessage => {
    const value = received(consoleMessage, channel);
    const frame = Array.isArray(value) ? frames[value[0]] : undefined;
    if (frame) handle(frame, value[1]).catch(() => {});
  };
  page.on('console', onConsole);
  const handle = async (frame, message) => {
    if (!message || typeof message !== 'object') return;
    switch (message.type) {
      case 'init':
        await respond(frame, { type: 'initResp', config: { ...CONFIG, autoAction: action }, rules: { autoconsent: rulesFor(frame.url()) } });
        break;
      case 'eval': {
        let result = false;
        try { result = await frame.evaluate(message.code); } catch { /* the rule's check fails */ }
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
  };

  // The script reads window.autoconsentSendMessage once, when it starts; it is removed right after.
  const source = index => `(function(){var send=${senderSource(channel)};` +
    `window.autoconsentSendMessage=function(m){send([${index},m]);};})();\n` +
    `${SCRIPT}\n;try{delete window.autoconsentSendMessage}catch(e){}`;
  await Promise.all(frames.map((frame, index) => frame.evaluate(source(index)).catch(() => {})));
  // autoconsent keeps looking as long as the page changes (a banner may come late); the page has
  // loaded and settled already, so no consent manager within `detectMs` means there is none.
  let done = false;
  finished.then(() => { done = true; });
  while (!done) {
    await new Promise(resolve => setTimeout(resolve, 100));
    const elapsed = Date.now() - started;
    if (!run.cmp && elapsed >= detectMs) run.status = 'no-banner';
    if (run.status === 'no-banner' || elapsed >= timeoutMs) break;
  }
  // A consent manager that was detected but showed no banner (already answered, or hidden).
  if (run.status === 'timeout' && run.cmp && !run.popupFound) run.status = 'no-banner';
  run.durationMs = Date.now() - started;
  page.off('console', onConsole);
  return run;
}
