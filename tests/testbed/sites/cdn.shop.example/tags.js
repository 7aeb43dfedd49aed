// The shop's tag bundle, as a tag manager would load it: the Meta Pixel, GA4 sent through the
// shop's own tagging server (server-side tagging), and a keepalive fetch on page hide.
(function () {
  function cookie(name) {
    var m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]+)'));
    return m ? m[1] : null;
  }
  var now = Date.now();
  var year = '; path=/; max-age=' + 2 * 365 * 86400 + '; samesite=lax';

  // Meta Pixel: the _fbp browser id is a first-party cookie; the pixel is an invisible 1×1 image.
  var fbp = cookie('_fbp') || 'fb.1.' + now + '.' + Math.floor(Math.random() * 1e10);
  document.cookie = '_fbp=' + fbp + year;
  var img = document.createElement('img');
  img.width = img.height = 1;
  img.style.display = 'none';
  img.alt = '';
  img.src = 'https://www.facebook.com/tr?id=1234567890123456&ev=PageView&dl=' + encodeURIComponent(location.href) +
            '&fbp=' + encodeURIComponent(fbp) + '&cd[value]=12.00&cd[currency]=EUR';
  document.body.appendChild(img);

  // GA4: the _ga cookie holds the client id that every hit carries.
  var ga = cookie('_ga') || 'GA1.1.' + (1e9 + Math.floor(Math.random() * 9e8)) + '.' + Math.floor(now / 1000);
  document.cookie = '_ga=' + ga + year;
  var cid = ga.split('.').slice(2).join('.');
  navigator.sendBeacon('https://sgtm.shop.example/g/collect?v=2&tid=G-TESTBED01&cid=' + cid +
                       '&en=page_view&dl=' + encodeURIComponent(location.href));

  // A keepalive fetch carrying a visitor id (survives the page like a beacon).
  fetch('https://collect.metrics.example/k?vid=' + crypto.randomUUID().replace(/-/g, ''), {
    method: 'POST', keepalive: true, mode: 'no-cors', body: 'ev=offers_view',
  });
})();
