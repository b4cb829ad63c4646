import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../backend/web/host';
import type { ConsoleBackend } from '../../backend/console-backend';
import { createWebSocketBridge } from '../../renderer/src/api/transport';
import { sampleIncident, tempBackend, value } from './helpers';
import { waitFor } from './sync-helpers';

/**
 * The renderer's own browser-mode transport (renderer/src/api/transport.ts) against the real web
 * host, with the connection dropped after the backend has saved a create and before the reply
 * leaves: what a dispatcher's browser sees when the host's socket dies mid-call.
 */
let env: ReturnType<typeof tempBackend> | undefined;
let host: WebHost | undefined;
const browserSockets: WebSocket[] = [];
const realWebSocket = globalThis.WebSocket;
afterEach(async () => {
  globalThis.WebSocket = realWebSocket;
  for (const s of browserSockets.splice(0)) s.terminate();
  await host?.close();
  env?.cleanup();
  host = undefined;
  env = undefined;
});

/** A browser's WebSocket on the host's page: it sends the page's Origin, as a browser does. */
function useBrowserSockets(origin: string) {
  class BrowserSocket extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
      browserSockets.push(this);
    }
  }
  globalThis.WebSocket = BrowserSocket as unknown as typeof globalThis.WebSocket;
}

/** A web host whose backend drops the browser's connection once, right after `op` is saved. */
async function hostDroppingReplyOf(op: string) {
  env = tempBackend(Date.now());
  const staticDir = join(env.dir, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
  const real = env.backend;
  const calls: string[] = [];
  let drop = true;
  const backend: ConsoleBackend = {
    ...real,
    call: (async (name: string, input: unknown) => {
      calls.push(name);
      const result = await real.call(name as never, input as never);
      if (name === op && drop) {
        drop = false;
        // Saved; the reply now goes to a connection that no longer exists.
        browserSockets.at(-1)!.terminate();
      }
      return result;
    }) as ConsoleBackend['call'],
  };
  host = await startWebHost({ backend, staticDir, log: () => {} });
  useBrowserSockets(`http://127.0.0.1:${host.port}`);
  const bridge = createWebSocketBridge(`ws://127.0.0.1:${host.port}/api?token=${host.token}`);
  return { bridge, calls, backend: real };
}

describe('a create whose reply is lost with the connection', () => {
  it('is checked, not failed: sent again with the same key, saved once, answered with the saved incident', async () => {
    const { bridge, calls, backend } = await hostDroppingReplyOf('createIncident');
    const checks: number[] = [];
    bridge.onSaveCheck!((n) => checks.push(n));
    const connection: boolean[] = [];
    bridge.onConnectionChange!((c) => connection.push(c));
    await waitFor(() => browserSockets[0]?.readyState === WebSocket.OPEN, 'the first connection');

    const saved = value(await bridge.api.createIncident(sampleIncident));

    expect(calls.filter((c) => c === 'createIncident')).toHaveLength(2);
    expect(connection).toEqual([true, false, true]);
    // The console said "checking whether it was saved" while the connection was down, then cleared.
    expect(checks).toEqual([1, 0]);
    const incidents = value(await backend.call('listIncidents', {}));
    expect(incidents.map((i) => i.id)).toEqual([saved.id]);
    expect(saved.reporterName).toBe(sampleIncident.reporterName);
  });

  it('an edit whose reply is lost still says to try again (it is not sent twice by itself)', async () => {
    const { bridge, backend } = await hostDroppingReplyOf('updateIncident');
    await waitFor(() => browserSockets[0]?.readyState === WebSocket.OPEN, 'the first connection');
    const incident = value(await bridge.api.createIncident(sampleIncident));
    const lost = await bridge.api.updateIncident({
      id: incident.id,
      changes: { description: 'Vans left at 3' },
    });
    expect(!lost.ok && lost.error.message).toMatch(/try again/);
    const onConsole = value(await backend.call('getIncident', { id: incident.id })).incident;
    expect(onConsole.description).toBe('Vans left at 3');
  });
});
