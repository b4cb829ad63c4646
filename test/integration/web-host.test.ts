import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../backend/web/host';
import { tempBackend } from './helpers';

let env: ReturnType<typeof tempBackend>;
let host: WebHost;
afterEach(async () => {
  await host?.close();
  env?.cleanup();
});

async function start() {
  env = tempBackend();
  const staticDir = join(env.dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(env.dir, 'secret.txt'), 'outside the static root');
  host = await startWebHost({ backend: env.backend, staticDir });
  return host;
}

function connect(url: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function request(
  ws: WebSocket,
  message: unknown,
): Promise<{
  id: number | null;
  result: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}> {
  return new Promise((resolve) => {
    ws.on('message', function onMessage(data) {
      const parsed = JSON.parse(String(data));
      if ('result' in parsed) {
        ws.off('message', onMessage);
        resolve(parsed);
      }
    });
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('browser-mode host', () => {
  it('binds to 127.0.0.1 and serves the renderer with the strict CSP', async () => {
    const h = await start();
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
    const res = await fetch(`http://127.0.0.1:${h.port}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/unsafe-eval/);
  });

  it('refuses paths outside the renderer folder', async () => {
    const h = await start();
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const res = await fetch(`http://127.0.0.1:${h.port}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('outside the static root');
    }
  });

  it('refuses the API without the token or from another origin', async () => {
    const h = await start();
    await expect(connect(`ws://127.0.0.1:${h.port}/api?token=wrong`)).rejects.toThrow(/403/);
    await expect(connect(`ws://127.0.0.1:${h.port}/api`)).rejects.toThrow(/403/);
    await expect(
      connect(`ws://127.0.0.1:${h.port}/api?token=${h.token}`, 'https://evil.example'),
    ).rejects.toThrow(/403/);
  });

  it('carries named operations, validates them, and pushes change events', async () => {
    const h = await start();
    const ws = await connect(
      `ws://127.0.0.1:${h.port}/api?token=${h.token}`,
      `http://127.0.0.1:${h.port}`,
    );
    const session = await request(ws, { id: 1, op: 'getSession', input: {} });
    expect(session).toMatchObject({ id: 1, result: { ok: true, value: { mode: 'browser' } } });

    const bad = await request(ws, { id: 2, op: 'createIncident', input: { type: 'home_raid' } });
    expect(bad.result.ok).toBe(false);
    expect(bad.result.error?.code).toBe('invalid_input');
    const unknown = await request(ws, { id: 3, op: 'exec', input: 'rm -rf /' });
    expect(unknown.result.error?.code).toBe('unknown_operation');
    const junk = await request(ws, 'not json');
    expect(junk.result.error?.message).toMatch(/not JSON/);

    const event = new Promise((resolve) =>
      ws.on('message', (d) => {
        const m = JSON.parse(String(d));
        if (m.event) resolve(m.event);
      }),
    );
    await request(ws, {
      id: 4,
      op: 'createIncident',
      input: {
        type: 'sighting',
        triage: 'verify_first',
        location: { text: 'Holyoke', lat: 42.2, lon: -72.6, precision: 'town' },
      },
    });
    expect(await event).toMatchObject({ type: 'changed', origin: 'local' });
    ws.close();
  });
});
