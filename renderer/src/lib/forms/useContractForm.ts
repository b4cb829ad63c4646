import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../../../../shared/api/result';
import type { PeopleText } from '../../../../shared/api/text';
import { textFor, type Locale, type MessageKey, type MessageParams } from '../../../../shared/i18n';
import { useI18n } from '../../i18n/I18nProvider';
import { firstInvalid, ownerOf } from './contract-schema';

/**
 * A message as the form keeps it: a message key with its parameters, worded at each render so a
 * language switch rewords the errors on screen; the backend's `{kind, params}` for a field (with
 * its English, used where the text is only the generic "not valid"); or text already worded.
 */
export type FormMessage =
  string | { key: MessageKey; params?: MessageParams } | { text: PeopleText; english: string };

/** A message key kept as data, for `refuse`: `validate(values, formMessage)`. */
export const formMessage = (key: MessageKey, params?: MessageParams): FormMessage => ({
  key,
  params,
});

export interface ContractFormOptions<K extends string> {
  /** The form's fields in tab order; a refused save focuses the first one with an error. */
  order: readonly K[];
  /** The element that takes focus for a field (default: the element with `fieldId(key)`). */
  focusTarget?: (key: K, form: HTMLFormElement | null) => HTMLElement | null;
  /** The DOM id of a field's input. */
  fieldId: (key: K) => string;
  /** The id of the element showing a path's message (default: `${fieldId(path)}-error`). */
  errorId?: (path: string) => string;
  /** Rewrites a server `fieldErrors` path to the form's path ("changes.name" -> "name"). */
  serverPath?: (path: string) => string;
}

export interface ContractForm<K extends string> {
  formRef: React.RefObject<HTMLFormElement | null>;
  /** Messages by field path; a path may be below a field ("phones.1"). */
  errors: Readonly<Record<string, string>>;
  /** The message over the form (role=alert), or null. */
  summary: string | null;
  setSummary: (text: FormMessage | null) => void;
  /** The message at `path` or anything under it. */
  errorAt: (path: string) => string | undefined;
  /** The id of the element showing `path`'s message. */
  errorId: (path: string) => string;
  /** aria-describedby for a field: its extra hints plus its error, if any. */
  describedBy: (path: string, ...extra: string[]) => string | undefined;
  /** Shows these messages and the summary, and focuses the first invalid field. */
  refuse: (errors: Record<string, FormMessage>, summary: FormMessage) => void;
  /** Shows a failed save: the server's fieldErrors at their fields, `summary` on top. */
  refuseFromServer: (error: ApiError, summary: FormMessage) => void;
  focusField: (key: K) => void;
  /** Clears every message (a new attempt starts). */
  clear: () => void;
}

/**
 * One form's error machinery, shared by every dialog that saves through the contract: errors
 * at their fields (the client's checks and the server's `fieldErrors` alike), a summary in an
 * alert, and focus on the first invalid field in tab order so a keyboard user lands on it.
 */
export function useContractForm<K extends string>(
  options: ContractFormOptions<K>,
): ContractForm<K> {
  const formRef = useRef<HTMLFormElement | null>(null);
  const { t, locale } = useI18n();
  const [kept, setErrors] = useState<Record<string, FormMessage>>({});
  const [keptSummary, setSummary] = useState<FormMessage | null>(null);
  const word = (m: FormMessage) => wordFormMessage(locale, t, m);
  const errors = Object.fromEntries(Object.entries(kept).map(([p, m]) => [p, word(m)]));
  const summary = keptSummary === null ? null : word(keptSummary);
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const focusField = useCallback((key: K) => {
    const { focusTarget, fieldId } = optionsRef.current;
    const form = formRef.current;
    const el = focusTarget ? focusTarget(key, form) : document.getElementById(fieldId(key));
    if (el) el.focus();
    else focusMarkedInvalid(formRef.current);
  }, []);

  const refuse = useCallback(
    (next: Record<string, FormMessage>, text: FormMessage) => {
      setErrors(next);
      setSummary(text);
      const first = firstInvalid(optionsRef.current.order, next);
      if (first) focusField(first);
      else focusMarkedInvalid(formRef.current);
    },
    [focusField],
  );

  const refuseFromServer = useCallback(
    (error: ApiError, text: FormMessage) => {
      const { order, serverPath } = optionsRef.current;
      refuse(serverFieldMessages(error, order, serverPath), text);
    },
    [refuse],
  );

  const errorAt = (path: string) =>
    errors[path] ?? Object.entries(errors).find(([p]) => p.startsWith(`${path}.`))?.[1];
  const errorId = (path: string) =>
    options.errorId ? options.errorId(path) : `${options.fieldId(path as K)}-error`;
  const describedBy = (path: string, ...extra: string[]) =>
    [...extra, errorAt(path) ? errorId(path) : ''].filter(Boolean).join(' ') || undefined;

  const clear = useCallback(() => {
    setErrors({});
    setSummary(null);
  }, []);

  return {
    formRef,
    errors,
    summary,
    setSummary,
    errorAt,
    errorId,
    describedBy,
    refuse,
    refuseFromServer,
    focusField,
    clear,
  };
}

/** The server's wording for a value it refused without saying why (a refinement with no key). */
const GENERIC_FIELD_TEXT = 'fieldError.invalid';

/** A kept message in `locale`. */
export function wordFormMessage(
  locale: Locale,
  t: (key: MessageKey, params?: MessageParams) => string,
  m: FormMessage,
): string {
  if (typeof m === 'string') return m;
  if ('key' in m) return t(m.key, m.params);
  return locale === 'en' && m.text.kind === GENERIC_FIELD_TEXT
    ? m.english
    : textFor(locale, m.text);
}

/**
 * The server's refused fields as the form keeps them: each at the form's path, worded from its
 * `{kind, params}` when the server sent one. Paths no field owns (a server-side detail) are
 * left to the summary.
 */
export function serverFieldMessages(
  error: ApiError,
  order: readonly string[],
  serverPath?: (path: string) => string,
): Record<string, FormMessage> {
  const next: Record<string, FormMessage> = {};
  for (const [raw, message] of Object.entries(error.fieldErrors ?? {})) {
    const path = serverPath ? serverPath(raw) : raw;
    const text = error.fieldTexts?.[raw];
    if (ownerOf(path, order)) next[path] = text ? { text, english: message } : message;
  }
  return next;
}

/** After the render, focuses whatever the form marks invalid (a field with no focus target). */
function focusMarkedInvalid(form: HTMLFormElement | null) {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
