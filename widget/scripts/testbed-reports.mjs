// Regenerates the scan reports the widget tests merge with the live view, exactly as a site owner
// would make one (`npx trackscope scan URL --policy trackscope-policy.json --json report.json`),
// by scanning the testbed pages:
//
//   node widget/scripts/testbed-reports.mjs
//
//   sites/shop.example/widget.html         + trackscope-policy.json         -> trackscope-report.json
//   sites/shop.example/widget-hostile.html + trackscope-policy-hostile.json -> trackscope-report-hostile.json
//   health.example/ (data-sites.mjs)       + the default policy             -> widget/test/fixtures/health-report.json
//
// Run it after a change to the report format or to those pages; the reports are committed so the
// widget tests do not spend a scan each.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestbed } from '@trackscope/testbed';
import { scanUrl } from 'trackscope';

const SHOP = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'testbed', 'sites', 'shop.example');
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');
const SCANS = [
  ['shop.example', '/widget.html', path.join(SHOP, 'trackscope-policy.json'), path.join(SHOP, 'trackscope-report.json')],
  ['shop.example', '/widget-hostile.html', path.join(SHOP, 'trackscope-policy-hostile.json'), path.join(SHOP, 'trackscope-report-hostile.json')],
  ['health.example', '/', null, path.join(FIXTURES, 'health-report.json')],
];

const bed = await startTestbed();
try {
  for (const [host, page, policyFile, out] of SCANS) {
    const policy = policyFile ? JSON.parse(fs.readFileSync(policyFile, 'utf8')) : undefined;
    const { report, error } = await scanUrl(bed.url(host, page), { browserArgs: bed.browserArgs, policy, settleMs: 1500 });
    if (!report) throw new Error(`${page}: ${error}`);
    if (error) console.warn(`${page}: ${error}`);
    fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    const cookies = report.sites.flatMap(s => s.cookies.map(c => c.name));
    console.log(`${path.relative(process.cwd(), out)}: ${cookies.length} cookies (${cookies.join(', ')}), ${report.findings.length} findings`);
  }
} finally {
  await bed.close();
}
