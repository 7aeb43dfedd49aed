// GPP consent strings: the core's decoder against IAB's reference implementation
// (@iabgpp/cmpapi). Strings are encoded by IAB's library with seeded random field values, put in
// a `__gpp` cookie, analysed by the WASM core, and every field the core reports must equal what
// IAB's own decoder reads from the same string.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { GppModel } from '@iabgpp/cmpapi';
import { createCore } from '@trackscope/core';
import { seededRandom as rng } from './seeded-random.mjs';

// The fields the core decodes for each US section, in its camelCase (IAB's names are the same in
// PascalCase); `gpc` marks sections with a GPC subsection.
const kSharingN = 'sharingNotice', kSaleN = 'saleOptOutNotice', kSharingOptN = 'sharingOptOutNotice',
  kAdsN = 'targetedAdvertisingOptOutNotice', kSensitiveN = 'sensitiveDataProcessingOptOutNotice',
  kLimitN = 'sensitiveDataLimitUseNotice', kProcessingN = 'processingNotice', kSensitiveOptN = 'sensitiveDataOptOutNotice',
  kSale = 'saleOptOut', kSharing = 'sharingOptOut', kAds = 'targetedAdvertisingOptOut',
  kMspa = 'mspaCoveredTransaction', kMspaMode = 'mspaMode';
const STATE = [kProcessingN, kSaleN, kAdsN, kSale, kAds];
const MSPA_FIRST = [kMspa, kMspaMode, ...STATE];
const SECTIONS = {
  usnat: { fields: [kSharingN, kSaleN, kSharingOptN, kAdsN, kSensitiveN, kLimitN, kSale, kSharing, kAds], gpc: true },
  usca: { fields: [kSaleN, kSharingOptN, kLimitN, kSale, kSharing], gpc: true },
  usva: { fields: [kSharingN, kSaleN, kAdsN, kSale, kAds], gpc: false },
  usco: { fields: [kSharingN, kSaleN, kAdsN, kSale, kAds], gpc: true },
  usut: { fields: [kSharingN, kSaleN, kAdsN, kSensitiveN, kSale, kAds], gpc: false },
  usct: { fields: [kSharingN, kSaleN, kAdsN, kSale, kAds], gpc: true },
  usfl: { fields: STATE, gpc: false },
  usmt: { fields: [kSharingN, kSaleN, kAdsN, kSale, kAds], gpc: true },
  usor: { fields: STATE, gpc: true }, ustx: { fields: STATE, gpc: true }, usde: { fields: STATE, gpc: true },
  usia: { fields: [kProcessingN, kSaleN, kAdsN, kSensitiveOptN, kSale, kAds], gpc: true },
  usne: { fields: STATE, gpc: true }, usnh: { fields: STATE, gpc: true }, usnj: { fields: STATE, gpc: true },
  ustn: { fields: STATE, gpc: true }, usmn: { fields: STATE, gpc: true },
  usmd: { fields: MSPA_FIRST, gpc: true }, usin: { fields: MSPA_FIRST, gpc: false },
  usky: { fields: MSPA_FIRST, gpc: false }, usri: { fields: MSPA_FIRST, gpc: false },
};
const iabName = field => field[0].toUpperCase() + field.slice(1);
const isOptOut = field => field.endsWith('OptOut');
const text = (field, v) => (v === 0 ? 'not-applicable' : v === 1 ? (isOptOut(field) ? 'opted-out' : 'yes') : (isOptOut(field) ? 'did-not-opt-out' : 'no'));

function decodeCookie(core, value) {
  const r = core.analyze({ version: 1, page: { url: 'https://news.example/' }, signals: { gpc: true },
                           cookies: [{ name: '__gpp', value, domain: 'news.example', path: '/' }] });
  assert.ok(r.ok, JSON.stringify(r.error));
  const [record] = r.report.privacy.consentStrings;
  return { record, findings: r.report.findings };
}

describe('GPP strings: trackscope decodes what IAB\'s reference encoder writes', () => {
  let core;
  before(async () => { core = await createCore({ filters: false }); });

  for (const [section, layout] of Object.entries(SECTIONS)) {
    test(`${section}: 12 random strings`, () => {
      const random = rng(section.split('').reduce((h, c) => h * 31 + c.charCodeAt(0), 7) >>> 0);
      for (let n = 0; n < 12; ++n) {
        const model = new GppModel();
        for (const field of layout.fields) {
          // MspaCoveredTransaction is 1 or 2 only; the rest 0, 1 or 2.
          model.setFieldValue(section, iabName(field), field === kMspa ? 1 + Math.floor(random() * 2) : Math.floor(random() * 3));
        }
        // IAB's encoder writes the GPC subsection unless told not to. (usin, usky and usri have a
        // second segment too, for sensitive-data consents: the core must not read it as GPC.)
        const withGpc = layout.gpc && random() < 0.7;
        if (layout.gpc) model.setFieldValue(section, 'GpcSegmentIncluded', withGpc);
        if (withGpc) model.setFieldValue(section, 'Gpc', random() < 0.5);
        const gpp = model.encode();
        if (layout.gpc) assert.equal(gpp.includes('.'), withGpc, gpp);
        const reference = new GppModel(gpp);  // IAB's decoder, reading the string back
        const { record } = decodeCookie(core, gpp);
        assert.equal(record.valid, true, `${gpp}: ${record.summary}`);
        const optOuts = [];
        for (const field of layout.fields) {
          const v = reference.getFieldValue(section, iabName(field));
          assert.equal(record.fields[`${section}.${field}`], text(field, v), `${gpp}: ${section}.${field}`);
          if (isOptOut(field) && v !== 0) optOuts.push(v);
        }
        const expectOptedOut = optOuts.includes(2) ? false : optOuts.includes(1) ? true : null;
        assert.equal(record.optedOut, expectOptedOut, gpp);
        if (withGpc) assert.equal(record.fields[`${section}.gpc`], String(reference.getFieldValue(section, 'Gpc')), gpp);
        else assert.equal(record.fields[`${section}.gpc`], undefined, gpp);
        assert.equal(record.gpc, withGpc ? reference.getFieldValue(section, 'Gpc') : null, gpp);
      }
    });
  }

  test('a string with several sections, the US Privacy one embedded', () => {
    const model = new GppModel();
    model.setFieldValue('uspv1', 'Notice', 'Y');
    model.setFieldValue('uspv1', 'OptOutSale', 'N');
    model.setFieldValue('uspv1', 'LspaCovered', 'N');
    model.setFieldValue('usca', 'SaleOptOut', 1);
    model.setFieldValue('usca', 'SharingOptOut', 1);
    const gpp = model.encode();
    const { record, findings } = decodeCookie(core, gpp);
    assert.equal(record.valid, true);
    assert.equal(record.fields.sections, 'uspv1, usca');
    assert.equal(record.fields['uspv1.optOutSale'], 'no');
    assert.equal(record.fields['usca.saleOptOut'], 'opted-out');
    // US Privacy says "not opted out of sale": the record as a whole did not record the opt-out,
    // and with GPC sent that is a finding.
    assert.equal(record.optedOut, false);
    const finding = findings.find(f => f.kind === 'signal-contradiction' && f.item === '__gpp');
    assert.ok(finding, JSON.stringify(findings));
    assert.match(finding.message, /GPC was sent, but the consent record in cookie __gpp \(gpp\) records no opt-out/);
  });

  test('a truncated section is rejected naming the section', () => {
    const model = new GppModel();
    model.setFieldValue('usnat', 'SaleOptOut', 1);
    const [header, section] = model.encode().split('~');
    const { record } = decodeCookie(core, `${header}~${section.slice(0, 2)}`);
    assert.equal(record.valid, false);
    assert.match(record.summary, /^not a GPP string: section usnat: truncated: 12 bits, the fields need 24$/);
  });
});
