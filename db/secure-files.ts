import { closeSync, existsSync, fstatSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';

/**
 * Overwrites a file with zeros (fsynced) before unlinking it, so the plaintext of a converted
 * database does not linger in the file's old blocks. On copy-on-write or wear-levelled storage
 * the old blocks may survive anyway: full-disk encryption remains the real answer there.
 */
export function overwriteAndRemove(path: string): void {
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    const zeros = Buffer.alloc(Math.min(size, 1024 * 1024));
    for (let at = 0; at < size; at += zeros.length)
      writeSync(fd, zeros, 0, Math.min(zeros.length, size - at), at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  rmSync(path, { force: true });
}
