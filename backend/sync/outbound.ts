import type Database from 'better-sqlite3';
import { prepared } from '../prepared';
import { randomUUID } from 'node:crypto';
import type { NetworkKeys } from '../../shared/sync/crypto';
import type { RelayErrorCode } from '../../shared/sync/protocol';
import { OpBatch } from './op-batch';
import type { SyncReport } from './status';
import { peopleText } from '../../shared/api/text';

export interface OutboundTuning {
  /** Most ops sealed into one pushed blob. */
  batchSize: number;
  /** Largest sealed blob, in base64 characters (see SyncTuning). */
  batchChars: number;
  ackTimeoutMs: number;
}

/** What the outbound queue needs of the connection. */
export interface OutboundLink {
  /** Welcomed, not catching up, not stopped: a push may go now. */
  canPush(): boolean;
  send(batchId: string, blob: string): void;
}

/**
 * The outbound queue: the op log's local ops with relay_seq NULL. One sealed batch is in flight at
 * a time; the relay's ack gives it a seq, an error or a timeout sends it again (an op too large
 * for the relay goes alone, or is held back when even alone it is refused).
 */
/** Refusals that need a person to act (room on the relay): the relay says when to try again. */
const HELD_CODES: ReadonlySet<RelayErrorCode> = new Set(['quota_exceeded', 'disk_full']);
/** When a relay refuses for lack of room without saying when to retry. */
const DEFAULT_HOLD_MS = 30_000;

export class Outbound {
  private inFlight: { batchId: string; opIds: string[]; timer: NodeJS.Timeout } | null = null;
  private pushScheduled = false;
  private readonly tooLarge = new Set<string>();
  /** A refusal for lack of room: nothing is pushed until its time (or a reconnect). */
  private hold: { code: RelayErrorCode; timer: NodeJS.Timeout } | null = null;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly keys: NetworkKeys,
    private readonly tuning: OutboundTuning,
    private readonly report: SyncReport,
    private readonly link: OutboundLink,
  ) {}

  get busy(): boolean {
    return this.inFlight !== null;
  }

  /** Why pushes are held back, while the relay has no room for them. */
  get heldBy(): RelayErrorCode | null {
    return this.hold?.code ?? null;
  }

  pendingCount(): number {
    return (
      prepared(
        this.sqlite,
        "SELECT count(*) AS n FROM op_log WHERE origin = 'local' AND relay_seq IS NULL",
      ).get() as { n: number }
    ).n;
  }

  /**
   * Forgets the batch in flight and any hold (the connection dropped: everything is sent again
   * after the next welcome, at once, since a reconnect may mean the relay was fixed).
   */
  reset(): void {
    if (this.inFlight) clearTimeout(this.inFlight.timer);
    this.inFlight = null;
    this.release();
  }

  private release(): void {
    if (this.hold) clearTimeout(this.hold.timer);
    this.hold = null;
  }

  schedulePush(): void {
    if (this.pushScheduled) return;
    this.pushScheduled = true;
    setImmediate(() => {
      this.pushScheduled = false;
      try {
        this.pushNow();
      } catch (error) {
        this.report.note(
          'internal',
          peopleText('sync.issue.sendFailed', {
            detail: String((error as Error)?.message ?? error).slice(0, 200),
          }),
        );
      }
    });
  }

  /** Sends the oldest unacknowledged local ops as ONE sealed blob (protocol 2, ./op-batch.ts). */
  pushNow(limit = this.tuning.batchSize): void {
    if (!this.link.canPush() || this.inFlight || this.hold) return;
    // Demo records never leave this console (backend/demo/demo-flag.ts sets the mark).
    const demo = prepared(
      this.sqlite,
      "SELECT value FROM local_meta WHERE key = 'demoData'",
    ).get() as { value: string } | undefined;
    if (demo?.value === '1') return;
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
    // The batch id travels in the clear: random, so it tells the relay nothing of when.
    const batchId = randomUUID();
    const blob = batch.seal(this.keys, batchId);
    const timer = setTimeout(() => {
      if (this.inFlight?.batchId === batchId) {
        this.inFlight = null;
        this.schedulePush();
      }
    }, this.tuning.ackTimeoutMs);
    timer.unref();
    this.inFlight = { batchId, opIds, timer };
    this.link.send(batchId, blob);
  }

  /**
   * The relay stored the batch in flight at `seq`: its ops are marked sent, in the same
   * transaction as `alsoInTransaction` (the connection moving its log position). Returns false
   * for an ack of some other batch.
   */
  acknowledge(batchId: string, seq: number, alsoInTransaction: () => void): boolean {
    const flight = this.inFlight;
    if (!flight || flight.batchId !== batchId) return false;
    clearTimeout(flight.timer);
    this.inFlight = null;
    this.release();
    const mark = prepared(
      this.sqlite,
      "UPDATE op_log SET relay_seq = ? WHERE op_id = ? AND origin = 'local' AND relay_seq IS NULL",
    );
    this.sqlite
      .transaction(() => {
        for (const opId of flight.opIds) mark.run(seq, opId);
        alsoInTransaction();
      })
      .immediate();
    this.report.counters.pushed += flight.opIds.length;
    return true;
  }

  /**
   * The relay refused the batch in flight. Its ops stay queued. Refused for lack of room (quota,
   * disk): held until `retryAfterMs` has passed. Otherwise sent again soon (an op too large goes
   * alone).
   */
  refused(batchId: string, code: RelayErrorCode, retryAfterMs?: number): void {
    if (this.inFlight?.batchId !== batchId) return;
    const opIds = this.inFlight.opIds;
    clearTimeout(this.inFlight.timer);
    this.inFlight = null;
    if (HELD_CODES.has(code)) {
      this.release();
      const timer = setTimeout(() => {
        this.hold = null;
        this.schedulePush();
      }, retryAfterMs ?? DEFAULT_HOLD_MS);
      timer.unref();
      this.hold = { code, timer };
      return;
    }
    if (code === 'too_large' && opIds.length === 1) this.tooLarge.add(opIds[0]!);
    const retry = setTimeout(
      () => this.pushNow(code === 'too_large' ? 1 : undefined),
      code === 'rate_limited' ? 1000 : 10,
    );
    retry.unref();
  }
}
