/**
 * Shift metrics: how fast the dispatch steps went during a shift, against the processing target
 * dispatch standards use (NFPA 1225: 90% of alarms processed within 60 seconds).
 *
 * Percentiles use the NEAREST-RANK method: sort the n durations ascending; the p-th percentile is
 * the value at 1-based rank ceil(p/100 * n) (rank 1 when p is 0). It is always one of the measured
 * values (no interpolation), so "p90 = 58 s" means at least 90% of the intervals took 58 s or less.
 */
import { TIMING_KINDS } from '../api/schemas';

export type TimingKind = (typeof TIMING_KINDS)[number];
export const TARGET_MS = 60_000;
export const TARGET_SHARE = 0.9;

export interface TimingSample {
  kind: TimingKind;
  durationMs: number;
  endedAt: string;
}

export interface IntervalStats {
  kind: TimingKind;
  count: number;
  p50Ms: number | null;
  p90Ms: number | null;
  /** Share of intervals at or under the 60 s target, 0..1; null when none. */
  withinTarget: number | null;
  /** True when at least 90% were within 60 s. */
  meetsTarget: boolean | null;
}

export interface ShiftMetrics {
  from: string;
  to: string;
  targetMs: number;
  intervals: IntervalStats[];
}

/** Nearest-rank percentile of `values` (any order). Null for an empty list. */
export function percentileNearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be 0..100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function intervalStats(kind: TimingKind, durations: readonly number[]): IntervalStats {
  const count = durations.length;
  const within = count ? durations.filter((d) => d <= TARGET_MS).length / count : null;
  return {
    kind,
    count,
    p50Ms: percentileNearestRank(durations, 50),
    p90Ms: percentileNearestRank(durations, 90),
    withinTarget: within,
    meetsTarget: within === null ? null : within >= TARGET_SHARE,
  };
}

/** Metrics over the samples that ENDED inside [from, to] (inclusive), one row per interval kind. */
export function computeShiftMetrics(
  samples: readonly TimingSample[],
  window: { from: string; to: string },
): ShiftMetrics {
  const from = Date.parse(window.from);
  const to = Date.parse(window.to);
  const inWindow = samples.filter((s) => {
    const t = Date.parse(s.endedAt);
    return t >= from && t <= to;
  });
  return {
    from: window.from,
    to: window.to,
    targetMs: TARGET_MS,
    intervals: TIMING_KINDS.map((kind) =>
      intervalStats(
        kind,
        inWindow.filter((s) => s.kind === kind).map((s) => s.durationMs),
      ),
    ),
  };
}
