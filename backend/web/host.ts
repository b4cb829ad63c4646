import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ConsoleBackend } from '../console-backend';
import { buildBrowserCsp } from './browser-csp';
import { loadSettings } from '../handlers/session';
import { isMapPackRequest, serveMapPackHttp } from '../map-pack/http';

export interface WebHostOptions {
  backend: ConsoleBackend;
  /** The built renderer (out/renderer). */
  staticDir: string;
  port?: number;
  /** A fixed token for tests; otherwise a random one per start. */
  token?: string;
}

export interface WebHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

/**
 * Browser mode: serves the built renderer and carries the same typed contract over a WebSocket.
 * Bound to 127.0.0.1 only. The API needs the per-start random token that is printed in the URL
 * (another local user or a web page cannot guess it), and the WebSocket must come from this
 * host's own origin. Arguments are validated by backend.call exactly as over Electron IPC.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const tokenBytes = Buffer.from(token);
  const tokenOk = (candidate: string | null) => {
    const bytes = Buffer.from(candidate ?? '');
    return bytes.length === tokenBytes.length && timingSafeEqual(bytes, tokenBytes);
  };

  const server = createServer((req, res) => {
    if (isMapPackRequest(req)) return void serveMapPackHttp(options.backend.ctx, req, res, tokenOk);
    void serveStatic(options.staticDir, req, res, () =>
      buildBrowserCsp(loadSettings(options.backend.ctx).tileUrl),
    );
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin;
    const sameOrigin = origin === undefined || origin === `http://${req.headers.host}`;
    if (url.pathname !== '/api' || !tokenOk(url.searchParams.get('token')) || !sameOrigin) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const unsubscribe = options.backend.subscribe((event) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event }));
    });
    ws.on('close', unsubscribe);
    ws.on('message', async (data) => {
      let message: { id?: unknown; op?: unknown; input?: unknown };
      try {
        message = JSON.parse(String(data));
      } catch {
        ws.send(
          JSON.stringify({
            id: null,
            result: { ok: false, error: { code: 'invalid_input', message: 'Message is not JSON' } },
          }),
        );
        return;
      }
      const id = typeof message.id === 'number' ? message.id : null;
      const result = await options.backend.call(message.op, message.input);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  csp: () => string,
) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = normalize(join(root, relative));
  if (
    relative.includes('\0') ||
    !(file === root || file.startsWith(root.endsWith(sep) ? root : root + sep))
  ) {
    res.writeHead(404).end();
    return;
  }
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': csp(),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
  }
}
