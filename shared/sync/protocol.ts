import { z } from 'zod';
import { OpSchema } from './op';
import { isBase64Text } from './base64';
import { NETWORK_NAME_PATTERN } from './crypto';

/**
 * The relay protocol (socket.io v4 events). Every message either way is validated with these
 * schemas before anything else looks at it; both ends treat a failed parse as bad input (report,
 * drop, never crash). The relay only ever handles opaque sealed blobs (see ./crypto): it learns
 * the network name, device ids, blob sizes, timing and the sequence numbers it assigns itself.
 *
 * Versioning: a console says which protocol versions it speaks ([minV, v]); the relay accepts if
 * the ranges overlap and answers `welcome` with the version in use, otherwise an `error` with
 * code `protocol_too_old` (the console must update) or `relay_too_old` (the relay must).
 */
export const PROTOCOL_VERSION = 2;
/**
 * Version 2 seals each pushed batch of ops as ONE blob (kind `ops`, see OpBatchEnvelopeSchema)
 * instead of one blob per op: a console catching up then decrypts and parses a few hundred blobs
 * rather than tens of thousands. A version 1 console cannot read those blobs, so the relay
 * refuses it (`protocol_too_old`, "update the console") instead of letting it skip changes.
 * Version 2 consoles still read version 1 blobs (kind `op`) that an older log may hold.
 */
export const MIN_PROTOCOL_VERSION = 2;

/** Event names, one per message type. */
export const EV = {
  hello: 'hello',
  welcome: 'welcome',
  push: 'push',
  ack: 'ack',
  broadcast: 'broadcast',
  catchUp: 'catch_up',
  page: 'page',
  presence: 'presence',
  peers: 'peers',
  error: 'relay_error',
  snapshotPut: 'snapshot_put',
  snapshotAck: 'snapshot_ack',
  snapshotGet: 'snapshot_get',
  snapshotPart: 'snapshot_part',
  rotate: 'rotate',
  rotated: 'rotated',
} as const;

/** Hard ceilings the schemas enforce; a relay may configure lower ones. */
export const MAX_BLOB_CHARS = 2_000_000;
export const MAX_BATCH_BLOBS = 1000;
export const MAX_PAGE_ITEMS = 2000;

export const NetworkName = z
  .string()
  .regex(NETWORK_NAME_PATTERN, 'Network names are 1-64 of a-z 0-9 . _ -');
export const SealedBlob = z
  .string()
  .min(40)
  .max(MAX_BLOB_CHARS)
  .refine(isBase64Text, 'Blobs are base64');
const Seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const DeviceId = z.uuid();

export const HelloSchema = z.object({
  v: z.number().int().min(1).max(1000),
  minV: z.number().int().min(1).max(1000),
  network: NetworkName,
  token: z.string().regex(/^[0-9a-f]{64}$/, 'Auth tokens are 64 hex digits'),
  deviceId: DeviceId,
  /** Sealed presence (the dispatcher's name), shown to the network's other consoles. */
  presence: SealedBlob.nullable(),
  lastSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /**
   * A one-time invite code the relay's operator made for this network (`npm run relay -- invite
   * NAME`). Only read when the network is not registered yet; a closed relay registers a network
   * only with one (or when the operator allowed the name).
   */
  invite: z.string().min(1).max(100).optional(),
});
export type Hello = z.output<typeof HelloSchema>;

export const PeerSchema = z.object({ deviceId: DeviceId, presence: SealedBlob.nullable() });
export type Peer = z.output<typeof PeerSchema>;

export const WelcomeSchema = z.object({
  v: z.number().int().min(1),
  headSeq: z.number().int().min(0),
  peers: z.array(PeerSchema).max(10_000),
  /**
   * The network's log on this relay: a random id made when the network registered. A console
   * remembers it with its position; a different id means a new or wiped log, the same id with a
   * `headSeq` below the console's position means a log restored from an older copy. Either way
   * the console re-pushes its own ops the log lacks and re-reads from seq 0. Absent from relays
   * older than this field.
   */
  logId: z.string().min(1).max(64).optional(),
  /** The relay seq the network's latest complete snapshot covers (absent: none). */
  snapshotSeq: z.number().int().min(0).optional(),
  /**
   * The oldest seq the relay still holds (older blobs were deleted after the retention period,
   * the latest snapshot covers them). A console whose position is below `firstSeq - 1` must
   * start from the snapshot.
   */
  firstSeq: z.number().int().min(0).optional(),
  /**
   * The network's key epoch (1 until its passphrase is first changed, see ./rotation). Absent
   * from relays that cannot rotate a passphrase: a console refuses to rotate through them.
   */
  epoch: z.number().int().min(1).optional(),
});
export type Welcome = z.output<typeof WelcomeSchema>;

export const PushSchema = z.object({
  batchId: z.string().min(1).max(64),
  blobs: z.array(SealedBlob).min(1).max(MAX_BATCH_BLOBS),
});
export type Push = z.output<typeof PushSchema>;

export const AckSchema = z.object({
  batchId: z.string().min(1).max(64),
  seqs: z.array(Seq).max(MAX_BATCH_BLOBS),
});
export type Ack = z.output<typeof AckSchema>;

/**
 * A blob the relay sends back. The relay accepted it as base64 already, and the console decodes
 * every blob exactly (shared/sync/base64.ts refuses anything else) before authenticating it, so
 * checking the alphabet here too would scan each catch-up twice: only the size is checked.
 */
const ReceivedBlob = z.string().min(40).max(MAX_BLOB_CHARS);
export const LogItemSchema = z.object({ seq: Seq, blob: ReceivedBlob });
export type LogItem = z.output<typeof LogItemSchema>;

/** Live delivery of one accepted batch to the network's other consoles, in seq order. */
export const BroadcastSchema = z.object({
  items: z.array(LogItemSchema).min(1).max(MAX_BATCH_BLOBS),
});
export type Broadcast = z.output<typeof BroadcastSchema>;

export const CatchUpSchema = z.object({
  fromSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  limit: z.number().int().min(1).max(MAX_PAGE_ITEMS).optional(),
});
export type CatchUp = z.output<typeof CatchUpSchema>;

/** Items with seq > fromSeq, ascending; `more` when the log goes on past the last item. */
export const PageSchema = z.object({
  fromSeq: z.number().int().min(0),
  items: z.array(LogItemSchema).max(MAX_PAGE_ITEMS),
  more: z.boolean(),
  headSeq: z.number().int().min(0),
});
export type Page = z.output<typeof PageSchema>;

export const PresenceSchema = z.object({ presence: SealedBlob.nullable() });
export const PeersSchema = z.object({ peers: z.array(PeerSchema).max(10_000) });

export const RELAY_ERROR_CODES = [
  'wrong_passphrase',
  'network_not_allowed',
  'protocol_too_old',
  'relay_too_old',
  'not_authenticated',
  'invalid_message',
  'too_large',
  'rate_limited',
  'internal',
  /** Registration refused: the invite code is unknown or made for another network (fatal). */
  'invite_invalid',
  /** Registration refused: the invite code was already used (fatal). */
  'invite_used',
  /** Registration refused: the invite code expired (fatal). */
  'invite_expired',
  /** A push refused, with its batchId: the network is at its storage quota (not fatal). */
  'quota_exceeded',
  /** A push refused, with its batchId: the relay's disk is nearly full (not fatal). */
  'disk_full',
  /**
   * The network's passphrase was changed on another console (a new key epoch): this console's
   * token is a retired one. Fatal: the console stops pushing (its changes stay queued) until a
   * person enters the new passphrase.
   */
  'rejoin_required',
] as const;
export type RelayErrorCode = (typeof RELAY_ERROR_CODES)[number];

export const RelayErrorSchema = z.object({
  code: z.enum(RELAY_ERROR_CODES),
  message: z.string().max(500),
  /** The relay closes the connection after a fatal error; retrying will not help. */
  fatal: z.boolean(),
  batchId: z.string().max(64).optional(),
  /**
   * For a refused push (`quota_exceeded`, `disk_full`): when retrying is worth it. The console
   * keeps the batch queued and retries then, or at once on its next reconnect.
   */
  retryAfterMs: z.number().int().min(0).max(86_400_000).optional(),
  /** For `rejoin_required`: the network's key epoch now. */
  epoch: z.number().int().min(1).optional(),
});
export type RelayError = z.output<typeof RelayErrorSchema>;

/**
 * Inside a sealed `op` blob, protocol 1 (the relay never sees this): the op, and the highest relay seq the
 * sending console had applied when the op was made. The latter lets receivers tell a concurrent
 * edit (a conflict people must see) from a deliberate change made with the other one in view.
 */
export const OpEnvelopeSchema = z.object({
  v: z.literal(1),
  op: OpSchema,
  knownSeq: z.number().int().min(0),
});
export type OpEnvelope = z.output<typeof OpEnvelopeSchema>;

/** Most ops one sealed batch may carry (a console pushes 200 at a time by default). */
export const MAX_OPS_PER_BATCH = 1000;

/**
 * Inside a sealed `ops` blob (protocol 2): one pushed batch, in the order the console made the
 * ops. Every op of the batch gets the blob's relay seq; each keeps its own knownSeq.
 */
export const OpBatchEnvelopeSchema = z.object({
  v: z.literal(2),
  // Entries are validated one by one (OpEntrySchema), so one op this version cannot read is
  // reported on its own and the rest of its batch still lands.
  ops: z.array(z.unknown()).min(1).max(MAX_OPS_PER_BATCH),
});
export const OpEntrySchema = z.object({ op: OpSchema, knownSeq: z.number().int().min(0) });
export type OpEntry = z.output<typeof OpEntrySchema>;

export const PresencePayloadSchema = z.object({
  v: z.literal(1),
  name: z.string().min(1).max(80),
});

/**
 * Bounded history. A snapshot is the network state at relay seq `coversSeq`, sealed (kind
 * `snapshot`) in `parts` blobs of at most MAX_BLOB_CHARS, uploaded one part per message. The
 * relay keeps the latest complete one per network and, past its retention period, deletes the
 * log blobs below `coversSeq`.
 */
export const MAX_SNAPSHOT_PARTS = 500;
const SnapshotId = z.uuid();
export const SnapshotPutSchema = z.object({
  snapshotId: SnapshotId,
  coversSeq: Seq,
  parts: z.number().int().min(1).max(MAX_SNAPSHOT_PARTS),
  part: z
    .number()
    .int()
    .min(0)
    .max(MAX_SNAPSHOT_PARTS - 1),
  blob: SealedBlob,
  /**
   * A rotation's snapshot, sealed under the next key epoch: staged, never the latest until the
   * `rotate` naming it commits. Absent: the sender's current epoch.
   */
  epoch: z.number().int().min(1).max(1_000_000).optional(),
});
export type SnapshotPut = z.output<typeof SnapshotPutSchema>;
/**
 * After each part: `stored` (send the next), `complete` (it is now the network's snapshot) or
 * `stale` (the relay holds one at least as recent; stop). One part in flight at a time keeps a
 * large snapshot from crowding the connection.
 */
export const SnapshotAckSchema = z.object({
  snapshotId: SnapshotId,
  part: z.number().int().min(0),
  outcome: z.enum(['stored', 'complete', 'stale']),
});
export const SnapshotGetSchema = z.object({
  part: z
    .number()
    .int()
    .min(0)
    .max(MAX_SNAPSHOT_PARTS - 1),
});
/** One part of the latest snapshot, or `snapshotId: null` when the network has none. */
export const SnapshotPartSchema = z.union([
  z.object({
    snapshotId: SnapshotId,
    coversSeq: Seq,
    parts: z.number().int().min(1).max(MAX_SNAPSHOT_PARTS),
    part: z.number().int().min(0),
    blob: ReceivedBlob,
  }),
  z.object({ snapshotId: z.null() }),
]);
export type SnapshotPart = z.output<typeof SnapshotPartSchema>;

/**
 * Passphrase rotation (./rotation): after uploading every part of a snapshot sealed under the
 * next epoch (`snapshot_put` with `epoch`), the console asks the relay to move the network to
 * that epoch. Only a socket welcomed with the network's current token may; the relay answers
 * `rotated` with the outcome, and tells the network's other consoles `rejoin_required`.
 */
export const RotateSchema = z.object({
  epoch: z.number().int().min(2).max(1_000_000),
  /** The token of the new epoch's keys (the relay keeps only its hash, as at registration). */
  newToken: z.string().regex(/^[0-9a-f]{64}$/, 'Auth tokens are 64 hex digits'),
  snapshotId: SnapshotId,
  coversSeq: Seq,
});
export type Rotate = z.output<typeof RotateSchema>;
export const RotatedSchema = z.object({
  epoch: z.number().int().min(1),
  outcome: z.enum(['rotated', 'epoch_moved', 'behind', 'incomplete']),
  /** Blobs of the old epoch the relay deleted (log rows), when rotated. */
  removed: z.number().int().min(0).optional(),
});
export type Rotated = z.output<typeof RotatedSchema>;

export * from './link-protocol';
