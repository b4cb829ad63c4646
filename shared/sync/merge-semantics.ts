import type { EntityName } from '../api/events';
import { checkTransition } from '../domain/incident-status';
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
