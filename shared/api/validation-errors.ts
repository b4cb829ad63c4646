import type { z } from 'zod';
import { isTextKind, type MessageKey } from '../i18n';
import { peopleText, type PeopleText } from './text';

/** The parts of a zod 4 issue the wording reads (the issue union, loosely). */
interface IssueParts {
  code: string;
  message: string;
  origin?: string;
  format?: string;
  pattern?: string;
  maximum?: number | bigint;
  minimum?: number | bigint;
  inclusive?: boolean;
  divisor?: number | bigint;
  input?: unknown;
  params?: Record<string, unknown>;
}

const FORMAT_KEYS: Record<string, string> = {
  uuid: 'fieldError.format.id',
  datetime: 'fieldError.format.datetime',
  date: 'fieldError.format.date',
  time: 'fieldError.format.time',
  url: 'fieldError.format.url',
  email: 'fieldError.format.email',
};

/** Texts for patterns a schema words itself (`wordedPattern`), by the pattern's source. */
const PATTERN_TEXTS = new Map<string, PeopleText>();

/**
 * A regex whose refusal is worded as `kind`: zod keeps only the pattern on the issue, so the
 * wording is looked up by it.
 */
export function wordedPattern(
  pattern: RegExp,
  kind: MessageKey,
  params: PeopleText['params'] = {},
): RegExp {
  PATTERN_TEXTS.set(String(pattern), peopleText(kind, params));
  return pattern;
}

const LENGTH_ORIGINS = new Set(['string']);
const COUNT_ORIGINS = new Set(['array', 'set', 'map']);

/**
 * A zod issue as text for people: what is wrong with the value, with its limit as a parameter.
 * A refinement names its own message key in `params.kind` (`.refine(f, { params: { kind } })`);
 * one that does not is "not a valid value" (its English message stays the technical detail).
 */
export function issueText(issue: IssueParts): PeopleText {
  const limit = (n: number | bigint | undefined) => Number(n ?? 0);
  switch (issue.code) {
    case 'too_big': {
      const count = limit(issue.maximum);
      if (LENGTH_ORIGINS.has(issue.origin ?? ''))
        return peopleText('fieldError.tooLong', { count });
      if (COUNT_ORIGINS.has(issue.origin ?? '')) return peopleText('fieldError.tooMany', { count });
      return issue.inclusive === false
        ? peopleText('fieldError.lessThan', { limit: count })
        : peopleText('fieldError.atMost', { limit: count });
    }
    case 'too_small': {
      const count = limit(issue.minimum);
      if (LENGTH_ORIGINS.has(issue.origin ?? ''))
        return count <= 1
          ? peopleText('fieldError.required')
          : peopleText('fieldError.tooShort', { count });
      if (COUNT_ORIGINS.has(issue.origin ?? ''))
        return count <= 1
          ? peopleText('fieldError.chooseOne')
          : peopleText('fieldError.tooFew', { count });
      return issue.inclusive === false
        ? peopleText('fieldError.moreThan', { limit: count })
        : peopleText('fieldError.atLeast', { limit: count });
    }
    case 'invalid_type':
      return /received undefined/.test(issue.message)
        ? peopleText('fieldError.required')
        : peopleText('fieldError.wrongType');
    case 'invalid_format': {
      const own = issue.pattern ? PATTERN_TEXTS.get(issue.pattern) : undefined;
      return own ?? peopleText(FORMAT_KEYS[issue.format ?? ''] ?? 'fieldError.format.other');
    }
    case 'invalid_value':
      return peopleText('fieldError.choice');
    case 'unrecognized_keys':
      return peopleText('fieldError.unknownField');
    case 'not_multiple_of':
      return peopleText('fieldError.multipleOf', { divisor: limit(issue.divisor) });
    case 'custom': {
      const kind = issue.params?.kind;
      if (typeof kind === 'string' && isTextKind(kind)) {
        const params = Object.fromEntries(
          Object.entries(issue.params ?? {}).filter(
            (e): e is [string, string | number] =>
              e[0] !== 'kind' && (typeof e[1] === 'string' || typeof e[1] === 'number'),
          ),
        );
        return peopleText(kind, params);
      }
      return peopleText('fieldError.invalid');
    }
    default:
      return peopleText('fieldError.invalid');
  }
}

/**
 * Turns a zod error into field-path -> message pairs, the same per field as `{kind, params}`
 * (for the reader's language), and one sentence for logs. The English message at a field is
 * the schema's own where it wrote one, so a script sees the most specific wording.
 */
export function describeZodError(error: z.ZodError): {
  message: string;
  fieldErrors: Record<string, string>;
  fieldTexts: Record<string, PeopleText>;
} {
  const fieldErrors: Record<string, string> = {};
  const fieldTexts: Record<string, PeopleText> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(input)';
    if (path in fieldErrors) continue;
    fieldErrors[path] = issue.message;
    fieldTexts[path] = issueText(issue as unknown as IssueParts);
  }
  const parts = Object.entries(fieldErrors).map(([path, msg]) =>
    path === '(input)' ? msg : `${path}: ${msg}`,
  );
  return { message: `Invalid input: ${parts.join('; ')}`, fieldErrors, fieldTexts };
}
