// Policies as core objects: loaded once (a handle), the bundled ones listed and served by the core
// package, a site's declaration merged by the core; and the consent-phase comparison.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { before, describe, test } from 'node:test';
import { createCore } from '@trackscope/core';

const page = (cookies, consent) => ({
  version: 1, consent,
  page: { url: 'https://shop.example/', capturedAt: '2026-11-29T05:00:00Z' },
  requests: [{ url: 'https://shop.example/', type: 'main_frame', status: 200 }],
  cookies: cookies.map(([name, domain]) => ({ name, value: 'GA1.1.123456789.1700000000', domain, expires: 1795928400 + 86400 * 300 })),
});

describe('@trackscope/core: policies and consent phases (WASM)', () => {
  let core;
  before(async () => { core = await createCore({ filters: false }); });

  test('the bundled policies are listed and their documents served, for an installed package too', () => {
    const ids = core.policies().map(p => p.id);
    assert.deepEqual(ids.sort(), ['consent-manager', 'default', 'icc-uk']);
    for (const id of ids) {
      const doc = JSON.parse(core.policyDocument(id));
      assert.equal(doc.id, id);
      assert.equal(doc.format, 'trackscope-policy');
    }
    assert.equal(core.policyDocument('nope'), null);
  });

  test('loadPolicy() parses once; the handle carries categories and roles and serves many analyses', () => {
    const loaded = core.loadPolicy('icc-uk');
    assert.equal(loaded.ok, true, JSON.stringify(loaded.error));
    const { policy } = loaded;
    assert.equal(policy.id, 'icc-uk');
    assert.equal(policy.bundled, true);
    assert.ok(policy.categories.some(c => c.id === policy.roles.advertising));
    for (let i = 0; i < 3; i++) {
      const r = core.analyze(page([['_ga', '.shop.example']]), { policy });
      assert.equal(r.ok, true);
      assert.equal(r.report.policy.id, 'icc-uk');
      assert.deepEqual(r.report.policy.roles, policy.roles);
    }
    policy.dispose();
    const after = core.analyze(page([]), { policy });
    assert.equal(after.ok, false);
    assert.match(after.error.message, /not a loaded policy/);
  });

  test('a declaration is merged by the core; a bundled policy then speaks only with the site\'s stance', () => {
    const declared = core.loadPolicy('default', { declaration: { declaration: { categories: { marketing: { cookies: ['_fbp'] } } },
                                                                 signals: { gpc: 'honoured' } } });
    assert.equal(declared.ok, true, JSON.stringify(declared.error));
    assert.equal(declared.policy.declared, true);
    assert.deepEqual(declared.policy.signals, { dnt: 'not-stated', gpc: 'honoured' });
    const r = core.analyze(page([['_ga', '.shop.example']]), { policy: declared.policy });
    assert.ok(r.report.findings.some(f => f.kind === 'declared-not-seen' || f.kind === 'undeclared-cookie' || f.itemKind === 'cookie'),
              JSON.stringify(r.report.findings.map(f => f.kind)));
    declared.policy.dispose();

    const bad = core.loadPolicy('default', { declaration: { categories: { ads: {} } } });
    assert.deepEqual(bad, { ok: false, error: { path: 'declaration: $.categories.ads', message: 'no category "ads" in $.categories' } });
    const notJson = core.loadPolicy('default', { declaration: '{' });
    assert.equal(notJson.error.path, 'declaration: $');
    const unknown = core.loadPolicy('nope');
    assert.match(unknown.error.message, /no bundled policy "nope" \(bundled: .*default/);
    const broken = core.loadPolicy({ format: 'trackscope-policy', version: 1, id: 'x', name: 'X', categories: [], rules: [] });
    assert.equal(broken.error.path, '$.categories');
  });

  test('a policy file of the repository loads the same as the compiled-in one', () => {
    const text = fs.readFileSync(new URL('../../core/data/policies/consent-manager.json', import.meta.url), 'utf8');
    assert.deepEqual(JSON.parse(core.policyDocument('consent-manager')), JSON.parse(text));
  });

  test('compareConsent() lists tracking items per phase, marks new ones and names a failing phase', () => {
    const none = page([['_ga', '.shop.example'], ['sid', 'shop.example']]);
    const reject = page([['_ga', '.shop.example'], ['_fbp', '.shop.example']]);
    const r = core.compareConsent({ none, reject }, { cmp: 'OneTrust', unmeasured: { accept: 'no consent banner recognised' } });
    assert.equal(r.ok, true, JSON.stringify(r.error));
    const c = r.comparison;
    assert.equal(c.format, 'trackscope-consent-comparison');
    assert.deepEqual(c.phases, ['none', 'reject', 'accept']);
    assert.deepEqual(c.beforeConsent.map(i => i.id), ['cookie:_ga@shop.example/']);
    assert.deepEqual(c.afterReject.map(i => [i.name, i.beforeConsent]), [['_ga', true], ['_fbp', false]]);
    assert.equal(c.afterAccept, null);
    assert.equal(c.message, 'OneTrust banner: 1 tracking item before consent; 2 tracking items after "reject all"; ' +
                            'after "accept all": not measured (no consent banner recognised)');
    assert.equal(r.none.privacy.consent, 'none');
    assert.equal(r.reject.privacy.consent, 'rejected');
    assert.equal(r.accept, null);
    const bad = core.compareConsent({ none, reject: { version: 1, page: {} } });
    assert.equal(bad.error.path, 'reject: $.page.url');
    assert.equal(core.compareConsent({}).error.path, 'none');
  });
});
