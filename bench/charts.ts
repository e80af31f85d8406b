/**
 * SVG charts of bench results (issue 18), drawn from bench/results/<size>.json by the report: plain SVG
 * with text, no scripts and no foreignObject, so GitHub renders them as images in RESULTS.md. A small
 * writer of our own: horizontal bar groups (ratios with their target lines, latencies on a log scale) and
 * lines over graph size.
 */

/** One bar of a group. */
export interface Bar {
  readonly label: string;
  /** NaN or non-finite: no figure (drawn as "-"). */
  readonly value: number;
  /** Low and high of the repetitions, drawn as a whisker when given. */
  readonly range?: readonly [number, number];
}

/** One row of a bar chart: a workload and its bars, and the target(s) it is held to. */
export interface BarGroup {
  readonly label: string;
  readonly bars: readonly Bar[];
  /** A target line per bar label (e.g. S/P >= 1.5), drawn across the group. */
  readonly targets?: Readonly<Record<string, number>>;
}

/** A line of a line chart: a label and its points (x, y); non-finite ys are gaps. */
export interface Series {
  readonly label: string;
  readonly points: readonly (readonly [number, number])[];
}

const COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** Escapes text for XML content and attributes. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const num = (x: number): string => (Number.isInteger(x) ? String(x) : x.toFixed(1));
/** A value as a label: two decimals below 10 (ratios), whole numbers above. */
const label = (x: number): string => (Math.abs(x) < 10 ? x.toFixed(2) : x.toFixed(0));

function svg(width: number, height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>${xmlEscape(title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">${xmlEscape(title)}</text>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

function legend(labels: readonly string[], x: number, y: number): string[] {
  return labels.flatMap((text, i) => [
    `<rect x="${x + i * 90}" y="${y - 10}" width="12" height="12" fill="${COLOURS[i % COLOURS.length]}"/>`,
    `<text x="${x + i * 90 + 16}" y="${y}">${xmlEscape(text)}</text>`,
  ]);
}

/** An axis scale: linear from 0, or log10 between positive bounds. */
interface Scale {
  readonly at: (v: number) => number;
  readonly ticks: readonly number[];
}

function linearScale(max: number, from: number, to: number): Scale {
  const step = max <= 2 ? 0.5 : max <= 5 ? 1 : Math.pow(10, Math.floor(Math.log10(max)));
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let t = 0; t <= top + 1e-9; t += step) ticks.push(Math.round(t * 100) / 100);
  return { at: (v) => from + (Math.max(0, v) / top) * (to - from), ticks };
}

function logScale(min: number, max: number, from: number, to: number): Scale {
  const lo = Math.pow(10, Math.floor(Math.log10(Math.max(min, 1e-3))));
  const hi = Math.pow(10, Math.ceil(Math.log10(Math.max(max, lo * 10))));
  const ticks: number[] = [];
  for (let t = lo; t <= hi * 1.0001; t *= 10) ticks.push(t);
  const span = Math.log10(hi) - Math.log10(lo);
  return { at: (v) => from + ((Math.log10(Math.min(hi, Math.max(lo, v))) - Math.log10(lo)) / span) * (to - from), ticks };
}

/**
 * Horizontal grouped bars, one group per row, with whiskers for ranges and a dashed target line per bar
 * label where the group has one. `log`: a log10 axis (latencies).
 *
 * @example
 * barChart('S/P at c=8', [{ label: 'point', bars: [{ label: 'S/P', value: 1.2 }], targets: { 'S/P': 1.5 } }], { unit: 'x' });
 */
export function barChart(title: string, groups: readonly BarGroup[], options: { unit: string; log?: boolean }): string {
  const labels = [...new Set(groups.flatMap((g) => g.bars.map((b) => b.label)))];
  const barH = 12;
  const groupH = labels.length * barH + 10;
  const left = 150;
  const right = 700;
  const top = 50;
  const height = top + groups.length * groupH + 40;
  const values = groups.flatMap((g) => g.bars.flatMap((b) => [b.value, ...(b.range ?? []), ...Object.values(g.targets ?? {})]));
  const finite = values.filter((v) => Number.isFinite(v) && v > 0);
  const max = finite.length > 0 ? Math.max(...finite) : 1;
  const scale = options.log ? logScale(Math.min(...(finite.length > 0 ? finite : [1])), max, left, right) : linearScale(max, left, right);
  const body: string[] = [...legend(labels, left, 38)];
  const axisY = top + groups.length * groupH;
  for (const t of scale.ticks) {
    const x = scale.at(t);
    body.push(`<line x1="${num(x)}" y1="${top}" x2="${num(x)}" y2="${axisY}" stroke="#dddddd"/>`);
    body.push(`<text x="${num(x)}" y="${axisY + 14}" text-anchor="middle" fill="#555555">${xmlEscape(`${num(t)}${options.unit}`)}</text>`);
  }
  groups.forEach((g, gi) => {
    const y0 = top + gi * groupH + 5;
    body.push(`<text x="${left - 6}" y="${num(y0 + groupH / 2)}" text-anchor="end">${xmlEscape(g.label)}</text>`);
    labels.forEach((name, bi) => {
      const bar = g.bars.find((b) => b.label === name);
      const y = y0 + bi * barH;
      const colour = COLOURS[bi % COLOURS.length] as string;
      if (!bar || !Number.isFinite(bar.value)) {
        body.push(`<text x="${left + 4}" y="${y + barH - 2}" fill="#999999">-</text>`);
        return;
      }
      const x = scale.at(bar.value);
      body.push(
        `<rect class="bar" x="${left}" y="${y}" width="${num(Math.max(1, x - left))}" height="${barH - 2}" fill="${colour}"><title>${xmlEscape(`${g.label} ${name}: ${label(bar.value)}${options.unit}`)}</title></rect>`,
      );
      if (bar.range) {
        const [lo, hi] = bar.range;
        body.push(`<line x1="${num(scale.at(lo))}" y1="${y + 4}" x2="${num(scale.at(hi))}" y2="${y + 4}" stroke="#333333"/>`);
      }
      body.push(`<text x="${num(x + 4)}" y="${y + barH - 3}" font-size="10">${xmlEscape(label(bar.value))}</text>`);
      const target = g.targets?.[name];
      if (target !== undefined) {
        const tx = scale.at(target);
        body.push(
          `<line class="target" x1="${num(tx)}" y1="${y - 1}" x2="${num(tx)}" y2="${y + barH - 1}" stroke="#000000" stroke-width="2" stroke-dasharray="3,2"><title>${xmlEscape(`target ${name} ${label(target)}`)}</title></line>`,
        );
      }
    });
  });
  body.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${axisY}" stroke="#333333"/>`);
  if (groups.some((g) => g.targets))
    body.push(`<text x="${right}" y="${height - 6}" text-anchor="end" fill="#555555">dashed: target</text>`);
  return svg(right + 60, height, title, body);
}

/**
 * Lines over a log x axis (graph size) and a log y axis (latency), one per series, with point labels.
 *
 * @example
 * lineChart('p50 by size', [{ label: 'point', points: [[1000, 12], [100000, 13]] }], { x: 'actors', y: 'ms' });
 */
export function lineChart(title: string, series: readonly Series[], axes: { x: string; y: string }): string {
  const left = 70;
  const right = 560;
  const top = 40;
  const bottom = 360;
  const xs = series.flatMap((s) => s.points.map((p) => p[0])).filter((v) => v > 0);
  const ys = series.flatMap((s) => s.points.map((p) => p[1])).filter((v) => Number.isFinite(v) && v > 0);
  const xScale = logScale(xs.length > 0 ? Math.min(...xs) : 1, xs.length > 0 ? Math.max(...xs) : 10, left, right);
  const yScale = logScale(ys.length > 0 ? Math.min(...ys) : 1, ys.length > 0 ? Math.max(...ys) : 10, bottom, top);
  const body: string[] = [];
  for (const t of xScale.ticks)
    body.push(
      `<line x1="${num(xScale.at(t))}" y1="${top}" x2="${num(xScale.at(t))}" y2="${bottom}" stroke="#dddddd"/>`,
      `<text x="${num(xScale.at(t))}" y="${bottom + 14}" text-anchor="middle" fill="#555555">${xmlEscape(t.toLocaleString('en'))}</text>`,
    );
  for (const t of yScale.ticks)
    body.push(
      `<line x1="${left}" y1="${num(yScale.at(t))}" x2="${right}" y2="${num(yScale.at(t))}" stroke="#dddddd"/>`,
      `<text x="${left - 4}" y="${num(yScale.at(t) + 4)}" text-anchor="end" fill="#555555">${xmlEscape(num(t))}</text>`,
    );
  body.push(`<text x="${(left + right) / 2}" y="${bottom + 30}" text-anchor="middle">${xmlEscape(axes.x)}</text>`);
  body.push(
    `<text x="16" y="${(top + bottom) / 2}" text-anchor="middle" transform="rotate(-90 16 ${(top + bottom) / 2})">${xmlEscape(axes.y)}</text>`,
  );
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length] as string;
    const pts = s.points.filter((p) => Number.isFinite(p[1]) && p[1] > 0 && p[0] > 0);
    if (pts.length > 1)
      body.push(
        `<polyline class="series" fill="none" stroke="${colour}" stroke-width="2" points="${pts.map((p) => `${num(xScale.at(p[0]))},${num(yScale.at(p[1]))}`).join(' ')}"/>`,
      );
    for (const p of pts)
      body.push(
        `<circle cx="${num(xScale.at(p[0]))}" cy="${num(yScale.at(p[1]))}" r="3" fill="${colour}"><title>${xmlEscape(`${s.label}: ${label(p[1])} ${axes.y}`)}</title></circle>`,
      );
    body.push(
      `<rect x="${right + 14}" y="${top + i * 16}" width="10" height="10" fill="${colour}"/>`,
      `<text x="${right + 28}" y="${top + i * 16 + 9}">${xmlEscape(s.label)}</text>`,
    );
  });
  return svg(right + 160, Math.max(bottom + 44, top + series.length * 16 + 10), title, body);
}
