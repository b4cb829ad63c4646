import type Database from 'better-sqlite3';
import type { ConsoleDb } from '../../db/open';
import { prepared } from '../prepared';
import { readMeta, writeMeta } from '../local-meta';
import type { NetworkKeys } from '../../shared/sync/crypto';
import type { Page } from '../../shared/sync/protocol';
import { peopleText } from '../../shared/api/text';
import { openOps } from './inbound';
import type { SyncReport } from './status';

/**
 * The relay's log identity as a console sees it. A console remembers the `logId` of the log it
 * has applied and how far (`relayLastSeq`); each welcome is compared with both:
 * - another id (or an id where none was remembered although the console has a position): a new
 *   or wiped log;
 * - the same id with a head below the position: a log restored from an older copy;
 * - the same id, a head at or past the position, but the blob at the position is not one this
 *   console applied: a restored log that others have already filled up again.
 * In each case the console resyncs: every own op is marked unsent, the log is re-read from seq 0
 * (applying is idempotent by op id, and each own op found in the log gets its seq back), and
 * what is still unsent afterwards is exactly what the relay lost, so it is pushed again.
 */
export type LogVerdict = 'same' | 'new_log' | 'restored';

export function judgeLog(
  remembered: { logId: string | null; lastSeq: number },
  welcome: { logId?: string | undefined; headSeq: number },
): LogVerdict {
  if (welcome.logId !== undefined && welcome.logId !== remembered.logId) {
    // A console that never saw an id and has applied nothing has nothing to compare.
    if (remembered.logId !== null || remembered.lastSeq > 0) return 'new_log';
  }
  return welcome.headSeq < remembered.lastSeq ? 'restored' : 'same';
}

export function rememberedLogId(db: ConsoleDb): string | null {
  return readMeta(db, 'relayLogId');
}

/**
 * Starts a resync in one transaction: own ops unsent, position 0, the new log id remembered.
 * `resetPosition` moves the inbound side's position (inside the same transaction). Returns how
 * many own ops are now waiting to be confirmed or re-sent.
 */
export function startResync(
  db: ConsoleDb,
  logId: string | undefined,
  resetPosition: () => void,
): number {
  const sqlite = db.$client;
  return sqlite
    .transaction(() => {
      const marked = prepared(
        sqlite,
        "UPDATE op_log SET relay_seq = NULL WHERE origin = 'local' AND relay_seq IS NOT NULL",
      ).run().changes;
      resetPosition();
      if (logId !== undefined) writeMeta(db, 'relayLogId', logId);
      return marked;
    })
    .immediate();
}

/**
 * Whether the blob the relay now holds at `seq` is one this console applied there: some op of it
 * is in the op log (or waiting in the inbox) under that seq. A blob this console cannot open is
 * given the benefit of the doubt (a tampered blob is reported by the inbound side).
 */
export function blobMatchesPosition(
  sqlite: Database.Database,
  keys: NetworkKeys,
  seq: number,
  blob: string,
): boolean {
  let opIds: string[];
  try {
    opIds = openOps(keys, blob).flatMap((entry) => ('op' in entry ? [entry.op.opId] : []));
  } catch {
    return true;
  }
  if (opIds.length === 0) return true;
  const inLog = prepared(sqlite, 'SELECT relay_seq FROM op_log WHERE op_id = ?');
  const inInbox = prepared(sqlite, 'SELECT relay_seq FROM sync_inbox WHERE op_id = ?');
  return opIds.some((id) => {
    const row = (inLog.get(id) ?? inInbox.get(id)) as { relay_seq: number | null } | undefined;
    return row?.relay_seq === seq;
  });
}

/**
 * One connection's watch over the relay log's identity: judges each welcome, checks the blob at
 * the console's position on the first page after a normal one, and runs the resync.
 */
export class LogWatch {
  /** Re-reading a log that lost changes and re-sending own ops it lacks, until caught up. */
  resyncing = false;
  /** After a normal welcome: the seq whose blob must be one this console applied there. */
  private verifyAt: number | null = null;

  constructor(
    private readonly db: ConsoleDb,
    private readonly keys: NetworkKeys,
    private readonly report: SyncReport,
    /** Moves the inbound position to 0; called inside the resync's transaction. */
    private readonly resetPosition: () => void,
  ) {}

  /** Judges a welcome (resyncing when the log lost changes); returns where to catch up from. */
  atWelcome(
    welcome: { logId?: string | undefined; headSeq: number; firstSeq?: number | undefined },
    lastSeq: number,
  ): number {
    this.verifyAt = null;
    const remembered = rememberedLogId(this.db);
    const verdict = judgeLog({ logId: remembered, lastSeq }, welcome);
    if (verdict !== 'same') {
      this.resync(
        welcome.logId,
        verdict === 'new_log' ? 'sync.notice.newLog' : 'sync.notice.restoredLog',
      );
      return 0;
    }
    if (welcome.logId !== undefined && remembered !== welcome.logId)
      writeMeta(this.db, 'relayLogId', welcome.logId);
    if (lastSeq === 0) return 0;
    // The log no longer holds the position's blob (a passphrase rotation emptied it; the
    // snapshot covers it): there is nothing there to check.
    if ((welcome.firstSeq ?? 0) > lastSeq) return lastSeq;
    // Read from one before the position: the blob there must be one this console applied.
    this.verifyAt = lastSeq;
    return lastSeq - 1;
  }

  /** Starting from a snapshot instead: there is no position to check. */
  skipCheck(): void {
    this.verifyAt = null;
  }

  /**
   * The page answering the welcome's catch-up: false when the blob at the position is not one
   * this console applied (a log restored, then refilled by others), after starting a resync.
   */
  pageIsOurs(page: Page): boolean {
    const at = this.verifyAt;
    if (at === null || page.fromSeq !== at - 1) return true;
    this.verifyAt = null;
    const there = page.items[0]?.seq === at ? page.items[0] : undefined;
    if (there && blobMatchesPosition(this.db.$client, this.keys, at, there.blob)) return true;
    this.resync(undefined, 'sync.notice.restoredLog');
    return false;
  }

  /** The resync is over once the log is read and nothing of this console's waits. */
  settle(caughtUpAndSent: boolean): void {
    if (caughtUpAndSent) this.resyncing = false;
  }

  private resync(logId: string | undefined, kind: string): void {
    this.verifyAt = null;
    const marked = startResync(this.db, logId, this.resetPosition);
    this.resyncing = true;
    this.report.note('relay_log_reset', peopleText(kind, { count: marked }));
  }
}
