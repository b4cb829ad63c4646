import { timingSafeEqual } from 'node:crypto';
import { hashAuthToken } from '../shared/sync/crypto';
import {
  EV,
  HelloSchema,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  type Hello,
  type Peer,
  type RelayErrorCode,
} from '../shared/sync/protocol';
import { hashInviteCode } from './invites';
import type { InviteRefusal, NetworkRecord } from './store';
import { errorText, type RelayContext } from './context';
import { sendError, type Connection } from './connection';
import type { PresenceHub } from './presence';
import { REJOIN_MESSAGE } from './rotation-handlers';

/**
 * `hello`: protocol negotiation, network admission and token check; then the socket joins its
 * network's room and gets `welcome`. Until then every other message is `not_authenticated`.
 */
export function attachHello(
  ctx: RelayContext,
  hub: PresenceHub,
  c: Connection,
  helloTimer: NodeJS.Timeout,
): void {
  const { store, log } = ctx;
  const { socket, conn, state } = c;
  /** A hello being answered (the store is asked asynchronously): a second one is refused. */
  let greeting = false;
  c.on(EV.hello, async (raw) => {
    if (!c.admit()) return;
    if (state.network || greeting) return c.violation('invalid_message', 'Already said hello');
    const hello = c.parse(HelloSchema, raw, 'hello');
    if (!hello) return;
    greeting = true;
    try {
      await greet(hello);
    } catch (error) {
      // The store failed (a database away): drop the connection so the console reconnects and
      // says hello again, instead of waiting for a welcome that will not come.
      log({ event: 'relay.internal_error', conn, on: EV.hello, error: errorText(error) });
      sendError(socket, 'internal', 'The relay could not check this network; retrying', false);
      setTimeout(() => socket.disconnect(true), 20).unref();
    } finally {
      greeting = false;
    }
  });

  async function greet(hello: Hello): Promise<void> {
    if (hello.v < MIN_PROTOCOL_VERSION) {
      log({ event: 'hello.rejected', conn, reason: 'protocol_too_old', v: hello.v });
      return sendError(
        socket,
        'protocol_too_old',
        `This console speaks relay protocol ${hello.v}; the relay needs ${MIN_PROTOCOL_VERSION} or newer. Update the console.`,
        true,
      );
    }
    if (hello.minV > PROTOCOL_VERSION) {
      log({ event: 'hello.rejected', conn, reason: 'relay_too_old', minV: hello.minV });
      return sendError(
        socket,
        'relay_too_old',
        `This console needs relay protocol ${hello.minV} or newer; the relay speaks ${PROTOCOL_VERSION}. Update the relay.`,
        true,
      );
    }
    const record = await admit(ctx, c, hello);
    if (!record) return;
    const tokenHash = hashAuthToken(hello.token);
    if (!timingSafeEqual(Buffer.from(record.tokenHash, 'hex'), Buffer.from(tokenHash, 'hex'))) {
      if (record.retiredTokenHashes.includes(tokenHash)) {
        log({ event: 'hello.rejected', conn, reason: 'rejoin_required', network: hello.network });
        return sendError(
          socket,
          'rejoin_required',
          REJOIN_MESSAGE,
          true,
          undefined,
          undefined,
          record.epoch,
        );
      }
      log({ event: 'hello.rejected', conn, reason: 'wrong_passphrase', network: hello.network });
      return sendError(
        socket,
        'wrong_passphrase',
        'The relay did not accept this console: the network passphrase is wrong',
        true,
      );
    }
    clearTimeout(helloTimer);
    state.network = hello.network;
    state.deviceId = hello.deviceId;
    state.epoch = record.epoch;
    state.presence = hello.presence;
    const peer: Peer = { deviceId: hello.deviceId, presence: hello.presence };
    socket.data = peer;
    const network = hello.network;
    // The socket joins its network's room only once the peer list is in hand, so nothing is
    // broadcast to it before its welcome.
    // The head is read before the join: anything appended after the join is broadcast to it, and
    // what lands in between comes with the catch-up a console asks for on every welcome.
    const peers = [...(await hub.peersOf(network)), peer];
    const headSeq = await store.head(network);
    if (socket.disconnected) return;
    void socket.join(network);
    c.joined = network;
    hub.joined(network);
    const history = store.snapshots
      ? {
          snapshotSeq: (await store.snapshots.snapshotSeq(network)) ?? undefined,
          firstSeq: await store.snapshots.firstSeq(network),
        }
      : {};
    if (socket.disconnected) return;
    socket.emit(EV.welcome, {
      v: PROTOCOL_VERSION,
      headSeq,
      peers,
      logId: record.logId,
      epoch: record.epoch,
      ...history,
    });
    socket.to(network).emit(EV.peers, { peers });
    log({
      event: 'hello.ok',
      conn,
      network: hello.network,
      device: hello.deviceId,
      lastSeq: hello.lastSeq,
      headSeq,
    });
  }
}

const INVITE_REFUSALS: Record<InviteRefusal, string> = {
  invite_invalid: 'This relay does not know that invite code for this network',
  invite_used: 'That invite code was already used; ask the relay operator for a new one',
  invite_expired: 'That invite code has expired; ask the relay operator for a new one',
};

/**
 * The network's record, registering it first where the policy allows: a registered network
 * always gets its record (its token decides); an unregistered one needs an invite made for it,
 * a name the operator allowed, or open registration. Otherwise the console is refused (fatal).
 */
async function admit(
  ctx: RelayContext,
  c: Connection,
  hello: Hello,
): Promise<NetworkRecord | null> {
  const { store, log, registration } = ctx;
  const { network } = hello;
  const refuse = (code: RelayErrorCode, message: string) => {
    log({ event: 'hello.rejected', conn: c.conn, reason: code, network });
    sendError(c.socket, code, message, true);
    return null;
  };
  const existing = await store.network(network);
  if (existing) return existing;
  const tokenHash = hashAuthToken(hello.token);
  let record: NetworkRecord;
  if (hello.invite) {
    const result = await store.registerWithInvite(
      network,
      tokenHash,
      hashInviteCode(hello.invite),
      Date.now(),
    );
    if (typeof result === 'string') return refuse(result, INVITE_REFUSALS[result]);
    record = result;
  } else if (registration.open || registration.allowed.has(network)) {
    // Another node sharing the store may register the network at the same moment: whichever
    // insert lands first is the network's token, and this console is checked against it.
    record = await store.registerNetwork(network, tokenHash);
  } else {
    return refuse(
      'network_not_allowed',
      'This relay does not serve that network: ask its operator for an invite code',
    );
  }
  if (record.tokenHash === tokenHash) log({ event: 'network.registered', conn: c.conn, network });
  return record;
}
