// A self-contained HTML report (no external assets, no scripts): open it from disk or mail it.
// Every observed string goes through esc(): page data is text, never markup.
import { categoryLabel, filterText, lifetimeText, setterText } from './render-text.mjs';

export function esc(s) {
  return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #fff; --chip: #eef1f4;
        --first: #1a7f37; --third: #cf222e; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #8d96a0; --line: #30363d; --bg: #0d1117; --chip: #21262d;
        --first: #3fb950; --third: #f85149; } }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0 auto; max-width: 72rem; padding: 1.5rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; } h2 { font-size: 1.1rem; margin: 0; }
.muted { color: var(--muted); } .url { word-break: break-all; }
.summary { display: flex; gap: .75rem; flex-wrap: wrap; margin: 1rem 0 1.5rem; padding: 0; list-style: none; }
.summary li { background: var(--chip); border-radius: .5rem; padding: .5rem .9rem; }
.summary b { display: block; font-size: 1.3rem; }
section.site { border: 1px solid var(--line); border-radius: .6rem; padding: 1rem; margin: 0 0 1rem; }
.party { font-size: .75rem; font-weight: 700; letter-spacing: .05em; border-radius: 1rem; padding: .1rem .5rem; margin-right: .5rem; color: #fff; }
.party.first { background: var(--first); } .party.third { background: var(--third); }
table { border-collapse: collapse; width: 100%; margin-top: .75rem; font-size: .9rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); }
td.name { font-family: ui-monospace, monospace; word-break: break-all; max-width: 16rem; }
td.url { max-width: 28rem; }
footer { margin-top: 2rem; font-size: .8rem; }
`;

function cookieRows(report, cookies) {
  return cookies.map(c => `<tr><td class="name">${esc(c.name)}</td><td>${esc(categoryLabel(report, c.category))}<br><span class="muted">${esc(c.purpose ?? '')}</span></td>` +
    `<td>${(c.evidence ?? []).map(e => `<div>${esc(e.text)}</div>`).join('')}</td><td>${esc(c.domain)}</td><td>${esc(lifetimeText(c))}</td>` +
    `<td>${[c.httpOnly && 'HttpOnly', c.secure && 'Secure', c.sameSite !== 'unspecified' && `SameSite=${c.sameSite}`]
      .filter(Boolean).map(esc).join(' ')}</td><td class="url">${esc(setterText(c))}</td></tr>`).join('');
}

function requestRows(requests) {
  return requests.map(r => `<tr><td>${esc(r.type)}</td><td>${esc(r.status)}</td><td class="url">${esc(r.url)}</td>` +
    `<td>${r.filter ? `${esc(r.filter.decision)}: ${esc(filterText(r.filter))}` : ''}</td></tr>`).join('');
}

export function renderHtml(report) {
  const s = report.summary;
  const sites = report.sites.map(site => `
<section class="site" aria-labelledby="site-${esc(site.site)}">
  <h2 id="site-${esc(site.site)}"><span class="party ${site.party === 'first' ? 'first' : 'third'}">${site.party === 'first' ? 'FIRST PARTY' : 'THIRD PARTY'}</span>${esc(site.site)}</h2>
  <div class="muted">hosts: ${site.hosts.map(esc).join(', ')}</div>
  ${site.vendors.map(v => `<div>vendor: <b>${esc(v.name)}</b> (${esc(v.company)}, ${esc(v.category)})</div>`).join('')}
  ${site.cookies.length ? `<table><caption class="muted" style="text-align:left">Cookies (${site.cookies.length})</caption>
    <thead><tr><th>name</th><th>category</th><th>why</th><th>domain</th><th>lifetime</th><th>flags</th><th>set by</th></tr></thead>
    <tbody>${cookieRows(report, site.cookies)}</tbody></table>` : ''}
  ${site.requests.length ? `<table><caption class="muted" style="text-align:left">Requests (${site.requests.length})</caption>
    <thead><tr><th>type</th><th>status</th><th>url</th><th>filter lists</th></tr></thead>
    <tbody>${requestRows(site.requests)}</tbody></table>` : ''}
</section>`).join('');
  const diagnostics = report.diagnostics.length
    ? `<section class="site"><h2>Input problems</h2><ul>${report.diagnostics.map(d => `<li><code>${esc(d.path)}</code>: ${esc(d.message)}</li>`).join('')}</ul></section>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>trackscope report — ${esc(report.page.host)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>Trackers on ${esc(report.page.host)}</h1>
  <div class="url muted">${esc(report.page.url)}${report.page.title ? ` — ${esc(report.page.title)}` : ''}</div>
</header>
<ul class="summary">
  <li><b>${s.sites}</b>sites</li><li><b>${s.thirdPartySites}</b>third-party sites</li>
  <li><b>${s.requests}</b>requests</li><li><b>${s.cookies}</b>cookies</li><li><b>${s.thirdPartyCookies}</b>third-party cookies</li>
</ul>
${sites}
${diagnostics}
<footer class="muted">trackscope ${esc(report.generator.version)} · ${esc(report.generator.publicSuffixList)} · ${esc(report.generator.vendors)} · filter lists: ${esc(report.generator.filterLists || 'none')} · report format ${esc(report.format)} v${esc(report.version)}</footer>
</body>
</html>
`;
}
