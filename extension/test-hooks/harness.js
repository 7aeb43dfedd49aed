// Test build only (build.mjs --test-hooks; never in a shipped package): a content script on the
// testbed's harness.example page that passes the test's requests to the background
// (test-hooks/background.js) and posts the answers back. Firefox's WebDriver BiDi refuses to
// navigate to moz-extension:// pages; an extension page the extension opens itself can be driven.
window.addEventListener('message', event => {
  if (event.source !== window || !event.data || event.data.trackscopeTest !== 'request') return;
  const { id, request } = event.data;
  browser.runtime.sendMessage({ type: 'test-hook', request })
    .then(answer => window.postMessage({ trackscopeTest: 'answer', id, answer }, '*'),
          error => window.postMessage({ trackscopeTest: 'answer', id, answer: { error: String(error) } }, '*'));
});
