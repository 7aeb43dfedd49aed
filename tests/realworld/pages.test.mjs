// Real-world test pages of other privacy projects (pages/SOURCES.md: DuckDuckGo's
// privacy-test-pages, the GPC reference server, OpenWPM's test pages, Google's cookie demos),
// served by the testbed under their real host names and scanned as the scanner scans any page.
// What each must show is what its own project expects (pages/expectations.json): cookies with
// party and lifetime, storage, fingerprinting techniques, DNT/GPC reads and well-known files —
// and the site's stance kept apart from the selected policy's.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { launchBrowser } from '@trackscope/test-support';
import { capturePage } from 'trackscope/capture';
import { core, scanUrl } from 'trackscope';
import { useTestbed } from '@trackscope/test-support';

const EXPECTED = JSON.parse(fs.readFileSync(new URL('./pages/expectations.json', import.meta.url), 'utf8')).pages;
const CHROMIUM_MAX_DAYS = 400;  // RFC 6265bis: Chromium caps cookie lifetimes at 400 days

const siteOf = host => host.split('.').slice(-2).join('.');
// `domain` of a report cookie is the expected host, or a parent domain of it.
const onHost = (domain, host) => host === domain || host.endsWith(`.${domain}`);

// The cookie's expected lifetime in days as Chromium stores it, or null (session / not stated).
function expectedDays(c, capturedAt) {
  if (c.session) return null;
  if (typeof c.lifetimeDays === 'number') return c.lifetimeDays;
  if (c.expires) return Math.min((Date.parse(c.expires) - Date.parse(capturedAt)) / 86400000, CHROMIUM_MAX_DAYS);
  return null;
}

describe('real-world test pages (other projects, their expectations)', () => {
  const suite = useTestbed('realworld-pages');

  async function scan(page) {
    // OpenWPM's audio page does nothing until its button is clicked (as OpenWPM's test does).
    if (/audio_fingerprinting/.test(page.url)) {
      const context = await launchBrowser({ args: suite.bed.browserArgs });
      try {
        const { capture, error } = await capturePage(context, page.url, { settleMs: 1500, interact: p => p.click('#play') });
        assert.equal(error, null);
        const result = (await core()).analyze({ ...capture, consent: 'none' });
        assert.ok(result.ok, JSON.stringify(result.error));
        return result.report;
      } finally {
        await context.close();
      }
    }
    const { report, error } = await scanUrl(page.url, { browserArgs: suite.bed.browserArgs, settleMs: 1500, timeoutMs: 20000 });
    assert.ok(report, error);
    return report;
  }

  for (const page of EXPECTED) {
    test(page.url, async () => {
      const report = await scan(page);
      const expectedSite = siteOf(new URL(page.url).hostname);
      const samePage = siteOf(report.page.host) === expectedSite;  // a bounce page ends elsewhere

      const cookies = report.sites.flatMap(s => s.cookies);
      for (const c of page.cookies ?? []) {
        const found = cookies.find(k => k.name === c.name && onHost(k.domain, c.host));
        assert.ok(found, `cookie ${c.name} on ${c.host} in ${cookies.map(k => `${k.name}@${k.domain}`).join(', ')}`);
        if (samePage) assert.equal(found.party, c.party, `${c.name}: party`);
        assert.equal(found.session, Boolean(c.session), `${c.name}: session`);
        const days = expectedDays(c, report.page.capturedAt);
        if (days !== null) assert.ok(Math.abs(found.lifetimeDays - days) <= 1, `${c.name}: ${found.lifetimeDays} days, expected ${days}`);
        if (c.setBy === 'http') assert.equal(found.setBy.kind, 'http', `${c.name}: set by ${JSON.stringify(found.setBy)}`);
        // A script cookie is recorded as written by a script, unless it came through an API the
        // page instrumentation does not see (cookieStore).
        if (c.setBy === 'script' && c.name !== 'cookiestoredata') assert.equal(found.setBy.kind, 'script', `${c.name}: set by ${JSON.stringify(found.setBy)}`);
      }

      for (const s of (page.storage ?? []).filter(s => s.area === 'localStorage' || s.area === 'sessionStorage')) {
        const found = report.storage.find(i => i.area === s.area && i.key === s.key && (!s.origin || i.origin === s.origin));
        assert.ok(found, `${s.area} ${s.key} (${s.origin ?? ''}) in ${report.storage.map(i => `${i.area} ${i.key} ${i.origin}`).join(', ')}`);
      }

      if (page.fingerprinting) {
        const techniques = new Set(report.fingerprinting.flatMap(f => f.techniques));
        for (const t of page.fingerprinting) assert.ok(techniques.has(t), `technique ${t} in ${[...techniques]}`);
        assert.ok(report.fingerprinting.some(f => f.verdict !== 'none'), JSON.stringify(report.fingerprinting.map(f => [f.scriptUrl, f.verdict])));
      }

      for (const read of page.signalReads ?? []) {
        const property = read.replace('navigator.', '');
        assert.ok(report.privacy.reads.some(r => r.property === property), `${read} in ${JSON.stringify(report.privacy.reads)}`);
      }

      if (page.wellKnown && 'gpcJson' in page.wellKnown) {
        const gpcJson = report.privacy.gpcJson;
        if (page.wellKnown.gpcJson === null) {
          assert.equal(gpcJson.status, 'absent');
          assert.equal(report.privacy.gpc.declared, 'not-stated');
        } else {
          assert.equal(gpcJson.status, 'valid', gpcJson.reason);
          assert.equal(gpcJson.gpc, page.wellKnown.gpcJson.gpc);
          assert.equal(gpcJson.lastUpdate, page.wellKnown.gpcJson.lastUpdate ?? null);
          assert.deepEqual(report.privacy.gpc.sources, [{ source: 'gpc.json', stance: 'honoured' }]);
        }
      }

      // The site's stance comes from its own material; the bundled policy's DNT stance is said apart.
      assert.equal(report.privacy.dnt.policyStance, 'not-honoured');
      assert.ok(report.privacy.dnt.sources.every(s => s.source !== 'policy'));
      if (!report.privacy.dnt.sources.length) assert.equal(report.privacy.dnt.declared, 'not-stated');
    });
  }
});
