/**
 * bench/RESULTS.md, written from bench/results/<size>.json alone: the tables of every size, no narrative
 * (the analysis of the figures lives in bench/ANALYSIS.md, by hand).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { Cell, HttpVariant, SizeResult, Variant, WorkloadResult } from './bench-result.js';
import { VARIANTS } from './bench-result.js';
import { barChart, type BarGroup, lineChart } from './charts.js';
import type { SizeName } from './gen-graph.js';
import { describeLoad } from './load.js';
import { median, RATE_CONNECTIONS } from './measure.js';

/** Where the per-size result files live. */
export const RESULTS_DIR = path.join('bench', 'results');
/** Where the report's charts are written (embedded by RESULTS.md). */
export const CHARTS_DIR = path.join('bench', 'charts');

/**
 * Workloads where the peer compiles the selection itself: S is held to S/P >= 1.5 there, and to 1.0 where
 * the peer runs our own statement through `@cypher` (its ceiling there is the floor's).
 */
export const spTarget = (workload: string): number => (/^(point|nested|list)/.test(workload) ? 1.5 : 1.0);
/** S against the HTTP floor, everywhere. */
export const SF1_TARGET = 0.85;

/**
 * Whether the cells of one report count noisy ones: a reported run (RESULTS.md) leaves every noisy cell
 * out and refuses a figure that had one; the noisy report (NOISY.md, `--allow-noisy`) keeps them.
 */
let keepNoisy = false;

/** The cells a figure may be computed from. */
const usable = (cells: readonly Cell[] | undefined): Cell[] => (cells ?? []).filter((c) => keepNoisy || !c.load?.noisy);
/** True when a figure of these cells is refused: one of them was measured on a busy machine. */
const refusedCells = (cells: readonly Cell[] | undefined): boolean => !keepNoisy && (cells ?? []).some((c) => c.load?.noisy);
/** The median of `k` over the usable cells; NaN when refused or empty. */
export const medianOf = (cells: readonly Cell[] | undefined, k: 'rps' | 'p50' | 'p99'): number =>
  refusedCells(cells) ? NaN : median(usable(cells).map((x) => x[k]));

/** A number with `digits` decimals, '-' when not finite. */
export const fmt = (x: number, digits = 0): string => (Number.isFinite(x) ? x.toFixed(digits) : '-');
const range = (values: readonly number[], digits = 0): string =>
  values.length === 0 ? '-' : `${fmt(median(values), digits)} (${fmt(Math.min(...values), digits)}-${fmt(Math.max(...values), digits)})`;
/** A figure's cell: median (range), or "refused" when a cell was noisy, "~" before it in a noisy report. */
const rangeOf = (cells: readonly Cell[] | undefined, digits = 0): string => {
  if (refusedCells(cells)) return `refused (${(cells ?? []).filter((c) => c.load?.noisy).length} noisy)`;
  const shown = range(
    usable(cells).map((x) => x.rps),
    digits,
  );
  return keepNoisy && (cells ?? []).some((c) => c.load?.noisy) ? `~${shown}` : shown;
};
const ratio = (a: number, b: number): string => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}` : '-');

/**
 * The issue's targets per workload, from the medians: S/P >= 1.5 where the peer compiles the selection
 * itself and >= 1.0 where it runs our statement, S >= 0.85x F1 at every concurrency, S's p99 no worse than P's (closed loop at every concurrency, and at the fixed rate), round
 * trips the same for every request of the workload. A cell reads "value yes/NO".
 */
function targetsTable(r: SizeResult): string[] {
  const mark = (ok: boolean): string => (ok ? 'yes' : 'NO');
  const lines = [
    '### Targets',
    '',
    `Per concurrency ${r.settings.concurrencies.join('/')}; fixed rate last. "-" where a variant had no successful run or a figure was refused (a cell measured on a busy machine).`,
    '',
    `| workload | S/P target | S/P | S/F1 >= ${SF1_TARGET} | p99 S <= P (closed) | p99 S <= P (fixed rate) | round trips constant |`,
    '|---|---|---|---|---|---|---|',
  ];
  for (const w of r.workloads) {
    const perC = (f: (cells: Partial<Record<Variant, Cell[]>>) => string): string =>
      r.settings.concurrencies.map((c) => f(w.cells[String(c)] ?? {})).join(' / ');
    const med = (cells: Partial<Record<Variant, Cell[]>>, v: Variant, k: 'rps' | 'p99'): number => medianOf(cells[v], k);
    const cmp = (a: number, b: number, test: (x: number) => boolean): string =>
      Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)} ${mark(test(a / b))}` : '-';
    const fixed = w.fixedRate?.cells;
    const fixedP99 = (v: HttpVariant): number => medianOf(fixed?.[v], 'p99');
    const trips = w.checks.S?.roundTrips;
    lines.push(
      `| ${w.key} | ${spTarget(w.key).toFixed(1)} | ${perC((cells) => cmp(med(cells, 'S', 'rps'), med(cells, 'P', 'rps'), (x) => x >= spTarget(w.key)))} | ` +
        `${perC((cells) => cmp(med(cells, 'S', 'rps'), med(cells, 'F1', 'rps'), (x) => x >= SF1_TARGET))} | ` +
        `${perC((cells) => cmp(med(cells, 'S', 'p99'), med(cells, 'P', 'p99'), (x) => x <= 1))} | ` +
        `${fixed ? cmp(fixedP99('S'), fixedP99('P'), (x) => x <= 1) : '-'} | ` +
        `${trips ? `${trips[0] === trips[1] ? trips[0] : `${trips[0]}-${trips[1]}`} ${mark(trips[0] === trips[1])}` : '-'} |`,
    );
  }
  lines.push('');
  return lines;
}

/** The row's load: the most CPU other processes used in a cell, the load average range, the cell length. */
function loadOf(cells: Partial<Record<Variant, Cell[]>>): string {
  const all = Object.values(cells).flat();
  const loads = all.flatMap((c) => (c.load ? [c.load] : []));
  if (loads.length === 0) return 'not recorded';
  const shares = loads.map((l) => l.during.otherShare).filter((x): x is number => x !== null);
  const avg = loads.map((l) => l.during.loadAverage[0]);
  const seconds = all.map((c) => c.seconds ?? NaN).filter(Number.isFinite);
  return (
    `${shares.length > 0 ? `${fmt(Math.max(...shares) * 100)}%` : '-'}, ${fmt(Math.min(...avg), 1)}-${fmt(Math.max(...avg), 1)}, ` +
    `${seconds.length > 0 ? fmt(median(seconds), 1) : '-'}`
  );
}

/** Bars of S/P and S/F1 per workload at concurrency `c`, with each workload's targets. */
function ratioGroups(r: SizeResult, c: number): BarGroup[] {
  return r.workloads.map((w) => {
    const cells = w.cells[String(c)] ?? {};
    const s = medianOf(cells.S, 'rps');
    return {
      label: w.key,
      bars: [
        { label: 'S/P', value: s / medianOf(cells.P, 'rps') },
        { label: 'S/F1', value: s / medianOf(cells.F1, 'rps') },
      ],
      targets: { 'S/P': spTarget(w.key), 'S/F1': SF1_TARGET },
    };
  });
}

/** Bars of p50 and p99 per HTTP variant and workload at concurrency `c`, with the repetitions' range. */
function latencyGroups(r: SizeResult, c: number): BarGroup[] {
  return r.workloads.map((w) => {
    const cells = w.cells[String(c)] ?? {};
    const bar = (v: HttpVariant, k: 'p50' | 'p99'): BarGroup['bars'][number] => {
      const values = usable(cells[v]).map((x) => x[k]);
      return {
        label: `${v} ${k}`,
        value: medianOf(cells[v], k),
        ...(values.length > 0 ? { range: [Math.min(...values), Math.max(...values)] as const } : {}),
      };
    };
    return { label: w.key, bars: [bar('F1', 'p50'), bar('S', 'p50'), bar('P', 'p50'), bar('F1', 'p99'), bar('S', 'p99'), bar('P', 'p99')] };
  });
}

/** The charts of one size: file name (under bench/charts) and SVG. */
export function sizeCharts(r: SizeResult): { file: string; title: string; svg: string }[] {
  const c = r.settings.concurrencies[0] ?? 8;
  const ratios = `S/P and S/F1 throughput, size ${r.size}, concurrency ${c}`;
  const latency = `Latency p50/p99 (ms, log scale), size ${r.size}, concurrency ${c}`;
  return [
    { file: `ratios-${r.size}.svg`, title: ratios, svg: barChart(ratios, ratioGroups(r, c), { unit: 'x' }) },
    { file: `latency-${r.size}.svg`, title: latency, svg: barChart(latency, latencyGroups(r, c), { unit: '', log: true }) },
  ];
}

/** S's median p50 at concurrency 8 (or the first) per workload and size: the growth table's figures. */
function growthFigures(results: readonly SizeResult[]): { workloads: string[]; bySize: Map<SizeName, Map<string, number>> } {
  const workloads = [...new Set(results.flatMap((r) => r.workloads.map((w) => w.key)))];
  const bySize = new Map<SizeName, Map<string, number>>();
  for (const r of results) {
    const c = String(r.settings.concurrencies.includes(8) ? 8 : r.settings.concurrencies[0]);
    bySize.set(r.size, new Map(r.workloads.map((w: WorkloadResult) => [w.key, medianOf(w.cells[c]?.S, 'p50')])));
  }
  return { workloads, bySize };
}

/** The cost-as-the-graph-grows chart: S's p50 against the number of actors, one line per workload. */
export function growthChart(results: readonly SizeResult[]): string {
  const { workloads, bySize } = growthFigures(results);
  const series = workloads.map((key) => ({
    label: key,
    points: results.map((r) => [r.actors, bySize.get(r.size)?.get(key) ?? NaN] as const),
  }));
  return lineChart('S latency p50 (ms) against graph size, concurrency 8', series, { x: 'actors (log scale)', y: 'p50 ms' });
}

/** The growth table: S's p50 per size, and the ratio of each size to the one before. */
function growthSection(results: readonly SizeResult[]): string[] {
  if (results.length < 2) return [];
  const { workloads, bySize } = growthFigures(results);
  const sizes = results.map((r) => r.size);
  const lines = [
    '## Cost as the graph grows',
    '',
    "S's median p50 latency (ms) at concurrency 8 per size, and the growth from one size to the next (actors x100 from S to M, x10 from M to L). " +
      'Expected: flat for the selective traversals (point, nested, paths, neighbourhoods, transitive: index seeks and bounded expansions), ' +
      'linear in the graph only for whole-graph counts. bench/ANALYSIS.md explains each row that is not.',
    '',
    `![S p50 against graph size](charts/growth.svg)`,
    '',
    `| workload | ${sizes.map((z) => `${z} p50 ms`).join(' | ')} | ${sizes
      .slice(1)
      .map((z, i) => `${z}/${sizes[i]}`)
      .join(' | ')} |`,
    `|---|${sizes.map(() => '---').join('|')}|${sizes
      .slice(1)
      .map(() => '---')
      .join('|')}|`,
  ];
  for (const key of workloads) {
    const values = sizes.map((z) => bySize.get(z)?.get(key) ?? NaN);
    lines.push(
      `| ${key} | ${values.map((v) => fmt(v, 1)).join(' | ')} | ${values
        .slice(1)
        .map((v, i) => ratio(v, values[i] as number))
        .join(' | ')} |`,
    );
  }
  lines.push('');
  return lines;
}

function sizeSection(r: SizeResult): string {
  const lines: string[] = [];
  lines.push(`## Size ${r.size}: ${r.actors.toLocaleString('en')} actors (seed ${r.seed})`, '');
  lines.push(
    `Graph: ${r.graph.nodes.toLocaleString('en')} nodes, ${r.graph.relationships.toLocaleString('en')} relationships (all types, incl. MENTIONED_IN, IMPOSED, TARGETS). ` +
      `Run started ${r.startedAt}, took ${fmt(r.seconds)} s. Settings: ${r.settings.quick ? 'quick, ' : ''}${r.settings.reps} repetitions of ${r.settings.durationS} s per variant, ` +
      `concurrency ${r.settings.concurrencies.join('/')}, alternating F0 F1 S P / P S F1 F0 after a warm-up` +
      (r.settings.minRequests
        ? `; each cell stretched to at least ${r.settings.minRequests} requests (and 2 per connection), at most ${r.settings.maxCellS} s; ` +
          `a cell during which other processes used more than ${fmt((r.settings.maxOtherShare ?? 0) * 100)}% of the CPU is measured again (twice at most), then refused.`
        : r.workloads.length > 0 && r.workloads.every((w) => w.rerun)
          ? '; machine load not recorded for this first run, but every workload below was re-run since (dates and settings in the re-runs below).'
          : '; machine load not recorded (run before issue 18: read its ratios as indications only).') +
      (r.settings.sSettings
        ? ` S ran with ${Object.entries(r.settings.sSettings)
            .map(([name, value]) => `${name}=${value}`)
            .join(', ')}.`
        : ''),
    '',
  );
  lines.push(
    r.load
      ? `Load (${r.loadReused ? 'from an earlier run, data reused' : 'this run'}): ${describeLoad(r.load)}.`
      : 'Load: data reused, no load report recorded.',
    '',
  );
  const probes = r.workloads.flatMap((w) =>
    Object.values(w.cells).flatMap((byVariant) =>
      Object.values(byVariant).flatMap((cells) =>
        (cells ?? []).flatMap((c) => (c.load?.probeMs ? [c.load.probeMs.before, c.load.probeMs.after] : [])),
      ),
    ),
  );
  if (probes.length > 0) {
    const fastest = Math.min(...probes);
    lines.push(
      `Speed probe (SHA-256 of 4 MiB in the bench process, before and after each cell): ${fmt(fastest, 1)}-${fmt(Math.max(...probes), 1)} ms; ` +
        `${probes.filter((ms) => ms > fastest * 1.25).length} of ${probes.length} probes over 1.25 times the fastest.`,
      '',
    );
  }
  if (r.warmup) {
    lines.push(
      `Warm-up: ${r.warmup.rounds} round(s) of every variant on the first workload, ${fmt(r.warmup.seconds)} s, ` +
        (r.warmup.steady
          ? 'until none was still rising (a round at most 5% above its best earlier one)'
          : r.settings.quick
            ? 'one round (a quick run does not wait for a steady rate)'
            : 'not steady at the bound: read the first workload with care') +
        ` (F1: ${(r.warmup.rps.F1 ?? []).join(', ')} req/s).`,
      '',
    );
  }
  lines.push(
    'Machine: ' +
      Object.entries(r.machine)
        .map(([k, v]) => `${k} ${v}`)
        .join('; ') +
      '.',
    '',
  );
  const reruns = r.workloads.filter((w) => w.rerun);
  if (reruns.length > 0)
    lines.push(
      `Re-run and merged (\`--only ... --merge\`): ${reruns
        .map(
          (w) =>
            `${w.key} (${w.rerun?.startedAt ?? ''}, ${w.rerun?.settings.reps ?? 0} repetitions, concurrency ${w.rerun?.settings.concurrencies.join('/') ?? ''})`,
        )
        .join(', ')}${reruns.length < r.workloads.length ? '; the other workloads are from the run above' : ''}.`,
      '',
    );
  lines.push(...targetsTable(r));
  if (!keepNoisy) for (const chart of sizeCharts(r)) lines.push(`![${chart.title}](charts/${chart.file})`, '');
  for (const c of r.settings.concurrencies) {
    lines.push(`### Throughput (req/s, median (min-max)) and latency (ms), concurrency ${c}`, '');
    lines.push(
      "The last column: the largest share of the machine's CPU other processes used during any cell of the row, the 1-minute load average range, and the cells' length.",
      '',
    );
    lines.push(
      "| workload | F0 req/s | F1 req/s | S req/s | P req/s | S p50/p99 | P p50/p99 | F1 p99 | S/P | S/F1 | P/F1 | p99 S/P | errors F1/S/P | others' CPU max, load, s/cell |",
    );
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const w of r.workloads) {
      const cells = w.cells[String(c)] ?? {};
      const rpsOf = (v: Variant): number => medianOf(cells[v], 'rps');
      const p = (v: Variant, k: 'p50' | 'p99'): number => medianOf(cells[v], k);
      const err = (v: Variant): string => {
        const total = (cells[v] ?? []).reduce((n, x) => n + x.errors, 0) + (w.checks[v]?.errors ?? 0);
        const codes: Record<string, number> = {};
        for (const cell of cells[v] ?? [])
          for (const [code, n] of Object.entries(cell.errorCodes ?? {})) codes[code] = (codes[code] ?? 0) + n;
        const detail = Object.entries(codes).map(([code, n]) => `${code} ${n}`);
        return detail.length > 0 ? `${total} (${detail.join(', ')})` : String(total);
      };
      lines.push(
        `| ${w.key} | ${rangeOf(cells.F0)} | ${rangeOf(cells.F1)} | ${rangeOf(cells.S)} | ${rangeOf(cells.P)} | ` +
          `${fmt(p('S', 'p50'), 1)} / ${fmt(p('S', 'p99'), 1)} | ${fmt(p('P', 'p50'), 1)} / ${fmt(p('P', 'p99'), 1)} | ${fmt(p('F1', 'p99'), 1)} | ` +
          `${ratio(rpsOf('S'), rpsOf('P'))} | ${ratio(rpsOf('S'), rpsOf('F1'))} | ${ratio(rpsOf('P'), rpsOf('F1'))} | ` +
          `${ratio(p('S', 'p99'), p('P', 'p99'))} | ${err('F1')}/${err('S')}/${err('P')} | ${loadOf(cells)} |`,
      );
    }
    lines.push('');
  }
  if (r.workloads.some((w) => w.fixedRate)) {
    lines.push(
      `### Latency at a fixed rate (open loop, ${RATE_CONNECTIONS} connections, half of F1's median throughput at concurrency ${r.settings.concurrencies[0]})`,
      '',
      'Latency corrected for coordinated omission (autocannon `overallRate`); "achieved" below the rate means the variant could not keep up.',
      '',
    );
    lines.push('| workload | rate req/s | achieved F1/S/P | F1 p50/p99 | S p50/p99 | P p50/p99 | p99 S/P | p99 S/F1 | errors F1/S/P |');
    lines.push('|---|---|---|---|---|---|---|---|---|');
    for (const w of r.workloads) {
      if (!w.fixedRate) continue;
      const cells = w.fixedRate.cells;
      const p = (v: HttpVariant, k: 'p50' | 'p99' | 'rps'): number => medianOf(cells[v], k);
      const errs = (v: HttpVariant): number => (cells[v] ?? []).reduce((n, x) => n + x.errors, 0);
      lines.push(
        `| ${w.key} | ${w.fixedRate.rate} | ${fmt(p('F1', 'rps'))}/${fmt(p('S', 'rps'))}/${fmt(p('P', 'rps'))} | ` +
          `${fmt(p('F1', 'p50'), 1)} / ${fmt(p('F1', 'p99'), 1)} | ${fmt(p('S', 'p50'), 1)} / ${fmt(p('S', 'p99'), 1)} | ${fmt(p('P', 'p50'), 1)} / ${fmt(p('P', 'p99'), 1)} | ` +
          `${ratio(p('S', 'p99'), p('P', 'p99'))} | ${ratio(p('S', 'p99'), p('F1', 'p99'))} | ${errs('F1')}/${errs('S')}/${errs('P')} |`,
      );
    }
    lines.push('');
  }
  lines.push('### Round trips, response sizes, server event-loop delay and RSS', '');
  lines.push(
    '| workload | requests | F0 statements | S round trips | S bytes | P bytes | S ELD p99 ms | P ELD p99 ms | S RSS MB | P RSS MB | CPU ms per request F1/S/P | first error |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const w of r.workloads) {
    const all = (v: Variant): Cell[] => Object.values(w.cells).flatMap((byV) => byV[v] ?? []);
    const eld = (v: Variant): string => fmt(median(all(v).map((x) => x.eldP99Ms ?? NaN)), 1);
    const rss = (v: Variant): string => fmt(Math.max(...all(v).map((x) => x.rssMb ?? 0)));
    // The server process's CPU per request in the closed-loop cells of the lowest concurrency (user + system).
    const low = w.cells[String(r.settings.concurrencies[0])];
    const cpu = (v: HttpVariant): string =>
      fmt(median((low?.[v] ?? []).filter((x) => typeof x.cpuMs === 'number').map((x) => (x.cpuMs as number) / Math.max(x.requests, 1))), 2);
    const span = (x: [number, number] | null | undefined): string => (x ? (x[0] === x[1] ? `${x[0]}` : `${x[0]}-${x[1]}`) : '-');
    const error = VARIANTS.map((v) => (w.checks[v]?.firstError ? `${v}: ${w.checks[v]?.firstError}` : '')).filter((e) => e)[0] ?? '';
    lines.push(
      `| ${w.key} | ${w.requests} | ${span(w.checks.F0?.roundTrips)} | ${span(w.checks.S?.roundTrips)} | ${span(w.checks.S?.bytes)} | ${span(w.checks.P?.bytes)} | ` +
        `${eld('S')} | ${eld('P')} | ${rss('S')} | ${rss('P')} | ${cpu('F1')}/${cpu('S')}/${cpu('P')} | ${error.replace(/\|/g, '/').slice(0, 120)} |`,
    );
  }
  lines.push('', '### PROFILE of the server statements (first 3 requests of each workload)', '');
  lines.push('| workload | statement | db hits | rows | ms |');
  lines.push('|---|---|---|---|---|');
  for (const w of r.workloads)
    for (const p of w.profile) lines.push(`| ${w.key} | ${p.name} | ${p.dbHits.toLocaleString('en')} | ${p.rows} | ${p.ms} |`);
  lines.push(
    '',
    'db hits summed over the profiled requests, per workload and statement ("(loaders)": the DataLoader path S took before issue 18):',
    '',
  );
  lines.push('| workload | statement | statements | db hits |', '|---|---|---|---|');
  for (const w of r.workloads) {
    const byName = new Map<string, { n: number; hits: number }>();
    for (const p of w.profile) {
      const group = p.name.endsWith('(loaders)') ? 'DataLoader path (loaders)' : p.name;
      const t = byName.get(group) ?? { n: 0, hits: 0 };
      byName.set(group, { n: t.n + 1, hits: t.hits + p.dbHits });
    }
    for (const [name, t] of byName) lines.push(`| ${w.key} | ${name} | ${t.n} | ${t.hits.toLocaleString('en')} |`);
  }
  lines.push('');
  return lines.join('\n');
}

function readResults(pattern: RegExp): SizeResult[] {
  const files = existsSync(RESULTS_DIR) ? readdirSync(RESULTS_DIR).filter((f) => pattern.test(f)) : [];
  const order: SizeName[] = ['S', 'M', 'L'];
  return files
    .map((f) => JSON.parse(readFileSync(path.join(RESULTS_DIR, f), 'utf8')) as SizeResult)
    .sort((a, b) => order.indexOf(a.size) - order.indexOf(b.size));
}

const HEAD = [
  "Variants: F0 raw neo4j-driver loop with the server's own Cypher (imported from src/graph/cypher), each statement",
  'an auto-commit read (RUN and PULL, no BEGIN or COMMIT; runs before 2026-12-01 18:44 used `executeQuery`, which',
  'adds both), F1 bare node:http endpoint running F0, S this server (production, silent logs), P @neo4j/graphql 7',
  'on Apollo Server 5 (@cypher fields wrapping the same statements for transitive, paths and neighbourhood). F1, S',
  'and P each run in their own Node process; autocannon and F0 run in the bench process. "CPU ms per request" is',
  "the server process's user and system CPU over a cell divided by its requests (absent in older runs).",
  'Closed loop per concurrency, then open loop at a fixed rate; ratios are of medians. Errors count non-200 answers',
  'and GraphQL errors inside HTTP 200.',
  '',
];

/**
 * The Markdown of `results`; with `noisy` the cells measured on a busy machine are kept (marked "~") and
 * no chart is drawn. Exported for the tests.
 */
export function renderReport(results: readonly SizeResult[], noisy: boolean): string {
  keepNoisy = noisy;
  try {
    const head = noisy
      ? [
          '# Noisy bench run (NOT a result)',
          '',
          'Written by `npm run bench -- --allow-noisy` from bench/results/<size>-noisy.json. Cells measured while other',
          'processes used the CPU are kept and marked "~": these figures exercise the bench, they measure nothing. Never',
          'copy them into RESULTS.md.',
          '',
        ]
      : [
          '# Benchmark results',
          '',
          'Written by `npm run bench` (bench/run.ts) from bench/results/<size>.json, charts included (bench/charts/*.svg);',
          'do not edit by hand. What the figures mean, which targets are missed and why, and what changed between runs:',
          'bench/ANALYSIS.md.',
          '',
        ];
    return [...head, ...HEAD, ...results.map(sizeSection), ...(noisy ? [] : growthSection(results))].join('\n');
  } finally {
    keepNoisy = false;
  }
}

/** Rewrites bench/RESULTS.md and bench/charts/*.svg from the reported result files (S.json, M.json, L.json). */
export function writeReport(): void {
  const results = readResults(/^[SML]\.json$/);
  const text = renderReport(results, false);
  mkdirSync(CHARTS_DIR, { recursive: true });
  for (const r of results) for (const chart of sizeCharts(r)) writeFileSync(path.join(CHARTS_DIR, chart.file), chart.svg);
  if (results.length > 1) writeFileSync(path.join(CHARTS_DIR, 'growth.svg'), growthChart(results));
  writeFileSync(path.join('bench', 'RESULTS.md'), text);
}

/** Writes bench/results/NOISY.md from the `--allow-noisy` runs (<size>-noisy.json); RESULTS.md is left alone. */
export function writeNoisyReport(): void {
  writeFileSync(path.join(RESULTS_DIR, 'NOISY.md'), renderReport(readResults(/^[SML]-noisy\.json$/), true));
}
