/** How the shift logic asks whether a passphrase is this console's (set in ConsoleBackendOptions). */
export interface ConsolePassphraseCheck {
  /** True only if `passphrase` is this console's passphrase. Never stores or logs it. */
  verify(passphrase: string): Promise<boolean>;
}
