// The extension's settings (chrome.storage.local, key "settings"), shared by the options page and
// the service worker. Pure functions plus two small storage helpers.
//
//   policy      {kind: "bundled", id} | {kind: "custom", id, name, fileName, text}: the policy the
//               core maps purposes onto (core/data/policies/README.md); a custom one is a JSON file
//               the user chose, already validated by the core when it was stored
//   gpc, dnt    send Global Privacy Control / Do Not Track: request headers (declarativeNetRequest)
//               and navigator properties (MAIN-world script), except on `exceptions`
//   exceptions  sites (host names; subdomains included) that get no signal
//   redact      exports replace identifier values with "•••• (N chars)" (on by default)

export const SETTINGS_KEY = 'settings';

export const DEFAULT_SETTINGS = Object.freeze({
  policy: Object.freeze({ kind: 'bundled', id: 'default' }),
  gpc: false,
  dnt: false,
  exceptions: Object.freeze([]),
  redact: true,
});

// "https://Www.Shop.example/path" -> "www.shop.example"; "*.ads.example" -> "ads.example"; null when
// it is not a host name.
export function normalizeSite(input) {
  let text = String(input ?? '').trim().toLowerCase();
  if (!text) return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(text)) {
    try {
      text = new URL(text).hostname;
    } catch {
      return null;
    }
  }
  text = text.replace(/^\*\./, '').replace(/[/:].*$/, '').replace(/\.$/, '');
  if (text.length > 253 || !/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(text)) return null;
  if (text.split('.').some(label => !label || label.length > 63 || label.startsWith('-') || label.endsWith('-'))) return null;
  return text;
}

export function normalizeSettings(raw) {
  const s = raw && typeof raw === 'object' ? raw : {};
  let policy = DEFAULT_SETTINGS.policy;
  if (s.policy?.kind === 'bundled' && typeof s.policy.id === 'string') policy = { kind: 'bundled', id: s.policy.id };
  if (s.policy?.kind === 'custom' && typeof s.policy.text === 'string') {
    policy = { kind: 'custom', id: String(s.policy.id ?? ''), name: String(s.policy.name ?? ''),
               fileName: String(s.policy.fileName ?? ''), text: s.policy.text };
  }
  const exceptions = Array.isArray(s.exceptions) ? [...new Set(s.exceptions.map(normalizeSite).filter(Boolean))].sort() : [];
  return { policy, gpc: s.gpc === true, dnt: s.dnt === true, exceptions, redact: s.redact !== false };
}

// True when `host` is one of the exception sites or a subdomain of one.
export function isExcepted(host, exceptions) {
  const h = String(host ?? '').toLowerCase();
  return exceptions.some(site => h === site || h.endsWith(`.${site}`));
}

// What analyze() takes as its `policy` option: a bundled id or the custom document's text.
export function policyOption(settings) {
  return settings.policy.kind === 'custom' ? settings.policy.text : settings.policy.id;
}

export async function readSettings() {
  const items = await chrome.storage.local.get(SETTINGS_KEY);
  return normalizeSettings(items[SETTINGS_KEY]);
}

export async function writeSettings(settings) {
  await chrome.storage.local.set({ [SETTINGS_KEY]: normalizeSettings(settings) });
}
