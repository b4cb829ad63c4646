import { randomUUID } from 'node:crypto';
import type { BackendContext } from '../context';
import type { EntityName } from '../../shared/api/events';
import { prepared } from '../prepared';
import { ENTITY_TABLES } from '../entity-tables';
import type { NetworkKeys } from '../../shared/sync/crypto';
import { EV, SnapshotAckSchema, SnapshotPartSchema } from '../../shared/sync/protocol';
import { peopleText } from '../../shared/api/text';
import type { SyncReport } from './status';
import { buildSnapshot, mergeSnapshot, openSnapshot, sealSnapshot } from './snapshot';

/** What the snapshot side needs of the connection. */
export interface SnapshotLink {
  emit(event: string, body: unknown): void;
  /** Moves the log position to `seq`; called inside the merge's transaction. */
  advanceTo(seq: number): void;
  /** The snapshot is merged (or there was none): catch up on the tail. */
  loaded(): void;
}

/**
 * The console's side of bounded history: starting from the relay's latest snapshot (a new
 * console, or one whose position the relay no longer holds), and sealing one when the log has
 * grown past the latest by `everySeqs`.
 */
export class SnapshotSync {
  /** The seq the relay's latest snapshot covers, as last heard. */
  relaySnapshotSeq = 0;
  private loading: { blobs: string[]; id: string | null } | null = null;
  private uploading: { id: string; coversSeq: number; blobs: string[] } | null = null;
  /** Snapshots this console started from, since start. */
  loadedCount = 0;

  constructor(
    private readonly ctx: BackendContext,
    private readonly keys: NetworkKeys,
    private readonly report: SyncReport,
    private readonly link: SnapshotLink,
  ) {}

  get busy(): boolean {
    return this.loading !== null;
  }

  /** Whether a console at `lastSeq` should start from the snapshot rather than read the log. */
  shouldLoad(
    lastSeq: number,
    welcome: { snapshotSeq?: number | undefined; firstSeq?: number | undefined },
    resyncing: boolean,
  ): boolean {
    this.relaySnapshotSeq = welcome.snapshotSeq ?? 0;
    const snapshotSeq = welcome.snapshotSeq;
    if (snapshotSeq === undefined || snapshotSeq <= lastSeq) return false;
    // The relay no longer holds what follows this console's position: the snapshot is a must.
    if ((welcome.firstSeq ?? 0) > lastSeq + 1) return true;
    // A new console reads the snapshot rather than the whole log. A console resyncing after a
    // lost log reads the log itself, so each own op it finds there is known to be held.
    return lastSeq === 0 && !resyncing;
  }

  load(): void {
    this.loading = { blobs: [], id: null };
    this.link.emit(EV.snapshotGet, { part: 0 });
  }

  /** The connection dropped: a partial download or upload starts over next time. */
  reset(): void {
    this.loading = null;
    this.uploading = null;
  }

  onPart(raw: unknown): void {
    const loading = this.loading;
    if (!loading) return;
    const parsed = SnapshotPartSchema.safeParse(raw);
    if (!parsed.success || parsed.data.snapshotId === null || (!loading.id && parsed.data.part)) {
      this.loading = null;
      if (!parsed.success) this.report.note('bad_message', peopleText('sync.issue.malformedPage'));
      return this.link.loaded();
    }
    const part = parsed.data;
    if (loading.id !== null && part.snapshotId !== loading.id) {
      // The relay took a newer snapshot meanwhile: start over with it.
      this.loading = { blobs: [], id: null };
      return this.link.emit(EV.snapshotGet, { part: 0 });
    }
    loading.id = part.snapshotId;
    loading.blobs.push(part.blob);
    if (loading.blobs.length < part.parts)
      return this.link.emit(EV.snapshotGet, { part: loading.blobs.length });
    this.loading = null;
    try {
      this.merge(loading.blobs, part.coversSeq);
    } catch (error) {
      this.report.note(
        'snapshot_failed',
        peopleText('sync.issue.storeFailed', {
          detail: String((error as Error)?.message ?? error).slice(0, 200),
        }),
      );
    }
    this.link.loaded();
  }

  private merge(blobs: string[], coversSeq: number): void {
    const payload = openSnapshot(this.keys, blobs);
    const sqlite = this.ctx.db.$client;
    const maxHlc = sqlite
      .transaction(() => {
        const hlc = mergeSnapshot(sqlite, payload);
        this.link.advanceTo(coversSeq);
        return hlc;
      })
      .immediate();
    try {
      if (maxHlc) this.ctx.clock.receive(maxHlc);
    } catch {
      // a snapshot dated ahead of this clock: the clock catches up with the next op anyway
    }
    this.loadedCount++;
    this.relaySnapshotSeq = Math.max(this.relaySnapshotSeq, coversSeq);
    const touched: { entity: EntityName; id: string }[] = [];
    for (const entity of Object.keys(ENTITY_TABLES) as EntityName[])
      for (const row of payload.tables[entity] ?? []) touched.push({ entity, id: String(row.id) });
    if (touched.length > 0) this.ctx.changes.record(touched, 'remote');
  }

  /**
   * Seals and uploads a snapshot at `seq` (the console's position) when this console holds
   * exactly the log up to there: nothing unsent, nothing parked. Returns whether it did.
   */
  sealAt(seq: number): boolean {
    if (this.uploading || this.loading || seq === 0 || seq <= this.relaySnapshotSeq) return false;
    const sqlite = this.ctx.db.$client;
    const unsent = prepared(
      sqlite,
      "SELECT 1 FROM op_log WHERE origin = 'local' AND relay_seq IS NULL LIMIT 1",
    ).get();
    const parked = prepared(sqlite, 'SELECT 1 FROM sync_inbox LIMIT 1').get();
    if (unsent || parked) return false;
    const id = randomUUID();
    const blobs = sealSnapshot(this.keys, id, buildSnapshot(sqlite));
    this.uploading = { id, coversSeq: seq, blobs };
    this.sendPart(0);
    return true;
  }

  private sendPart(part: number): void {
    const up = this.uploading!;
    this.link.emit(EV.snapshotPut, {
      snapshotId: up.id,
      coversSeq: up.coversSeq,
      parts: up.blobs.length,
      part,
      blob: up.blobs[part],
    });
  }

  onAck(raw: unknown): void {
    const ack = SnapshotAckSchema.safeParse(raw);
    if (!ack.success || ack.data.snapshotId !== this.uploading?.id) return;
    const next = ack.data.part + 1;
    if (ack.data.outcome === 'stored' && next < this.uploading.blobs.length)
      return this.sendPart(next);
    // Stale means the relay holds one at least as recent: either way, none is due until
    // the log grows again.
    this.relaySnapshotSeq = Math.max(this.relaySnapshotSeq, this.uploading.coversSeq);
    this.uploading = null;
  }
}
