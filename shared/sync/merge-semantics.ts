import type { EntityName } from '../api/events';
import { checkTransition, isVerificationOutcome } from '../domain/incident-status';
import type { IncidentStatus } from '../domain/vocabulary';
import { decodeHlc, encodeHlc, MAX_COUNTER } from '../clock/hlc';

/**
 * How concurrent edits merge, field by field (docs/sync.md says the same for people). Every rule
 * here is a pure function of the ops involved, never of the order they arrived in, so every
 * console reaches the same state.
 */

/**
 * Free text: last writer wins, and an edit made without seeing the other's is a conflict that
 * keeps both versions until a dispatcher settles it.
 */
export const FREE_TEXT_FIELDS: Partial<Record<EntityName, readonly string[]>> = {
  incident: ['description', 'activity'],
  responder: ['notes'],
};

/**
 * Two concurrent status changes: the later one wins (so consoles converge) and needs a person
 * when it is not a step the status machine allows from the one it replaced (closed, then
 * "mobilizing" from an older view).
 */
export function statusMergeNeedsPerson(replaced: IncidentStatus, winner: IncidentStatus): boolean {
  // Two different verification outcomes are already their own conflict (verification_outcome).
  if (isVerificationOutcome(replaced) && isVerificationOutcome(winner)) return false;
  return replaced !== winner && !checkTransition(replaced, winner).ok;
}

/**
 * Fields that derive from an incident's status, written with it: an op that sets `status`
 * without one of these sets it to what that status implies, under the same clock, so the
 * status that wins always brings its own `closedAt` and hold marker (never a reopened incident
 * that still says it was closed).
 */
export function statusDerivedFields(
  fields: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const status = fields.status;
  if (typeof status !== 'string') return fields as Record<string, unknown>;
  const derived: Record<string, unknown> = { ...fields };
  if (status !== 'closed' && !('closedAt' in fields)) derived.closedAt = null;
  if (status !== 'on_hold' && !('heldFromStatus' in fields)) derived.heldFromStatus = null;
  return derived;
}

/** The device id of ops no person made: deterministic repairs after a merge. */
export const SYSTEM_DEVICE_ID = '00000000-0000-8000-8000-000000000000';
export const SYSTEM_ACTOR = 'Sync (automatic repair)';

/**
 * The clock of a repair of two clashing ops: just after the later of them, with the system
 * device id (which sorts before every real device), so every console that repairs the same clash
 * makes the identical op, and any later human edit still wins over it.
 */
export function repairHlc(...hlcs: readonly string[]): string {
  const latest = decodeHlc([...hlcs].sort().at(-1)!);
  const next =
    latest.counter < MAX_COUNTER
      ? { wallMs: latest.wallMs, counter: latest.counter + 1 }
      : { wallMs: latest.wallMs + 1, counter: 0 };
  return encodeHlc({ ...next, deviceId: SYSTEM_DEVICE_ID });
}

/**
 * Set-valued fields: add-wins. Each element is known by a key; an op that edits the set carries
 * what its author added (or changed) and which keys they removed, with the add clock they saw
 * for each. An element is present while its latest add is newer than every removal's "seen":
 * concurrent additions both survive, and a removal removes only the adds its author saw.
 * Elements are ordered by their add clock (elements written together keep their order).
 */
export const SET_FIELDS: Partial<
  Record<EntityName, Readonly<Record<string, (e: unknown) => string>>>
> = {
  responder: {
    phones: (e) => String((e as { e164?: unknown }).e164),
    languages: (e) => String(e),
    roles: (e) => String(e),
    trainings: (e) => String((e as { kind?: unknown }).kind),
    availability: (e) => {
      const w = e as { day?: unknown; start?: unknown; end?: unknown };
      return `${String(w.day)} ${String(w.start)}-${String(w.end)}`;
    },
  },
};

export interface SetDelta {
  add: unknown[];
  remove: { key: string; seen: string }[];
}

/** The field_clocks names of an element's add clock and of its removals' highest "seen". */
export const addClockName = (field: string, key: string) => `${field}+${key}`;
export const removeClockName = (field: string, key: string) => `${field}-${key}`;
/** The latest delta merged into a set: a whole-set write must be newer to replace the set. */
export const mergedClockName = (field: string) => `${field}~`;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What an author changed in a set: `seenClock(key)` is the add clock they saw for a key. */
export function setDelta(
  before: readonly unknown[],
  after: readonly unknown[],
  keyOf: (e: unknown) => string,
  seenClock: (key: string) => string,
): SetDelta {
  const old = new Map(before.map((e) => [keyOf(e), e]));
  const next = new Set(after.map(keyOf));
  return {
    add: after.filter((e) => !old.has(keyOf(e)) || !same(old.get(keyOf(e)), e)),
    remove: [...old.keys()]
      .filter((k) => !next.has(k))
      .map((key) => ({ key, seen: seenClock(key) })),
  };
}

/**
 * Merges one set delta into the stored set. `clocks` holds the row's field clocks; `implicit`
 * is the clock of elements with none of their own (written by a create or a whole-set write).
 * Returns the new set and the clocks to store. Commutative and idempotent: add clocks and
 * "seen" clocks only ever grow, and presence and order derive from them alone.
 */
export function mergeSet(input: {
  field: string;
  stored: readonly unknown[];
  keyOf: (e: unknown) => string;
  clocks: ReadonlyMap<string, string>;
  implicit: string;
  delta: SetDelta;
  hlc: string;
}): { value: unknown[]; clockWrites: [string, string][] } {
  const { field, keyOf, clocks, implicit, delta, hlc } = input;
  const elements = new Map<string, unknown>();
  const index = new Map<string, number>();
  input.stored.forEach((e, i) => {
    elements.set(keyOf(e), e);
    index.set(keyOf(e), i);
  });
  // Every key starts at the clock of the last whole-set write: an add older than that write
  // never brings an element back, whichever arrived first.
  const addClock = (k: string) => clocks.get(addClockName(field, k)) ?? implicit;
  const writes = new Map<string, string>();
  const added = new Map<string, string>();
  const removedUpTo = new Map<string, string>();
  for (const e of delta.add) {
    const k = keyOf(e);
    const current = added.get(k) ?? addClock(k);
    if (hlc > current) {
      added.set(k, hlc);
      elements.set(k, e);
      writes.set(addClockName(field, k), hlc);
    }
  }
  for (const { key, seen } of delta.remove) {
    const current = removedUpTo.get(key) ?? clocks.get(removeClockName(field, key)) ?? '';
    if (seen > current) {
      removedUpTo.set(key, seen);
      writes.set(removeClockName(field, key), seen);
    }
  }
  const present: { k: string; e: unknown; clock: string }[] = [];
  for (const [k, e] of elements) {
    const clock = added.get(k) ?? addClock(k);
    const removed = removedUpTo.get(k) ?? clocks.get(removeClockName(field, k)) ?? '';
    if (clock > removed) present.push({ k, e, clock });
  }
  // Same clock: elements of one whole-set write keep its order (the same on every console);
  // elements one delta added are ordered by key, whatever order they were stored in here.
  const byWriteOrder = (a: { k: string; clock: string }, b: { k: string }) =>
    a.clock === implicit ? (index.get(a.k) ?? 0) - (index.get(b.k) ?? 0) : 0;
  present.sort(
    (a, b) =>
      (a.clock < b.clock ? -1 : a.clock > b.clock ? 1 : 0) ||
      byWriteOrder(a, b) ||
      (a.k < b.k ? -1 : a.k > b.k ? 1 : 0),
  );
  return { value: present.map((p) => p.e), clockWrites: [...writes] };
}

/** One console's copy of a set field: its elements and its row's field clocks. */
export interface SetState {
  set: readonly unknown[];
  clocks: ReadonlyMap<string, string>;
}

/**
 * Merges two consoles' copies of one set field (a snapshot into a console that has the row) by
 * the same rules as merging ops: the copy whose whole-set write is newer than everything the
 * other merged is the base, and the other copy's elements and removals merge into it as deltas
 * made at their own add clocks. Concurrent additions on either side survive; an addition older
 * than the base's whole-set write does not. Returns the set and every clock of the field after.
 */
export function mergeSetStates(
  field: string,
  keyOf: (e: unknown) => string,
  ours: SetState,
  theirs: SetState,
): { value: unknown[]; clocks: Map<string, string> } {
  const whole = (s: SetState) => s.clocks.get(field) ?? s.clocks.get('*') ?? '';
  const merged = (s: SetState) => s.clocks.get(mergedClockName(field)) ?? '';
  const theirsWin = whole(theirs) > [whole(ours), merged(ours)].sort().at(-1)!;
  const [base, other] = theirsWin ? [theirs, ours] : [ours, theirs];
  const addPrefix = addClockName(field, '');
  const removePrefix = removeClockName(field, '');
  const clocks = new Map(
    [...base.clocks].filter(
      ([name]) => name === field || name.startsWith(addPrefix) || name.startsWith(removePrefix),
    ),
  );
  const implicit = whole(base);
  let value = [...base.set];
  const merge = (delta: SetDelta, hlc: string) => {
    const result = mergeSet({ field, stored: value, keyOf, clocks, implicit, delta, hlc });
    value = result.value;
    for (const [name, clock] of result.clockWrites) clocks.set(name, clock);
  };
  const byClock = new Map<string, unknown[]>();
  for (const e of other.set) {
    const clock = other.clocks.get(addClockName(field, keyOf(e))) ?? whole(other);
    byClock.set(clock, [...(byClock.get(clock) ?? []), e]);
  }
  for (const clock of [...byClock.keys()].sort())
    merge({ add: byClock.get(clock)!, remove: [] }, clock);
  const removals = [...other.clocks]
    .filter(([name]) => name.startsWith(removePrefix))
    .map(([name, seen]) => ({ key: name.slice(removePrefix.length), seen }));
  if (removals.length > 0) merge({ add: [], remove: removals }, '');
  const latestMerged = [merged(ours), merged(theirs)].sort().at(-1)!;
  if (latestMerged) clocks.set(mergedClockName(field), latestMerged);
  return { value, clocks };
}
