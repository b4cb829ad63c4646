/**
 * Timings of one console's relay connection: reconnect backoff, when a lost relay counts as
 * offline, batch sizes, acknowledgement timeout and the idle resync.
 */
export interface SyncTuning {
  reconnectDelayMs: number;
  reconnectDelayMaxMs: number;
  /** After this long without the relay, "reconnecting" becomes "offline". */
  offlineAfterMs: number;
  /** Most ops sealed into one pushed blob. */
  batchSize: number;
  /**
   * Largest sealed blob, in base64 characters. Kept well under V8's large-object threshold
   * (~128 KB): strings above it cost 20-40x more per byte to create, and every console decodes
   * every blob. An op bigger than this still goes, alone in its blob.
   */
  batchChars: number;
  pollMs: number;
  ackTimeoutMs: number;
  /**
   * How often an idle console asks the relay for anything after its position anyway. Broadcasts
   * are the fast path; this catches one that never came (a relay node that lost its link to the
   * others, a dropped message) without waiting for the next push or reconnect.
   */
  resyncMs: number;
  /**
   * A caught-up console with nothing unsent seals a snapshot of the network state once the log
   * has grown this many seqs past the latest one (0: never). See ./snapshot.ts.
   */
  snapshotEverySeqs: number;
}

export const DEFAULT_TUNING: SyncTuning = {
  reconnectDelayMs: 500,
  reconnectDelayMaxMs: 10_000,
  offlineAfterMs: 15_000,
  batchSize: 200,
  batchChars: 64_000,
  pollMs: 2_000,
  ackTimeoutMs: 30_000,
  resyncMs: 15_000,
  snapshotEverySeqs: 2_000,
};
