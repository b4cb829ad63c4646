import type { Socket } from 'socket.io';
import { hashAuthToken } from '../shared/sync/crypto';
import { EV, RotateSchema, type Rotated } from '../shared/sync/protocol';
import type { RelayContext } from './context';
import { sendError, type Connection } from './connection';
import type { SerialQueue } from './serial-queue';

/**
 * Passphrase rotation on the relay (`rotate`, see ../shared/sync/rotation). Only a socket
 * welcomed with the network's current token may move it to the next epoch: the relay checks
 * the epoch the socket was welcomed under, never anything inside a blob (it reads none). The
 * new token arrives once, as at registration, and only its hash is kept. A rotation runs in the
 * network's push queue, so on this node no push interleaves with it; across nodes the store's
 * transaction (head compare-and-set) decides.
 */
export const REJOIN_MESSAGE =
  'The network passphrase was changed on another console: enter the new passphrase to keep syncing';

export function sendRejoin(socket: Socket, epoch: number): void {
  sendError(socket, 'rejoin_required', REJOIN_MESSAGE, true, undefined, undefined, epoch);
}

/**
 * Whether the socket's epoch is still the network's; when not, it is told to re-join (fatal).
 * Reads of a retired epoch's socket are refused: it could not open what a newer epoch holds.
 */
export async function epochIsCurrent(ctx: RelayContext, c: Connection): Promise<boolean> {
  const record = await ctx.store.network(c.state.network!);
  if (!record || record.epoch === c.state.epoch) return true;
  sendRejoin(c.socket, record.epoch);
  return false;
}

export function attachRotationHandlers(
  ctx: RelayContext,
  c: Connection,
  pushes: SerialQueue,
): void {
  const { store, log, io } = ctx;
  const { socket, conn, state } = c;

  c.on(EV.rotate, (raw) => {
    if (!c.admit()) return;
    if (!state.network) return c.violation('not_authenticated', 'Say hello first');
    const request = c.parse(RotateSchema, raw, 'rotate');
    if (!request) return;
    const network = state.network;
    return pushes.run(network, async () => {
      const answer = (body: Rotated): void => void socket.emit(EV.rotated, body);
      if (request.epoch !== state.epoch! + 1) {
        // This socket's epoch is already behind: another console rotated first.
        const record = await store.network(network);
        return answer({ epoch: record?.epoch ?? state.epoch!, outcome: 'epoch_moved' });
      }
      const { outcome, removed } = await store.rotate(network, {
        epoch: request.epoch,
        coversSeq: request.coversSeq,
        snapshotId: request.snapshotId,
        tokenHash: hashAuthToken(request.newToken),
      });
      log({ event: 'network.rotate', conn, network, epoch: request.epoch, outcome, removed });
      if (outcome !== 'rotated') {
        const record = await store.network(network);
        return answer({ epoch: record?.epoch ?? state.epoch!, outcome });
      }
      state.epoch = request.epoch;
      // Every other console of the network (on every node) holds a retired token now. The list
      // is taken before the answer, so the rotating console's next connection is not on it.
      const told = {
        code: 'rejoin_required',
        message: REJOIN_MESSAGE,
        fatal: true,
        epoch: request.epoch,
      };
      const stale = await io
        .in(network)
        .except(socket.id)
        .fetchSockets()
        .catch((error: unknown) => {
          // Nodes unreachable (Redis away): tell the room instead; each console closes on a
          // fatal error, and any message it sends is refused by epoch anyway.
          ctx.logFailure('rotate.fetch_sockets', error);
          socket.to(network).emit(EV.error, told);
          return [];
        });
      answer({ epoch: request.epoch, outcome, removed });
      for (const other of stale) other.emit(EV.error, told);
      setTimeout(() => {
        for (const other of stale) other.disconnect(true);
      }, 50).unref();
    });
  });
}
