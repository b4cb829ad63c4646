import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startWebHost, type WebHost, type WebHostOptions } from '../../backend/web/host';
import { tempBackend } from './helpers';
import { connectApi, rawHttp, sendAndReceive } from './web-host-clients';

let env: ReturnType<typeof tempBackend> | undefined;
let host: WebHost | undefined;
afterEach(async () => {
  await host?.close();
  env?.cleanup();
  host = env = undefined;
});

async function start(extra: Partial<WebHostOptions> = {}) {
  env = tempBackend();
  const staticDir = join(env.dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
  host = await startWebHost({ backend: env.backend, staticDir, ...extra });
  return host;
}

async function stillAnswers(h: WebHost) {
  const ws = await connectApi(h);
  const reply = await sendAndReceive(ws, JSON.stringify({ id: 7, op: 'getSession', input: {} }));
  ws.close();
  expect(reply).toMatchObject({ id: 7, result: { ok: true } });
}

describe('browser-mode host under hostile input', () => {
  it('answers `GET /%` and `GET //` (no token needed) with an error and keeps running', async () => {
    const h = await start();
    const percent = await rawHttp(h.port, `GET /% HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\n\r\n`);
    expect(percent).toMatch(/^HTTP\/1\.1 400/);
    const slashes = await rawHttp(h.port, `GET // HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\n\r\n`);
    expect(slashes).toMatch(/^HTTP\/1\.1 (400|404)/);
    await stillAnswers(h);
  });

  it('refuses an upgrade to `//` (no token needed) and keeps running', async () => {
    const h = await start();
    const reply = await rawHttp(
      h.port,
      `GET // HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(reply).toMatch(/^HTTP\/1\.1 (400|403|404)/);
    await stillAnswers(h);
  });

  it('answers a `null` message and a non-string op with a clear error', async () => {
    const h = await start();
    const ws = await connectApi(h);
    const nul = await sendAndReceive(ws, 'null');
    expect(nul.result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(nul.result.error.message).toMatch(/object/);
    const op = await sendAndReceive(ws, '{"id":3,"op":{"toString":1}}');
    expect(op).toMatchObject({ id: 3, result: { ok: false, error: { code: 'invalid_input' } } });
    expect(op.result.error.message).toMatch(/op/);
    ws.close();
    await stillAnswers(h);
  });

  it('closes the connection on a message over 2 MB or a frame of invalid UTF-8, and keeps running', async () => {
    const h = await start();
    const big = await connectApi(h);
    const bigClosed = new Promise<number>((r) => big.once('close', (code) => r(code)));
    big.send('x'.repeat(2 * 1024 * 1024 + 10));
    expect(await bigClosed).toBe(1009);

    const bad = await connectApi(h);
    const badClosed = new Promise<number>((r) => bad.once('close', (code) => r(code)));
    bad.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await badClosed).toBe(1007);
    await stillAnswers(h);
  });

  it('refuses another Host or Origin (DNS rebinding), even with the token', async () => {
    const h = await start();
    const rebound = await rawHttp(h.port, `GET / HTTP/1.1\r\nHost: evil.example:${h.port}\r\n\r\n`);
    expect(rebound).toMatch(/^HTTP\/1\.1 403/);
    const otherPort = await rawHttp(h.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:1\r\n\r\n`);
    expect(otherPort).toMatch(/^HTTP\/1\.1 403/);
    const noHost = await rawHttp(h.port, `GET / HTTP/1.0\r\n\r\n`);
    expect(noHost).toMatch(/^HTTP\/1\.[01] 403/);
    const local = await rawHttp(h.port, `GET / HTTP/1.1\r\nHost: localhost:${h.port}\r\n\r\n`);
    expect(local).toMatch(/^HTTP\/1\.1 200/);

    const url = `ws://127.0.0.1:${h.port}/api?token=${h.token}`;
    const refused = (options: WebSocket.ClientOptions) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(url, options);
        ws.once('open', () => reject(new Error('opened')));
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('error', reject);
      });
    expect(await refused({ headers: { Host: `evil.example:${h.port}` } })).toBe(403);
    expect(await refused({ origin: `http://evil.example:${h.port}` })).toBe(403);
    expect(await refused({ origin: `http://127.0.0.1:${h.port + 1}` })).toBe(403);
    await stillAnswers(h);
  });

  it('limits messages per second on a connection with a clear error, then recovers', async () => {
    const h = await start({ rateLimit: { perSecond: 20, burst: 20 } });
    const ws = await connectApi(h);
    const replies: { id: number; result: { ok: boolean; error?: { message: string } } }[] = [];
    const all = new Promise<void>((resolve) =>
      ws.on('message', (d) => {
        const m = JSON.parse(String(d));
        if ('result' in m) replies.push(m);
        if (replies.length === 40) resolve();
      }),
    );
    for (let id = 0; id < 40; id++) ws.send(JSON.stringify({ id, op: 'getSession', input: {} }));
    await all;
    const limited = replies.filter((r) => !r.result.ok);
    expect(limited.length).toBeGreaterThanOrEqual(15);
    expect(limited[0]!.result.error?.message).toMatch(/Too many messages/);
    // Each refusal answers its own call, so the caller's pending request settles.
    expect(new Set(replies.map((r) => r.id)).size).toBe(40);
    await new Promise((r) => setTimeout(r, 1100));
    const after = await sendAndReceive(ws, JSON.stringify({ id: 99, op: 'getSession', input: {} }));
    expect(after.result.ok).toBe(true);
    ws.close();
  });
});
