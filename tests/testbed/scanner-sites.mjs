// Testbed sites for the scanner (issue 7): pages with a consent banner that DuckDuckGo's
// autoconsent recognises, and pages that fail the way real sites do, for the batch tests.
//
// Consent banners. Both sites use a OneTrust-style banner (the most common consent manager; its
// DOM is what autoconsent's built-in `Onetrust` rule looks for: #onetrust-banner-sdk with
// #onetrust-accept-btn-handler and #onetrust-reject-all-handler) served by /cmp.js, which behaves
// as OneTrust does: it shows the banner until the visitor answers, stores the answer in the
// OptanonConsent (groups C0001 necessary, C0002 performance, C0004 targeting, 1 = on) and
// OptanonAlertBoxClosed cookies, exposes window.OnetrustActiveGroups, and turns the page's
// blocked tags — <script type="text/plain" class="optanon-category-C000N"> — into running scripts
// only for the groups the visitor allowed.
//
//   site                   before an answer               after "Reject all"        after "Accept all"
//   consent-good.example   session cookie only            the same                  analytics (_mt_id + beacon), ad pixel (adnet_uid)
//   consent-bad.example    _fbp, analytics, ad pixel      all of it, still          all of it
//
// consent-bad.example installed the banner but left its tags ungated and sets _fbp on the
// server: the commonest way a real site tracks before (and despite) consent.
//
// With the answer the CMP also stores the IAB TCF record that ad vendors read, as OneTrust does
// (eupubconsent-v2, TC strings encoded with IAB's @iabtechlabtcf/core): after "Accept all"
// purposes 1-10 and three vendors; after "Reject all" none on consent-good.example, but on
// consent-bad.example the same "yes" as after "Accept all" — a consent record that contradicts
// the visitor's answer.
//
// consent-cookiebot.example has a Cookiebot-style banner (#CybotCookiebotDialog and the
// window.Cookiebot object that autoconsent's Cybotcookiebot rule drives: dialog.visible,
// hasResponse, declined, withdraw(), hide()) served by /uc.js. It stores the answer as Cookiebot
// does — CookieConsent={stamp:'…',necessary:true,preferences:…,statistics:…,marketing:…,
// method:'explicit',ver:1,utc:…,region:'de'}, percent-encoded — and runs the tags marked
// <script type="text/plain" data-cookieconsent="statistics|marketing"> only when allowed:
// nothing before an answer or after "Deny", analytics and the ad pixel after "Allow all".
//
// Failing pages for batch runs: hang.example/ accepts the connection and never answers;
// reset.example/ closes the connection without an answer; error.example/ answers HTTP 500;
// slow.example/?ms=N answers after N ms (at most 20 s).
// Plain pages for benchmarks: plain.example/?n=N (a first-party cookie, nothing else).
import crypto from 'node:crypto';
import { HTML, respond } from './respond.mjs';

// TC strings (core segment): CMP 10, purposes 1-10 consented and legitimate interest for 2, 7-10,
// vendors 1, 2 and 755; or no purpose, no vendor, the same legitimate interests.
const TC_ACCEPTED = 'CQdaBhyQdaBhyAKACBENCWEgAP_AAEPAAAYgF5wAoAAgAEAvMAAAAAAA';
const TC_REJECTED = 'CQdaBhyQdaBhyAKACBENCWEgAAAAAEPAAAYgAAAAAAAA';

// The banner and the consent logic, as OneTrust's SDK does them (much reduced). `tcOnReject`: the
// TC string it stores after "Reject all".
const cmpJs = ({ tcOnReject }) => String.raw`(function () {
  var GROUPS = ['C0001', 'C0002', 'C0003', 'C0004'];
  function read() {
    var m = document.cookie.match(/(?:^|; )OptanonConsent=([^;]*)/);
    if (!m) return null;
    var g = decodeURIComponent(m[1]).match(/(?:^|&)groups=([^&]*)/);
    if (!g) return null;
    var on = {};
    g[1].split(',').forEach(function (p) { var kv = p.split(':'); on[kv[0]] = kv[1] === '1'; });
    return on;
  }
  function activeGroups(on) {
    return ',' + GROUPS.filter(function (g) { return on[g]; }).join(',') + ',';
  }
  // Blocked tags of the allowed groups become real scripts.
  function activate(on) {
    var blocked = document.querySelectorAll('script[type="text/plain"][class*="optanon-category-"]');
    Array.prototype.forEach.call(blocked, function (old) {
      var group = old.className.match(/optanon-category-(C\d{4})/)[1];
      if (!on[group]) return;
      var s = document.createElement('script');
      if (old.getAttribute('src')) { s.src = old.getAttribute('src'); s.async = true; } else { s.text = old.text; }
      old.parentNode.replaceChild(s, old);
    });
  }
  function save(on) {
    var groups = GROUPS.map(function (g) { return g + ':' + (on[g] ? 1 : 0); }).join(',');
    var value = 'isGpcEnabled=0&datestamp=' + encodeURIComponent(new Date().toString()) +
      '&version=202409.1.0&isIABGlobal=false&hosts=&consentId=' + (crypto.randomUUID ? crypto.randomUUID() : Date.now()) +
      '&interactionCount=1&landingPath=NotLandingPage&groups=' + encodeURIComponent(groups);
    var year = '; path=/; max-age=31536000; samesite=lax';
    document.cookie = 'OptanonConsent=' + value + year;
    document.cookie = 'OptanonAlertBoxClosed=' + new Date().toISOString() + year;
    document.cookie = 'eupubconsent-v2=' + (on.C0004 ? '${TC_ACCEPTED}' : '${tcOnReject}') + year;
  }
  function answer(on) {
    save(on);
    window.OnetrustActiveGroups = activeGroups(on);
    var banner = document.getElementById('onetrust-banner-sdk');
    if (banner) banner.style.display = 'none';
    activate(on);
  }
  var stored = read();
  if (stored) {
    window.OnetrustActiveGroups = activeGroups(stored);
    activate(stored);
    return;
  }
  window.OnetrustActiveGroups = ',C0001,';
  var root = document.createElement('div');
  root.id = 'onetrust-consent-sdk';
  root.innerHTML =
    '<div id="onetrust-banner-sdk" class="otFlat" role="region" aria-label="Cookie banner" ' +
    'style="position:fixed;left:0;right:0;bottom:0;padding:1rem;background:#fff;border-top:2px solid #333">' +
    '<div id="onetrust-policy"><p id="onetrust-policy-text">We and our partners use cookies to measure ' +
    'our audience and show you personalised ads.</p></div>' +
    '<div id="onetrust-button-group-parent"><div id="onetrust-button-group">' +
    '<button id="onetrust-reject-all-handler">Reject all</button> ' +
    '<button id="onetrust-accept-btn-handler">Accept all cookies</button>' +
    '</div></div></div>';
  document.body.appendChild(root);
  document.getElementById('onetrust-accept-btn-handler').addEventListener('click', function () {
    answer({ C0001: true, C0002: true, C0003: true, C0004: true });
  });
  document.getElementById('onetrust-reject-all-handler').addEventListener('click', function () {
    answer({ C0001: true });
  });
})();
`;

// A Cookiebot-style consent manager (much reduced).
const COOKIEBOT_JS = String.raw`(function () {
  var CATEGORIES = ['preferences', 'statistics', 'marketing'];
  function read() {
    var m = document.cookie.match(/(?:^|; )CookieConsent=([^;]*)/);
    if (!m) return null;
    var v = decodeURIComponent(m[1]), c = { necessary: true };
    CATEGORIES.forEach(function (k) { c[k] = new RegExp(k + ':true').test(v); });
    return c;
  }
  function activate(c) {
    var blocked = document.querySelectorAll('script[type="text/plain"][data-cookieconsent]');
    Array.prototype.forEach.call(blocked, function (old) {
      if (!c[old.getAttribute('data-cookieconsent')]) return;
      var s = document.createElement('script');
      if (old.getAttribute('src')) { s.src = old.getAttribute('src'); s.async = true; } else { s.text = old.text; }
      old.parentNode.replaceChild(s, old);
    });
  }
  function save(c) {
    var value = "{stamp:'" + btoa(String(Math.random())) + "',necessary:true" +
      CATEGORIES.map(function (k) { return ',' + k + ':' + c[k]; }).join('') +
      ",method:'explicit',ver:1,utc:" + Date.now() + ",region:'de'}";
    document.cookie = 'CookieConsent=' + encodeURIComponent(value).replace(/'/g, '%27') + '; path=/; max-age=31536000; samesite=lax';
  }
  var dialog = document.createElement('div');
  var CB = window.Cookiebot = {
    hasResponse: false, declined: false, consented: false,
    consent: { necessary: true, preferences: false, statistics: false, marketing: false },
    dialog: { visible: false },
    withdraw: function () { answer({ necessary: true, preferences: false, statistics: false, marketing: false }); },
    hide: function () { dialog.style.display = 'none'; CB.dialog.visible = false; },
  };
  function answer(c) {
    save(c);
    CB.consent = c;
    CB.hasResponse = true;
    CB.declined = !c.preferences && !c.statistics && !c.marketing;
    CB.consented = !CB.declined;
    CB.hide();
    activate(c);
  }
  var stored = read();
  if (stored) {
    CB.consent = stored;
    CB.hasResponse = true;
    activate(stored);
    return;
  }
  dialog.id = 'CybotCookiebotDialog';
  dialog.setAttribute('role', 'dialog');
  dialog.style.cssText = 'position:fixed;left:0;right:0;bottom:0;padding:1rem;background:#fff;border-top:2px solid #333';
  dialog.innerHTML = '<p>This website uses cookies for statistics and marketing.</p>' +
    '<button id="CybotCookiebotDialogBodyLevelButtonLevelOptinDeclineAll">Deny</button> ' +
    '<button id="CybotCookiebotDialogBodyButtonAccept">Allow all</button>';
  document.body.appendChild(dialog);
  CB.dialog.visible = true;
  document.getElementById('CybotCookiebotDialogBodyLevelButtonLevelOptinDeclineAll').addEventListener('click', function () { CB.withdraw(); });
  document.getElementById('CybotCookiebotDialogBodyButtonAccept').addEventListener('click', function () {
    answer({ necessary: true, preferences: true, statistics: true, marketing: true });
  });
})();
`;

// The ad pixel as a tag: what an ad network's snippet does.
const PIXEL_TAG = `(function () { var i = new Image(1, 1); i.src = 'https://pixel.adnet.example/px.gif?uid=u-' +
  Math.random().toString(16).slice(2, 14) + '&ev=pageview'; document.body.appendChild(i); })();`;

function consentPage(host, { gated }) {
  const blocked = group => (gated ? ` type="text/plain" class="optanon-category-${group}"` : '');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${host} — trackscope testbed (consent banner)</title>
  <script src="/cmp.js" defer></script>
  <script${blocked('C0002')} src="https://collect.metrics.example/m.js"${gated ? '' : ' async'}></script>
</head>
<body>
  <h1>${host}</h1>
  <p>A news page with a consent banner. ${gated ? 'Its tags wait for the visitor\'s answer.' : 'Its tags do not wait.'}</p>
  <script${blocked('C0004')}>${PIXEL_TAG}</script>
</body>
</html>
`;
}

function cookiebotPage(host) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${host} — trackscope testbed (Cookiebot-style banner)</title>
  <script src="/uc.js" defer></script>
  <script type="text/plain" data-cookieconsent="statistics" src="https://collect.metrics.example/m.js"></script>
</head>
<body>
  <h1>${host}</h1>
  <p>A shop page whose tags wait for the visitor's answer to a Cookiebot-style banner.</p>
  <script type="text/plain" data-cookieconsent="marketing">${PIXEL_TAG}</script>
</body>
</html>
`;
}

// Google Consent Mode v2 with the OneTrust-style banner (issue 16): GA4 hits that carry the
// consent state they claim (gcs, gcd), sent with sendBeacon to Google's collector.
//   consent-mode.example/             as Google documents it: everything denied by default (a
//                                     cookieless hit, gcs=G100), granted by the update after
//                                     "Accept all" (gcs=G111, gcd letters r); "Reject all" sends nothing more
//   consent-mode.example/granted.html everything granted by default (gcs=G111, gcd letters t), whatever
//                                     the visitor answers: every hit claims a consent nobody gave
const GA4_HIT = String.raw`function ga4(gcs, gcd) {
    navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&tid=G-CMODE01&cid=' + cid +
      '&en=page_view&dl=' + encodeURIComponent(location.href) + '&gcs=' + gcs + '&gcd=' + gcd);
  }`;
function consentModePage(host, { grantedByDefault }) {
  const first = grantedByDefault ? "ga4('G111', '13t3t3t2t5l1');" : "ga4('G100', '13p3p3p2p5l1');";
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${host} — trackscope testbed (Consent Mode)</title>
  <script src="/cmp.js" defer></script>
  <script>
  var cid = String(Math.floor(Math.random() * 1e9)) + '.' + Math.floor(Date.now() / 1000);
  ${GA4_HIT}
  ${first}
  // What a page looking for its observer would see after the answer's reload: names of tools.
  var seen = Object.getOwnPropertyNames(window).filter(function (n) { return /playwright|autoconsent|trackscope|^__/i.test(n); });
  if (seen.length) new Image().src = '/observer-seen?names=' + encodeURIComponent(seen.join(','));
  </script>
  <script type="text/plain" class="optanon-category-C0002">${grantedByDefault ? '' : "ga4('G111', '13r3r3r2r5l1');"}</script>
</head>
<body>
  <h1>${host}</h1>
  <p>A page whose Google tag says what consent it has in every hit.</p>
</body>
</html>
`;
}

function html(res, body, cookies = []) {
  respond(res, HTML, body, { headers: cookies.length ? { 'set-cookie': cookies } : {} });
}

const cmpScript = tcOnReject => (req, res) => respond(res, 'text/javascript', cmpJs({ tcOnReject }));

const session = () => `news_session=${crypto.randomBytes(12).toString('hex')}; Path=/; HttpOnly; Secure; SameSite=Lax`;

export const scannerRoutes = {
  'consent-good.example/': (req, res) => html(res, consentPage('consent-good.example', { gated: true }), [session()]),
  'consent-good.example/cmp.js': cmpScript(TC_REJECTED),
  'consent-bad.example/': (req, res) => {
    const fbp = `_fbp=fb.1.${Date.now()}.${crypto.randomInt(1e9)}; Path=/; Max-Age=${90 * 86400}; Secure; SameSite=Lax`;
    html(res, consentPage('consent-bad.example', { gated: false }), [session(), fbp]);
  },
  'consent-bad.example/cmp.js': cmpScript(TC_ACCEPTED),
  'consent-mode.example/': (req, res) => html(res, consentModePage('consent-mode.example', { grantedByDefault: false })),
  'consent-mode.example/granted.html': (req, res) => html(res, consentModePage('consent-mode.example', { grantedByDefault: true })),
  'consent-mode.example/cmp.js': cmpScript(TC_REJECTED),
  'consent-cookiebot.example/': (req, res) => html(res, cookiebotPage('consent-cookiebot.example'), [session()]),
  'consent-cookiebot.example/uc.js': (req, res) => respond(res, 'text/javascript', COOKIEBOT_JS),
  // Never answers (the testbed destroys the socket when it closes).
  'hang.example/': () => {},
  'reset.example/': req => req.socket.destroy(),
  'slow.example/': (req, res, url) => {
    const ms = Math.min(20000, Number(url.searchParams.get('ms')) || 0);
    setTimeout(() => html(res, '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>slow page</title></head>' +
                              '<body><p>Worth the wait.</p></body></html>\n'), ms).unref();
  },
  'error.example/': (req, res) => {
    res.statusCode = 500;
    html(res, '<!doctype html><title>Internal Server Error</title><h1>500</h1>');
  },
  'plain.example/': (req, res, url) => html(res, `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>plain page ${Number(url.searchParams.get('n')) || 0}</title></head><body><p>Nothing to see.</p></body></html>
`, [`pref=${crypto.randomBytes(4).toString('hex')}; Path=/; Max-Age=3600; Secure; SameSite=Lax`]),
};
