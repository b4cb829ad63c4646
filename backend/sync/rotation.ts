import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { NetworkKeys } from '../../shared/sync/crypto';
import { EV, RotatedSchema, SnapshotAckSchema, type Rotated } from '../../shared/sync/protocol';
import { buildSnapshot, sealSnapshot } from './snapshot';

/** What the rotation needs of the connection. */
export interface RotationLink {
  emit(event: string, body: unknown): void;
}

/** How one attempt ended: the relay's answer, or the link going away first. */
export type RotationAttempt = Rotated['outcome'] | 'disconnected' | 'interrupted' | 'timeout';

/**
 * The console's side of one passphrase rotation attempt (../../shared/sync/rotation): seals a
 * snapshot of this console's state under the new keys, uploads it one part at a time as the
 * next epoch's (staged on the relay), then asks the relay to move the network to that epoch.
 * The caller has drained the outbound queue and paused pushing, so `coversSeq` (this console's
 * position) is the whole log unless another console pushed meanwhile; the relay then answers
 * `behind` and the caller catches up and tries again.
 */
export class RotationSync {
  private attempt: {
    id: string;
    epoch: number;
    coversSeq: number;
    newToken: string;
    blobs: string[];
    /** The rotate itself went: a drop now leaves the outcome unknown to this console. */
    asked: boolean;
    done: (result: { outcome: RotationAttempt; removed: number }) => void;
    timer: NodeJS.Timeout;
  } | null = null;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly link: RotationLink,
  ) {}

  get busy(): boolean {
    return this.attempt !== null;
  }

  run(
    newKeys: NetworkKeys,
    epoch: number,
    coversSeq: number,
    timeoutMs: number,
  ): Promise<{ outcome: RotationAttempt; removed: number }> {
    if (this.attempt) throw new Error('A rotation is already under way');
    const id = randomUUID();
    const blobs = sealSnapshot(newKeys, id, buildSnapshot(this.sqlite));
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.finish('timeout'), timeoutMs);
      timer.unref();
      this.attempt = {
        id,
        epoch,
        coversSeq,
        newToken: newKeys.authToken,
        blobs,
        asked: false,
        done: resolve,
        timer,
      };
      this.sendPart(0);
    });
  }

  /** The connection dropped: the attempt ends (the relay keeps nothing of it but staged parts). */
  reset(): void {
    this.finish(this.attempt?.asked ? 'interrupted' : 'disconnected');
  }

  private finish(outcome: RotationAttempt, removed = 0): void {
    const attempt = this.attempt;
    if (!attempt) return;
    clearTimeout(attempt.timer);
    this.attempt = null;
    attempt.done({ outcome, removed });
  }

  private sendPart(part: number): void {
    const a = this.attempt!;
    this.link.emit(EV.snapshotPut, {
      snapshotId: a.id,
      coversSeq: a.coversSeq,
      parts: a.blobs.length,
      part,
      blob: a.blobs[part],
      epoch: a.epoch,
    });
  }

  /** A `snapshot_ack`: the next part, or (all staged) the rotate itself. */
  onAck(raw: unknown): void {
    const a = this.attempt;
    const ack = SnapshotAckSchema.safeParse(raw);
    if (!a || !ack.success || ack.data.snapshotId !== a.id) return;
    if (ack.data.outcome === 'stale') return this.finish('behind');
    const next = ack.data.part + 1;
    if (next < a.blobs.length) return this.sendPart(next);
    a.asked = true;
    this.link.emit(EV.rotate, {
      epoch: a.epoch,
      newToken: a.newToken,
      snapshotId: a.id,
      coversSeq: a.coversSeq,
    });
  }

  onRotated(raw: unknown): void {
    const parsed = RotatedSchema.safeParse(raw);
    if (!this.attempt?.asked || !parsed.success) return;
    this.finish(parsed.data.outcome, parsed.data.removed ?? 0);
  }
}
