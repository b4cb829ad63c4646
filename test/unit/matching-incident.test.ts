import { describe, expect, it } from 'vitest';
import {
  buildRosterIndex,
  matchCandidates,
  summarizeAssignments,
  type AssignmentLike,
} from '../../shared/matching/engine';
import { availabilityNow } from '../../shared/matching/availability';
import { isProposalStale } from '../../shared/assignments/lifecycle';
import { defaultTeamPlan, suggestTeam } from '../../shared/matching/team';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import type { Responder } from '../../shared/api/schemas';

// Saturday 2026-11-28, 19:30 in Western Mass (EST).
const NOW = Date.parse('2026-11-28T19:30:00-05:00');
const HERE = { lat: 42.3334, lon: -72.6737 };
const INCIDENT = 'incident-here';

let seq = 0;
function verifier(name: string, kmNorth: number, extra: Partial<Responder> = {}): Responder {
  seq++;
  return {
    id: `01900000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
    name,
    phones: [],
    languages: ['en', 'es'],
    roles: ['verifier', 'rally_responder'],
    trainings: [
      { kind: 'verifier', completedOn: '2026-01-01', expiresOn: null },
      { kind: 'sanctuary_in_the_streets', completedOn: '2026-01-01', expiresOn: null },
    ],
    homeTown: 'Florence',
    homeLat: HERE.lat + kmNorth / 111,
    homeLon: HERE.lon,
    availability: [],
    onCall: true,
    hasCar: true,
    maxTravelMinutes: 60,
    avoidEnforcementScenes: false,
    notes: '',
    active: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

const nearest = verifier('Nora Nearest', 0.5);
const middle = verifier('Milo Middle', 3);
const farther = verifier('Fara Farther', 8);
const index = buildRosterIndex([nearest, middle, farther]);
const assignment = (
  responderId: string,
  status: AssignmentLike['status'],
  incidentId = INCIDENT,
  declineReason: AssignmentLike['declineReason'] = null,
): AssignmentLike => ({
  incidentId,
  responderId,
  role: 'verifier',
  status,
  createdAt: '2026-11-29T00:00:00.000Z',
  statusChangedAt: '2026-11-29T00:10:00.000Z',
  declineReason,
});
const match = (rows: AssignmentLike[]) =>
  matchCandidates(index, {
    incident: { id: INCIDENT, ...HERE, language: 'es' },
    role: 'verifier',
    limit: 10,
    now: NOW,
    settings: DEFAULT_SETTINGS,
    assignments: summarizeAssignments(rows, NOW),
  });

describe('team plan follows the verification', () => {
  const incident = { type: 'arrest', triage: 'verify_first', language: 'es' } as const;
  it('sends two verifiers while unverified, the rally team once ICE is confirmed', () => {
    expect(defaultTeamPlan({ ...incident, verificationOutcome: null }).map((s) => s.role)).toEqual([
      'verifier',
    ]);
    const confirmed = defaultTeamPlan({ ...incident, verificationOutcome: 'confirmed' });
    expect(confirmed.map((s) => s.role)).toEqual(
      defaultTeamPlan({ ...incident, triage: 'mobilize_now' }).map((s) => s.role),
    );
    expect(confirmed.map((s) => s.role)).toContain('rally_responder');
  });
  it('keeps the verifier plan after a false alarm', () => {
    expect(
      defaultTeamPlan({ ...incident, verificationOutcome: 'false_alarm' }).map((s) => s.role),
    ).toEqual(['verifier']);
  });
});

describe("the incident's own people and its declines", () => {
  it('never lists its own verifier as busy on another incident', () => {
    const r = match([assignment(nearest.id, 'on_scene')]);
    expect(r.busy.map((c) => c.name)).toEqual([]);
    // Already on the team: not offered again either.
    expect(r.candidates.map((c) => c.name)).toEqual(['Milo Middle', 'Fara Farther']);
    expect(r.excludedCounts.busy).toBe(0);
  });
  it('still lists someone on another incident as busy', () => {
    const r = match([assignment(nearest.id, 'on_scene', 'elsewhere')]);
    expect(r.busy.map((c) => c.name)).toEqual(['Nora Nearest']);
  });
  it('ranks a declined, no-answer or wrong-number responder last, marked with why', () => {
    const plain = match([]);
    expect(plain.candidates[0]!.name).toBe('Nora Nearest');
    const r = match([
      assignment(nearest.id, 'declined', INCIDENT, 'no_answer'),
      assignment(middle.id, 'declined', INCIDENT, 'wrong_number'),
    ]);
    expect(r.candidates.map((c) => [c.name, c.declinedHere ?? null])).toEqual([
      ['Fara Farther', null],
      ['Nora Nearest', 'no_answer'],
      ['Milo Middle', 'wrong_number'],
    ]);
    expect(r.eligibleCount).toBe(1);
  });
  it('ranks a decline for another incident as usual', () => {
    const r = match([assignment(nearest.id, 'declined', 'elsewhere', 'unavailable')]);
    expect(r.candidates[0]!.name).toBe('Nora Nearest');
    expect(r.candidates[0]!.declinedHere).toBeUndefined();
  });
  it('does not suggest someone who declined this incident for its team', () => {
    const slots = suggestTeam({
      index,
      incident: { id: INCIDENT, ...HERE, language: 'es', type: 'arrest', triage: 'verify_first' },
      plan: defaultTeamPlan({ type: 'arrest', triage: 'verify_first', language: 'es' }),
      now: NOW,
      settings: DEFAULT_SETTINGS,
      assignments: summarizeAssignments(
        [assignment(nearest.id, 'declined', INCIDENT, 'unavailable')],
        NOW,
      ),
    });
    expect(slots[0]!.filled.map((c) => c.name)).toEqual(['Milo Middle', 'Fara Farther']);
  });
});

describe('one availability reading for roster and candidates', () => {
  const evening = verifier('Eva Evening', 1, {
    onCall: false,
    availability: [{ day: 'sat', start: '17:00', end: '22:00' }],
  });
  const monday = verifier('Mo Monday', 1, {
    onCall: false,
    availability: [{ day: 'mon', start: '08:00', end: '18:00' }],
  });
  it('agrees with the candidate explanation', () => {
    expect(availabilityNow(evening, NOW)).toEqual({ kind: 'available_until', until: '22:00' });
    expect(availabilityNow(monday, NOW)).toEqual({ kind: 'off_duty' });
    expect(availabilityNow(nearest, NOW)).toEqual({ kind: 'on_call' });
    const r = matchCandidates(buildRosterIndex([evening, monday]), {
      incident: { ...HERE, language: 'es' },
      role: 'verifier',
      limit: 5,
      now: NOW,
      settings: DEFAULT_SETTINGS,
    });
    expect(r.candidates.map((c) => c.name)).toEqual(['Eva Evening']);
    expect(r.candidates[0]!.explanation.parts).toContainEqual({
      kind: 'available_until',
      params: { until: '22:00' },
    });
    expect(r.unavailable.map((c) => c.name)).toEqual(['Mo Monday']);
  });
});

describe('stale proposals', () => {
  it('flags a proposal untouched for more than the limit, and only proposals', () => {
    const at = (min: number) => new Date(NOW - min * 60_000).toISOString();
    expect(isProposalStale({ status: 'proposed', statusChangedAt: at(21) }, NOW, 20)).toBe(true);
    expect(isProposalStale({ status: 'proposed', statusChangedAt: at(19) }, NOW, 20)).toBe(false);
    expect(isProposalStale({ status: 'notified', statusChangedAt: at(60) }, NOW, 20)).toBe(false);
  });
});
