import { EV, SnapshotGetSchema, SnapshotPutSchema } from '../shared/sync/protocol';
import type { RelayContext } from './context';
import { sendError, type Connection } from './connection';

/**
 * Bounded history: `snapshot_put` (one sealed part per message; `snapshot_ack` after the last)
 * and `snapshot_get` (one part of the latest complete snapshot, `snapshot_part`). Completing a
 * snapshot prunes what it covers past the retention period.
 */
export function attachSnapshotHandlers(ctx: RelayContext, c: Connection): void {
  const { store, limits, log } = ctx;
  const { socket, conn, state } = c;
  const snapshots = store.snapshots;

  c.on(EV.snapshotPut, async (raw) => {
    if (!c.admit(1)) return;
    if (!state.network) return c.violation('not_authenticated', 'Say hello first');
    const put = c.parse(SnapshotPutSchema, raw, 'snapshot');
    if (!put) return;
    if (put.blob.length > limits.maxBlobChars)
      return c.violation('too_large', 'A snapshot part is larger than this relay accepts');
    if (!snapshots)
      return sendError(socket, 'invalid_message', 'This relay keeps no snapshots', false);
    const network = state.network;
    const outcome = await snapshots.putSnapshotPart(network, put);
    socket.emit(EV.snapshotAck, { snapshotId: put.snapshotId, part: put.part, outcome });
    if (outcome !== 'complete') return;
    const pruned = await snapshots.prune(Date.now() - ctx.retentionMs);
    log({ event: 'snapshot', conn, network, coversSeq: put.coversSeq, parts: put.parts, pruned });
  });

  c.on(EV.snapshotGet, async (raw) => {
    if (!c.admit()) return;
    if (!state.network) return c.violation('not_authenticated', 'Say hello first');
    const get = c.parse(SnapshotGetSchema, raw, 'snapshot request');
    if (!get) return;
    const part = snapshots ? await snapshots.snapshotPart(state.network, get.part) : null;
    socket.emit(EV.snapshotPart, part ?? { snapshotId: null });
  });
}
