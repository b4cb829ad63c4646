import { randomBytes } from 'node:crypto';
import type { ConsoleBackend } from '../../backend/console-backend';
import { Inbound } from '../../backend/sync/inbound';
import { OpBatch } from '../../backend/sync/op-batch';
import { SyncReport } from '../../backend/sync/status';
import { keysFromSecret } from '../../shared/sync/crypto';
import { uuidv7 } from '../../shared/ids';
import type { LogItem } from '../../shared/sync/protocol';
import { tempBackend } from './helpers';

/**
 * A relay log in memory and consoles that push to it and read it through the real inbound path,
 * with no sockets: a partition is simply a console that does not push or read for a while.
 * Pushing seals the console's unsent ops as one batch (with the position it had seen, as the
 * real console does) and marks them acknowledged; reading applies every item after its position.
 */
export class PartitionSim {
  readonly keys = keysFromSecret(randomBytes(32), 'partition-sim');
  readonly log: LogItem[] = [];
  private readonly envs: ReturnType<typeof tempBackend>[] = [];
  readonly inbound = new Map<ConsoleBackend, Inbound>();
  readonly reports = new Map<ConsoleBackend, SyncReport>();
  readonly clocks = new Map<ConsoleBackend, { now: number }>();

  console(start = Date.parse('2026-11-28T14:00:00Z')): ConsoleBackend {
    const env = tempBackend(start);
    this.envs.push(env);
    const report = new SyncReport(env.backend.ctx.now);
    this.reports.set(env.backend, report);
    this.clocks.set(env.backend, env.clock);
    this.inbound.set(env.backend, new Inbound(env.backend.ctx, this.keys, report));
    return env.backend;
  }

  /**
   * Sends the console's unsent ops to the relay (one log item). Each op says how far its author
   * had read the log when it was made, as the real outbound queue does.
   */
  push(backend: ConsoleBackend): void {
    const sqlite = backend.ctx.db.$client;
    const unsent = sqlite
      .prepare(
        "SELECT rowid AS rid, op_id, body FROM op_log WHERE origin = 'local' AND relay_seq IS NULL ORDER BY hlc",
      )
      .all() as { rid: number; op_id: string; body: string }[];
    if (unsent.length === 0) return;
    const knownAt = sqlite
      .prepare("SELECT MAX(relay_seq) FROM op_log WHERE origin = 'remote' AND rowid < ?")
      .pluck();
    const batch = new OpBatch(10_000, 10_000_000);
    for (const row of unsent) {
      const knownSeq = (knownAt.get(row.rid) as number | null) ?? 0;
      if (!batch.tryAdd(row.body, knownSeq)) throw new Error('batch full');
    }
    const seq = this.log.length + 1;
    this.log.push({ seq, blob: batch.seal(this.keys, uuidv7()) });
    const mark = sqlite.prepare('UPDATE op_log SET relay_seq = ? WHERE op_id = ?');
    for (const row of unsent) mark.run(seq, row.op_id);
  }

  /** Applies everything in the log this console has not applied yet. */
  pull(backend: ConsoleBackend): void {
    const inbound = this.inbound.get(backend)!;
    inbound.applyItems(this.log.filter((item) => item.seq > inbound.seq));
  }

  /** Push then pull on every console until nothing new is pushed (repairs are ops too). */
  settle(...consoles: ConsoleBackend[]): void {
    for (let round = 0; round < 5; round++) {
      const before = this.log.length;
      for (const c of consoles) this.push(c);
      for (const c of consoles) this.pull(c);
      if (this.log.length === before) return;
    }
  }

  cleanup(): void {
    for (const env of this.envs.splice(0)) env.cleanup();
  }
}
