// Crawling a site (scan --crawl URL): which pages to scan, found the way a visitor's browser finds
// them — through the browser's network (its host rules and certificates), in a context of its own
// (closed after; nothing of it reaches the scans):
//
//   1. robots.txt's `Sitemap:` lines and /sitemap.xml (sitemap indexes followed, three levels),
//      read as the server sent them;
//   2. the links (<a href>, <area href>) of the pages found, breadth first from the start page, to
//      --depth (default 3): each page is loaded in a tab and its links read from the document once
//      it has loaded and its network is quiet (≤ 1 s), so that links its scripts insert (a single-
//      page application's navigation) are found too — read in an isolated world, unseen by the
//      page's scripts (isolated-world.mjs); the raw HTML's when the document cannot be read.
// Kept: http(s) URLs on the start page's site (its registrable domain: www.example.org and
// shop.example.org are example.org) or on the hosts listed (--crawl-host), fragment and
// campaign parameters (utm_*, gclid, fbclid, ...) removed; not downloads (pdf, zip, images, media, office files), logout / sign-out links,
// mailto:, tel:, javascript:. At most --max-pages, the start page first, then sitemap order, then
// link order.
import { readFrames } from './isolated-world.mjs';

export const DEFAULT_DEPTH = 3;
const MAX_SITEMAPS = 20;
const DOWNLOAD = /\.(?:pdf|zip|gz|tgz|rar|7z|exe|dmg|msi|apk|iso|jpe?g|png|gif|webp|avif|svg|ico|mp[34]|m4[av]|mov|avi|webm|ogg|wav|flac|docx?|xlsx?|pptx?|odt|ods|csv|xml|json|txt|rss|atom)$/i;
const LOGOUT = /(?:^|[/_.-])(?:log-?out|sign-?out|logoff|abmelden|deconnexion|cerrar-sesion)(?:$|[/_.?-])/i;

// The URL to crawl of `href` found on `base`, or null when it is left out. `allows(host)`: whether
// the host is part of the crawl.
export function crawlUrl(href, base, allows) {
  let u;
  try {
    u = new URL(String(href).trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (!allows(u.hostname.toLowerCase())) return null;
  if (DOWNLOAD.test(u.pathname) || LOGOUT.test(u.pathname) || LOGOUT.test(u.search)) return null;
  u.hash = '';
  // Campaign and click parameters name no other page.
  for (const name of [...u.searchParams.keys()]) {
    if (/^(?:utm_|gclid$|fbclid$|msclkid$|mc_[ce]id$)/i.test(name)) u.searchParams.delete(name);
  }
  return u.href;
}

// Links of an HTML document: href values of <a> and <area>, entities &amp; decoded; <base href> honoured.
export function linksOf(html, url) {
  const text = String(html);
  const base = /<base\s[^>]*href\s*=\s*["']?([^"'\s>]+)/i.exec(text)?.[1];
  let from = url;
  try {
    if (base) from = new URL(base, url).href;
  } catch { /* a bad <base>: the page's URL */ }
  const out = [];
  for (const m of text.matchAll(/<(?:a|area)\s[^>]*?href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    out.push({ href: (m[1] ?? m[2] ?? m[3]).replaceAll('&amp;', '&'), base: from });
  }
  return out;
}

// <loc> entries of a sitemap or sitemap index: {urls, sitemaps}.
export function sitemapEntries(xml) {
  const text = String(xml);
  const locs = tag => [...text.matchAll(new RegExp(`<${tag}>[\\s\\S]*?<loc>\\s*([^<\\s]+)\\s*</loc>`, 'gi'))].map(m => m[1].replaceAll('&amp;', '&'));
  return { urls: locs('url'), sitemaps: locs('sitemap') };
}

// Sitemap: lines of robots.txt.
export function robotsSitemaps(text) {
  return [...String(text).matchAll(/^\s*sitemap\s*:\s*(\S+)/gim)].map(m => m[1]);
}

// The body of `url` as loaded by a tab of `context` (status ≥ 400 or a failure: null).
async function fetchText(context, url, timeoutMs) {
  const page = await context.newPage();
  try {
    const response = await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
    if (!response) return null;
    // The body is read in any case: a tab closed while its document still loads can hold the close.
    const text = await response.text();
    return response.status() >= 400 ? null : { text, url: response.url() };
  } catch {
    return null;
  } finally {
    await Promise.race([page.close().catch(() => {}), new Promise(resolve => setTimeout(resolve, 3000).unref())]);
  }
}

// The absolute targets of a document's links (run inside the page, by readFrames).
function linkTargets() {
  return Array.from(document.querySelectorAll('a[href], area[href]'), a => String(a.href));
}

// The links of the page at `url` as its document holds them after the load ({href, base}), or null
// when it is no HTML page or does not answer.
async function pageLinks(context, url, timeoutMs) {
  const page = await context.newPage();
  try {
    const response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    if (!response || response.status() >= 400 || !/html/i.test(response.headers()['content-type'] ?? '')) return null;
    await page.waitForLoadState('load', { timeout: 3000 }).catch(() => {});
    await page.waitForLoadState('networkidle', { timeout: 1000 }).catch(() => {});
    const [hrefs] = await readFrames(page, linkTargets, null, { timeoutMs: 3000, mainFrameOnly: true });
    if (Array.isArray(hrefs)) return hrefs.map(href => ({ href, base: page.url() }));
    return linksOf(await response.text(), response.url());
  } catch {
    return null;
  } finally {
    await Promise.race([page.close().catch(() => {}), new Promise(resolve => setTimeout(resolve, 3000).unref())]);
  }
}

// The pages to scan from `start` (crawlUrl-normalised), at most `maxPages`. `browsers`: a
// visitBrowser(); `siteOf(host)`: the core's site of a host (wasm siteOf); `hosts`: more hosts.
export async function discoverPages(start, { browsers, maxPages, depth = DEFAULT_DEPTH, hosts = [], timeoutMs = 15000, userAgent,
                                             siteOf = host => host } = {}) {
  const site = siteOf(new URL(start).hostname.toLowerCase());
  const listed = new Set(hosts.map(h => h.toLowerCase()));
  const allowed = host => listed.has(host) || siteOf(host) === site;
  const found = [];
  const seen = new Set();
  const take = url => {
    if (!url || seen.has(url) || found.length >= maxPages) return false;
    seen.add(url);
    found.push(url);
    return true;
  };
  const first = crawlUrl(start, start, allowed);
  take(first);
  const context = await browsers.newContext({ userAgent });
  try {
    // Sitemaps.
    const origin = new URL(start).origin;
    const robots = await fetchText(context, `${origin}/robots.txt`, timeoutMs);
    const maps = [...new Set([...(robots ? robotsSitemaps(robots.text) : []), `${origin}/sitemap.xml`])];
    for (let i = 0; i < maps.length && i < MAX_SITEMAPS && found.length < maxPages; i++) {
      const map = await fetchText(context, maps[i], timeoutMs);
      if (!map) continue;
      const { urls, sitemaps } = sitemapEntries(map.text);
      for (const u of urls) take(crawlUrl(u, map.url, allowed));
      for (const s of sitemaps) if (!maps.includes(s)) maps.push(s);
    }
    // Links, breadth first.
    let level = [first];
    const visited = new Set();
    for (let d = 0; d < depth && level.length && found.length < maxPages; d++) {
      const next = [];
      for (const url of level) {
        if (visited.has(url)) continue;
        visited.add(url);
        const links = await pageLinks(context, url, timeoutMs);
        for (const { href, base } of links ?? []) {
          const link = crawlUrl(href, base, allowed);
          if (link && take(link)) next.push(link);
          else if (link && !visited.has(link) && found.includes(link)) next.push(link);
        }
        if (found.length >= maxPages) break;
      }
      level = [...new Set(next)];
    }
  } finally {
    await context.close().catch(() => {});
  }
  return found;
}
