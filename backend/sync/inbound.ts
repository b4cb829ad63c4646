import type Database from 'better-sqlite3';
import { prepared } from '../prepared';
import type { BackendContext } from '../context';
import { ClockDriftError } from '../../shared/clock/hlc';
import { applyOpInTransaction } from '../mutation';
import { addEntityRef, touchedBy, type EntityRef } from '../change-feed';
import { ApiFailure } from '../../shared/api/result';
import { readMeta, writeMeta } from '../local-meta';
import { OpSchema, type Op } from '../../shared/sync/op';
import {
  OpBatchEnvelopeSchema,
  OpEntrySchema,
  OpEnvelopeSchema,
  type LogItem,
  type OpEntry,
} from '../../shared/sync/protocol';
import { openJson, peekSealed, SyncCryptoError, type NetworkKeys } from '../../shared/sync/crypto';
import { CONFLICT_RESOLVED_KIND, markResolved, probeConflicts, recordConflicts } from './conflicts';
import { problem, type SyncProblem, type SyncReport } from './status';
import { peopleText, type PeopleText } from '../../shared/api/text';
import { textFor } from '../../shared/i18n';
import { fieldProblem, setsProblem } from '../../shared/sync/field-schemas';
import { conflictCarriedBy, repairInvariants } from './invariants';
import { withSearchIndexDeferred } from '../search-index-batch';
import { compileAcceptor } from '../../shared/sync/fast-accept';

/**
 * What arrives from the relay, once the connection has it: decrypts relay log items, applies their
 * ops in relay order (one transaction per received batch, each op in its own savepoint when one
 * fails, so one bad op never takes the batch down), parks what cannot be applied yet in sync_inbox
 * and retries it, never dropping it. Knows nothing of sockets: the connection hands it items.
 * `relayLastSeq` in local_meta is how far this console has applied the relay's log.
 */
export class Inbound {
  private lastSeq: number;
  private readonly sqlite: Database.Database;

  constructor(
    private readonly ctx: BackendContext,
    private readonly keys: NetworkKeys,
    private readonly report: SyncReport,
  ) {
    this.sqlite = ctx.db.$client;
    this.lastSeq = Number(readMeta(ctx.db, 'relayLastSeq') ?? 0);
  }

  /** How far this console has applied the relay's log. */
  get seq(): number {
    return this.lastSeq;
  }

  /** Moves the position (an acknowledged push that was next in the log); call inside a transaction. */
  advanceTo(seq: number): void {
    this.lastSeq = seq;
    writeMeta(this.ctx.db, 'relayLastSeq', String(seq));
  }

  /**
   * Savepoints cost more than applying a typical op, so a batch is first applied in one plain
   * transaction; only if some op fails is it rolled back and applied again with one savepoint
   * per op, so the failing op is parked and the others still land.
   */
  private savepointEachOp = false;

  /** Applies contiguous items after the position in one transaction; stops at a gap. */
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
    const touched = new Map<string, EntityRef>();
    let seq = this.lastSeq;
    const nowIso = new Date(this.ctx.now()).toISOString();
    const countersBefore = { ...this.report.counters };
    const problems: SyncProblem[] = [];
    try {
      this.sqlite
        .transaction(() =>
          withSearchIndexDeferred(this.sqlite, () => {
            for (const item of items) {
              if (item.seq <= seq) continue;
              if (item.seq !== seq + 1) break;
              seq = item.seq;
              this.applyOne(item, nowIso, touched, problems);
            }
            if (seq !== this.lastSeq) writeMeta(this.ctx.db, 'relayLastSeq', String(seq));
          }),
        )
        .immediate();
    } catch (error) {
      Object.assign(this.report.counters, countersBefore);
      if (error instanceof RetryWithSavepoints) throw error;
      const text = isDiskFull(error)
        ? peopleText('sync.behind.diskFull', {})
        : peopleText('sync.issue.storeFailed', {
            detail: String((error as Error)?.message ?? error).slice(0, 200),
          });
      this.report.storeFailed(isDiskFull(error) ? 'disk_full' : 'apply_failed', text, items);
      return;
    }
    this.report.storeRecovered();
    this.lastSeq = seq;
    for (const p of problems) this.report.push(p);
    if (touched.size > 0) this.drainInbox(touched);
    if (touched.size > 0) {
      this.ctx.changes.record([...touched.values()], 'remote');
    }
  }

  /** One relay log item: a sealed batch of ops (protocol 2) or a single op (protocol 1). */
  private applyOne(
    item: LogItem,
    nowIso: string,
    touched: Map<string, EntityRef>,
    problems: SyncProblem[],
  ): void {
    let entries: readonly (OpEntry | UnreadableEntry)[];
    try {
      entries = openOps(this.keys, item.blob);
    } catch (error) {
      this.report.counters.undecryptable++;
      problems.push(
        problem(
          nowIso,
          error instanceof SyncCryptoError ? error.code : 'malformed',
          peopleText('sync.issue.skippedChange', {
            seq: item.seq,
            detail: (error as Error).message,
          }),
        ),
      );
      return;
    }
    for (const entry of entries) {
      if ('unreadable' in entry) {
        this.report.counters.undecryptable++;
        problems.push(
          problem(
            nowIso,
            'malformed',
            peopleText('sync.issue.skippedInBatch', { seq: item.seq, detail: entry.unreadable }),
          ),
        );
        continue;
      }
      const { op, knownSeq } = entry;
      const known = prepared(
        this.sqlite,
        'SELECT origin, relay_seq FROM op_log WHERE op_id = ?',
      ).get(op.opId) as { origin: string; relay_seq: number | null } | undefined;
      if (known) {
        this.report.counters.duplicates++;
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
        this.report.counters.parked++;
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
          textFor('en', outcome.text),
          nowIso,
        );
        problems.push(problem(nowIso, outcome.reason, outcome.text));
      }
    }
  }

  /** One op; in its own savepoint when the batch is being retried after a failure. */
  private tryApply(
    op: Op,
    knownSeq: number,
    seq: number,
    nowIso: string,
    touched: Map<string, EntityRef>,
  ): 'applied' | { reason: WaitReason; text: PeopleText } {
    for (const change of op.changes) {
      const invalid =
        fieldProblem(change.entity, change.id, change.fields) ??
        setsProblem(change.entity, change.sets);
      if (invalid) return waiting('rejected', op, invalid);
    }
    try {
      this.ctx.clock.receive(op.hlc);
    } catch (error) {
      if (error instanceof ClockDriftError) {
        return waiting('clock_drift', op, error.message);
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
        const repairs = repairInvariants(this.ctx.db, op, knownSeq, this.ctx.now());
        for (const r of repairs) {
          this.ctx.clock.receive(r.repairOp.hlc);
          for (const ref of touchedBy(this.sqlite, r.repairOp)) addEntityRef(touched, ref);
        }
        const inserted = recordConflicts(
          this.sqlite,
          [
            ...probe.after(),
            ...repairs.map((r) => r.conflict),
            ...[conflictCarriedBy(op)].filter((c) => c !== null),
          ],
          nowIso,
        );
        this.report.counters.conflicts += inserted.length;
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
        return waiting('missing_record', op, error.message);
      }
      if (error instanceof ApiFailure) {
        return waiting('rejected', op, error.message);
      }
      throw error;
    }
    this.report.counters.applied++;
    for (const ref of touchedBy(this.sqlite, op)) addEntityRef(touched, ref);
    return 'applied';
  }

  /** Retries parked ops (oldest relay seq first) until no more can be applied. */
  drainInbox(touched = new Map<string, EntityRef>()): void {
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
                ).run(outcome.reason, textFor('en', outcome.text), row.op_id);
              }
            })
            .immediate();
        }
      }
    } finally {
      this.savepointEachOp = false;
    }
    if (emitAfter && touched.size > 0) {
      this.ctx.changes.record([...touched.values()], 'remote');
    }
  }
}

type WaitReason = 'clock_drift' | 'missing_record' | 'rejected';

/** Why a received op waits in sync_inbox, for people (the inbox keeps its English wording). */
function waiting(reason: WaitReason, op: Op, detail: string) {
  return {
    reason,
    text: peopleText(`sync.issue.waiting.${reason}`, { actor: op.actor, detail }),
  };
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
      // Keys the schema does not name stay on an accepted entry; nothing reads or stores them
      // (a received op is stored as its header and the state it sets).
      if (ACCEPT_ENTRY?.(raw)) return raw as OpEntry;
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

/** OpEntrySchema as a plain acceptor (shared/sync/fast-accept.ts); zod decides what it refuses. */
const ACCEPT_ENTRY = compileAcceptor(OpEntrySchema);

/** SQLite's "database or disk is full" (also what a database at its max_page_count says). */
function isDiskFull(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_FULL';
}

/** Thrown inside a fast-path batch to roll it back and apply it again with savepoints. */
class RetryWithSavepoints extends Error {}
