import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { SqliteRelayStore } from './sqlite-store';
import type { Quota, RelayStore } from './store';
import { DiskGuard } from './disk-guard';
import { SerialQueue } from './serial-queue';
import { EV } from '../shared/sync/protocol';
import { DEFAULT_LIMITS, type RelayLimits } from './limits';
import { errorText, jsonLog, type RelayContext, type RelayLog } from './context';
import { connectCluster } from './cluster';
import { Connection, sendError } from './connection';
import { attachHello } from './hello';
import { attachLogHandlers } from './log-handlers';
import { attachSnapshotHandlers } from './snapshot-handlers';
import { attachRotationHandlers } from './rotation-handlers';
import { PresenceHub, attachPresence } from './presence';
import { httpHandler } from './health';
import { LINK_EVENTS, attachLinkHandlers } from './links';

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
  /**
   * Registration is closed by default: a network registers only with an invite code made for it
   * (`npm run relay -- invite NAME`) or when its name is listed here. A registered network
   * connects with its token whatever this list says.
   */
  allowedNetworks?: readonly string[];
  /** Any network name registers on first contact (anyone could squat a real network's name). */
  openRegistration?: boolean;
  /** Per-network storage: a push past either is refused with `quota_exceeded`. */
  quota?: Partial<Quota>;
  /** A push that would leave less free disk than this is refused with `disk_full` (SQLite). */
  minFreeDiskBytes?: number;
  /** With `Authorization: Bearer <token>`, `/health` adds counts; without, only ok + version. */
  operatorToken?: string;
  /**
   * The log in PostgreSQL instead of `dataDir/relay.sqlite`: relay nodes on several hosts share
   * it (with `redisUrl` for fan-out). See ./postgres-store.
   */
  postgresUrl?: string;
  limits?: Partial<RelayLimits>;
  /** One structured record per line; defaults to JSON on stdout. Never given payloads. */
  log?: RelayLog;
  synchronous?: 'NORMAL' | 'FULL';
  /**
   * Multi-node mode: the Redis server through which relay nodes fan broadcasts and presence out
   * to each other (socket.io's Redis Streams adapter). Every node must also share the log that
   * assigns the seqs: one `dataDir` (one host or one volume) or one `postgresUrl` (several
   * hosts). See docs/relay.md.
   */
  redisUrl?: string;
  /**
   * Multi-node mode: how often each node re-sends "who is online" to its own consoles (default
   * 5 s). Nodes discover each other by heartbeat, and a node that dies takes its consoles with
   * it; a list computed on one node at one moment can miss either, so it is refreshed.
   */
  presenceRefreshMs?: number;
  /**
   * Log blobs older than this that the latest snapshot covers are deleted (default 30 days,
   * `--retention-days`). Checked when a snapshot completes and every hour.
   */
  retentionMs?: number;
}

export interface RelayHandle<S extends RelayStore = SqliteRelayStore> {
  url: string;
  port: number;
  store: S;
  close(): Promise<void>;
}

export const DEFAULT_QUOTA: Quota = { maxBytes: 1024 * 1024 * 1024, maxBlobs: 1_000_000 };
export const DEFAULT_MIN_FREE_DISK_BYTES = 512 * 1024 * 1024;

const DEFAULT_RETENTION_MS = 30 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

const KNOWN_EVENTS = new Set<string>([
  EV.hello,
  EV.push,
  EV.catchUp,
  EV.presence,
  EV.snapshotPut,
  EV.snapshotGet,
  EV.rotate,
  ...LINK_EVENTS,
]);

export async function startRelay(
  options: RelayOptions & { postgresUrl: string },
): Promise<RelayHandle<RelayStore>>;
export async function startRelay(
  options: RelayOptions & { postgresUrl?: undefined },
): Promise<RelayHandle>;
export async function startRelay(options: RelayOptions): Promise<RelayHandle<RelayStore>>;
export async function startRelay(options: RelayOptions): Promise<RelayHandle<RelayStore>> {
  const limits: RelayLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.log ?? jsonLog;
  const allowed = new Set(options.allowedNetworks ?? []);
  const store: RelayStore = options.postgresUrl
    ? await (
        await import('./postgres-store')
      ).PostgresRelayStore.connect(options.postgresUrl, 10, (error) =>
        log({ event: 'store.postgres_error', error: errorText(error) }),
      )
    : new SqliteRelayStore(options.dataDir, { synchronous: options.synchronous ?? 'NORMAL' });
  const disk = options.postgresUrl
    ? null
    : new DiskGuard(options.dataDir, options.minFreeDiskBytes ?? DEFAULT_MIN_FREE_DISK_BYTES);

  let ctx: RelayContext | null = null;
  const http = createServer(httpHandler(() => ctx!, options.operatorToken ?? null));
  http.on('clientError', (_error, socket) => socket.destroy());

  const cluster = options.redisUrl ? await connectCluster(options.redisUrl, log) : null;
  const io = new Server(http, {
    ...(cluster ? { adapter: cluster.adapter } : {}),
    maxHttpBufferSize: limits.maxMessageBytes,
    serveClient: false,
    // Heartbeat: a link that silently died is noticed within pingInterval + pingTimeout (4 s) on
    // both ends, so a console stops saying "connected" and peers stop listing it.
    pingInterval: 2_000,
    pingTimeout: 2_000,
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
    registration: { open: options.openRegistration ?? false, allowed },
    quota: { ...DEFAULT_QUOTA, ...options.quota },
    retentionMs: options.retentionMs ?? DEFAULT_RETENTION_MS,
    disk,
    stats: { connections: 0, startedAt: Date.now(), clustered: cluster !== null },
    logFailure,
  };
  ctx = context;
  const hub = new PresenceHub(io, logFailure, cluster ? (options.presenceRefreshMs ?? 5000) : null);
  const pushes = new SerialQueue();

  io.on('connection', (socket: Socket) => {
    context.stats.connections++;
    const c = new Connection(context, socket);
    const { conn, state } = c;
    log({ event: 'conn.open', conn });
    // Counted down for every socket, the ones refused at the connection limit too.
    socket.on('disconnect', (reason) => {
      context.stats.connections--;
      log({ event: 'conn.close', conn, network: state.network, reason });
    });
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
    attachLogHandlers(context, c, pushes);
    attachSnapshotHandlers(context, c);
    attachRotationHandlers(context, c, pushes);
    attachPresence(context, hub, c);
    attachLinkHandlers(context, c);

    socket.on('disconnect', () => clearTimeout(helloTimer));
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
  const pruneTimer = setInterval(() => {
    void Promise.resolve(store.snapshots?.prune(Date.now() - context.retentionMs)).catch((error) =>
      logFailure('prune', error),
    );
  }, PRUNE_EVERY_MS);
  pruneTimer.unref();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  log({
    event: 'relay.start',
    url,
    cluster: cluster ? 'redis-streams' : null,
    store: store.kind,
    dataDir: options.dataDir,
    allowedNetworks: [...allowed],
    openRegistration: context.registration.open,
    quota: context.quota,
  });

  return {
    url,
    port,
    store,
    async close() {
      clearInterval(pruneTimer);
      hub.stop();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      http.closeAllConnections();
      await cluster?.close();
      await store.close();
      log({ event: 'relay.stop' });
    },
  };
}
