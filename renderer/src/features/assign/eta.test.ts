import { describe, expect, it } from 'vitest';
import { readEta } from './eta';

describe('readEta', () => {
  it('takes an empty box as no ETA rather than a default', () => {
    expect(readEta('')).toEqual({ kind: 'none' });
    expect(readEta('  ')).toEqual({ kind: 'none' });
  });
  it('takes a plain number of minutes up to two hours as it is', () => {
    expect(readEta('8')).toEqual({ kind: 'ok', minutes: 8 });
    expect(readEta('120')).toEqual({ kind: 'ok', minutes: 120 });
  });
  it('asks for a second look above two hours (a "158" typed for "8")', () => {
    expect(readEta('158')).toEqual({ kind: 'confirm', minutes: 158 });
  });
  it('refuses zero, decimals, words and more than ten hours', () => {
    for (const typed of ['0', '1.5', 'soon', '601', '-3'])
      expect(readEta(typed)).toEqual({ kind: 'invalid' });
  });
});
