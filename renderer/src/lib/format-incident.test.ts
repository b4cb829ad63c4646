import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/api/schemas';
import { incidentName, newestFirst, placeName } from './format-incident';

const at = (text: string, town: string | null) =>
  ({ location: { text, town } }) as Pick<Incident, 'location'>;

describe('placeName', () => {
  it('adds the town when the place is not the town itself', () => {
    expect(placeName(at('Turners Falls', 'Montague'))).toBe('Turners Falls (Montague)');
    expect(placeName(at('holyoke', 'Holyoke'))).toBe('holyoke');
    expect(placeName(at('Route 2', null))).toBe('Route 2');
  });
});

describe('incidentName', () => {
  const i18n = { label: (_group: string, value: string) => `<${value}>`, t: () => '' };
  it('is the type label and the place', () => {
    const incident = { type: 'home_raid', ...at('Turners Falls', 'Montague') } as Incident;
    expect(incidentName(i18n as never, incident)).toBe('<home_raid> · Turners Falls (Montague)');
    expect(incidentName(i18n as never, undefined)).toBe('?');
  });
});

describe('newestFirst', () => {
  it('orders by when the call came in, newest first', () => {
    const calls = ['2026-01-01T10:00:00Z', '2026-01-01T12:00:00Z', '2026-01-01T11:00:00Z'].map(
      (callReceivedAt) => ({ callReceivedAt }) as Incident,
    );
    expect(calls.sort(newestFirst).map((c) => c.callReceivedAt)).toEqual([
      '2026-01-01T12:00:00Z',
      '2026-01-01T11:00:00Z',
      '2026-01-01T10:00:00Z',
    ]);
  });
});
