import { buildRosterIndex, matchCandidates, summarizeAssignments } from '../shared/matching/engine';
import { defaultTeamPlan, suggestTeam } from '../shared/matching/team';
import { DEFAULT_SETTINGS } from '../shared/domain/settings';
import { DEMO_TOWNS } from '../backend/demo/demo-network';
import { syntheticRoster } from './synthetic-roster';
import { timeRuns, type BenchResult } from './bench-kit';

/**
 * Matching over a 100,000-responder synthetic roster (targets: top-20 < 10 ms median, a full
 * team suggestion < 20 ms). Incidents rotate over the demo towns; Saturday 19:30 local time, so
 * both day and evening availability windows are in play. Index build time is reported too.
 */
export default async function matchingBench(): Promise<BenchResult[]> {
  const n = 100_000;
  const roster = syntheticRoster(n);
  const t0 = performance.now();
  const index = buildRosterIndex(roster, 1);
  const buildMs = performance.now() - t0;
  const now = Date.parse('2026-11-28T19:30:00-05:00');
  // 2% of the roster busy on something.
  const assignments = summarizeAssignments(
    roster
      .filter((_, i) => i % 50 === 0)
      .map((r) => ({
        incidentId: 'busy-incident',
        responderId: r.id,
        role: 'rally_responder',
        status: 'on_scene' as const,
        createdAt: new Date(now - 3_600_000).toISOString(),
        statusChangedAt: new Date(now - 1_800_000).toISOString(),
      })),
    now,
  );
  let k = 0;
  const nextIncident = () => {
    const town = DEMO_TOWNS[k++ % DEMO_TOWNS.length]!;
    return {
      lat: town.lat,
      lon: town.lon,
      language: k % 3 === 0 ? ('pt' as const) : ('es' as const),
    };
  };
  const roles = ['rally_responder', 'legal_observer', 'verifier', 'interpreter'] as const;
  const top20 = await timeRuns(
    () =>
      matchCandidates(index, {
        incident: nextIncident(),
        role: roles[k % roles.length]!,
        limit: 20,
        now,
        settings: DEFAULT_SETTINGS,
        assignments,
      }),
    200,
    20,
  );
  const team = await timeRuns(
    () => {
      const incident = {
        ...nextIncident(),
        type: 'home_raid' as const,
        triage: 'mobilize_now' as const,
      };
      return suggestTeam({
        index,
        incident,
        plan: defaultTeamPlan(incident),
        now,
        settings: DEFAULT_SETTINGS,
        assignments,
      });
    },
    100,
    10,
  );
  return [
    { bench: 'match.index_build', n, total_ms: Math.round(buildMs * 10) / 10 },
    { bench: 'match.top20', n, ...top20 },
    { bench: 'team.suggest', n, ...team },
  ];
}
