import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Socket } from 'socket.io-client';
import { EV } from '../../shared/sync/protocol';
import { sealJson } from '../../shared/sync/crypto';
import { uuidv7 } from '../../shared/ids';
import { keys, next, relayTestBed, sleep, type RelayTestBed } from './relay-helpers';

/**
 * The relay protocol fuzzed: random and malformed events and payloads, before and after a valid
 * hello, from many short-lived connections, while a well-behaved console keeps pushing. The
 * relay must never crash or hit an internal error, must keep answering, and the good console's
 * push -> ack p99 must stay under 150 ms.
 */
let bed: RelayTestBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

const RUNS = Number(process.env.RELAY_FUZZ_RUNS ?? 150);
/** socket.io-client refuses to emit these itself; they cannot reach the relay. */
const RESERVED = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

const validBlob = fc.constant(null).map(() => sealJson(keys, 'op', uuidv7(), { n: 1 }));
const base64ish = fc.stringMatching(/^[A-Za-z0-9+/]{0,80}={0,2}$/);
const junk = fc.oneof(
  fc.anything({ maxDepth: 3, withBigInt: false }),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
  fc.string({ maxLength: 200 }),
  fc.constantFrom(null, undefined, 0, -1, 1e308, Number.NaN, '', [], {}),
);
/** A field that is sometimes right and sometimes anything. */
const maybe = <T>(good: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: junk });

const helloish = fc.record(
  {
    v: maybe(fc.integer({ min: -2, max: 5 })),
    minV: maybe(fc.integer({ min: -2, max: 5 })),
    network: maybe(fc.constantFrom('net', 'other', 'NET', '../net', 'n'.repeat(80))),
    token: maybe(fc.constantFrom(keys.authToken, 'f'.repeat(64), 'xyz')),
    deviceId: maybe(fc.uuid()),
    presence: maybe(fc.oneof(fc.constant(null), validBlob)),
    lastSeq: maybe(fc.integer({ min: -5, max: 1e6 })),
    invite: maybe(fc.string({ maxLength: 40 })),
  },
  { requiredKeys: [] },
);
const pushish = fc.record(
  {
    batchId: maybe(fc.string({ minLength: 1, maxLength: 70 })),
    blobs: maybe(fc.array(fc.oneof(validBlob, base64ish, junk), { maxLength: 5 })),
  },
  { requiredKeys: [] },
);
const catchUpish = fc.record(
  {
    fromSeq: maybe(fc.oneof(fc.integer({ min: -10, max: 1e9 }), fc.double())),
    limit: maybe(fc.integer({ min: -10, max: 5000 })),
  },
  { requiredKeys: [] },
);
const message = fc.oneof(
  fc.tuple(fc.constant(EV.hello), helloish),
  fc.tuple(fc.constant(EV.push), pushish),
  fc.tuple(fc.constant(EV.catchUp), catchUpish),
  fc.tuple(
    fc.constant(EV.presence),
    fc.record({ presence: maybe(validBlob) }, { requiredKeys: [] }),
  ),
  fc.tuple(fc.constantFrom(EV.welcome, EV.ack, EV.page, EV.error, EV.peers, EV.broadcast), junk),
  fc.tuple(
    fc.string({ maxLength: 30 }).filter((e) => !RESERVED.has(e)),
    junk,
  ),
  fc.tuple(fc.constantFrom(EV.push, EV.hello, EV.catchUp, EV.presence), junk),
);
const session = fc.record({
  authenticated: fc.boolean(),
  messages: fc.array(message, { minLength: 1, maxLength: 15 }),
  /** Extra arguments after the payload (socket.io passes them to the handler). */
  extra: fc.array(junk, { maxLength: 2 }),
});

/** A console that behaves: one small push every 10 ms, timing each ack. */
function goodConsole(s: Socket) {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const batchId = uuidv7();
      const t0 = performance.now();
      const acked = new Promise<void>((resolve) => {
        const onAck = (a: { batchId: string }) => {
          if (a.batchId !== batchId) return;
          s.off(EV.ack, onAck);
          resolve();
        };
        s.on(EV.ack, onAck);
      });
      s.emit(EV.push, { batchId, blobs: [sealJson(keys, 'op', uuidv7(), { n: 1 })] });
      await acked;
      latencies.push(performance.now() - t0);
      await sleep(10);
    }
  })();
  return {
    latencies,
    async stop() {
      running = false;
      await loop;
    },
  };
}

describe('relay protocol fuzz', () => {
  it(`survives ${RUNS} sessions of random and malformed messages, with and without auth, and a good console's p99 stays under 150 ms`, async () => {
    bed = await relayTestBed({ allowedNetworks: ['net'], limits: { maxMessageBytes: 100_000 } });
    const good = goodConsole(await bed.authed());
    let sessions = 0;
    await fc.assert(
      fc.asyncProperty(session, async ({ authenticated, messages, extra }) => {
        sessions++;
        const s = authenticated ? await bed!.authed() : bed!.connect();
        for (const [event, payload] of messages) s.emit(event, payload, ...extra);
        // Let the relay answer; a disconnect (rate limit, violations) is a fine answer too.
        await Promise.race([sleep(15), next(s, 'disconnect')]);
        s.disconnect();
      }),
      { numRuns: RUNS },
    );
    await good.stop();
    expect(sessions).toBe(RUNS);
    const internal = bed.logs.filter(
      (l) => l.event === 'relay.internal_error' || l.event === 'relay.uncaught',
    );
    expect(internal).toEqual([]);
    // Still serving: health, a new console, and every good push is in the log.
    expect((await fetch(`${bed.relay.url}/health`)).ok).toBe(true);
    const after = await bed.authed();
    expect(after.connected).toBe(true);
    const samples = [...good.latencies].sort((a, b) => a - b);
    expect(samples.length).toBeGreaterThan(50);
    const p99 = samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.99))]!;
    if (process.env.RELAY_FUZZ_REPORT)
      console.log(JSON.stringify({ fuzzP99Ms: p99, n: samples.length }));
    expect(p99).toBeLessThan(150);
    expect(bed.logs.some((l) => l.event === 'conn.violation')).toBe(true);
  }, 120_000);
});
