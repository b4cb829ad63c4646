import type { WebSocket, RawData } from 'ws';
import type { ConsoleBackend } from '../console-backend';
import { fail, type ApiErrorCode, type ApiResult } from '../../shared/api/result';
import { refusalResult } from '../refusal';
import { TokenBucket, type RateLimit } from './rate-limit';

/** Calls still running on one connection; more are answered with an error, not queued. */
const MAX_IN_FLIGHT = 32;
/**
 * A client that reads nothing back is cut off before its replies pile up in memory: when more
 * than MAX_BUFFERED_BYTES wait to be written and none of it has gone out for STALLED_MS, or at
 * once past HARD_MAX_BUFFERED_BYTES. A client that reads, however slowly, keeps its connection:
 * cutting it off makes it reconnect and ask for everything again, a loop at a statewide size.
 */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
const HARD_MAX_BUFFERED_BYTES = 256 * 1024 * 1024;
const STALLED_MS = 10_000;
/** Refused messages in a row before the connection is closed (1008, policy violation). */
const MAX_REFUSED_IN_A_ROW = 1000;

export type Logger = (message: string, error?: unknown) => void;

interface Frame {
  id: number | null;
  op: string;
  input: unknown;
}

/** Reads one text frame as `{id?, op, input?}`; a string is the error to answer with. */
function readFrame(text: string): Frame | { id: number | null; error: string } {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { id: null, error: 'Message is not JSON.' };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message))
    return { id: null, error: 'Message must be a JSON object {"id", "op", "input"}.' };
  const { id, op, input } = message as Record<string, unknown>;
  const replyId = typeof id === 'number' && Number.isSafeInteger(id) ? id : null;
  if (id !== undefined && id !== null && replyId === null)
    return { id: null, error: '"id" must be a whole number.' };
  if (typeof op !== 'string')
    return { id: replyId, error: '"op" must be the name of an operation (a string).' };
  return { id: replyId, op, input };
}

/**
 * One API connection: each text frame is a call, answered `{id, result}` with a Result even when
 * the frame is nonsense, and backend events are pushed as `{event}`. Nothing a client sends can
 * throw out of here; protocol errors (oversized or invalid UTF-8 frames) close the connection
 * with the WebSocket close code and are logged.
 */
export function serveApiConnection(
  ws: WebSocket,
  backend: ConsoleBackend,
  options: { rateLimit: RateLimit; log: Logger },
) {
  const bucket = new TokenBucket(options.rateLimit);
  let inFlight = 0;
  let refusedInARow = 0;

  let written = 0;
  let stallCheck: ReturnType<typeof setTimeout> | null = null;
  const watchBacklog = () => {
    if (stallCheck || ws.bufferedAmount <= MAX_BUFFERED_BYTES) return;
    const writtenBefore = written;
    stallCheck = setTimeout(() => {
      stallCheck = null;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES && written === writtenBefore) ws.terminate();
      else watchBacklog();
    }, STALLED_MS);
    stallCheck.unref();
  };
  const send = (payload: unknown) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > HARD_MAX_BUFFERED_BYTES) {
      ws.terminate();
      return;
    }
    try {
      ws.send(JSON.stringify(payload), (error) => {
        if (!error) written++;
      });
      watchBacklog();
    } catch (error) {
      options.log('could not send a reply', error);
    }
  };
  const reply = (id: number | null, result: ApiResult<unknown>) => send({ id, result });
  const refuse = (id: number | null, code: ApiErrorCode, message: string) => {
    reply(id, fail(code, message));
    if (++refusedInARow > MAX_REFUSED_IN_A_ROW) ws.close(1008, 'Too many refused messages');
  };

  const unsubscribe = backend.subscribe((event) => send({ event }));
  ws.on('close', () => {
    unsubscribe();
    if (stallCheck) clearTimeout(stallCheck);
  });
  ws.on('error', (error) => options.log('API connection closed on a bad frame', error.message));

  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) return refuse(null, 'invalid_input', 'Messages must be JSON text, not binary.');
    // Parsed before the rate check so a refusal carries the call's id and the caller can show it.
    const frame = readFrame(Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
    if (!bucket.take())
      return refuse(
        frame.id,
        'unavailable',
        `Too many messages: at most ${options.rateLimit.perSecond} per second. Wait a moment.`,
      );
    if ('error' in frame) return refuse(frame.id, 'invalid_input', frame.error);
    if (inFlight >= MAX_IN_FLIGHT)
      return refuse(frame.id, 'unavailable', 'Too many calls at once: wait for the answers.');
    refusedInARow = 0;
    inFlight++;
    backend
      .call(frame.op, frame.input)
      .catch((error: unknown) => {
        options.log(`operation ${frame.op.slice(0, 60)} threw`, error);
        return refusalResult('internal', 'error.code.internal');
      })
      .then((result) => reply(frame.id, result))
      .finally(() => inFlight--);
  });
}
