import { useCallback } from 'react';
import type { ApiError } from '../../../shared/api/result';
import {
  isMessageKey,
  isTextKind,
  textFieldLabel,
  textFor,
  translate,
  type Locale,
} from '../../../shared/i18n';
import { useI18n } from '../i18n/I18nProvider';

/**
 * A failed call's reason in the reader's language: the backend's `{kind, params}` when it sent
 * one; otherwise, in English, its message (or the message at `field`), and in another language a
 * worded summary of the error code with the English message labelled as the technical detail.
 */
export function errorText(locale: Locale, error: ApiError, field?: string): string {
  const atField = field ? error.fieldTexts?.[field] : undefined;
  if (atField && locale !== 'en') return textFor(locale, atField);
  if (error.text && isTextKind(error.text.kind)) return textFor(locale, error.text);
  if (locale === 'en') return (field && error.fieldErrors?.[field]) || error.message;
  const codeKey = `error.code.${error.code}`;
  const summary = isMessageKey(codeKey) ? translate(locale, codeKey) : '';
  if (error.code === 'internal' || !error.message) return summary || error.message;
  const fields = Object.entries(error.fieldTexts ?? {});
  if (fields.length > 0) {
    // A refused input is worded per field (the backend's zod checks), not as technical detail.
    const each = fields.map(
      ([path, text]) => `${textFieldLabel(locale, path)}: ${textFor(locale, text)}`,
    );
    return [summary, ...each].filter(Boolean).join(' ');
  }
  const detail = translate(locale, 'error.technicalDetail', { detail: error.message });
  return summary ? `${summary} ${detail}` : detail;
}

/** `errorText` in the current language. */
export function useErrorText(): (error: ApiError, field?: string) => string {
  const { locale } = useI18n();
  return useCallback((error, field) => errorText(locale, error, field), [locale]);
}
