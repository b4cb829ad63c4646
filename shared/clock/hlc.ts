/**
 * Hybrid logical clock (Kulkarni et al.), the ordering behind last-writer-wins per field.
 *
 * A timestamp is encoded as a fixed-width string so that plain string comparison is the clock's
 * total order: `<wall ms, 13 digits>-<counter, 5 hex digits>-<device id>`. The device id breaks
 * ties, so two different consoles can never produce equal timestamps.
 *
 * Invariants: every timestamp a clock issues is strictly greater than every timestamp it issued
 * or received before; wall time that runs backwards never makes the clock go backwards.
 */
export interface HlcTimestamp {
  wallMs: number;
  counter: number;
  deviceId: string;
}

export const MAX_COUNTER = 0xfffff;
/** Remote clocks more than this far ahead of ours are refused: a bad clock must not poison LWW. */
export const DEFAULT_MAX_DRIFT_MS = 5 * 60_000;

export class ClockDriftError extends Error {
  constructor(
    readonly remoteWallMs: number,
    readonly localWallMs: number,
  ) {
    super(
      `A change arrived stamped ${Math.round((remoteWallMs - localWallMs) / 1000)} s in the future; ` +
        `check the clock of the console that made it.`,
    );
    this.name = 'ClockDriftError';
  }
}

export function encodeHlc(ts: HlcTimestamp): string {
  if (!Number.isInteger(ts.wallMs) || ts.wallMs < 0 || ts.wallMs > 9_999_999_999_999) {
    throw new RangeError(`HLC wall time out of range: ${ts.wallMs}`);
  }
  if (!Number.isInteger(ts.counter) || ts.counter < 0 || ts.counter > MAX_COUNTER) {
    throw new RangeError(`HLC counter out of range: ${ts.counter}`);
  }
  if (!ts.deviceId || ts.deviceId.includes('-') === false) {
    // device ids are UUIDs; anything else is a programming error
    throw new RangeError(`HLC device id must be a UUID, got "${ts.deviceId}"`);
  }
  return `${String(ts.wallMs).padStart(13, '0')}-${ts.counter.toString(16).padStart(5, '0')}-${ts.deviceId}`;
}

const HLC_PATTERN = /^(\d{13})-([0-9a-f]{5})-([0-9a-f-]{36})$/;

export function isHlc(text: string): boolean {
  return HLC_PATTERN.test(text);
}

export function decodeHlc(text: string): HlcTimestamp {
  const m = HLC_PATTERN.exec(text);
  if (!m) throw new RangeError(`Not an HLC timestamp: "${text}"`);
  return { wallMs: Number(m[1]), counter: parseInt(m[2]!, 16), deviceId: m[3]! };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class HybridLogicalClock {
  private wallMs = 0;
  private counter = 0;

  constructor(
    readonly deviceId: string,
    private readonly now: () => number = Date.now,
    private readonly maxDriftMs: number = DEFAULT_MAX_DRIFT_MS,
    last?: string,
  ) {
    if (last) {
      const t = decodeHlc(last);
      this.wallMs = t.wallMs;
      this.counter = t.counter;
    }
  }

  /** A timestamp for a local event. */
  tick(): string {
    const physical = this.now();
    if (physical > this.wallMs) {
      this.wallMs = physical;
      this.counter = 0;
    } else {
      this.bumpCounter();
    }
    return this.current();
  }

  /** Merge a timestamp received from another console; refuses clocks too far in the future. */
  receive(remote: string): string {
    const r = decodeHlc(remote);
    const physical = this.now();
    if (r.wallMs - physical > this.maxDriftMs) throw new ClockDriftError(r.wallMs, physical);
    const maxWall = Math.max(this.wallMs, r.wallMs, physical);
    if (maxWall === this.wallMs && maxWall === r.wallMs) {
      this.counter = Math.max(this.counter, r.counter);
      this.bumpCounter();
    } else if (maxWall === this.wallMs) {
      this.bumpCounter();
    } else if (maxWall === r.wallMs) {
      this.wallMs = r.wallMs;
      this.counter = r.counter;
      this.bumpCounter();
    } else {
      this.wallMs = physical;
      this.counter = 0;
    }
    return this.current();
  }

  current(): string {
    return encodeHlc({ wallMs: this.wallMs, counter: this.counter, deviceId: this.deviceId });
  }

  private bumpCounter(): void {
    if (this.counter >= MAX_COUNTER) {
      // Counter exhausted within one millisecond: borrow the next millisecond instead of wrapping.
      this.wallMs += 1;
      this.counter = 0;
    } else {
      this.counter += 1;
    }
  }
}
