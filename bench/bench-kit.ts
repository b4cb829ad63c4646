/** Shared by the benchmark scripts: one result per line, figures named with their unit. */
export interface BenchResult {
  bench: string;
  n: number;
  [figure: string]: number | string;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Times `fn` `runs` times after `warmup` untimed runs; returns median and p99 in ms. */
export async function timeRuns(
  fn: () => unknown,
  runs = 50,
  warmup = 5,
): Promise<{ median_ms: number; p99_ms: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { median_ms: round(percentile(samples, 50)), p99_ms: round(percentile(samples, 99)) };
}

const tenth = (x: number) => Math.round(x * 10) / 10;

/** One latency result: p50 and p95 of `samples` (ms, to a tenth) with any further figures. */
export function latencyFigures(
  bench: string,
  samples: readonly number[],
  extra: Record<string, number> = {},
): BenchResult {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    bench,
    n: samples.length,
    p50_ms: tenth(percentile(sorted, 50)),
    p95_ms: tenth(percentile(sorted, 95)),
    ...extra,
  };
}
