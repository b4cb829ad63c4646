import { describe, expect, it } from 'vitest';
import {
  checkAssignmentTransition,
  isActiveAssignment,
  isCheckInOverdue,
  primaryNextStatus,
} from '../../shared/assignments/lifecycle';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from '../../shared/domain/vocabulary';

const ALLOWED: [AssignmentStatus, AssignmentStatus][] = [
  ['proposed', 'notified'],
  ['proposed', 'declined'],
  ['proposed', 'released'],
  ['notified', 'accepted'],
  ['notified', 'declined'],
  ['notified', 'released'],
  ['accepted', 'en_route'],
  ['accepted', 'on_scene'],
  ['accepted', 'released'],
  ['en_route', 'on_scene'],
  ['en_route', 'released'],
  ['on_scene', 'departed'],
  ['departed', 'released'],
];

describe('assignment lifecycle', () => {
  it.each(ALLOWED)('allows %s -> %s', (from, to) =>
    expect(checkAssignmentTransition(from, to).ok).toBe(true),
  );

  it('refuses everything else, saying what is next', () => {
    const allowed = new Set(ALLOWED.map((p) => p.join('>')));
    for (const from of ASSIGNMENT_STATUSES)
      for (const to of ASSIGNMENT_STATUSES)
        if (!allowed.has(`${from}>${to}`))
          expect(checkAssignmentTransition(from, to).ok, `${from}>${to}`).toBe(false);
    const r = checkAssignmentTransition('notified', 'on_scene');
    expect(!r.ok && r.reason).toMatch(
      /Cannot go from "notified" to "on scene". Next: accepted, declined, released/,
    );
    const done = checkAssignmentTransition('declined', 'accepted');
    expect(!done.ok && done.reason).toMatch(/cannot change any more/);
  });

  it('walks the main path with one key', () => {
    const path: (AssignmentStatus | null)[] = ['proposed'];
    while (path.at(-1)) path.push(primaryNextStatus(path.at(-1)!));
    expect(path).toEqual([
      'proposed',
      'notified',
      'accepted',
      'en_route',
      'on_scene',
      'departed',
      'released',
      null,
    ]);
  });

  it('counts only committed statuses as busy', () => {
    expect(ASSIGNMENT_STATUSES.filter(isActiveAssignment)).toEqual([
      'proposed',
      'notified',
      'accepted',
      'en_route',
      'on_scene',
    ]);
  });

  it('flags overdue check-ins only in the field', () => {
    const t0 = Date.parse('2026-11-28T14:00:00Z');
    const at = (m: number) => new Date(t0 + m * 60_000).toISOString();
    expect(
      isCheckInOverdue(
        { status: 'en_route', statusChangedAt: at(0), lastCheckInAt: null },
        t0 + 21 * 60_000,
        20,
      ),
    ).toBe(true);
    expect(
      isCheckInOverdue(
        { status: 'en_route', statusChangedAt: at(0), lastCheckInAt: at(10) },
        t0 + 21 * 60_000,
        20,
      ),
    ).toBe(false);
    expect(
      isCheckInOverdue(
        { status: 'notified', statusChangedAt: at(0), lastCheckInAt: null },
        t0 + 99 * 60_000,
        20,
      ),
    ).toBe(false);
  });
});
