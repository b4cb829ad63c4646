import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../../../../shared/api/result';
import { firstInvalid, ownerOf } from './contract-schema';

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
  setSummary: (text: string | null) => void;
  /** The message at `path` or anything under it. */
  errorAt: (path: string) => string | undefined;
  /** The id of the element showing `path`'s message. */
  errorId: (path: string) => string;
  /** aria-describedby for a field: its extra hints plus its error, if any. */
  describedBy: (path: string, ...extra: string[]) => string | undefined;
  /** Shows these messages and the summary, and focuses the first invalid field. */
  refuse: (errors: Record<string, string>, summary: string) => void;
  /** Shows a failed save: the server's fieldErrors at their fields, `summary` on top. */
  refuseFromServer: (error: ApiError, summary: string) => void;
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
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
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
    (next: Record<string, string>, text: string) => {
      setErrors(next);
      setSummary(text);
      const first = firstInvalid(optionsRef.current.order, next);
      if (first) focusField(first);
      else focusMarkedInvalid(formRef.current);
    },
    [focusField],
  );

  const refuseFromServer = useCallback(
    (error: ApiError, text: string) => {
      const { order, serverPath } = optionsRef.current;
      const next: Record<string, string> = {};
      for (const [raw, message] of Object.entries(error.fieldErrors ?? {})) {
        const path = serverPath ? serverPath(raw) : raw;
        // Paths no field owns (a server-side detail) are left to the summary.
        if (ownerOf(path, order)) next[path] = message;
      }
      refuse(next, text);
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

/** After the render, focuses whatever the form marks invalid (a field with no focus target). */
function focusMarkedInvalid(form: HTMLFormElement | null) {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
