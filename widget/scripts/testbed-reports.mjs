// Regenerates the scan reports the widget tests merge with the live view, exactly as a site owner
// would make one (`npx trackscope scan URL --policy trackscope-policy.json --json report.json`),
// by scanning the testbed pages:
//
//   node widget/scripts/testbed-reports.mjs
//
//   sites/shop.example/widget.html         + trackscope-policy.json         -> trackscope-report.json
//   sites/shop.example/widget-hostile.html + trackscope-policy-hostile.json -> trackscope-report-hostile.json
//
// Run it after a change to the report format or to those pages; the reports are committed so the
// widget tests do not spend a scan each.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestbed } from '@trackscope/testbed';
import { scanUrl } from 'trackscope';

const SHOP = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'testbed', 'sites', 'shop.example');
const SCANS = [
  ['/widget.html', 'trackscope-policy.json', 'trackscope-report.json'],
  ['/widget-hostile.html', 'trackscope-policy-hostile.json', 'trackscope-report-hostile.json'],
];

const bed = await startTestbed();
try {
  for (const [page, policyFile, out] of SCANS) {
    const policy = JSON.parse(fs.readFileSync(path.join(SHOP, policyFile), 'utf8'));
    const { report, error } = await scanUrl(bed.url('shop.example', page), { browserArgs: bed.browserArgs, policy, settleMs: 1500 });
    if (!report) throw new Error(`${page}: ${error}`);
    if (error) console.warn(`${page}: ${error}`);
    fs.writeFileSync(path.join(SHOP, out), `${JSON.stringify(report, null, 2)}\n`);
    const cookies = report.sites.flatMap(s => s.cookies.map(c => c.name));
    console.log(`${path.join('tests/testbed/sites/shop.example', out)}: ${cookies.length} cookies (${cookies.join(', ')})`);
  }
} finally {
  await bed.close();
}
