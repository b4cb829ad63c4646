import { describe, expect, it } from 'vitest';
import { assignRequestFor } from './assign-request';
import { teamCounts } from './team-counts';
import type { AssignmentView } from '../../../../shared/api/assignments';

describe('assignRequestFor', () => {
  const who = { responderId: 'r1', name: 'Ana Example', role: 'driver' as const };
  it('carries the role asked for, or none so the backend picks the best open slot', () => {
    expect(assignRequestFor(who, 'inc-1', 'driver')).toEqual({
      incidentId: 'inc-1',
      responderId: 'r1',
      name: 'Ana Example',
      role: 'driver',
    });
    expect(assignRequestFor(who, 'inc-1', null)).not.toHaveProperty('role');
  });
  it('passes on whether the source showed them busy (the stale-board check)', () => {
    expect(assignRequestFor({ ...who, expectedBusy: false }, 'inc-1', null)).toMatchObject({
      expectedBusy: false,
    });
  });
});

describe('teamCounts', () => {
  it('counts active people and overdue check-ins per incident', () => {
    const rows = [
      { incidentId: 'a', checkInOverdue: false },
      { incidentId: 'a', checkInOverdue: true },
      { incidentId: 'b', checkInOverdue: false },
    ] as AssignmentView[];
    expect(Object.fromEntries(teamCounts(rows))).toEqual({
      a: { active: 2, overdue: 1 },
      b: { active: 1, overdue: 0 },
    });
  });
});
