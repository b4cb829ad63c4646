import { describe, expect, it } from 'vitest';
import {
  assignmentGuards,
  hasCurrentTrainingFor,
  isAvailableNow,
} from '../../shared/assignments/guards';
import { alertLocales, buildAlertText } from '../../shared/assignments/alert-text';
import type { Responder } from '../../shared/api/schemas';

// Saturday 2026-11-28, 14:00 UTC = 09:00 America/New_York.
const NOW = Date.parse('2026-11-28T14:00:00Z');
const base: Responder = {
  id: '01900000-0000-7000-8000-000000000001',
  name: 'Dora Demo',
  phones: [],
  languages: ['en'],
  roles: ['legal_observer'],
  trainings: [{ kind: 'legal_observer', completedOn: '2026-02-01', expiresOn: '2027-02-01' }],
  homeTown: 'Amherst',
  homeLat: 42.37,
  homeLon: -72.52,
  availability: [{ day: 'sat', start: '08:00', end: '12:00' }],
  onCall: false,
  hasCar: true,
  maxTravelMinutes: 30,
  avoidEnforcementScenes: false,
  notes: '',
  active: true,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('assignment guards', () => {
  it('passes a trained, available person with no other assignment', () => {
    expect(
      assignmentGuards({
        responder: base,
        role: 'legal_observer',
        nowMs: NOW,
        busyElsewhere: null,
      }),
    ).toEqual([]);
  });
  it('reads availability in Western Mass local time, and on call overrides it', () => {
    expect(isAvailableNow(base, NOW)).toBe(true);
    expect(isAvailableNow(base, NOW + 3.5 * 3_600_000)).toBe(false); // 12:30 local
    expect(isAvailableNow({ ...base, onCall: true }, NOW + 3.5 * 3_600_000)).toBe(true);
  });
  it('requires a current training only for roles that need one', () => {
    expect(hasCurrentTrainingFor(base, 'legal_observer', NOW)).toBe(true);
    expect(hasCurrentTrainingFor(base, 'legal_observer', Date.parse('2027-03-01T15:00:00Z'))).toBe(
      false,
    );
    expect(hasCurrentTrainingFor(base, 'verifier', NOW)).toBe(false);
    expect(hasCurrentTrainingFor(base, 'driver', NOW)).toBe(true);
  });
  it('names every reason to stop and think', () => {
    const guards = assignmentGuards({
      responder: { ...base, avoidEnforcementScenes: true },
      role: 'verifier',
      nowMs: NOW + 4 * 3_600_000,
      busyElsewhere: 'arrest at Chicopee',
    });
    expect(guards.map((g) => g.code)).toEqual([
      'busy_elsewhere',
      'off_duty',
      'missing_training',
      'avoids_scenes',
    ]);
    expect(guards[0]!.message).toContain('arrest at Chicopee');
    // Driving the family away is not a scene role.
    expect(
      assignmentGuards({
        responder: { ...base, avoidEnforcementScenes: true },
        role: 'driver',
        nowMs: NOW,
        busyElsewhere: null,
      }),
    ).toEqual([]);
  });
});

describe('alert text', () => {
  const input = {
    responderName: 'Rosa Ejemplo',
    responderLanguages: ['es', 'en'] as const,
    incident: {
      type: 'home_raid' as const,
      location: {
        text: 'Turners Falls',
        streetText: 'Avenue A',
        lat: 42.6,
        lon: -72.55,
        precision: 'street' as const,
        town: 'Montague',
      },
    },
    role: 'legal_observer' as const,
    meetingPoint: 'Avenue A (Turners Falls)',
    callback: '(413) 555-0100',
    networkName: 'Red Demo',
  };
  it("uses the responder's language: Spanish when they speak it", () => {
    const { text, locales } = buildAlertText({ ...input, responderLanguages: ['es', 'en'] });
    expect(locales).toEqual(['es']);
    expect(text).toBe(
      'Red Demo: Rosa, te pedimos ir como observador/a legal por redada en casa cerca de Montague. Punto de encuentro: Avenue A (Turners Falls). Responde SÍ o NO. Despacho: (413) 555-0100',
    );
  });
  it('English for English speakers; both when neither is spoken', () => {
    expect(buildAlertText({ ...input, responderLanguages: ['en'] }).text).toMatch(
      /^Red Demo: Rosa, you are asked as legal observer for a home raid near Montague/,
    );
    expect(alertLocales(['ht'])).toEqual(['es', 'en']);
    expect(
      buildAlertText({ ...input, responderLanguages: ['pt'] }).text.split('\n\n'),
    ).toHaveLength(2);
  });
});
