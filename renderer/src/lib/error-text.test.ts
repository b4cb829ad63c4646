import { describe, expect, it } from 'vitest';
import { errorText } from './error-text';

describe('errorText: why an action failed, in the reader language', () => {
  it('words the backend text in Spanish, vocabulary codes as labels', () => {
    const error = {
      code: 'conflict' as const,
      message: 'This incident changed meanwhile',
      text: { kind: 'error.incident.changed', params: { current: 'verifying', expected: 'new' } },
    };
    expect(errorText('es', error)).toBe(
      'Este incidente cambió mientras tanto: ahora está en «Verificando», no en «Nuevo». Revíselo e inténtelo de nuevo.',
    );
    expect(errorText('en', error)).toContain('it is now "Verifying", not "New"');
  });

  it('without text, Spanish gets a summary of the code and the English labelled as detail', () => {
    const error = { code: 'not_found' as const, message: 'No incident with id 0190' };
    expect(errorText('es', error)).toBe(
      'Ya no está en esta consola; puede que se haya quitado o fusionado. Detalle técnico: No incident with id 0190',
    );
    expect(errorText('en', error)).toBe('No incident with id 0190');
  });

  it('an internal failure shows no English at all in Spanish', () => {
    const error = { code: 'internal' as const, message: 'Something went wrong on this console' };
    expect(errorText('es', error)).not.toMatch(/Something/);
  });
});
