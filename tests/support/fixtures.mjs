// Hand-made captures shared by unit tests of several packages.

// The testbed shop in one capture: a session cookie set by HTTP, the Meta Pixel's first-party
// cookie and its pixel, a first-party id cookie written by a third-party analytics script and its
// localStorage id, a third-party ad pixel setting its cookie. AD_ID is the ad cookie's value.
export const AD_ID = 'a51213e35760310d91ace4b5a0962171';
export const CAPTURE = {
  version: 1,
  page: { url: 'https://shop.example/?gclid=abc123XYZ', title: 'Shop', capturedAt: '2026-11-29T05:00:00Z' },
  requests: [
    { url: 'https://shop.example/?gclid=abc123XYZ', type: 'main_frame', status: 200,
      responseHeaders: { 'set-cookie': 'shop_session=s3cr3t; Path=/; HttpOnly; Secure' } },
    { url: 'https://collect.metrics.example/m.js', type: 'script', status: 200 },
    { url: `https://pixel.adnet.example/px.gif?uid=u-5f2a9c1e7b3d&ev=pageview`, type: 'image', status: 200,
      bodySize: 43, image: { width: 1, height: 1 },
      responseHeaders: { 'set-cookie': `adnet_uid=${AD_ID}; Domain=adnet.example; Max-Age=7776000; Secure; SameSite=None` } },
    { url: 'https://www.facebook.com/tr?id=1234567890123456&ev=PageView&fbp=fb.1.1795939741251.7577939274', type: 'image',
      status: 200, bodySize: 43, image: { width: 1, height: 1 } },
  ],
  cookies: [
    { name: 'shop_session', value: 's3cr3t', domain: 'shop.example', httpOnly: true, secure: true },
    { name: '_fbp', value: 'fb.1.1795939741251.7577939274', domain: 'shop.example', expires: 1830499741 },
    { name: '_mt_id', value: 'mt.zyuwr90wrm.1795939741087', domain: 'shop.example', expires: 1830499741,
      setBy: { kind: 'script', url: 'https://collect.metrics.example/m.js' } },
    { name: 'adnet_uid', value: AD_ID, domain: '.adnet.example', expires: 1803715741, secure: true, sameSite: 'no_restriction' },
  ],
  events: [
    { kind: 'storage-write', api: 'localStorage.setItem', key: '_mt_uid', value: '0b0e8f4e-3f7d-4a51-9c62-1f0f3bfa7d21',
      scriptUrl: 'https://collect.metrics.example/m.js', frameUrl: 'https://shop.example/' },
  ],
};
