import { gte, inArray, or } from 'drizzle-orm';
import type { BackendContext } from '../context';
import { assignments, responders } from '../../db/schema';
import { responderFromRow } from '../rows';
import {
  ACTIVE_ASSIGNMENT_STATUSES,
  buildRosterIndex,
  summarizeAssignments,
  type AssignmentLike,
  type AssignmentSummary,
  type RosterIndex,
} from '../../shared/matching/engine';

/**
 * The roster's matching index, kept in memory per backend and rebuilt lazily after any responder
 * change. Invalidation observes the backend's change feed (local edits, imports and ops received
 * from the relay all record themselves there), so no handler has to remember to bump a version. Loading and indexing 100,000 responders takes about a second; matching then
 * costs milliseconds.
 */
interface CacheState {
  version: number;
  index: RosterIndex | null;
  /** SQLite's data_version: changes when ANOTHER connection (the roster CLI) commits. */
  dataVersion: number;
}

const states = new WeakMap<BackendContext, CacheState>();

function stateFor(ctx: BackendContext): CacheState {
  let state = states.get(ctx);
  if (state) return state;
  const fresh: CacheState = { version: 0, index: null, dataVersion: -1 };
  state = fresh;
  states.set(ctx, state);
  ctx.changes.observe((refs) => {
    if (refs.some((ref) => ref.entity === 'responder')) {
      fresh.version++;
      fresh.index = null;
    }
  });
  return state;
}

export function rosterIndex(ctx: BackendContext): RosterIndex {
  const state = stateFor(ctx);
  const dataVersion = Number(ctx.db.$client.pragma('data_version', { simple: true }));
  if (dataVersion !== state.dataVersion) {
    state.dataVersion = dataVersion;
    state.index = null;
  }
  if (!state.index) {
    const roster = ctx.db.select().from(responders).all().map(responderFromRow);
    state.index = buildRosterIndex(roster, state.version);
  }
  return state.index;
}

/** How far back deployments count for fairness ("last deployed N days ago"). */
const HISTORY_DAYS = 60;

export function assignmentSummary(ctx: BackendContext): AssignmentSummary {
  const now = ctx.now();
  const since = new Date(now - HISTORY_DAYS * 86_400_000).toISOString();
  const rows = ctx.db
    .select({
      incidentId: assignments.incidentId,
      responderId: assignments.responderId,
      role: assignments.role,
      status: assignments.status,
      createdAt: assignments.createdAt,
      statusChangedAt: assignments.statusChangedAt,
      declineReason: assignments.declineReason,
    })
    .from(assignments)
    .where(
      or(
        inArray(assignments.status, [...ACTIVE_ASSIGNMENT_STATUSES]),
        gte(assignments.createdAt, since),
      ),
    )
    .all() as AssignmentLike[];
  return summarizeAssignments(rows, now);
}
