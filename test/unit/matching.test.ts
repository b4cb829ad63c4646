import { describe, expect, it } from 'vitest';
import {
  buildRosterIndex,
  matchCandidates,
  summarizeAssignments,
  type AssignmentLike,
  type MatchRequest,
} from '../../shared/matching/engine';
import { defaultTeamPlan, suggestTeam } from '../../shared/matching/team';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import type { Responder } from '../../shared/api/schemas';

// Saturday 2026-11-28, 19:30 in Western Mass (EST).
const NOW = Date.parse('2026-11-28T19:30:00-05:00');
const FLORENCE = { lat: 42.3334, lon: -72.6737 };
const HOLYOKE = { lat: 42.2043, lon: -72.6162 };
const NORTHAMPTON = { lat: 42.3251, lon: -72.6412 };
const PITTSFIELD = { lat: 42.4501, lon: -73.2454 };
const LO_2026 = {
  kind: 'legal_observer' as const,
  completedOn: '2026-03-01',
  expiresOn: '2028-03-01',
};

let seq = 0;
function person(
  name: string,
  at: { lat: number; lon: number },
  town: string,
  extra: Partial<Responder> = {},
): Responder {
  seq++;
  return {
    id: `01900000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    name,
    phones: [],
    languages: ['en'],
    roles: ['legal_observer'],
    trainings: [LO_2026],
    homeTown: town,
    homeLat: at.lat,
    homeLon: at.lon,
    availability: [],
    onCall: true,
    hasCar: true,
    maxTravelMinutes: 45,
    avoidEnforcementScenes: false,
    notes: '',
    active: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

const ana = person('Ana Florencia', FLORENCE, 'Florence', { languages: ['es', 'en'] });
const beto = person('Beto Holyoke', HOLYOKE, 'Holyoke', {
  onCall: false,
  availability: [{ day: 'sat', start: '17:00', end: '22:00' }],
  trainings: [{ kind: 'legal_observer', completedOn: '2025-06-01', expiresOn: null }],
});
const cata = person('Cata Noho', NORTHAMPTON, 'Northampton', {
  languages: ['es'],
  hasCar: false,
  maxTravelMinutes: 60,
  trainings: [{ kind: 'legal_observer', completedOn: '2026-01-15', expiresOn: null }],
});
const dani = person('Dani Inactive', FLORENCE, 'Florence', { active: false });
const eli = person('Eli Expired', FLORENCE, 'Florence', {
  trainings: [{ kind: 'legal_observer', completedOn: '2023-01-01', expiresOn: '2025-01-01' }],
});
const fede = person('Fede Untrained', FLORENCE, 'Florence', { trainings: [] });
const gabi = person('Gabi Risk', FLORENCE, 'Florence', { avoidEnforcementScenes: true });
const hugo = person('Hugo Far', PITTSFIELD, 'Pittsfield', { maxTravelMinutes: 30 });
const ines = person('Ines Monday', NORTHAMPTON, 'Northampton', {
  onCall: false,
  availability: [{ day: 'mon', start: '08:00', end: '18:00' }],
});
const juan = person('Juan Busy', NORTHAMPTON, 'Northampton');
const kiki = person('Kiki Documenter', FLORENCE, 'Florence', { roles: ['documenter'] });
const roster = [ana, beto, cata, dani, eli, fede, gabi, hugo, ines, juan, kiki];

const busyAssignment: AssignmentLike = {
  incidentId: 'other-incident',
  responderId: juan.id,
  role: 'legal_observer',
  status: 'on_scene',
  createdAt: '2026-11-28T23:00:00.000Z',
  statusChangedAt: '2026-11-28T23:30:00.000Z',
};

const request = (extra: Partial<MatchRequest> = {}): MatchRequest => ({
  incident: { ...FLORENCE, language: 'es' },
  role: 'legal_observer',
  limit: 20,
  now: NOW,
  settings: DEFAULT_SETTINGS,
  assignments: summarizeAssignments([busyAssignment], NOW),
  ...extra,
});

describe('matching: hard filters', () => {
  const result = matchCandidates(buildRosterIndex(roster), request());

  it('keeps only people who can go, and counts why the others cannot', () => {
    expect(result.candidates.map((c) => c.name)).toEqual([
      'Ana Florencia',
      'Cata Noho',
      'Beto Holyoke',
    ]);
    expect(result.busy.map((c) => [c.name, c.busyWith.incidentId])).toEqual([
      ['Juan Busy', 'other-incident'],
    ]);
    expect(result.unavailable.map((c) => c.name)).toEqual(['Ines Monday']);
    expect(result.excludedCounts).toEqual({
      inactive: 1,
      missing_role: 1,
      too_far: 1,
      training: 2,
      avoids_scenes: 1,
      language: 0,
      unavailable: 1,
      busy: 1,
      taken: 0,
    });
    expect(result.eligibleCount).toBe(3);
  });

  it('explains each rank in structured parts and in English', () => {
    const [first, second, third] = result.candidates;
    expect(first!.explanation.text).toBe(
      '~1 min by car from Florence · speaks Spanish · legal observer (trained 2026-03) · on call now · not deployed recently',
    );
    expect(first!.explanation.parts[0]).toEqual({
      kind: 'travel',
      params: { minutes: 1, mode: 'car', from: 'Florence' },
    });
    expect(second!.explanation.text).toBe(
      '~15 min without a car from Northampton · speaks Spanish · legal observer (trained 2026-01) · on call now · not deployed recently',
    );
    expect(third!.explanation.text).toBe(
      '~22 min by car from Holyoke · does not speak Spanish · legal observer (trained 2025-06) · available until 22:00 · not deployed recently',
    );
    expect(result.unavailable[0]!.explanation.text).toContain('off duty now');
  });

  it('lets personal-risk people do non-scene roles', () => {
    const gabiDriver = { ...gabi, roles: ['driver' as const] };
    const r = matchCandidates(buildRosterIndex([gabiDriver]), request({ role: 'driver' }));
    expect(r.candidates.map((c) => c.name)).toEqual(['Gabi Risk']);
  });

  it('requires interpreters to speak the language', () => {
    const interpreters = [
      { ...ana, roles: ['interpreter' as const] },
      { ...beto, roles: ['interpreter' as const] },
    ];
    const r = matchCandidates(buildRosterIndex(interpreters), request({ role: 'interpreter' }));
    expect(r.candidates.map((c) => c.name)).toEqual(['Ana Florencia']);
    expect(r.excludedCounts.language).toBe(1);
    const pt = matchCandidates(
      buildRosterIndex(interpreters),
      request({ role: 'interpreter', language: 'pt' }),
    );
    expect(pt.candidates).toEqual([]);
  });

  it('respects availability windows by local weekday and time', () => {
    const monday = Date.parse('2026-11-30T10:00:00-05:00');
    const r = matchCandidates(buildRosterIndex([ines, beto]), request({ now: monday }));
    expect(r.candidates.map((c) => c.name)).toEqual(['Ines Monday']);
    expect(r.candidates[0]!.explanation.text).toContain('available until 18:00');
  });
});

describe('matching: ordering', () => {
  it('puts the recently deployed behind equally good people (fairness)', () => {
    const twin = person('Ana Twin', FLORENCE, 'Florence', { languages: ['es', 'en'] });
    const index = buildRosterIndex([ana, twin]);
    expect(
      matchCandidates(index, request({ assignments: undefined })).candidates.map((c) => c.name),
    ).toEqual(['Ana Florencia', 'Ana Twin']);
    const yesterday = new Date(NOW - 86_400_000).toISOString();
    const history = summarizeAssignments(
      [
        {
          incidentId: 'x',
          responderId: ana.id,
          role: 'legal_observer',
          status: 'released',
          createdAt: yesterday,
          statusChangedAt: new Date(NOW - 86_400_000 + 6 * 3_600_000).toISOString(),
        },
      ],
      NOW,
    );
    const r = matchCandidates(index, request({ assignments: history }));
    expect(r.candidates.map((c) => c.name)).toEqual(['Ana Twin', 'Ana Florencia']);
    expect(r.candidates[1]!.explanation.text).toContain(
      'last deployed 1 day ago · 6 h out this week',
    );
  });

  it('follows the weights in settings', () => {
    // Without language weight, Beto's car beats Cata's bus ride only if travel dominates.
    const travelOnly = {
      ...DEFAULT_SETTINGS,
      matchWeightLanguage: 0,
      matchWeightRoleFit: 0,
      matchWeightTraining: 0,
      matchWeightFairness: 0,
    };
    const index = buildRosterIndex([beto, cata]);
    expect(
      matchCandidates(index, request({ settings: travelOnly })).candidates.map((c) => c.name),
    ).toEqual(['Cata Noho', 'Beto Holyoke']);
    const slowBus = { ...travelOnly, transitSpeedKmh: 5 };
    expect(
      matchCandidates(index, request({ settings: slowBus })).candidates.map((c) => c.name),
    ).toEqual(['Beto Holyoke', 'Cata Noho']);
  });

  it('breaks exact ties by travel time, then name', () => {
    const a = person('Zoe Same', FLORENCE, 'Florence');
    const b = person('Amy Same', FLORENCE, 'Florence');
    const r = matchCandidates(buildRosterIndex([a, b]), request());
    expect(r.candidates.map((c) => c.name)).toEqual(['Amy Same', 'Zoe Same']);
  });

  it('returns the best `limit` only', () => {
    const many = Array.from({ length: 50 }, (_, i) =>
      person(
        `P${String(i).padStart(2, '0')}`,
        { lat: FLORENCE.lat + i * 0.002, lon: FLORENCE.lon },
        'Florence',
      ),
    );
    const r = matchCandidates(buildRosterIndex(many), request({ limit: 5 }));
    expect(r.candidates.map((c) => c.name)).toEqual(['P00', 'P01', 'P02', 'P03', 'P04']);
    expect(r.eligibleCount).toBe(50);
  });
});

describe('team composition', () => {
  it('has a default team per type and triage', () => {
    expect(defaultTeamPlan({ type: 'arrest', triage: 'verify_first', language: 'es' })).toEqual([
      { role: 'verifier', alternatives: [], needed: 2, minimum: 2, language: null },
    ]);
    const mobilize = defaultTeamPlan({ type: 'home_raid', triage: 'mobilize_now', language: 'es' });
    expect(mobilize.map((s) => [s.role, s.needed])).toEqual([
      ['rally_lead', 1],
      ['legal_observer', 1],
      ['song_leader', 1],
      ['interpreter', 1],
      ['rally_responder', 3],
      ['family_support', 1],
    ]);
    expect(mobilize[2]!.alternatives).toEqual(['faith_leader']);
    expect(mobilize[3]!.language).toBe('es');
    expect(
      defaultTeamPlan({ type: 'vehicle_stop', triage: 'mobilize_now', language: 'en' }).map(
        (s) => s.role,
      ),
    ).not.toContain('interpreter');
    expect(defaultTeamPlan({ type: 'home_raid', triage: 'do_not_share', language: 'es' })).toEqual(
      [],
    );
    expect(
      defaultTeamPlan({ type: 'labor_abuse', triage: 'mobilize_now', language: 'pt' }).map(
        (s) => s.role,
      ),
    ).toEqual(['family_support', 'documenter', 'interpreter']);
  });

  it('fills slots with distinct people, scarcest slot first, and says what it could not fill', () => {
    const verifierTraining = {
      kind: 'verifier' as const,
      completedOn: '2026-02-01',
      expiresOn: null,
    };
    const sits = {
      kind: 'sanctuary_in_the_streets' as const,
      completedOn: '2026-02-01',
      expiresOn: null,
    };
    const people = [
      // The only interpreter is also the nearest rally responder: they must go to the interpreter slot.
      person('Ivo Both', FLORENCE, 'Florence', {
        languages: ['es', 'en'],
        roles: ['interpreter', 'rally_responder'],
        trainings: [sits],
      }),
      person('Rae One', NORTHAMPTON, 'Northampton', {
        roles: ['rally_responder'],
        trainings: [sits],
      }),
      person('Rae Two', NORTHAMPTON, 'Northampton', {
        roles: ['rally_responder'],
        trainings: [sits],
      }),
      person('Vera Verifier', FLORENCE, 'Florence', {
        roles: ['verifier'],
        trainings: [verifierTraining],
      }),
      person('Sol Song', FLORENCE, 'Florence', { roles: ['faith_leader'], trainings: [] }),
    ];
    const slots = suggestTeam({
      index: buildRosterIndex(people),
      incident: { ...FLORENCE, language: 'es', type: 'home_raid', triage: 'mobilize_now' },
      plan: [
        ...defaultTeamPlan({ type: 'home_raid', triage: 'mobilize_now', language: 'es' }).slice(
          2,
          5,
        ),
        { role: 'verifier', alternatives: [], needed: 2, minimum: 2, language: null },
      ],
      now: NOW,
      settings: DEFAULT_SETTINGS,
    });
    expect(slots.map((s) => [s.role, s.filled.map((c) => c.name)])).toEqual([
      ['song_leader', ['Sol Song']],
      ['interpreter', ['Ivo Both']],
      ['rally_responder', ['Rae One', 'Rae Two']],
      ['verifier', ['Vera Verifier']],
    ]);
    expect(slots[0]!.filled[0]!.role).toBe('faith_leader');
    expect(slots[2]!.unfilledReason).toMatchObject({ code: 'below_minimum', found: 2, needed: 3 });
    expect(slots[2]!.unfilledReason!.text).toBe(
      'Only 2 of 3 rally responders found — do not send fewer than 3; add someone or wait (1 already in another slot)',
    );
    expect(slots[3]!.unfilledReason!.text).toMatch(
      /^Only 1 of 2 verifiers found — do not send fewer than 2/,
    );
    expect(slots[0]!.unfilledReason).toBeNull();
  });

  it('says why a slot is empty', () => {
    const slots = suggestTeam({
      index: buildRosterIndex([hugo]),
      incident: { ...FLORENCE, language: 'es', type: 'arrest', triage: 'mobilize_now' },
      plan: [{ role: 'legal_observer', alternatives: [], needed: 1, minimum: 1, language: null }],
      now: NOW,
      settings: DEFAULT_SETTINGS,
    });
    expect(slots[0]!.unfilledReason).toMatchObject({
      code: 'none_found',
      text: 'No legal observer available (1 too far)',
    });
  });
});
