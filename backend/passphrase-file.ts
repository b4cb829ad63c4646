import { readFileSync } from 'node:fs';

/**
 * The console passphrase for scripts, tests and unattended starts: read from the file named by
 * `--passphrase-file` or CONSOLE_PASSPHRASE_FILE (never from an argument or a variable's value,
 * which other local users can read in the process list). One trailing newline is dropped.
 */
export function readPassphraseFile(flag?: string): string | null {
  const file = flag ?? process.env.CONSOLE_PASSPHRASE_FILE;
  if (!file) return null;
  return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
}

/** For CLIs: the passphrase, or a sentence saying how to give it and exit code 2. */
export function requirePassphraseFile(flag?: string): string {
  const passphrase = readPassphraseFile(flag);
  if (passphrase !== null) return passphrase;
  process.stderr.write(
    'The console database is encrypted: give its passphrase with --passphrase-file <file> or CONSOLE_PASSPHRASE_FILE=<file>.\n',
  );
  process.exit(2);
}
