import { z } from 'zod';
import { Empty, op } from './operation';
import { Id } from './schemas';
import { PeopleTextSchema } from './text';

export const RelayStateSchema = z.object({
  state: z.enum([
    'local_only',
    'connecting',
    'connected',
    'reconnecting',
    'offline',
    'wrong_passphrase',
    'protocol_too_old',
    /** The passphrase was changed on another console: changes wait for the new one. */
    'passphrase_changed',
  ]),
  pendingChanges: z.number().int().min(0),
  peers: z.array(z.string()),
  /**
   * What the status bar says beyond the state, for people: why changes wait (the relay refused
   * them for lack of room), why the relay turned this console away (an invite problem), or that
   * the console is re-sending changes a reset or restored relay lost.
   */
  notice: PeopleTextSchema.optional(),
});
export type RelayState = z.output<typeof RelayStateSchema>;

/** What getSyncStatus and the sync operations return. */
export const SyncStatusSchema = z.object({
  configured: z.boolean(),
  relayUrl: z.string().nullable(),
  network: z.string().nullable(),
  relay: RelayStateSchema,
  /** How far this console has applied the relay's log. */
  lastSeq: z.number().int().min(0),
  /** The network's key epoch (1 until its passphrase is first changed); null before a welcome. */
  epoch: z.number().int().min(1).nullable().default(null),
  /** Received changes not applied yet (clock too far ahead, record not received yet, ...). */
  waitingOps: z.array(
    z.object({
      opId: z.string(),
      reason: z.enum(['clock_drift', 'missing_record', 'rejected']),
      detail: z.string(),
      receivedAt: z.string(),
    }),
  ),
  waitingOpsCount: z.number().int().min(0),
  openConflicts: z.number().int().min(0),
  /**
   * Set when this console is behind the relay because it cannot store what it receives (disk
   * full, database error) or refused received changes: why, in words for people.
   */
  behind: z
    .object({
      reason: z.enum(['disk_full', 'apply_failed', 'rejected']),
      text: PeopleTextSchema,
      since: z.string(),
    })
    .nullable()
    .default(null),
  /** Network settings changed on other consoles (newest first), for an on-screen notice. */
  settingChanges: z
    .array(
      z.object({
        opId: z.string(),
        keys: z.string(),
        actor: z.string(),
        at: z.string(),
      }),
    )
    .default([]),
  /** The latest problems (newest last): tampered or undecryptable changes, relay errors. */
  problems: z.array(
    z.object({
      at: z.string(),
      code: z.string(),
      message: z.string(),
      /** The same for people: worded by the renderer in the reader's language. */
      text: PeopleTextSchema.optional(),
    }),
  ),
  counters: z.object({
    applied: z.number().int(),
    duplicates: z.number().int(),
    parked: z.number().int(),
    undecryptable: z.number().int(),
    pushed: z.number().int(),
    conflicts: z.number().int(),
  }),
});
export type SyncStatus = z.output<typeof SyncStatusSchema>;

export const ConflictVersionSchema = z.object({
  opId: z.string(),
  deviceId: z.string(),
  actor: z.string(),
  at: z.string(),
  hlc: z.string(),
  value: z.string().nullable(),
  verifiedBy: z.string().nullable().optional(),
  assignmentId: z.string().optional(),
  incidentId: z.string().optional(),
  role: z.string().nullable().optional(),
  kept: z.boolean().optional(),
  /** The field both versions set (a free-text conflict) or the rule a repair restored. */
  field: z.string().optional(),
  /** The record the version changed when it is not the incident (a responder's notes). */
  entity: z.string().optional(),
});
export const CONFLICT_KINDS = [
  'double_assignment',
  'verification_outcome',
  /** Two dispatchers edited the same free text without seeing each other's edit. */
  'concurrent_text',
  /** Two concurrent status changes whose winner is not a step allowed from the other. */
  'status_transition',
  /** A cross-record rule broken by a merge, repaired the same way on every console. */
  'invariant_repair',
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];

export const ConflictSchema = z.object({
  id: Id,
  kind: z.enum(CONFLICT_KINDS),
  incidentId: Id,
  otherIncidentId: Id.nullable(),
  responderId: Id.nullable(),
  versions: z.array(ConflictVersionSchema),
  detectedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolutionNote: z.string().nullable(),
});
export type ConflictView = z.output<typeof ConflictSchema>;

/** A network passphrase, new or entered: the rules joining and rotating share. */
const NetworkPassphrase = z.string().min(10, 'Use a passphrase of at least 10 characters').max(500);

export const JoinNetworkInput = z.strictObject({
  relayUrl: z
    .string()
    .trim()
    .max(300)
    .regex(
      /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i,
      'Relay address must start with http:// or https://',
    ),
  network: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'Network names are 1-64 letters, digits, . _ or -'),
  passphrase: NetworkPassphrase,
  /** A one-time code from the relay's operator, for the first console of a new network. */
  invite: z.string().trim().max(100).optional(),
});

export const RotatePassphraseInput = z.strictObject({
  passphrase: NetworkPassphrase,
  /** The on-shift dispatcher's PIN: changing the network passphrase is a sensitive action. */
  pin: z.string().max(12),
});
export const RejoinNetworkInput = z.strictObject({ passphrase: NetworkPassphrase });

/**
 * Why a rotation or a re-join was refused; each is worded as `sync.rotate.refused.<reason>`
 * (shared/i18n), which the failure carries as its `text`.
 */
export const ROTATION_REFUSALS = [
  'not_joined',
  'offline',
  'relay_cannot_rotate',
  'busy',
  'nothing_synced',
  'lost_race',
  'failed',
  'interrupted',
  'same_passphrase',
  'wrong_new_passphrase',
  'unreachable',
] as const;
export type RotationRefusal = (typeof ROTATION_REFUSALS)[number];

/** Relay sync: joining a network, its status, and the conflicts people must look at. */
export const syncOperations = {
  joinNetwork: op(
    JoinNetworkInput,
    SyncStatusSchema,
    'Joins a relay network: derives the keys from the passphrase (which is not stored) and starts syncing.',
  ),
  rotateNetworkPassphrase: op(
    RotatePassphraseInput,
    SyncStatusSchema,
    "Changes the network passphrase from this console (PIN required): a new key epoch, a snapshot under it, the relay's old-epoch blobs deleted; the other consoles are asked to re-join.",
  ),
  rejoinNetwork: op(
    RejoinNetworkInput,
    SyncStatusSchema,
    'After the passphrase was changed on another console: checks the new passphrase with the relay, then re-keys this console (a wrong one changes nothing).',
  ),
  leaveNetwork: op(
    Empty,
    SyncStatusSchema,
    'Stops syncing and forgets the relay settings and key.',
  ),
  getSyncStatus: op(
    Empty,
    SyncStatusSchema,
    'Relay connection, queue, waiting changes and problems.',
  ),
  listConflicts: op(
    z.strictObject({ incidentId: Id.optional(), includeResolved: z.boolean().default(false) }),
    z.array(ConflictSchema),
    'Sync conflicts people must look at (double assignments, differing verification outcomes).',
  ),
  resolveConflict: op(
    z.strictObject({ id: Id, note: z.string().trim().min(1, 'Say how it was resolved').max(2000) }),
    ConflictSchema,
    'Marks a sync conflict resolved with a note, on every console.',
  ),
} as const;
