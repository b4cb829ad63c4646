import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { EV, PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { sealJson } from '../../shared/sync/crypto';
import { uuidv7 } from '../../shared/ids';
import { RELAY_VERSION } from '../../relay/health';

import {
  hello,
  keys,
  next,
  relayTestBed,
  pageThrough,
  type BedOptions,
  type RelayTestBed,
} from './relay-helpers';

/** The relay on its own: bad input of every kind is answered, logged and survived. */
let bed: RelayTestBed | undefined;
let dir: string | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  await bed?.close();
  child?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
  bed = dir = child = undefined;
});

async function start(limits = {}, more: BedOptions = {}) {
  bed = await relayTestBed({ limits, allowedNetworks: ['net'], ...more });
  return bed.logs;
}

describe('relay server', () => {
  it('answers /health with only ok and version, the detail only with the operator token, and speaks only after a valid hello', async () => {
    await start({}, { operatorToken: 'operator secret 555' });
    const url = bed!.relay.url;
    expect(await (await fetch(`${url}/health`)).json()).toEqual({
      ok: true,
      version: RELAY_VERSION,
    });
    const wrong = await fetch(`${url}/health`, { headers: { authorization: 'Bearer nope' } });
    expect(Object.keys((await wrong.json()) as object)).toEqual(['ok', 'version']);
    await bed!.authed();
    const detail = await fetch(`${url}/health`, {
      headers: { authorization: 'Bearer operator secret 555' },
    });
    expect(await detail.json()).toMatchObject({
      ok: true,
      protocol: PROTOCOL_VERSION,
      store: 'sqlite',
      networks: 1,
      connections: 1,
    });
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    const s = bed!.connect();
    const err = next<{ code: string }>(s, EV.error);
    s.emit(EV.push, { batchId: 'x', blobs: ['A'.repeat(64)] });
    expect((await err).code).toBe('not_authenticated');
  });

  it('rejects malformed, unknown and oversized messages without crashing, and logs no payloads', async () => {
    const logs = await start({ maxMessageBytes: 200_000, maxBlobChars: 50_000 });
    const s = await bed!.authed();
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
    const big = await bed!.authed();
    const closed = next(big, 'disconnect');
    big.emit(EV.push, { batchId: 'huge', blobs: ['QUFB'.repeat(100_000)] });
    await closed;
    const ok = await bed!.authed();
    const ack = next<{ seqs: number[] }>(ok, EV.ack);
    const blob = sealJson(keys, 'op', uuidv7(), { secret: 'Casa de Maria' });
    ok.emit(EV.push, { batchId: 'good', blobs: [blob] });
    expect((await ack).seqs).toEqual([1]);
    expect(JSON.stringify(logs)).not.toContain(blob.slice(30, 60));
    expect(logs.some((l) => l.event === 'push' && l.count === 1)).toBe(true);
  });

  it('rate-limits a flood and then drops the connection', async () => {
    await start({ messagesPerSecond: 10, messageBurst: 20, maxViolations: 5 });
    const s = await bed!.authed();
    const codes: string[] = [];
    s.on(EV.error, (e: { code: string; fatal: boolean }) => codes.push(e.code));
    const closed = next(s, 'disconnect');
    for (let i = 0; i < 200; i++) s.emit(EV.catchUp, { fromSeq: 0 });
    await closed;
    expect(codes).toContain('rate_limited');
    expect((await fetch(`${bed!.relay.url}/health`)).ok).toBe(true);
  });

  it('refuses a wrong token, an unknown network and a protocol from the past or the future', async () => {
    await start();
    await bed!.authed(); // registers the network's token
    const cases: [Record<string, unknown>, string][] = [
      [{ token: 'f'.repeat(64) }, 'wrong_passphrase'],
      [{ network: 'other' }, 'network_not_allowed'],
      [{ v: 0, minV: 0 }, 'invalid_message'],
      // a protocol-1 console could not read the batched blobs protocol-2 consoles push
      [{ v: 1, minV: 1 }, 'protocol_too_old'],
      [{ v: PROTOCOL_VERSION + 5, minV: PROTOCOL_VERSION + 1 }, 'relay_too_old'],
    ];
    for (const [over, code] of cases) expect((await bed!.refusal(over)).code).toBe(code);
  });

  it('drops a connection whose hello the store cannot answer, so the console reconnects and tries again', async () => {
    const logs = await start();
    bed!.relay.store.db.close(); // as if the database went away
    const s = bed!.connect();
    const err = next<{ code: string; fatal: boolean }>(s, EV.error);
    const closed = next(s, 'disconnect');
    s.emit(EV.hello, hello());
    expect(await err).toMatchObject({ code: 'internal', fatal: false });
    await closed;
    expect(logs).toContainEqual(
      expect.objectContaining({ event: 'relay.internal_error', on: EV.hello }),
    );
  });

  it('frees a place at the connection limit when a refused connection leaves', async () => {
    await start({ maxConnections: 1 });
    const first = await bed!.authed();
    const second = bed!.connect();
    const refused = next<{ code: string }>(second, EV.error);
    expect((await refused).code).toBe('rate_limited');
    await next(second, 'disconnect');
    const firstGone = next(first, 'disconnect');
    first.disconnect();
    await firstGone;
    await new Promise((r) => setTimeout(r, 50));
    // Both places are free again: a console gets in.
    expect((await bed!.authed()).connected).toBe(true);
  });

  it('serves catch-up in pages and keeps the log across a restart', async () => {
    await start({ pageItems: 3 });
    const s = await bed!.authed();
    const ack = next<{ seqs: number[] }>(s, EV.ack);
    s.emit(EV.push, {
      batchId: 'b',
      blobs: Array.from({ length: 7 }, () => sealJson(keys, 'op', uuidv7(), { n: 1 })),
    });
    expect((await ack).seqs).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await bed!.restart();
    const t = await bed!.authed();
    expect(await pageThrough(t)).toEqual([1, 2, 3, 4, 5, 6, 7]);
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
        '--quota-mb',
        '64',
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
      openRegistration: boolean;
      quota: { maxBytes: number };
    };
    expect(line.url).toBe(`http://127.0.0.1:${port}`);
    expect(line.allowedNetworks).toEqual(['net']);
    expect(line.openRegistration).toBe(false);
    expect(line.quota.maxBytes).toBe(64 * 1024 * 1024);
    expect(((await (await fetch(`${line.url}/health`)).json()) as { ok: boolean }).ok).toBe(true);
  });
});
