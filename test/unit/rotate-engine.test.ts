import { describe, expect, it } from 'vitest';
import { rotateEngine, type EngineRotation } from '../../backend/sync/rotate-engine';
import type { RotationAttempt } from '../../backend/sync/rotation';

/**
 * The console's rotation steps against a scripted engine: what is queued goes first, pushing is
 * paused during the attempt and resumed when it fails, a relay that moved on is caught up with
 * and tried again, and each way of failing gets its own answer.
 */
function scripted(
  answers: RotationAttempt[],
  over: Partial<EngineRotation> & { pending?: number } = {},
) {
  const log: string[] = [];
  let pending = over.pending ?? 0;
  let position = 10;
  const engine: EngineRotation = {
    epoch: () => 1,
    connected: () => true,
    idle: (drained) => !drained || pending-- <= 0,
    held: () => false,
    pause: (paused) => log.push(paused ? 'pause' : 'resume'),
    catchUp: () => {
      log.push('catch up');
      position += 1;
    },
    rejoinRequired: () => false,
    position: () => position,
    attempt: async (epoch, coversSeq) => {
      log.push(`attempt ${epoch} at ${coversSeq}`);
      return { outcome: answers.shift() ?? 'timeout', removed: 4 };
    },
    ...over,
  };
  return { engine, log };
}

describe('rotateEngine', () => {
  it('waits for the queue to drain, pauses pushing, and keeps it paused once rotated', async () => {
    const { engine, log } = scripted(['rotated'], { pending: 3 });
    expect(await rotateEngine(engine)).toEqual({
      outcome: 'rotated',
      epoch: 2,
      coversSeq: 10,
      removed: 4,
    });
    expect(log).toEqual(['pause', 'attempt 2 at 10']);
  });

  it('catches up and tries again when the relay holds blobs the snapshot lacks', async () => {
    const { engine, log } = scripted(['behind', 'incomplete', 'rotated']);
    expect((await rotateEngine(engine)).outcome).toBe('rotated');
    expect(log).toEqual([
      'pause',
      'attempt 2 at 10',
      'catch up',
      'attempt 2 at 11',
      'catch up',
      'attempt 2 at 12',
    ]);
  });

  it('answers each failure in its own words and resumes pushing under the old key', async () => {
    for (const [answer, outcome] of [
      ['epoch_moved', 'lost_race'],
      ['disconnected', 'offline'],
      ['interrupted', 'interrupted'],
      ['timeout', 'failed'],
    ] as const) {
      const { engine, log } = scripted([answer]);
      expect((await rotateEngine(engine)).outcome).toBe(outcome);
      expect(log.at(-1)).toBe('resume');
    }
    const { engine } = scripted(['disconnected'], { rejoinRequired: () => true });
    expect((await rotateEngine(engine)).outcome).toBe('lost_race');
  });

  it('refuses before anything when offline, on a relay without epochs, held, or with nothing synced', async () => {
    const cases: [Partial<EngineRotation>, string][] = [
      [{ connected: () => false }, 'offline'],
      [{ epoch: () => null }, 'relay_cannot_rotate'],
      [{ held: () => true }, 'busy'],
      [{ position: () => 0 }, 'nothing_synced'],
    ];
    for (const [over, outcome] of cases) {
      const { engine, log } = scripted(['rotated'], over);
      expect((await rotateEngine(engine)).outcome).toBe(outcome);
      expect(log).toEqual([]);
    }
  });
});
