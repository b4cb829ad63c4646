import { EV, SnapshotGetSchema, SnapshotPutSchema } from '../shared/sync/protocol';
import type { RelayContext } from './context';
import { sendError, type Connection } from './connection';
import { epochIsCurrent } from './rotation-handlers';

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
    // A rotation's part names the next epoch; any other is sealed under the socket's own, and
    // the store refuses it as stale if that epoch is no longer the network's.
    const epoch = put.epoch ?? state.epoch!;
    if (epoch !== state.epoch && epoch !== state.epoch! + 1)
      return c.violation('invalid_message', 'A snapshot for an epoch this console cannot be at');
    const outcome = await snapshots.putSnapshotPart(network, {
      ...put,
      epoch,
      senderEpoch: state.epoch!,
    });
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
    if (!(await epochIsCurrent(ctx, c))) return;
    const part = snapshots ? await snapshots.snapshotPart(state.network, get.part) : null;
    socket.emit(EV.snapshotPart, part ?? { snapshotId: null });
  });
}
