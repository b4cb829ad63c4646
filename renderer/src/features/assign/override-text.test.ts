import { describe, expect, it } from 'vitest';
import { overrideText } from './override-text';

describe('overrideText', () => {
  it('words the guard codes in the reader language and keeps the typed reason', () => {
    expect(overrideText('es', 'Called in, on her way [off_duty, missing_training]')).toBe(
      'Excepción: Called in, on her way (fuera de turno, sin la capacitación)',
    );
    expect(overrideText('en', 'Called in [busy_elsewhere]')).toBe(
      'Override: Called in (busy elsewhere)',
    );
  });
  it('shows a reason without codes as it is', () => {
    expect(overrideText('en', 'She knows the family')).toContain('She knows the family');
  });
});
