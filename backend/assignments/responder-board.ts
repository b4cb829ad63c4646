import { inArray } from 'drizzle-orm';
import type { BackendContext } from '../context';
import { assignments } from '../../db/schema';
import { assignmentFromRow } from '../rows';
import { viewsOf } from './queries';
import { rosterIndex } from '../matching/roster-cache';
import { ACTIVE_ASSIGNMENT_STATUSES } from '../../shared/assignments/lifecycle';
import { availableAt } from '../../shared/matching/roster-index';
import { localClock } from '../../shared/matching/local-time';
import { WEEKDAYS, type AssignmentStatus } from '../../shared/domain/vocabulary';
import type { AssignmentView, ResponderBoardGroup } from '../../shared/api/assignments';
import type { ApiOutput, ApiParsedInput } from '../../shared/api/contract';
import type { z } from 'zod';

type Group = z.infer<typeof ResponderBoardGroup>;
type BoardRow = ApiOutput<'getResponderBoard'>['rows'][number];

// Proposals count apart: a proposed responder has not been told yet.
const BOARD_GROUP: Partial<Record<AssignmentStatus, Exclude<Group, 'available' | 'off_duty'>>> = {
  proposed: 'proposed',
  notified: 'notified',
  accepted: 'en_route',
  en_route: 'en_route',
  on_scene: 'on_scene',
};

/** Name order, id breaking ties: the order every page of the board is cut from. */
const before = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  a.name < b.name || (a.name === b.name && a.id < b.id);

/** Keeps the first `limit` people by name without sorting everyone (a group may be 90,000). */
class FirstByName<T extends { name: string; id: string }> {
  readonly items: T[] = [];
  constructor(private readonly limit: number) {}
  offer(item: T) {
    const items = this.items;
    if (items.length === this.limit && !before(item, items[items.length - 1]!)) return;
    let i = items.length;
    while (i > 0 && before(item, items[i - 1]!)) i--;
    items.splice(i, 0, item);
    if (items.length > this.limit) items.pop();
  }
}

/**
 * Everyone active, grouped by status and counted over the whole roster; each group carries its
 * first `limits[group]` people by name (the board asks for more as the dispatcher does). Read
 * from matching's roster index, which holds everyone's name, town, roles and availability
 * already digested, so a statewide roster costs one pass in memory and no table scan.
 */
export function getResponderBoard(
  ctx: BackendContext,
  input: ApiParsedInput<'getResponderBoard'>,
): ApiOutput<'getResponderBoard'> {
  const nowMs = ctx.now();
  const activeViews = viewsOf(
    ctx,
    ctx.db
      .select()
      .from(assignments)
      .where(inArray(assignments.status, [...ACTIVE_ASSIGNMENT_STATUSES]))
      .all()
      .map(assignmentFromRow),
  );
  const byResponder = new Map<string, AssignmentView>();
  for (const a of activeViews) {
    const prev = byResponder.get(a.responderId);
    if (
      !prev ||
      ACTIVE_ASSIGNMENT_STATUSES.indexOf(a.status) > ACTIVE_ASSIGNMENT_STATUSES.indexOf(prev.status)
    )
      byResponder.set(a.responderId, a);
  }
  const clock = localClock(nowMs);
  const dayIndex = WEEKDAYS.indexOf(clock.day);
  const counts = { available: 0, proposed: 0, notified: 0, en_route: 0, on_scene: 0, off_duty: 0 };
  const kept = {} as Record<Group, FirstByName<BoardRow & { id: string }>>;
  for (const group of Object.keys(counts) as Group[])
    kept[group] = new FirstByName(input.limits[group] ?? input.limit);
  const towns = new Set<string>();
  for (const [id, placement] of rosterIndex(ctx).placed) {
    const person = placement.person;
    if (!placement.active || !person) continue;
    towns.add(person.homeTown);
    if (input.town && person.homeTown !== input.town) continue;
    const a = byResponder.get(id);
    if (input.role && !placement.roles.includes(input.role) && a?.role !== input.role) continue;
    const group: Group = a
      ? BOARD_GROUP[a.status]!
      : availableAt(placement, dayIndex, clock.minutes)
        ? 'available'
        : 'off_duty';
    counts[group]++;
    kept[group].offer({
      id,
      responderId: id,
      name: person.name,
      town: person.homeTown,
      roles: placement.roles,
      group,
      assignmentId: a?.id ?? null,
      incidentId: a?.incidentId ?? null,
      incidentLabel: a?.incidentLabel ?? null,
      incidentText: a?.incidentText ?? null,
      role: a?.role ?? null,
      since: a?.statusChangedAt ?? null,
      checkInOverdue: a?.checkInOverdue ?? false,
      proposalStale: a?.proposalStale ?? false,
    });
  }
  const rows = Object.values(kept).flatMap((k) => k.items.map(({ id: _id, ...row }) => row));
  return { rows, counts, towns: [...towns].sort((a, b) => a.localeCompare(b)) };
}
