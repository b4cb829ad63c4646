import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import type { NetworkKeys } from '../../shared/sync/crypto';
import {
  EV,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  RelayErrorSchema,
  WelcomeSchema,
  type RelayErrorCode,
} from '../../shared/sync/protocol';

export type ProbeAnswer =
  | { answer: 'welcome'; epoch: number | null }
  | { answer: 'refused'; code: RelayErrorCode }
  | { answer: 'unreachable' };

/**
 * Asks the relay whether `keys` are the network's current ones, on a connection of its own that
 * carries nothing else (no presence, no position, a throwaway device id): a welcome means the
 * token is the current epoch's. The console's stored key and queue are not touched, so a wrong
 * passphrase changes nothing.
 */
export function probeKeys(
  relayUrl: string,
  keys: NetworkKeys,
  timeoutMs = 8_000,
): Promise<ProbeAnswer> {
  return new Promise((resolve) => {
    const socket = io(relayUrl, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: Math.min(timeoutMs, 5_000),
    });
    let settled = false;
    const done = (answer: ProbeAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.disconnect();
      resolve(answer);
    };
    const timer = setTimeout(() => done({ answer: 'unreachable' }), timeoutMs);
    timer.unref();
    socket.on('connect', () =>
      socket.emit(EV.hello, {
        v: PROTOCOL_VERSION,
        minV: MIN_PROTOCOL_VERSION,
        network: keys.network,
        token: keys.authToken,
        deviceId: randomUUID(),
        presence: null,
        lastSeq: 0,
      }),
    );
    socket.on('connect_error', () => done({ answer: 'unreachable' }));
    socket.on(EV.welcome, (raw: unknown) => {
      const welcome = WelcomeSchema.safeParse(raw);
      done(
        welcome.success
          ? { answer: 'welcome', epoch: welcome.data.epoch ?? null }
          : { answer: 'unreachable' },
      );
    });
    socket.on(EV.error, (raw: unknown) => {
      const error = RelayErrorSchema.safeParse(raw);
      if (error.success && error.data.fatal) done({ answer: 'refused', code: error.data.code });
    });
  });
}
