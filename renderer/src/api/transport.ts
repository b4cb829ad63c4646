import type { ApiResult } from '../../../shared/api/result';
import type { BackendEvent } from '../../../shared/api/events';
import { API_NAMES, type ApiName, type ConsoleApi } from '../../../shared/api/contract';
import type { ConsoleBridge } from '../../../shared/api/bridge';
import { isIdempotentOperation } from '../../../shared/api/idempotency';
import { translate } from '../../../shared/i18n';

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

/** How long a create whose reply was lost is checked for before the renderer gives up. */
export const SAVE_CHECK_GIVE_UP_MS = 60_000;

interface Pending {
  resolve: (result: ApiResult<unknown>) => void;
  message: string;
  /** A create with an idempotency key: sent again after a reconnect, applied at most once. */
  retryable: boolean;
  /** Its reply was lost with the connection; the same message goes again on reconnect. */
  checking: ReturnType<typeof setTimeout> | null;
}

/** A failure this side of the connection, worded like the backend's (`{kind, params}`). */
const unavailable = (kind: 'error.lostConnection' | 'error.notChecked'): ApiResult<unknown> => ({
  ok: false,
  error: { code: 'unavailable', message: translate('en', kind), text: { kind, params: {} } },
});
const LOST = unavailable('error.lostConnection');
const NOT_CHECKED = unavailable('error.notChecked');

/** Gives a create its idempotency key (one per call; a resend reuses the message, so the key). */
function withIdempotencyKey(op: ApiName, input: unknown): { input: unknown; retryable: boolean } {
  if (!isIdempotentOperation(op) || input === null || typeof input !== 'object')
    return { input, retryable: false };
  const given = (input as { idempotencyKey?: unknown }).idempotencyKey;
  if (typeof given === 'string') return { input, retryable: true };
  return { input: { ...input, idempotencyKey: crypto.randomUUID() }, retryable: true };
}

/**
 * Browser mode: JSON messages {id, op, input} -> {id, result}; pushed {event}. Reconnects. A
 * create whose reply is lost with the connection is not answered "try again" (it may have been
 * saved): it is sent again, with the same idempotency key, once the socket is back, and the
 * backend answers the first result if it was. Meanwhile `onSaveCheck` listeners learn how many
 * saves are being checked, so the console can say so.
 */
export function createWebSocketBridge(url: string): ConsoleBridge {
  const pending = new Map<number, Pending>();
  const eventListeners = new Set<(event: BackendEvent) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  const saveCheckListeners = new Set<(checking: number) => void>();
  let socket: WebSocket | null = null;
  let nextId = 1;
  /** Calls made while the socket was not open, in order. */
  let queue: number[] = [];
  let retryMs = 250;

  const checkingCount = () => [...pending.values()].filter((p) => p.checking !== null).length;
  const announceChecks = () => {
    const count = checkingCount();
    saveCheckListeners.forEach((l) => l(count));
  };
  const settle = (id: number, result: ApiResult<unknown>) => {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    if (call.checking !== null) {
      clearTimeout(call.checking);
      announceChecks();
    }
    call.resolve(result);
  };

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      for (const call of pending.values()) if (call.checking !== null) ws.send(call.message);
      for (const id of queue) {
        const call = pending.get(id);
        if (call && call.checking === null) ws.send(call.message);
      }
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
      if (data.id !== undefined && data.result) settle(data.id, data.result);
    };
    ws.onclose = () => {
      connectionListeners.forEach((l) => l(false));
      for (const [id, call] of pending) {
        if (!call.retryable) settle(id, LOST);
        else if (call.checking === null && !queue.includes(id))
          call.checking = setTimeout(() => settle(id, NOT_CHECKED), SAVE_CHECK_GIVE_UP_MS);
      }
      announceChecks();
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5000);
    };
  };
  connect();

  const callOp = (op: ApiName, rawInput: unknown) =>
    new Promise<ApiResult<unknown>>((resolve) => {
      const id = nextId++;
      const { input, retryable } = withIdempotencyKey(op, rawInput);
      const message = JSON.stringify({ id, op, input });
      pending.set(id, { resolve, message, retryable, checking: null });
      if (socket?.readyState === WebSocket.OPEN) socket.send(message);
      else queue.push(id);
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
    onSaveCheck(listener) {
      saveCheckListeners.add(listener);
      return () => saveCheckListeners.delete(listener);
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
