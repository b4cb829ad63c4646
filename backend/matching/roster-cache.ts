import { gte, inArray, or } from 'drizzle-orm';
import type { BackendContext } from '../context';
import { assignments } from '../../db/schema';
import { prepared } from '../prepared';
import {
  ACTIVE_ASSIGNMENT_STATUSES,
  summarizeAssignments,
  type AssignmentLike,
  type AssignmentSummary,
} from '../../shared/matching/engine';
import {
  emptyRosterIndex,
  putResponder,
  removeResponder,
  sealRosterIndex,
  type MatchProfile,
  type RosterIndex,
} from '../../shared/matching/roster-index';

/**
 * The roster's matching index, kept in memory per backend. It is built when the backend opens,
 * in slices of SLICE rows with the event loop free between them, so every other call is served
 * while it loads; a matching call that arrives meanwhile waits for the rest (rosterIndexReady).
 * After that it follows the change feed person by person: every responder a change names (an
 * edit, an import, an assignment, an op from the relay) is reloaded by id before the next match.
 * Only a commit by ANOTHER connection (the roster CLI), seen through SQLite's data_version, says
 * nothing about which rows changed, and rebuilds it.
 */
interface CacheState {
  index: RosterIndex | null;
  /** The build under way: its next slice starts after `cursor` (a rowid). */
  build: { index: RosterIndex; cursor: number; done: Promise<void> } | null;
  /** Responders changed since they were read. */
  dirty: Set<string>;
  dataVersion: number;
}

/** Rows read per slice: ~10-30 ms of work, so a call waits at most one slice. */
const SLICE = 2_000;
/** Beyond this many changed people at once (a big import), a rebuild is cheaper. */
const REBUILD_ABOVE = 20_000;
/** Only what matching reads, never phones or notes. */
const COLUMNS =
  'id, name, home_town, home_lat, home_lon, has_car, on_call, active, roles, languages, trainings, availability, max_travel_minutes, avoid_enforcement_scenes';

type ProfileRow = [
  string,
  string,
  string,
  number,
  number,
  number,
  number,
  number,
  string,
  string,
  string,
  string,
  number,
  number,
];

const profileFromRow = (row: ProfileRow): MatchProfile => ({
  id: row[0],
  name: row[1],
  homeTown: row[2],
  homeLat: row[3],
  homeLon: row[4],
  hasCar: row[5] === 1,
  onCall: row[6] === 1,
  active: row[7] === 1,
  roles: JSON.parse(row[8]) as MatchProfile['roles'],
  languages: JSON.parse(row[9]) as MatchProfile['languages'],
  trainings: JSON.parse(row[10]) as MatchProfile['trainings'],
  availability: JSON.parse(row[11]) as MatchProfile['availability'],
  maxTravelMinutes: row[12],
  avoidEnforcementScenes: row[13] === 1,
});

const states = new WeakMap<BackendContext, CacheState>();

function stateFor(ctx: BackendContext): CacheState {
  let state = states.get(ctx);
  if (state) return state;
  const fresh: CacheState = { index: null, build: null, dirty: new Set(), dataVersion: -1 };
  state = fresh;
  states.set(ctx, state);
  ctx.changes.observe((refs) => {
    for (const ref of refs) if (ref.entity === 'responder') fresh.dirty.add(ref.id);
  });
  return state;
}

const dataVersionOf = (ctx: BackendContext) =>
  Number(ctx.db.$client.pragma('data_version', { simple: true }));

/** Reads the slice after the build's cursor; false once every row has been read. */
function readSlice(ctx: BackendContext, state: CacheState): boolean {
  const build = state.build!;
  const rows = prepared(
    ctx.db.$client,
    `SELECT rowid, ${COLUMNS} FROM responders WHERE rowid > ? ORDER BY rowid LIMIT ${SLICE}`,
  )
    .raw()
    .all(build.cursor) as [number, ...ProfileRow][];
  for (const [rowid, ...row] of rows) {
    putResponder(build.index, profileFromRow(row));
    build.cursor = rowid;
  }
  return rows.length === SLICE;
}

function finishBuild(state: CacheState): void {
  const build = state.build!;
  sealRosterIndex(build.index);
  state.index = build.index;
  state.build = null;
}

/**
 * Starts (or restarts) a build in the background. People changed while it runs are in `dirty`
 * and are reloaded once it ends, so a change to a row already read is not lost.
 */
function startBuild(ctx: BackendContext, state: CacheState): void {
  const index = emptyRosterIndex((state.index?.version ?? 0) + 1);
  index.sorted = false;
  state.dataVersion = dataVersionOf(ctx);
  state.index = null;
  // Everyone is read after this point; only changes from now on need a second look.
  state.dirty.clear();
  let resolve!: () => void;
  const done = new Promise<void>((ok) => (resolve = ok));
  const build = { index, cursor: Number.MIN_SAFE_INTEGER, done };
  state.build = build;
  const step = () => {
    // Finished by a synchronous caller, replaced by a newer build, or the database closed.
    if (state.build !== build || !ctx.db.$client.open) return resolve();
    try {
      if (readSlice(ctx, state)) {
        setImmediate(step);
        return;
      }
      finishBuild(state);
    } catch (error) {
      // The next matching call builds synchronously and reports what went wrong.
      console.error('roster index build failed', error);
      if (state.build === build) state.build = null;
    }
    resolve();
  };
  setImmediate(step);
}

/** Begins loading the index off the request path (when the backend opens). */
export function startRosterIndex(ctx: BackendContext): void {
  const state = stateFor(ctx);
  if (!state.index && !state.build) startBuild(ctx, state);
}

/**
 * Forgets the index and loads it again in the background: for rows written around the mutation
 * path on this connection (a bench's bulk seed), which the change feed never saw.
 */
export function rebuildRosterIndex(ctx: BackendContext): void {
  startBuild(ctx, stateFor(ctx));
}

/** Waits for a build under way, letting other calls run between its slices. */
export async function rosterIndexReady(ctx: BackendContext): Promise<void> {
  const state = stateFor(ctx);
  const stale =
    !state.index || state.dirty.size > REBUILD_ABOVE || dataVersionOf(ctx) !== state.dataVersion;
  if (!state.build && stale) startBuild(ctx, state);
  if (state.build) await state.build.done;
}

/** Reloads the people the change feed named since they were last read. */
function applyDirty(ctx: BackendContext, state: CacheState, index: RosterIndex): void {
  if (state.dirty.size === 0) return;
  const ids = [...state.dirty];
  state.dirty.clear();
  const select = prepared(ctx.db.$client, `SELECT ${COLUMNS} FROM responders WHERE id = ?`).raw();
  for (const id of ids) {
    const row = select.get(id) as ProfileRow | undefined;
    if (row) putResponder(index, profileFromRow(row));
    else removeResponder(index, id);
  }
}

/**
 * The current index. Synchronous for handlers that match inside a write (a decline offers the
 * next candidate): a build under way is finished here, slice after slice.
 */
export function rosterIndex(ctx: BackendContext): RosterIndex {
  const state = stateFor(ctx);
  if (state.index && (state.dirty.size > REBUILD_ABOVE || dataVersionOf(ctx) !== state.dataVersion))
    startBuild(ctx, state);
  if (!state.index) {
    if (!state.build) startBuild(ctx, state);
    while (readSlice(ctx, state));
    finishBuild(state);
  }
  applyDirty(ctx, state, state.index!);
  return state.index!;
}

/**
 * How many people are active and inactive, from the index when it is loaded (null while it is
 * not): the roster's "N of M" without counting the table.
 */
export function rosterCounts(ctx: BackendContext): { active: number; inactive: number } | null {
  const state = stateFor(ctx);
  const index = state.index;
  // Never a rebuild on this path: a stale or loading index leaves the counting to SQL.
  if (
    !index ||
    state.build ||
    state.dirty.size > REBUILD_ABOVE ||
    dataVersionOf(ctx) !== state.dataVersion
  )
    return null;
  applyDirty(ctx, state, index);
  return { active: index.activeCount, inactive: index.size - index.activeCount };
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
