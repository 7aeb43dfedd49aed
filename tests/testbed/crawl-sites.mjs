// A site to crawl (issue 18): crawl.example, 23 pages found by links and a sitemap.
//
//   /                 links to /p/1 … /p/8, /about, and to what a crawl must leave: /logout, a PDF,
//                     another host, mailto:, a fragment of itself
//   /p/N (1-16)       link to /p/N+8 (up to 16) and back home; every 4th loads the adnet pixel (a
//                     third-party tracker), every 3rd sets a first-party cookie pref_N
//   /about            a page; www.crawl.example/team, a page on another host of the site
//   /robots.txt       Sitemap: /sitemap-index.xml, a sitemap index of /sitemap-pages.xml, which
//                     lists /hidden/1 … /hidden/4 — pages no link reaches
//   /logout           clears the session: a crawl that followed it would be logged out
//
// And spa.example, a single-page application whose links are all inserted by its script: the
// shell (/, /about, /products, /products/42 all serve it) loads /app.js, which fetches
// /api/nav.json and writes the navigation (Home, About, Products) and, on /products, a link to
// /products/42. No sitemap, no link in the HTML the server sends.
import { HTML, respond } from './respond.mjs';

const HOST = 'crawl.example';

function page(title, body, { pixel = false, cookie = null } = {}) {
  return (req, res) => respond(res, HTML, `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${title} — crawl.example</title>
${cookie ? `<script>document.cookie = '${cookie}=1; path=/; max-age=86400';</script>` : ''}
</head>
<body>
<h1>${title}</h1>
${body}
${pixel ? '<img src="https://pixel.adnet.example/px.gif?uid=u-c4a1f09e2b7d&amp;ev=crawl" width="1" height="1" alt="">' : ''}
</body>
</html>
`);
}

const routes = {
  [`${HOST}/`]: page('Home', `<ul>${Array.from({ length: 8 }, (_, i) => `<li><a href="/p/${i + 1}">Page ${i + 1}</a></li>`).join('')}</ul>
<p><a href="/about">About</a> · <a href="https://www.crawl.example/team">Team</a> · <a href="/logout">Log out</a> · <a href="/files/brochure.pdf">Brochure</a> ·
<a href="https://elsewhere.example/">Elsewhere</a> · <a href="mailto:info@crawl.example">Mail</a> · <a href="#top">Top</a> ·
<a href="/p/1?utm_source=home#reviews">Page 1 again</a></p>`),
  [`${HOST}/about`]: page('About', '<p><a href="/">Home</a></p>'),
  // Another host of the same site: part of the crawl.
  [`www.${HOST}/team`]: page('Team', `<p><a href="https://${HOST}/">Home</a></p>`),
  [`${HOST}/logout`]: (req, res) => respond(res, HTML, '<!doctype html><title>Logged out</title><p>Bye.</p>',
    { headers: { 'set-cookie': 'session=; Path=/; Max-Age=0' } }),
  [`${HOST}/robots.txt`]: (req, res) => respond(res, 'text/plain', `User-agent: *\nAllow: /\n\nSitemap: https://${HOST}/sitemap-index.xml\n`),
  [`${HOST}/sitemap-index.xml`]: (req, res) => respond(res, 'application/xml', `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://${HOST}/sitemap-pages.xml</loc></sitemap>
</sitemapindex>
`),
  [`${HOST}/sitemap-pages.xml`]: (req, res) => respond(res, 'application/xml', `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${Array.from({ length: 4 }, (_, i) => `  <url><loc>https://${HOST}/hidden/${i + 1}</loc></url>`).join('\n')}
</urlset>
`),
};
for (let n = 1; n <= 16; n++) {
  routes[`${HOST}/p/${n}`] = page(`Page ${n}`, `<p>${n + 8 <= 16 ? `<a href="/p/${n + 8}">Page ${n + 8}</a> · ` : ''}<a href="/">Home</a></p>`,
                                  { pixel: n % 4 === 0, cookie: n % 3 === 0 ? `pref_${n}` : null });
}
for (let n = 1; n <= 4; n++) routes[`${HOST}/hidden/${n}`] = page(`Hidden ${n}`, '<p>Only the sitemap knows this page.</p>');

const SPA = 'spa.example';
const spaShell = (req, res) => respond(res, HTML, `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Spa shop</title><script src="/app.js" defer></script></head>
<body><nav id="nav"></nav><main id="main">Loading…</main></body></html>
`);
for (const p of ['/', '/about', '/products', '/products/42']) routes[`${SPA}${p}`] = spaShell;
routes[`${SPA}/app.js`] = (req, res) => respond(res, 'text/javascript', `fetch('/api/nav.json').then(function (r) { return r.json(); }).then(function (nav) {
  var el = document.getElementById('nav');
  nav.forEach(function (item) { var a = document.createElement('a'); a.href = item.path; a.textContent = item.title; el.appendChild(a); });
  var main = document.getElementById('main');
  main.textContent = document.location.pathname;
  if (location.pathname === '/products') { var p = document.createElement('a'); p.href = '/products/42'; p.textContent = 'Product 42'; main.appendChild(p); }
});`);
routes[`${SPA}/api/nav.json`] = (req, res) => respond(res, 'application/json', JSON.stringify(
  [{ path: '/', title: 'Home' }, { path: '/about', title: 'About' }, { path: '/products', title: 'Products' }]));

export const crawlRoutes = routes;
