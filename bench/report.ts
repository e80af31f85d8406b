/**
 * bench/RESULTS.md, written from bench/results/<size>.json alone: the tables of every size, no narrative
 * (the analysis of the figures lives in bench/ANALYSIS.md, by hand).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { Cell, HttpVariant, SizeResult, Variant } from './bench-result.js';
import { VARIANTS } from './bench-result.js';
import type { SizeName } from './gen-graph.js';
import { describeLoad } from './load.js';
import { median, RATE_CONNECTIONS } from './measure.js';

/** Where the per-size result files live. */
export const RESULTS_DIR = path.join('bench', 'results');

/** A number with `digits` decimals, '-' when not finite. */
export const fmt = (x: number, digits = 0): string => (Number.isFinite(x) ? x.toFixed(digits) : '-');
const range = (values: readonly number[], digits = 0): string =>
  values.length === 0 ? '-' : `${fmt(median(values), digits)} (${fmt(Math.min(...values), digits)}-${fmt(Math.max(...values), digits)})`;
const ratio = (a: number, b: number): string => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}` : '-');

/**
 * The issue's targets per workload, from the medians: S >= 1.5x P throughput and S >= 0.7x F1 at every
 * concurrency, S's p99 no worse than P's (closed loop at every concurrency, and at the fixed rate), round
 * trips the same for every request of the workload. A cell reads "value yes/NO".
 */
function targetsTable(r: SizeResult): string[] {
  const mark = (ok: boolean): string => (ok ? 'yes' : 'NO');
  const lines = [
    '### Targets',
    '',
    `Per concurrency ${r.settings.concurrencies.join('/')}; fixed rate last. "-" where a variant had no successful run.`,
    '',
    '| workload | S/P >= 1.5 | S/F1 >= 0.7 | p99 S <= P (closed) | p99 S <= P (fixed rate) | round trips constant |',
    '|---|---|---|---|---|---|',
  ];
  for (const w of r.workloads) {
    const perC = (f: (cells: Partial<Record<Variant, Cell[]>>) => string): string =>
      r.settings.concurrencies.map((c) => f(w.cells[String(c)] ?? {})).join(' / ');
    const med = (cells: Partial<Record<Variant, Cell[]>>, v: Variant, k: 'rps' | 'p99'): number =>
      median((cells[v] ?? []).map((x) => x[k]));
    const cmp = (a: number, b: number, test: (x: number) => boolean): string =>
      Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)} ${mark(test(a / b))}` : '-';
    const fixed = w.fixedRate?.cells;
    const fixedP99 = (v: HttpVariant): number => median((fixed?.[v] ?? []).map((x) => x.p99));
    const trips = w.checks.S?.roundTrips;
    lines.push(
      `| ${w.key} | ${perC((cells) => cmp(med(cells, 'S', 'rps'), med(cells, 'P', 'rps'), (x) => x >= 1.5))} | ` +
        `${perC((cells) => cmp(med(cells, 'S', 'rps'), med(cells, 'F1', 'rps'), (x) => x >= 0.7))} | ` +
        `${perC((cells) => cmp(med(cells, 'S', 'p99'), med(cells, 'P', 'p99'), (x) => x <= 1))} | ` +
        `${fixed ? cmp(fixedP99('S'), fixedP99('P'), (x) => x <= 1) : '-'} | ` +
        `${trips ? `${trips[0] === trips[1] ? trips[0] : `${trips[0]}-${trips[1]}`} ${mark(trips[0] === trips[1])}` : '-'} |`,
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
      `concurrency ${r.settings.concurrencies.join('/')}, alternating F0 F1 S P / P S F1 F0 after a warm-up.`,
    '',
  );
  lines.push(
    r.load
      ? `Load (${r.loadReused ? 'from an earlier run, data reused' : 'this run'}): ${describeLoad(r.load)}.`
      : 'Load: data reused, no load report recorded.',
    '',
  );
  lines.push(
    'Machine: ' +
      Object.entries(r.machine)
        .map(([k, v]) => `${k} ${v}`)
        .join('; ') +
      '.',
    '',
  );
  lines.push(...targetsTable(r));
  for (const c of r.settings.concurrencies) {
    lines.push(`### Throughput (req/s, median (min-max)) and latency (ms), concurrency ${c}`, '');
    lines.push(
      '| workload | F0 req/s | F1 req/s | S req/s | P req/s | S p50/p99 | P p50/p99 | F1 p99 | S/P | S/F1 | P/F1 | p99 S/P | errors F1/S/P |',
    );
    lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const w of r.workloads) {
      const cells = w.cells[String(c)] ?? {};
      const rps = (v: Variant): number[] => (cells[v] ?? []).map((x) => x.rps);
      const p = (v: Variant, k: 'p50' | 'p99'): number => median((cells[v] ?? []).map((x) => x[k]));
      const err = (v: Variant): string => {
        const total = (cells[v] ?? []).reduce((n, x) => n + x.errors, 0) + (w.checks[v]?.errors ?? 0);
        const codes: Record<string, number> = {};
        for (const cell of cells[v] ?? [])
          for (const [code, n] of Object.entries(cell.errorCodes ?? {})) codes[code] = (codes[code] ?? 0) + n;
        const detail = Object.entries(codes).map(([code, n]) => `${code} ${n}`);
        return detail.length > 0 ? `${total} (${detail.join(', ')})` : String(total);
      };
      lines.push(
        `| ${w.key} | ${range(rps('F0'))} | ${range(rps('F1'))} | ${range(rps('S'))} | ${range(rps('P'))} | ` +
          `${fmt(p('S', 'p50'), 1)} / ${fmt(p('S', 'p99'), 1)} | ${fmt(p('P', 'p50'), 1)} / ${fmt(p('P', 'p99'), 1)} | ${fmt(p('F1', 'p99'), 1)} | ` +
          `${ratio(median(rps('S')), median(rps('P')))} | ${ratio(median(rps('S')), median(rps('F1')))} | ${ratio(median(rps('P')), median(rps('F1')))} | ` +
          `${ratio(p('S', 'p99'), p('P', 'p99'))} | ${err('F1')}/${err('S')}/${err('P')} |`,
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
      const p = (v: HttpVariant, k: 'p50' | 'p99' | 'rps'): number => median((cells[v] ?? []).map((x) => x[k]));
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
    '| workload | requests | F0 statements | S round trips | S bytes | P bytes | S ELD p99 ms | P ELD p99 ms | S RSS MB | P RSS MB | first error |',
  );
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const w of r.workloads) {
    const all = (v: Variant): Cell[] => Object.values(w.cells).flatMap((byV) => byV[v] ?? []);
    const eld = (v: Variant): string => fmt(median(all(v).map((x) => x.eldP99Ms ?? NaN)), 1);
    const rss = (v: Variant): string => fmt(Math.max(...all(v).map((x) => x.rssMb ?? 0)));
    const span = (x: [number, number] | null | undefined): string => (x ? (x[0] === x[1] ? `${x[0]}` : `${x[0]}-${x[1]}`) : '-');
    const error = VARIANTS.map((v) => (w.checks[v]?.firstError ? `${v}: ${w.checks[v]?.firstError}` : '')).filter((e) => e)[0] ?? '';
    lines.push(
      `| ${w.key} | ${w.requests} | ${span(w.checks.F0?.roundTrips)} | ${span(w.checks.S?.roundTrips)} | ${span(w.checks.S?.bytes)} | ${span(w.checks.P?.bytes)} | ` +
        `${eld('S')} | ${eld('P')} | ${rss('S')} | ${rss('P')} | ${error.replace(/\|/g, '/').slice(0, 120)} |`,
    );
  }
  lines.push('', '### PROFILE of the server statements (first 3 requests of each workload)', '');
  lines.push('| workload | statement | db hits | rows | ms |');
  lines.push('|---|---|---|---|---|');
  for (const w of r.workloads)
    for (const p of w.profile) lines.push(`| ${w.key} | ${p.name} | ${p.dbHits.toLocaleString('en')} | ${p.rows} | ${p.ms} |`);
  lines.push('');
  return lines.join('\n');
}

/** Rewrites bench/RESULTS.md from the reported result files (S.json, M.json, L.json). */
export function writeReport(): void {
  const files = existsSync(RESULTS_DIR) ? readdirSync(RESULTS_DIR).filter((f) => /^[SML]\.json$/.test(f)) : [];
  const order: SizeName[] = ['S', 'M', 'L'];
  const results = files
    .map((f) => JSON.parse(readFileSync(path.join(RESULTS_DIR, f), 'utf8')) as SizeResult)
    .sort((a, b) => order.indexOf(a.size) - order.indexOf(b.size));
  const head = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts) from bench/results/<size>.json; do not edit by hand. What the',
    'figures mean, which targets are missed and why, and what changed between runs: bench/ANALYSIS.md.',
    '',
    "Variants: F0 raw neo4j-driver loop with the server's own Cypher (imported from src/graph/cypher), F1 bare",
    'node:http endpoint running F0, S this server (production, silent logs), P @neo4j/graphql 7 on Apollo Server 5',
    '(@cypher fields wrapping the same statements for transitive, paths and neighbourhood). F1, S and P each run in',
    'their own Node process; autocannon and F0 run in the bench process.',
    'Closed loop per concurrency, then open loop at a fixed rate; ratios are of medians. Errors count non-200 answers',
    'and GraphQL errors inside HTTP 200.',
    '',
  ];
  writeFileSync(path.join('bench', 'RESULTS.md'), [...head, ...results.map(sizeSection)].join('\n'));
}
