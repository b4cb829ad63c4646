import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { io, type Socket } from 'socket.io-client';
import { startRelay, type RelayHandle } from '../../relay/server';
import { EV, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { deriveNetworkSecretSync, keysFromSecret, sealJson } from '../../shared/sync/crypto';
import { uuidv7 } from '../../shared/ids';

/** The relay on its own: bad input of every kind is answered, logged and survived. */
let relay: RelayHandle | undefined;
let dir: string | undefined;
const sockets: Socket[] = [];
let child: ChildProcess | undefined;
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await relay?.close();
  child?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
  relay = dir = child = undefined;
});

const keys = keysFromSecret(
  deriveNetworkSecretSync('a long passphrase', 'net', { N: 1024, r: 8, p: 1 }),
  'net',
);
const hello = (over: Record<string, unknown> = {}) => ({
  v: PROTOCOL_VERSION,
  minV: 1,
  network: 'net',
  token: keys.authToken,
  deviceId: uuidv7(),
  presence: null,
  lastSeq: 0,
  ...over,
});

function connect(url: string): Socket {
  const s = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  sockets.push(s);
  return s;
}
const next = <T = unknown>(s: Socket, event: string) =>
  new Promise<T>((resolve) => s.once(event, (m: T) => resolve(m)));

async function start(limits = {}, allowedNetworks?: string[]) {
  dir = mkdtempSync(join(tmpdir(), 'relay-it-'));
  const logs: Record<string, unknown>[] = [];
  relay = await startRelay({
    port: 0,
    dataDir: dir,
    log: (r) => logs.push(r),
    limits,
    allowedNetworks,
  });
  return logs;
}

async function authed(): Promise<Socket> {
  const s = connect(relay!.url);
  const w = next(s, EV.welcome);
  s.emit(EV.hello, hello());
  await w;
  return s;
}

describe('relay server', () => {
  it('answers /health, and speaks only after a valid hello', async () => {
    await start();
    const res = await fetch(`${relay!.url}/health`);
    expect(await res.json()).toMatchObject({ ok: true, protocol: PROTOCOL_VERSION });
    expect((await fetch(`${relay!.url}/nope`)).status).toBe(404);
    const s = connect(relay!.url);
    const err = next<{ code: string }>(s, EV.error);
    s.emit(EV.push, { batchId: 'x', blobs: ['A'.repeat(64)] });
    expect((await err).code).toBe('not_authenticated');
  });

  it('rejects malformed, unknown and oversized messages without crashing, and logs no payloads', async () => {
    const logs = await start({ maxMessageBytes: 200_000, maxBlobChars: 50_000 });
    const s = await authed();
    const errors: { code: string }[] = [];
    s.on(EV.error, (e: { code: string }) => errors.push(e));
    s.emit(EV.push, null);
    s.emit(EV.push, { batchId: 'b', blobs: 'nope' });
    s.emit(EV.push, { batchId: 'b', blobs: ['not base64 !!!'.repeat(5)] });
    s.emit(EV.catchUp, { fromSeq: -4 });
    s.emit('drop_tables', { x: 1 });
    s.emit(EV.hello, hello());
    s.emit(EV.push, { batchId: 'big', blobs: ['QUFB'.repeat(15_000)] }); // 60k chars > maxBlobChars
    await new Promise((r) => setTimeout(r, 200));
    expect(errors.map((e) => e.code)).toEqual([
      'invalid_message',
      'invalid_message',
      'invalid_message',
      'invalid_message',
      'invalid_message',
      'invalid_message',
      'too_large',
    ]);
    // Above the socket.io message limit the connection is dropped; the relay lives on.
    const big = await authed();
    const closed = next(big, 'disconnect');
    big.emit(EV.push, { batchId: 'huge', blobs: ['QUFB'.repeat(100_000)] });
    await closed;
    const ok = await authed();
    const ack = next<{ seqs: number[] }>(ok, EV.ack);
    const blob = sealJson(keys, 'op', uuidv7(), { secret: 'Casa de Maria' });
    ok.emit(EV.push, { batchId: 'good', blobs: [blob] });
    expect((await ack).seqs).toEqual([1]);
    expect(JSON.stringify(logs)).not.toContain(blob.slice(30, 60));
    expect(logs.some((l) => l.event === 'push' && l.count === 1)).toBe(true);
  });

  it('rate-limits a flood and then drops the connection', async () => {
    await start({ messagesPerSecond: 10, messageBurst: 20, maxViolations: 5 });
    const s = await authed();
    const codes: string[] = [];
    s.on(EV.error, (e: { code: string; fatal: boolean }) => codes.push(e.code));
    const closed = next(s, 'disconnect');
    for (let i = 0; i < 200; i++) s.emit(EV.catchUp, { fromSeq: 0 });
    await closed;
    expect(codes).toContain('rate_limited');
    expect((await fetch(`${relay!.url}/health`)).ok).toBe(true);
  });

  it('refuses a wrong token, an unknown network and a protocol from the past or the future', async () => {
    await start({}, ['net']);
    await authed(); // registers the network's token
    const cases: [Record<string, unknown>, string][] = [
      [{ token: 'f'.repeat(64) }, 'wrong_passphrase'],
      [{ network: 'other' }, 'network_not_allowed'],
      [{ v: 0, minV: 0 }, 'invalid_message'],
      // a protocol-1 console could not read the batched blobs protocol-2 consoles push
      [{ v: 1, minV: 1 }, 'protocol_too_old'],
      [{ v: PROTOCOL_VERSION + 5, minV: PROTOCOL_VERSION + 1 }, 'relay_too_old'],
    ];
    for (const [over, code] of cases) {
      const s = connect(relay!.url);
      const err = next<{ code: string }>(s, EV.error);
      s.emit(EV.hello, hello(over));
      expect((await err).code).toBe(code);
    }
  });

  it('serves catch-up in pages and keeps the log across a restart', async () => {
    await start({ pageItems: 3 });
    const s = await authed();
    const ack = next<{ seqs: number[] }>(s, EV.ack);
    s.emit(EV.push, {
      batchId: 'b',
      blobs: Array.from({ length: 7 }, () => sealJson(keys, 'op', uuidv7(), { n: 1 })),
    });
    expect((await ack).seqs).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const port = relay!.port;
    await relay!.close();
    relay = await startRelay({ port, dataDir: dir!, log: () => {}, limits: { pageItems: 3 } });
    const t = await authed();
    const seen: number[] = [];
    let from = 0;
    for (;;) {
      const page = next<{ items: { seq: number }[]; more: boolean }>(t, EV.page);
      t.emit(EV.catchUp, { fromSeq: from });
      const p = await page;
      seen.push(...p.items.map((i) => i.seq));
      from = seen.at(-1) ?? 0;
      if (!p.more) break;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('runs as its own process (npm run relay) with flags', async () => {
    dir = mkdtempSync(join(tmpdir(), 'relay-proc-'));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'relay/main.ts',
        '--port',
        String(port),
        '--data-dir',
        dir,
        '--allow',
        'net',
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const started = Date.now();
    while (!out.includes('relay.start') && Date.now() - started < 15_000)
      await new Promise((r) => setTimeout(r, 50));
    const line = JSON.parse(out.split('\n').find((l) => l.includes('relay.start'))!) as {
      url: string;
      allowedNetworks: string[];
    };
    expect(line.url).toBe(`http://127.0.0.1:${port}`);
    expect(line.allowedNetworks).toEqual(['net']);
    expect(((await (await fetch(`${line.url}/health`)).json()) as { ok: boolean }).ok).toBe(true);
  });
});
