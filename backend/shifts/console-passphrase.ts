/**
 * Taking over a LOCKED console needs more than the arriving dispatcher's own PIN (anyone can
 * register a new name): it needs the console passphrase, the secret that opens the encrypted
 * database. The check itself belongs to the at-rest encryption (it knows the key and its KDF);
 * it reaches the shift logic through this interface, set in ConsoleBackendOptions.
 */
import type { BackendContext } from '../context';
import { oneAtATime } from './pin';

export type { ConsolePassphraseCheck } from './console-passphrase-check';

/**
 * Checks run one at a time with the PIN checks (see oneAtATime), so parallel guesses do not
 * multiply the guessing rate. 'unavailable' while no check is wired: a takeover of a locked console is then refused, never
 * allowed without proof.
 */
export async function verifyConsolePassphrase(
  ctx: BackendContext,
  passphrase: string,
): Promise<'ok' | 'wrong' | 'unavailable'> {
  const check = ctx.consolePassphrase;
  if (!check) return 'unavailable';
  return (await oneAtATime(ctx.db, () => check.verify(passphrase))) ? 'ok' : 'wrong';
}
