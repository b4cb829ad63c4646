import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { nativeAesGcm } from '../backend/sync/native-aes-gcm';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { percentile, type BenchResult } from './bench-kit';
import {
  deriveNetworkSecretSync,
  keysFromSecret,
  openJson,
  sealJson,
  type NetworkKeys,
} from '../shared/sync/crypto';
import { EV, PROTOCOL_VERSION } from '../shared/sync/protocol';
import { uuidv7 } from '../shared/ids';
import { encodeHlc } from '../shared/clock/hlc';
import { createConsoleBackend, type ConsoleBackend } from '../backend/console-backend';
import { syncControllerFor } from '../backend/sync/controller';
import { OpBatch } from '../backend/sync/op-batch';
import { DEFAULT_TUNING } from '../backend/sync/tuning';
import { testEncryption } from '../test/test-passphrase';
import { postgresBinDir, startPostgres } from '../test/integration/postgres-server';
import { freePort, startRedis } from '../test/integration/relay-helpers';

/**
 * Relay benchmarks. The relay runs as its own process (`tsx relay/main.ts`) on loopback, so its
 * memory and CPU are its own. Propagation, throughput and memory use lightweight consoles:
 * socket.io clients that seal and open real AES-GCM blobs (the relay's work is identical; a
 * full console adds only its SQLite apply, which the catch-up figure measures). Catch-up uses a
 * FULL console backend (real SQLite file): decrypt + validate + LWW apply of 50,000 ops.
 */
const SCRYPT = { N: 1024, r: 8, p: 1 };
const round = (x: number) => Math.round(x * 100) / 100;
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `/health` counts need the operator's token. */
const OPERATOR_TOKEN = 'bench operator token';

async function startRelayProcess(
  dir: string,
  extra: string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'relay/main.ts',
      '--port',
      String(port),
      '--data-dir',
      dir,
      '--open-registration',
      '--operator-token',
      OPERATOR_TOKEN,
      ...extra,
    ],
    {
      cwd: join(import.meta.dirname, '..'),
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  // Up to 30 s: tsx compiles the relay first, which takes a while on a loaded machine.
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, child };
    } catch {
      await sleep(50);
    }
  }
  throw new Error('relay did not start');
}

interface Client {
  socket: Socket;
  keys: NetworkKeys;
}

async function client(url: string, keys: NetworkKeys): Promise<Client> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  const welcome = new Promise<void>((resolve, reject) => {
    socket.once(EV.welcome, () => resolve());
    socket.once(EV.error, (e: { message: string }) => reject(new Error(e.message)));
  });
  socket.emit(EV.hello, {
    v: PROTOCOL_VERSION,
    minV: 1,
    network: keys.network,
    token: keys.authToken,
    deviceId: uuidv7(),
    presence: null,
    lastSeq: 0,
  });
  await welcome;
  return { socket, keys };
}

const netKeys = (network: string) =>
  keysFromSecret(
    deriveNetworkSecretSync('bench passphrase', network, SCRYPT),
    network,
    nativeAesGcm,
  );

/** Clients spread over the relay nodes in turn (one node: all on it). */
async function propagation(urls: string[], label = ''): Promise<BenchResult> {
  const keys = netKeys('bench-latency');
  const clients = await Promise.all(
    Array.from({ length: 20 }, (_, i) => client(urls[i % urls.length]!, keys)),
  );
  const samples: number[] = [];
  for (const c of clients) {
    c.socket.on(EV.broadcast, (m: { items: { blob: string }[] }) => {
      for (const item of m.items) {
        const { value } = openJson(keys, 'op', item.blob);
        samples.push(performance.now() - (value as { sentAt: number }).sentAt);
      }
    });
  }
  const messages = 300;
  for (let i = 0; i < messages; i++) {
    const sender = clients[i % clients.length]!;
    const blob = sealJson(keys, 'op', uuidv7(), {
      sentAt: performance.now(),
      pad: 'x'.repeat(600),
    });
    sender.socket.emit(EV.push, { batchId: `p${i}`, blobs: [blob] });
    await sleep(5);
  }
  await sleep(300);
  for (const c of clients) c.socket.disconnect();
  samples.sort((a, b) => a - b);
  return {
    bench: `relay.propagation${label}`,
    n: samples.length,
    consoles: clients.length,
    p50_ms: round(percentile(samples, 50)),
    p99_ms: round(percentile(samples, 99)),
    max_ms: round(samples.at(-1) ?? NaN),
  };
}

async function throughput(urls: string[], label = ''): Promise<BenchResult> {
  const keys = netKeys('bench-throughput');
  const senders = 5;
  const perSender = 4000;
  const batch = 50;
  const clients = await Promise.all(
    Array.from({ length: senders }, (_, i) => client(urls[i % urls.length]!, keys)),
  );
  const expected = perSender * (senders - 1);
  const received = clients.map(() => 0);
  const done = Promise.all(
    clients.map(
      (c, idx) =>
        new Promise<void>((resolve) => {
          c.socket.on(EV.broadcast, (m: { items: { blob: string }[] }) => {
            for (const item of m.items) openJson(keys, 'op', item.blob);
            received[idx]! += m.items.length;
            if (received[idx] === expected) resolve();
          });
        }),
    ),
  );
  const t0 = performance.now();
  await Promise.all(
    clients.map(async (c) => {
      for (let sent = 0; sent < perSender; sent += batch) {
        const blobs = Array.from({ length: batch }, () =>
          sealJson(keys, 'op', uuidv7(), { description: 'x'.repeat(500), n: sent }),
        );
        const acked = new Promise((resolve) => c.socket.once(EV.ack, resolve));
        c.socket.emit(EV.push, { batchId: uuidv7(), blobs });
        await acked;
      }
    }),
  );
  await done;
  const seconds = (performance.now() - t0) / 1000;
  for (const c of clients) c.socket.disconnect();
  return {
    bench: `relay.throughput${label}`,
    n: senders * perSender,
    consoles: senders,
    batch_ops: batch,
    ops_per_s: Math.round((senders * perSender) / seconds),
    deliveries_per_s: Math.round((senders * expected) / seconds),
  };
}

async function catchup(url: string, dir: string): Promise<BenchResult[]> {
  const network = 'bench-catchup';
  const keys = netKeys(network);
  // A realistic op: what createIncident writes, taken from a scratch console.
  const scratch = createConsoleBackend({
    ...testEncryption,
    dbFile: join(dir, 'scratch.sqlite'),
    sync: { autoStart: false },
  });
  await scratch.call('createIncident', {
    type: 'home_raid',
    triage: 'verify_first',
    location: {
      text: 'Florence',
      lat: 42.3334,
      lon: -72.6737,
      precision: 'village',
      town: 'Northampton',
    },
    description: 'Two unmarked vans outside the apartment building, agents at the door',
  });
  const template = JSON.parse(
    (scratch.ctx.db.$client.prepare('SELECT body FROM op_log LIMIT 1').get() as { body: string })
      .body,
  ) as { changes: { id: string }[]; activity: { entityId: string; incidentId: string } };
  const device = scratch.ctx.deviceId;
  scratch.close();
  const total = 50_000;
  // Consoles seal what they push in batches (backend/sync/op-batch.ts, the engine's limits), so
  // that is what the relay's log holds: about 30 of these ops a blob.
  const base = Date.now() - 120_000;
  const blobs: string[] = [];
  const newBatch = () => new OpBatch(DEFAULT_TUNING.batchSize, DEFAULT_TUNING.batchChars);
  let batch = newBatch();
  for (let i = 0; i < total; i++) {
    const id = uuidv7();
    const op = JSON.stringify({
      ...template,
      opId: uuidv7(),
      hlc: encodeHlc({ wallMs: base + Math.floor(i / 100), counter: i % 100, deviceId: device }),
      changes: [{ ...template.changes[0]!, id }],
      activity: { ...template.activity, entityId: id, incidentId: id },
    });
    if (!batch.tryAdd(op, 0)) {
      blobs.push(batch.seal(keys, uuidv7()));
      batch = newBatch();
      batch.tryAdd(op, 0);
    }
  }
  blobs.push(batch.seal(keys, uuidv7()));
  const pusher = await client(url, keys);
  for (let start = 0; start < blobs.length; start += 50) {
    const acked = new Promise((resolve) => pusher.socket.once(EV.ack, resolve));
    pusher.socket.emit(EV.push, { batchId: uuidv7(), blobs: blobs.slice(start, start + 50) });
    await acked;
  }
  pusher.socket.disconnect();

  // (a) The relay side: a console that missed 50,000 ops pages through them and decrypts each
  // batch (without validating or storing the ops).
  const late = await client(url, keys);
  const t0 = performance.now();
  let from = 0;
  let decrypted = 0;
  let decryptMs = 0;
  // Pages are requested one ahead (as the console's sync engine does): the relay prepares the
  // next page while this client decrypts the current one.
  const pages: { items: { seq: number; blob: string }[]; more: boolean }[] = [];
  let wake: (() => void) | null = null;
  late.socket.on(EV.page, (p: { items: { seq: number; blob: string }[]; more: boolean }) => {
    pages.push(p);
    wake?.();
  });
  const nextPage = async () => {
    while (pages.length === 0) await new Promise<void>((r) => (wake = r));
    return pages.shift()!;
  };
  late.socket.emit(EV.catchUp, { fromSeq: from });
  for (;;) {
    const p = await nextPage();
    from = p.items.at(-1)?.seq ?? from;
    if (p.more) late.socket.emit(EV.catchUp, { fromSeq: from });
    const td = performance.now();
    for (const item of p.items) {
      decrypted += (openJson(keys, 'ops', item.blob).value as { ops: unknown[] }).ops.length;
    }
    decryptMs += performance.now() - td;
    if (!p.more) break;
  }
  const relayMs = performance.now() - t0;
  late.socket.disconnect();
  if (decrypted !== total) throw new Error(`caught up ${decrypted} of ${total}`);

  // (b) A full console backend (SQLite file, schema validation, LWW apply through
  // backend/mutation.ts, conflict probes, activity log): all 50,000 ops, from joining to caught
  // up. Three fresh consoles in turn, since one run on a shared 2-core machine varies by +-20%.
  /** A fresh console file joined to the bench network (no periodic snapshots of its own). */
  const joinedConsole = async (name: string) => {
    const backend = createConsoleBackend({
      ...testEncryption,
      dbFile: join(dir, `${name}.sqlite`),
      sync: { scrypt: SCRYPT, tuning: { snapshotEverySeqs: 0 } },
    });
    const joined = await backend.call('joinNetwork', {
      relayUrl: url,
      network,
      passphrase: 'bench passphrase',
    });
    if (!joined.ok) throw new Error(joined.error.message);
    return backend;
  };
  const caughtUp = async (backend: ConsoleBackend) => {
    while (syncControllerFor(backend.ctx).status().lastSeq < blobs.length) await sleep(2);
  };
  const fullRuns: number[] = [];
  const fullCpu: number[] = [];
  for (let run = 0; run < 3; run++) {
    const backend = await joinedConsole(`late-${run}`);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    await caughtUp(backend);
    fullRuns.push(performance.now() - t1);
    fullCpu.push(cpuMs(process.cpuUsage(c1)));
    const applied = syncControllerFor(backend.ctx).status().counters.applied;
    backend.close();
    if (applied !== total) throw new Error(`the console applied ${applied} of ${total}`);
  }
  fullRuns.sort((a, b) => a - b);
  const fullMs = fullRuns[1]!;
  console.error(
    `catch-up, full console runs (ms): ${fullRuns.map(Math.round).join(', ')}; cpu ${fullCpu.map(Math.round).join(', ')}`,
  );

  // (c) The same full console starting from a snapshot that covers the whole log (sealed by a
  // console that caught up), then reading the (empty) tail: bounded history's catch-up.
  const sealer = await joinedConsole('sealer');
  await caughtUp(sealer);
  const sealerEngine = syncControllerFor(sealer.ctx).running!;
  const tSeal = performance.now();
  if (!sealerEngine.sealSnapshot()) throw new Error('the console could not seal a snapshot');
  while (sealerEngine.snapshotSeq < blobs.length) {
    if (performance.now() - tSeal > 120_000) throw new Error('the snapshot upload never finished');
    await sleep(2);
  }
  const sealMs = performance.now() - tSeal;
  sealer.close();
  const snapshotRuns: number[] = [];
  const snapshotCpu: number[] = [];
  for (let run = 0; run < 3; run++) {
    const backend = await joinedConsole(`from-snapshot-${run}`);
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    await caughtUp(backend);
    snapshotRuns.push(performance.now() - t1);
    snapshotCpu.push(cpuMs(process.cpuUsage(c1)));
    const incidents = backend.ctx.db.$client
      .prepare('SELECT count(*) AS n FROM incidents')
      .get() as { n: number };
    const loaded = syncControllerFor(backend.ctx).running!.snapshotsLoaded;
    backend.close();
    if (incidents.n !== total || loaded !== 1)
      throw new Error(`from the snapshot: ${incidents.n} of ${total} incidents`);
  }
  snapshotRuns.sort((a, b) => a - b);
  console.error(
    `catch-up from a snapshot runs (ms): ${snapshotRuns.map(Math.round).join(', ')}; cpu ${snapshotCpu.map(Math.round).join(', ')}`,
  );
  return [
    {
      bench: 'relay.catchup',
      n: total,
      client: 'light (page + decrypt)',
      total_ms: Math.round(relayMs),
      decrypt_ms: Math.round(decryptMs),
    },
    {
      bench: 'relay.catchup_full_console',
      n: total,
      runs: fullRuns.length,
      median_ms: Math.round(fullMs),
      min_ms: Math.round(fullRuns[0]!),
      max_ms: Math.round(fullRuns.at(-1)!),
      ops_per_s: Math.round(total / (fullMs / 1000)),
      // This process's CPU (all its threads) per run: steadier than wall time on a busy machine.
      cpu_ms: fullCpu.map(Math.round).join(', '),
    },
    {
      bench: 'relay.catchup_full_console.from_snapshot',
      n: total,
      runs: snapshotRuns.length,
      median_ms: Math.round(snapshotRuns[1]!),
      min_ms: Math.round(snapshotRuns[0]!),
      max_ms: Math.round(snapshotRuns.at(-1)!),
      seal_and_upload_ms: Math.round(sealMs),
      cpu_ms: snapshotCpu.map(Math.round).join(', '),
    },
  ];
}

async function memory(url: string): Promise<BenchResult> {
  const keys = netKeys('bench-memory');
  const clients: Client[] = [];
  for (let i = 0; i < 200; i += 20) {
    clients.push(...(await Promise.all(Array.from({ length: 20 }, () => client(url, keys)))));
  }
  await sleep(500);
  const health = (await (await fetch(`${url}/health`, operator)).json()) as {
    rssMb: number;
    connections: number;
  };
  for (const c of clients) c.socket.disconnect();
  return { bench: 'relay.memory', n: health.connections, rss_mb: health.rssMb };
}

const operator = { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } };

/**
 * Two relay nodes (own data folders) on one PostgreSQL log with Redis fan-out, clients spread
 * over both; skipped where PostgreSQL's binaries or redis-server are not installed.
 */
async function twoNodesOnPostgres(dir: string): Promise<BenchResult[]> {
  if (process.env.RELAY_BENCH_POSTGRES === '0') return [];
  if (!postgresBinDir() || spawnSync('redis-server', ['--version']).status !== 0) {
    return [
      {
        bench: 'relay.two_nodes_postgres',
        n: 0,
        skipped: 'postgresql or redis-server not installed',
      },
    ];
  }
  // Default durability (fsync on, synchronous_commit on): an acknowledged push is on disk.
  const postgres = startPostgres(await freePort());
  const redis = await startRedis();
  const nodes: ChildProcess[] = [];
  try {
    const urls: string[] = [];
    for (const name of ['east', 'west']) {
      const node = await startRelayProcess(join(dir, name), [
        '--postgres',
        postgres.url,
        '--redis',
        redis.url,
      ]);
      nodes.push(node.child);
      urls.push(node.url);
    }
    return [await propagation(urls, '.pg_2_nodes'), await throughput(urls, '.pg_2_nodes')];
  } finally {
    for (const node of nodes) node.kill('SIGTERM');
    await sleep(300);
    await redis.stop();
    postgres.stop();
  }
}

export default async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'relay-bench-'));
  const { url, child } = await startRelayProcess(join(dir, 'relay'));
  // RELAY_BENCH_QUICK=1: propagation and throughput only (one node, then two on PostgreSQL);
  // RELAY_BENCH_POSTGRES=0: no two-node run; RELAY_BENCH_ONLY=catchup: catch-up only.
  const quick = process.env.RELAY_BENCH_QUICK === '1';
  try {
    // RELAY_BENCH_ONLY=catchup: the catch-up figures alone (light client, full console, snapshot).
    if (process.env.RELAY_BENCH_ONLY === 'catchup') return await catchup(url, dir);
    const idle = (await (await fetch(`${url}/health`, operator)).json()) as { rssMb: number };
    const results = [await propagation([url]), await throughput([url])];
    if (!quick) {
      results.push(...(await catchup(url, dir)));
      const mem = await memory(url);
      mem.idle_rss_mb = idle.rssMb;
      results.push(mem);
    }
    child.kill('SIGTERM');
    return [...results, ...(await twoNodesOnPostgres(dir))];
  } finally {
    child.kill('SIGTERM');
    await sleep(200);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('relay.bench.ts')) {
  for (const r of await run()) console.log(JSON.stringify(r));
  process.exit(0);
}
