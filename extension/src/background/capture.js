// Converts what chrome.webRequest, chrome.cookies and the page instrumentation report into the
// core's Capture (core/src/capture/CAPTURE.md). Observation and conversion only: every judgement
// (parties, setters, lifetimes) is the core's.
import { cookieConcernsPage } from './lifecycle.js';

export const MAX_TEXT = 4096;  // characters kept of a request body or an event value

// Headers the core reads (CAPTURE.md, analyze/): signals, hyperlink-auditing pings, cookies set,
// Tracking Status values, body size and type; `accept`, which every Chromium request carries, marks
// a request whose headers were seen (the base of the report's privacy.requestsWithHeaders). Others
// are not kept: they would only fill the session storage (and `cookie` request headers hold every
// cookie value of the site).
export const REQUEST_HEADERS = new Set(['dnt', 'sec-gpc', 'ping-from', 'ping-to', 'content-type', 'accept']);
export const RESPONSE_HEADERS = new Set(['set-cookie', 'tk', 'content-length', 'content-type', 'location']);

// webRequest's [{name, value}] -> {"lower-case name": value | [values]} (repeated Set-Cookie),
// only the names in `keep` (all when omitted).
export function headerObject(headers = [], keep = null) {
  const out = {};
  for (const { name, value = '' } of headers) {
    const key = name.toLowerCase();
    if (keep && !keep.has(key)) continue;
    out[key] = key in out ? [].concat(out[key], value) : value;
  }
  return out;
}

// Response body size from Content-Length, or undefined.
export function bodySizeOf(responseHeaders) {
  const length = Number(responseHeaders?.['content-length']);
  return Number.isSafeInteger(length) && length >= 0 ? length : undefined;
}

function requestBodyText(body) {
  if (!body) return '';
  if (body.formData) {
    const params = new URLSearchParams();
    for (const [key, values] of Object.entries(body.formData)) for (const v of values) params.append(key, v);
    return params.toString().slice(0, MAX_TEXT);
  }
  if (body.raw) {
    const decoder = new TextDecoder();
    const text = body.raw.map(part => (part.bytes ? decoder.decode(part.bytes, { stream: true }) : '[file]')).join('');
    return (text + decoder.decode()).slice(0, MAX_TEXT);
  }
  return '';
}

// A Capture request from webRequest.onBeforeRequest details. startTime: the page's navigation start.
export function requestRecord(details, startTime) {
  const record = { url: details.url, type: details.type, method: details.method, status: 0,
                   timeMs: Math.max(0, Math.round(details.timeStamp - startTime)) };
  // frameId 0 is the top document, which the Capture leaves implicit; a sub_frame's documentUrl
  // would be the new frame's own, not the requesting document's.
  if (details.frameId !== 0 && details.type !== 'sub_frame' && details.documentUrl) record.frameUrl = details.documentUrl;
  if (details.initiator) record.initiator = details.initiator;
  const body = requestBodyText(details.requestBody);
  if (body) record.requestBody = body;
  return record;
}

// Page events are page-controlled: keep only the documented fields, with their documented types
// (CAPTURE.md "events"; `count` and `canvas` belong to fingerprint events).
const EVENT_FIELDS = { kind: 'string', api: 'string', scriptUrl: 'string', frameUrl: 'string',
                       url: 'string', key: 'string', value: 'string', timeMs: 'number' };
const CANVAS_FIELDS = ['width', 'height', 'textLength', 'colors', 'shapes'];

export function eventRecord(raw) {
  if (!raw || typeof raw !== 'object' || typeof raw.kind !== 'string') return null;
  const event = {};
  for (const [field, type] of Object.entries(EVENT_FIELDS)) {
    const value = raw[field];
    if (typeof value !== type) continue;
    if (type === 'number' && !Number.isFinite(value)) continue;
    event[field] = type === 'string' ? value.slice(0, MAX_TEXT) : value;
  }
  if (Number.isSafeInteger(raw.count) && raw.count >= 1) event.count = raw.count;
  const canvas = raw.canvas;
  if (canvas && typeof canvas === 'object' && CANVAS_FIELDS.every(f => Number.isSafeInteger(canvas[f]) && canvas[f] >= 0)) {
    event.canvas = Object.fromEntries(CANVAS_FIELDS.map(f => [f, canvas[f]]));
    event.canvas.interactive = canvas.interactive === true;
  }
  return event;
}

// The host of an http(s) or ws(s) URL: whose cookies a request to it could carry.
function cookieHost(url) {
  try {
    const u = new URL(url);
    return ['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) ? u.hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

// A partition key's topLevelSite is already a scheme://registrable-domain, so "same site as the
// page" needs no Public Suffix List here.
function samePartition(topLevelSite, pageUrl) {
  try {
    const site = new URL(topLevelSite);
    const page = new URL(pageUrl);
    return site.protocol === page.protocol && (page.hostname === site.hostname || page.hostname.endsWith(`.${site.hostname}`));
  } catch {
    return false;
  }
}

function cookieRecord(c) {
  const cookie = { name: c.name, value: c.value, domain: c.domain, path: c.path, hostOnly: c.hostOnly,
                   httpOnly: c.httpOnly, secure: c.secure, sameSite: c.sameSite };
  if (!c.session && typeof c.expirationDate === 'number') cookie.expires = c.expirationDate;
  if (c.partitionKey?.topLevelSite) cookie.partitionKey = c.partitionKey.topLevelSite;
  return cookie;
}

// The cookies of the hosts the page and its requests talked to, at every path: a cookie that a
// frame scoped to its own path (Path=/images, a third-party frame's document.cookie) is the page's
// too, as a scan in a fresh profile sees it. One query of the whole store, kept when the cookie's
// domain domain-matches such a host (RFC 6265 5.1.3); unpartitioned, plus those partitioned under
// the page's site; without duplicates. As the cookies API gives them (storeId, partitionKey, ...).
export async function pageCookies(pageUrl, requests) {
  const talkedTo = { hosts: [...new Set([pageUrl, ...requests.map(r => r.url)].map(cookieHost).filter(Boolean))] };
  // An empty partitionKey asks for partitioned and unpartitioned cookies alike.
  const all = await chrome.cookies.getAll({ partitionKey: {} }).catch(() => []);
  const seen = new Map();
  for (const c of all) {
    const partition = c.partitionKey?.topLevelSite ?? '';
    if (partition && !samePartition(partition, pageUrl)) continue;
    if (!cookieConcernsPage(talkedTo, c.domain)) continue;
    const key = JSON.stringify([c.name, c.domain, c.path, partition, c.storeId]);
    if (!seen.has(key)) seen.set(key, c);
  }
  return [...seen.values()];
}

// pageCookies as the Capture's `cookies`.
export async function collectCookies(pageUrl, requests) {
  return (await pageCookies(pageUrl, requests)).map(cookieRecord);
}

// Image natural sizes reported by the page's content script ({url: [width, height]}), merged into
// the image requests (CAPTURE.md `image`: what tells a 1×1 pixel from a picture).
function withImageSize(record, images) {
  const size = record.type === 'image' && images ? images[record.url] : null;
  return size ? { ...record, image: { width: size[0], height: size[1] } } : record;
}

// The Capture of one page record (lifecycle.js). consent: what the visitor did; the extension does
// not know, so "unknown" (no before-consent findings from guesses).
export function buildCapture(page, { title = '', cookies = [], capturedAt = new Date(), wellKnown = page.wellKnown } = {}) {
  const capture = {
    version: 1,
    page: { url: page.pageUrl, title, capturedAt: capturedAt.toISOString() },
    signals: page.signals,
    requests: page.requests.map(r => withImageSize(r, page.images)),
    cookies,
    events: page.events,
    consent: 'unknown',
  };
  if (wellKnown) capture.wellKnown = wellKnown;
  // What the person typed into personal-data fields (service-worker.js recordTyping): the core
  // looks for it in third-party requests sent before the submit. No simulated input.
  if (page.typed?.length) {
    capture.visit = { pointerMoves: 0, scrolls: 0, dwellMs: 0, automationHidden: false, userAgent: '', typed: page.typed };
    if (page.submittedMs !== undefined) capture.visit.submittedMs = page.submittedMs;
  }
  return capture;
}
