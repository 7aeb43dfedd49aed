// The consent phases side by side: what a visitor gets before answering the banner, after
// rejecting and after accepting, by policy category, and the tracking items of each phase.
import { brief, categoryCounts, isTracking, reportItems } from './items.mjs';

const key = i => `${i.kind}\u0000${i.name}\u0000${i.site}`;

// phases: [{phase, consent, status, banner, report}] (scan.mjs consentPhasesUrl). Returns
//   {cmp, categories: [{id, label, none, reject, accept}] (each {cookies, beacons, storage} or
//    null when the phase was not run or not answered),
//    beforeConsent: tracking items of the "none" phase, afterReject, afterAccept (null when not
//    run or not answered; items of afterReject carry beforeConsent: true when they were there
//    before), message: one sentence}
export function consentSummary(phases) {
  const byPhase = Object.fromEntries(phases.map(p => [p.phase, p]));
  const none = byPhase.none?.report;
  if (!none) return null;
  const tracking = report => (report ? reportItems(report).filter(isTracking) : null);
  const before = tracking(none);
  const beforeKeys = new Set(before.map(key));
  const after = phase => {
    const items = tracking(byPhase[phase]?.report);
    return items && items.map(i => ({ ...brief(i), beforeConsent: beforeKeys.has(key(i)) }));
  };
  const counts = phase => {
    const report = byPhase[phase]?.report;
    return report ? Object.fromEntries(categoryCounts(report).map(c => [c.id, { cookies: c.cookies, beacons: c.beacons, storage: c.storage }])) : null;
  };
  const perPhase = { none: counts('none'), reject: counts('reject'), accept: counts('accept') };
  const categories = categoryCounts(none).map(c => ({
    id: c.id, label: c.label, none: perPhase.none[c.id], reject: perPhase.reject?.[c.id] ?? null, accept: perPhase.accept?.[c.id] ?? null,
  }));
  const cmp = phases.find(p => p.banner?.cmp)?.banner.cmp ?? null;
  const summary = { cmp, categories, beforeConsent: before.map(brief), afterReject: after('reject'), afterAccept: after('accept') };
  summary.message = message(summary, byPhase);
  return summary;
}

function message(s, byPhase) {
  const n = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const parts = [`${n(s.beforeConsent.length, 'tracking item')} before consent`];
  for (const [phase, items, verb] of [['reject', s.afterReject, 'after "reject all"'], ['accept', s.afterAccept, 'after "accept all"']]) {
    const p = byPhase[phase];
    if (!p) continue;
    if (!items) parts.push(`${verb}: not measured (${p.status === 'no-banner' ? 'no consent banner recognised' : `banner ${p.status}`})`);
    else parts.push(`${n(items.length, 'tracking item')} ${verb}`);
  }
  return `${s.cmp ? `${s.cmp} banner: ` : ''}${parts.join('; ')}`;
}

// The phases as a terminal block.
export function renderConsentText(summary, phases, { color = false } = {}) {
  if (!summary) return '';
  const bold = s => (color ? `\x1b[1m${s}\x1b[0m` : s);
  const text = s => String(s).replace(/[\u0000-\u001f\u007f-\u009f]/g, c => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const ran = ['none', 'reject', 'accept'].filter(p => phases.some(x => x.phase === p));
  const title = { none: 'before answer', reject: 'after reject', accept: 'after accept' };
  const cell = c => (c ? `${c.cookies}c ${c.beacons}b ${c.storage}s` : 'n/a');
  const width = Math.max(8, ...summary.categories.map(c => text(c.label).length));
  const lines = ['', bold(`CONSENT PHASES${summary.cmp ? ` — ${text(summary.cmp)} banner` : ''}`), `  ${text(summary.message)}`];
  for (const p of phases.filter(x => x.phase !== 'none' && x.status !== 'ok')) {
    lines.push(`  ${p.phase}: ${p.status === 'no-banner' ? 'no consent banner recognised' : `banner ${p.status}`}${p.error ? ` (${text(p.error)})` : ''}`);
  }
  lines.push(`  ${'category'.padEnd(width)}  ${ran.map(p => title[p].padEnd(16)).join('')}(c cookies, b beacons, s storage)`);
  for (const c of summary.categories) lines.push(`  ${text(c.label).padEnd(width)}  ${ran.map(p => cell(c[p]).padEnd(16)).join('')}`.trimEnd());
  const list = (label, items) => {
    if (!items) return;
    lines.push(`  ${label} (${items.length})${items.length ? ':' : ''}`);
    const nameWidth = Math.max(0, ...items.map(i => text(i.name).length));
    const siteWidth = Math.max(0, ...items.map(i => text(i.site).length));
    for (const i of items) {
      lines.push(`    ${i.kind.padEnd(7)} ${text(i.name).padEnd(nameWidth)}  ${text(i.site).padEnd(siteWidth)}  ${i.purpose}` +
                 `${i.beforeConsent === false ? '  (new)' : ''}`);
    }
  };
  list('tracking before consent', summary.beforeConsent);
  list('tracking after "reject all"', summary.afterReject);
  list('tracking after "accept all"', summary.afterAccept);
  return `${lines.join('\n')}\n`;
}
