import { isMessageKey, translate, type Locale } from '../../../../shared/i18n';

/**
 * A stored override reason reads "<the dispatcher's words> [guard_code, guard_code]"; the words
 * stay as typed, the guard codes are worded in the reader's language.
 */
export function overrideText(locale: Locale, stored: string): string {
  const m = /^(.*) \[([a-z_]+(?:, [a-z_]+)*)\]$/s.exec(stored);
  if (!m) return translate(locale, 'crew.override', { reason: stored });
  const guards = m[2]!.split(', ').map((code) => {
    const key = `guard.${code}`;
    return isMessageKey(key) ? translate(locale, key) : code;
  });
  return translate(locale, 'crew.overrideWithGuards', { reason: m[1]!, guards: guards.join(', ') });
}
