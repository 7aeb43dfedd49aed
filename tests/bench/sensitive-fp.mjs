// False positives of the sensitive-data finding on ordinary pages.
//   npm run eval:sensitive [-- --requests FILE] [--list]
// The pages of a real crawl of popular sites (default ../shared/data/requests/requests.jsonl: the
// Cliqz/Ghostery top-500 crawl — news, shops, portals, blogs), each page a Capture of its requests
// (the frame URL is the page), analysed by the core as the front ends do. Prints how many pages
// and third-party beacons get a sensitive-data-to-third-party finding, by category, and (--list)
// each one with its matched term, for review: a page about a health condition is a true positive.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../wasm/js/node.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const file = argv.includes('--requests') ? argv[argv.indexOf('--requests') + 1] : path.join(root, '../shared/data/requests/requests.jsonl');
if (!fs.existsSync(file)) {
  console.log(`skipped: ${file} is not present (../shared/data is for evaluation only)`);
  process.exit(0);
}
const TYPES = { document: 'sub_frame', xhr: 'xmlhttprequest', fetch: 'xmlhttprequest', image: 'image', script: 'script',
  stylesheet: 'stylesheet', font: 'font', media: 'media', ping: 'ping', websocket: 'websocket' };
const pages = new Map();
for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const r = JSON.parse(line);
  if (!/^https?:/.test(r.url) || !/^https?:/.test(r.frameUrl)) continue;
  if (!pages.has(r.frameUrl)) pages.set(r.frameUrl, []);
  if (r.url !== r.frameUrl) pages.get(r.frameUrl).push({ url: r.url, type: TYPES[r.cpt] ?? 'other', status: 200 });
}
const core = await createCore({ filters: true });
const CHECKED = ['page-url', 'referrer', 'title', 'search-term', 'product', 'custom-data', 'event', 'other'];
let flaggedPages = 0, beacons = 0, thirdPartyBeacons = 0, analysed = 0, fields = 0;
const byCategory = {};
const listed = [];
for (const [url, requests] of pages) {
  const result = core.analyze({ version: 1, page: { url }, requests });
  if (!result.ok) continue;
  analysed++;
  const r = result.report;
  beacons += r.beacons.length;
  thirdPartyBeacons += r.beacons.filter(b => b.party === 'third').length;
  fields += r.beacons.filter(b => b.party === 'third').flatMap(b => b.payload).filter(p => CHECKED.includes(p.kind)).length;
  const found = r.findings.filter(f => f.kind === 'sensitive-data-to-third-party');
  if (!found.length) continue;
  flaggedPages++;
  for (const f of found) {
    byCategory[f.data.kind] = (byCategory[f.data.kind] ?? 0) + 1;
    listed.push(`${url}\n    ${f.data.kind} "${f.data.matched}" in ${f.data.field} to ${f.site}: ${f.data.value.slice(0, 100)}`);
  }
}
console.log(`# ${analysed} pages (${file}); ${beacons} beacons, ${thirdPartyBeacons} to third parties, ` +
            `${fields} of their fields checked (page URLs, titles, searches, products, events, custom and other data)`);
console.log(`pages with a sensitive-data finding: ${flaggedPages} (${(100 * flaggedPages / analysed).toFixed(2)} %)`);
console.log(`findings by category: ${JSON.stringify(byCategory)}`);
if (argv.includes('--list')) for (const l of listed) console.log(l);
