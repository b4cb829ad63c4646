import type { LinkStore } from './link-store';
import type { RotationOutcome, RotationRequest } from '../shared/sync/rotation';

/**
 * The relay's only state, behind one interface with two implementations: ./sqlite-store (one
 * file, one host) and ./postgres-store (nodes on several hosts). Per network: the hash of its
 * auth token, a random log id, usage counters, and an append-only log of sealed blobs numbered
 * 1, 2, 3 ... (the relay's sequence numbers); plus the operator's invites. Nothing here can be
 * decrypted by the relay.
 *
 * Invariants every implementation keeps:
 * - an append is one transaction, committed before it returns (so before the relay acks), and
 *   the seqs it hands out are gap-free and unique per network even with several relay nodes;
 * - an append that would pass the network's quota writes nothing and throws QuotaExceededError;
 * - `logId` is created with the network's registration and never changes; a wiped store gives a
 *   new one, a restored backup the old one (with a lower head), so consoles compare both.
 */
export interface StoredItem {
  seq: number;
  blob: string;
}

export interface NetworkRecord {
  tokenHash: string;
  logId: string;
  /** The key epoch (1 until the passphrase is first changed; ../shared/sync/rotation). */
  epoch: number;
  /** Hashes of earlier epochs' tokens, newest first: their consoles are told to re-join. */
  retiredTokenHashes: string[];
}

export interface NetworkUsage {
  bytes: number;
  blobs: number;
}

export interface Quota {
  maxBytes: number;
  maxBlobs: number;
}

export type InviteRefusal = 'invite_invalid' | 'invite_used' | 'invite_expired';

type Awaitable<T> = T | Promise<T>;

/** One part of a network snapshot as uploaded (see shared/sync/protocol SnapshotPutSchema). */
export interface SnapshotPartRecord {
  snapshotId: string;
  coversSeq: number;
  parts: number;
  part: number;
  blob: string;
  /** The key epoch it is sealed under; absent: the sender's. */
  epoch?: number;
  /** The epoch the sending console was welcomed under; absent: the network's current one. */
  senderEpoch?: number;
}

/** 'complete' when this part completed the snapshot and it is now the network's latest. */
export type SnapshotPutOutcome = 'stored' | 'complete' | 'stale';

/**
 * Bounded history: the latest complete snapshot per network, and deleting what it covers.
 * Invariants: the log row at the snapshot's `coversSeq` and every row after it are kept, so the
 * head (and the next seq) never goes back and a console reads snapshot + tail with no gap.
 */
export interface SnapshotStore {
  putSnapshotPart(network: string, part: SnapshotPartRecord): Awaitable<SnapshotPutOutcome>;
  /** A part of the latest complete snapshot, or null when there is none (or no such part). */
  snapshotPart(network: string, part: number): Awaitable<SnapshotPartRecord | null>;
  snapshotSeq(network: string): Awaitable<number | null>;
  /** The oldest seq still held (0 for an empty log). */
  firstSeq(network: string): Awaitable<number>;
  /**
   * Deletes, for every network with a snapshot, the log rows below its `coversSeq` received
   * before `cutoffMs`, and snapshot uploads that never completed; returns rows deleted.
   */
  prune(cutoffMs: number): Awaitable<number>;
}

export interface RelayStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Responder links: sealed envelopes and answers (./link-store). */
  readonly links: LinkStore;
  network(network: string): Awaitable<NetworkRecord | null>;
  /** Registers the network unless it exists; returns the record that is now stored. */
  registerNetwork(network: string, tokenHash: string): Awaitable<NetworkRecord>;
  /**
   * Registers the network by consuming an unused, unexpired invite made for it, in one
   * transaction (an invite admits one registration, however many nodes race for it). A network
   * that already exists is returned as it is and the invite stays unused.
   */
  registerWithInvite(
    network: string,
    tokenHash: string,
    inviteHash: string,
    nowMs: number,
  ): Awaitable<NetworkRecord | InviteRefusal>;
  createInvite(network: string, inviteHash: string, expiresAtMs: number): Awaitable<void>;
  networkCount(): Awaitable<number>;
  head(network: string): Awaitable<number>;
  usage(network: string): Awaitable<NetworkUsage>;
  /**
   * Appends blobs in one transaction; returns their seqs. Throws QuotaExceededError, and
   * EpochChangedError when `epoch` is given and is not the network's (checked in the same
   * transaction, so no blob of a retired epoch lands after a rotation).
   */
  append(
    network: string,
    device: string,
    blobs: readonly string[],
    quota?: Quota,
    epoch?: number,
  ): Awaitable<number[]>;
  /** Up to `limit` items after `fromSeq`, but stops early past `maxChars` of blobs. */
  read(network: string, fromSeq: number, limit: number, maxChars: number): Awaitable<StoredItem[]>;
  close(): Awaitable<void>;
  /** Absent from stores without bounded history (the relay then refuses snapshot uploads). */
  readonly snapshots?: SnapshotStore;
  /**
   * Passphrase rotation (../shared/sync/rotation): in one transaction, checks the request with
   * `rotationVerdict`; when it passes, stores the new token hash and epoch, retires the old
   * hash, makes the staged snapshot the network's latest, and deletes every blob of the old
   * epoch (the whole log and every other snapshot) keeping the head. Returns the outcome and
   * how many log rows were deleted.
   */
  rotate(
    network: string,
    request: RotationRequest & { tokenHash: string },
  ): Awaitable<{ outcome: RotationOutcome; removed: number }>;
}

/**
 * An append sent under an epoch that is no longer the network's (the passphrase was changed):
 * nothing is written.
 */
export class EpochChangedError extends Error {
  constructor(readonly epoch: number) {
    super('The network passphrase was changed: this console must re-join');
    this.name = 'EpochChangedError';
  }
}

export class QuotaExceededError extends Error {
  constructor(
    readonly usage: NetworkUsage,
    readonly quota: Quota,
  ) {
    super('The network is at its storage quota on this relay');
    this.name = 'QuotaExceededError';
  }
}

/** Whether `blobs` fit in the network's quota given its current usage. */
export function fitsQuota(usage: NetworkUsage, blobs: readonly string[], quota?: Quota): boolean {
  if (!quota) return true;
  const bytes = blobs.reduce((sum, b) => sum + b.length, 0);
  return usage.bytes + bytes <= quota.maxBytes && usage.blobs + blobs.length <= quota.maxBlobs;
}
