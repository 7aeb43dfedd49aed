// A synthetic HAR of one long browsing session for the analyze benchmark: `entries` requests of a
// news page to ~300 hosts (its own, CDNs, ad and analytics vendors), with Meta Pixel and GA4 hits,
// cookies sent and set, redirects and POST bodies — about 330 bytes per entry, the density of the
// DevTools exports the issue measured (50,000 entries, 16 MB). Deterministic (seeded).
//   node tests/bench/analyze/make-har.mjs 50000 out.har
import fs from 'node:fs';

export function writeHar(file, entries, { seed = 42 } = {}) {
  let s = seed;
  const rand = n => { s = (s * 1103515245 + 12345) & 0x7fffffff; return s % n; };
  const fd = fs.openSync(file, 'w');
  const start = Date.parse('2026-11-29T05:00:00.000Z');
  const hosts = ['www.news.example', 'static.news.example', 'img.news.example'];
  for (let i = 0; i < 300; i++) hosts.push(`cdn${i % 40}.vendor${i}.example`);
  let buffer = '{"log":{"version":"1.2","creator":{"name":"trackscope-bench","version":"1"},' +
    '"pages":[{"id":"page_1","title":"https://www.news.example/","startedDateTime":"2026-11-29T05:00:00.000Z","pageTimings":{}}],"entries":[\n';
  const flush = () => { fs.writeSync(fd, buffer); buffer = ''; };
  for (let i = 0; i < entries; i++) {
    const t = new Date(start + i * 7).toISOString();
    let url, type, mime, status = 200, extraReq = '', extraRes = '', post = '';
    const k = rand(100);
    if (i === 0) {
      url = 'https://www.news.example/'; type = 'document'; mime = 'text/html';
      extraRes = ',{"name":"set-cookie","value":"sid=' + rand(1e9) + '; Path=/; HttpOnly"}';
    } else if (k < 8) {
      url = `https://www.facebook.com/tr/?id=1234567890123456&ev=PageView&dl=https%3A%2F%2Fwww.news.example%2Fa${i}&fbp=fb.1.1764740000000.${rand(1e9)}`;
      type = 'image'; mime = 'image/gif'; extraReq = ',{"name":"cookie","value":"fr=0AbC' + rand(1e9) + '; datr=XyZ' + rand(1e6) + '"}';
    } else if (k < 14) {
      url = `https://region1.google-analytics.com/g/collect?v=2&tid=G-8XK2Q4P1ZL&cid=1722394011.${rand(1e9)}&en=scroll&_s=${i}`;
      type = 'ping'; mime = ''; status = 204;
    } else if (k < 16) {
      url = `https://collect.vendor${rand(300)}.example/e`; type = 'xhr'; mime = 'application/json';
      post = `,"postData":{"mimeType":"application/json","text":"{\\"uid\\":\\"u-${rand(1e9)}\\",\\"ev\\":\\"view\\"}"}`;
    } else if (k < 18) {
      const host = hosts[3 + rand(300)];
      url = `https://${host}/sync?uid=${rand(1e9)}`; type = 'image'; mime = 'image/gif'; status = 302;
      extraRes = `,{"name":"location","value":"https://${host}/px.gif"},{"name":"set-cookie","value":"uid=${rand(1e9)}; Domain=${host.split('.').slice(-2).join('.')}; Max-Age=7776000; Secure; SameSite=None"}`;
    } else {
      const host = hosts[rand(hosts.length)];
      const kinds = [['script', 'application/javascript', 'js'], ['image', 'image/webp', 'webp'], ['stylesheet', 'text/css', 'css'], ['xhr', 'application/json', 'json']];
      const [ty, mi, ext] = kinds[rand(4)];
      url = `https://${host}/assets/${rand(1e6)}.${ext}`; type = ty; mime = mi;
    }
    buffer += (i ? ',\n' : '') + `{"pageref":"page_1","startedDateTime":"${t}","time":${rand(300)},"_resourceType":"${type}",` +
      `"request":{"method":"${post ? 'POST' : 'GET'}","url":"${url}","httpVersion":"h2","headers":[{"name":"accept","value":"*/*"}${extraReq}]${post}},` +
      `"response":{"status":${status},"headers":[{"name":"content-type","value":"${mime}"}${extraRes}],"content":{"size":${rand(50000)},"mimeType":"${mime}"}}}`;
    if (buffer.length > 1 << 20) flush();
  }
  buffer += '\n]}}\n';
  flush();
  fs.closeSync(fd);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  writeHar(process.argv[3], Number(process.argv[2]));
}
