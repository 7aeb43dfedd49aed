// Units of seeding: which form fields ask for which personal data (instrument/form-fields.js, shared
// with the extension), and identity files.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fieldKindOf, fieldSelectorOf } from '@trackscope/instrument/form-fields.js';
import { defaultIdentity, parseIdentity } from '../src/seed.mjs';

describe('seeding', () => {
  test('fieldKindOf: autofill tokens, then the type, then words of name, id or placeholder', () => {
    const cases = [
      [{ type: 'email' }, 'email'],
      [{ type: 'text', autocomplete: 'section-billing given-name' }, 'first-name'],
      [{ type: 'text', autocomplete: 'family-name', name: 'x' }, 'last-name'],
      [{ type: 'tel', name: 'contact' }, 'phone'],
      [{ type: 'text', name: 'billing_postcode' }, 'postal-code'],
      [{ type: 'text', name: 'Vorname' }, 'first-name'],
      [{ type: 'text', id: 'user-email' }, 'email'],
      [{ type: 'text', placeholder: 'Your e-mail' }, 'email'],
      [{ type: 'text', name: 'name' }, 'full-name'],
      [{ type: 'text', name: 'username' }, ''],
      [{ type: 'password', name: 'email_password' }, ''],
      [{ type: 'search', name: 'q' }, ''],
      [{ type: 'text', name: 'search_email' }, ''],
      [{ type: 'hidden', name: 'email' }, ''],
      [{ type: 'checkbox', name: 'phone_opt_in' }, ''],
      [{ tag: 'select', name: 'country' }, ''],
      [{ type: 'text', name: 'coupon_code' }, ''],
      [{}, ''],
    ];
    for (const [attrs, kind] of cases) assert.equal(fieldKindOf(attrs), kind, JSON.stringify(attrs));
    assert.equal(fieldSelectorOf({ type: 'email', name: 'email', id: 'e' }), 'input[name="email"]');
    assert.equal(fieldSelectorOf({ type: 'email', id: 'e' }), 'input#e');
    assert.equal(fieldSelectorOf({ type: 'tel' }), 'input[type="tel"]');
  });

  test('identity files: known fields with text, or a clear error naming the file', () => {
    assert.deepEqual(parseIdentity('{"email": "a.b@example.org", "city": "Springwood"}', 'id.json'),
      { email: 'a.b@example.org', city: 'Springwood' });
    assert.throws(() => parseIdentity('{"email": ', 'id.json'), /^Error: id\.json: not JSON/);
    assert.throws(() => parseIdentity('[]', 'id.json'), /id\.json: expected a JSON object/);
    assert.throws(() => parseIdentity('{"mail": "x"}', 'id.json'), /id\.json: unknown field "mail"; fields: email, phone/);
    assert.throws(() => parseIdentity('{"email": ""}', 'id.json'), /"email" must be a non-empty string/);
    assert.throws(() => parseIdentity('{"email": 5}', 'id.json'), /"email" must be a non-empty string/);
    assert.throws(() => parseIdentity('{}', 'id.json'), /no identity fields/);
    const a = defaultIdentity(), b = defaultIdentity();
    assert.match(a.email, /^marisol\.quennevault\.[0-9a-f]{8}@example\.com$/);
    assert.notEqual(a.email, b.email, 'each scan types its own address');
  });
});
