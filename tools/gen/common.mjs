// Shared helpers for the build-time table generators: provenance of an input file and writing a
// generated file only when its content changed (keeps incremental builds incremental).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';

export function sha256(bytes) {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

// Version of the Debian package that owns `file`, or "unknown" when dpkg cannot tell.
export function debianPackageOf(file) {
  try {
    const owner = execFileSync('dpkg-query', ['-S', file], { encoding: 'utf8' }).split(':')[0].trim();
    const version = execFileSync('dpkg-query', ['-W', '-f=${Version}', owner], { encoding: 'utf8' }).trim();
    return `${owner} ${version}`;
  } catch {
    return 'unknown';
  }
}

export function writeIfChanged(file, text) {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return;
  fs.writeFileSync(file, text);
}

// Fails the build loudly: generators must never emit a silently wrong table.
export function fail(message) {
  console.error(`error: ${message}`);
  process.exit(1);
}

// C++ string literal for arbitrary (ASCII-safe or not) text.
export function cppString(s) {
  return JSON.stringify(s).replace(/\?/g, '\\?');
}
