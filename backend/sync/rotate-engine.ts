import type { RotationAttempt } from './rotation';

/** What a rotation needs of the running engine (./connection.ts). */
export interface EngineRotation {
  /** The network's epoch as the relay said at welcome; null from a relay that cannot rotate. */
  epoch(): number | null;
  connected(): boolean;
  /** Caught up; with `drained`, also nothing of this console's waiting to be sent. */
  idle(drained: boolean): boolean;
  /** The relay refuses pushes for lack of room (the queue cannot drain). */
  held(): boolean;
  /** Pauses (or resumes) pushing: ops made meanwhile stay queued for the new keys. */
  pause(paused: boolean): void;
  catchUp(): void;
  position(): number;
  attempt(epoch: number, coversSeq: number): Promise<{ outcome: RotationAttempt; removed: number }>;
  /** The relay said this console must re-join (another console rotated first). */
  rejoinRequired(): boolean;
}

export type RotateRefusal =
  | 'offline'
  | 'relay_cannot_rotate'
  | 'busy'
  | 'nothing_synced'
  | 'lost_race'
  | 'interrupted'
  | 'failed';
export type RotateResult =
  | { outcome: 'rotated'; epoch: number; coversSeq: number; removed: number }
  | { outcome: RotateRefusal };

const DRAIN_WAIT_MS = 15_000;
const ATTEMPTS = 4;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) return false;
    await sleep(25);
  }
  return true;
}

/**
 * One passphrase rotation, start to end. Nothing queued is lost: first this console's queued
 * ops go under the old keys (the drain); then pushing pauses, so whatever is made during the
 * rotation waits for the new keys; the snapshot sealed under the new keys then holds everything
 * the relay's log holds, which the relay checks (head compare-and-set) before it deletes that
 * log. A `behind` answer (another console pushed meanwhile) catches up and tries again. On
 * success pushing stays paused: the caller replaces this engine with one under the new keys.
 */
export async function rotateEngine(engine: EngineRotation): Promise<RotateResult> {
  if (!engine.connected()) return { outcome: engine.rejoinRequired() ? 'lost_race' : 'offline' };
  const epoch = engine.epoch();
  if (epoch === null) return { outcome: 'relay_cannot_rotate' };
  if (engine.held()) return { outcome: 'busy' };
  if (!(await until(() => !engine.connected() || engine.idle(true), DRAIN_WAIT_MS)))
    return { outcome: 'busy' };
  if (!engine.connected()) return { outcome: engine.rejoinRequired() ? 'lost_race' : 'offline' };
  if (engine.position() === 0) return { outcome: 'nothing_synced' };
  engine.pause(true);
  let rotated = false;
  try {
    for (let i = 0; i < ATTEMPTS; i++) {
      if (!(await until(() => !engine.connected() || engine.idle(false), DRAIN_WAIT_MS)))
        return { outcome: 'busy' };
      if (!engine.connected())
        return { outcome: engine.rejoinRequired() ? 'lost_race' : 'offline' };
      const coversSeq = engine.position();
      const { outcome, removed } = await engine.attempt(epoch + 1, coversSeq);
      if (outcome === 'rotated') {
        rotated = true;
        return { outcome, epoch: epoch + 1, coversSeq, removed };
      }
      // Another console rotated first; the relay tells this one to re-join, as every other.
      if (outcome === 'epoch_moved') return { outcome: 'lost_race' };
      if (outcome === 'disconnected')
        return { outcome: engine.rejoinRequired() ? 'lost_race' : 'offline' };
      // The link dropped after the rotate went: the relay may or may not have switched.
      if (outcome === 'interrupted') return { outcome: 'interrupted' };
      if (outcome === 'timeout') return { outcome: 'failed' };
      engine.catchUp();
    }
    return { outcome: 'busy' };
  } finally {
    if (!rotated) engine.pause(false);
  }
}
