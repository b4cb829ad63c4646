import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import type { PassphraseMemory } from '../backend/startup-gate';

/**
 * "Remember on this computer" (off unless the dispatcher ticks it): the console passphrase
 * encrypted by the OS keychain through safeStorage (Keychain, DPAPI, libsecret/kwallet). Only
 * offered when the keychain is a real one: on Linux without a secret service safeStorage falls
 * back to a fixed key ('basic_text'), which would be no protection at all.
 */
export function safeStorageMemory(userData: string): PassphraseMemory {
  const file = join(userData, 'console.remembered-passphrase');
  const available =
    safeStorage.isEncryptionAvailable() &&
    (process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text');
  return {
    available,
    load() {
      if (!available || !existsSync(file)) return null;
      try {
        return safeStorage.decryptString(readFileSync(file));
      } catch {
        return null;
      }
    },
    save(passphrase) {
      if (available) writeFileSync(file, safeStorage.encryptString(passphrase), { mode: 0o600 });
    },
    forget() {
      rmSync(file, { force: true });
    },
  };
}
