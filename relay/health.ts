import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { PROTOCOL_VERSION } from '../shared/sync/protocol';
import type { RelayContext } from './context';
import { linkHttpHandler } from './link-http';

/** The relay's software version (package.json), for `/health` and operators' upgrade checks. */
export const RELAY_VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Plain HTTP next to socket.io: `/health` for monitoring, everything else 404. Anyone gets
 * `{ ok, version }`; the counts (connections, networks, memory) tell a watcher how busy a
 * network is, so they need the operator's token (`Authorization: Bearer <token>`).
 */
export function httpHandler(ctx: () => RelayContext, operatorToken: string | null) {
  const expected = operatorToken ? digest(operatorToken) : null;
  const isOperator = (req: IncomingMessage) => {
    const header = req.headers.authorization;
    if (!expected || !header?.startsWith('Bearer ')) return false;
    return timingSafeEqual(digest(header.slice('Bearer '.length).trim()), expected);
  };
  const links = linkHttpHandler(ctx);
  return (req: IncomingMessage, res: ServerResponse) => {
    if (links(req, res)) return;
    if (req.method === 'GET' && (req.url === '/health' || req.url === '/healthz')) {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify(body));
      };
      if (!isOperator(req)) {
        reply(200, { ok: true, version: RELAY_VERSION });
        return;
      }
      const { stats, store, disk } = ctx();
      Promise.resolve(store.networkCount())
        .then((networks) =>
          reply(200, {
            ok: true,
            version: RELAY_VERSION,
            protocol: PROTOCOL_VERSION,
            store: store.kind,
            cluster: stats.clustered ? 'redis-streams' : null,
            uptimeS: Math.round((Date.now() - stats.startedAt) / 1000),
            connections: stats.connections,
            networks,
            rssMb: Math.round(process.memoryUsage().rss / 1e5) / 10,
            ...(disk ? { diskFreeMb: Math.round(disk.freeBytes() / 1e6) } : {}),
          }),
        )
        .catch(() => reply(503, { ok: false, version: RELAY_VERSION }));
      return;
    }
    // socket.io answers its own path before this handler; everything else is not found.
    if (!req.url?.startsWith('/socket.io')) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  };
}
