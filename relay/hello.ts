import { timingSafeEqual } from 'node:crypto';
import { hashAuthToken } from '../shared/sync/crypto';
import {
  EV,
  HelloSchema,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  type Peer,
} from '../shared/sync/protocol';
import type { RelayContext } from './context';
import { sendError, type Connection } from './connection';
import type { PresenceHub } from './presence';

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
  const { store, log, allowed } = ctx;
  const { socket, conn, state } = c;
  c.on(EV.hello, async (raw) => {
    if (!c.admit()) return;
    if (state.network) return c.violation('invalid_message', 'Already said hello');
    const hello = c.parse(HelloSchema, raw, 'hello');
    if (!hello) return;
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
    if (allowed && !allowed.has(hello.network)) {
      log({
        event: 'hello.rejected',
        conn,
        reason: 'network_not_allowed',
        network: hello.network,
      });
      return sendError(
        socket,
        'network_not_allowed',
        'This relay does not serve that network',
        true,
      );
    }
    const presented = hashAuthToken(hello.token);
    let stored = store.tokenHash(hello.network);
    if (stored === null) {
      // Another node sharing the store may register the network at the same moment: whichever
      // insert lands first is the network's token, and this console is checked against it.
      stored = store.registerNetwork(hello.network, presented);
      if (stored === presented) log({ event: 'network.registered', conn, network: hello.network });
    }
    if (!timingSafeEqual(Buffer.from(stored, 'hex'), Buffer.from(presented, 'hex'))) {
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
    state.presence = hello.presence;
    const peer: Peer = { deviceId: hello.deviceId, presence: hello.presence };
    socket.data = peer;
    const network = hello.network;
    // The socket joins its network's room only once the peer list is in hand, so nothing is
    // broadcast to it before its welcome.
    const peers = [...(await hub.peersOf(network)), peer];
    if (socket.disconnected) return;
    void socket.join(network);
    c.joined = network;
    hub.joined(network);
    socket.emit(EV.welcome, { v: PROTOCOL_VERSION, headSeq: store.head(network), peers });
    socket.to(network).emit(EV.peers, { peers });
    log({
      event: 'hello.ok',
      conn,
      network: hello.network,
      device: hello.deviceId,
      lastSeq: hello.lastSeq,
      headSeq: store.head(hello.network),
    });
  });
}
