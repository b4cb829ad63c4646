import { describe, expect, it } from 'vitest';
import { matchCandidates, type MatchRequest } from '../../shared/matching/engine';
import {
  buildRosterIndex,
  putResponder,
  removeResponder,
} from '../../shared/matching/roster-index';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { DEMO_TOWNS, seededRandom } from '../../backend/demo/demo-network';
import { syntheticRoster } from '../../bench/synthetic-roster';
import type { Responder } from '../../shared/api/schemas';
import type { ResponderRole } from '../../shared/domain/vocabulary';

const NOW = Date.parse('2026-11-28T19:30:00-05:00');
const ROLES: ResponderRole[] = ['rally_responder', 'legal_observer', 'verifier', 'interpreter'];

function requests(): MatchRequest[] {
  return DEMO_TOWNS.slice(0, 6).flatMap((town, i) =>
    ROLES.map((role) => ({
      incident: {
        lat: town.lat,
        lon: town.lon,
        language: i % 2 ? ('pt' as const) : ('es' as const),
      },
      role,
      limit: 20,
      now: NOW,
      settings: DEFAULT_SETTINGS,
    })),
  );
}

describe('the roster index kept current person by person', () => {
  it('matches exactly like an index built from scratch after edits, arrivals and removals', () => {
    const rand = seededRandom(7);
    const everyone = syntheticRoster(3_000, 5);
    const index = buildRosterIndex(everyone.slice(0, 2_000));
    const current = new Map<string, Responder>(everyone.slice(0, 2_000).map((r) => [r.id, r]));
    for (const r of everyone.slice(2_000)) {
      putResponder(index, r);
      current.set(r.id, r);
    }
    const ids = [...current.keys()];
    for (let k = 0; k < 600; k++) {
      const id = ids[Math.floor(rand() * ids.length)]!;
      const before = current.get(id)!;
      const town = DEMO_TOWNS[Math.floor(rand() * DEMO_TOWNS.length)]!;
      const changed: Responder = {
        ...before,
        active: rand() < 0.9,
        onCall: rand() < 0.5,
        hasCar: rand() < 0.7,
        maxTravelMinutes: 10 + Math.floor(rand() * 80),
        roles: rand() < 0.3 ? ['legal_observer', 'verifier'] : before.roles,
        languages: rand() < 0.3 ? ['pt', 'en'] : before.languages,
        homeLat: town.lat,
        homeLon: town.lon,
        homeTown: town.name,
      };
      putResponder(index, changed);
      current.set(id, changed);
    }
    for (const id of ids.slice(0, 50)) {
      removeResponder(index, id);
      current.delete(id);
    }

    const fresh = buildRosterIndex([...current.values()]);
    expect(index.size).toBe(fresh.size);
    expect(index.activeCount).toBe(fresh.activeCount);
    for (const request of requests())
      expect(matchCandidates(index, request)).toEqual(matchCandidates(fresh, request));
  });

  it('counts a person once however often they change', () => {
    const [ana] = syntheticRoster(1, 9);
    const index = buildRosterIndex([ana!]);
    putResponder(index, { ...ana!, active: false });
    putResponder(index, { ...ana!, active: true, roles: ['verifier'] });
    expect(index.size).toBe(1);
    expect(index.activeCount).toBe(1);
    expect(index.byRole.verifier.active).toBe(1);
    expect(index.byRole.rally_responder.active).toBe(0);
    expect(index.byRole.rally_responder.inactive).toBe(0);
  });
});
