import { connect } from 'node:net';
import WebSocket from 'ws';
import type { WebHost } from '../../backend/web/host';

export interface HostReply {
  id: number | null;
  result: { ok: boolean; value?: unknown; error: { code: string; message: string } };
}

/** Sends raw bytes to the host and resolves with everything it answers before closing. */
export function rawHttp(port: number, request: string | Buffer, timeoutMs = 2000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = () => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', (c) => {
      chunks.push(c);
      // One response is enough: keep-alive connections would otherwise wait for the timeout.
      if (/\r\n\r\n/.test(Buffer.concat(chunks).toString('latin1'))) {
        clearTimeout(timer);
        setTimeout(done, 20);
      }
    });
    socket.on('error', () => {
      clearTimeout(timer);
      done();
    });
    socket.on('close', () => {
      clearTimeout(timer);
      done();
    });
    socket.write(request);
  });
}

/** An API connection with the host's token from its own origin. */
export function connectApi(host: WebHost, token = host.token): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${token}`, {
      origin: `http://127.0.0.1:${host.port}`,
    });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

/** Sends one frame and resolves with the next reply that carries a result. */
export function sendAndReceive(ws: WebSocket, frame: string | Buffer): Promise<HostReply> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const parsed = JSON.parse(String(data));
      if ('result' in parsed) {
        ws.off('message', onMessage);
        ws.off('close', onClose);
        resolve(parsed);
      }
    };
    const onClose = (code: number) => {
      ws.off('message', onMessage);
      reject(new Error(`closed ${code}`));
    };
    ws.on('message', onMessage);
    ws.once('close', onClose);
    ws.send(frame, { binary: false });
  });
}
