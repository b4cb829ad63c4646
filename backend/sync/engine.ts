import { io, type Socket } from 'socket.io-client';
import { holdsDemoData } from '../demo/demo-flag';
import { prepared } from '../prepared';
import { ensureWalCheckpointer } from '../../db/wal-checkpointer';
import type Database from 'better-sqlite3';
import type { BackendContext } from '../context';
import type { RelayState } from '../../shared/api/contract';
import type { EntityName } from '../../shared/api/events';
import { ClockDriftError } from '../../shared/clock/hlc';
import { applyOpInTransaction } from '../mutation';
import { ApiFailure } from '../../shared/api/result';
import { readMeta, writeMeta } from '../local-meta';
import { uuidv7 } from '../../shared/ids';
import { OpSchema, type Op } from '../../shared/sync/op';
import { OpBatch } from './op-batch';
import {
  AckSchema,
  BroadcastSchema,
  EV,
  MIN_PROTOCOL_VERSION,
  OpBatchEnvelopeSchema,
  OpEntrySchema,
  OpEnvelopeSchema,
  PROTOCOL_VERSION,
  PageSchema,
  PeersSchema,
  PresencePayloadSchema,
  RelayErrorSchema,
  WelcomeSchema,
  type LogItem,
  type OpEntry,
  type Peer,
  type RelayErrorCode,
} from '../../shared/sync/protocol';
import {
  openJson,
  peekSealed,
  sealJson,
  SyncCryptoError,
  type NetworkKeys,
} from '../../shared/sync/crypto';
import { CONFLICT_RESOLVED_KIND, markResolved, probeConflicts, recordConflicts } from './conflicts';

/**
 * One console's connection to its relay. The op log is the outbound queue (local ops with
 * relay_seq NULL); `relayLastSeq` in local_meta is how far this console has applied the relay's
 * log. Remote ops are applied in relay order, one transaction per received batch, each op in its
 * own savepoint so one bad op never takes the batch down. Ops that cannot be applied yet (clock too
 * far ahead, a change to a record not seen yet, a field this version cannot store) are parked in
 * sync_inbox and retried, never dropped. Undecryptable blobs are reported and skipped.
 */
export interface SyncTuning {
  reconnectDelayMs: number;
  reconnectDelayMaxMs: number;
  /** After this long without the relay, "reconnecting" becomes "offline". */
  offlineAfterMs: number;
  /** Most ops sealed into one pushed blob. */
  batchSize: number;
  /**
   * Largest sealed blob, in base64 characters. Kept well under V8's large-object threshold
   * (~128 KB): strings above it cost 20-40x more per byte to create, and every console decodes
   * every blob. An op bigger than this still goes, alone in its blob.
   */
  batchChars: number;
  pollMs: number;
  ackTimeoutMs: number;
  /**
   * How often an idle console asks the relay for anything after its position anyway. Broadcasts
   * are the fast path; this catches one that never came (a relay node that lost its link to the
   * others, a dropped message) without waiting for the next push or reconnect.
   */
  resyncMs: number;
}

export const DEFAULT_TUNING: SyncTuning = {
  reconnectDelayMs: 500,
  reconnectDelayMaxMs: 10_000,
  offlineAfterMs: 15_000,
  batchSize: 200,
  batchChars: 64_000,
  pollMs: 2_000,
  ackTimeoutMs: 30_000,
  resyncMs: 15_000,
};

export interface SyncProblem {
  at: string;
  code: string;
  message: string;
}

export interface SyncCounters {
  applied: number;
  duplicates: number;
  parked: number;
  undecryptable: number;
  pushed: number;
  conflicts: number;
}

type FatalCode = Extract<
  RelayErrorCode,
  'wrong_passphrase' | 'protocol_too_old' | 'relay_too_old' | 'network_not_allowed'
>;
const FATAL: ReadonlySet<string> = new Set<FatalCode>([
  'wrong_passphrase',
  'protocol_too_old',
  'relay_too_old',
  'network_not_allowed',
]);

export class SyncEngine {
  private socket: Socket | null = null;
  private welcomed = false;
  private everConnected = false;
  private catchingUp = false;
  private lastSeq: number;
  private inFlight: { batchId: string; opIds: string[]; timer: NodeJS.Timeout } | null = null;
  private pushScheduled = false;
  private fatal: FatalCode | null = null;
  private stopped = false;
  private disconnectedAt: number | null = null;
  private offlineTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private manualAttempts = 0;
  private pollTimer: NodeJS.Timeout | null = null;
  private peers = new Map<string, string>();
  private sentName: string | null = null;
  private lastEmitted = '';
  private readonly tooLarge = new Set<string>();
  readonly problems: SyncProblem[] = [];
  readonly counters: SyncCounters = {
    applied: 0,
    duplicates: 0,
    parked: 0,
    undecryptable: 0,
    pushed: 0,
    conflicts: 0,
  };
  private readonly sqlite: Database.Database;

  constructor(
    private readonly ctx: BackendContext,
    readonly relayUrl: string,
    private readonly keys: NetworkKeys,
    private readonly tuning: SyncTuning = DEFAULT_TUNING,
  ) {
    this.sqlite = ctx.db.$client;
    this.lastSeq = Number(readMeta(ctx.db, 'relayLastSeq') ?? 0);
  }

  get network(): string {
    return this.keys.network;
  }

  get seq(): number {
    return this.lastSeq;
  }

  start(): void {
    this.stopped = false;
    const socket = io(this.relayUrl, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: true,
      reconnectionDelay: this.tuning.reconnectDelayMs,
      reconnectionDelayMax: this.tuning.reconnectDelayMaxMs,
      randomizationFactor: 0.5,
      timeout: 5_000,
    });
    this.socket = socket;
    socket.on('connect', () => this.onConnect());
    socket.on('disconnect', (reason) => this.onDisconnect(String(reason)));
    socket.on('connect_error', (error) => {
      if (!this.disconnectedAt) this.disconnectedAt = Date.now();
      this.noteProblem(
        'unreachable',
        `Cannot reach the relay: ${String(error?.message ?? error).slice(0, 120)}`,
        false,
      );
      this.scheduleOfflineFlip();
      this.emitState();
    });
    const guard =
      <T>(fn: (raw: T) => void) =>
      (raw: T) => {
        try {
          fn(raw);
        } catch (error) {
          this.noteProblem(
            'internal',
            `Sync failed to handle a relay message: ${String((error as Error)?.message ?? error).slice(0, 200)}`,
          );
        }
      };
    socket.on(
      EV.welcome,
      guard((raw: unknown) => this.onWelcome(raw)),
    );
    socket.on(
      EV.page,
      guard((raw: unknown) => this.onPage(raw)),
    );
    socket.on(
      EV.broadcast,
      guard((raw: unknown) => this.onBroadcast(raw)),
    );
    socket.on(
      EV.ack,
      guard((raw: unknown) => this.onAck(raw)),
    );
    socket.on(
      EV.peers,
      guard((raw: unknown) => this.onPeers(raw)),
    );
    socket.on(
      EV.error,
      guard((raw: unknown) => this.onRelayError(raw)),
    );
    this.pollTimer = setInterval(() => this.poll(), this.tuning.pollMs);
    this.pollTimer.unref();
    this.emitState();
  }

  stop(): void {
    this.stopped = true;
    for (const t of [this.offlineTimer, this.reconnectTimer, this.inFlight?.timer])
      if (t) clearTimeout(t);
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.inFlight = null;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.welcomed = false;
  }

  /** A local change was made: push it soon, and refresh the "N changes waiting" count. */
  localChanged(): void {
    this.schedulePush();
    this.emitState();
  }

  relayState(): RelayState {
    const pendingChanges = this.pendingCount();
    const peers = [...new Set(this.peers.values())].sort((a, b) => a.localeCompare(b));
    if (this.fatal === 'wrong_passphrase')
      return { state: 'wrong_passphrase', pendingChanges, peers: [] };
    if (this.fatal === 'protocol_too_old' || this.fatal === 'relay_too_old')
      return { state: 'protocol_too_old', pendingChanges, peers: [] };
    if (this.fatal) return { state: 'offline', pendingChanges, peers: [] };
    if (this.welcomed) return { state: 'connected', pendingChanges, peers };
    if (!this.everConnected && !this.disconnectedAt)
      return { state: 'connecting', pendingChanges, peers: [] };
    const away = this.disconnectedAt ? Date.now() - this.disconnectedAt : 0;
    return {
      state: away >= this.tuning.offlineAfterMs ? 'offline' : 'reconnecting',
      pendingChanges,
      peers: [],
    };
  }

  pendingCount(): number {
    return (
      prepared(
        this.sqlite,
        "SELECT count(*) AS n FROM op_log WHERE origin = 'local' AND relay_seq IS NULL",
      ).get() as { n: number }
    ).n;
  }

  // ---- connection lifecycle ------------------------------------------------------------------

  private onConnect(): void {
    this.manualAttempts = 0;
    this.sentName = this.ctx.actor();
    this.socket?.emit(EV.hello, {
      v: PROTOCOL_VERSION,
      minV: MIN_PROTOCOL_VERSION,
      network: this.keys.network,
      token: this.keys.authToken,
      deviceId: this.ctx.deviceId,
      presence: this.sealedPresence(this.sentName),
      lastSeq: this.lastSeq,
    });
  }

  private onWelcome(raw: unknown): void {
    const welcome = WelcomeSchema.safeParse(raw);
    if (!welcome.success)
      return this.noteProblem('bad_message', 'The relay sent a malformed welcome');
    this.welcomed = true;
    this.everConnected = true;
    this.disconnectedAt = null;
    if (this.offlineTimer) clearTimeout(this.offlineTimer);
    this.setPeers(welcome.data.peers);
    this.requestCatchUp();
    this.emitState();
  }

  private onDisconnect(reason: string): void {
    this.welcomed = false;
    this.catchingUp = false;
    this.peers.clear();
    if (this.inFlight) clearTimeout(this.inFlight.timer);
    this.inFlight = null;
    if (this.stopped) return;
    this.disconnectedAt ??= Date.now();
    this.scheduleOfflineFlip();
    // socket.io does not reconnect by itself after a server-side disconnect (relay restart).
    if (reason === 'io server disconnect' && !this.fatal) this.manualReconnect();
    this.emitState();
  }

  private manualReconnect(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const delay = Math.min(
      this.tuning.reconnectDelayMaxMs,
      this.tuning.reconnectDelayMs * 2 ** Math.min(this.manualAttempts++, 10),
    );
    this.reconnectTimer = setTimeout(
      () => {
        if (!this.stopped && !this.fatal && this.socket && !this.socket.connected)
          this.socket.connect();
      },
      delay * (0.75 + Math.random() * 0.5),
    );
    this.reconnectTimer.unref();
  }

  private scheduleOfflineFlip(): void {
    if (this.offlineTimer) return;
    this.offlineTimer = setTimeout(() => {
      this.offlineTimer = null;
      this.emitState();
    }, this.tuning.offlineAfterMs + 10);
    this.offlineTimer.unref();
  }

  private onRelayError(raw: unknown): void {
    const parsed = RelayErrorSchema.safeParse(raw);
    if (!parsed.success) return this.noteProblem('bad_message', 'The relay sent a malformed error');
    const error = parsed.data;
    if (FATAL.has(error.code)) {
      this.fatal = error.code as FatalCode;
      this.noteProblem(error.code, error.message);
      this.socket?.disconnect();
      this.welcomed = false;
      this.emitState();
      return;
    }
    this.noteProblem(error.code, error.message);
    if (error.batchId && this.inFlight?.batchId === error.batchId) {
      const opIds = this.inFlight.opIds;
      clearTimeout(this.inFlight.timer);
      this.inFlight = null;
      if (error.code === 'too_large' && opIds.length === 1) this.tooLarge.add(opIds[0]!);
      const retry = setTimeout(
        () => this.pushNow(error.code === 'too_large' ? 1 : undefined),
        error.code === 'rate_limited' ? 1000 : 10,
      );
      retry.unref();
    }
  }

  private poll(): void {
    if (this.stopped) return;
    try {
      if (this.welcomed && this.ctx.actor() !== this.sentName) {
        this.sentName = this.ctx.actor();
        this.socket?.emit(EV.presence, { presence: this.sealedPresence(this.sentName) });
      }
      this.drainInbox();
      if (
        this.welcomed &&
        !this.catchingUp &&
        !this.inFlight &&
        Date.now() - this.lastCatchUpAt >= this.tuning.resyncMs
      )
        this.requestCatchUp();
      this.schedulePush();
      this.emitState();
    } catch (error) {
      this.noteProblem('internal', String((error as Error)?.message ?? error).slice(0, 200));
    }
  }

  // ---- inbound -------------------------------------------------------------------------------

  private lastCatchUpAt = 0;

  private requestCatchUp(): void {
    if (!this.welcomed) return;
    this.catchingUp = true;
    this.lastCatchUpAt = Date.now();
    this.socket?.emit(EV.catchUp, { fromSeq: this.lastSeq });
  }

  private onPage(raw: unknown): void {
    const page = PageSchema.safeParse(raw);
    if (!page.success)
      return this.noteProblem('bad_message', 'The relay sent a malformed catch-up page');
    // Ask for the next page before applying this one, so the relay reads and sends it while this
    // console decrypts and stores: catch-up then costs about max(fetch, apply), not their sum.
    const items = page.data.items;
    // A catch-up is the bulk write of a console's life: keep WAL checkpoints off this thread.
    if (items.length > 0) ensureWalCheckpointer(this.sqlite);
    const lastInPage = items.at(-1)?.seq ?? this.lastSeq;
    const prefetch =
      page.data.more && lastInPage < page.data.headSeq && (items[0]?.seq ?? 0) <= this.lastSeq + 1;
    if (prefetch) this.socket?.emit(EV.catchUp, { fromSeq: lastInPage });
    this.applyItems(items);
    if (prefetch && this.lastSeq === lastInPage) return;
    if (page.data.more && this.lastSeq < page.data.headSeq) {
      this.socket?.emit(EV.catchUp, { fromSeq: this.lastSeq });
      return;
    }
    this.catchingUp = false;
    this.schedulePush();
    this.emitState();
  }

  private onBroadcast(raw: unknown): void {
    const message = BroadcastSchema.safeParse(raw);
    if (!message.success)
      return this.noteProblem('bad_message', 'The relay sent a malformed change');
    if (this.catchingUp) return; // the catch-up pages will carry it
    const first = message.data.items[0]!.seq;
    if (first > this.lastSeq + 1) return this.requestCatchUp();
    this.applyItems(message.data.items);
  }

  private onAck(raw: unknown): void {
    const ack = AckSchema.safeParse(raw);
    if (!ack.success)
      return this.noteProblem('bad_message', 'The relay sent a malformed acknowledgement');
    const flight = this.inFlight;
    // One blob was pushed, so one seq comes back; every op of the batch shares it.
    if (!flight || flight.batchId !== ack.data.batchId || ack.data.seqs.length !== 1) return;
    clearTimeout(flight.timer);
    this.inFlight = null;
    const seq = ack.data.seqs[0]!;
    const mark = prepared(
      this.sqlite,
      "UPDATE op_log SET relay_seq = ? WHERE op_id = ? AND origin = 'local' AND relay_seq IS NULL",
    );
    this.sqlite
      .transaction(() => {
        for (const opId of flight.opIds) mark.run(seq, opId);
        if (seq === this.lastSeq + 1) this.setLastSeq(seq);
      })
      .immediate();
    this.counters.pushed += flight.opIds.length;
    if (seq > this.lastSeq + 1 && !this.catchingUp) this.requestCatchUp();
    this.schedulePush();
    this.emitState();
  }

  private onPeers(raw: unknown): void {
    const message = PeersSchema.safeParse(raw);
    if (!message.success)
      return this.noteProblem('bad_message', 'The relay sent a malformed peer list');
    this.setPeers(message.data.peers);
    this.emitState();
  }

  private setPeers(peers: readonly Peer[]): void {
    this.peers.clear();
    for (const peer of peers) {
      if (peer.deviceId === this.ctx.deviceId || !peer.presence) continue;
      try {
        const { id, value } = openJson(this.keys, 'presence', peer.presence);
        const payload = PresencePayloadSchema.safeParse(value);
        if (id === peer.deviceId && payload.success)
          this.peers.set(peer.deviceId, payload.data.name);
      } catch {
        // a console of another key, or garbage: not a dispatcher we can name
      }
    }
  }

  private setLastSeq(seq: number): void {
    this.lastSeq = seq;
    writeMeta(this.ctx.db, 'relayLastSeq', String(seq));
  }

  /**
   * Savepoints cost more than applying a typical op, so a batch is first applied in one plain
   * transaction; only if some op fails is it rolled back and applied again with one savepoint
   * per op, so the failing op is parked and the others still land.
   */
  private savepointEachOp = false;

  /** Applies contiguous items after lastSeq in one transaction; stops at a gap. */
  applyItems(items: readonly LogItem[]): void {
    try {
      this.applyItemsOnce(items);
    } catch (error) {
      if (!(error instanceof RetryWithSavepoints)) throw error;
      this.savepointEachOp = true;
      try {
        this.applyItemsOnce(items);
      } finally {
        this.savepointEachOp = false;
      }
    }
  }

  private applyItemsOnce(items: readonly LogItem[]): void {
    const touched = new Map<string, { entity: EntityName; id: string }>();
    let seq = this.lastSeq;
    const nowIso = new Date(this.ctx.now()).toISOString();
    const countersBefore = { ...this.counters };
    const problems: SyncProblem[] = [];
    try {
      this.sqlite
        .transaction(() => {
          for (const item of items) {
            if (item.seq <= seq) continue;
            if (item.seq !== seq + 1) break;
            seq = item.seq;
            this.applyOne(item, nowIso, touched, problems);
          }
          if (seq !== this.lastSeq) writeMeta(this.ctx.db, 'relayLastSeq', String(seq));
        })
        .immediate();
    } catch (error) {
      Object.assign(this.counters, countersBefore);
      if (error instanceof RetryWithSavepoints) throw error;
      this.noteProblem(
        'apply_failed',
        `Could not store received changes: ${String((error as Error)?.message ?? error).slice(0, 200)}`,
      );
      return;
    }
    this.lastSeq = seq;
    for (const p of problems) this.pushProblem(p);
    if (touched.size > 0) this.drainInbox(touched);
    if (touched.size > 0) {
      this.ctx.emit({ type: 'changed', entities: [...touched.values()], origin: 'remote' });
    }
  }

  /** One relay log item: a sealed batch of ops (protocol 2) or a single op (protocol 1). */
  private applyOne(
    item: LogItem,
    nowIso: string,
    touched: Map<string, { entity: EntityName; id: string }>,
    problems: SyncProblem[],
  ): void {
    let entries: readonly (OpEntry | UnreadableEntry)[];
    try {
      entries = openOps(this.keys, item.blob);
    } catch (error) {
      this.counters.undecryptable++;
      problems.push({
        at: nowIso,
        code: error instanceof SyncCryptoError ? error.code : 'malformed',
        message: `Change #${item.seq} from the relay was skipped: ${(error as Error).message}`,
      });
      return;
    }
    for (const entry of entries) {
      if ('unreadable' in entry) {
        this.counters.undecryptable++;
        problems.push({
          at: nowIso,
          code: 'malformed',
          message: `A change in #${item.seq} from the relay was skipped: ${entry.unreadable}`,
        });
        continue;
      }
      const { op, knownSeq } = entry;
      const known = prepared(
        this.sqlite,
        'SELECT origin, relay_seq FROM op_log WHERE op_id = ?',
      ).get(op.opId) as { origin: string; relay_seq: number | null } | undefined;
      if (known) {
        this.counters.duplicates++;
        if (known.relay_seq === null) {
          prepared(this.sqlite, 'UPDATE op_log SET relay_seq = ? WHERE op_id = ?').run(
            item.seq,
            op.opId,
          );
        }
        continue;
      }
      const outcome = this.tryApply(op, knownSeq, item.seq, nowIso, touched);
      if (outcome !== 'applied') {
        this.counters.parked++;
        prepared(
          this.sqlite,
          `INSERT OR IGNORE INTO sync_inbox (op_id, relay_seq, known_seq, body, reason, detail, received_at, attempts)
             VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
        ).run(
          op.opId,
          item.seq,
          knownSeq,
          JSON.stringify(op),
          outcome.reason,
          outcome.detail,
          nowIso,
        );
        problems.push({ at: nowIso, code: outcome.reason, message: outcome.detail });
      }
    }
  }

  /** One op; in its own savepoint when the batch is being retried after a failure. */
  private tryApply(
    op: Op,
    knownSeq: number,
    seq: number,
    nowIso: string,
    touched: Map<string, { entity: EntityName; id: string }>,
  ): 'applied' | { reason: 'clock_drift' | 'missing_record' | 'rejected'; detail: string } {
    try {
      this.ctx.clock.receive(op.hlc);
    } catch (error) {
      if (error instanceof ClockDriftError) {
        return {
          reason: 'clock_drift',
          detail: `${error.message} (${op.actor}); it will be applied when that time comes`,
        };
      }
      throw error;
    }
    try {
      const apply = () => {
        const probe = probeConflicts(this.sqlite, op, knownSeq);
        // Both callers looked the op id up in this transaction and route duplicates themselves.
        applyOpInTransaction(this.ctx.db, op, 'remote', this.ctx.now(), {
          relaySeq: seq,
          knownNew: true,
        });
        const inserted = recordConflicts(this.sqlite, probe.after(), nowIso);
        this.counters.conflicts += inserted.length;
        for (const c of inserted) {
          touched.set(`incident:${c.incidentId}`, { entity: 'incident', id: c.incidentId });
          if (c.otherIncidentId)
            touched.set(`incident:${c.otherIncidentId}`, {
              entity: 'incident',
              id: c.otherIncidentId,
            });
        }
        if (op.activity?.kind === CONFLICT_RESOLVED_KIND) {
          const conflictId = op.activity.params.conflictId;
          const note = op.activity.params.note;
          if (typeof conflictId === 'string')
            markResolved(
              this.sqlite,
              conflictId,
              op.at,
              op.actor,
              typeof note === 'string' ? note : null,
            );
        }
      };
      if (this.savepointEachOp) this.sqlite.transaction(apply)();
      else apply();
    } catch (error) {
      // Fast path: no savepoint, so a failing op may have written part of itself. Abort the whole
      // batch and apply it again op by op, each in its own savepoint.
      if (!this.savepointEachOp) throw new RetryWithSavepoints();
      if (error instanceof ApiFailure && error.code === 'not_found') {
        return {
          reason: 'missing_record',
          detail: `A change by ${op.actor} waits for a record this console has not received yet: ${error.message}`,
        };
      }
      if (error instanceof ApiFailure) {
        return {
          reason: 'rejected',
          detail: `A change by ${op.actor} could not be stored by this version: ${error.message}`,
        };
      }
      throw error;
    }
    this.counters.applied++;
    for (const change of op.changes)
      touched.set(`${change.entity}:${change.id}`, { entity: change.entity, id: change.id });
    if (op.activity) touched.set(`activity:${op.opId}`, { entity: 'activity', id: op.opId });
    return 'applied';
  }

  /** Retries parked ops (oldest relay seq first) until no more can be applied. */
  drainInbox(touched = new Map<string, { entity: EntityName; id: string }>()): void {
    const emitAfter = touched.size === 0;
    const select = prepared(
      this.sqlite,
      // Ops of one batch share a relay seq; rowid keeps the order they were made in.
      "SELECT op_id, relay_seq, known_seq, body FROM sync_inbox WHERE reason != 'rejected' ORDER BY relay_seq, rowid",
    );
    let progress = true;
    const nowIso = new Date(this.ctx.now()).toISOString();
    // Each parked op runs in a transaction of its own here, and failures must be caught per op.
    this.savepointEachOp = true;
    try {
      while (progress) {
        progress = false;
        const parked = select.all() as {
          op_id: string;
          relay_seq: number;
          known_seq: number;
          body: string;
        }[];
        if (parked.length === 0) break;
        for (const row of parked) {
          this.sqlite
            .transaction(() => {
              const op = OpSchema.safeParse(JSON.parse(row.body));
              const already = prepared(this.sqlite, 'SELECT 1 FROM op_log WHERE op_id = ?').get(
                row.op_id,
              );
              if (!op.success || already) {
                prepared(this.sqlite, 'DELETE FROM sync_inbox WHERE op_id = ?').run(row.op_id);
                return;
              }
              const outcome = this.tryApply(op.data, row.known_seq, row.relay_seq, nowIso, touched);
              if (outcome === 'applied') {
                prepared(this.sqlite, 'DELETE FROM sync_inbox WHERE op_id = ?').run(row.op_id);
                progress = true;
              } else {
                prepared(
                  this.sqlite,
                  'UPDATE sync_inbox SET attempts = attempts + 1, reason = ?, detail = ? WHERE op_id = ?',
                ).run(outcome.reason, outcome.detail, row.op_id);
              }
            })
            .immediate();
        }
      }
    } finally {
      this.savepointEachOp = false;
    }
    if (emitAfter && touched.size > 0) {
      this.ctx.emit({ type: 'changed', entities: [...touched.values()], origin: 'remote' });
    }
  }

  // ---- outbound ------------------------------------------------------------------------------

  private schedulePush(): void {
    if (this.pushScheduled) return;
    this.pushScheduled = true;
    setImmediate(() => {
      this.pushScheduled = false;
      try {
        this.pushNow();
      } catch (error) {
        this.noteProblem(
          'internal',
          `Could not send changes: ${String((error as Error)?.message ?? error).slice(0, 200)}`,
        );
      }
    });
  }

  /** Sends the oldest unacknowledged local ops as ONE sealed blob (protocol 2, ./op-batch.ts). */
  private pushNow(limit = this.tuning.batchSize): void {
    if (!this.welcomed || this.catchingUp || this.inFlight || this.stopped || !this.socket) return;
    if (holdsDemoData(this.ctx.db)) return; // demo records never leave this console
    const rows = prepared(
      this.sqlite,
      `SELECT rowid AS rid, op_id, body FROM op_log
         WHERE origin = 'local' AND relay_seq IS NULL ORDER BY hlc LIMIT ?`,
    ).all(limit + this.tooLarge.size) as { rid: number; op_id: string; body: string }[];
    const knownAt = prepared(
      this.sqlite,
      "SELECT MAX(relay_seq) AS s FROM op_log WHERE origin = 'remote' AND rowid < ?",
    );
    const batch = new OpBatch(limit, this.tuning.batchChars);
    const opIds: string[] = [];
    for (const row of rows) {
      if (this.tooLarge.has(row.op_id)) continue;
      const knownSeq = (knownAt.get(row.rid) as { s: number | null }).s ?? 0;
      if (!batch.tryAdd(row.body, knownSeq)) break;
      opIds.push(row.op_id);
    }
    if (opIds.length === 0) return;
    const batchId = uuidv7();
    const blob = batch.seal(this.keys, batchId);
    const timer = setTimeout(() => {
      if (this.inFlight?.batchId === batchId) {
        this.inFlight = null;
        this.schedulePush();
      }
    }, this.tuning.ackTimeoutMs);
    timer.unref();
    this.inFlight = { batchId, opIds, timer };
    this.socket.emit(EV.push, { batchId, blobs: [blob] });
  }

  private sealedPresence(name: string): string {
    return sealJson(this.keys, 'presence', this.ctx.deviceId, { v: 1, name: name.slice(0, 80) });
  }

  // ---- reporting -----------------------------------------------------------------------------

  private noteProblem(code: string, message: string, log = true): void {
    this.pushProblem({ at: new Date(this.ctx.now()).toISOString(), code, message });
    if (log) console.warn(`sync: ${code}: ${message}`);
  }

  private pushProblem(problem: SyncProblem): void {
    this.problems.push(problem);
    if (this.problems.length > 20) this.problems.splice(0, this.problems.length - 20);
  }

  emitState(): void {
    if (this.stopped) return;
    const relay = this.relayState();
    const key = JSON.stringify(relay);
    if (key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.ctx.emit({ type: 'relay', relay });
  }
}

/** An entry of a received batch that this version cannot read: reported, never applied. */
export interface UnreadableEntry {
  unreadable: string;
}

/**
 * Opens one relay log item into the ops it carries, in order. A protocol-2 blob holds a batch
 * whose entries are checked one by one; a protocol-1 blob holds one op whose id must match the
 * blob's authenticated id. Throws SyncCryptoError when the blob as a whole cannot be read.
 */
export function openOps(keys: NetworkKeys, blob: string): (OpEntry | UnreadableEntry)[] {
  if (peekSealed(blob).kind === 'ops') {
    const envelope = OpBatchEnvelopeSchema.safeParse(openJson(keys, 'ops', blob).value);
    if (!envelope.success)
      throw new SyncCryptoError('malformed', 'A received batch is not valid for this version');
    return envelope.data.ops.map((raw, index) => {
      const entry = OpEntrySchema.safeParse(raw);
      return entry.success
        ? entry.data
        : { unreadable: `change ${index + 1} of its batch is not a valid op for this version` };
    });
  }
  const { id, value } = openJson(keys, 'op', blob);
  const envelope = OpEnvelopeSchema.safeParse(value);
  if (!envelope.success || envelope.data.op.opId !== id)
    throw new SyncCryptoError('malformed', 'A received change is not a valid op for this version');
  return [envelope.data];
}

/** Thrown inside a fast-path batch to roll it back and apply it again with savepoints. */
class RetryWithSavepoints extends Error {}
