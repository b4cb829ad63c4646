import type { ApiResult } from '../../../shared/api/result';
import type { BackendEvent } from '../../../shared/api/events';
import { API_NAMES, type ApiName, type ConsoleApi } from '../../../shared/api/contract';
import type { ConsoleBridge } from '../../../shared/api/bridge';

/**
 * How the renderer reaches the backend. In Electron the preload exposes `window.consoleBridge`
 * (one named function per contract operation, plus onEvent); in browser mode the same calls go
 * over a WebSocket to the local host. UI code only ever sees the typed `ConsoleApi`.
 */
declare global {
  interface Window {
    consoleBridge?: ConsoleBridge;
  }
}

interface Pending {
  resolve: (result: ApiResult<unknown>) => void;
}

/** Browser mode: JSON messages {id, op, input} -> {id, result}; pushed {event}. Reconnects. */
export function createWebSocketBridge(url: string): ConsoleBridge {
  const pending = new Map<number, Pending>();
  const eventListeners = new Set<(event: BackendEvent) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let socket: WebSocket | null = null;
  let nextId = 1;
  let queue: string[] = [];
  let retryMs = 250;

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      for (const message of queue) ws.send(message);
      queue = [];
      connectionListeners.forEach((l) => l(true));
    };
    ws.onmessage = (message) => {
      const data = JSON.parse(String(message.data)) as {
        id?: number;
        result?: ApiResult<unknown>;
        event?: BackendEvent;
      };
      if (data.event) eventListeners.forEach((l) => l(data.event!));
      if (data.id !== undefined && data.result) {
        pending.get(data.id)?.resolve(data.result);
        pending.delete(data.id);
      }
    };
    ws.onclose = () => {
      connectionListeners.forEach((l) => l(false));
      for (const [id, p] of pending) {
        p.resolve({
          ok: false,
          error: {
            code: 'unavailable',
            message: 'Lost the connection to the console backend; try again.',
          },
        });
        pending.delete(id);
      }
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  connect();

  const callOp = (op: ApiName, input: unknown) =>
    new Promise<ApiResult<unknown>>((resolve) => {
      const id = nextId++;
      pending.set(id, { resolve });
      const message = JSON.stringify({ id, op, input });
      if (socket?.readyState === WebSocket.OPEN) socket.send(message);
      else queue.push(message);
    });

  const api = Object.fromEntries(
    API_NAMES.map((name) => [name, (input: unknown) => callOp(name, input)]),
  ) as ConsoleApi;
  return {
    api,
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}

/** Picks the Electron bridge when the preload provided one, else browser mode. */
export function resolveBridge(): ConsoleBridge {
  if (window.consoleBridge) return window.consoleBridge;
  const params = new URLSearchParams(window.location.search);
  const token = params.get('token') ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return createWebSocketBridge(
    `${scheme}://${window.location.host}/api?token=${encodeURIComponent(token)}`,
  );
}
