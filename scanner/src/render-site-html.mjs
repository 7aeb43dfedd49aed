// The site report of a crawl (site-report.mjs) as one self-contained HTML file, in the style of the
// page report (render-html.mjs): the counts, the third parties that track with the pages where each
// was seen, every item with its pages (folded), and every page with its own items (folded) — the
// drill-down from the site to a page. Every observed string goes through esc().
import { esc, htmlHead } from './render-html.mjs';
import { plural } from '@trackscope/presentation/text.mjs';

const pageList = urls => `<ul>${urls.map(u => `<li class="url">${esc(u)}</li>`).join('')}</ul>`;

export function renderSiteHtml(site) {
  const ok = site.pages.filter(p => p.ok).length;
  const third = site.trackers.filter(t => t.party === 'third' && t.tracking).sort((a, b) => b.pages.length - a.pages.length);
  const items = new Map(site.items.map(i => [i.id, i]));
  const labels = new Map(site.categories.map(c => [c.id, c.label]));
  const label = id => labels.get(id) ?? id;
  const itemRows = site.items.map(i => `<tr><td class="name">${esc(i.name)}</td><td>${esc(i.kind)}</td><td>${esc(i.site)}</td>` +
    `<td>${esc(label(i.category))}</td><td>${esc(i.purpose)}</td><td>${esc(i.party)}</td>` +
    `<td><details><summary>${i.pages.length}/${ok}</summary>${pageList(i.pages)}</details></td></tr>`).join('');
  const pageRows = site.pages.map(p => `<tr><td class="url">${esc(p.url)}${p.title ? `<br><span class="muted">${esc(p.title)}</span>` : ''}</td>` +
    `<td>${p.ok ? plural(p.items.length, 'item') : `<span class="badge error">not scanned</span> ${esc(p.error ?? '')}`}</td>` +
    `<td>${p.findings}</td><td>${p.ok && p.items.length ? `<details><summary>items</summary><ul>${p.items.map(id => items.get(id))
      .filter(Boolean).map(i => `<li>${esc(i.kind)} <b>${esc(i.name)}</b> (${esc(i.site)}, ${esc(label(i.category))})</li>`).join('')}</ul></details>` : ''}</td></tr>`).join('');
  return `${htmlHead(`trackscope site report — ${site.site ?? site.start}`)}
<body>
<header>
  <div class="kicker">trackscope site report</div>
  <h1>Trackers on ${esc(site.site ?? site.start)}</h1>
  <div class="muted url">${esc(site.start)}</div>
  <ul class="cards">
    <li><b>${site.pages.length}</b> pages (${ok} scanned)</li>
    <li><b>${site.items.length}</b> cookies, beacons and storage items</li>
    <li class="${third.length ? 'alert' : ''}"><b>${third.length}</b> third parties that track</li>
    <li><b>${site.findings.length}</b> findings</li>
  </ul>
</header>
<h2>By policy category</h2>
<table><thead><tr><th>category</th><th>items</th></tr></thead><tbody>
${site.categories.map(c => `<tr><td>${esc(c.label)}</td><td>${c.items}</td></tr>`).join('')}
</tbody></table>
<h2>Third parties that track</h2>
${third.length ? `<table><thead><tr><th>third party</th><th>pages</th><th>first seen on</th></tr></thead><tbody>
${third.map(t => `<tr><td><b>${esc(t.name)}</b></td><td><details><summary>${t.pages.length}/${ok}</summary>${pageList(t.pages)}</details></td>` +
  `<td class="url">${esc(t.firstPage)}</td></tr>`).join('')}
</tbody></table>` : '<p class="muted">None.</p>'}
<h2>Findings (${site.findings.length})</h2>
${site.findings.length ? `<ul>${site.findings.map(f => `<li><span class="badge ${esc(f.severity)}">${esc(f.severity)}</span> ` +
  `${esc(f.message)} <span class="muted">(${plural(f.pages.length, 'page')})</span></li>`).join('')}</ul>` : '<p class="muted">None.</p>'}
<h2>Items (${site.items.length})</h2>
<table><thead><tr><th>name</th><th>kind</th><th>site</th><th>category</th><th>purpose</th><th>party</th><th>pages</th></tr></thead><tbody>
${itemRows}
</tbody></table>
<h2>Pages (${site.pages.length})</h2>
<table><thead><tr><th>page</th><th>items</th><th>findings</th><th></th></tr></thead><tbody>
${pageRows}
</tbody></table>
</body>
</html>
`;
}
