import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection, createServer } from 'node:net';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { io, type Socket } from 'socket.io-client';
import { startRelay, type RelayHandle, type RelayOptions } from '../../relay/server';
import { EV, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import {
  deriveNetworkSecretSync,
  keysFromSecret,
  type NetworkKeys,
} from '../../shared/sync/crypto';
import { uuidv7 } from '../../shared/ids';

/** Raw socket.io clients against a relay started in-process: the relay tests' common parts. */
export const netKeys = (network: string, passphrase = 'a long passphrase'): NetworkKeys =>
  keysFromSecret(deriveNetworkSecretSync(passphrase, network, { N: 1024, r: 8, p: 1 }), network);

export const keys = netKeys('net');

export const hello = (over: Record<string, unknown> = {}) => ({
  v: PROTOCOL_VERSION,
  minV: 1,
  network: 'net',
  token: keys.authToken,
  deviceId: uuidv7(),
  presence: null,
  lastSeq: 0,
  ...over,
});

export const next = <T = unknown>(s: Socket, event: string) =>
  new Promise<T>((resolve) => s.once(event, (m: T) => resolve(m)));

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A relay on SQLite in a temp folder (PostgreSQL has its own test). */
export type BedOptions = Partial<RelayOptions> & { postgresUrl?: undefined };

export interface RelayTestBed {
  relay: RelayHandle;
  dir: string;
  logs: Record<string, unknown>[];
  connect(): Socket;
  /** A socket that said hello (with `over`) and got its welcome. */
  authed(over?: Record<string, unknown>): Promise<Socket>;
  /** The first `relay_error` a fresh socket gets for a hello with `over`. */
  refusal(over: Record<string, unknown>): Promise<{ code: string; fatal: boolean }>;
  restart(options?: BedOptions): Promise<void>;
  close(): Promise<void>;
}

export async function relayTestBed(options: BedOptions = {}): Promise<RelayTestBed> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-it-'));
  const logs: Record<string, unknown>[] = [];
  const sockets: Socket[] = [];
  const boot = (port: number, more: BedOptions = {}) =>
    startRelay({ port, dataDir: dir, log: (r) => logs.push(r), ...options, ...more });
  let relay: RelayHandle | null = await boot(0);
  const bed: RelayTestBed = {
    get relay() {
      return relay!;
    },
    dir,
    logs,
    connect() {
      const s = io(relay!.url, { transports: ['websocket'], forceNew: true, reconnection: false });
      sockets.push(s);
      return s;
    },
    async authed(over = {}) {
      const s = bed.connect();
      const w = new Promise<void>((resolve, reject) => {
        s.once(EV.welcome, () => resolve());
        s.once(EV.error, (e: { code: string }) => reject(new Error(e.code)));
      });
      s.emit(EV.hello, hello(over));
      await w;
      return s;
    },
    async refusal(over) {
      const s = bed.connect();
      const err = next<{ code: string; fatal: boolean }>(s, EV.error);
      s.emit(EV.hello, hello(over));
      return err;
    },
    async restart(more = {}) {
      const port = relay!.port;
      for (const s of sockets.splice(0)) s.disconnect();
      await relay!.close();
      relay = null;
      relay = await boot(port, more);
    },
    async close() {
      for (const s of sockets.splice(0)) s.disconnect();
      await relay?.close();
      relay = null;
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return bed;
}

/** Every seq of the log, one catch-up page at a time. */
export async function pageThrough(s: Socket, fromSeq = 0): Promise<number[]> {
  const seen: number[] = [];
  let from = fromSeq;
  for (;;) {
    const page = next<{ items: { seq: number }[]; more: boolean }>(s, EV.page);
    s.emit(EV.catchUp, { fromSeq: from });
    const p = await page;
    seen.push(...p.items.map((i) => i.seq));
    from = seen.at(-1) ?? from;
    if (!p.more) return seen;
  }
}

/** Debian's redis-server on a free port, without persistence (the relay's log is elsewhere). */
export async function startRedis(): Promise<{ url: string; stop(): Promise<void> }> {
  if (spawnSync('redis-server', ['--version']).status !== 0)
    throw new Error('This test needs Redis: apt-get install -y redis-server');
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 200 && !(await accepts(port)); i++) await sleep(25);
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(port, '127.0.0.1');
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

/** `npm run relay -- ...` as its own process (so a test can SIGKILL it); resolves once it serves. */
export async function relayProcess(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'relay/main.ts', '--port', String(port), ...args],
    { cwd: join(import.meta.dirname, '../..'), stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 400; i++) {
    if (child.exitCode !== null) throw new Error(`the relay exited (${child.exitCode})`);
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, child };
    } catch {
      await sleep(50);
    }
  }
  throw new Error('the relay did not start');
}
