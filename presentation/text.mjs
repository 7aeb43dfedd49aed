// Text from a page is data. These make it safe to show where it could do harm, and short.

// Control characters (C0, DEL, C1) and the bidirectional formatting characters (U+061C, U+200E,
// U+200F, U+202A-U+202E, U+2066-U+2069) as visible escapes: a hostile cookie name can then neither
// move a terminal's cursor nor reverse the order of what follows it (Trojan Source).
//   safeText('a\u001b[2Jb') === 'a\\x1b[2Jb'; safeText('evil\u202Etxt.exe') === 'evil\\u202etxt.exe'
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
export function safeText(value) {
  return String(value ?? '').replace(UNSAFE, c => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

// safeText, at most `max` characters ("…" marks the cut).
export function clip(value, max) {
  const s = safeText(value);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

// HTML text and attribute values, for renderers that write HTML as a string (the scanner's report).
export function escapeHtml(value) {
  return safeText(value).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

// "1 cookie", "2 cookies", plural(3, 'entry', 'entries').
export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

// host + path of a URL, without query or fragment: enough to recognise a script or endpoint.
export function shortUrl(url) {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return String(url ?? '');
  }
}
