/**
 * What else the machine is doing while the bench measures (issue 18): the CPU time of every process that is
 * not the bench's own (the bench process, its F1/S/P servers and its Neo4j), read from /proc, as a share of
 * the machine's capacity. A cell measured while others used more than the allowed share is not a figure.
 * Where /proc is missing (not Linux) nothing is measured and every cell counts as quiet, marked unknown.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** The machine's CPU use in one interval: the share used by processes other than ours, and the load. */
export interface LoadSample {
  /** Busy CPU time of other processes over the interval, as a share of all cores (0..1); null without /proc. */
  readonly otherShare: number | null;
  /** Busy CPU time of the bench's processes (bench, servers, Neo4j), as a share of all cores. */
  readonly ownShare: number | null;
  /** os.loadavg() at the end of the interval (1, 5 and 15 minutes). */
  readonly loadAverage: readonly [number, number, number];
  readonly seconds: number;
}

/** The default share of the machine other processes may use during a reported cell. */
export const DEFAULT_MAX_OTHER_SHARE = 0.1;

const TICKS_PER_SECOND = 100;

function readTotalBusyTicks(): number | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    // cpu user nice system idle iowait irq softirq steal ...
    const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
    return (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
  } catch {
    return null;
  }
}

/** utime + stime + cutime + cstime of one process, in ticks; 0 when it is gone. */
function processTicks(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command sits in parentheses and may hold spaces: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return [11, 12, 13, 14].reduce((n, i) => n + Number(fields[i] ?? 0), 0);
  } catch {
    return 0;
  }
}

/** Every descendant of `root` (children of children...), from /proc/<pid>/stat's parent field. */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      } catch {
        // gone meanwhile
      }
    }
  } catch {
    return [];
  }
  const found: number[] = [];
  const frontier = [root];
  while (frontier.length > 0) {
    const p = frontier.pop() as number;
    for (const [child, of] of parent)
      if (of === p) {
        found.push(child);
        frontier.push(child);
      }
  }
  return found;
}

/**
 * Measures CPU use between {@link LoadMeter.start} and {@link LoadMeter.stop}: ours is the bench process,
 * its descendants (servers, the tsx loader) and the extra pids (the bench Neo4j, started detached).
 */
export class LoadMeter {
  private started: { at: number; total: number | null; ours: number } | null = null;

  constructor(private readonly extraPids: () => readonly number[]) {}

  private ourTicks(): number {
    const pids = new Set([process.pid, ...descendants(process.pid)]);
    for (const pid of this.extraPids()) {
      pids.add(pid);
      for (const d of descendants(pid)) pids.add(d);
    }
    let ticks = 0;
    for (const pid of pids) ticks += processTicks(pid);
    return ticks;
  }

  /** Starts an interval. */
  start(): void {
    this.started = { at: performance.now(), total: readTotalBusyTicks(), ours: this.ourTicks() };
  }

  /** Ends the interval and returns its sample. */
  stop(): LoadSample {
    const begun = this.started;
    if (!begun) throw new Error('LoadMeter.stop before start');
    const seconds = (performance.now() - begun.at) / 1000;
    const total = readTotalBusyTicks();
    const ours = this.ourTicks();
    const loadAverage = os.loadavg() as [number, number, number];
    if (total === null || begun.total === null || seconds <= 0) return { otherShare: null, ownShare: null, loadAverage, seconds };
    const capacity = seconds * TICKS_PER_SECOND * os.cpus().length;
    // Our processes' counters include reaped children (cutime), so clamp: the split is an estimate.
    const own = Math.max(0, ours - begun.ours);
    const other = Math.max(0, total - begun.total - own);
    return { otherShare: Math.min(1, other / capacity), ownShare: Math.min(1, own / capacity), loadAverage, seconds };
  }

  /** Samples one interval of `seconds`. */
  async sample(seconds: number): Promise<LoadSample> {
    this.start();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    return this.stop();
  }

  /**
   * Waits until a sample of `sampleS` seconds shows other processes under `maxShare` of the machine, at
   * most `timeoutS`; returns the last sample (quiet or not) and how long it waited.
   */
  async settle(maxShare: number, timeoutS: number, sampleS: number): Promise<{ sample: LoadSample; waitedS: number }> {
    const begun = performance.now();
    for (;;) {
      const sample = await this.sample(sampleS);
      const waitedS = (performance.now() - begun) / 1000;
      if (sample.otherShare === null || sample.otherShare <= maxShare || waitedS >= timeoutS) return { sample, waitedS };
    }
  }
}

/**
 * Milliseconds this process takes for a fixed piece of CPU work (SHA-256 over 4 MiB, the fastest of three
 * tries): slower when the VM's cores run slower (a host sharing them), which the share of other guest
 * processes cannot show. It checks one cause of the drift seen on this VM (the same cell at 4,261 and at
 * 1,589 requests per second twelve rounds apart, no other guest process busy); it is compute-bound and
 * does not see contention for memory or caches (bench/ANALYSIS.md).
 *
 * @example
 * const before = speedProbeMs(); // ms; larger when the host is busy
 */
export function speedProbeMs(): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    createHash('sha256').update(PROBE_DATA).digest();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return Math.round(best * 100) / 100;
}

const PROBE_DATA = Buffer.alloc(4 * 1024 * 1024, 7);
