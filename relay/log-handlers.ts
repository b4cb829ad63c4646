import { CatchUpSchema, EV, PushSchema } from '../shared/sync/protocol';
import type { RelayContext } from './context';
import { sendError, type Connection } from './connection';
import { EpochChangedError, QuotaExceededError } from './store';
import { SerialQueue } from './serial-queue';
import { epochIsCurrent, sendRejoin } from './rotation-handlers';

/**
 * `push` (append, then `ack` to the sender and `broadcast` to the network's other consoles) and
 * `catch_up` (one `page` of the log after a seq).
 *
 * Ordering: on a node, the pushes of one network run one after another (append, ack, broadcast),
 * and each connection's catch-ups answer in the order asked, so every socket receives acks,
 * broadcasts and pages in increasing seq order; consoles rely on that. (Across nodes a broadcast
 * may overtake another; a console that sees a gap asks for catch-up.)
 *
 * A push the relay cannot keep (quota, disk) is refused with its batchId and not acknowledged:
 * the console keeps the ops queued and retries. What was acknowledged is never touched.
 */
/** How long a console should wait before re-pushing a refused batch (the cause needs a person). */
const QUOTA_RETRY_MS = 60_000;
const DISK_FULL_RETRY_MS = 30_000;

export function attachLogHandlers(ctx: RelayContext, c: Connection, pushes: SerialQueue): void {
  const { store, limits, log, quota, disk } = ctx;
  const { socket, conn, state } = c;
  const pages = new SerialQueue();

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
    return pushes.run(network, async () => {
      if (disk && !disk.admit(chars)) {
        log({ event: 'push.refused', conn, network, code: 'disk_full', bytes: chars });
        return sendError(
          socket,
          'disk_full',
          'The relay is nearly out of disk space; changes stay queued on this console',
          false,
          push.batchId,
          DISK_FULL_RETRY_MS,
        );
      }
      let seqs: number[];
      try {
        seqs = await store.append(network, state.deviceId!, push.blobs, quota, state.epoch!);
      } catch (error) {
        if (error instanceof EpochChangedError) {
          log({ event: 'push.refused', conn, network, code: 'rejoin_required' });
          return sendRejoin(socket, error.epoch);
        }
        if (!(error instanceof QuotaExceededError)) throw error;
        log({ event: 'push.refused', conn, network, code: 'quota_exceeded', ...error.usage });
        return sendError(
          socket,
          'quota_exceeded',
          'The network is at its storage quota on this relay; changes stay queued on this console',
          false,
          push.batchId,
          QUOTA_RETRY_MS,
        );
      }
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
  });

  c.on(EV.catchUp, (raw) => {
    if (!c.admit()) return;
    if (!state.network) return c.violation('not_authenticated', 'Say hello first');
    const request = c.parse(CatchUpSchema, raw, 'catch-up');
    if (!request) return;
    const network = state.network;
    return pages.run(network, async () => {
      if (!(await epochIsCurrent(ctx, c))) return;
      const limit = Math.min(request.limit ?? limits.pageItems, limits.pageItems);
      const items = await store.read(network, request.fromSeq, limit, limits.pageChars);
      const headSeq = await store.head(network);
      const last = items.at(-1)?.seq ?? request.fromSeq;
      socket.emit(EV.page, { fromSeq: request.fromSeq, items, more: last < headSeq, headSeq });
      log({
        event: 'catch_up',
        conn,
        network,
        fromSeq: request.fromSeq,
        count: items.length,
        headSeq,
      });
    });
  });
}
