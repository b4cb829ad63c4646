/**
 * Passphrase rotation: the pure rules both relay stores and the console share.
 *
 * A network's keys come from its passphrase; each passphrase change starts a new key **epoch**
 * (1, 2, 3 ...), which the relay numbers. A rotation is one compare-and-set on the relay: it
 * moves the network from epoch N to N + 1 only when
 * - the request names epoch N + 1 (a console that lost a race to another rotation names an
 *   epoch that is no longer next, and is told to re-join);
 * - the new-epoch snapshot it names covers the whole log (`coversSeq` equals the head: a blob
 *   pushed under epoch N after the snapshot was sealed would otherwise be deleted unseen, so
 *   the rotating console catches up and seals again);
 * - every part of that snapshot is stored.
 * Then, in the same transaction, the new token hash replaces the old one (the old one is kept
 * among the retired ones, so a console still holding it is told "re-join", not "wrong
 * passphrase"), and every epoch-N blob (log and snapshots) is deleted.
 */
export type RotationOutcome = 'rotated' | 'epoch_moved' | 'behind' | 'incomplete';

export interface RotationRequest {
  epoch: number;
  coversSeq: number;
  snapshotId: string;
}

export function rotationVerdict(
  network: { epoch: number; head: number },
  request: { epoch: number; coversSeq: number },
  parts: { held: number; needed: number | null },
): RotationOutcome {
  if (request.epoch !== network.epoch + 1) return 'epoch_moved';
  if (request.coversSeq !== network.head) return 'behind';
  if (parts.needed === null || parts.held < parts.needed) return 'incomplete';
  return 'rotated';
}

/**
 * Where a snapshot part goes on a network at `networkEpoch`, sent by a console welcomed under
 * `senderEpoch` and sealed under `partEpoch` (absent: the sender's): the current epoch's
 * snapshots as usual; the next epoch's staged for a rotation (never the latest until the
 * rotation commits); anything from a console whose epoch is no longer the network's (a
 * rotation that lost the race, a console not yet told) refused as stale.
 */
export function snapshotPartPlace(
  networkEpoch: number,
  partEpoch: number | undefined,
  senderEpoch: number = networkEpoch,
): 'current' | 'staged' | 'stale' {
  if (senderEpoch !== networkEpoch) return 'stale';
  if (partEpoch === undefined || partEpoch === networkEpoch) return 'current';
  return partEpoch === networkEpoch + 1 ? 'staged' : 'stale';
}

/** How many earlier token hashes a relay remembers, to tell a stale console to re-join. */
export const RETIRED_TOKENS_KEPT = 8;

export function retireToken(retired: readonly string[], tokenHash: string): string[] {
  return [tokenHash, ...retired.filter((h) => h !== tokenHash)].slice(0, RETIRED_TOKENS_KEPT);
}

/** Parses a stored list of retired token hashes (a JSON array of hex strings; anything else: none). */
export function parseRetiredTokens(text: string | null | undefined): string[] {
  try {
    const value: unknown = JSON.parse(text ?? '[]');
    return Array.isArray(value) ? value.filter((h): h is string => typeof h === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The oldest seq a relay still holds: the log's first row, or (a log emptied by a rotation, its
 * head kept) one past the head, so a console below it knows to start from the snapshot.
 */
export function firstHeldSeq(minSeq: number | null, head: number): number {
  if (minSeq !== null) return minSeq;
  return head > 0 ? head + 1 : 0;
}
