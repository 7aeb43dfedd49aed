// Who the scan visits as: a logged-in state (Playwright's storage state, saved after a login
// script), extra cookies and request headers, a device of Playwright's list, a locale, a time zone
// and a geolocation. Every visit's browser context gets them (scan.mjs), and the capture's
// `visit.setup` says which were used — names only for cookies and headers, whose values are
// secrets — so that the report does (REPORT.md page.visit.setup).
//
//   parseProfile({device: 'iPhone 13', locale: 'de-DE', cookie: ['session=abc'], header: ['Authorization: Bearer x']},
//                {readFile}) -> {ok: true, profile} | {ok: false, message}
//   contextOptions(profile)  -> Playwright newContext options (device descriptor, locale, timezoneId,
//                               geolocation and its permission, storageState, extraHTTPHeaders)
//   profileSetup(profile)    -> {device: 'iPhone 13', locale: 'de-DE', cookies: 'session', headers: 'authorization'}
import path from 'node:path';
import { devices } from 'playwright-core';

const fail = message => ({ ok: false, message });

// A storage state as Playwright writes it: {cookies: [{name, value, domain, path, ...}], origins: [...]}.
function checkStorageState(text, file) {
  let state;
  try {
    state = JSON.parse(text);
  } catch (err) {
    return `--storage-state ${file}: not JSON: ${err.message}`;
  }
  if (!state || typeof state !== 'object' || !Array.isArray(state.cookies)) {
    return `--storage-state ${file}: expected Playwright's storage state, {"cookies": [...], "origins": [...]}`;
  }
  const bad = state.cookies.findIndex(c => typeof c?.name !== 'string' || typeof c.value !== 'string' || typeof c.domain !== 'string');
  if (bad >= 0) return `--storage-state ${file}: $.cookies[${bad}]: expected {name, value, domain, path, ...}`;
  if (state.origins !== undefined && !Array.isArray(state.origins)) return `--storage-state ${file}: $.origins: expected an array`;
  return null;
}

// `opts`: the CLI's values (storage-state, cookie[], header[], device, locale, timezone,
// geolocation); `readFile(file)` reads a file (throws a FileError of its own).
export function parseProfile(opts, { readFile }) {
  const profile = {};
  if (opts['storage-state'] !== undefined) {
    const file = opts['storage-state'];
    const text = readFile(file);
    const wrong = checkStorageState(text, file);
    if (wrong) return fail(wrong);
    profile.storageState = JSON.parse(text);
    profile.storageStateFile = path.basename(file);
  }
  const cookies = [];
  for (const c of opts.cookie ?? []) {
    const eq = c.indexOf('=');
    const name = eq > 0 ? c.slice(0, eq).trim() : '';
    if (!name || /[\s;,]/.test(name)) return fail(`--cookie takes NAME=VALUE, got "${c}"`);
    cookies.push({ name, value: c.slice(eq + 1) });
  }
  if (cookies.length) profile.cookies = cookies;
  const headers = {};
  for (const h of opts.header ?? []) {
    const colon = h.indexOf(':');
    const name = colon > 0 ? h.slice(0, colon).trim().toLowerCase() : '';
    if (!/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) return fail(`--header takes "NAME: VALUE", got "${h}"`);
    if (['sec-gpc', 'dnt'].includes(name)) return fail(`--header ${name}: use --gpc or --dnt`);
    headers[name] = h.slice(colon + 1).trim();
  }
  if (Object.keys(headers).length) profile.headers = headers;
  if (opts.device !== undefined) {
    if (!devices[opts.device]) {
      const near = Object.keys(devices).filter(d => d.toLowerCase().includes(opts.device.toLowerCase().split(' ')[0])).slice(0, 5);
      return fail(`--device: unknown device "${opts.device}"${near.length ? `; did you mean ${near.map(d => `"${d}"`).join(', ')}?` : ''} (Playwright's device list)`);
    }
    profile.device = opts.device;
  }
  if (opts.locale !== undefined) {
    try {
      profile.locale = Intl.getCanonicalLocales(opts.locale)[0];
    } catch {
      return fail(`--locale: "${opts.locale}" is not a language tag (e.g. de-DE)`);
    }
  }
  if (opts.timezone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: opts.timezone });
    } catch {
      return fail(`--timezone: "${opts.timezone}" is not an IANA time zone (e.g. Europe/Berlin)`);
    }
    profile.timezone = opts.timezone;
  }
  if (opts.geolocation !== undefined) {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(opts.geolocation);
    const [lat, lng] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
    if (!(Math.abs(lat) <= 90 && Math.abs(lng) <= 180)) return fail(`--geolocation takes LATITUDE,LONGITUDE, got "${opts.geolocation}"`);
    profile.geolocation = { latitude: lat, longitude: lng };
  }
  return { ok: true, profile };
}

// Options for browser.newContext (browser.mjs merges them with its own).
export function contextOptions(profile = {}) {
  const options = {};
  if (profile.device) {
    const { defaultBrowserType, ...descriptor } = devices[profile.device];
    Object.assign(options, descriptor);
  }
  if (profile.locale) options.locale = profile.locale;
  if (profile.timezone) options.timezoneId = profile.timezone;
  if (profile.geolocation) {
    options.geolocation = profile.geolocation;
    options.permissions = ['geolocation'];
  }
  if (profile.storageState) options.storageState = profile.storageState;
  return options;
}

// Extra cookies for the page at `url` (Playwright addCookies), added to each visit's context.
export function profileCookies(profile = {}, url) {
  return (profile.cookies ?? []).map(c => ({ name: c.name, value: c.value, url }));
}

// What the capture's visit.setup says (names, not values, of cookies and headers).
export function profileSetup(profile = {}) {
  const setup = {};
  if (profile.device) setup.device = profile.device;
  if (profile.locale) setup.locale = profile.locale;
  if (profile.timezone) setup.timezone = profile.timezone;
  if (profile.geolocation) setup.geolocation = `${profile.geolocation.latitude},${profile.geolocation.longitude}`;
  if (profile.storageStateFile) setup.storageState = profile.storageStateFile;
  if (profile.cookies) setup.cookies = profile.cookies.map(c => c.name).join(', ');
  if (profile.headers) setup.headers = Object.keys(profile.headers).join(', ');
  return setup;
}
