// Testbed sites whose consent manager publishes a cookie declaration that differs from what the
// page does (issue 18, part 4): one site per supported CMP, each serving the declaration in that
// CMP's own format under the CMP's real host names, loaded the way the CMP's script loads it.
// The formats are written from the CMPs' public documentation and published SDK typings (see
// tests/realworld/cmp/SOURCES.md); the loader scripts are ours.
//
//   site                 CMP            loader                                     declaration
//   bakery.example       Cookiebot      consent.cookiebot.com/uc.js (data-cbid)     consent.cookiebot.com/<cbid>/cc.js
//   florist.example      OneTrust       cdn.cookielaw.org/scripttemplates/          cdn.cookielaw.org/consent/<id>/<id>.json (rulesets)
//                                       otSDKStub.js (data-domain-script)           -> consent/<id>/<ruleset>/en.json
//   bookshop.example     Usercentrics   app.usercentrics.eu/browser-ui/latest/      api.usercentrics.eu/settings/<id>/latest/en.json
//                                       loader.js (data-settings-id)               + aggregator.service.usercentrics.eu/aggregate/en
//   toyshop.example      CookieYes      cdn-cookieyes.com/client_data/<key>/        the script's store (_categories)
//                                       script.js                                  + client_data/<key>/audit-table/<hash>.json
//   pottery.example      Complianz      /wp-content/plugins/complianz-gdpr/         /wp-json/complianz/v1/documents/ (the
//                                       cookiebanner/js/complianz.min.js            site's REST API; the banner never loads
//                                                                                  it: the scanner fetches it)
//
// Every site's page does the same (REALITY) and its declaration differs from it in exactly one way
// per kind of difference (DIFFERENCES):
//   _fbp                    a Meta advertising cookie, declared as statistics      category-mismatch
//   _gcl_au                 lives 90 days, declared "1 day"                        lifetime-exceeds-declared
//   _hjSessionUser_4711     a Hotjar analytics cookie, not declared                undeclared-cookie
//   collect.metrics.example a web beacon of a third party the declaration omits   undeclared-tracker
// and declares the rest rightly: the site's session cookie, _ga (2 years), and adnet.example's
// adnet_uid (statistics, as the core classifies the testbed's adnet; 90 days, "3 months"), set
// by its pixel. Complianz names services, not domains: its page also sends Google Analytics' hit
// (on Google's real host), so that the service "Google Analytics" is a vendor seen, and adnet.example
// is declared by its cookie.
import { HTML, respond } from './respond.mjs';

export const CMP_SITES = {
  'bakery.example': 'Cookiebot',
  'florist.example': 'OneTrust',
  'bookshop.example': 'Usercentrics',
  'toyshop.example': 'CookieYes',
  'pottery.example': 'Complianz',
};

// What a scan of each site must find, and nothing more of these kinds.
export const DIFFERENCES = [
  { kind: 'category-mismatch', item: '_fbp' },
  { kind: 'lifetime-exceeds-declared', item: '_gcl_au' },
  { kind: 'undeclared-cookie', item: '_hjSessionUser_4711' },
  { kind: 'undeclared-tracker', item: 'metrics.example' },
];

const CBID = '5f0c2a8e-3b1d-4e6f-9a7c-0d2e4b6a8c1f';
const OT_ID = '7d3e9f1a-2b4c-4d6e-8f0a-1c3e5a7b9d2f';
const OT_RULESET = 'a1b2c3d4-e5f6-4789-9abc-def012345678';
const UC_ID = 'Bk8sQx2LmN';
const CKY_KEY = '3f9a1c7e5b2d4f6a8c0e1b3d';
const CKY_AUDIT = 'Zq4R7-tw';

// The declaration each site publishes, in neutral terms; each CMP writer renders it in its format.
// category: necessary | preferences | statistics | marketing; days: null = session.
function declared(site) {
  return [
    { name: `${site.split('.')[0]}_session`, domain: site, category: 'necessary', days: null, service: 'Site' },
    { name: '_ga', domain: site, category: 'statistics', days: 730, service: 'Google Analytics' },
    { name: '_fbp', domain: site, category: 'statistics', days: 90, service: 'Meta Pixel' },        // really advertising
    { name: '_gcl_au', domain: site, category: 'marketing', days: 1, service: 'Google Ads' },       // really 90 days
    { name: 'adnet_uid', domain: 'adnet.example', category: 'statistics', days: 90, service: 'Adnet' },   // the testbed's adnet measures (analytics)
  ];
}

// The page: the CMP's loader, then the site's tags (as a tag manager would fire them), and `more` of them.
function page(site, loader, more = '') {
  const session = `${site.split('.')[0]}_session`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${site} – fresh today</title>
  ${loader}
  <script>
  (function () {
    var year = 365 * 86400, now = Math.floor(Date.now() / 1000);
    function set(name, value, seconds) {
      document.cookie = name + '=' + value + '; path=/' + (seconds ? '; max-age=' + seconds : '') + '; SameSite=Lax; Secure';
    }
    set('${session}', Math.random().toString(36).slice(2));
    set('_ga', 'GA1.1.' + Math.floor(Math.random() * 1e9) + '.' + now, 2 * year);
    set('_fbp', 'fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 1e9), 90 * 86400);
    set('_gcl_au', '1.1.' + Math.floor(Math.random() * 1e9) + '.' + now, 90 * 86400);
    set('_hjSessionUser_4711', btoa(JSON.stringify({ id: Math.random().toString(16).slice(2), created: Date.now(), existing: false })), year);
    new Image().src = 'https://pixel.adnet.example/px.gif?site=${site}';
    navigator.sendBeacon('https://collect.metrics.example/collect?v=1&tid=MX-CMP-1&cid=' + Math.floor(Math.random() * 1e9) + '&t=pageview&dl=' + encodeURIComponent(location.href));
    ${more}
  })();
  </script>
</head>
<body><h1>${site}</h1><p>Bread, flowers and books, declared by the site's consent banner.</p></body>
</html>`;
}

const js = (res, text) => respond(res, 'text/javascript', text, { headers: { 'access-control-allow-origin': '*' } });
const json = (res, value) => respond(res, 'application/json', JSON.stringify(value), { headers: { 'access-control-allow-origin': '*' } });

// --- Cookiebot: cc.js holds the tables as JavaScript array literals ---------------------------------

const COOKIEBOT_TABLES = { necessary: 'cookieTableNecessary', preferences: 'cookieTablePreference', statistics: 'cookieTableStatistics',
                           marketing: 'cookieTableAdvertising' };

function expiryWords(days) {
  if (days === null) return 'Session';
  if (days % 365 === 0) return `${days / 365} year${days === 365 ? '' : 's'}`;
  if (days % 30 === 0 && days >= 60) return `${days / 30} months`;
  return `${days} day${days === 1 ? '' : 's'}`;
}

function cookiebotCc(site) {
  const rows = { necessary: [], preferences: [], statistics: [], marketing: [], unclassified: [] };
  for (const c of declared(site)) rows[c.category].push([c.name, c.domain, `Used by ${c.service}.`, expiryWords(c.days), 'HTTP', '1', '', c.domain]);
  const lines = Object.entries(COOKIEBOT_TABLES).map(([cat, table]) => `CookieConsentDialog.${table} = ${JSON.stringify(rows[cat])};`);
  lines.push(`CookieConsentDialog.cookieTableUnclassified = [];`);
  return `var CookieConsentDialog = window.CookieConsentDialog || {};\n${lines.join('\n')}\n`;
}

// uc.js: loads the site's cc.js by its cbid, as Cookiebot's loader does.
const COOKIEBOT_UC = `(function () {
  var me = document.currentScript, cbid = me && me.getAttribute('data-cbid');
  if (!cbid) return;
  var s = document.createElement('script');
  s.src = 'https://consent.cookiebot.com/' + cbid + '/cc.js?renew=false&referer=' + encodeURIComponent(location.hostname);
  document.head.appendChild(s);
})();`;

// --- OneTrust: a ruleset index, then the ruleset's cookie list ------------------------------------

const ONETRUST_GROUPS = { necessary: ['C0001', 'Strictly Necessary Cookies'], preferences: ['C0003', 'Functional Cookies'],
                          statistics: ['C0002', 'Performance Cookies'], marketing: ['C0004', 'Targeting Cookies'] };

function oneTrustList(site) {
  const groups = Object.entries(ONETRUST_GROUPS).map(([cat, [id, name]]) => {
    const cookies = declared(site).filter(c => c.category === cat);
    const cookie = c => ({ Name: c.name, Host: c.domain, IsSession: c.days === null, Length: String(c.days ?? 0), description: `Used by ${c.service}.` });
    const hosts = [...new Set(cookies.filter(c => c.domain !== site).map(c => c.domain))];
    return { OptanonGroupId: id, CustomGroupId: id, GroupName: name, Parent: '', Status: 'active',
             FirstPartyCookies: cookies.filter(c => c.domain === site).map(cookie),
             Hosts: hosts.map((h, i) => ({ HostName: h, DisplayName: h, HostId: `H${i + 1}`, Cookies: cookies.filter(c => c.domain === h).map(cookie) })) };
  });
  return { DomainData: { cctId: OT_ID, Language: { Culture: 'en' }, Groups: groups }, CommonData: {} };
}

const ONETRUST_STUB = `(function () {
  var me = document.currentScript, id = me && me.getAttribute('data-domain-script');
  if (!id) return;
  var base = 'https://cdn.cookielaw.org/consent/' + id + '/';
  fetch(base + id + '.json').then(function (r) { return r.json(); }).then(function (index) {
    var ruleset = index.RuleSet[0];
    return fetch(base + ruleset.Id + '/en.json').then(function (r) { return r.json(); });
  }).then(function (list) { window.OneTrust = { cookieList: list }; }).catch(function () {});
})();`;

// --- Usercentrics: settings (services -> categories), then the services' details -------------------

const UC_CATEGORIES = [
  { categorySlug: 'essential', label: 'Essential', isEssential: true, isHidden: false },
  { categorySlug: 'functional', label: 'Functional', isEssential: false, isHidden: false },
  { categorySlug: 'statistics', label: 'Statistics', isEssential: false, isHidden: false },
  { categorySlug: 'marketing', label: 'Marketing', isEssential: false, isHidden: false },
];
const UC_SLUG = { necessary: 'essential', preferences: 'functional', statistics: 'statistics', marketing: 'marketing' };

function services(site) {
  const byService = new Map();
  for (const c of declared(site)) {
    if (!byService.has(c.service)) byService.set(c.service, { templateId: `S${byService.size + 1}x${c.service.length}`, version: '1.0.0', slug: UC_SLUG[c.category], cookies: [] });
    byService.get(c.service).cookies.push(c);
  }
  return [...byService.entries()];
}

function usercentricsSettings(site) {
  return { settingsId: UC_ID, version: '3.1.0', language: 'en', languagesAvailable: ['en'], categories: UC_CATEGORIES,
           consentTemplates: services(site).map(([, s]) => ({ templateId: s.templateId, version: s.version, categorySlug: s.slug,
                                                                 defaultConsentStatus: s.slug === 'essential', isHidden: false })) };
}

function usercentricsAggregate(site) {
  return { templates: services(site).map(([name, s]) => ({
    templateId: s.templateId, version: s.version, dataProcessor: name, usesCookies: true,
    cookieMaxAgeSeconds: Math.max(...s.cookies.map(c => (c.days ?? 0) * 86400)),
    deviceStorage: { disclosures: s.cookies.map(c => ({ identifier: c.name, type: 'cookie', name: null, description: null,
                                                        maxAgeSeconds: c.days === null ? 0 : c.days * 86400, cookieRefresh: false,
                                                        domain: c.domain === site ? `.${site}` : c.domain, purposes: [1] })) },
  })) };
}

const USERCENTRICS_LOADER = `(function () {
  var me = document.currentScript, id = me && me.getAttribute('data-settings-id');
  if (!id) return;
  fetch('https://api.usercentrics.eu/settings/' + id + '/latest/en.json').then(function (r) { return r.json(); }).then(function (settings) {
    var templates = settings.consentTemplates.map(function (t) { return t.templateId + '@' + t.version; }).join(',');
    return fetch('https://aggregator.service.usercentrics.eu/aggregate/en?templates=' + encodeURIComponent(templates));
  }).then(function (r) { return r.json(); }).then(function (details) { window.UC_UI = { details: details }; }).catch(function () {});
})();`;

// --- CookieYes: the store in the script (minified, as the CDN serves it), lifetimes in the audit table

const CKY_SLUG = { necessary: 'necessary', preferences: 'functional', statistics: 'analytics', marketing: 'advertisement' };

function cookieYesScript(site) {
  const categories = Object.entries(CKY_SLUG).map(([cat, slug]) =>
    `{slug:"${slug}",isNecessary:${cat === 'necessary' ? '!0' : '!1'},defaultConsent:{gdpr:${cat === 'necessary' ? '!0' : '!1'},ccpa:!0},` +
    `cookies:[${declared(site).filter(c => c.category === cat).map(c => `{cookieID:"${c.name}",domain:"${c.domain === site ? `.${site}` : c.domain}"}`).join(',')}]}`);
  // What the banner script does next: fetch the audit table for the visitor's language.
  return `!function(){var ref=window.cookieyes=window.cookieyes||{};ref._ckyStore={_backupNodes:[],_categories:[${categories.join(',')},` +
         `{slug:"other",isNecessary:!1,defaultConsent:{gdpr:!1,ccpa:!1},cookies:[]}],_providersToBlock:[],_rootDomain:"${site}",` +
         `_language:{_supportedMap:{en:"${CKY_AUDIT}"}}};` +
         `fetch("https://cdn-cookieyes.com/client_data/${CKY_KEY}/audit-table/"+ref._ckyStore._language._supportedMap.en+".json")` +
         `.then(function(r){return r.json()}).then(function(t){ref._auditTable=t})["catch"](function(){})}();`;
}

function cookieYesAudit(site) {
  const cookies = {};
  for (const c of declared(site)) cookies[c.name] = { duration: c.days === null ? 'session' : expiryWords(c.days), description: `Used by ${c.service}.` };
  return { cky_audit_table_header_id: 'Cookie', cky_audit_table_header_duration: 'Duration', cky_audit_table_header_description: 'Description', cookies };
}

// --- Complianz: the site's cookie policy, per service and purpose, from its REST API ----------------

const CMPLZ_PURPOSE = { necessary: 'Functional', preferences: 'Preferences', statistics: 'Statistics', marketing: 'Marketing' };
const escapeHtml = text => text.replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

function complianzPolicy(site) {
  const byService = new Map();
  for (const c of declared(site)) byService.set(c.service, [...(byService.get(c.service) ?? []), c]);
  const services = [...byService].map(([service, cookies]) => {
    const slug = service.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const purposes = [...new Set(cookies.map(c => c.category))].map(cat => `
      <div class="cookies-per-purpose"><div class="purpose"><h4>${CMPLZ_PURPOSE[cat]}</h4></div>${cookies.filter(c => c.category === cat).map(c => `
        <div class="name-header"><h5>Name</h5></div><div class="name"><a target="_blank" rel="noopener noreferrer nofollow" href="https://cookiedatabase.org/cookie/${slug}/${escapeHtml(c.name)}/">${escapeHtml(c.name)}</a></div>
        <div class="retention-header"><h5>Expiration</h5></div><div class="retention">${c.days === null ? 'session' : expiryWords(c.days)}</div>
        <div class="function-header"><h5>Function</h5></div><div class="function">Used by ${escapeHtml(service)}</div>`).join('')}
      </div>`).join('');
    return `
    <details class="cmplz-dropdown cmplz-service-desc cmplz-dropdown-cookiepolicy">
      <summary class="cmplz-service-header"><div><h3>${escapeHtml(service)}</h3><p>${CMPLZ_PURPOSE[cookies[0].category]}</p>
        <input type="checkbox" id="cmplz_service_${slug}" class="cmplz-accept-service cmplz-hidden" data-service="${slug}"></div></summary>
      <div class="cmplz-service-description"><h4>Usage</h4><p>We use ${escapeHtml(service)}.</p></div>${purposes}
    </details>`;
  }).join('');
  return [
    { id: 'privacy-statement', title: 'Privacy Statement (EU)', content: '<p>We process personal data as described here.</p>' },
    { id: 'cookie-statement', title: 'Cookie Policy (EU)', content: `<div id="cmplz-document" class="cmplz-document cookie-statement"><h2>Cookies</h2>${services}</div>` },
    { id: 'cookie-statement-us', title: 'Opt-out preferences (US)', content: '<p>Do not sell or share my personal information.</p>' },
  ];
}

// The banner script (ours): Complianz's reads its settings from an inline `complianz` object; the
// cookie policy is a page of the site and the REST API's document, which the banner does not load.
const COMPLIANZ_BANNER = `(function () {
  var settings = window.complianz || {};
  window.cmplz_has_consent = function (category) { return category === 'functional'; };
  document.documentElement.setAttribute('data-cmplz-region', settings.region || 'eu');
})();`;

export const cmpRoutes = {
  'bakery.example/'(req, res) {
    respond(res, HTML, page('bakery.example', `<script id="Cookiebot" src="https://consent.cookiebot.com/uc.js" data-cbid="${CBID}" type="text/javascript"></script>`));
  },
  'florist.example/'(req, res) {
    respond(res, HTML, page('florist.example', `<script src="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js" data-domain-script="${OT_ID}" type="text/javascript" charset="UTF-8"></script>`));
  },
  'bookshop.example/'(req, res) {
    respond(res, HTML, page('bookshop.example', `<script id="usercentrics-cmp" src="https://app.usercentrics.eu/browser-ui/latest/loader.js" data-settings-id="${UC_ID}" async></script>`));
  },
  'toyshop.example/'(req, res) {
    respond(res, HTML, page('toyshop.example', `<script id="cookieyes" type="text/javascript" src="https://cdn-cookieyes.com/client_data/${CKY_KEY}/script.js"></script>`));
  },
  'pottery.example/'(req, res) {
    const loader = `<script>var complianz = {"prefix":"cmplz_","region":"eu","url":"https:\\/\\/pottery.example\\/wp-json\\/complianz\\/v1\\/","categories":{"statistics":"statistics","marketing":"marketing"}};</script>
  <script src="/wp-content/plugins/complianz-gdpr/cookiebanner/js/complianz.min.js?ver=1701000000"></script>`;
    const ga = "navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&tid=G-POTTERY1&cid=' + Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000) + '&en=page_view&dl=' + encodeURIComponent(location.href));";
    respond(res, HTML, page('pottery.example', loader, ga));
  },
  'pottery.example/wp-content/plugins/complianz-gdpr/cookiebanner/js/complianz.min.js'(req, res) { js(res, COMPLIANZ_BANNER); },
  'pottery.example/wp-json/complianz/v1/documents/'(req, res) { json(res, complianzPolicy('pottery.example')); },
  [`cdn-cookieyes.com/client_data/${CKY_KEY}/script.js`](req, res) { js(res, cookieYesScript('toyshop.example')); },
  [`cdn-cookieyes.com/client_data/${CKY_KEY}/audit-table/${CKY_AUDIT}.json`](req, res) { json(res, cookieYesAudit('toyshop.example')); },
  'consent.cookiebot.com/uc.js'(req, res) { js(res, COOKIEBOT_UC); },
  [`consent.cookiebot.com/${CBID}/cc.js`](req, res) {
    // Cookiebot answers for the registered domain only, by the Referer.
    const referer = req.headers.referer ?? '';
    js(res, referer.startsWith('https://bakery.example/') ? cookiebotCc('bakery.example') : 'CookieConsentDialog.outOfRegion = true;');
  },
  'cdn.cookielaw.org/scripttemplates/otSDKStub.js'(req, res) { js(res, ONETRUST_STUB); },
  [`cdn.cookielaw.org/consent/${OT_ID}/${OT_ID}.json`](req, res) {
    json(res, { CookieSPAEnabled: false, UseV2: true, ScriptType: 'PRODUCTION', Version: '202411.1.0',
                RuleSet: [{ Id: OT_RULESET, Name: 'Global', Countries: [], LanguageSwitcherPlaceholder: { default: 'en' }, Type: 'GDPR' }] });
  },
  [`cdn.cookielaw.org/consent/${OT_ID}/${OT_RULESET}/en.json`](req, res) { json(res, oneTrustList('florist.example')); },
  'app.usercentrics.eu/browser-ui/latest/loader.js'(req, res) { js(res, USERCENTRICS_LOADER); },
  [`api.usercentrics.eu/settings/${UC_ID}/latest/en.json`](req, res) { json(res, usercentricsSettings('bookshop.example')); },
  'aggregator.service.usercentrics.eu/aggregate/en'(req, res) { json(res, usercentricsAggregate('bookshop.example')); },
};
