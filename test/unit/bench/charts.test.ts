/**
 * The bench's charts (bench/charts.ts, bench/report.ts) from a fixed result: well-formed SVG that GitHub
 * renders (no script, no foreignObject), with the bars, target lines and labels the figures call for; and a
 * cell measured on a busy machine is refused in the report, kept (marked) only in the noisy one.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

import type { Cell, SizeResult } from '../../../bench/bench-result.js';
import { growthChart, renderReport, sizeCharts } from '../../../bench/report.js';

const quiet = { otherShare: 0.02, ownShare: 0.8, loadAverage: [1, 1, 1] as const, seconds: 2 };
const cell = (rps: number, p50: number, p99: number, noisy = false): Cell => ({
  rps,
  p50,
  p99,
  errors: 0,
  requests: Math.round(rps * 2),
  eldP99Ms: null,
  rssMb: null,
  seconds: 2,
  load: { before: quiet, waitedS: 0, during: noisy ? { ...quiet, otherShare: 0.6 } : quiet, noisy, retries: noisy ? 2 : 0 },
});

function result(size: 'S' | 'M', actors: number, noisyS = false): SizeResult {
  const workload = (key: string, s: number): SizeResult['workloads'][number] => ({
    key,
    title: key,
    requests: 3,
    checks: { S: { roundTrips: [1, 1], bytes: [100, 120], errors: 0, firstError: null } },
    profile: [],
    cells: {
      '8': {
        F0: [cell(300, 10, 20), cell(310, 10, 21)],
        F1: [cell(200, 12, 25), cell(210, 12, 26)],
        S: [cell(s, 14, 30, noisyS), cell(s + 10, 14, 31)],
        P: [cell(100, 20, 40), cell(110, 21, 41)],
      },
    },
  });
  return {
    size,
    actors,
    seed: 42,
    graph: { nodes: actors, relationships: actors * 10 },
    load: null,
    loadReused: true,
    settings: {
      quick: false,
      seed: 42,
      batch: 5000,
      writers: 1,
      durationS: 2,
      concurrencies: [8],
      reps: 2,
      minRequests: 200,
      maxCellS: 60,
      maxOtherShare: 0.1,
    },
    machine: {},
    startedAt: '2026-12-01T00:00:00.000Z',
    seconds: 10,
    workloads: [workload('point', 180), workload('transitive', 120)],
  };
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

function parse(svg: string): Record<string, unknown> {
  expect(XMLValidator.validate(svg)).toBe(true);
  expect(svg).not.toMatch(/<script|<foreignObject|on[a-z]+="/i);
  return (parser.parse(svg) as { svg: Record<string, unknown> }).svg;
}

const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

describe('bench charts', () => {
  it('draws S/P and S/F1 per workload with their target lines', () => {
    const [ratios] = sizeCharts(result('M', 100_000));
    expect(ratios?.file).toBe('ratios-M.svg');
    const svg = parse(ratios?.svg ?? '');
    expect(svg['xmlns']).toBe('http://www.w3.org/2000/svg');
    const rects = list(svg['rect'] as Record<string, unknown>[]).filter((r) => r['class'] === 'bar');
    // Two workloads x (S/P, S/F1).
    expect(rects.map((r) => (r['title'] as string) ?? '')).toEqual([
      'point S/P: 1.76x',
      'point S/F1: 0.90x',
      'transitive S/P: 1.19x',
      'transitive S/F1: 0.61x',
    ]);
    const targets = list(svg['line'] as Record<string, unknown>[])
      .filter((l) => l['class'] === 'target')
      .map((l) => l['title']);
    expect(targets).toEqual(['target S/P 1.50', 'target S/F1 0.85', 'target S/P 1.00', 'target S/F1 0.85']);
    const texts = list(svg['text'] as (string | Record<string, unknown>)[]).map((t) => (typeof t === 'string' ? t : String(t['#text'])));
    expect(texts).toEqual(expect.arrayContaining(['point', 'transitive', 'S/P', 'S/F1', '1.76', '0.61']));
  });

  it('draws p50 and p99 per variant on a log scale, and latency against graph size', () => {
    const [, latency] = sizeCharts(result('M', 100_000));
    const bars = list(parse(latency?.svg ?? '')['rect'] as Record<string, unknown>[]).filter((r) => r['class'] === 'bar');
    expect(bars).toHaveLength(12);
    expect(bars[1]?.['title']).toBe('point S p50: 14');
    const growth = parse(growthChart([result('S', 1000), result('M', 100_000)]));
    expect(list(growth['polyline'] as unknown[])).toHaveLength(2);
    expect(list(growth['circle'] as unknown[])).toHaveLength(4);
  });

  it('refuses a figure with a noisy cell in RESULTS.md and marks it in the noisy report', () => {
    const noisy = result('M', 100_000, true);
    const reported = renderReport([noisy], false);
    expect(reported).toContain('refused (1 noisy)');
    expect(reported).toContain('![S/P and S/F1 throughput, size M, concurrency 8](charts/ratios-M.svg)');
    const kept = renderReport([noisy], true);
    expect(kept).toContain('NOT a result');
    expect(kept).toContain('~185 (180-190)');
    expect(kept).not.toContain('charts/');
  });
});
