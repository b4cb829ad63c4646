import type Database from 'better-sqlite3';
import type { BackendEvent, EntityName } from '../shared/api/events';
import type { Op } from '../shared/sync/op';
import { prepared } from './prepared';
import { CONFLICT_RESOLVED_KIND } from './sync/conflicts';

export interface EntityRef {
  entity: EntityName;
  id: string;
  /**
   * Set when the entity is named only because an activity entry or an assignment is about it:
   * its own row did not change (a note names its incident). Lists of rows may skip such refs.
   */
  via?: 'activity' | 'assignment';
}

/** A change to the row outranks a change to its team, which outranks a mention in the log. */
const VIA_RANK = { none: 0, assignment: 1, activity: 2 } as const;
const rankOf = (ref: EntityRef) => VIA_RANK[ref.via ?? 'none'];

/** Adds `ref` under `key`, keeping the strongest of the reasons it was named for. */
export function addRef(refs: Map<string, EntityRef>, key: string, ref: EntityRef): void {
  const known = refs.get(key);
  if (known && rankOf(known) <= rankOf(ref)) return;
  refs.set(key, ref);
}

/** `addRef` keyed by entity and id. */
export const addEntityRef = (refs: Map<string, EntityRef>, ref: EntityRef): void =>
  addRef(refs, `${ref.entity}:${ref.id}`, ref);

export type ChangeOrigin = 'local' | 'remote';

/**
 * What an op changed, as the consoles' panels see it: its rows, its activity entry, the incident
 * the entry is about, and for an assignment the incident and responder it ties together (their
 * boards show it). Computed from the op and the state it was just applied to, so the same op
 * names the same entities whether this console made it or received it.
 */
export function touchedBy(sqlite: Database.Database, op: Op): EntityRef[] {
  const refs = new Map<string, EntityRef>();
  const add = (entity: EntityName, id: string | null | undefined, via?: EntityRef['via']) => {
    if (id) addEntityRef(refs, via ? { entity, id, via } : { entity, id });
  };
  for (const change of op.changes) {
    add(change.entity, change.id);
    if (change.entity === 'assignment') {
      const row = prepared(
        sqlite,
        'SELECT incident_id, responder_id FROM assignments WHERE id = ?',
      ).get(change.id) as { incident_id: string; responder_id: string } | undefined;
      add('incident', row?.incident_id, 'assignment');
      add('responder', row?.responder_id, 'assignment');
    }
  }
  const activity = op.activity;
  if (activity) {
    add('activity', op.opId);
    // Merging or splitting a report changes how many reports its incident shows: a change.
    const movesReports = op.changes.some(
      (c) => c.entity === 'incident' && 'mergedIntoId' in c.fields,
    );
    add('incident', activity.incidentId, movesReports ? undefined : 'activity');
    const conflictId = activity.params.conflictId;
    if (activity.kind === CONFLICT_RESOLVED_KIND && typeof conflictId === 'string') {
      const row = prepared(
        sqlite,
        'SELECT incident_id, other_incident_id FROM conflicts WHERE id = ?',
      ).get(conflictId) as { incident_id: string; other_incident_id: string | null } | undefined;
      add('incident', row?.incident_id, 'activity');
      add('incident', row?.other_incident_id, 'activity');
    }
  }
  return [...refs.values()];
}

/**
 * The one place change events leave the backend. Writes record what they touched (mutate() for
 * every op, local or received; the session's device-local facts); a batch (one operation, one
 * received page) announces everything it touched once, when it ends, so a panel refetches once
 * per operation however many ops it took.
 */
export class ChangeFeed {
  private depth = 0;
  private readonly pending = new Map<string, EntityRef & { origin: ChangeOrigin }>();
  private readonly observers = new Set<(refs: readonly EntityRef[]) => void>();

  constructor(private readonly emit: (event: BackendEvent) => void) {}

  /**
   * In-process caches learn of a change as it is recorded, not when its batch ends: a handler
   * that writes and then reads in the same operation must not read a stale cache.
   */
  observe(observer: (refs: readonly EntityRef[]) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  record(refs: readonly EntityRef[], origin: ChangeOrigin): void {
    for (const observer of this.observers) observer(refs);
    for (const ref of refs) {
      const key = `${origin}:${ref.entity}:${ref.id}`;
      const known = this.pending.get(key);
      if (known && rankOf(known) <= rankOf(ref)) continue;
      this.pending.set(key, { ...ref, origin });
    }
    if (this.depth === 0) this.flush();
  }

  /** Runs `fn` and announces what it touched when it returns or throws (a committed op stays). */
  batch<T>(fn: () => T): T {
    this.depth++;
    try {
      return fn();
    } finally {
      if (--this.depth === 0) this.flush();
    }
  }

  private flush(): void {
    if (this.pending.size === 0) return;
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const origin of ['local', 'remote'] as const) {
      const entities = all
        .filter((ref) => ref.origin === origin)
        .map(({ entity, id, via }) => (via ? { entity, id, via } : { entity, id }));
      if (entities.length > 0) this.emit({ type: 'changed', entities, origin });
    }
  }
}
