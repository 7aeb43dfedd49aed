// Wording for report values, shared by the extension's pages. Plain strings only: callers put
// them into the DOM with textContent.

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export { plural };

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
  if (!cookie.hostOnly) flags.push(`Domain=${cookie.domain}`);  // subdomains receive it too
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

// {kind, url} -> {how: "HTTP response" | "script" | "inline script", where: "host/path"}, or null
// when the setter is unknown.
export function setterParts(setBy) {
  if (setBy?.kind === 'http') return { how: 'HTTP response', where: shortUrl(setBy.url) };
  if (setBy?.kind === 'script') return setBy.url ? { how: 'script', where: shortUrl(setBy.url) } : { how: 'inline script', where: '' };
  return null;
}

// webRequest type -> [singular, plural] as a reader would say it.
const TYPE_WORDS = {
  main_frame: ['page', 'pages'], sub_frame: ['frame', 'frames'], xmlhttprequest: ['fetch/XHR', 'fetch/XHR'],
  ping: ['beacon', 'beacons'], csp_report: ['CSP report', 'CSP reports'], websocket: ['WebSocket', 'WebSockets'],
  media: ['media', 'media'], other: ['other', 'other'],
};

// ["3 images", "2 scripts"]: request counts by type, most frequent first.
export function typeCounts(requests) {
  const counts = new Map();
  for (const r of requests) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([type, n]) => {
    const [one, many] = TYPE_WORDS[type] ?? [type, `${type}s`];
    return plural(n, one, many);
  });
}

export const PURPOSE_WORDS = {
  necessary: 'necessary', functional: 'functional', analytics: 'analytics', advertising: 'advertising',
  social: 'social media', unclassified: 'unclassified',
};

// 0.99 -> "high"; the core's confidence is a number in [0, 1].
export function confidenceWord(confidence) {
  if (confidence >= 0.8) return 'high';
  if (confidence >= 0.5) return 'medium';
  return 'low';
}

export const EVIDENCE_WORDS = { catalog: 'catalog', attribution: 'vendor / filter list', heuristic: 'heuristic' };

export const BEACON_KIND_WORDS = {
  image: 'tracking pixel', sendBeacon: 'sendBeacon', ping: 'link ping', keepalive: 'keepalive fetch', request: 'request',
};

export const STANCE_WORDS = { honoured: 'honours it', 'not-honoured': 'does not honour it', 'not-stated': 'nothing stated' };

// The site's own material that states a stance (report privacy.<signal>.sources).
export const SOURCE_WORDS = {
  declaration: 'its declaration', 'gpc.json': '/.well-known/gpc.json', 'dnt-policy.txt': '/.well-known/dnt-policy.txt',
  tk: 'Tk response header',
};

// What one page load says about a signal ("gpc" | "dnt"): {tone: good|warn|bad|neutral, text, hint}.
// Judged on this load alone; the scanner's --compare-signals compares two loads in fresh profiles.
export function signalVerdict(report, which) {
  const s = report.privacy[which];
  const label = which === 'gpc' ? 'GPC' : 'DNT';
  const n = report.privacy.trackingItems;
  const items = plural(n, 'tracking item');
  // Findings about the signal itself (item "GPC" / "DNT") compare it with what the site declares;
  // GPC findings about a cookie (item = its name) are consent records that ignored the signal.
  const contradicted = report.findings.some(f => f.kind === 'signal-contradiction' && f.itemKind === which &&
                                                 f.item === label && f.severity !== 'info');
  const ignoredBy = report.findings.filter(f => f.kind === 'signal-contradiction' && f.itemKind === which && f.item !== label);
  if (!s.sent) {
    return { tone: 'neutral', text: `Not tested: ${label} was not sent on this load.`,
             hint: `Switch on “Send ${label}” in the options and reload the page to see how the site responds.` };
  }
  const hint = 'Cookies left by earlier visits count too; reload after clearing the site’s cookies for a clean test.';
  if (contradicted) {
    return { tone: 'bad', text: `Contradicted: the site says it honours ${label}, yet ${items} loaded with ${label} sent.`, hint };
  }
  if (ignoredBy.length) {
    const records = ignoredBy.map(f => f.item).join(', ');
    return { tone: 'bad', text: `Not recorded: the consent manager’s record (${records}) shows no opt-out, though ${label} was sent.`,
             hint: 'Several US state laws (California, Colorado, Connecticut, …) make GPC an opt-out of sale and targeted advertising.' };
  }
  if (n === 0) return { tone: 'good', text: `No tracking seen with ${label} sent.`, hint: null };
  if (s.declared === 'not-honoured') {
    return { tone: 'warn', text: `Not honoured, as the site says: ${items} with ${label} sent.`, hint };
  }
  const policy = s.policyStance && s.policyStance !== 'not-stated' ? ` (the selected policy says it ${STANCE_WORDS[s.policyStance]})` : '';
  return { tone: 'warn', text: `Tracking went on with ${label} sent: ${items}; the site states no stance${policy}.`, hint };
}

export const CONSENT_KIND_WORDS = {
  tcf: 'IAB TCF', gpp: 'IAB GPP', 'us-privacy': 'US Privacy', onetrust: 'OneTrust', 'onetrust-alert-closed': 'OneTrust banner',
  cookiebot: 'Cookiebot',
};

// What a consent record (report.privacy.consentStrings[]) says about the visitor's choice, in one
// tag: {tone: good|warn, text}, or null when it says nothing.
export function consentTag(c) {
  if (c.consentGiven === true) return { tone: 'warn', text: 'grants consent' };
  if (c.consentGiven === false) return { tone: 'good', text: 'no consent' };
  if (c.optedOut === true) return { tone: 'good', text: 'opted out' };
  if (c.optedOut === false) return { tone: 'warn', text: 'not opted out' };
  return null;
}

// A consent record's US opt-out state and GPC flag -> a short phrase, or null when the record says
// nothing about either.
export function consentRecordText(c) {
  const parts = [];
  if (c.optedOut !== null) parts.push(c.optedOut ? 'opt-out recorded' : 'no opt-out recorded');
  if (c.gpc !== null) parts.push(`GPC flag ${c.gpc ? 'on' : 'off'}`);
  return parts.length ? parts.join(', ') : null;
}

// gpc.json / dnt-policy.txt check -> a short phrase.
export function gpcJsonText(g) {
  switch (g.status) {
    case 'not-fetched': return 'not checked yet';
    case 'absent': return `none (${g.httpStatus ? `HTTP ${g.httpStatus}` : 'not reachable'})`;
    case 'valid': return `“gpc”: ${g.gpc}${g.lastUpdate ? `, updated ${g.lastUpdate}` : ''}`;
    default: return `invalid: ${g.reason ?? 'unreadable'}`;
  }
}

export function dntPolicyText(d) {
  switch (d.status) {
    case 'not-fetched': return 'not checked yet';
    case 'absent': return `none (${d.httpStatus ? `HTTP ${d.httpStatus}` : 'not reachable'})`;
    case 'eff': return `EFF’s ${d.version ?? 'DNT policy'}`;
    default: return `served, but not an EFF version${d.reason ? ` (${d.reason})` : ''}`;
  }
}
