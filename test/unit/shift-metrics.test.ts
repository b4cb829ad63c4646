import { describe, expect, it } from 'vitest';
import {
  computeShiftMetrics,
  intervalStats,
  percentileNearestRank,
  type TimingSample,
} from '../../shared/shifts/metrics';
import { renderMetricsChartSvg } from '../../shared/shifts/chart-svg';

describe('nearest-rank percentiles', () => {
  it('picks the value at rank ceil(p/100 * n)', () => {
    const ten = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(percentileNearestRank(ten, 50)).toBe(50); // rank 5
    expect(percentileNearestRank(ten, 90)).toBe(90); // rank 9
    expect(percentileNearestRank(ten, 91)).toBe(100); // rank ceil(9.1) = 10
    expect(percentileNearestRank(ten, 0)).toBe(10);
    expect(percentileNearestRank(ten, 100)).toBe(100);
  });
  it('does not care about input order and never interpolates', () => {
    expect(percentileNearestRank([40, 10, 30, 20], 50)).toBe(20); // rank 2
    expect(percentileNearestRank([40, 10, 30, 20], 90)).toBe(40); // rank ceil(3.6) = 4
    expect(percentileNearestRank([7], 90)).toBe(7);
  });
  it('is null for no data and refuses a nonsense p', () => {
    expect(percentileNearestRank([], 50)).toBeNull();
    expect(() => percentileNearestRank([1], 101)).toThrow(RangeError);
  });
});

describe('shift metrics', () => {
  it('counts the share within the 60 s target (inclusive) and whether 90% made it', () => {
    const s = intervalStats('call_to_saved', [30_000, 45_000, 60_000, 61_000, 20_000]);
    expect(s).toEqual({
      kind: 'call_to_saved',
      count: 5,
      p50Ms: 45_000,
      p90Ms: 61_000,
      withinTarget: 0.8,
      meetsTarget: false,
    });
    const good = intervalStats('saved_to_verified', [
      ...Array.from({ length: 9 }, () => 50_000),
      90_000,
    ]);
    expect(good.withinTarget).toBe(0.9);
    expect(good.meetsTarget).toBe(true);
    expect(good.p90Ms).toBe(50_000);
  });

  it('uses only samples that ended inside the shift window, one row per interval', () => {
    const at = (m: number) =>
      new Date(Date.parse('2026-11-28T14:00:00Z') + m * 60_000).toISOString();
    const samples: TimingSample[] = [
      { kind: 'call_to_saved', durationMs: 40_000, endedAt: at(-5) }, // before the shift
      { kind: 'call_to_saved', durationMs: 35_000, endedAt: at(5) },
      { kind: 'call_to_saved', durationMs: 75_000, endedAt: at(10) },
      { kind: 'verified_to_assigned', durationMs: 120_000, endedAt: at(20) },
      { kind: 'notified_to_accepted', durationMs: 5_000, endedAt: at(70) }, // after
    ];
    const m = computeShiftMetrics(samples, { from: at(0), to: at(60) });
    expect(m.intervals.map((i) => [i.kind, i.count])).toEqual([
      ['call_to_saved', 2],
      ['saved_to_verified', 0],
      ['verified_to_assigned', 1],
      ['notified_to_accepted', 0],
    ]);
    expect(m.intervals[0]).toMatchObject({ p50Ms: 35_000, p90Ms: 75_000, withinTarget: 0.5 });
    expect(m.intervals[1]).toMatchObject({ p50Ms: null, withinTarget: null, meetsTarget: null });
    const svg = renderMetricsChartSvg(m, 'es');
    expect(svg).toContain('meta 60 s');
    expect(svg).toContain('p90 75 s');
  });
});
