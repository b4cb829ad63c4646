import { describe, expect, it } from 'vitest';
import {
  ClockDriftError,
  HybridLogicalClock,
  compareHlc,
  decodeHlc,
  encodeHlc,
} from '../../shared/clock/hlc';
import { uuidv7 } from '../../shared/ids';

const A = '01900000-0000-7000-8000-00000000000a';
const B = '01900000-0000-7000-8000-00000000000b';

describe('hybrid logical clock', () => {
  it('encodes so that string order is time order', () => {
    const early = encodeHlc({ wallMs: 999, counter: 5, deviceId: A });
    const later = encodeHlc({ wallMs: 1000, counter: 0, deviceId: A });
    expect(compareHlc(early, later)).toBe(-1);
    expect(decodeHlc(later)).toEqual({ wallMs: 1000, counter: 0, deviceId: A });
  });

  it('never goes backwards when the wall clock does', () => {
    let now = 10_000;
    const clock = new HybridLogicalClock(A, () => now);
    const t1 = clock.tick();
    now = 5_000;
    const t2 = clock.tick();
    const t3 = clock.tick();
    expect(t1 < t2 && t2 < t3).toBe(true);
    expect(decodeHlc(t3).wallMs).toBe(10_000);
  });

  it('orders a received event after what it has seen', () => {
    let now = 1_000;
    const a = new HybridLogicalClock(A, () => now);
    const b = new HybridLogicalClock(B, () => now - 500); // b's wall clock runs 500 ms slow
    const sent = a.tick();
    const afterReceive = b.receive(sent);
    expect(afterReceive > sent).toBe(true);
    expect(b.tick() > afterReceive).toBe(true);
    now += 1;
    expect(a.receive(b.tick()) > sent).toBe(true);
  });

  it('refuses a remote clock far in the future', () => {
    const clock = new HybridLogicalClock(A, () => 1_000_000, 60_000);
    const bad = encodeHlc({ wallMs: 1_000_000 + 10 * 60_000, counter: 0, deviceId: B });
    expect(() => clock.receive(bad)).toThrow(ClockDriftError);
    expect(() => clock.receive(bad)).toThrow(/in the future/);
    const fine = encodeHlc({ wallMs: 1_000_000 + 30_000, counter: 0, deviceId: B });
    expect(clock.receive(fine) > fine).toBe(true);
  });

  it('ties break by device, so two consoles never issue the same timestamp', () => {
    const a = new HybridLogicalClock(A, () => 42).tick();
    const b = new HybridLogicalClock(B, () => 42).tick();
    expect(a).not.toBe(b);
    expect(compareHlc(a, b)).toBe(-1);
  });

  it('rejects malformed timestamps', () => {
    expect(() => decodeHlc('yesterday')).toThrow(/Not an HLC/);
    expect(() => encodeHlc({ wallMs: -1, counter: 0, deviceId: A })).toThrow(RangeError);
  });
});

describe('uuidv7', () => {
  it('is a v7 UUID, unique and time-ordered', () => {
    const ids = Array.from({ length: 2000 }, () => uuidv7(1_700_000_000_000));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(uuidv7(1_800_000_000_000) > ids.at(-1)!).toBe(true);
  });

  it('carries its millisecond time in the first 48 bits, big-endian', () => {
    // Later times than the test above: ids are monotonic within a process.
    const later = Date.UTC(2030, 11, 2, 0, 0, 0, 123);
    const hex = uuidv7(later).replace(/-/g, '').slice(0, 12);
    expect(parseInt(hex, 16)).toBe(later);
    expect(uuidv7(0xfedc_ba98_7654).slice(0, 13)).toBe('fedcba98-7654');
    expect(uuidv7(0xffff_ffff_ffff).slice(0, 13)).toBe('ffffffff-ffff');
  });
});
