import type Database from 'better-sqlite3';
import type { BackendContext, Handlers } from '../context';
import { peopleText, type PeopleText } from '../../shared/api/text';
import type { BackendEvent } from '../../shared/api/events';
import type { ApiOutput, ApiParsedInput, RelayState } from '../../shared/api/contract';
import { readMeta, writeMeta } from '../local-meta';
import { mutate } from '../mutation';
import {
  bytesToHex,
  deriveNetworkSecret,
  hexToBytes,
  keysFromSecret,
  normalizeNetworkName,
  type ScryptParams,
} from '../../shared/sync/crypto';
import { SyncEngine } from './connection';
import { DEFAULT_TUNING, type SyncTuning } from './tuning';
import { nativeAesGcm } from './native-aes-gcm';
import { CONFLICT_RESOLVED_KIND, markResolved } from './conflicts';
import { isInsecureRelayUrl } from '../../shared/sync/transport';
import { rejoinNetwork, rotatePassphrase } from './passphrase-change';
import { inEnglish, refusal } from '../refusal';

/** English for the log and old renderers; the renderer words `sync.errorInsecureRelay`. */
const INSECURE_RELAY = inEnglish('sync.errorInsecureRelay');

/**
 * The sync side of one console backend: its relay settings, the running engine, and the
 * operations behind joinNetwork / leaveNetwork / getSyncStatus / listConflicts / resolveConflict.
 *
 * Stored in local_meta (never synced): relay URL, network name, and the 32-byte network secret
 * derived from the passphrase by scrypt (never the passphrase). The secret at rest is protected
 * only by the OS account until the encryption-at-rest work lands (see docs/relay.md).
 */
export interface SyncOptions {
  /** Start syncing at backend start when a network is configured (default true). */
  autoStart?: boolean;
  /** KDF cost; tests lower it. Every console of a network must use the same parameters. */
  scrypt?: ScryptParams;
  tuning?: Partial<SyncTuning>;
}

const LOCAL_ONLY: RelayState = { state: 'local_only', pendingChanges: 0, peers: [] };
const controllers = new WeakMap<object, SyncController>();

export function syncControllerFor(ctx: BackendContext): SyncController {
  const controller = controllers.get(ctx);
  if (!controller) throw refusal('internal', 'error.sync.unavailable');
  return controller;
}

export class SyncController {
  private engine: SyncEngine | null = null;
  private readonly tuning: SyncTuning;
  /**
   * The settings notices scan the activity log (no index serves them), and status() is polled
   * while a catch-up applies thousands of ops: the answer is kept until a setting changes or a
   * minute passes (the 24-hour window moves on).
   */

  constructor(
    private readonly ctx: BackendContext,
    private readonly options: SyncOptions = {},
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...options.tuning };
    controllers.set(ctx, this);
  }

  startIfConfigured(): void {
    if (this.options.autoStart === false) return;
    const url = readMeta(this.ctx.db, 'relayUrl');
    const network = readMeta(this.ctx.db, 'relayNetwork');
    const secret = readMeta(this.ctx.db, 'relaySecret');
    if (!url || !network || !secret || !/^[0-9a-f]{64}$/.test(secret)) return;
    if (isInsecureRelayUrl(url)) return;
    this.startEngine(url, network, hexToBytes(secret));
  }

  /** Backend events: a local change means there is something to push. */
  onEvent(event: BackendEvent): void {
    if (event.type === 'changed' && event.origin === 'local') this.engine?.localChanged();
  }

  get running(): SyncEngine | null {
    return this.engine;
  }

  async join(input: ApiParsedInput<'joinNetwork'>): Promise<ApiOutput<'joinNetwork'>> {
    const network = normalizeNetworkName(input.network);
    const relayUrl = input.relayUrl.replace(/\/+$/, '');
    if (isInsecureRelayUrl(relayUrl))
      throw refusal('invalid_input', 'sync.errorInsecureRelay', {}, { relayUrl: INSECURE_RELAY });
    const secret = await deriveNetworkSecret(input.passphrase, network, this.options.scrypt);
    const db = this.ctx.db;
    const previousUrl = readMeta(db, 'relayUrl');
    const previousNetwork = readMeta(db, 'relayNetwork');
    const sameLog = previousUrl === relayUrl && previousNetwork === network;
    this.stopEngine();
    db.$client
      .transaction(() => {
        if (!sameLog) {
          // Another relay log: its seqs mean nothing here, and everything made on this console
          // must be offered to the new network.
          writeMeta(db, 'relayLastSeq', '0');
          db.$client.prepare("UPDATE op_log SET relay_seq = NULL WHERE origin = 'local'").run();
          db.$client.prepare("DELETE FROM local_meta WHERE key = 'relayLogId'").run();
        }
        if (input.invite) writeMeta(db, 'relayInvite', input.invite);
        else db.$client.prepare("DELETE FROM local_meta WHERE key = 'relayInvite'").run();
        writeMeta(db, 'relayUrl', relayUrl);
        writeMeta(db, 'relayNetwork', network);
        writeMeta(db, 'relaySecret', bytesToHex(secret));
        if (!sameLog) db.$client.prepare("DELETE FROM local_meta WHERE key = 'relayEpoch'").run();
      })
      .immediate();
    this.startEngine(relayUrl, network, secret);
    return this.status();
  }

  /** The relay settings and stored secret, when joined (./passphrase-change.ts). */
  joined(): { relayUrl: string; network: string; secret: Uint8Array } | null {
    const relayUrl = readMeta(this.ctx.db, 'relayUrl');
    const network = readMeta(this.ctx.db, 'relayNetwork');
    const secret = readMeta(this.ctx.db, 'relaySecret');
    if (!relayUrl || !network || !secret || !/^[0-9a-f]{64}$/.test(secret)) return null;
    return { relayUrl, network, secret: hexToBytes(secret) };
  }

  deriveSecret(passphrase: string, network: string): Promise<Uint8Array> {
    return deriveNetworkSecret(passphrase, network, this.options.scrypt);
  }

  /**
   * Replaces the stored secret (a passphrase rotation or re-join) and restarts the engine with
   * it, in one transaction with the epoch. `fromSnapshot`: the position goes back to 0, so the
   * console starts from the relay's snapshot (the log it had read is gone) and then its tail;
   * own ops keep their seqs (the snapshot holds them) and what is queued is pushed under the
   * new keys.
   */
  rekey(secret: Uint8Array, epoch: number | null, fromSnapshot: boolean): void {
    const joined = this.joined();
    if (!joined) throw refusal('refused', 'sync.rotate.refused.not_joined');
    this.stopEngine();
    const db = this.ctx.db;
    db.$client
      .transaction(() => {
        writeMeta(db, 'relaySecret', bytesToHex(secret));
        if (epoch !== null) writeMeta(db, 'relayEpoch', String(epoch));
        if (fromSnapshot) writeMeta(db, 'relayLastSeq', '0');
      })
      .immediate();
    this.startEngine(joined.relayUrl, joined.network, secret);
  }

  leave(): ApiOutput<'leaveNetwork'> {
    this.stopEngine();
    this.ctx.db.$client
      .prepare(
        "DELETE FROM local_meta WHERE key IN ('relayUrl', 'relayNetwork', 'relaySecret', 'relayInvite', 'relayEpoch')",
      )
      .run();
    this.ctx.emit({ type: 'relay', relay: LOCAL_ONLY });
    return this.status();
  }

  stop(): void {
    this.engine?.stop();
    this.engine = null;
  }

  status(): ApiOutput<'getSyncStatus'> {
    const sqlite = this.ctx.db.$client;
    const engine = this.engine;
    const waiting = sqlite
      .prepare(
        'SELECT op_id, reason, detail, received_at FROM sync_inbox ORDER BY relay_seq LIMIT 50',
      )
      .all() as { op_id: string; reason: string; detail: string; received_at: string }[];
    const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
    const pendingChanges = count(
      "SELECT count(*) AS n FROM op_log WHERE origin = 'local' AND relay_seq IS NULL",
    );
    return {
      configured: readMeta(this.ctx.db, 'relayNetwork') !== null,
      relayUrl: readMeta(this.ctx.db, 'relayUrl'),
      network: readMeta(this.ctx.db, 'relayNetwork'),
      relay: engine ? engine.relayState() : { ...LOCAL_ONLY, pendingChanges },
      lastSeq: Number(readMeta(this.ctx.db, 'relayLastSeq') ?? 0),
      epoch: engine?.epoch ?? (Number(readMeta(this.ctx.db, 'relayEpoch') ?? 0) || null),
      waitingOps: waiting.map((w) => ({
        opId: w.op_id,
        reason: w.reason as 'clock_drift' | 'missing_record' | 'rejected',
        detail: w.detail,
        receivedAt: w.received_at,
      })),
      waitingOpsCount: count('SELECT count(*) AS n FROM sync_inbox'),
      openConflicts: count('SELECT count(*) AS n FROM conflicts WHERE resolved_at IS NULL'),
      behind: behindOf(
        engine?.behind ?? null,
        count("SELECT count(*) AS n FROM sync_inbox WHERE reason = 'rejected'"),
      ),
      settingChanges: settingChangesByOthers(
        this.ctx.db.$client,
        this.ctx.deviceId,
        this.ctx.now(),
      ),
      problems: engine ? [...engine.problems] : [],
      counters: engine
        ? { ...engine.counters }
        : { applied: 0, duplicates: 0, parked: 0, undecryptable: 0, pushed: 0, conflicts: 0 },
    };
  }

  private startEngine(url: string, network: string, secret: Uint8Array): void {
    this.engine = new SyncEngine(
      this.ctx,
      url,
      keysFromSecret(secret, network, nativeAesGcm),
      this.tuning,
    );
    this.engine.start();
  }

  private stopEngine(): void {
    this.engine?.stop();
    this.engine = null;
  }
}

// ---- conflicts ------------------------------------------------------------------------------

interface ConflictRow {
  id: string;
  kind: 'double_assignment' | 'verification_outcome';
  incident_id: string;
  other_incident_id: string | null;
  responder_id: string | null;
  versions: string;
  detected_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution_note: string | null;
}

type ConflictView = ApiOutput<'resolveConflict'>;

function conflictFromRow(row: ConflictRow): ConflictView {
  return {
    id: row.id,
    kind: row.kind,
    incidentId: row.incident_id,
    otherIncidentId: row.other_incident_id,
    responderId: row.responder_id,
    versions: JSON.parse(row.versions) as ConflictView['versions'],
    detectedAt: row.detected_at,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
    resolutionNote: row.resolution_note,
  };
}

export function listConflicts(
  ctx: BackendContext,
  input: ApiParsedInput<'listConflicts'>,
): ApiOutput<'listConflicts'> {
  const where: string[] = [];
  const args: string[] = [];
  if (input.incidentId) {
    where.push('(incident_id = ? OR other_incident_id = ?)');
    args.push(input.incidentId, input.incidentId);
  }
  if (!input.includeResolved) where.push('resolved_at IS NULL');
  const rows = ctx.db.$client
    .prepare(
      `SELECT * FROM conflicts ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY detected_at DESC, id LIMIT 500`,
    )
    .all(...args) as ConflictRow[];
  return rows.map(conflictFromRow);
}

/**
 * Marks a conflict resolved with the dispatcher's note. The resolution is an activity entry on
 * the incident (synced like any op), so every console marks the same conflict resolved.
 */
export function resolveConflict(
  ctx: BackendContext,
  input: ApiParsedInput<'resolveConflict'>,
): ApiOutput<'resolveConflict'> {
  const sqlite = ctx.db.$client;
  const row = sqlite.prepare('SELECT * FROM conflicts WHERE id = ?').get(input.id) as
    ConflictRow | undefined;
  if (!row) throw refusal('not_found', 'error.notFound.conflict');
  if (row.resolved_at)
    throw refusal('conflict', 'error.sync.conflictResolved', { name: row.resolved_by ?? '?' });
  const label =
    row.kind === 'double_assignment'
      ? 'Double assignment resolved'
      : 'Conflicting verification outcomes resolved';
  const { op } = mutate(ctx, {
    activity: {
      kind: CONFLICT_RESOLVED_KIND,
      message: `${label}: ${input.note}`,
      params: { conflictId: row.id, conflictKind: row.kind, note: input.note },
      entity: 'incident',
      entityId: row.incident_id,
      incidentId: row.incident_id,
    },
    changes: [],
  });
  markResolved(sqlite, row.id, op.at, op.actor, input.note);
  return conflictFromRow(
    sqlite.prepare('SELECT * FROM conflicts WHERE id = ?').get(row.id) as ConflictRow,
  );
}

export const syncHandlers = {
  joinNetwork: (ctx, input) => syncControllerFor(ctx).join(input),
  rotateNetworkPassphrase: (ctx, input) => rotatePassphrase(ctx, syncControllerFor(ctx), input),
  rejoinNetwork: (ctx, input) => rejoinNetwork(syncControllerFor(ctx), input),
  leaveNetwork: (ctx) => syncControllerFor(ctx).leave(),
  getSyncStatus: (ctx) => syncControllerFor(ctx).status(),
  listConflicts,
  resolveConflict,
} satisfies Partial<Handlers>;

/** Why this console is behind: a store failure first, then changes it refused. */
function behindOf(
  failure: { reason: 'disk_full' | 'apply_failed'; text: PeopleText; since: string } | null,
  rejected: number,
): ApiOutput<'getSyncStatus'>['behind'] {
  if (failure) return { reason: failure.reason, text: failure.text, since: failure.since };
  if (rejected === 0) return null;
  return {
    reason: 'rejected',
    text: peopleText('sync.behind.rejected', { count: rejected }),
    since: '',
  };
}

interface SettingChange {
  opId: string;
  keys: string;
  actor: string;
  at: string;
}

/** Settings changes made on other consoles in the last day, newest first (activity_kind_at_idx). */
function settingChangesByOthers(
  sqlite: Database.Database,
  deviceId: string,
  nowMs: number,
): SettingChange[] {
  return (
    sqlite
      .prepare(
        `SELECT id, actor, at, json_extract(params, '$.keys') AS keys FROM activity_log
           WHERE kind = 'settings.updated' AND device_id != ? AND at >= ?
           ORDER BY hlc DESC LIMIT 5`,
      )
      .all(deviceId, new Date(nowMs - 86_400_000).toISOString()) as {
      id: string;
      actor: string;
      at: string;
      keys: string | null;
    }[]
  ).map((r) => ({ opId: r.id, keys: r.keys ?? '', actor: r.actor, at: r.at }));
}
