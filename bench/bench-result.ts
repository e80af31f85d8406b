/**
 * The shape of bench/results/<size>.json: written by bench/run.ts from bench/measure.ts's cells, read by
 * bench/report.ts. Older result files lack some optional fields; the report copes with them.
 */
import type { ProfileRow } from './floor.js';
import type { SizeName } from './gen-graph.js';
import type { LoadReport } from './load.js';
import type { LoadSample } from './machine-load.js';

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
  /** Fewest requests a cell must complete; its duration is stretched to reach them (`--min-requests`). */
  readonly minRequests?: number;
  /** Longest a cell may be stretched to, in seconds (`--max-cell`). */
  readonly maxCellS?: number;
  /** Largest share of the machine other processes may use during a reported cell (`--max-other-cpu`). */
  readonly maxOtherShare?: number;
  /** Longest the bench waits before a cell for the machine to settle, in seconds (`--settle`). */
  readonly settleTimeoutS?: number;
  /**
   * Keep cells measured on a busy machine, marked noisy (`--allow-noisy`): the run is written to
   * bench/results/<size>-noisy.json and bench/results/NOISY.md, never to RESULTS.md.
   */
  readonly allowNoisy?: boolean;
  /** Settings S ran with besides the bench's own (`BENCH_S_<NAME>` in the environment; absent: none). */
  readonly sSettings?: Readonly<Record<string, string>>;
}

/** The machine's state around one cell (absent in results before issue 18). */
export interface CellLoad {
  /** The last sample before the cell, after waiting `waitedS` for the machine to settle. */
  readonly before: LoadSample;
  readonly waitedS: number;
  /** During the cell. */
  readonly during: LoadSample;
  /** Other processes used more than the allowed share during the cell. */
  readonly noisy: boolean;
  /** Measurements of this cell thrown away as noisy before this one. */
  readonly retries: number;
  /**
   * The speed probe ({@link speedProbeMs} in machine-load.ts) just before and just after the cell, in ms:
   * a fixed piece of CPU work whose time shows how fast this VM's cores are running, which the share of
   * other guest processes cannot show (absent in results before it was added).
   */
  readonly probeMs?: { readonly before: number; readonly after: number };
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
  /**
   * CPU the server process used in the cell (user and system, ms); per request, what a variant spends of
   * the cores it shares with Neo4j (absent in older results, null for F0, which runs in the bench).
   */
  readonly cpuMs?: number | null;
  /** Seconds the cell ran for (stretched to reach the fewest requests). */
  readonly seconds?: number;
  readonly load?: CellLoad;
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
  /** Set when this workload was re-run alone and merged into the size's results (`--only ... --merge`). */
  readonly rerun?: { readonly startedAt: string; readonly settings: Settings };
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
  /** The warm-up before the first workload (absent in results before it was added). */
  readonly warmup?: Warmup;
  readonly workloads: WorkloadResult[];
}

/**
 * The warm-up of a run: rounds of every variant on the first workload until none is still rising (its last
 * round at most {@link STEADY_CHANGE} above its best earlier one), or the bound was reached (`steady` false).
 */
export interface Warmup {
  readonly rounds: number;
  readonly seconds: number;
  readonly steady: boolean;
  /** Requests per second of each round, per variant. */
  readonly rps: Readonly<Partial<Record<Variant, readonly number[]>>>;
}

/** How far above its best earlier warm-up round a variant may be and count as no longer rising. */
export const STEADY_CHANGE = 0.05;

/**
 * True when a variant's warm-up rounds (requests per second, oldest first) have stopped rising: three
 * rounds at least, the last at most {@link STEADY_CHANGE} above the best before it. Two rounds within a
 * few percent of each other would be too strict a test: cells of one warm variant differ by 10-20% here.
 *
 * @example
 * noLongerRising([245, 1497, 3316, 2778]); // true
 */
export function noLongerRising(rounds: readonly number[]): boolean {
  if (rounds.length < 3) return false;
  const last = rounds.at(-1) ?? 0;
  return last <= Math.max(...rounds.slice(0, -1)) * (1 + STEADY_CHANGE);
}
