import { randomUUID } from 'node:crypto';
import type { BackendContext } from '../context';
import type { EntityName } from '../../shared/api/events';
import { prepared } from '../prepared';
import { ENTITY_TABLES } from '../entity-tables';
import type { NetworkKeys } from '../../shared/sync/crypto';
import { EV, SnapshotAckSchema, SnapshotPartSchema } from '../../shared/sync/protocol';
import { peopleText } from '../../shared/api/text';
import type { SyncReport } from './status';
import {
  buildSnapshot,
  bulkLoadSteps,
  holdsNoState,
  mergeSnapshot,
  openSnapshot,
  sealSnapshot,
} from './snapshot';
import { withSearchIndexDeferred } from '../search-index-batch';

/** Snapshot parts requested ahead of the one being received. */
const PARTS_IN_FLIGHT = 4;

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
  private loading: {
    blobs: string[];
    received: number;
    requested: number;
    id: string | null;
  } | null = null;
  /** A downloaded snapshot is being stored (in steps, see ./snapshot.ts bulkLoadSteps). */
  private applying = false;
  private uploading: {
    id: string;
    coversSeq: number;
    blobs: string[];
    acked: number;
    resumes: number;
  } | null = null;
  /** Snapshots this console started from, since start. */
  loadedCount = 0;

  constructor(
    private readonly ctx: BackendContext,
    private readonly keys: NetworkKeys,
    private readonly report: SyncReport,
    private readonly link: SnapshotLink,
  ) {}

  get busy(): boolean {
    return this.loading !== null || this.applying;
  }

  /** Whether a console at `lastSeq` should start from the snapshot rather than read the log. */
  shouldLoad(
    lastSeq: number,
    welcome: { snapshotSeq?: number | undefined; firstSeq?: number | undefined },
    resyncing: boolean,
  ): boolean {
    this.relaySnapshotSeq = welcome.snapshotSeq ?? 0;
    // Still storing one downloaded before a reconnect: its end starts the catch-up.
    if (this.applying) return true;
    const snapshotSeq = welcome.snapshotSeq;
    if (snapshotSeq === undefined || snapshotSeq <= lastSeq) return false;
    // The relay no longer holds what follows this console's position: the snapshot is a must.
    if ((welcome.firstSeq ?? 0) > lastSeq + 1) return true;
    // A new console reads the snapshot rather than the whole log. A console resyncing after a
    // lost log reads the log itself, so each own op it finds there is known to be held.
    return lastSeq === 0 && !resyncing;
  }

  load(): void {
    if (this.applying) return;
    this.loading = { blobs: [], received: 0, requested: 1, id: null };
    this.link.emit(EV.snapshotGet, { part: 0 });
  }

  /**
   * The connection dropped: a partial download starts over next time; an upload resumes at its
   * first unacknowledged part (the relay stores parts by number, so a part sent twice is one).
   */
  reset(): void {
    this.loading = null;
  }

  /** Welcomed again: carry on with an upload the drop interrupted. */
  resume(): void {
    const up = this.uploading;
    if (!up) return;
    // An upload the relay keeps refusing gives way to a fresh one later.
    if (++up.resumes > 3) this.uploading = null;
    else this.sendPart(up.acked + 1);
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
    if (
      (loading.id !== null && part.snapshotId !== loading.id) ||
      part.part >= part.parts ||
      loading.blobs[part.part] !== undefined
    ) {
      // The relay took a newer snapshot meanwhile (or answered out of turn): start over.
      this.loading = { blobs: [], received: 0, requested: 1, id: null };
      return this.link.emit(EV.snapshotGet, { part: 0 });
    }
    loading.id = part.snapshotId;
    loading.blobs[part.part] = part.blob;
    loading.received++;
    // A few parts in flight, so the relay reads the next while this one travels.
    while (loading.requested < part.parts && loading.requested - loading.received < PARTS_IN_FLIGHT)
      this.link.emit(EV.snapshotGet, { part: loading.requested++ });
    if (loading.received < part.parts) return;
    this.loading = null;
    this.applying = true;
    void this.store(loading.blobs, part.coversSeq).finally(() => {
      this.applying = false;
      this.link.loaded();
    });
  }

  private async store(blobs: string[], coversSeq: number): Promise<void> {
    try {
      await this.merge(blobs, coversSeq);
    } catch (error) {
      if (!this.ctx.db.$client.open) return;
      this.report.note(
        'snapshot_failed',
        peopleText('sync.issue.storeFailed', {
          detail: String((error as Error)?.message ?? error).slice(0, 200),
        }),
      );
    }
  }

  private async merge(blobs: string[], coversSeq: number): Promise<void> {
    const payload = openSnapshot(this.keys, blobs);
    const sqlite = this.ctx.db.$client;
    let maxHlc: string;
    if (holdsNoState(sqlite)) {
      // A fresh console: plain inserts in steps, yielding between them.
      const load = bulkLoadSteps(sqlite, payload);
      maxHlc = load.maxHlc;
      for (const [index, step] of load.steps.entries()) {
        if (index > 0) await new Promise((resolve) => setImmediate(resolve));
        if (!sqlite.open) return;
        const last = index === load.steps.length - 1;
        sqlite
          .transaction(() => {
            withSearchIndexDeferred(sqlite, step);
            if (last) this.link.advanceTo(coversSeq);
          })
          .immediate();
      }
    } else {
      maxHlc = sqlite
        .transaction(() =>
          withSearchIndexDeferred(sqlite, () => {
            const hlc = mergeSnapshot(sqlite, payload);
            this.link.advanceTo(coversSeq);
            return hlc;
          }),
        )
        .immediate();
    }
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
    this.uploading = { id, coversSeq: seq, blobs, acked: -1, resumes: 0 };
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
    if (ack.data.part <= this.uploading.acked) return; // a part sent again around a drop
    this.uploading.acked = ack.data.part;
    const next = ack.data.part + 1;
    if (ack.data.outcome === 'stored' && next < this.uploading.blobs.length)
      return this.sendPart(next);
    // Stale means the relay holds one at least as recent: either way, none is due until
    // the log grows again.
    this.relaySnapshotSeq = Math.max(this.relaySnapshotSeq, this.uploading.coversSeq);
    this.uploading = null;
  }
}
