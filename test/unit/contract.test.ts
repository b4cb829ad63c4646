import { describe, expect, it } from 'vitest';
import { apiContract, API_NAMES, isApiName } from '../../shared/api/contract';
import { IncidentFieldsSchema, ResponderFieldsSchema } from '../../shared/api/schemas';
import { patchOf } from '../../shared/api/patch';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../shared/domain/settings';
import { describeZodError } from '../../shared/api/validation-errors';
import { OpSchema } from '../../shared/sync/op';

const incident = {
  type: 'arrest',
  triage: 'mobilize_now',
  location: { text: 'Holyoke', lat: 42.2, lon: -72.6, precision: 'town' },
};

describe('the API contract', () => {
  it('names each operation once and knows only those', () => {
    expect(new Set(API_NAMES).size).toBe(API_NAMES.length);
    expect(isApiName('createIncident')).toBe(true);
    expect(isApiName('constructor')).toBe(false);
    expect(isApiName('__proto__')).toBe(false);
  });

  it('fills intake defaults and keeps what was typed', () => {
    const parsed = apiContract.createIncident.input.parse(incident);
    expect(parsed.salute.agency).toBe('unknown');
    expect(parsed.affectedAdults).toBe(0);
    expect(parsed.location.streetText).toBeNull();
    expect(parsed.language).toBe('es');
  });

  it('has no field for immigration status or A-numbers', () => {
    const keys = [
      ...Object.keys(IncidentFieldsSchema.shape),
      ...Object.keys(ResponderFieldsSchema.shape),
    ].join(' ');
    expect(keys).not.toMatch(/immigration|aNumber|alien/i);
    expect(
      apiContract.createIncident.input.safeParse({ ...incident, aNumber: 'A123' }).success,
    ).toBe(false);
  });

  it('a patch never resets fields it does not mention', () => {
    const patch = patchOf(IncidentFieldsSchema).parse({ description: 'x' });
    expect(patch).toEqual({ description: 'x' });
    expect(patchOf(IncidentFieldsSchema).safeParse({}).success).toBe(false);
    expect(patchOf(IncidentFieldsSchema).safeParse({ nope: 1 }).success).toBe(false);
  });

  it('explains failures per field', () => {
    const result = apiContract.createIncident.input.safeParse({
      ...incident,
      affectedChildren: -1,
      type: 'x',
    });
    expect(result.success).toBe(false);
    if (!result.success) {
      const { message, fieldErrors } = describeZodError(result.error);
      expect(Object.keys(fieldErrors).sort()).toEqual(['affectedChildren', 'type']);
      expect(message).toMatch(/^Invalid input: /);
    }
  });

  it('bounds settings so a typo cannot disable a safety rule', () => {
    expect(DEFAULT_SETTINGS.purgeReporterAfterHours).toBe(12);
    expect(SettingsSchema.safeParse({ purgeReporterAfterHours: 0 }).success).toBe(false);
    expect(
      SettingsSchema.safeParse({ tileUrl: 'http://tiles.example/{z}/{x}/{y}.png' }).success,
    ).toBe(false);
  });

  it('refuses availability windows that end before they start', () => {
    const r = ResponderFieldsSchema.safeParse({
      name: 'A',
      languages: ['en'],
      homeTown: 'Lee',
      homeLat: 42.3,
      homeLon: -73.2,
      availability: [{ day: 'mon', start: '18:00', end: '09:00' }],
    });
    expect(r.success).toBe(false);
  });

  it('validates ops as they would arrive from another console', () => {
    const good = {
      v: 1,
      opId: '01900000-0000-7000-8000-000000000001',
      hlc: '0001700000000-00000-01900000-0000-7000-8000-00000000000a',
      deviceId: '01900000-0000-7000-8000-00000000000a',
      actor: 'D',
      at: '2026-11-28T10:00:00.000Z',
      activity: null,
      changes: [{ entity: 'incident', id: 'x', create: false, fields: { description: 'y' } }],
    };
    expect(OpSchema.safeParse(good).success).toBe(true);
    expect(OpSchema.safeParse({ ...good, v: 2 }).success).toBe(false);
    expect(OpSchema.safeParse({ ...good, hlc: 'now' }).success).toBe(false);
    expect(
      OpSchema.safeParse({ ...good, changes: [{ ...good.changes[0], entity: 'users' }] }).success,
    ).toBe(false);
  });
});
