// Shared by the end-to-end tests, benchmarks and measuring scripts of every package: the testbed
// (real HTTP servers on 127.0.0.1 under invented host names), the system Chromium launched with a
// fresh profile (the scanner's launcher, through its public export), and the scanner's CLI.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { startTestbed } from '@trackscope/testbed';

export { startTestbed };
export { CHROMIUM_PATH, QUIET_ARGS, launchBrowser } from 'trackscope/browser';

// The CLI of the scanner package, wherever it is installed.
export const CLI = createRequire(import.meta.url).resolve('trackscope/bin/trackscope.mjs');
const run = promisify(execFile);

// Runs `trackscope ARGS`; resolves {code, stdout, stderr} whatever the exit status.
export function cli(args, { env = {}, timeout = 180_000 } = {}) {
  return run(process.execPath, [CLI, ...args], { timeout, maxBuffer: 32 << 20, env: { ...process.env, ...env } }).then(
    r => ({ code: 0, ...r }),
    e => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));
}

// Call inside a describe(): starts the testbed before its tests and removes the scratch directory
// after. The returned object's `bed` and `dir` are set once the suite runs; `browserArgs()` are the
// CLI flags that map the testbed's host names to it.
export function useTestbed(prefix) {
  const suite = {
    bed: null,
    dir: null,
    browserArgs: () => suite.bed.browserArgs.map(a => `--browser-arg=${a}`),
  };
  before(async () => {
    suite.bed = await startTestbed();
    suite.dir = fs.mkdtempSync(path.join(os.tmpdir(), `trackscope-${prefix}-`));
  });
  after(async () => {
    await suite.bed?.close();
    if (suite.dir) fs.rmSync(suite.dir, { recursive: true, force: true });
  });
  return suite;
}

// Resolves once predicate() is true (polled every 50 ms); rejects after timeoutMs.
export async function waitUntil(predicate, { timeoutMs = 15_000, what = 'the condition' } = {}) {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}
