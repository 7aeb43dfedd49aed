// The real-world HAR corpus (har/SOURCES.md): every file, written by a tool we did not write,
// goes through `trackscope analyze` and must import with the right page(s), the cookies it set
// and the cookies its requests sent, and the tracking pixels it carries with their account ids.
// The facts come from har/expectations.json, computed from the files by har/compute_expectations.js.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { cli } from '@trackscope/test-support';

const HAR_DIR = fileURLToPath(new URL('./har/', import.meta.url));
const EXPECTATIONS = JSON.parse(fs.readFileSync(path.join(HAR_DIR, 'expectations.json'), 'utf8'));
const SCHEMA = JSON.parse(fs.readFileSync(new URL('../../core/src/report/report.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(SCHEMA);

// `host` receives cookies of `domain` (RFC 6265bis domain-match), or they are one site.
function sameSiteOrMatch(domain, host) {
  const site = d => d.split('.').slice(-2).join('.');
  return host === domain || host.endsWith(`.${domain}`) || domain.endsWith(`.${host}`) || site(domain) === site(host);
}

describe('real-world HAR corpus', () => {
  let dir;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackscope-har-corpus-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('there is material from at least 8 producers', () => {
    const producers = new Set(EXPECTATIONS.map(e => e.producer.split(' ')[0]));
    assert.ok(producers.size >= 8, [...producers].join(', '));
    for (const e of EXPECTATIONS) assert.ok(fs.existsSync(path.join(HAR_DIR, e.file)), e.file);
  });

  for (const expected of EXPECTATIONS) {
    test(`${expected.file} (${expected.producer})`, async () => {
      const out = path.join(dir, `${expected.file}.json`);
      const run = await cli(['analyze', path.join(HAR_DIR, expected.file), '--json', out, '--quiet']);
      assert.equal(run.code, 0, run.stderr);
      const doc = JSON.parse(fs.readFileSync(out, 'utf8'));
      const reports = doc.pages ? doc.pages.map(p => p.report) : [doc];
      for (const r of reports) assert.ok(validate(r), JSON.stringify(validate.errors?.slice(0, 3)));

      // The page: the document the file names, not its first request.
      if (expected.pageUrls) {
        // One report per page with entries (null: the script could not tell that page's URL).
        assert.ok(reports.length <= expected.pageUrls.length);
        for (const url of expected.pageUrls.filter(Boolean)) assert.ok(reports.some(r => r.page.url === url), url);
      } else if (expected.pageUrl) {
        assert.equal(reports[0].page.url, expected.pageUrl);
      } else {
        assert.match(reports[0].page.url, /^https?:\/\//);  // no document: the page its requests name
      }

      // A site under a hosting platform's public suffix (gitgrimbo.github.io) is its own first party.
      for (const r of reports) {
        if (/\.github\.io$/.test(r.page.host)) assert.deepEqual(r.sites[0].vendors, [], r.page.host);
      }

      const cookies = reports.flatMap(r => r.sites.flatMap(s => s.cookies));
      // Cookies set by responses, and cookies the requests sent (observed too, with fewer facts).
      for (const { host, names } of expected.cookiesSet) {
        for (const name of names) {
          assert.ok(cookies.some(c => c.name === name && sameSiteOrMatch(c.domain, host)), `cookie ${name} set by ${host}`);
        }
      }
      for (const { host, names } of expected.cookiesSent) {
        for (const name of names) {
          const found = cookies.find(c => c.name === name && sameSiteOrMatch(c.domain, host));
          assert.ok(found, `cookie ${name} sent to ${host}`);
          if (found.observed === 'sent') {
            assert.equal(found.lifetime, 'unknown');
            assert.equal(found.session, false);
          }
        }
      }

      // Tracking pixels with their accounts.
      const accounts = reports.flatMap(r => r.beacons).filter(b => b.pixel).map(b => `${b.pixel.name}: ${b.pixel.account}`);
      const wanted = [
        ...expected.metaPixelIds.map(id => `Meta Pixel: ${id}`),
        ...expected.ga4Ids.map(id => `Google Analytics 4: ${id}`),
        ...expected.uaIds.map(id => `Universal Analytics: ${id}`),
        ...(expected.gaClassicIds ?? []).map(id => `Google Analytics (ga.js): ${id}`),
      ];
      for (const w of wanted) assert.ok(accounts.includes(w), `${w} in ${accounts.join(', ')}`);
    });
  }
});
