// Test build only (build.mjs --test-hooks): what a test asks through harness.js.
//   {open: "popup/popup.html?tabId=7"}   opens an extension page in a new tab -> {tabId}
//   {tabOf: "https://shop.example/"}     the id of the tab showing that URL -> {tabId} (null: none)
//   {started: true}                      when this background instance started -> {startedAt}
//                                        (a new value after the event page was suspended)
// Only the harness page's content script is answered.
const startedAt = Date.now() + Math.random();

browser.runtime.onMessage.addListener((message, sender) => {
  if (message?.type !== 'test-hook' || !sender.url?.startsWith('https://harness.example/')) return undefined;
  const { request } = message;
  if (request.open) return browser.tabs.create({ url: browser.runtime.getURL(request.open) }).then(tab => ({ tabId: tab.id }));
  if (request.tabOf) return browser.tabs.query({}).then(tabs => ({ tabId: tabs.find(t => t.url === request.tabOf)?.id ?? null }));
  if (request.started) return Promise.resolve({ startedAt });
  return Promise.resolve({ error: `unknown test request ${JSON.stringify(request)}` });
});
