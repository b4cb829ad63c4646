import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { z } from 'zod';
import { RelayStore } from './store';
import { hashAuthToken } from '../shared/sync/crypto';
import {
  CatchUpSchema,
  EV,
  HelloSchema,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  PresenceSchema,
  PushSchema,
  type Peer,
  type RelayError,
  type RelayErrorCode,
} from '../shared/sync/protocol';

/**
 * The relay: a socket.io v4 server that keeps an append-only log of sealed blobs per network,
 * numbers them, acknowledges them, forwards them to the network's other consoles, and replays
 * them on request (catch-up). It never decrypts anything (it has no key), validates every message
 * with the shared schemas, limits message size and rate per connection, and answers bad input
 * with an error message instead of crashing.
 *
 * Ordering: each handler runs to completion synchronously (SQLite append, ack, broadcast), so every
 * socket receives broadcasts and acks in increasing seq order; consoles rely on that.
 */
export interface RelayLimits {
  /** Largest single socket.io message (engine.io closes the connection above it). */
  maxMessageBytes: number;
  maxBlobChars: number;
  maxBatchBlobs: number;
  maxBatchChars: number;
  pageItems: number;
  pageChars: number;
  messagesPerSecond: number;
  messageBurst: number;
  blobsPerSecond: number;
  blobBurst: number;
  /** Rate or validation violations before the relay drops the connection. */
  maxViolations: number;
  helloTimeoutMs: number;
  maxConnections: number;
}

export const DEFAULT_LIMITS: RelayLimits = {
  maxMessageBytes: 8 * 1024 * 1024,
  maxBlobChars: 2_000_000,
  maxBatchBlobs: 1000,
  maxBatchChars: 6_000_000,
  pageItems: 1000,
  pageChars: 4_000_000,
  messagesPerSecond: 100,
  messageBurst: 400,
  blobsPerSecond: 20_000,
  blobBurst: 40_000,
  maxViolations: 25,
  helloTimeoutMs: 10_000,
  maxConnections: 5000,
};

export interface RelayOptions {
  port: number;
  /** Loopback by default; set 0.0.0.0 (behind TLS termination) to serve a real network. */
  host?: string;
  dataDir: string;
  /** When set, only these networks may register or connect. */
  allowedNetworks?: readonly string[];
  limits?: Partial<RelayLimits>;
  /** One structured record per line; defaults to JSON on stdout. Never given payloads. */
  log?: (record: Record<string, unknown>) => void;
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

interface SocketState {
  network: string | null;
  deviceId: string | null;
  presence: string | null;
  violations: number;
  msgTokens: number;
  blobTokens: number;
  lastRefill: number;
}

const jsonLog = (record: Record<string, unknown>) => {
  process.stdout.write(`${JSON.stringify({ t: new Date().toISOString(), ...record })}\n`);
};

export async function startRelay(options: RelayOptions): Promise<RelayHandle> {
  const limits: RelayLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.log ?? jsonLog;
  const allowed = options.allowedNetworks?.length ? new Set(options.allowedNetworks) : null;
  const store = new RelayStore(options.dataDir, { synchronous: options.synchronous ?? 'NORMAL' });
  const startedAt = Date.now();
  let connections = 0;

  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && (req.url === '/health' || req.url === '/healthz')) {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(
        JSON.stringify({
          ok: true,
          protocol: PROTOCOL_VERSION,
          cluster: cluster ? 'redis-streams' : null,
          uptimeS: Math.round((Date.now() - startedAt) / 1000),
          connections,
          networks: store.networkCount(),
          rssMb: Math.round(process.memoryUsage().rss / 1e5) / 10,
        }),
      );
      return;
    }
    // socket.io answers its own path before this handler; everything else is not found.
    if (!req.url?.startsWith('/socket.io')) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
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

  /**
   * Who is online in a network, from every node: with the Redis adapter, fetchSockets() asks
   * the other nodes too (each socket's `data` is its Peer). A node that does not answer in time
   * only leaves its consoles out of this list.
   */
  /** Networks with consoles on this node: network -> how many. */
  const localNetworks = new Map<string, number>();
  const presenceTimer = cluster
    ? setInterval(() => {
        for (const network of localNetworks.keys()) {
          peersOf(network)
            .then((peers) => io.local.to(network).emit(EV.peers, { peers }))
            .catch((error: unknown) => logFailure('presence_refresh', error));
        }
      }, options.presenceRefreshMs ?? 5000)
    : null;
  presenceTimer?.unref();
  const peersOf = async (network: string): Promise<Peer[]> =>
    (await io.in(network).fetchSockets()).map((s) => s.data as Peer).filter((p) => p?.deviceId);
  const logFailure = (on: string, error: unknown) =>
    log({
      event: 'relay.internal_error',
      on,
      error: String((error as Error)?.message ?? error).slice(0, 200),
    });

  io.on('connection', (socket: Socket) => {
    connections++;
    const state: SocketState = {
      network: null,
      deviceId: null,
      presence: null,
      violations: 0,
      msgTokens: limits.messageBurst,
      blobTokens: limits.blobBurst,
      lastRefill: Date.now(),
    };
    const conn = socket.id.slice(0, 8);
    /** The network room this socket joined on this node, once welcomed. */
    let joined: string | null = null;
    log({ event: 'conn.open', conn });
    if (connections > limits.maxConnections) {
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

    const violation = (code: RelayErrorCode, message: string, batchId?: string) => {
      state.violations++;
      log({
        event: 'conn.violation',
        conn,
        network: state.network,
        code,
        violations: state.violations,
      });
      const fatal = state.violations >= limits.maxViolations;
      sendError(socket, code, message, fatal, batchId);
    };

    /** Token buckets: `blobs` extra units for pushes. Returns false (and reports) when exceeded. */
    const admit = (blobs = 0): boolean => {
      const now = Date.now();
      const dt = (now - state.lastRefill) / 1000;
      state.lastRefill = now;
      state.msgTokens = Math.min(
        limits.messageBurst,
        state.msgTokens + dt * limits.messagesPerSecond,
      );
      state.blobTokens = Math.min(limits.blobBurst, state.blobTokens + dt * limits.blobsPerSecond);
      if (state.msgTokens < 1 || state.blobTokens < blobs) {
        violation('rate_limited', 'Too many messages; slow down');
        return false;
      }
      state.msgTokens -= 1;
      state.blobTokens -= blobs;
      return true;
    };

    const parse = <S extends z.ZodType>(
      schema: S,
      raw: unknown,
      what: string,
    ): z.output<S> | null => {
      const parsed = schema.safeParse(raw);
      if (parsed.success) return parsed.data;
      violation('invalid_message', `Malformed ${what} message`);
      return null;
    };

    /** Every handler is wrapped: an exception is logged and answered, never thrown out. */
    const on = (event: string, handler: (raw: unknown) => void | Promise<void>) => {
      const fail = (error: unknown) => {
        log({
          event: 'relay.internal_error',
          conn,
          on: event,
          error: String((error as Error)?.message ?? error).slice(0, 200),
        });
        sendError(socket, 'internal', 'The relay could not handle that message', false);
      };
      socket.on(event, (raw: unknown) => {
        try {
          const done = handler(raw);
          if (done) done.catch(fail);
        } catch (error) {
          fail(error);
        }
      });
    };

    socket.onAny((event: unknown) => {
      if (typeof event !== 'string' || !KNOWN_EVENTS.has(event)) {
        if (admit()) violation('invalid_message', 'Unknown message type');
      }
    });

    on(EV.hello, async (raw) => {
      if (!admit()) return;
      if (state.network) return violation('invalid_message', 'Already said hello');
      const hello = parse(HelloSchema, raw, 'hello');
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
        if (stored === presented)
          log({ event: 'network.registered', conn, network: hello.network });
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
      const peers = [...(await peersOf(network)), peer];
      if (socket.disconnected) return;
      void socket.join(network);
      joined = network;
      localNetworks.set(network, (localNetworks.get(network) ?? 0) + 1);
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

    on(EV.push, (raw) => {
      const blobCount = Array.isArray((raw as { blobs?: unknown } | null)?.blobs)
        ? Math.min((raw as { blobs: unknown[] }).blobs.length, limits.maxBatchBlobs)
        : 0;
      if (!admit(blobCount)) return;
      if (!state.network) return violation('not_authenticated', 'Say hello first');
      const push = parse(PushSchema, raw, 'push');
      if (!push) return;
      let chars = 0;
      for (const blob of push.blobs) {
        chars += blob.length;
        if (blob.length > limits.maxBlobChars)
          return violation(
            'too_large',
            'One change is larger than this relay accepts',
            push.batchId,
          );
      }
      if (push.blobs.length > limits.maxBatchBlobs || chars > limits.maxBatchChars)
        return violation('too_large', 'Batch larger than this relay accepts', push.batchId);
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

    on(EV.catchUp, (raw) => {
      if (!admit()) return;
      if (!state.network) return violation('not_authenticated', 'Say hello first');
      const request = parse(CatchUpSchema, raw, 'catch-up');
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

    on(EV.presence, async (raw) => {
      if (!admit()) return;
      if (!state.network) return violation('not_authenticated', 'Say hello first');
      const message = parse(PresenceSchema, raw, 'presence');
      if (!message) return;
      state.presence = message.presence;
      socket.data = { deviceId: state.deviceId!, presence: message.presence } satisfies Peer;
      const network = state.network;
      io.to(network).emit(EV.peers, { peers: await peersOf(network) });
    });

    socket.on('disconnect', (reason) => {
      connections--;
      clearTimeout(helloTimer);
      if (joined) {
        const left = (localNetworks.get(joined) ?? 1) - 1;
        if (left > 0) localNetworks.set(joined, left);
        else localNetworks.delete(joined);
      }
      if (state.network) {
        const network = state.network;
        peersOf(network)
          .then((peers) => io.to(network).emit(EV.peers, { peers }))
          .catch((error: unknown) => logFailure('disconnect', error));
      }
      log({ event: 'conn.close', conn, network: state.network, reason });
    });
    socket.on('error', (error) => {
      log({ event: 'conn.error', conn, error: String(error?.message ?? error).slice(0, 200) });
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
      if (presenceTimer) clearInterval(presenceTimer);
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      http.closeAllConnections();
      await cluster?.close();
      store.close();
      log({ event: 'relay.stop' });
    },
  };
}

/** Stream entries kept in Redis: broadcasts carry whole batches, so bound its memory. */
const CLUSTER_STREAM_MAX_LEN = 2000;

async function connectCluster(url: string, log: (record: Record<string, unknown>) => void) {
  const client = createClient({
    url,
    socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5000) },
  });
  // Without a listener node-redis throws on a lost connection; the relay logs and carries on
  // (its own consoles still work; the other nodes' consoles catch up on the shared log).
  client.on('error', (error: Error) =>
    log({ event: 'cluster.redis_error', error: String(error?.message ?? error).slice(0, 200) }),
  );
  await client.connect();
  const adapter = createAdapter(client, {
    streamName: 'rrc-relay',
    maxLen: CLUSTER_STREAM_MAX_LEN,
    blockTimeInMs: 1000,
  });
  return {
    adapter,
    async close() {
      await client.close();
    },
  };
}

const KNOWN_EVENTS = new Set<string>([EV.hello, EV.push, EV.catchUp, EV.presence]);

function sendError(
  socket: Socket,
  code: RelayErrorCode,
  message: string,
  fatal: boolean,
  batchId?: string,
): void {
  const error: RelayError = { code, message, fatal, ...(batchId ? { batchId } : {}) };
  socket.emit(EV.error, error);
  if (fatal) setTimeout(() => socket.disconnect(true), 20).unref();
}
