import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleBackend } from '../../backend/console-backend';
import { testEncryption, testPassphraseFile } from '../test-passphrase';
import { sampleResponder, value } from './helpers';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

describe('npm run backup', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (args: string[], passphraseFile: string) =>
    run(
      tsx,
      ['scripts/backup.ts', ...args, '--data-dir', dir, '--passphrase-file', passphraseFile],
      {
        cwd: root,
      },
    ).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('writes an encrypted snapshot, refuses a wrong passphrase in words, and restores', async () => {
    dir = mkdtempSync(join(tmpdir(), 'backup-cli-'));
    const file = join(dir, 'console.sqlite');
    const backend = createConsoleBackend({ ...testEncryption, dbFile: file });
    value(await backend.call('createResponder', { ...sampleResponder, name: 'Ximena Fictitia' }));
    backend.close();
    const passphrase = testPassphraseFile(dir);
    const out = join(dir, 'snapshot.sqlite');

    const done = await cli([out], passphrase);
    expect(done.code).toBe(0);
    expect(readFileSync(out).includes('Ximena Fictitia')).toBe(false);

    const wrongFile = join(dir, 'wrong.txt');
    writeFileSync(wrongFile, 'not the passphrase\n');
    const wrong = await cli(['--restore', out], wrongFile);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe('That passphrase does not open this backup. Nothing was changed.\n');

    rmSync(file);
    const restored = await cli(['--restore', out], passphrase);
    expect(restored.code).toBe(0);
    expect(existsSync(file)).toBe(true);
    const reopened = createConsoleBackend({ ...testEncryption, dbFile: file });
    try {
      const people = value(await reopened.call('listResponders', { limit: 5 }));
      expect(people.map((p) => p.name)).toEqual(['Ximena Fictitia']);
    } finally {
      reopened.close();
    }
    expect(readdirSync(dir).filter((f) => f.startsWith('console.replaced-'))).toEqual([]);
  });
});
