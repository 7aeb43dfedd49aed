// Build-time helper for front ends without a bundler (the extension, the widget): copies the
// presentation modules into their build and points their `@trackscope/presentation` imports at
// the copy, so the same sources run in Node (workspace resolution) and in the browser (relative
// URLs; a service worker has no import maps).
//
//   copyPresentation('extension/dist', 'lib/presentation')
//   // dist/popup/render.js: from '@trackscope/presentation/words.mjs'
//   //                    -> from '../lib/presentation/words.mjs'
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const MODULES = ['index.mjs', 'text.mjs', 'words.mjs', 'model.mjs', 'csv.mjs', 'dom.mjs'];
const SPECIFIER = /(from\s+|import\s*\(\s*)(['"])@trackscope\/presentation(\/[\w.-]+)?\2/g;

function scripts(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return scripts(file);
    return /\.m?js$/.test(entry.name) ? [file] : [];
  });
}

// Copies the modules to <outDir>/<subdir>/ and rewrites the imports of every .js/.mjs file under
// outDir. Returns the copied files.
export function copyPresentation(outDir, subdir) {
  const target = path.join(outDir, subdir);
  fs.mkdirSync(target, { recursive: true });
  const copied = MODULES.map(name => {
    fs.copyFileSync(path.join(here, name), path.join(target, name));
    return path.join(target, name);
  });
  for (const file of scripts(outDir)) {
    const text = fs.readFileSync(file, 'utf8');
    const rewritten = text.replace(SPECIFIER, (_, lead, quote, sub) => {
      let rel = path.relative(path.dirname(file), path.join(target, sub ? sub.slice(1) : 'index.mjs')).split(path.sep).join('/');
      if (!rel.startsWith('.')) rel = `./${rel}`;
      return `${lead}${quote}${rel}${quote}`;
    });
    if (rewritten !== text) fs.writeFileSync(file, rewritten);
  }
  return copied;
}
