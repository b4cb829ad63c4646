import type { ApiError } from '../../../../shared/api/result';
import { isMessageKey, textFor, translate, type Locale } from '../../../../shared/i18n';

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

/**
 * Why an assignment needs an override, one sentence per guard in the reader's language, from the
 * backend's `error.assign.needsOverride` text (its `guards` param lists the codes); a backend
 * without that text leaves its own sentences.
 */
export function overrideGuards(locale: Locale, error: ApiError): string[] {
  const text = error.text;
  if (text?.kind !== 'error.assign.needsOverride' || typeof text.params.guards !== 'string')
    return Object.values(error.fieldErrors ?? {}).filter(Boolean);
  return text.params.guards
    .split(',')
    .filter(Boolean)
    .map((code) => textFor(locale, { kind: `guardDetail.${code}`, params: text.params }));
}
