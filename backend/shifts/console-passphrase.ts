/**
 * Taking over a LOCKED console needs more than the arriving dispatcher's own PIN (anyone can
 * register a new name): it needs the console passphrase, the secret that opens the encrypted
 * database. The check itself belongs to the at-rest encryption (it knows the key and its KDF);
 * it reaches the shift logic through this interface, set in ConsoleBackendOptions.
 */
import type { BackendContext } from '../context';

export interface ConsolePassphraseCheck {
  /** True only if `passphrase` is this console's passphrase. Never stores or logs it. */
  verify(passphrase: string): Promise<boolean>;
}

/**
 * 'unavailable' while no check is wired: a takeover of a locked console is then refused, never
 * allowed without proof.
 */
export async function verifyConsolePassphrase(
  ctx: BackendContext,
  passphrase: string,
): Promise<'ok' | 'wrong' | 'unavailable'> {
  if (!ctx.consolePassphrase) return 'unavailable';
  return (await ctx.consolePassphrase.verify(passphrase)) ? 'ok' : 'wrong';
}
