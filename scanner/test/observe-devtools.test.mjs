// `scan --observe devtools` (scanner/src/devtools-observer.mjs): script calls observed through the
// DevTools protocol only. It must record what the instrumentation records for cookies, storage,
// sendBeacon and DNT/GPC reads — in the page and in out-of-process frames — give the same report
// items on the testbed shop (keepalive fetches apart), and answer the one check no in-page
// observer can: the stack a page callback sees inside a watched setter.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { launchBrowser, visitBrowser } from '../src/browser.mjs';
import { capturePage } from '../src/capture.mjs';
import { cookieChanges, cookieWrites } from '../src/devtools-observer.mjs';
import { scanUrl } from '../src/scan.mjs';
import { cli, useTestbed } from '@trackscope/test-support';

test('cookieChanges: new, changed and removed cookies as cookie strings', () => {
  assert.deepEqual(cookieChanges('', 'a=1'), ['a=1']);
  assert.deepEqual(cookieChanges('a=1; b=2', 'a=1; b=3; c=x=y'), ['b=3', 'c=x=y']);
  assert.deepEqual(cookieChanges('a=1; b=2', 'b=2'), ['a=; Max-Age=0']);
  assert.deepEqual(cookieChanges('a=1', 'a=1'), []);
  assert.deepEqual(cookieChanges('', 'novalue'), ['novalue']);
});

test('cookieWrites: the string read back, checked against what changed', () => {
  // Read back and confirmed: kept with its attributes.
  assert.deepEqual(cookieWrites('uid=1; max-age=60; path=/', ['uid=1']), ['uid=1; max-age=60; path=/']);
  // A value made of Date.now() or Math.random(): the cookies' value, the source's attributes.
  assert.deepEqual(cookieWrites('_fbp=fb.1.1700000000001; max-age=60', ['_fbp=fb.1.1700000000000']), ['_fbp=fb.1.1700000000000; max-age=60']);
  // The same value written again (nothing changed), and a removal.
  assert.deepEqual(cookieWrites('a=1; path=/', []), ['a=1; path=/']);
  assert.deepEqual(cookieWrites('a=; max-age=0', ['a=; Max-Age=0']), ['a=; max-age=0']);
  // Not readable from the source: what changed; another cookie changed meanwhile: reported too.
  assert.deepEqual(cookieWrites(null, ['a=1', 'b=; Max-Age=0']), ['a=1', 'b=; Max-Age=0']);
  assert.deepEqual(cookieWrites('a=1', ['a=1', 'c=3']), ['a=1', 'c=3']);
});

describe('observing through the DevTools protocol (testbed)', () => {
  const suite = useTestbed('observe-devtools');

  async function capture(host, page, observe) {
    const context = await launchBrowser({ args: suite.bed.browserArgs });
    try {
      return await capturePage(context, suite.bed.url(host, page), { settleMs: 1000, observe });
    } finally {
      await context.close();
    }
  }
  // Events as comparable lines: kind, api, what was written (a cookie's name=value), calling script.
  const lines = events => events.filter(e => e.kind !== 'fingerprint' && e.kind !== 'listener').map(e => {
    const what = e.kind === 'cookie-write' ? e.value.split(';')[0].replace(/\d[\d.]{5,}/g, 'N') : e.kind === 'beacon' ? `${e.url} ${e.value}` : `${e.key ?? ''}=${e.value ?? ''}`;
    return `${e.kind} ${e.api} ${what} by ${e.scriptUrl} in ${e.frameUrl}`;
  });

  test('the page and its cross-site frame: the same writes, reads and beacons as the instrumentation', async () => {
    const script = await capture('shop.example', '/framed-writes.html', 'script');
    const devtools = await capture('shop.example', '/framed-writes.html', 'devtools');
    assert.equal(devtools.error, null);
    const expected = [...new Set(lines(script.capture.events))].sort();
    assert.deepEqual([...new Set(lines(devtools.capture.events))].sort(), expected);
    // What this asserts: the frame's writes, with its script, in its document.
    const frameScript = 'https://fp.tracker.example/frame-writes.js';
    const frameDoc = 'https://fp.tracker.example/frame-writes.html';
    for (const line of [`cookie-write document.cookie fr_uid=f-71c2 by ${frameScript} in ${frameDoc}`,
                        `storage-write localStorage.setItem fr_key=f-71c2 by ${frameScript} in ${frameDoc}`,
                        `navigator-read navigator.doNotTrack doNotTrack= by ${frameScript} in ${frameDoc}`]) {
      assert.ok(expected.includes(line), `${line}\nin ${expected.join('\n')}`);
    }
    assert.ok(expected.some(l => l.startsWith('cookie-write document.cookie top_pref=t-1 by https://shop.example/framed-writes.html')));
    // A value made of the time when it was written: as the browser stored it, with its attributes.
    const seenWrite = devtools.capture.events.find(e => e.kind === 'cookie-write' && e.value.startsWith('top_seen='));
    const seenCookie = devtools.capture.cookies.find(c => c.name === 'top_seen');
    assert.equal(seenWrite?.value, `top_seen=${seenCookie?.value}; Max-Age=3600; Path=/`);
    assert.match(devtools.notes.join('\n'), /observed through the DevTools protocol/);
    assert.doesNotMatch(script.notes.join('\n'), /DevTools protocol/);
  });

  test('the shop: the same report items, findings and fingerprinting (canvas read-backs included) as with the instrumentation', async () => {
    const browsers = visitBrowser({ args: suite.bed.browserArgs });
    try {
      for (const page of ['/everything.html', '/fingerprint.html', '/storage.html', '/recording.html']) {
        const seen = {};
        for (const observe of ['script', 'devtools']) {
          const { report, error } = await scanUrl(suite.bed.url('shop.example', page), { browsers, settleMs: 1000, observe, visitor: { input: true, dwellMs: 1500 } });
          assert.ok(report, `${page} (${observe}): ${error}`);
          seen[observe] = {
            items: report.items.map(i => `${i.id} ${i.category ?? ''}`).sort(),
            findings: report.findings.map(f => f.kind).sort(),
            storage: report.storage.map(i => `${i.area} ${i.key} ${i.writes} writes by ${i.scripts}`).sort(),
            fingerprinting: report.fingerprinting.map(f => ({ script: f.scriptUrl, verdict: f.verdict, counts: f.counts, techniques: f.techniques,
                                                              evidence: f.evidence })),
          };
        }
        assert.deepEqual(seen.devtools, seen.script, page);
        // What each page is there for.
        const { items, findings, fingerprinting } = seen.devtools;
        const shown = { '/everything.html': items.length >= 10, '/storage.html': items.length >= 2, '/recording.html': findings.includes('session-recording'),
                        '/fingerprint.html': fingerprinting.some(f => f.verdict === 'likely' && f.techniques.includes('canvas')) }[page];
        assert.ok(shown, `${page}: ${JSON.stringify(seen.devtools)}`);
      }
    } finally {
      await browsers.close();
    }
  });

  test('every watched call: the same events, keys, final counts and canvases as the instrumentation', async () => {
    // One line per event, fingerprints by their final count (the instrumentation sends its first
    // calls at once and later counts in batches; the last count is what the core keeps).
    const every = events => {
      const out = new Map();
      for (const e of events) {
        const what = e.kind === 'cookie-write' ? e.value.split(';')[0] : e.kind === 'beacon' ? `${e.url} ${e.value}` : `${e.key ?? ''}=${e.value ?? ''}`;
        const id = `${e.kind} ${e.api} ${what} by ${e.scriptUrl}`;
        const count = e.kind === 'fingerprint' ? Math.max(e.count ?? 1, out.get(id)?.count ?? 0) : 1;
        out.set(id, { count, canvas: e.canvas ?? out.get(id)?.canvas });
      }
      return [...out].map(([id, { count, canvas }]) => `${id}${count > 1 ? ` x${count}` : ''}${canvas ? ` ${JSON.stringify(canvas)}` : ''}`).sort();
    };
    const script = await capture('fp.tracker.example', '/every-call.html', 'script');
    const devtools = await capture('fp.tracker.example', '/every-call.html', 'devtools');
    assert.equal(devtools.error, null);
    const expected = every(script.capture.events);
    assert.deepEqual(every(devtools.capture.events), expected);
    // What the page is there for: each kind of event, fingerprinting of every family.
    const by = 'by https://fp.tracker.example/every-call.js';
    for (const line of ['cookie-write document.cookie ec_uid=e-5150', 'storage-write localStorage.setItem ec_key=e-5150', 'navigator-read navigator.doNotTrack doNotTrack=',
                        'fingerprint navigator.userAgent = ' + by + ' x3', 'fingerprint document.fonts.check = ' + by + ' x2',
                        'fingerprint WebGLRenderingContext.getParameter UNMASKED_RENDERER_WEBGL=', 'fingerprint OfflineAudioContext.createOscillator =',
                        'fingerprint RTCPeerConnection.onicecandidate =', 'fingerprint navigator.permissions.query notifications=', 'listener EventTarget.addEventListener mousemove=',
                        'beacon fetch https://collect.metrics.example/k ec=1', 'fingerprint HTMLCanvasElement.toDataURL =']) {
      assert.ok(expected.some(l => l.startsWith(line)), `${line}\nin ${expected.join('\n')}`);
    }
  });

  test('keys and values read back from the calls\' source: listener types, WebGL names, keepalive fetches, cookie strings, drawn canvases', async () => {
    const script = await capture('shop.example', '/everything.html', 'script');
    const devtools = await capture('shop.example', '/everything.html', 'devtools');
    const pick = events => events.filter(e => e.kind === 'fingerprint' && (e.key || e.canvas) || e.kind === 'listener' || e.api === 'fetch' || e.kind === 'cookie-write')
      .map(e => `${e.kind} ${e.api} ${e.key ?? ''} ${e.kind === 'cookie-write' ? e.value.replace(/=[^;]*/, '=…') : e.url ?? ''}${e.canvas ? JSON.stringify(e.canvas) : ''} by ${e.scriptUrl}`
        .replace(/\?.*? by/, ' by'));
    const expected = [...new Set(pick(script.capture.events))].sort();
    assert.deepEqual([...new Set(pick(devtools.capture.events))].sort(), expected);
    // Values made with Date.now() and Math.random() (_fbp, _ga): as the browser stored them.
    for (const name of ['_fbp', '_ga', '_mt_id']) {
      const write = devtools.capture.events.find(e => e.kind === 'cookie-write' && e.value.startsWith(`${name}=`));
      const stored = devtools.capture.cookies.find(c => c.name === name);
      assert.equal(write?.value.split(';')[0], `${name}=${stored?.value}`, name);
    }
    for (const line of ['fingerprint WebGLRenderingContext.getParameter UNMASKED_RENDERER_WEBGL  by https://fp.tracker.example/fp.js',
                        'beacon fetch  https://collect.metrics.example/k by https://cdn.shop.example/tags.js',
                        'fingerprint HTMLCanvasElement.toDataURL  {"width":240,"height":60,"textLength":29,"colors":3,"shapes":1,"interactive":false} by https://fp.tracker.example/fp.js',
                        'cookie-write document.cookie  _ga=…; path=/; max-age=63072000; samesite=lax by https://cdn.shop.example/tags.js']) {
      assert.ok(expected.includes(line), `${line}\nin\n${expected.join('\n')}`);
    }
  });

  test('with GPC sent, the page\'s read of navigator.globalPrivacyControl (the signal\'s getter) is seen', async () => {
    const browsers = visitBrowser({ args: suite.bed.browserArgs });
    try {
      const reads = {};
      for (const observe of ['script', 'devtools']) {
        const { capture } = await scanUrl(suite.bed.url('shop.example', '/everything.html'), { browsers, settleMs: 1000, observe, signals: { gpc: true },
                                                                                               visitor: { input: false, dwellMs: 0 } });
        reads[observe] = capture.events.filter(e => e.kind === 'navigator-read').map(e => `${e.api} by ${e.scriptUrl}`).sort();
      }
      assert.ok(reads.devtools.includes('navigator.globalPrivacyControl by https://shop.example/everything.html'), reads.devtools.join('\n'));
      assert.deepEqual([...new Set(reads.devtools)], [...new Set(reads.script)]);
    } finally {
      await browsers.close();
    }
  });

  test('real-world pages (DuckDuckGo\'s privacy-test-pages): storage writes of the page and its third-party frames, a GPC read', async () => {
    const browsers = visitBrowser({ args: suite.bed.browserArgs });
    try {
      const storage = await scanUrl('https://privacy-test-pages.site/privacy-protections/storage-blocking/?store', { browsers, settleMs: 1500, observe: 'devtools' });
      const writes = storage.capture.events.filter(e => e.kind === 'storage-write' && e.scriptUrl).map(e => `${e.api} ${new URL(e.scriptUrl).host}`).sort();
      assert.deepEqual(writes, ['broken.third-party.site', 'good.third-party.site', 'privacy-test-pages.site']
        .flatMap(host => [`localStorage.setItem ${host}`, `sessionStorage.setItem ${host}`]).sort());
      // Nothing defined in the page: the read is of Blink's own getter.
      const gpc = await scanUrl('https://privacy-test-pages.site/privacy-protections/gpc/?run', { browsers, settleMs: 1500, observe: 'devtools' });
      assert.ok(gpc.capture.events.some(e => e.kind === 'navigator-read' && e.api === 'navigator.globalPrivacyControl'),
                JSON.stringify(gpc.capture.events.filter(e => e.kind === 'navigator-read')));
    } finally {
      await browsers.close();
    }
  });

  test('a page that counts the frames its callbacks see finds the instrumentation, not the DevTools observer', async () => {
    const url = suite.bed.url('evasion.example', '/callbacks/stack.html');
    const detected = () => suite.bed.received.filter(r => r.path.startsWith('/detected?page=callback-stack')).length;
    // Calibration: a browser without observer is not taken for one.
    const context = await launchBrowser({ args: suite.bed.browserArgs });
    try {
      const page = await context.newPage();
      await page.goto(url);
      assert.equal(await page.title(), 'tracked');
    } finally {
      await context.close();
    }
    const browsers = visitBrowser({ args: suite.bed.browserArgs });
    try {
      const before = detected();
      const inPage = await scanUrl(url, { browsers, settleMs: 1000, observe: 'script' });
      assert.equal(detected(), before + 1, 'the check works: an in-page wrapper adds a frame (OBSERVER.md, "What is not hidden")');
      assert.ok(!inPage.report.items.some(i => i.id.startsWith('cookie:_ev_uid')));
      const { report, capture } = await scanUrl(url, { browsers, settleMs: 1000, observe: 'devtools' });
      assert.equal(detected(), before + 1, 'the DevTools observer was seen');
      const ids = report.items.map(i => i.id);
      for (const found of [/^cookie:_ev_uid@evasion\.example\//, /^cookie:adnet_uid@\.?adnet\.example\//, /^beacon:.*collect\.metrics\.example/]) {
        assert.ok(ids.some(id => found.test(id)), `${found} in ${ids}`);
      }
      assert.ok(capture.events.some(e => e.kind === 'cookie-write' && e.value.startsWith('_ev_uid=') && e.scriptUrl === 'https://evasion.example/track.js'),
                'the cookie write is attributed to the script that wrote it');
    } finally {
      await browsers.close();
    }
  });

  test('the CLI: --observe devtools scans; another value is refused', async () => {
    const json = path.join(suite.dir, 'framed.json');
    const ok = await cli(['scan', suite.bed.url('shop.example', '/framed-writes.html'), '--observe', 'devtools', '--no-visitor', '--settle', '1000',
                          '--json', json, ...suite.browserArgs()]);
    assert.equal(ok.code, 0, ok.stderr);
    const report = JSON.parse(fs.readFileSync(json, 'utf8'));
    assert.ok(report.items.some(i => i.id.startsWith('cookie:fr_uid@')), JSON.stringify(report.items.map(i => i.id)));
    const bad = await cli(['scan', 'https://shop.example/', '--observe', 'wrappers']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--observe must be script or devtools, not "wrappers"/);
  });
});
