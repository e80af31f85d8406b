/**
 * The shape of bench/results/<size>.json: written by bench/run.ts from bench/measure.ts's cells, read by
 * bench/report.ts. Older result files lack some optional fields; the report copes with them.
 */
import type { ProfileRow } from './floor.js';
import type { SizeName } from './gen-graph.js';
import type { LoadReport } from './load.js';

/** The variants of BENCHMARK.md, in the order they run. */
export const VARIANTS = ['F0', 'F1', 'S', 'P'] as const;
/** One variant. */
export type Variant = (typeof VARIANTS)[number];
/** The variants measured over HTTP. */
export type HttpVariant = Exclude<Variant, 'F0'>;

/** How a run was asked for (recorded in its results). */
export interface Settings {
  readonly quick: boolean;
  readonly seed: number;
  readonly batch: number;
  readonly writers: number;
  readonly durationS: number;
  readonly concurrencies: readonly number[];
  readonly reps: number;
  /** Repetitions of the fixed-rate latency run (0: not run). */
  readonly rateReps?: number;
  /** Only the workloads whose key starts with one of these (`--only transitive,hood`). */
  readonly only?: readonly string[];
  /** Servers write V8 CPU profiles to bench/.data/cpu-prof (`--cpu-prof`). */
  readonly cpuProfile?: boolean;
}

/** One measured run of one variant. */
export interface Cell {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  /** Errors by kind: the GraphQL `extensions.code`, `HTTP <status>`, `socket` or `timeout` (absent in older results). */
  readonly errorCodes?: Record<string, number>;
  readonly requests: number;
  readonly eldP99Ms: number | null;
  readonly rssMb: number | null;
}

/** What one workload looks like per variant before timing: round trips and response size. */
export interface Check {
  readonly roundTrips: [number, number] | null;
  readonly bytes: [number, number];
  readonly errors: number;
  readonly firstError: string | null;
}

/** One workload at one size: checks, PROFILE rows and the measured cells. */
export interface WorkloadResult {
  readonly key: string;
  readonly title: string;
  readonly requests: number;
  readonly checks: Partial<Record<Variant, Check>>;
  readonly profile: ProfileRow[];
  /** concurrency -> variant -> cells */
  readonly cells: Record<string, Partial<Record<Variant, Cell[]>>>;
  /** Latency at a fixed request rate (half of F1's closed-loop throughput), absent in older results. */
  readonly fixedRate?: FixedRateResult;
}

/** Open-loop latency: every HTTP variant offered the same rate, coordinated omission corrected. */
export interface FixedRateResult {
  readonly rate: number;
  readonly connections: number;
  readonly cells: Partial<Record<HttpVariant, Cell[]>>;
}

/** One size of a run, as bench/results/<size>.json holds it. */
export interface SizeResult {
  readonly size: SizeName;
  readonly actors: number;
  readonly seed: number;
  readonly graph: { nodes: number; relationships: number };
  readonly load: LoadReport | null;
  readonly loadReused: boolean;
  readonly settings: Settings;
  readonly machine: Record<string, string>;
  readonly startedAt: string;
  readonly seconds: number;
  readonly workloads: WorkloadResult[];
}
