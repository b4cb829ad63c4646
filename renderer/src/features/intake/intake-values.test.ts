import { describe, expect, it } from 'vitest';
import { EMPTY_LOCATION, withMapPoint } from './location-draft';
import {
  INITIAL,
  LIMITS,
  createIncidentInput,
  isDirty,
  parseCount,
  timeSeenIso,
  validateIntake,
} from './intake-values';

const t = (key: string, params?: Record<string, unknown>) =>
  params ? `${key} ${JSON.stringify(params)}` : key;
const holyokePoint = withMapPoint(EMPTY_LOCATION, 42.2043, -72.6162);
const complete = { ...INITIAL, type: 'home_raid' as const, triage: 'mobilize_now' as const };

describe('intake values', () => {
  it('takes its text limits from the contract', () => {
    expect(LIMITS.description).toBe(4000);
    expect(LIMITS['salute.activity']).toBe(500);
  });

  it('reads counts: empty is unknown, digits up to the limit, anything else invalid', () => {
    expect(parseCount(' ', 500)).toBeNull();
    expect(parseCount('12', 500)).toBe(12);
    expect(parseCount('501', 500)).toBe('invalid');
    expect(parseCount('two', 500)).toBe('invalid');
  });

  it('a time seen later than 12 h from now means last night', () => {
    const now = new Date(2026, 2, 10, 0, 30).getTime();
    const seen = new Date(timeSeenIso('23:50', now)!);
    expect(seen.getDate()).toBe(9);
    expect(new Date(timeSeenIso('00:10', now)!).getDate()).toBe(10);
    expect(timeSeenIso('late', now)).toBeNull();
  });

  it('asks for type, triage and a place; checks counts against the schema limits', () => {
    expect(Object.keys(validateIntake(INITIAL, EMPTY_LOCATION, t as never)).sort()).toEqual([
      'location',
      'triage',
      'type',
    ]);
    const tooMany = { ...complete, vehiclesCount: '201', agentsCount: '500' };
    expect(validateIntake(tooMany, holyokePoint, t as never)).toEqual({
      'salute.vehiclesCount': 'intake.countInvalid {"max":200}',
    });
  });

  it('checks the callback phone like the roster: dialable or empty', () => {
    expect(
      validateIntake({ ...complete, reporterPhone: 'call me maybe' }, holyokePoint, t as never),
    ).toEqual({
      reporterPhone: 'intake.phoneInvalid',
    });
    expect(
      validateIntake({ ...complete, reporterPhone: '(413) 555-0123' }, holyokePoint, t as never),
    ).toEqual({});
  });

  it('asks why a point outside the four counties is taken', () => {
    const outside = withMapPoint(EMPTY_LOCATION, 40.7, -74.0);
    expect(validateIntake(complete, outside, t as never)).toHaveProperty('outsideRegionReason');
  });

  it('builds the request: counts as numbers, unknown as null, the call time as opened', () => {
    const values = { ...complete, agentsCount: '3', affectedAdults: '', streetText: ' 5 Elm ' };
    const input = createIncidentInput(
      values,
      holyokePoint as Parameters<typeof createIncidentInput>[1],
      Date.parse('2026-03-10T12:00:00Z'),
      Date.now(),
    );
    expect(input).toMatchObject({
      type: 'home_raid',
      salute: { agentsCount: 3, vehiclesCount: null },
      affectedAdults: 0,
      outsideRegionReason: null,
      callReceivedAt: '2026-03-10T12:00:00.000Z',
      location: { streetText: '5 Elm', town: 'Holyoke' },
    });
  });

  it('is dirty once anything is typed or a place is set', () => {
    expect(isDirty(INITIAL, EMPTY_LOCATION)).toBe(false);
    expect(isDirty({ ...INITIAL, description: 'x' }, EMPTY_LOCATION)).toBe(true);
    expect(isDirty(INITIAL, holyokePoint)).toBe(true);
  });
});
