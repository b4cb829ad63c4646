import { io, type Socket } from 'socket.io-client';
import { ensureWalCheckpointer } from '../../db/wal-checkpointer';
import type { BackendContext } from '../context';
import type { RelayState } from '../../shared/api/contract';
import {
  AckSchema,
  BroadcastSchema,
  EV,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  PageSchema,
  PeersSchema,
  RelayErrorSchema,
  WelcomeSchema,
  type LogItem,
  type Peer,
} from '../../shared/sync/protocol';
import type { NetworkKeys } from '../../shared/sync/crypto';
import { namedPeers, sealPresence } from './presence';
import { readMeta } from '../local-meta';
import { SnapshotSync } from './snapshot-sync';
import { RotationSync } from './rotation';
import { rotateEngine, type RotateResult } from './rotate-engine';
import { LogWatch } from './log-identity';
import { Inbound } from './inbound';
import { DEFAULT_TUNING, type SyncTuning } from './tuning';
import { Outbound } from './outbound';
import { LinkChannel } from '../links/channel';
import { peopleText, type PeopleText } from '../../shared/api/text';
import {
  FATAL_RELAY_CODES,
  relayStateOf,
  SyncReport,
  type FatalRelayCode,
  type SyncCounters,
  type SyncProblem,
} from './status';

export type { SyncCounters, SyncProblem };

type FatalCode = FatalRelayCode;
const FATAL: ReadonlySet<string> = new Set<string>(FATAL_RELAY_CODES);

/**
 * One console's connection to its relay: the socket, the reconnect state machine (connecting,
 * welcomed, reconnecting, offline after a while, stopped for good on a fatal error) and the
 * routing of relay messages to the inbound (./inbound.ts) and outbound (./outbound.ts) sides.
 */
export class SyncEngine {
  private socket: Socket | null = null;
  private welcomed = false;
  private everConnected = false;
  private catchingUp = false;
  private fatal: FatalCode | null = null;
  private stopped = false;
  private disconnectedAt: number | null = null;
  private offlineTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private manualAttempts = 0;
  private pollTimer: NodeJS.Timeout | null = null;
  private peers: Map<string, string> = new Map();
  private sentName: string | null = null;
  private lastEmitted = '';
  private lastCatchUpAt = 0;
  /** A passphrase rotation is under way: nothing is pushed under the old keys meanwhile. */
  private rotating = false;
  /** The network's key epoch, as the last welcome said (null: a relay that cannot rotate). */
  private relayEpoch: number | null = null;
  private readonly rotation: RotationSync;
  private readonly logWatch: LogWatch;
  private readonly report: SyncReport;
  private readonly inbound: Inbound;
  private readonly outbound: Outbound;
  private readonly snapshots: SnapshotSync;
  /** Responder links on the same socket (backend/links/channel.ts). */
  readonly links: LinkChannel;

  constructor(
    private readonly ctx: BackendContext,
    readonly relayUrl: string,
    private readonly keys: NetworkKeys,
    private readonly tuning: SyncTuning = DEFAULT_TUNING,
  ) {
    this.report = new SyncReport(ctx.now);
    this.inbound = new Inbound(ctx, keys, this.report);
    this.links = new LinkChannel(ctx);
    this.outbound = new Outbound(ctx.db.$client, keys, tuning, this.report, {
      canPush: () =>
        this.welcomed &&
        !this.catchingUp &&
        !this.stopped &&
        !this.rotating &&
        this.socket !== null,
      send: (batchId, blob) => this.socket?.emit(EV.push, { batchId, blobs: [blob] }),
    });
    this.logWatch = new LogWatch(ctx.db, keys, this.report, () => this.inbound.advanceTo(0));
    this.rotation = new RotationSync(ctx.db.$client, {
      emit: (event, body) => this.socket?.emit(event, body),
    });
    this.snapshots = new SnapshotSync(ctx, keys, this.report, {
      emit: (event, body) => this.socket?.emit(event, body),
      advanceTo: (seq) => this.inbound.advanceTo(seq),
      loaded: () => this.requestCatchUp(),
    });
  }

  get network(): string {
    return this.keys.network;
  }

  get seq(): number {
    return this.inbound.seq;
  }

  get problems(): readonly SyncProblem[] {
    return this.report.problems;
  }

  /** Why received ops are not being stored right now, or null. */
  get behind(): SyncReport['behind'] {
    return this.report.behind;
  }

  get counters(): Readonly<SyncCounters> {
    return this.report.counters;
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
    this.links.attach(socket);
    socket.on('connect', () => this.onConnect());
    socket.on('disconnect', (reason) => this.onDisconnect(String(reason)));
    socket.on('connect_error', (error) => {
      if (!this.disconnectedAt) this.disconnectedAt = Date.now();
      this.report.note(
        'unreachable',
        peopleText('sync.issue.unreachable', {
          detail: String(error?.message ?? error).slice(0, 120),
        }),
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
          this.report.note(
            'internal',
            peopleText('sync.issue.handlerFailed', {
              detail: String((error as Error)?.message ?? error).slice(0, 200),
            }),
          );
        }
      };
    const handlers: [string, (raw: unknown) => void][] = [
      [EV.welcome, (raw) => this.onWelcome(raw)],
      [EV.page, (raw) => this.onPage(raw)],
      [EV.broadcast, (raw) => this.onBroadcast(raw)],
      [EV.ack, (raw) => this.onAck(raw)],
      [EV.peers, (raw) => this.onPeers(raw)],
      [EV.snapshotPart, (raw) => this.snapshots.onPart(raw)],
      [
        EV.snapshotAck,
        (raw) => {
          this.snapshots.onAck(raw);
          this.rotation.onAck(raw);
        },
      ],
      [EV.rotated, (raw) => this.rotation.onRotated(raw)],
      [EV.error, (raw) => this.onRelayError(raw)],
    ];
    for (const [event, handler] of handlers) socket.on(event, guard(handler));
    this.pollTimer = setInterval(() => this.poll(), this.tuning.pollMs);
    this.pollTimer.unref();
    this.emitState();
  }

  stop(): void {
    this.stopped = true;
    for (const t of [this.offlineTimer, this.reconnectTimer]) if (t) clearTimeout(t);
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.outbound.reset();
    this.links.stop();
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.welcomed = false;
  }

  /** A local change was made: push it soon, and refresh the "N changes waiting" count. */
  localChanged(): void {
    this.outbound.schedulePush();
    this.emitState();
  }

  relayState(): RelayState {
    const state = relayStateOf(
      {
        fatal: this.fatal,
        welcomed: this.welcomed,
        everConnected: this.everConnected,
        disconnectedAt: this.disconnectedAt,
        peers: [...this.peers.values()],
      },
      this.outbound.pendingCount(),
      this.tuning.offlineAfterMs,
      Date.now(),
    );
    const notice = this.notice(state.pendingChanges);
    return notice ? { ...state, notice } : state;
  }

  /** What the status bar says beyond the state: a refusal, or a resync after a lost log. */
  private notice(pending: number): PeopleText | null {
    if (this.fatal && this.fatal !== 'wrong_passphrase' && !this.fatal.startsWith('protocol'))
      return peopleText(`sync.problem.${this.fatal}`);
    this.logWatch.settle(this.welcomed && !this.catchingUp && pending === 0);
    if (this.logWatch.resyncing) return peopleText('sync.notice.resyncing');
    const held = this.outbound.heldBy;
    return held ? peopleText(`sync.problem.${held}`) : null;
  }

  pendingCount(): number {
    return this.outbound.pendingCount();
  }

  /** Applies relay log items as if they had just arrived (the inbound side, no socket involved). */
  applyItems(items: readonly LogItem[]): void {
    this.inbound.applyItems(items);
  }

  drainInbox(): void {
    this.inbound.drainInbox();
  }

  /** Snapshots this console started from since start (bounded history, ./snapshot-sync.ts). */
  get snapshotsLoaded(): number {
    return this.snapshots.loadedCount;
  }

  /** The seq the relay's latest snapshot covers, as last heard (0: none). */
  get snapshotSeq(): number {
    return this.snapshots.relaySnapshotSeq;
  }

  /** Seals a snapshot at this console's position now, if it holds exactly the log up to there. */
  sealSnapshot(): boolean {
    if (!this.welcomed || this.catchingUp) return false;
    return this.snapshots.sealAt(this.inbound.seq);
  }

  /** The network's key epoch as the relay last said (null: unknown, or a relay too old). */
  get epoch(): number | null {
    return this.relayEpoch;
  }

  /**
   * Moves the network to new keys (./rotate-engine.ts): pushes what is queued, seals a snapshot
   * under `newKeys` and has the relay switch epochs. On success this engine pushes nothing more
   * (the controller starts one with the new keys). A lost race needs nothing here: the relay
   * tells this console to re-join, as every other.
   */
  rotateTo(newKeys: NetworkKeys): Promise<RotateResult> {
    const caughtUp = () => this.welcomed && !this.catchingUp && !this.snapshots.busy;
    return rotateEngine({
      epoch: () => this.relayEpoch,
      connected: () => this.welcomed && !this.stopped,
      idle: (drained) =>
        caughtUp() && (!drained || (!this.outbound.busy && this.outbound.pendingCount() === 0)),
      held: () => this.outbound.heldBy !== null,
      pause: (paused) => {
        this.rotating = paused;
        if (!paused) this.outbound.schedulePush();
      },
      catchUp: () => this.requestCatchUp(),
      rejoinRequired: () => this.fatal === 'rejoin_required',
      position: () => this.inbound.seq,
      attempt: (epoch, coversSeq) => this.rotation.run(newKeys, epoch, coversSeq, 120_000),
    });
  }

  // ---- connection lifecycle ------------------------------------------------------------------

  private onConnect(): void {
    this.manualAttempts = 0;
    this.sentName = this.ctx.actor();
    const invite = readMeta(this.ctx.db, 'relayInvite');
    this.socket?.emit(EV.hello, {
      v: PROTOCOL_VERSION,
      minV: MIN_PROTOCOL_VERSION,
      network: this.keys.network,
      token: this.keys.authToken,
      deviceId: this.ctx.deviceId,
      presence: this.sealedPresence(this.sentName),
      lastSeq: this.inbound.seq,
      ...(invite ? { invite } : {}),
    });
  }

  private onWelcome(raw: unknown): void {
    const welcome = WelcomeSchema.safeParse(raw);
    if (!welcome.success)
      return this.report.note('bad_message', peopleText('sync.issue.malformedWelcome'));
    this.welcomed = true;
    this.everConnected = true;
    this.disconnectedAt = null;
    if (this.offlineTimer) clearTimeout(this.offlineTimer);
    this.setPeers(welcome.data.peers);
    this.relayEpoch = welcome.data.epoch ?? null;
    if (readMeta(this.ctx.db, 'relayInvite') !== null)
      this.ctx.db.$client.prepare("DELETE FROM local_meta WHERE key = 'relayInvite'").run();
    const fromSeq = this.logWatch.atWelcome(welcome.data, this.inbound.seq);
    if (this.snapshots.shouldLoad(this.inbound.seq, welcome.data, this.logWatch.resyncing)) {
      this.logWatch.skipCheck();
      this.catchingUp = true;
      this.snapshots.load();
    } else this.requestCatchUp(fromSeq);
    this.links.onWelcome();
    this.emitState();
  }

  private onDisconnect(reason: string): void {
    this.welcomed = false;
    this.links.onDisconnect();
    this.catchingUp = false;
    this.peers.clear();
    this.outbound.reset();
    this.snapshots.reset();
    this.rotation.reset();
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
    if (!parsed.success)
      return this.report.note('bad_message', peopleText('sync.issue.malformedError'));
    const error = parsed.data;
    if (FATAL.has(error.code)) {
      this.fatal = error.code as FatalCode;
      this.report.note(error.code, error.message);
      this.socket?.disconnect();
      this.welcomed = false;
      this.emitState();
      return;
    }
    this.report.note(error.code, error.message);
    if (error.batchId) this.outbound.refused(error.batchId, error.code, error.retryAfterMs);
    this.emitState();
  }

  private poll(): void {
    if (this.stopped) return;
    try {
      if (this.welcomed && this.ctx.actor() !== this.sentName) {
        this.sentName = this.ctx.actor();
        this.socket?.emit(EV.presence, { presence: this.sealedPresence(this.sentName) });
      }
      this.inbound.drainInbox();
      if (
        this.welcomed &&
        !this.catchingUp &&
        !this.outbound.busy &&
        Date.now() - this.lastCatchUpAt >= this.tuning.resyncMs
      )
        this.requestCatchUp();
      this.outbound.schedulePush();
      this.emitState();
    } catch (error) {
      this.report.note(
        'internal',
        peopleText('sync.issue.internal', {
          detail: String((error as Error)?.message ?? error).slice(0, 200),
        }),
      );
    }
  }

  // ---- relay messages ------------------------------------------------------------------------

  private requestCatchUp(fromSeq = this.inbound.seq): void {
    if (!this.welcomed) return;
    this.catchingUp = true;
    this.lastCatchUpAt = Date.now();
    this.socket?.emit(EV.catchUp, { fromSeq });
  }

  private onPage(raw: unknown): void {
    const page = PageSchema.safeParse(raw);
    if (!page.success)
      return this.report.note('bad_message', peopleText('sync.issue.malformedPage'));
    // Ask for the next page before applying this one, so the relay reads and sends it while this
    // console decrypts and stores: catch-up then costs about max(fetch, apply), not their sum.
    const items = page.data.items;
    if (!this.logWatch.pageIsOurs(page.data)) {
      this.requestCatchUp(0);
      this.emitState();
      return;
    }
    // A catch-up is the bulk write of a console's life: keep WAL checkpoints off this thread.
    if (items.length > 0) ensureWalCheckpointer(this.ctx.db.$client);
    const lastInPage = items.at(-1)?.seq ?? this.inbound.seq;
    const prefetch =
      page.data.more &&
      lastInPage < page.data.headSeq &&
      (items[0]?.seq ?? 0) <= this.inbound.seq + 1;
    if (prefetch) this.socket?.emit(EV.catchUp, { fromSeq: lastInPage });
    this.inbound.applyItems(items);
    if (prefetch && this.inbound.seq === lastInPage) return;
    if (page.data.more && this.inbound.seq < page.data.headSeq) {
      this.socket?.emit(EV.catchUp, { fromSeq: this.inbound.seq });
      return;
    }
    this.catchingUp = false;
    this.outbound.schedulePush();
    const every = this.tuning.snapshotEverySeqs;
    if (
      every > 0 &&
      this.inbound.seq === page.data.headSeq &&
      this.inbound.seq - this.snapshots.relaySnapshotSeq >= every
    )
      this.snapshots.sealAt(this.inbound.seq);
    this.emitState();
  }

  private onBroadcast(raw: unknown): void {
    const message = BroadcastSchema.safeParse(raw);
    if (!message.success)
      return this.report.note('bad_message', peopleText('sync.issue.malformedChange'));
    if (this.catchingUp) return; // the catch-up pages will carry it
    const first = message.data.items[0]!.seq;
    if (first > this.inbound.seq + 1) return this.requestCatchUp();
    this.inbound.applyItems(message.data.items);
  }

  private onAck(raw: unknown): void {
    const ack = AckSchema.safeParse(raw);
    if (!ack.success) return this.report.note('bad_message', peopleText('sync.issue.malformedAck'));
    // One blob was pushed, so one seq comes back; every op of the batch shares it.
    if (ack.data.seqs.length !== 1) return;
    const seq = ack.data.seqs[0]!;
    const acknowledged = this.outbound.acknowledge(ack.data.batchId, seq, () => {
      if (seq === this.inbound.seq + 1) this.inbound.advanceTo(seq);
    });
    if (!acknowledged) return;
    if (seq > this.inbound.seq + 1 && !this.catchingUp) this.requestCatchUp();
    this.outbound.schedulePush();
    this.emitState();
  }

  private onPeers(raw: unknown): void {
    const message = PeersSchema.safeParse(raw);
    if (!message.success)
      return this.report.note('bad_message', peopleText('sync.issue.malformedPeers'));
    this.setPeers(message.data.peers);
    this.emitState();
  }

  private setPeers(peers: readonly Peer[]): void {
    this.peers = namedPeers(this.keys, this.ctx.deviceId, peers);
  }

  private sealedPresence(name: string): string {
    return sealPresence(this.keys, this.ctx.deviceId, name);
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
