import { ApiFailure, fail, type ApiErrorCode, type ApiResult } from '../shared/api/result';
import { peopleText, type PeopleText } from '../shared/api/text';
import { textFor, type MessageKey, type PluralKey } from '../shared/i18n';

/**
 * A failure worded for people: the renderer shows `kind` in the reader's language, and the
 * English `message` (for logs, scripts and older renderers) is the same message key in English,
 * so the two never drift apart.
 */
export function refusal(
  code: ApiErrorCode,
  kind: MessageKey | PluralKey,
  params: PeopleText['params'] = {},
  fieldErrors?: Record<string, string>,
): ApiFailure {
  const text = peopleText(kind, params);
  return new ApiFailure(code, textFor('en', text), fieldErrors, text);
}

/** A refusal as a failed Result, for code that answers instead of throwing. */
export function refusalResult(
  code: ApiErrorCode,
  kind: MessageKey | PluralKey,
  params: PeopleText['params'] = {},
): ApiResult<never> {
  const failure = refusal(code, kind, params);
  return fail(code, failure.message, undefined, failure.text);
}

/** The English of a message key, for a field error that repeats the refusal at its field. */
export const inEnglish = (
  kind: MessageKey | PluralKey,
  params: PeopleText['params'] = {},
): string => textFor('en', peopleText(kind, params));
