// Writing and reading the scanner's files so that nothing is lost: a file is replaced whole or not
// at all, an input is never written over, and a problem is one sentence naming the file.
import fs from 'node:fs';
import path from 'node:path';

// A file the scanner cannot read or write: the message names it and says why, for the user.
// `exitCode`: 1 (the run could not do its work), or 2 for a command line that contradicts itself.
export class FileError extends Error {
  constructor(message, { exitCode = 1 } = {}) {
    super(message);
    this.exitCode = exitCode;
  }
}

// "is a directory", "no such folder", "permission denied", … for an fs error.
export function reason(err) {
  switch (err?.code) {
    case 'EISDIR': return 'is a directory';
    case 'ENOENT': return 'no such file or folder';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ENOSPC': return 'no space left on the device';
    case 'EROFS': return 'read-only file system';
    default: return err?.message ?? String(err);
  }
}

// A file written piece by piece into a temporary file next to it, renamed over `file` by commit():
// whoever reads `file` — or a kill -9 at any moment — finds the old file or the new one, never a
// half-written one. abort() removes the temporary file. Errors are FileErrors.
//   const out = openAtomic('report.json'); out.write('{'); …; out.commit();
export function openAtomic(file) {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd;
  try {
    if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
    fd = fs.openSync(temp, 'w');
  } catch (err) {
    throw new FileError(`cannot write ${file}: ${reason(err)}`);
  }
  const abort = () => {
    if (fd !== null) fs.closeSync(fd);
    fd = null;
    fs.rmSync(temp, { force: true });
  };
  return {
    write(text) {
      try {
        fs.writeSync(fd, text);
      } catch (err) {
        abort();
        throw new FileError(`cannot write ${file}: ${reason(err)}`);
      }
    },
    commit() {
      try {
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        fd = null;
        fs.renameSync(temp, file);
      } catch (err) {
        abort();
        throw new FileError(`cannot write ${file}: ${reason(err)}`);
      }
    },
    abort,
  };
}

// The whole of `parts` (strings) to `file`, atomically (openAtomic).
export function writeFileAtomic(file, ...parts) {
  const out = openAtomic(file);
  for (const part of parts) out.write(part);
  out.commit();
}

// Refuses outputs that are one of the inputs (`analyze x.json --json x.json`): FileError.
//   outputs, inputs: paths ("-" is standard output and never clashes)
export function checkNotInput(outputs, inputs) {
  const real = file => {
    try {
      return fs.realpathSync(file);
    } catch {
      return path.resolve(file);
    }
  };
  const ins = new Map(inputs.filter(Boolean).map(f => [real(f), f]));
  for (const out of outputs.filter(f => f && f !== '-')) {
    if (ins.has(real(out))) {
      throw new FileError(`${out} is an input of this run: not written over (choose another output file)`, { exitCode: 2 });
    }
  }
}

// The text of an input file: FileError naming it when it is missing, a folder or unreadable.
export function readInput(file) {
  try {
    if (fs.statSync(file).isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new FileError(`cannot read ${file}: ${reason(err)}`);
  }
}
