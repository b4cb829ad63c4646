import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROTOCOL_VERSION } from '../shared/sync/protocol';
import type { RelayContext } from './context';

/** Plain HTTP next to socket.io: `/health` for monitoring, everything else 404. */
export function httpHandler(ctx: () => RelayContext, clustered: () => boolean) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && (req.url === '/health' || req.url === '/healthz')) {
      const { stats, store } = ctx();
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(
        JSON.stringify({
          ok: true,
          protocol: PROTOCOL_VERSION,
          cluster: clustered() ? 'redis-streams' : null,
          uptimeS: Math.round((Date.now() - stats.startedAt) / 1000),
          connections: stats.connections,
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
  };
}
