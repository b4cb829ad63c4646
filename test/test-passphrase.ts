import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KdfParams } from '../db/encryption';

/**
 * The console passphrase tests and benches open their databases with. The KDF cost is lowered so
 * hundreds of short-lived consoles stay fast; the database pages are encrypted exactly as in use.
 */
export const TEST_PASSPHRASE = 'test-console-passphrase';
export const TEST_KDF: KdfParams = { N: 2 ** 10, r: 8, p: 1 };
export const testEncryption = { passphrase: TEST_PASSPHRASE, kdf: TEST_KDF } as const;

/** A passphrase file (mode 0600) in `dir`, for CLIs run with CONSOLE_PASSPHRASE_FILE. */
export function testPassphraseFile(dir: string): string {
  const file = join(dir, 'passphrase.txt');
  writeFileSync(file, `${TEST_PASSPHRASE}\n`, { mode: 0o600 });
  return file;
}
