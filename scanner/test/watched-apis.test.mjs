// One list of watched calls, two observers: what the page instrumentation wraps
// (instrument/page-instrument.js: the extension, and the scanner's --observe script) and what the
// DevTools observer sets breakpoints on (devtools-observer.mjs WATCHED) are the same functions,
// found by identity in a page, but for two differences by design:
//   - sendBeacon: the DevTools observer takes beacons from the network (Ping requests and the
//     script on their initiator stack), so it sets no breakpoint on it;
//   - the DevTools observer's `arm` triggers (getContext, the audio contexts' and
//     RTCPeerConnection's constructors): they record nothing, they only set the breakpoints of
//     their group the first time a page makes such an object.
// A function added to one observer and not the other fails this test.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { launchBrowser } from '../src/browser.mjs';
import { instrumentScript } from '../src/capture.mjs';
import { newChannel } from '../src/console-channel.mjs';
import { WATCHED } from '../src/devtools-observer.mjs';

// Where watched functions live: every own function, getter and setter of these is labelled.
const OWNERS = ['globalThis', 'Document.prototype', 'Navigator.prototype', 'Screen.prototype', 'Storage.prototype', 'EventTarget.prototype',
  'Element.prototype', 'Range.prototype', 'HTMLCanvasElement.prototype', 'CanvasRenderingContext2D.prototype', 'WebGLRenderingContext.prototype',
  'WebGL2RenderingContext.prototype', 'BaseAudioContext.prototype', 'AudioContext.prototype', 'OfflineAudioContext.prototype',
  'AnalyserNode.prototype', 'RTCPeerConnection.prototype', 'MediaDevices.prototype', 'SpeechSynthesis.prototype',
  'Intl.DateTimeFormat.prototype', 'FontFaceSet.prototype', 'Permissions.prototype', 'NavigatorUAData.prototype',
  'MutationObserver.prototype', 'HTMLElement.prototype', 'Node.prototype', 'Window.prototype'];

test('the page instrumentation and the DevTools observer watch the same functions', async () => {
  const context = await launchBrowser();
  try {
    const page = await context.newPage();
    await page.route('https://watched.test/', route => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>watched</title>' }));
    await page.goto('https://watched.test/');
    // Every function of OWNERS by identity, before any observer: "Owner.key" (a method or
    // constructor), "Owner.key get", "Owner.key set".
    await page.evaluate(owners => {
      const labels = new Map();
      for (const owner of owners) {
        let object;
        try { object = (0, eval)(owner); } catch { continue; }
        if (!object) continue;
        for (const key of Reflect.ownKeys(object)) {
          if (typeof key !== 'string') continue;
          const d = Object.getOwnPropertyDescriptor(object, key);
          if (typeof d.value === 'function' && !labels.has(d.value)) labels.set(d.value, `${owner}.${key}`);
          if (d.get && !labels.has(d.get)) labels.set(d.get, `${owner}.${key} get`);
          if (d.set && !labels.has(d.set)) labels.set(d.set, `${owner}.${key} set`);
        }
      }
      window.__labels = labels;
      window.__owners = owners;
    }, OWNERS);
    // The DevTools observer's breakpoints, labelled by the functions its expressions find.
    const recording = WATCHED.filter(([, , kind]) => kind !== 'arm');
    const breakpoints = await page.evaluate(entries => entries.map(([api, expression]) => {
      let fn;
      try { fn = (0, eval)(expression); } catch { fn = undefined; }
      return typeof fn === 'function' ? window.__labels.get(fn) ?? `unlabelled ${api}` : null;
    }).filter(Boolean), recording);
    // The instrumentation, installed now; what it replaced.
    await page.evaluate(instrumentScript(newChannel('trackscope')));
    const wrapped = await page.evaluate(() => {
      const changed = [];
      for (const owner of window.__owners) {
        let object;
        try { object = (0, eval)(owner); } catch { continue; }
        if (!object) continue;
        for (const [fn, label] of window.__labels) {
          if (!label.startsWith(`${owner}.`)) continue;
          const [key, which] = label.slice(owner.length + 1).split(' ');
          const d = Object.getOwnPropertyDescriptor(object, key);
          const now = d && (which === 'get' ? d.get : which === 'set' ? d.set : d.value);
          if (now !== fn) changed.push(label);
        }
      }
      return changed;
    });
    const sorted = list => [...new Set(list)].sort();
    assert.ok(breakpoints.length >= 60 && wrapped.length >= 60, `${breakpoints.length} breakpoints, ${wrapped.length} wrappers`);
    assert.deepEqual(sorted(breakpoints.filter(l => !wrapped.includes(l))), [], 'watched by the DevTools observer only');
    assert.deepEqual(sorted(wrapped.filter(l => !breakpoints.includes(l))), ['Navigator.prototype.sendBeacon'], 'wrapped by the instrumentation only');
  } finally {
    await context.close();
  }
});
