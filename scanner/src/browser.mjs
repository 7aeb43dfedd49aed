// Launching the system Chromium for scans and browser tests (playwright-core; no browser
// download). Each launch gets a fresh profile whose settings are those of a default desktop
// Chromium — third-party cookies allowed — so that what a site *would* do to an ordinary visitor
// is observed. (Chromium 156 otherwise starts automation profiles with third-party cookies
// blocked, and a scan would miss every third-party cookie.)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.TRACKSCOPE_CHROMIUM ?? '/usr/bin/chromium';

// Quiet flags for a machine without outside network: no background fetches, no retries.
export const QUIET_ARGS = [
  '--disable-background-networking', '--disable-component-update', '--no-first-run',
  '--disable-sync', '--disable-default-apps', '--disable-domain-reliability', '--metrics-recording-only',
  '--disable-features=OptimizationHints,MediaRouter,Translate',
];

// Pages see an ordinary desktop browser, not an automated one (scanner/src/visitor.mjs, OBSERVER.md):
// navigator.webdriver stays false, and the user agent is a desktop Chrome's of the same version
// instead of "HeadlessChrome".
export const AUTOMATION_HIDDEN_ARGS = ['--disable-blink-features=AutomationControlled'];
let cachedUserAgent = null;  // null: not asked yet; undefined: the version could not be read
export function desktopUserAgent() {
  if (cachedUserAgent !== null) return cachedUserAgent;
  let major = '';
  try {
    major = /(\d+)\.\d+\.\d+/.exec(execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', timeout: 20000, stdio: ['ignore', 'pipe', 'ignore'] }))?.[1] ?? '';
  } catch { /* not found: Playwright's own error comes at launch */ }
  const platform = { darwin: 'Macintosh; Intel Mac OS X 10_15_7', win32: 'Windows NT 10.0; Win64; x64' }[process.platform] ?? 'X11; Linux x86_64';
  cachedUserAgent = major ? `Mozilla/5.0 (${platform}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${major}.0.0.0 Safari/537.36` : undefined;
  return cachedUserAgent;
}

function writeProfile(dir, { blockThirdPartyCookies }) {
  fs.mkdirSync(path.join(dir, 'Default'), { recursive: true });
  const prefs = { profile: { cookie_controls_mode: blockThirdPartyCookies ? 1 : 0, block_third_party_cookies: blockThirdPartyCookies } };
  fs.writeFileSync(path.join(dir, 'Default', 'Preferences'), JSON.stringify(prefs));
}

// Chromium's sandbox stays on: it loads untrusted pages. Chromium refuses it to root, so a scanner
// running as root (a container's default user) runs without it and says so once, with the reason.
let sandboxWarned = false;
export function useSandbox({ uid = process.getuid?.(), warn = message => process.stderr.write(`trackscope: ${message}\n`) } = {}) {
  if (uid !== 0) return true;
  if (!sandboxWarned) {
    sandboxWarned = true;
    warn('Chromium runs without its sandbox: this process runs as root, and Chromium refuses its sandbox to root; run as an ordinary user to keep it');
  }
  return false;
}

// Returns a Playwright persistent BrowserContext; closing it removes the profile.
//   args: extra Chromium flags (e.g. --host-resolver-rules=...)
//   extensionDir: an unpacked extension to load
//   userAgent, viewport: as in Playwright (default user agent: desktopUserAgent())
//   backForwardCache: keep Chromium's back/forward cache on, as in a desktop browser (Playwright
//     switches it off by default; scans never go back, the extension's tests do)
export async function launchBrowser({ args = [], extensionDir, headless = true, userAgent, viewport,
                                      blockThirdPartyCookies = false, backForwardCache = false } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trackscope-profile-'));
  writeProfile(dir, { blockThirdPartyCookies });
  const launchArgs = [...QUIET_ARGS, ...AUTOMATION_HIDDEN_ARGS, ...args];
  if (extensionDir) {
    launchArgs.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`);
    if (headless) launchArgs.push('--headless=new');
  }
  const ignoreHTTPSErrors = args.includes('--ignore-certificate-errors');
  let context;
  try {
    context = await chromium.launchPersistentContext(dir, {
      executablePath: CHROMIUM_PATH, headless, args: launchArgs, ignoreHTTPSErrors, chromiumSandbox: useSandbox(),
      userAgent: userAgent ?? desktopUserAgent(),
      // The scanner stops its browsers itself on SIGTERM / SIGINT (a batch finishes its sites in
      // flight first), instead of Playwright killing them under it.
      handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
      viewport: viewport ?? { width: 1280, height: 800 },
      ignoreDefaultArgs: backForwardCache ? ['--disable-back-forward-cache'] : undefined,
    });
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const close = context.close.bind(context);
  context.close = async (...a) => {
    try { await close(...a); } finally { fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 }); }
  };
  // Ends the browser at once when it does not answer any more (a hung page, a site deadline):
  // SIGKILL to the process started with this profile, then the profile is removed.
  context.kill = () => {
    for (const pid of processesWithArg(`--user-data-dir=${dir}`)) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone already */ }
    }
    // The dying browser may still be writing its profile: try again a little later.
    const remove = (tries = 5) => {
      try { fs.rmSync(dir, { recursive: true, force: true }); } catch { if (tries > 0) setTimeout(() => remove(tries - 1), 500).unref(); }
    };
    remove();
  };
  return context;
}

// One Chromium for many visits, each in a context of its own: what the scanner reuses (a
// batch, the visits of one site). The browser is launchBrowser's — a persistent profile
// with a desktop Chromium's settings, which its new contexts inherit (third-party cookies
// allowed) — started on the first visit. Contexts do not share cookies, storage, cache or
// service workers. A context's kill() ends the whole browser, for a context that cannot be closed
// (a hung page); the next visit starts a new one.
// Visits that find the browser gone at the same moment (it was killed under them) share the one
// new browser that the first of them starts. `launch` is launchBrowser (replaced in tests).
//   const browsers = visitBrowser({ args });
//   const context = await browsers.newContext({ userAgent, options });  ...  await context.close();
//   await browsers.close();
// Blink's own navigator.globalPrivacyControl (false), as in a browser that supports GPC: a page's
// reads of it are seen without anything defined in the page (the DevTools observer watches the
// native getter; the instrumentation's signal script, when it runs, replaces it).
export const SCAN_ARGS = ['--enable-blink-features=GlobalPrivacyControl'];

export function visitBrowser({ args = [], launch = launchBrowser } = {}) {
  let launched = null;  // Promise of the persistent context whose browser makes the contexts
  const ignoreHTTPSErrors = args.includes('--ignore-certificate-errors');
  return {
    async newContext({ userAgent, options = {} } = {}) {
      let persistent, own;
      for (;;) {
        own = launched;
        persistent = own && await own.catch(() => null);
        if (persistent?.browser()?.isConnected()) break;
        if (launched !== own) continue;  // another visit started a new browser meanwhile: use it
        own = launch({ args: [...SCAN_ARGS, ...args] });
        launched = own;
        const mine = own;
        mine.catch(() => { if (launched === mine) launched = null; });
        persistent = await mine;  // a failed launch fails this visit
        break;
      }
      // `options`: profile.mjs contextOptions (a device's viewport and user agent, locale, ...).
      const ua = userAgent ?? options.userAgent ?? desktopUserAgent();
      const context = await persistent.browser().newContext({ viewport: { width: 1280, height: 800 }, ...options,
                                                               ignoreHTTPSErrors, userAgent: ua });
      context.userAgent = ua;  // what its pages see (capture `visit`)
      context.kill = () => {
        if (launched === own) launched = null;
        persistent.kill();
      };
      return context;
    },
    async close() {
      const last = launched;
      launched = null;
      const persistent = last && await last.catch(() => null);
      await persistent?.close().catch(() => persistent.kill());
    },
  };
}

// Process ids (Linux /proc) whose command line holds `arg`; empty elsewhere.
function processesWithArg(arg) {
  let entries = [];
  try { entries = fs.readdirSync('/proc').filter(e => /^\d+$/.test(e)); } catch { return []; }
  const found = [];
  for (const pid of entries) {
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(arg)) found.push(Number(pid));
    } catch { /* exited meanwhile */ }
  }
  return found;
}
