// --fail-on RULE[,RULE]: conditions for CI that make `trackscope scan` exit with status 3. Each
// rule reads the reports' findings, items and comparisons (REPORT.md); none classifies anything
// itself.

import { CHANGES } from './diff.mjs';

// Every report of a scan result (scan.mjs scanSite), with the phase it belongs to.
function reports(result) {
  if (result.mode === 'compare') return [['off', result.reports?.off], ['on', result.reports?.on]].filter(([, r]) => r);
  if (result.mode === 'consent') return (result.phases ?? []).filter(p => p.report).map(p => [p.phase, p.report]);
  return result.report ? [['page', result.report]] : [];
}

const where = (phase, result) => (result.mode === 'scan' ? '' : ` [${phase}]`);

// A marketing item: in the category the policy gives advertising (policy.roles), or for
// advertising or social media (a policy that files them elsewhere, beacons in a beacon category).
function isMarketing(report, item) {
  return item.category === report.policy.roles.advertising || item.purpose === 'advertising' || item.purpose === 'social';
}

// The findings of `kind` (those `keep` accepts) as reasons.
function findingsOf(kind, keep = () => true) {
  return result => reports(result).flatMap(([phase, r]) =>
    r.findings.filter(f => f.kind === kind && keep(f)).map(f => `${f.message}${where(phase, result)}`));
}

function signalRule(signal) {
  return result => {
    const out = [];
    const c = result.comparison;
    if (c && c.signal === signal && (c.verdict === 'not-honoured' || c.verdict === 'partly')) {
      out.push(`${signal.toUpperCase()} ${c.verdict}: ${c.reason}`);
    }
    for (const [phase, r] of reports(result)) {
      for (const f of r.findings) {
        if (f.kind === 'signal-contradiction' && f.itemKind === signal && f.severity !== 'info') out.push(`${f.message}${where(phase, result)}`);
      }
    }
    return [...new Set(out)];
  };
}

//   id -> {short, description, needs: "compare-gpc" | "compare-dnt" | "declaration" | null, check(result) -> [reasons]}
export const RULES = {
  'marketing-before-consent': {
    short: 'marketing cookies/beacons before consent (or after reject)',
    description: 'a marketing item (the policy\'s marketing category, or for advertising or social media) is present although the visitor has not consented (or rejected): the core\'s before-consent findings',
    needs: null,
    check: result => reports(result).flatMap(([phase, r]) => {
      const byId = new Map(r.items.map(i => [i.id, i]));
      return r.findings.filter(f => f.kind === 'before-consent').filter(f => {
        const item = byId.get(f.itemId);
        return item ? isMarketing(r, item) : f.observedCategory === r.policy.roles.advertising;
      }).map(f => `${f.message}${where(phase, result)}`);
    }),
  },
  'tracking-after-reject': {
    short: 'tracking items after "reject all" (--consent reject|all)',
    description: 'analytics, advertising or social items are present after the visitor rejected consent (needs --consent reject or all)',
    needs: 'consent-reject',
    check: result => (result.consent?.afterReject ?? []).map(i => `${i.kind} ${i.name} (${i.site}, ${i.purpose}) after "reject all"`),
  },
  'consent-record-mismatch': {
    short: 'a consent record that grants what the visitor rejected (--consent reject|all)',
    description: 'after "reject all", a consent cookie (IAB TCF string, OneTrust groups) still grants consent: what the site\'s vendors read is "yes" (needs --consent reject or all)',
    needs: 'consent-reject',
    check: findingsOf('consent-record-mismatch'),
  },
  'consent-claim-mismatch': {
    short: 'a hit that claims consent the visitor did not give',
    description: 'a hit claims consent in its parameters (Google Consent Mode gcs/gcd granted, a TC string with consent) that the visitor rejected or never gave, or that the page\'s consent record refuses',
    needs: null,
    check: findingsOf('consent-claim-mismatch'),
  },
  'session-recording': {
    short: 'a session recorder (Hotjar, Clarity, FullStory, ...)',
    description: 'the page loads a session-recording product, which records the visitor\'s pointer, clicks, scrolling and typing for replay',
    needs: null,
    check: findingsOf('session-recording'),
  },
  'key-logging': {
    short: 'typed form values sent to a third party before any submit',
    description: 'what the scan typed into the page\'s form fields (a synthetic identity, never submitted) was sent to a third party, plain, encoded or hashed',
    needs: null,
    check: findingsOf('key-logging'),
  },
  'personal-data': {
    short: 'personal data (plain or hashed) in a third-party hit',
    description: 'a third-party hit carries the visitor\'s e-mail address, phone number, name or address parts, plain or hashed (advanced matching, enhanced conversions)',
    needs: null,
    check: findingsOf('personal-data-to-third-party'),
  },
  'sensitive-data': {
    short: 'health, sexual, religious ... data in a third-party hit',
    description: 'a third-party hit carries a special category of data (health, reproductive or sexual health, sexual orientation, religion, political opinion, ethnic origin, financial situation, children, precise location) in its page URL, title, search term, product or event data',
    needs: null,
    check: findingsOf('sensitive-data-to-third-party'),
  },
  'gpc-not-honoured': {
    short: 'GPC not or partly honoured (--compare-signals gpc)',
    description: 'the GPC comparison says not-honoured or partly, or a site that promises to honour GPC tracks with it',
    needs: 'compare-gpc',
    check: signalRule('gpc'),
  },
  'dnt-not-honoured': {
    short: 'DNT not or partly honoured (--compare-signals dnt)',
    description: 'the DNT comparison says not-honoured or partly, or a site that promises to honour DNT tracks with it',
    needs: 'compare-dnt',
    check: signalRule('dnt'),
  },
  'undeclared-tracker': {
    short: 'a tracking third party the declaration omits',
    description: 'a third party that tracks is not in the declaration (needs a policy with a declaration)',
    needs: 'declaration',
    check: findingsOf('undeclared-tracker'),
  },
  'undeclared-cookie': {
    short: 'a tracking cookie the declaration omits',
    description: 'a tracking cookie is not in the declaration, when it lists cookies (needs a declaration)',
    needs: 'declaration',
    check: findingsOf('undeclared-cookie', f => f.severity !== 'info'),
  },
  'lifetime-exceeded': {
    short: 'a cookie that lives longer than declared',
    description: 'a cookie outlives the lifetime its declaration states (needs a declaration with lifetimes, e.g. --declaration cmp)',
    needs: 'declaration',
    check: findingsOf('lifetime-exceeds-declared'),
  },
  'category-mismatch': {
    short: 'an item observed in another category than declared',
    description: 'a cookie or beacon is observed in another category than declared (needs a policy with a declaration)',
    needs: 'declaration',
    check: findingsOf('category-mismatch'),
  },
  'fingerprinting': {
    short: 'a script likely fingerprinting the browser',
    description: 'a script is likely fingerprinting the browser',
    needs: null,
    check: result => reports(result).flatMap(([phase, r]) => r.fingerprinting.filter(f => f.verdict === 'likely')
      .map(f => `${f.scriptUrl || `inline script on ${f.host}`} is likely fingerprinting: ${f.evidence[0] ?? ''}${where(phase, result)}`)),
  },
  'third-party-cookies': {
    short: 'any third-party cookie',
    description: 'a third-party cookie is set',
    needs: null,
    check: result => reports(result).flatMap(([phase, r]) => r.items.filter(i => i.kind === 'cookie' && i.party === 'third')
      .map(i => `third-party cookie ${i.name} (${i.site})${where(phase, result)}`)),
  },
  'scan-error': {
    short: 'the page could not be scanned',
    description: 'the page could not be scanned (batch runs record the error and go on)',
    needs: null,
    check: result => (result.error ? [`${result.url}: ${result.error}`] : []),
  },
};

// Changes since --baseline FILE (diff.mjs): a rule per kind of change, deciding on result.diff.
const CHANGE_WORDS = {
  'new-tracker': 'a third party that tracks, new since the baseline', 'removed-tracker': 'a tracking third party gone since the baseline',
  'new-cookie': 'a cookie new since the baseline', 'removed-cookie': 'a cookie gone since the baseline',
  'new-beacon': 'a web beacon new since the baseline', 'removed-beacon': 'a web beacon gone since the baseline',
  'new-storage': 'a storage item new since the baseline', 'removed-storage': 'a storage item gone since the baseline',
  'category-changed': 'an item in another policy category than in the baseline', 'purpose-changed': 'an item with another purpose',
  'party-changed': 'an item now of the other party', 'lifetime-changed': 'a cookie or storage item with another lifetime',
  'new-finding': 'a finding new since the baseline', 'removed-finding': 'a finding gone since the baseline',
};
for (const change of CHANGES.filter(c => CHANGE_WORDS[c])) {
  RULES[change] = {
    short: `${CHANGE_WORDS[change]} (--baseline)`,
    description: `${CHANGE_WORDS[change]} (needs --baseline FILE; \`trackscope diff\` says the same of two files)`,
    needs: 'baseline',
    check: result => (result.diff?.changes ?? []).filter(c => c.change === change).map(c =>
      `${c.what === 'tracker' ? '' : `${c.what} `}${c.name}${c.site ? ` (${c.site})` : ''}` +
      `${c.from !== undefined && c.to !== undefined ? `: ${c.from} → ${c.to}` : ''}${c.url ? ` [${c.url}]` : ''}`),
  };
}

// Parses the values of --fail-on (repeatable, comma-separated). Returns {ok, rules} or {ok: false,
// message}. `context`: {compare, consent, declaration} to check that each rule can be decided.
export function parseFailOn(values, { compare, consent, declaration, baseline } = {}) {
  const rules = [...new Set(values.flatMap(v => v.split(',')).map(s => s.trim()).filter(Boolean))];
  for (const rule of rules) {
    const r = RULES[rule];
    if (!r) return { ok: false, message: `--fail-on: unknown rule "${rule}"; rules: ${Object.keys(RULES).join(', ')}` };
    if (r.needs === 'compare-gpc' && compare !== 'gpc') return { ok: false, message: `--fail-on ${rule} needs --compare-signals gpc` };
    if (r.needs === 'compare-dnt' && compare !== 'dnt') return { ok: false, message: `--fail-on ${rule} needs --compare-signals dnt` };
    if (r.needs === 'consent-reject' && consent !== 'reject' && consent !== 'all') return { ok: false, message: `--fail-on ${rule} needs --consent reject or all` };
    if (r.needs === 'baseline' && !baseline) return { ok: false, message: `--fail-on ${rule} needs --baseline FILE` };
    if (r.needs === 'declaration' && !declaration) return { ok: false, message: `--fail-on ${rule} needs a policy with a declaration (--policy FILE or --declaration FILE)` };
  }
  return { ok: true, rules };
}

// The rules that fire for a scan result: [{rule, reasons: [text]}].
export function evaluateFailOn(rules, result) {
  const fired = [];
  for (const rule of rules) {
    const reasons = RULES[rule].check(result);
    if (reasons.length) fired.push({ rule, reasons });
  }
  return fired;
}
