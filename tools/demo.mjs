// `make demo`: start the bundled testbed, scan its shop page with the trackscope CLI in headless
// Chromium, print the report and write JSON + HTML reports to out/.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestbed } from '../tests/testbed/server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
fs.mkdirSync(path.join(root, 'out'), { recursive: true });

const bed = await startTestbed();
const args = ['scan', bed.url('shop.example', '/'), ...bed.browserArgs.map(a => `--browser-arg=${a}`),
              '--json', 'out/demo-report.json', '--html', 'out/demo-report.html'];
console.log(`testbed: ${bed.hosts.join(', ')} served on 127.0.0.1\n`);
console.log(`$ npx trackscope ${args.map(a => (/[\s*]/.test(a) ? `'${a}'` : a)).join(' ')}\n`);
// The scanner runs as its own process, exactly as a user runs it; the testbed serves meanwhile.
const code = await new Promise(resolve => {
  const child = spawn(process.execPath, [path.join(root, 'scanner', 'bin', 'trackscope.mjs'), ...args],
                      { cwd: root, stdio: 'inherit' });
  child.on('exit', c => resolve(c ?? 1));
});
await bed.close();
process.exit(code);
