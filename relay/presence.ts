import type { Server } from 'socket.io';
import { EV, PresenceSchema, type Peer } from '../shared/sync/protocol';
import type { RelayContext } from './context';
import type { Connection } from './connection';

/**
 * Who is online in a network, from every node: with the Redis adapter, fetchSockets() asks
 * the other nodes too (each socket's `data` is its Peer). A node that does not answer in time
 * only leaves its consoles out of this list.
 */
export class PresenceHub {
  /** Networks with consoles on this node: network -> how many. */
  private readonly localNetworks = new Map<string, number>();
  private readonly timer: NodeJS.Timeout | null;

  constructor(
    private readonly io: Server,
    logFailure: (on: string, error: unknown) => void,
    /** Multi-node mode re-sends the list to this node's consoles this often (else never). */
    refreshMs: number | null,
  ) {
    this.timer =
      refreshMs === null
        ? null
        : setInterval(() => {
            for (const network of this.localNetworks.keys()) {
              this.peersOf(network)
                .then((peers) => io.local.to(network).emit(EV.peers, { peers }))
                .catch((error: unknown) => logFailure('presence_refresh', error));
            }
          }, refreshMs);
    this.timer?.unref();
  }

  async peersOf(network: string): Promise<Peer[]> {
    return (await this.io.in(network).fetchSockets())
      .map((s) => s.data as Peer)
      .filter((p) => p?.deviceId);
  }

  joined(network: string): void {
    this.localNetworks.set(network, (this.localNetworks.get(network) ?? 0) + 1);
  }

  left(network: string): void {
    const left = (this.localNetworks.get(network) ?? 1) - 1;
    if (left > 0) this.localNetworks.set(network, left);
    else this.localNetworks.delete(network);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/** `presence` (a console's sealed name changed) and the list update when a console leaves. */
export function attachPresence(ctx: RelayContext, hub: PresenceHub, c: Connection): void {
  const { io } = ctx;
  c.on(EV.presence, async (raw) => {
    if (!c.admit()) return;
    if (!c.state.network) return c.violation('not_authenticated', 'Say hello first');
    const message = c.parse(PresenceSchema, raw, 'presence');
    if (!message) return;
    c.state.presence = message.presence;
    c.socket.data = { deviceId: c.state.deviceId!, presence: message.presence } satisfies Peer;
    const network = c.state.network;
    io.to(network).emit(EV.peers, { peers: await hub.peersOf(network) });
  });

  c.socket.on('disconnect', () => {
    if (c.joined) hub.left(c.joined);
    if (c.state.network) {
      const network = c.state.network;
      hub
        .peersOf(network)
        .then((peers) => io.to(network).emit(EV.peers, { peers }))
        .catch((error: unknown) => ctx.logFailure('disconnect', error));
    }
  });
}
