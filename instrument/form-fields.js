// What personal data a form field asks for, from its attributes, and how to name the field: self-
// contained functions — no closure, no import — so that every host runs the same code: the scanner on the attributes it
// reads through Playwright (seed.mjs, which types a synthetic identity into such fields), the
// extension's isolated world on the fields a person fills in (content/relay.js, built with this
// file in front of it).
//
//   fieldKindOf({type: 'email'})                                  -> 'email'
//   fieldKindOf({type: 'text', autocomplete: 'given-name'})       -> 'first-name'
//   fieldKindOf({type: 'text', name: 'billing_postcode'})         -> 'postal-code'
//   fieldKindOf({type: 'password', name: 'email_password'})       -> ''  (never)
//   fieldKindOf({type: 'search', name: 'q'})                      -> ''
// Kinds are the core's PersonalKind names (classify/payload.h). `autocomplete` tokens decide
// first (the HTML standard's autofill names), then the input type, then words in name, id or
// placeholder.
export function fieldKindOf({ tag = 'input', type = 'text', autocomplete = '', name = '', id = '', placeholder = '' } = {}) {
  const lower = value => String(value ?? '').toLowerCase();
  const kindType = lower(type) || 'text';
  if (lower(tag) !== 'input' && lower(tag) !== 'textarea') return '';
  if (!['text', 'email', 'tel', ''].includes(kindType)) return '';
  const tokens = lower(autocomplete).split(/\s+/);
  const byAutofill = [['email', 'email'], ['tel', 'phone'], ['tel-national', 'phone'], ['given-name', 'first-name'],
    ['family-name', 'last-name'], ['name', 'full-name'], ['address-line1', 'street'], ['street-address', 'street'],
    ['address-level2', 'city'], ['postal-code', 'postal-code']];
  for (const [token, kind] of byAutofill) if (tokens.includes(token)) return kind;
  if (kindType === 'email') return 'email';
  if (kindType === 'tel') return 'phone';
  const words = `${lower(name)} ${lower(id)} ${lower(placeholder)}`;
  if (/search|query|captcha|coupon|promo|password|passwort/.test(words)) return '';
  const byWord = [[/e-?mail/, 'email'], [/phone|telefon|mobile|handy/, 'phone'],
    [/first.?name|fname|given|vorname|prenom|nombre/, 'first-name'],
    [/last.?name|lname|surname|family|nachname|apellido/, 'last-name'], [/full.?name|^\s*name\b/, 'full-name'],
    [/street|address|strasse|adresse/, 'street'], [/city|town|\bort\b|ville|ciudad/, 'city'],
    [/zip|postal|postcode|\bplz\b/, 'postal-code']];
  for (const [pattern, kind] of byWord) if (pattern.test(words)) return kind;
  return '';
}

// How a field is named in reports (visit.typed[].field): by its name, else its id, else its type.
//   fieldSelectorOf({name: 'email'}) -> 'input[name="email"]'; fieldSelectorOf({type: 'tel'}) -> 'input[type="tel"]'
export function fieldSelectorOf({ type = 'text', name = '', id = '' } = {}) {
  return name ? `input[name="${name}"]` : id ? `input#${id}` : `input[type="${type || 'text'}"]`;
}
