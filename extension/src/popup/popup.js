// The popup: asks the service worker for the report of the active tab (or of ?tabId=N, which the
// tests use), renders it (render.js), and exports it. Page data only ever reaches the DOM as text.
import { reportToCsv } from '@trackscope/presentation/csv.mjs';
import { exportFileName, redactReport } from '../lib/export.js';
import { installWhyListener, renderReport } from './render.js';

const content = document.getElementById('content');
installWhyListener(content);
const status = document.getElementById('export-status');
let tabId;
let last = null;           // the last answer rendered
let wellKnownAsked = false;

async function targetTabId() {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null) return Number(param);
  // Without the "tabs" permission the tab's id is still available; its URL would not be.
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

function ask(type, extra = {}) {
  return chrome.runtime.sendMessage({ type, tabId, ...extra })
    .then(r => r ?? { ok: false, error: { message: 'No answer from the background worker.' } });
}

function showMessage(text, detail) {
  content.replaceChildren(Object.assign(document.createElement('div'), { className: 'message', role: 'status' }));
  const box = content.firstChild;
  for (const [line, cls] of [[text, 'lead'], [detail, 'muted']]) {
    if (!line) continue;
    const p = document.createElement('p');
    p.className = cls;
    p.textContent = line;
    box.append(p);
  }
  document.body.dataset.hasReport = 'false';
}

function show(response, { signalsOpen = false, focus = null } = {}) {
  last = response;
  const { report } = response;
  document.getElementById('page-host').textContent = report.page.host;
  document.getElementById('page-title').textContent = report.page.title;
  document.getElementById('policy-name').textContent = report.policy.name;
  content.replaceChildren(...renderReport(response, { signalsOpen }));
  document.body.dataset.hasReport = 'true';
  const signals = document.getElementById('signals');
  signals?.addEventListener('toggle', () => {
    if (signals.open && !wellKnownAsked && !response.page?.wellKnownFetched) fetchDeclarations();
  });
  if (focus) document.querySelector(focus)?.focus();
}

// The DNT/GPC panel opened: fetch the site's /.well-known/ files (once), then show them.
async function fetchDeclarations() {
  wellKnownAsked = true;
  document.getElementById('signals')?.setAttribute('aria-busy', 'true');
  const response = await ask('fetchWellKnown');
  if (response.ok) show(response, { signalsOpen: true, focus: '#signals > summary' });
  document.body.dataset.wellKnown = response.ok ? 'fetched' : 'failed';
}

async function load() {
  content.setAttribute('aria-busy', 'true');
  document.body.dataset.state = 'loading';
  try {
    tabId = await targetTabId();
    const response = await ask('getReport');
    if (!response.ok) {
      const error = response.error;
      showMessage(error.message, error.hint ?? (error.path ? `at ${error.path}` : null));
      return;
    }
    show(response, { signalsOpen: document.getElementById('signals')?.open ?? false });
  } catch (err) {
    showMessage('Could not analyse this page.', String(err?.message ?? err));
  } finally {
    content.setAttribute('aria-busy', 'false');
    document.body.dataset.state = 'ready';
  }
}

function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

// Exports ask for a fresh report: without identifier values unless redaction is off (options).
async function exportReport(format) {
  if (!last) return;
  const redact = last.settings?.redact !== false;
  const response = await ask('getReport', { includeValues: !redact });
  if (!response.ok) {
    status.textContent = `Export failed: ${response.error.message}`;
    return;
  }
  const report = redact ? redactReport(response.report) : response.report;
  const name = exportFileName(report, format);
  if (format === 'json') download(`${JSON.stringify(report, null, 2)}\n`, name, 'application/json');
  else download(reportToCsv(report), name, 'text/csv');
  status.textContent = `Saved ${name}${redact ? ' (identifier values redacted)' : ''}.`;
}

// "Test this site": the page reloads twice (and once more after); the answer is the report with
// the test's comparison (kept with the tab, so it is there when the popup opens again).
const RUNNING = { gpc: 'Testing GPC: loading the page without and with it…', dnt: 'Testing DNT: loading the page without and with it…',
                  consent: 'Testing the banner: loading the page, rejecting, loading again, accepting…' };

async function testSite(button) {
  const test = button.dataset.test;
  document.body.dataset.siteTest = 'running';
  for (const b of document.querySelectorAll('[data-action="site-test"]')) b.disabled = true;
  button.textContent = RUNNING[test];
  const response = await ask('siteTest', { test });
  if (response.ok) show(response, { signalsOpen: test !== 'consent', focus: `.site-test[data-test="${test}"] .verdict` });
  else {
    button.disabled = false;
    button.textContent = response.error.message;
  }
  document.body.dataset.siteTest = response.ok ? 'done' : 'failed';
}

content.addEventListener('click', e => {
  const test = e.target.closest('[data-action="site-test"]');
  if (test) {
    testSite(test);
    return;
  }
  const tile = e.target.closest('.tile[data-category]');
  if (tile) {
    const heading = document.getElementById(`cat-${tile.dataset.category}-h`);
    heading?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    heading?.focus({ preventScroll: true });
    return;
  }
  if (e.target.closest('[data-action="options"]')) chrome.runtime.openOptionsPage();
});

document.getElementById('refresh').addEventListener('click', load);
document.getElementById('options').addEventListener('click', () => chrome.runtime.openOptionsPage());
document.getElementById('export-json').addEventListener('click', () => exportReport('json'));
document.getElementById('export-csv').addEventListener('click', () => exportReport('csv'));
load();
