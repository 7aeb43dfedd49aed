// What the testbed's routes answer with. Every response is uncached: tests load the same URL
// again and again, with other cookies and privacy signals, and must see the server's answer.

export const HTML = 'text/html; charset=utf-8';

// The smallest transparent GIF: what tracking pixels serve (43 bytes).
export const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

// Ends `res` with `body` of content type `type`, uncached. `headers`: more response headers
// (`set-cookie` may be an array); `status`: the HTTP status (200).
//   respond(res, 'image/gif', PIXEL_GIF, { headers: { 'set-cookie': 'uid=1; Path=/' } })
export function respond(res, type, body, { status = 200, headers = {} } = {}) {
  res.statusCode = status;
  res.setHeader('content-type', type);
  res.setHeader('cache-control', 'no-store');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end(body);
}
