// Seeding: the scan types a synthetic identity into the page's personal-data form fields (e-mail,
// phone, name, address parts) and never submits, so that a script that sends what is being typed
// (key-logging) is caught: the core looks for every typed value in every request (plain,
// URL-encoded, base64, MD5 / SHA-1 / SHA-256 of the normalised value; analyze/data_findings.cc).
//
// How: in every frame, the first visible, enabled, editable field of each kind (found by
// `autocomplete`, `type`, then `name` / `id` / `placeholder`) is clicked and typed into with
// trusted keyboard input through the DevTools protocol, one key at a time as a person types, then
// left with Tab (which fires `change`; Enter, which submits, is never pressed). Passwords, hidden
// fields, search boxes and fields already filled are left alone. At most MAX_FIELDS fields in
// MAX_FRAMES frames, within TYPING_BUDGET_MS.
// The capture's visit.typed says what was typed where (CAPTURE.md).
import { randomBytes } from 'node:crypto';

export const MAX_FIELDS = 12;
// Typing stops after this long (a page with many frames, or busy ones, does not hold the visit);
// at most MAX_FRAMES frames with text fields are looked at, the top page's first.
export const TYPING_BUDGET_MS = 10000;
export const MAX_FRAMES = 10;

// The kinds in the order they are looked for: PersonalKindName of the core (classify/payload.h).
const KINDS = [
  ['email', ['[autocomplete~="email" i]', 'input[type="email" i]', 'input[name*="mail" i]', 'input[id*="mail" i]',
             'input[placeholder*="mail" i]']],
  ['phone', ['[autocomplete~="tel" i]', 'input[type="tel" i]', 'input[name*="phone" i]', 'input[id*="phone" i]',
             'input[name*="telefon" i]', 'input[name*="mobile" i]']],
  ['first-name', ['[autocomplete~="given-name" i]', 'input[name*="first" i]', 'input[name*="fname" i]',
                  'input[name*="vorname" i]', 'input[name*="prenom" i]', 'input[id*="first" i]']],
  ['last-name', ['[autocomplete~="family-name" i]', 'input[name*="last" i]', 'input[name*="lname" i]',
                 'input[name*="surname" i]', 'input[name*="nachname" i]', 'input[id*="last" i]']],
  ['full-name', ['[autocomplete="name" i]', 'input[name="name" i]', 'input[id="name" i]', 'input[name="fullname" i]',
                 'input[name="full_name" i]']],
  ['street', ['[autocomplete~="address-line1" i]', '[autocomplete~="street-address" i]', 'input[name*="street" i]',
              'input[name*="address" i]:not([name*="mail" i])']],
  ['city', ['[autocomplete~="address-level2" i]', 'input[name*="city" i]', 'input[name*="town" i]', 'input[name*="ort" i]']],
  ['postal-code', ['[autocomplete~="postal-code" i]', 'input[name*="zip" i]', 'input[name*="postal" i]',
                   'input[name*="postcode" i]', 'input[name*="plz" i]']],
];
const KIND_NAMES = KINDS.map(([kind]) => kind);
// Never typed into, whatever their names say.
const EXCLUDED = ':not([type="password" i]):not([type="hidden" i]):not([type="search" i]):not([type="submit" i])' +
                 ':not([type="button" i]):not([type="checkbox" i]):not([type="radio" i]):not([type="file" i])' +
                 ':not([readonly]):not([disabled])';

// A synthetic identity: invented values on reserved names (example.com, the 555-01xx numbers), with
// a random part in the e-mail address so that each scan's value is its own and cannot be met by
// chance in a request.
export function defaultIdentity() {
  const tag = randomBytes(4).toString('hex');
  return {
    email: `marisol.quennevault.${tag}@example.com`,
    phone: '+1 202 555 0147',
    'first-name': 'Marisol',
    'last-name': 'Quennevault',
    'full-name': 'Marisol Quennevault',
    street: '1428 Elm Street',
    city: 'Springwood',
    'postal-code': '90210',
  };
}

// Reads an identity file: a JSON object whose keys are among KIND_NAMES and whose values are
// non-empty strings. Throws an Error naming the file and what is wrong.
export function parseIdentity(text, file) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not JSON: ${err.message}`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${file}: expected a JSON object of identity fields`);
  const identity = {};
  for (const [key, value] of Object.entries(doc)) {
    if (!KIND_NAMES.includes(key)) throw new Error(`${file}: unknown field "${key}"; fields: ${KIND_NAMES.join(', ')}`);
    if (typeof value !== 'string' || !value.trim()) throw new Error(`${file}: "${key}" must be a non-empty string`);
    if (value.length > 200) throw new Error(`${file}: "${key}" is longer than 200 characters`);
    identity[key] = value;
  }
  if (!Object.keys(identity).length) throw new Error(`${file}: no identity fields`);
  return identity;
}

// The first usable field of `kind` in `frame`, as a Playwright locator, or null.
async function fieldOf(frame, selectors, used) {
  for (const selector of selectors) {
    const all = frame.locator(`${selector}${EXCLUDED}`);
    const n = Math.min(await all.count().catch(() => 0), 5);
    for (let i = 0; i < n; i++) {
      const field = all.nth(i);
      const id = `${frame.url()}|${selector}|${i}`;
      // Runs in Playwright's utility world: the page's scripts do not see it. A field already typed
      // into (matched again by another kind's selector) has a value.
      const ok = await field.evaluate(el => {
        if (el.value) return false;
        const box = el.getBoundingClientRect();
        return box.width > 2 && box.height > 2 && getComputedStyle(el).visibility !== 'hidden';
      }).catch(() => false);
      if (ok && !used.has(id)) {
        used.add(id);
        return { field, selector };
      }
    }
  }
  return null;
}

// Types `identity` into the fields of every frame of `page`. Returns the typed values
// [{field, kind, value, timeMs}] (timeMs since `startedAt`).
export async function typeIdentity(page, identity, { startedAt = Date.now() } = {}) {
  const typed = [];
  const used = new Set();
  const deadline = Date.now() + TYPING_BUDGET_MS;
  let frames = 0;
  for (const frame of page.frames()) {
    if (frames >= MAX_FRAMES || Date.now() > deadline) break;
    // One question per frame first: most frames (ads, embeds) have no field to type into.
    if (!await frame.locator(`input${EXCLUDED}`).count().catch(() => 0)) continue;
    frames++;
    for (const [kind, selectors] of KINDS) {
      if (typed.length >= MAX_FIELDS || Date.now() > deadline) return typed;
      const value = identity[kind];
      if (!value) continue;
      const found = await fieldOf(frame, selectors, used);
      if (!found) continue;
      const timeMs = Date.now() - startedAt;
      try {
        await found.field.click({ timeout: 2000 });
        await page.keyboard.type(value, { delay: 35 });
        await page.keyboard.press('Tab');
      } catch {
        continue;  // covered, detached or moved away: not typed
      }
      typed.push({ field: found.selector, kind, value, timeMs });
    }
  }
  return typed;
}
