// Seeding: the scan types a synthetic identity into the page's personal-data form fields (e-mail,
// phone, name, address parts) and never submits, so that a script that sends what is being typed
// (key-logging) is caught: the core looks for every typed value in every request (plain,
// URL-encoded, base64, MD5 / SHA-1 / SHA-256 of the normalised value; analyze/data_findings.cc).
//
// How: in every frame, the first visible, editable, empty field of each kind (instrument/
// form-fields.js: `autocomplete`, `type`, then words of `name` / `id` / `placeholder`) is clicked and typed into with
// trusted keyboard input through the DevTools protocol, one key at a time as a person types, then
// left with Tab (which fires `change`; Enter, which submits, is never pressed). Passwords, hidden
// fields, search boxes and fields already filled are left alone. At most MAX_FIELDS fields in
// MAX_FRAMES frames, within TYPING_BUDGET_MS.
// The capture's visit.typed says what was typed where (CAPTURE.md).
import { randomBytes } from 'node:crypto';
import { fieldKindOf, fieldSelectorOf } from '@trackscope/instrument/form-fields.js';

export const MAX_FIELDS = 12;
// Typing stops after this long (a page with many frames, or busy ones, does not hold the visit);
// at most MAX_FRAMES frames with text fields are looked at, the top page's first.
export const TYPING_BUDGET_MS = 10000;
export const MAX_FRAMES = 10;

// The kinds, in the order they are typed: PersonalKindName of the core (classify/payload.h).
const KIND_NAMES = ['email', 'phone', 'first-name', 'last-name', 'full-name', 'street', 'city', 'postal-code'];
const MAX_INPUTS = 40;  // fields looked at per frame

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

// The personal-data fields of `frame` that can be typed into: [{field, kind, locator}], at most
// one per kind. Attributes are read through Playwright (its utility world: no page script sees
// it) and classified by the same function as the extension's (instrument/form-fields.js).
async function fieldsOf(frame) {
  const inputs = frame.locator('input');
  const n = Math.min(await inputs.count().catch(() => 0), MAX_INPUTS);
  const found = new Map();
  for (let i = 0; i < n; i++) {
    const input = inputs.nth(i);
    const attrs = { tag: 'input' };
    for (const name of ['type', 'autocomplete', 'name', 'id', 'placeholder']) {
      attrs[name] = await input.getAttribute(name, { timeout: 1000 }).catch(() => null) ?? '';
    }
    const kind = fieldKindOf(attrs);
    if (!kind || found.has(kind)) continue;
    const usable = await input.isVisible().catch(() => false) && await input.isEditable({ timeout: 1000 }).catch(() => false) &&
                   await input.inputValue({ timeout: 1000 }).catch(() => 'x') === '';
    if (!usable) continue;
    found.set(kind, { field: fieldSelectorOf(attrs), kind, locator: input });
  }
  return KIND_NAMES.filter(k => found.has(k)).map(k => found.get(k));
}

// Types `identity` into the fields of every frame of `page`. Returns the typed values
// [{field, kind, value, timeMs}] (timeMs since `startedAt`).
export async function typeIdentity(page, identity, { startedAt = Date.now() } = {}) {
  const typed = [];
  const deadline = Date.now() + TYPING_BUDGET_MS;
  let frames = 0;
  for (const frame of page.frames()) {
    if (frames >= MAX_FRAMES || Date.now() > deadline) break;
    // One question per frame first: most frames (ads, embeds) have no field to type into.
    if (!await frame.locator('input').count().catch(() => 0)) continue;
    frames++;
    for (const { field, kind, locator } of await fieldsOf(frame)) {
      if (typed.length >= MAX_FIELDS || Date.now() > deadline) return typed;
      const value = identity[kind];
      if (!value) continue;
      const timeMs = Date.now() - startedAt;
      try {
        await locator.click({ timeout: 2000 });
        await page.keyboard.type(value, { delay: 35 });
        await page.keyboard.press('Tab');
      } catch {
        continue;  // covered, detached or moved away: not typed
      }
      typed.push({ field, kind, value, timeMs });
    }
  }
  return typed;
}
