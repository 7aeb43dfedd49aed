// Testbed pages of the embeddable widget (issue 8) that need response headers: a page whose
// Content-Security-Policy forbids WebAssembly, a page whose server sets an HttpOnly cookie with
// markup in it, and the shop's scan reports served with a Last-Modified date (the widget shows it
// as the date of the site's last scan). The static pages and files are in sites/shop.example/:
// widget.html, widget-table.html, widget-hostile.html, trackscope-policy*.json,
// trackscope-report*.json (regenerate the reports with `node widget/scripts/testbed-reports.mjs`).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HTML, respond } from './respond.mjs';

const SHOP_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'sites', 'shop.example');

// `script-src 'self'` without 'wasm-unsafe-eval': the widget's script runs, its core cannot.
// ?report=none leaves out data-report (nothing to fall back on).
function cspPage(req, res, url) {
  const report = url.searchParams.get('report') === 'none' ? '' : ' data-report="/trackscope-report.json"';
  respond(res, HTML, `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Shop under a strict CSP — trackscope testbed</title>
  <link rel="stylesheet" href="/style.css">
  <script src="/trackscope/trackscope-widget.js" data-policy="/trackscope-policy.json"${report} async></script>
</head>
<body>
  <h1>Testbed shop (strict CSP)</h1>
  <p>This page's Content-Security-Policy allows its own scripts but not WebAssembly.</p>
</body>
</html>
`, { headers: { 'content-security-policy': "script-src 'self'" } });
}

function staticFile(name, headers = {}) {
  return (req, res) => {
    const file = path.join(SHOP_DIR, name);
    const json = name.endsWith('.json');
    respond(res, json ? 'application/json' : HTML, fs.readFileSync(file),
            { headers: json ? { ...headers, 'last-modified': fs.statSync(file).mtime.toUTCString() } : headers });
  };
}

export const widgetRoutes = {
  'shop.example/widget-csp.html': cspPage,
  'shop.example/widget-hostile.html': staticFile('widget-hostile.html', {
    'set-cookie': '<u>httponly</u>=<img src=x onerror=window.__pwned=6>; Path=/; HttpOnly; Secure; SameSite=Lax',
  }),
  'shop.example/trackscope-report.json': staticFile('trackscope-report.json'),
  'shop.example/trackscope-report-hostile.json': staticFile('trackscope-report-hostile.json'),
};
