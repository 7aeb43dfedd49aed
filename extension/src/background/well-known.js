// The site's own declarations about DNT and GPC (CAPTURE.md `wellKnown`): /.well-known/gpc.json and
// /.well-known/dnt-policy.txt of the page's origin. Fetched only when the user opens the popup's
// DNT/GPC panel, without cookies or referrer, and kept with the page's recording.
const MAX_BODY = 65536;
const TIMEOUT_MS = 5000;

async function fetchText(url) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(url, { credentials: 'omit', cache: 'no-store', redirect: 'follow',
                                        referrerPolicy: 'no-referrer', signal: controller.signal });
    return { status: response.status, body: (await response.text()).slice(0, MAX_BODY) };
  } catch {
    return { status: 0, body: '' };  // network error, timeout, or not allowed
  } finally {
    clearTimeout(timer);
  }
}

// {gpcJson: {status, body}, dntPolicy: {status, body}}, or null for a page that is not http(s).
export async function fetchWellKnown(pageUrl) {
  let origin;
  try {
    const url = new URL(pageUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    origin = url.origin;
  } catch {
    return null;
  }
  const [gpcJson, dntPolicy] = await Promise.all([fetchText(`${origin}/.well-known/gpc.json`),
                                                  fetchText(`${origin}/.well-known/dnt-policy.txt`)]);
  return { gpcJson, dntPolicy };
}
