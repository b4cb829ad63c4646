import { CatchUpSchema, EV, PushSchema } from '../shared/sync/protocol';
import type { RelayContext } from './context';
import type { Connection } from './connection';

/**
 * `push` (append, then `ack` to the sender and `broadcast` to the network's other consoles) and
 * `catch_up` (one `page` of the log after a seq).
 *
 * Ordering: each handler runs to completion synchronously (SQLite append, ack, broadcast), so
 * every socket receives broadcasts and acks in increasing seq order; consoles rely on that.
 */
export function attachLogHandlers(ctx: RelayContext, c: Connection): void {
  const { store, limits, log } = ctx;
  const { socket, conn, state } = c;

  c.on(EV.push, (raw) => {
    const blobCount = Array.isArray((raw as { blobs?: unknown } | null)?.blobs)
      ? Math.min((raw as { blobs: unknown[] }).blobs.length, limits.maxBatchBlobs)
      : 0;
    if (!c.admit(blobCount)) return;
    if (!state.network) return c.violation('not_authenticated', 'Say hello first');
    const push = c.parse(PushSchema, raw, 'push');
    if (!push) return;
    let chars = 0;
    for (const blob of push.blobs) {
      chars += blob.length;
      if (blob.length > limits.maxBlobChars)
        return c.violation(
          'too_large',
          'One change is larger than this relay accepts',
          push.batchId,
        );
    }
    if (push.blobs.length > limits.maxBatchBlobs || chars > limits.maxBatchChars)
      return c.violation('too_large', 'Batch larger than this relay accepts', push.batchId);
    const network = state.network;
    const seqs = store.append(network, state.deviceId!, push.blobs);
    socket.emit(EV.ack, { batchId: push.batchId, seqs });
    socket.to(network).emit(EV.broadcast, {
      items: push.blobs.map((blob, i) => ({ seq: seqs[i]!, blob })),
    });
    log({
      event: 'push',
      conn,
      network,
      count: push.blobs.length,
      bytes: chars,
      firstSeq: seqs[0],
      lastSeq: seqs.at(-1),
    });
  });

  c.on(EV.catchUp, (raw) => {
    if (!c.admit()) return;
    if (!state.network) return c.violation('not_authenticated', 'Say hello first');
    const request = c.parse(CatchUpSchema, raw, 'catch-up');
    if (!request) return;
    const limit = Math.min(request.limit ?? limits.pageItems, limits.pageItems);
    const items = store.read(state.network, request.fromSeq, limit, limits.pageChars);
    const headSeq = store.head(state.network);
    const last = items.at(-1)?.seq ?? request.fromSeq;
    socket.emit(EV.page, { fromSeq: request.fromSeq, items, more: last < headSeq, headSeq });
    log({
      event: 'catch_up',
      conn,
      network: state.network,
      fromSeq: request.fromSeq,
      count: items.length,
      headSeq,
    });
  });
}
