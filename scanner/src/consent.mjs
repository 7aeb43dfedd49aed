// Answering consent banners with DuckDuckGo's autoconsent (npm @duckduckgo/autoconsent, MPL-2.0):
// its content script and rules recognise several hundred consent managers (OneTrust, Cookiebot,
// Didomi, TrustArc, Sourcepoint, Quantcast, ...) and click "accept all" or "reject all" the way a
// visitor would. The exchange with it is the shared one (instrument/autoconsent-answer.js, which
// the extension uses too); this module is the scanner's host side.
//
// The content script (dist/autoconsent.playwright.js) runs in the page's main world, injected
// after the load into every frame of the loaded document (never as an init script: the documents
// loaded after the answer carry nothing of it). It sends its messages, with the frame's number,
// on a private console channel (console-channel.mjs; instrument/OBSERVER.md: no binding, nothing a
// page can see or forge); answers go back by calling autoconsentReceiveMessage in that frame, and
// rule checks (eval) are evaluated in it through the DevTools protocol.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { consentAnswer, rulesFor } from '@trackscope/instrument/autoconsent-answer.js';
import { newChannel, received, senderSource } from './console-channel.mjs';

const require = createRequire(import.meta.url);
const PACKAGE_MAIN = require.resolve('@duckduckgo/autoconsent');
const SCRIPT = fs.readFileSync(path.join(path.dirname(PACKAGE_MAIN), 'autoconsent.playwright.js'), 'utf8');
export const AUTOCONSENT_VERSION = JSON.parse(fs.readFileSync(path.join(path.dirname(PACKAGE_MAIN), '..', 'package.json'), 'utf8')).version;

let allRules;
const rules = url => rulesFor(allRules ??= JSON.parse(fs.readFileSync(require.resolve('@duckduckgo/autoconsent/rules/rules.json'), 'utf8')).autoconsent, url);

// Answers the consent banner of `page` (loaded): `action` "optIn" (accept all) or "optOut" (reject
// all). `detectMs`: how long to look for a consent manager; `timeoutMs`: for the whole answer.
// Resolves, never rejects, with what happened (consentAnswer's result).
export async function answerConsent(page, action, { timeoutMs = 15000, detectMs = 4000 } = {}) {
  const answer = consentAnswer(action, {
    respond: (frame, message) => frame.evaluate(m => window.autoconsentReceiveMessage && window.autoconsentReceiveMessage(m), message).catch(() => {}),
    evaluate: (frame, message) => frame.evaluate(message.code),
    rules: frame => rules(frame.url()),
  });
  const channel = newChannel('autoconsent');
  const frames = page.frames();
  // Each message arrives as [frame number, message].
  const onConsole = consoleMessage => {
    const value = received(consoleMessage, channel);
    const frame = Array.isArray(value) ? frames[value[0]] : undefined;
    if (frame) answer.handle(frame, value[1]).catch(() => {});
  };
  page.on('console', onConsole);
  // The script reads window.autoconsentSendMessage once, when it starts; it is removed right after.
  const source = index => `(function(){var send=${senderSource(channel)};` +
    `window.autoconsentSendMessage=function(m){send([${index},m]);};})();\n` +
    `${SCRIPT}\n;try{delete window.autoconsentSendMessage}catch(e){}`;
  await Promise.all(frames.map((frame, index) => frame.evaluate(source(index)).catch(() => {})));
  const run = await answer.result({ detectMs, timeoutMs });
  page.off('console', onConsole);
  return run;
}
