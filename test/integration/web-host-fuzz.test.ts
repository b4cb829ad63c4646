/**
 * Fuzzes a running browser-mode host with random request paths, headers, upgrades and WebSocket
 * frames, with and without the token. Properties: the host never crashes or logs an internal
 * failure, every request gets an HTTP status line, every API frame gets a Result or a protocol
 * close, the host still answers a valid call afterwards, and the database is byte-for-byte the
 * same unless a valid call changed it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../backend/web/host';
import { API_NAMES, apiContract, isApiName } from '../../shared/api/contract';
import { databaseHash, sampleIncident, tempBackend, tableCounts } from './helpers';
import { connectApi, rawHttp, sendAndReceive, type HostReply } from './web-host-clients';

/** Operations that never write, so a valid call of them may be fuzzed with any input. */
const READ_ONLY = new Set([
  'getSession',
  'getShiftState',
  'getSyncStatus',
  'listIncidents',
  'listResponders',
  'listActivity',
  'listShifts',
]);

let env: ReturnType<typeof tempBackend>;
let host: WebHost;
const hostLog: string[] = [];

beforeAll(async () => {
  env = tempBackend();
  const staticDir = join(env.dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
  host = await startWebHost({
    backend: env.backend,
    staticDir,
    rateLimit: { perSecond: 1e6, burst: 1e6 },
    log: (message) => hostLog.push(message),
  });
});
afterAll(async () => {
  await host?.close();
  env?.cleanup();
});

const pathChar = fc.constantFrom(
  ...'/%.?#&=;:@!$\'()*+,~-_abcAPI019 \\\t"<>[]^`{|}'.split(''),
  '%00',
  '%2e',
  '%2f',
  '%ff',
  '%e0%80',
  '..',
  '//',
  'api',
  'token=',
  'index.html',
  '\u00e9',
  '\u0080',
);
const rawPath = fc.oneof(
  fc.array(pathChar, { maxLength: 30 }).map((parts) => parts.join('')),
  fc.string({ maxLength: 40 }),
);

function headerArb(port: () => number) {
  return {
    host: fc.oneof(
      fc.constant(() => `127.0.0.1:${port()}`),
      fc.constant(() => `localhost:${port()}`),
      fc.constant(() => `evil.example:${port()}`),
      fc.constant(() => '127.0.0.1'),
      fc.constant(() => null),
      fc.string({ maxLength: 20 }).map((s) => () => s),
    ),
    origin: fc.oneof(
      fc.constant(() => null),
      fc.constant(() => `http://127.0.0.1:${port()}`),
      fc.constant(() => 'https://evil.example'),
      fc.constant(() => 'null'),
      fc.string({ maxLength: 20 }).map((s) => () => s),
    ),
  };
}

/** Request bytes: CR and LF are stripped from fuzzed parts so every request is complete. */
function buildRequest(parts: {
  method: string;
  path: string;
  host: string | null;
  origin: string | null;
  upgrade: boolean;
  extra: string;
}): Buffer {
  const clean = (s: string) => s.replace(/[\r\n]/g, '');
  const lines = [`${clean(parts.method)} ${clean(parts.path) || '/'} HTTP/1.1`];
  if (parts.host !== null) lines.push(`Host: ${clean(parts.host)}`);
  if (parts.origin !== null) lines.push(`Origin: ${clean(parts.origin)}`);
  if (parts.upgrade)
    lines.push(
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    );
  if (parts.extra) lines.push(`X-Fuzz: ${clean(parts.extra)}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

const STATUS_LINE = /^HTTP\/1\.1 (101|200|400|403|404|405|431|503) /;

describe('browser-mode host fuzz', () => {
  it('answers random paths, headers and upgrades with a status line, and keeps running', async () => {
    const before = databaseHash(env.backend);
    const h = headerArb(() => host.port);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          method: fc.constantFrom('GET', 'HEAD', 'POST', 'OPTIONS', 'DELETE', 'BREW', 'G\u00e9T'),
          path: fc.oneof(
            rawPath.map((p) => (p.startsWith('/') ? p : `/${p}`)),
            rawPath,
            fc.constantFrom('/', '/%', '//', '/api', '/api?token=', '*', 'http://evil/'),
          ),
          withToken: fc.boolean(),
          host: h.host,
          origin: h.origin,
          upgrade: fc.boolean(),
          extra: fc.string({ maxLength: 30 }),
        }),
        async (r) => {
          const path = r.withToken ? `${r.path}?token=${host.token}` : r.path;
          const reply = await rawHttp(
            host.port,
            buildRequest({ ...r, path, host: r.host(), origin: r.origin() }),
          );
          expect(reply, JSON.stringify(path)).toMatch(STATUS_LINE);
        },
      ),
      { numRuns: 1500 },
    );
    expect(hostLog.filter((m) => !m.startsWith('API connection closed'))).toEqual([]);
    expect(databaseHash(env.backend)).toBe(before);
  });

  it('answers every random frame with a Result (or a protocol close) and changes nothing', async () => {
    const before = databaseHash(env.backend);
    const json = fc.jsonValue({ maxDepth: 3 });
    const op = fc.oneof(
      fc.constantFrom(...API_NAMES),
      fc.string({ maxLength: 20 }),
      json,
      fc.constant({ toString: 1 }),
      fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
    );
    const callFrame = fc
      .record(
        {
          id: fc.oneof(fc.integer(), json, fc.constant(1e300)),
          op,
          input: fc.oneof(json, fc.object(), fc.constant({ __proto__: { polluted: true } })),
        },
        { requiredKeys: [] },
      )
      // A valid call of a writing operation is a valid call; this test throws only invalid ones.
      .filter(
        (m) =>
          !isApiName(m.op) ||
          READ_ONLY.has(m.op) ||
          !apiContract[m.op].input.safeParse(m.input ?? {}).success,
      )
      .map((m) => ({ text: JSON.stringify(m), binary: false }));
    const frame = fc.oneof(
      { weight: 6, arbitrary: callFrame },
      {
        weight: 2,
        arbitrary: json.map((v) => ({ text: JSON.stringify(v) ?? 'null', binary: false })),
      },
      {
        weight: 2,
        arbitrary: fc.string({ maxLength: 60 }).map((text) => ({ text, binary: false })),
      },
      {
        weight: 1,
        arbitrary: fc.uint8Array({ maxLength: 40 }).map((bytes) => ({
          text: Buffer.from(bytes),
          binary: true,
        })),
      },
      {
        weight: 1,
        arbitrary: fc.uint8Array({ minLength: 1, maxLength: 40 }).map((bytes) => ({
          text: Buffer.concat([Buffer.from(bytes), Buffer.from([0xc3, 0x28])]),
          binary: false,
        })),
      },
    );

    let ws: WebSocket = await connectApi(host);
    let answered = 0;
    let closed = 0;
    await fc.assert(
      fc.asyncProperty(frame, async (f) => {
        if (ws.readyState !== ws.OPEN) ws = await connectApi(host);
        let reply: HostReply;
        try {
          reply = await (f.binary
            ? new Promise<HostReply>((resolve, reject) => {
                ws.once('message', (d) => resolve(JSON.parse(String(d))));
                ws.once('close', (code) => reject(new Error(`closed ${code}`)));
                ws.send(f.text, { binary: true });
              })
            : sendAndReceive(ws, f.text));
        } catch (error) {
          // Only a frame that is not valid UTF-8 may close the connection (1007).
          expect(String(error)).toMatch(/closed 1007/);
          closed++;
          return;
        }
        answered++;
        expect(typeof reply.result.ok).toBe('boolean');
        if (!reply.result.ok) {
          expect(reply.result.error.code).not.toBe('internal');
          expect(reply.result.error.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 3000 },
    );
    ws.close();
    expect(answered).toBeGreaterThan(2000);
    expect(closed).toBeGreaterThan(0);
    expect(hostLog.filter((m) => !m.startsWith('API connection closed'))).toEqual([]);
    expect(databaseHash(env.backend)).toBe(before);

    // Without the token, no frame is ever read.
    await expect(connectApi(host, 'f'.repeat(48))).rejects.toThrow(/403/);

    // The host still answers, and a valid call changes exactly what it should.
    const counts = tableCounts(env.backend);
    const valid = await connectApi(host);
    const created = await sendAndReceive(
      valid,
      JSON.stringify({ id: 1, op: 'createIncident', input: sampleIncident }),
    );
    valid.close();
    expect(created.result.ok).toBe(true);
    expect(tableCounts(env.backend).incidents).toBe((counts.incidents ?? 0) + 1);
    expect(databaseHash(env.backend)).not.toBe(before);
  });
});
