// Shared by the end-to-end tests: run the CLI, and a testbed with a scratch directory per suite.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestbed } from '@trackscope/testbed';

export const CLI = fileURLToPath(new URL('../bin/trackscope.mjs', import.meta.url));
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
