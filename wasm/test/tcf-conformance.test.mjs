// TCF v2 TC strings: the core's decoder against IAB Tech Lab's reference implementation
// (@iabtechlabtcf/core). Core segments are encoded by IAB's library from seeded random models,
// put in an `euconsent-v2` cookie (and, as a GPP tcfeuv2 section, in `__gpp`), analysed by the
// WASM core, and every field the core reports must equal what IAB's decoder reads back.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { SegmentEncoder, TCModel, TCString } from '@iabtechlabtcf/core';
import { GppModel } from '@iabgpp/cmpapi';
import { createCore } from '@trackscope/core';
import { seededRandom as rng } from './seeded-random.mjs';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
function randomModel(random) {
  const int = n => Math.floor(random() * n);
  const some = (n, p) => Array.from({ length: n }, (_, i) => i + 1).filter(() => random() < p);
  const m = new TCModel();
  m.cmpId = 2 + int(4000);
  m.cmpVersion = int(4000);
  m.consentScreen = int(60);
  m.consentLanguage = LETTERS[int(26)] + LETTERS[int(26)];
  m.publisherCountryCode = LETTERS[int(26)] + LETTERS[int(26)];
  m.vendorListVersion = 1 + int(4000);
  m.policyVersion = 2 + int(4);
  m.isServiceSpecific = random() < 0.5;
  m.created = new Date(Date.UTC(2020 + int(7), int(12), 1 + int(28), int(24), int(60), int(60)));
  m.lastUpdated = new Date(m.created.getTime() + int(1e9) * 100);
  const p = random();  // how generous this visitor was: nothing, some, everything
  m.purposeConsents.set(p < 0.3 ? [] : some(11, p));
  m.purposeLegitimateInterests.set(some(11, 0.3));
  m.specialFeatureOptins.set(some(2, p < 0.3 ? 0 : 0.5));
  // Sparse vendors (the encoder picks ranges) or dense ones (a bit field).
  const vendors = p < 0.3 ? [] : random() < 0.5 ? some(60, 0.7) : Array.from({ length: 1 + int(5) }, () => 1 + int(1200));
  m.vendorConsents.set(vendors);
  m.vendorLegitimateInterests.set(some(40, 0.2));
  return m;
}

describe('TC strings: trackscope decodes what IAB\'s reference encoder writes', () => {
  let core;
  before(async () => { core = await createCore({ filters: false }); });
  const analyze = (cookies, consent = 'rejected') => {
    const r = core.analyze({ version: 1, page: { url: 'https://news.example/' }, consent,
                             cookies: cookies.map(([name, value]) => ({ name, value, domain: 'news.example', path: '/' })) });
    assert.ok(r.ok, JSON.stringify(r.error));
    return r.report;
  };

  test('40 random core segments, in euconsent-v2 and in a GPP tcfeuv2 section', () => {
    const random = rng(20261129);
    for (let n = 0; n < 40; ++n) {
      const tc = SegmentEncoder.encode(randomModel(random), 'core');
      const ref = TCString.decode(tc);
      const gppModel = new GppModel();
      gppModel.setFieldValue('tcfeuv2', 'CmpId', ref.cmpId);  // any field makes the section present
      const gpp = `${gppModel.encode().split('~')[0]}~${tc}`;
      const report = analyze([['euconsent-v2', tc], ['__gpp', gpp]]);
      const [plain, inGpp] = ['euconsent-v2', '__gpp'].map(name => report.privacy.consentStrings.find(c => c.cookie === name));
      for (const [record, prefix] of [[plain, ''], [inGpp, 'tcfeuv2.']]) {
        assert.equal(record.valid, true, `${tc}: ${record.summary}`);
        const f = key => record.fields[prefix + key];
        const ids = vector => [...vector.values()].sort((a, b) => a - b).join(',');  // values(): the ids set
        assert.equal(f('cmpId'), String(ref.cmpId), tc);
        assert.equal(f('cmpVersion'), String(ref.cmpVersion), tc);
        assert.equal(Date.parse(f('created')), ref.created.getTime(), tc);
        assert.equal(Date.parse(f('lastUpdated')), ref.lastUpdated.getTime(), tc);
        assert.equal(f('consentLanguage'), ref.consentLanguage.toUpperCase(), tc);
        assert.equal(f('publisherCountry'), ref.publisherCountryCode, tc);
        assert.equal(f('vendorListVersion'), String(ref.vendorListVersion), tc);
        assert.equal(f('policyVersion'), String(ref.policyVersion), tc);
        assert.equal(f('isServiceSpecific'), String(ref.isServiceSpecific), tc);
        assert.equal(f('purposeConsents'), ids(ref.purposeConsents), tc);
        assert.equal(f('purposeLegitimateInterests'), ids(ref.purposeLegitimateInterests), tc);
        assert.equal(f('specialFeatureOptIns'), ids(ref.specialFeatureOptins), tc);
        assert.equal(f('vendorConsents'), String(ref.vendorConsents.size), tc);
        assert.equal(f('vendorLegitimateInterests'), String(ref.vendorLegitimateInterests.size), tc);
        const given = ref.purposeConsents.size + ref.vendorConsents.size + ref.specialFeatureOptins.size > 0;
        assert.equal(record.consentGiven, given, tc);
      }
      // The visitor said no: a record that grants consent is a finding, one per cookie.
      const mismatches = report.findings.filter(f => f.kind === 'consent-record-mismatch').map(f => f.item).sort();
      assert.deepEqual(mismatches, plain.consentGiven ? ['__gpp', 'euconsent-v2'] : [], tc);
    }
  });

  test('bad TC strings are rejected with the reason', () => {
    const good = SegmentEncoder.encode(randomModel(rng(7)), 'core');
    const cases = [
      [good.slice(0, 20), /^not a TCF v2 TC string: truncated: 120 bits, the core segment needs 213 and more$/],
      [`B${good.slice(1)}`, /^not a TCF v2 TC string: version 1, not 2$/],
      [good.replace(/.$/, '*'), /^not a TCF v2 TC string: TC string character '\*' is not base64url$/],
    ];
    for (const [value, summary] of cases) {
      const record = analyze([['euconsent-v2', value]], 'accepted').privacy.consentStrings[0];
      assert.equal(record.valid, false, value);
      assert.match(record.summary, summary, value);
      assert.deepEqual(record.fields, {});
      assert.equal(record.consentGiven, null);
    }
  });
});
