import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { WebSocketServer } from 'ws';
import type { ConsoleBackend } from '../console-backend';
import { buildBrowserCsp } from './browser-csp';
import { loadSettings } from '../session/handlers';
import { hostHeaderAllowed, originAllowed, parseRequestTarget } from './request-guard';
import { sendText, serveStatic } from './static-files';
import { serveApiConnection, type Logger } from './api-socket';
import { DEFAULT_MESSAGE_RATE, type RateLimit } from './rate-limit';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { MAP_PACK_PREFIX, serveMapPackHttp } from '../map-pack/http';

export interface WebHostOptions {
  backend: ConsoleBackend;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  /** A fixed token for tests; otherwise a random one per start. */
  token?: string;
  /** Messages per second per API connection (tests raise it to fuzz quickly). */
  rateLimit?: RateLimit;
  /** Where refused frames and unexpected errors are reported (default console.error). */
  log?: Logger;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;
const MAX_API_CONNECTIONS = 16;

const defaultLog: Logger = (message, error) =>
  console.error(`[web host] ${message}`, error === undefined ? '' : error);

function refuseUpgrade(socket: Duplex, status: string) {
  socket.on('error', () => undefined);
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () =>
    socket.destroy(),
  );
}

/**
 * Browser mode: serves the built renderer and carries the same typed contract over a WebSocket.
 * Bound to 127.0.0.1 only, answering only requests addressed to 127.0.0.1/localhost on its own
 * port (DNS rebinding). The API needs the per-start random token printed in the URL (another
 * local user or a web page cannot guess it) and the page's own origin. Arguments are validated by
 * backend.call exactly as over Electron IPC. Every request and frame is answered or refused in
 * words; nothing a client sends can throw out of a handler.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const tokenBytes = Buffer.from(token);
  const tokenOk = (candidate: string | null) => {
    const bytes = Buffer.from(candidate ?? '');
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };
  const log = options.log ?? defaultLog;
  const rateLimit = options.rateLimit ?? DEFAULT_MESSAGE_RATE;
  let port = 0;

  // Before the database is unlocked there are no settings yet: the default tile server applies.
  const tileUrlSetting = () => {
    try {
      return loadSettings(options.backend.ctx).tileUrl;
    } catch {
      return DEFAULT_SETTINGS.tileUrl;
    }
  };
  const handleRequest = async (req: IncomingMessage, res: ServerResponse) => {
    if (!hostHeaderAllowed(req.headers.host, port))
      return sendText(res, 403, 'This console answers only at 127.0.0.1 or localhost.');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'Method not allowed');
    }
    const target = parseRequestTarget(req.url);
    if (!target) return sendText(res, 400, 'Bad request path');
    if (target.pathname.startsWith(MAP_PACK_PREFIX))
      return serveMapPackHttp(options.backend.ctx, req, res, tokenOk);
    await serveStatic(options.staticDir, target.pathname, req, res, () =>
      buildBrowserCsp(tileUrlSetting()),
    );
  };

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      log('request failed', error);
      sendText(res, 500, 'Internal error');
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    perMessageDeflate: false,
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      const target = parseRequestTarget(req.url);
      if (!target || target.pathname !== '/api') return refuseUpgrade(socket, '404 Not Found');
      if (
        !hostHeaderAllowed(req.headers.host, port) ||
        !originAllowed(req.headers.origin, port) ||
        !tokenOk(target.searchParams.get('token'))
      )
        return refuseUpgrade(socket, '403 Forbidden');
      if (wss.clients.size >= MAX_API_CONNECTIONS)
        return refuseUpgrade(socket, '503 Service Unavailable');
      wss.handleUpgrade(req, socket, head, (ws) =>
        serveApiConnection(ws, options.backend, { rateLimit, log }),
      );
    } catch (error) {
      log('upgrade failed', error);
      refuseUpgrade(socket, '400 Bad Request');
    }
  });
  wss.on('error', (error) => log('WebSocket server error', error));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => log('server error', error));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
