import type { PeopleText } from './text';

/**
 * Every API call resolves to a Result, never throws across the process boundary: the renderer
 * shows `error.text` in the reader's language (or, without one, a worded summary of the code with
 * `message` as its technical detail), and `fieldErrors` lets a form put each message at its field.
 */
export type ApiErrorCode =
  | 'invalid_input'
  | 'unknown_operation'
  | 'not_found'
  | 'refused'
  | 'conflict'
  /** Allowed only with an explicit override reason; fieldErrors lists what needs overriding. */
  | 'needs_override'
  | 'unauthorized'
  | 'unavailable'
  /** The console passphrase does not open the database (nothing was changed). */
  | 'wrong_passphrase'
  /** The database is not open yet: unlock the console first. */
  | 'database_locked'
  /** A storage problem (disk full, read-only, damaged); `fault` says which, in words. */
  | 'storage_fault'
  | 'internal';

export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /** Dotted field path -> message, for showing errors at the field. */
  fieldErrors?: Record<string, string>;
  /** With `storage_fault`: the `{kind, params}` the renderer translates. */
  fault?: { kind: string; params: Record<string, string> };
  /** The reason as `{kind, params}` for the renderer to word; `message` is its English. */
  text?: PeopleText;
  /** Each `fieldErrors` path's message as `{kind, params}`, for a form in the reader's language. */
  fieldTexts?: Record<string, PeopleText>;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): ApiResult<T> => ({ ok: true, value });
export const fail = (
  code: ApiErrorCode,
  message: string,
  fieldErrors?: Record<string, string>,
  text?: PeopleText,
  fieldTexts?: Record<string, PeopleText>,
): ApiResult<never> => ({
  ok: false,
  error: {
    code,
    message,
    ...(fieldErrors ? { fieldErrors } : {}),
    ...(text ? { text } : {}),
    ...(fieldTexts ? { fieldTexts } : {}),
  },
});

/** Thrown inside the backend by domain code; the dispatcher turns it into a failed Result. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly fieldErrors?: Record<string, string>,
    /** The same reason as `{kind, params}`, for the reader's language. */
    readonly text?: PeopleText,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}
