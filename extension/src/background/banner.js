// Answering a tab's consent banner with autoconsent, for the popup's consent test (site-test.js):
// the extension's host side of the shared exchange (instrument/autoconsent-answer.js; the scanner
// has its own host side). autoconsent's content script runs in the extension's isolated world of
// every frame of the loaded page, injected on demand (never as a declared content script: pages
// the user browses carry nothing of it); its messages come through runtime messages
// ({type: "autoconsent"}, service-worker.js → onBannerMessage), answers go back through
// chrome.scripting, and its rule checks (eval, by snippet id) run in the page's main world as
// the functions autoconsent ships — no code from strings.
import { consentAnswer, rulesFor } from '../instrument/autoconsent-answer.js';
import { evalSnippets } from '../lib/autoconsent/autoconsent.esm.js';

const SCRIPT = 'lib/autoconsent/autoconsent.playwright.js';
const answering = new Map();  // tabId -> the consentAnswer in progress

let rules = null;
async function allRules() {
  rules ??= fetch(chrome.runtime.getURL('lib/autoconsent/rules.json')).then(r => r.json()).then(j => j.autoconsent);
  return rules;
}

// A message of autoconsent's content script in frame `sender.frameId` of tab `sender.tab.id`.
export function onBannerMessage(message, sender) {
  const answer = answering.get(sender.tab?.id);
  if (answer) answer.handle({ frameId: sender.frameId, url: sender.url ?? '' }, message).catch(() => {});
}

// Answers the banner of the page in tab `tabId`: "optIn" (accept all) or "optOut" (reject all).
// Resolves with consentAnswer's result ({cmp, answered, status, ...}).
export async function answerBanner(tabId, action, { detectMs = 4000, timeoutMs = 15000 } = {}) {
  const all = await allRules();
  const target = frameId => ({ tabId, frameIds: [frameId] });
  const answer = consentAnswer(action, {
    respond: (frame, message) => chrome.scripting.executeScript({
      target: target(frame.frameId), func: m => window.autoconsentReceiveMessage && window.autoconsentReceiveMessage(m), args: [message],
    }).catch(() => {}),
    evaluate: async (frame, message) => {
      const snippet = evalSnippets[message.snippetId];
      if (!snippet) return false;
      const [result] = await chrome.scripting.executeScript({ target: target(frame.frameId), world: 'MAIN', func: snippet });
      return result?.result;
    },
    rules: frame => rulesFor(all, frame.url),
    config: { isMainWorld: false },  // rule checks come to the host as eval messages
  });
  answering.set(tabId, answer);
  try {
    // The script reads window.autoconsentSendMessage (the isolated world's) once, when it starts.
    await chrome.scripting.executeScript({ target: { tabId, allFrames: true }, func: () => {
      window.autoconsentSendMessage = message => chrome.runtime.sendMessage({ type: 'autoconsent', message }).catch(() => {});
    } });
    await chrome.scripting.executeScript({ target: { tabId, allFrames: true }, files: [SCRIPT] });
    return await answer.result({ detectMs, timeoutMs });
  } finally {
    answering.delete(tabId);
  }
}
