// Wording for report values, shared by the extension's pages. Plain strings only: callers put
// them into the DOM with textContent.

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export { plural };

// "session", "5 h", "30 days", "6 months", "2 years"; "persistent" when the expiry is unknown.
export function lifetimeText(cookie) {
  if (cookie.session) return 'session';
  const days = cookie.lifetimeDays;
  if (days == null) return 'persistent';
  if (days < 1) return plural(Math.max(1, Math.round(days * 24)), 'hour');
  if (days < 100) return plural(Math.round(days), 'day');
  if (days < 350) return plural(Math.round(days / 30.44), 'month');
  return plural(Math.round(days / 365.25 * 10) / 10, 'year');
}

export function expiryText(cookie) {
  if (cookie.session) return 'Deleted when the browser closes';
  if (cookie.expires == null) return 'Expiry unknown';
  const days = cookie.lifetimeDays == null ? '' : ` (${Math.round(cookie.lifetimeDays)} days)`;
  return `Expires ${new Date(cookie.expires * 1000).toISOString().slice(0, 10)}${days}`;
}

export function cookieFlags(cookie) {
  const flags = [];
  if (cookie.httpOnly) flags.push('HttpOnly');
  if (cookie.secure) flags.push('Secure');
  if (cookie.sameSite && cookie.sameSite !== 'unspecified') flags.push(`SameSite=${cookie.sameSite[0].toUpperCase()}${cookie.sameSite.slice(1)}`);
  if (cookie.partitioned) flags.push('Partitioned');
  if (!cookie.hostOnly) flags.push(`all of .${cookie.domain}`);
  return flags;
}

// host + path of a URL, without query or fragment: enough to recognise a script or endpoint.
export function shortUrl(url) {
  try {
    const u = new URL(url);
    return u.host + (u.pathname === '/' ? '' : u.pathname);
  } catch {
    return String(url);
  }
}

export function hostOf(url) {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

// {kind, url} -> {how: "HTTP response" | "script" | "inline script" | "unknown", where: "host/path"}
export function setterParts(setBy) {
  if (setBy?.kind === 'http') return { how: 'HTTP response', where: shortUrl(setBy.url) };
  if (setBy?.kind === 'script') return setBy.url ? { how: 'script', where: shortUrl(setBy.url) } : { how: 'inline script', where: '' };
  return { how: 'unknown', where: '' };
}

// "image 3 · script 2": request counts by webRequest type, most frequent first.
export function typeCounts(requests) {
  const counts = new Map();
  for (const r of requests) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t, n]) => `${t} ${n}`).join(' · ');
}
