import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { harness, relayState, waitFor, type Harness } from './sync-helpers';

/**
 * A TCP hop between a console and the relay that can go silent: sockets stay open but nothing
 * passes, as when a laptop's Wi-Fi drops without a goodbye. Only a heartbeat notices that.
 */
async function silentableProxy(targetPort: number) {
  let silent = false;
  const sockets: Socket[] = [];
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.push(client, upstream);
    client.on('data', (d) => !silent && upstream.write(d));
    upstream.on('data', (d) => !silent && client.write(d));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    goSilent: () => (silent = true),
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

let h: Harness | null = null;
let proxy: Awaited<ReturnType<typeof silentableProxy>> | null = null;
afterEach(async () => {
  proxy?.close();
  await h?.cleanup();
  h = null;
});

describe('heartbeat', () => {
  it('a link that dies silently is noticed in under 5 s by the console and by its peers', async () => {
    h = await harness();
    proxy = await silentableProxy(h.port);
    const a = await h.console('Ana');
    const b = await h.console('Beto', { relayPort: proxy.port });
    await waitFor(() => relayState(a).peers.includes('Beto'), 'A lists B as a peer');
    await waitFor(() => relayState(b).state === 'connected', 'B connected');

    proxy.goSilent();
    const start = Date.now();
    await waitFor(() => relayState(b).state !== 'connected', 'B notices the dead link', 6000);
    const consoleNoticed = Date.now() - start;
    await waitFor(() => !relayState(a).peers.includes('Beto'), 'A stops listing B', 6000);
    const peerNoticed = Date.now() - start;
    expect(consoleNoticed).toBeLessThan(5000);
    expect(peerNoticed).toBeLessThan(5000);
  }, 20_000);
});
