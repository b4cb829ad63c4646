import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { EV, type RelayError, type RelayErrorCode } from '../shared/sync/protocol';
import { errorText, type RelayContext } from './context';

interface SocketState {
  network: string | null;
  deviceId: string | null;
  /** The key epoch this socket was welcomed under (its token's). */
  epoch: number | null;
  presence: string | null;
  violations: number;
  msgTokens: number;
  blobTokens: number;
  lastRefill: number;
}

/**
 * One console's socket: its authentication state, its rate buckets, and the guarded way every
 * handler is attached (validated input, violations counted, exceptions answered, never thrown).
 */
export class Connection {
  readonly state: SocketState;
  /** Short id for logs. */
  readonly conn: string;
  /** The network room this socket joined on this node, once welcomed. */
  joined: string | null = null;

  constructor(
    private readonly ctx: RelayContext,
    readonly socket: Socket,
  ) {
    this.state = {
      network: null,
      deviceId: null,
      epoch: null,
      presence: null,
      violations: 0,
      msgTokens: ctx.limits.messageBurst,
      blobTokens: ctx.limits.blobBurst,
      lastRefill: Date.now(),
    };
    this.conn = socket.id.slice(0, 8);
  }

  violation(code: RelayErrorCode, message: string, batchId?: string): void {
    this.state.violations++;
    this.ctx.log({
      event: 'conn.violation',
      conn: this.conn,
      network: this.state.network,
      code,
      violations: this.state.violations,
    });
    const fatal = this.state.violations >= this.ctx.limits.maxViolations;
    sendError(this.socket, code, message, fatal, batchId);
  }

  /** Token buckets: `blobs` extra units for pushes. Returns false (and reports) when exceeded. */
  admit(blobs = 0): boolean {
    const { limits } = this.ctx;
    const state = this.state;
    const now = Date.now();
    const dt = (now - state.lastRefill) / 1000;
    state.lastRefill = now;
    state.msgTokens = Math.min(
      limits.messageBurst,
      state.msgTokens + dt * limits.messagesPerSecond,
    );
    state.blobTokens = Math.min(limits.blobBurst, state.blobTokens + dt * limits.blobsPerSecond);
    if (state.msgTokens < 1 || state.blobTokens < blobs) {
      this.violation('rate_limited', 'Too many messages; slow down');
      return false;
    }
    state.msgTokens -= 1;
    state.blobTokens -= blobs;
    return true;
  }

  parse<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> | null {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.violation('invalid_message', `Malformed ${what} message`);
    return null;
  }

  /** Every handler is wrapped: an exception is logged and answered, never thrown out. */
  on(event: string, handler: (raw: unknown) => void | Promise<void>): void {
    const fail = (error: unknown) => {
      this.ctx.log({
        event: 'relay.internal_error',
        conn: this.conn,
        on: event,
        error: errorText(error),
      });
      sendError(this.socket, 'internal', 'The relay could not handle that message', false);
    };
    this.socket.on(event, (raw: unknown) => {
      try {
        const done = handler(raw);
        if (done) done.catch(fail);
      } catch (error) {
        fail(error);
      }
    });
  }
}

export function sendError(
  socket: Socket,
  code: RelayErrorCode,
  message: string,
  fatal: boolean,
  batchId?: string,
  retryAfterMs?: number,
  epoch?: number,
): void {
  const error: RelayError = {
    code,
    message,
    fatal,
    ...(batchId ? { batchId } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    ...(epoch !== undefined ? { epoch } : {}),
  };
  socket.emit(EV.error, error);
  if (fatal) setTimeout(() => socket.disconnect(true), 20).unref();
}
