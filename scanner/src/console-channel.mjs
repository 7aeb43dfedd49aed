// A private channel from page scripts the scanner injects to the scanner: console.debug messages
// under a random name, read through the DevTools protocol (Playwright's console events). The
// sender is built from console.debug, Reflect.apply and JSON.stringify as they are when it is
// evaluated — before any page script for the instrumentation's init script — so a page that
// replaces them later sees nothing; a page cannot forge a message without the random name,
// which lives only in the injected source. No binding, nothing in the page's globals.
//
//   const channel = newChannel('trackscope');
//   await context.addInitScript({ content: `(${instrumentSource})(${senderSource(channel)})` });
//   page.on('console', m => { const value = received(m, channel); if (value !== undefined) ... });
import crypto from 'node:crypto';

// A fresh channel name: "<purpose>:<random UUID>:".
export function newChannel(purpose) {
  return `${purpose}:${crypto.randomUUID()}:`;
}

// JavaScript source of an expression: a function that sends each value it is given (JSON) on `channel`.
export function senderSource(channel) {
  return '(function(){var log=console.debug,con=console,apply=Reflect.apply,json=JSON,str=json.stringify,' +
         `name=${JSON.stringify(channel)};return function(v){apply(log,con,[name+apply(str,json,[v])]);};})()`;
}

// The value a Playwright ConsoleMessage carries on `channel`, or undefined (another message, or
// one cut short).
export function received(message, channel) {
  if (message.type() !== 'debug') return undefined;
  const text = message.text();
  if (!text.startsWith(channel)) return undefined;
  try {
    return JSON.parse(text.slice(channel.length));
  } catch {
    return undefined;
  }
}
