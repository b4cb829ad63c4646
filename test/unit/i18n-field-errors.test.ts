import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiContract } from '../../shared/api/contract';
import { describeZodError } from '../../shared/api/validation-errors';
import { textFor } from '../../shared/i18n';
import { errorText } from '../../renderer/src/lib/error-text';
import { fail } from '../../shared/api/result';

/** The Spanish and English of each refused field of `schema` for `input`. */
function worded(schema: z.ZodType, input: unknown) {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected the input to be refused');
  const { fieldTexts } = describeZodError(parsed.error);
  const each = (locale: 'en' | 'es') =>
    Object.fromEntries(Object.entries(fieldTexts).map(([p, t]) => [p, textFor(locale, t)]));
  return { en: each('en'), es: each('es') };
}

describe('server-side field errors as {kind, params}', () => {
  it('words length limits with the limit and the plural form', () => {
    const schema = z.object({ a: z.string().max(1), b: z.string().max(80), c: z.string().min(3) });
    const { en, es } = worded(schema, { a: 'xx', b: 'x'.repeat(81), c: 'x' });
    expect(en).toEqual({
      a: 'At most 1 character.',
      b: 'At most 80 characters.',
      c: 'At least 3 characters.',
    });
    expect(es).toEqual({
      a: 'Como máximo 1 carácter.',
      b: 'Como máximo 80 caracteres.',
      c: 'Como mínimo 3 caracteres.',
    });
  });

  it('words missing values, wrong types, numbers, formats, choices and lists', () => {
    const schema = z.object({
      name: z.string().trim().min(1),
      count: z.number().int().min(5).max(240),
      late: z.number().max(10),
      kind: z.enum(['a', 'b']),
      id: z.uuid(),
      at: z.iso.datetime({ offset: true }),
      time: z.string().regex(/^\d\d:\d\d$/),
      langs: z.array(z.string()).min(1),
      phones: z.array(z.string()).max(2),
      flag: z.boolean(),
    });
    const { es } = worded(schema, {
      name: '  ',
      count: 2,
      late: 11,
      kind: 'c',
      id: 'nope',
      at: 'yesterday',
      time: '9',
      langs: [],
      phones: ['1', '2', '3'],
      flag: 'yes',
    });
    expect(es).toEqual({
      name: 'Este dato es obligatorio.',
      count: 'Como mínimo 5.',
      late: 'Como máximo 10.',
      kind: 'Elija uno de los valores ofrecidos.',
      id: 'No es un identificador válido.',
      at: 'No es una fecha y hora válida.',
      time: 'No tiene el formato esperado.',
      langs: 'Elija al menos una opción.',
      phones: 'Como máximo 2 elementos.',
      flag: 'Este valor no es del tipo esperado.',
    });
    expect(worded(schema.pick({ name: true }), {}).es).toEqual({
      name: 'Este dato es obligatorio.',
    });
  });

  it('uses the message key a refinement names, with its params', () => {
    const pin = apiContract.signOn.input.safeParse({
      name: 'Rosa Ficticia',
      pin: '12',
      newDispatcher: true,
    });
    expect(pin.success).toBe(false);
    if (!pin.success) {
      const text = describeZodError(pin.error).fieldTexts.pin;
      expect(text && textFor('es', text)).toBe('El PIN tiene de 6 a 12 dígitos.');
    }
    const mismatch = apiContract.createDatabase.input.safeParse({
      passphrase: 'a-long-enough-phrase',
      confirm: 'a-different-phrase',
    });
    expect(mismatch.success).toBe(false);
    if (!mismatch.success) {
      const text = describeZodError(mismatch.error).fieldTexts.confirm;
      expect(text && textFor('es', text)).toBe('Las dos frases de contraseña no coinciden.');
    }
    const custom = z.string().refine(() => false, 'Some rule');
    expect(worded(z.object({ x: custom }), { x: 'y' }).es).toEqual({ x: 'No es un valor válido.' });
  });

  it('shows a refused input in Spanish per field, not as English technical detail', () => {
    const parsed = apiContract.createIncident.input.safeParse({ description: 'x'.repeat(5000) });
    if (parsed.success) throw new Error('expected a refusal');
    const { message, fieldErrors, fieldTexts } = describeZodError(parsed.error);
    const failed = fail('invalid_input', message, fieldErrors, undefined, fieldTexts);
    if (failed.ok) throw new Error('unreachable');
    const es = errorText('es', failed.error);
    expect(es).toMatch(/^Parte de lo ingresado no es válido\. /);
    expect(es).toContain('Como máximo 4000 caracteres.');
    expect(es).not.toMatch(/Too big|Invalid input|expected/);
    expect(errorText('es', failed.error, 'description')).toBe('Como máximo 4000 caracteres.');
    expect(errorText('en', failed.error)).toBe(message);
  });
});

describe('refusals with plural forms', () => {
  it('words a count with the plural form of the reader language', () => {
    const text = (count: number) => ({
      kind: 'error.import.mappingMore',
      params: { problemKind: 'importNote.mapping_unmapped', field: 'name', count },
    });
    expect(textFor('es', text(1))).toBe(
      'No se pueden usar estas columnas: Ninguna columna corresponde a "Nombre", y hay 1 problema más.',
    );
    expect(textFor('en', text(2))).toBe(
      'The column mapping cannot be used: No column is mapped to "Name", and 2 more problems.',
    );
    expect(textFor('es', { kind: 'error.shift.attention', params: { count: 3 } })).toMatch(
      /^Hay 3 asuntos que necesitan atención/,
    );
  });
});
