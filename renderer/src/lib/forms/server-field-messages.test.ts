import { describe, expect, it } from 'vitest';
import { apiContract } from '../../../../shared/api/contract';
import { fail } from '../../../../shared/api/result';
import { describeZodError } from '../../../../shared/api/validation-errors';
import { translate, type Locale } from '../../../../shared/i18n';
import { serverFieldMessages, wordFormMessage } from './useContractForm';

/** What a form shows at each field for a save the backend's contract refused. */
function shownAtFields(locale: Locale, input: unknown, order: readonly string[]) {
  const parsed = apiContract.createResponder.input.safeParse(input);
  if (parsed.success) throw new Error('expected the contract to refuse the input');
  const { message, fieldErrors, fieldTexts } = describeZodError(parsed.error);
  const result = fail('invalid_input', message, fieldErrors, undefined, fieldTexts);
  if (result.ok) throw new Error('unreachable');
  const kept = serverFieldMessages(result.error, order);
  const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
    translate(locale, key, params);
  return Object.fromEntries(
    Object.entries(kept).map(([p, m]) => [p, wordFormMessage(locale, t, m)]),
  );
}

describe('a form shows the server-side field errors in the reader language', () => {
  const input = {
    name: 'Ana Ficticia',
    languages: ['es'],
    homeTown: 'Holyoke',
    homeLat: 42.2,
    homeLon: -72.6,
    notes: 'x'.repeat(1001),
    maxTravelMinutes: 2,
  };
  const order = ['name', 'notes', 'maxTravelMinutes'];

  it('in Spanish, with the limits the contract set', () => {
    expect(shownAtFields('es', input, order)).toEqual({
      notes: 'Como máximo 1000 caracteres.',
      maxTravelMinutes: 'Como mínimo 5.',
    });
  });

  it('in English, worded the same way, and only at fields the form has', () => {
    expect(shownAtFields('en', input, ['notes'])).toEqual({ notes: 'At most 1000 characters.' });
  });
});
