import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { RelayStore } from './sqlite-store';
import { EV } from '../shared/sync/protocol';
import { DEFAULT_LIMITS, type RelayLimits } from './limits';
import { errorText, jsonLog, type RelayContext, type RelayLog } from './context';
import { connectCluster } from './cluster';
import { Connection, sendError } from './connection';
import { attachHello } from './hello';
import { attachLogHandlers } from './log-handlers';
import { PresenceHub, attachPresence } from './presence';
import { httpHandler } from './health';

export { DEFAULT_LIMITS, type RelayLimits } from './limits';

/**
 * The relay: a socket.io v4 server that keeps an append-only log of sealed blobs per network,
 * numbers them, acknowledges them, forwards them to the network's other consoles, and replays
 * them on request (catch-up). It never decrypts anything (it has no key), validates every message
 * with the shared schemas, limits message size and rate per connection, and answers bad input
 * with an error message instead of crashing.
 *
 * This file wires the parts: ./hello (admission), ./log-handlers (push, catch-up), ./presence,
 * ./health (plain HTTP), ./cluster (multi-node fan-out), ./store (the log).
 */
export interface RelayOptions {
  port: number;
  /** Loopback by default; set 0.0.0.0 (behind TLS termination) to serve a real network. */
  host?: string;
  dataDir: string;
  /** When set, only these networks may register or connect. */
  allowedNetworks?: readonly string[];
  limits?: Partial<RelayLimits>;
  /** One structured record per line; defaults to JSON on stdout. Never given payloads. */
  log?: RelayLog;
  synchronous?: 'NORMAL' | 'FULL';
  /**
   * Multi-node mode: the Redis server through which relay nodes fan broadcasts and presence out
   * to each other (socket.io's Redis Streams adapter). Every node must also share `dataDir` (one
   * host or one volume), whose log assigns the seqs. See docs/relay.md.
   */
  redisUrl?: string;
  /**
   * Multi-node mode: how often each node re-sends "who is online" to its own consoles (default
   * 5 s). Nodes discover each other by heartbeat, and a node that dies takes its consoles with
   * it; a list computed on one node at one moment can miss either, so it is refreshed.
   */
  presenceRefreshMs?: number;
}

export interface RelayHandle {
  url: string;
  port: number;
  store: RelayStore;
  close(): Promise<void>;
}

const KNOWN_EVENTS = new Set<string>([EV.hello, EV.push, EV.catchUp, EV.presence]);

export async function startRelay(options: RelayOptions): Promise<RelayHandle> {
  const limits: RelayLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.log ?? jsonLog;
  const allowed = options.allowedNetworks?.length ? new Set(options.allowedNetworks) : null;
  const store = new RelayStore(options.dataDir, { synchronous: options.synchronous ?? 'NORMAL' });

  let ctx: RelayContext | null = null;
  const http = createServer(
    httpHandler(
      () => ctx!,
      () => cluster !== null,
    ),
  );
  http.on('clientError', (_error, socket) => socket.destroy());

  const cluster = options.redisUrl ? await connectCluster(options.redisUrl, log) : null;
  const io = new Server(http, {
    ...(cluster ? { adapter: cluster.adapter } : {}),
    maxHttpBufferSize: limits.maxMessageBytes,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 10_000,
    perMessageDeflate: false,
    connectTimeout: limits.helloTimeoutMs,
  });
  const logFailure = (on: string, error: unknown) =>
    log({ event: 'relay.internal_error', on, error: errorText(error) });
  const context: RelayContext = {
    io,
    store,
    limits,
    log,
    allowed,
    stats: { connections: 0, startedAt: Date.now() },
    logFailure,
  };
  ctx = context;
  const hub = new PresenceHub(io, logFailure, cluster ? (options.presenceRefreshMs ?? 5000) : null);

  io.on('connection', (socket: Socket) => {
    context.stats.connections++;
    const c = new Connection(context, socket);
    const { conn, state } = c;
    log({ event: 'conn.open', conn });
    if (context.stats.connections > limits.maxConnections) {
      sendError(
        socket,
        'rate_limited',
        'The relay is at its connection limit; try again later',
        true,
      );
      return;
    }
    const helloTimer = setTimeout(() => {
      if (!state.network) {
        log({ event: 'conn.hello_timeout', conn });
        socket.disconnect(true);
      }
    }, limits.helloTimeoutMs);
    helloTimer.unref();

    socket.onAny((event: unknown) => {
      if (typeof event !== 'string' || !KNOWN_EVENTS.has(event)) {
        if (c.admit()) c.violation('invalid_message', 'Unknown message type');
      }
    });
    attachHello(context, hub, c, helloTimer);
    attachLogHandlers(context, c);
    attachPresence(context, hub, c);

    socket.on('disconnect', (reason) => {
      context.stats.connections--;
      clearTimeout(helloTimer);
      log({ event: 'conn.close', conn, network: state.network, reason });
    });
    socket.on('error', (error) => {
      log({ event: 'conn.error', conn, error: errorText(error) });
    });
  });
  io.engine.on('connection_error', (error: { code?: number; message?: string }) => {
    log({ event: 'engine.connection_error', code: error.code, message: error.message });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  const port = (http.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log({
    event: 'relay.start',
    url,
    cluster: cluster ? 'redis-streams' : null,
    dataDir: options.dataDir,
    allowedNetworks: allowed ? [...allowed] : null,
  });

  return {
    url,
    port,
    store,
    async close() {
      hub.stop();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      http.closeAllConnections();
      await cluster?.close();
      store.close();
      log({ event: 'relay.stop' });
    },
  };
}
