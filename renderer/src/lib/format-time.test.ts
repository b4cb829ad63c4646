import { describe, expect, it } from 'vitest';
import { formatAge, formatDateTime } from './format-time';

const t = (key: string, params?: Record<string, unknown>) =>
  `${key}${params ? `:${params.n}` : ''}`;
const now = Date.parse('2026-03-10T12:00:00Z');
const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();

describe('formatAge', () => {
  it('steps from just now to minutes, hours and days', () => {
    expect(formatAge(t as never, ago(0.5), now)).toBe('time.justNow');
    expect(formatAge(t as never, ago(12), now)).toBe('time.minutesAgo:12');
    expect(formatAge(t as never, ago(3 * 60), now)).toBe('time.hoursAgo:3');
    expect(formatAge(t as never, ago(72 * 60), now)).toBe('time.daysAgo:3');
  });
  it('says "just now" for a time it cannot read', () => {
    expect(formatAge(t as never, 'not a time', now)).toBe('time.justNow');
  });
});

describe('formatDateTime', () => {
  it('returns text it cannot parse unchanged', () => {
    expect(formatDateTime('en', 'soon')).toBe('soon');
  });
  it('writes month names in the reader’s language', () => {
    const iso = '2026-03-10T12:00:00Z';
    expect(formatDateTime('en', iso)).toMatch(/Mar/);
    expect(formatDateTime('es', iso)).toMatch(/mar/);
  });
});
