// The options page: policy (bundled or a JSON file, validated by the core), GPC/DNT signals,
// per-site exceptions, redaction of exports. Settings are written to chrome.storage.local at every
// change; the service worker applies them (background/signals.js).
import { createCore } from '../lib/core/js/index.mjs';
import { el } from '@trackscope/presentation/dom.mjs';
import { normalizeSite, readSettings, writeSettings } from '../lib/settings.js';

const $ = id => document.getElementById(id);
let settings;
let core;
let savedTimer;

async function save(change) {
  settings = { ...settings, ...change };
  await writeSettings(settings);
  settings = await readSettings();
  $('saved').textContent = 'Saved.';
  clearTimeout(savedTimer);
  savedTimer = setTimeout(() => { $('saved').textContent = ''; }, 2500);
}

function policyChoice({ value, title, description, categories, checked }) {
  return el('label', { class: 'choice', 'data-policy': value },
    el('input', { type: 'radio', name: 'policy', value, checked }),
    el('span', {}, el('b', {}, title), description ? el('small', {}, description) : null,
       categories ? el('span', { class: 'categories' }, categories) : null));
}

function renderPolicies(bundled) {
  // The default first, the others as the core lists them.
  const ordered = [...bundled.filter(p => p.id === 'default'), ...bundled.filter(p => p.id !== 'default')];
  const choices = ordered.map(p => policyChoice({
    value: `bundled:${p.id}`, title: p.id === 'default' ? `${p.name} — default` : p.name, description: p.description,
    checked: settings.policy.kind === 'bundled' && settings.policy.id === p.id,
  }));
  if (settings.policy.kind === 'custom') {
    choices.push(policyChoice({ value: 'custom', title: settings.policy.name || settings.policy.id,
                                description: `Your file ${settings.policy.fileName || ''}`.trim(), checked: true }));
  }
  $('policies').replaceChildren(el('legend', { class: 'sr-only' }, 'Policy'), ...choices);
}

async function onPolicyChange(e) {
  if (e.target.name !== 'policy') return;
  if (e.target.value.startsWith('bundled:')) await save({ policy: { kind: 'bundled', id: e.target.value.slice(8) } });
  $('policy-result').textContent = '';
}

async function onPolicyFile() {
  const file = $('policy-file').files[0];
  const result = $('policy-result');
  if (!file) return;
  result.className = 'result';
  if (file.size > 1024 * 1024) {
    result.className = 'result error';
    result.textContent = `${file.name} is larger than 1 MB: not a policy file.`;
    return;
  }
  const text = await file.text();
  const checked = core.loadPolicy(text);
  if (!checked.ok) {
    result.className = 'result error';
    result.textContent = `${file.name} is not a valid policy: ${checked.error.path ? `${checked.error.path}: ` : ''}${checked.error.message}`;
    $('policy-file').value = '';
    return;
  }
  const { id, name, categories } = checked.policy;
  checked.policy.dispose();  // the service worker loads its own
  await save({ policy: { kind: 'custom', id, name, fileName: file.name, text } });
  renderPolicies(core.policies());
  result.className = 'result ok';
  result.textContent = `Using “${name}” from ${file.name}: ${categories.map(c => c.label).join(', ')}.`;
  $('policy-file').value = '';
}

function renderExceptions() {
  $('exceptions').replaceChildren(...settings.exceptions.map(site => el('li', {},
    el('span', {}, site),
    el('button', { type: 'button', 'data-remove': site, 'aria-label': `Remove ${site}` }, 'Remove'))));
}

async function onAddException(e) {
  e.preventDefault();
  const input = $('exception-input');
  const site = normalizeSite(input.value);
  if (!site) {
    $('exception-error').textContent = input.value.trim() ? `“${input.value.trim()}” is not a site name.` : '';
    return;
  }
  $('exception-error').textContent = '';
  await save({ exceptions: [...settings.exceptions, site] });
  input.value = '';
  renderExceptions();
}

async function onRemoveException(e) {
  const site = e.target.closest('[data-remove]')?.dataset.remove;
  if (!site) return;
  await save({ exceptions: settings.exceptions.filter(s => s !== site) });
  renderExceptions();
  $('exception-input').focus();
}

async function init() {
  settings = await readSettings();
  for (const id of ['gpc', 'dnt', 'redact']) {
    $(id).checked = settings[id];
    $(id).addEventListener('change', () => save({ [id]: $(id).checked }));
  }
  renderExceptions();
  $('exception-form').addEventListener('submit', onAddException);
  $('exceptions').addEventListener('click', onRemoveException);
  $('policies').addEventListener('change', onPolicyChange);
  $('policy-file').addEventListener('change', onPolicyFile);
  // The core lists and validates policies; no filter lists needed for that.
  core = await createCore({ filters: false });
  renderPolicies(core.policies());
  document.body.dataset.state = 'ready';
}

init().catch(err => {
  $('policies').replaceChildren(el('p', { class: 'result error' }, `Could not load: ${err.message}`));
  document.body.dataset.state = 'ready';
});
