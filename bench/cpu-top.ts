/**
 * `npx tsx bench/cpu-top.ts [bench/.data/cpu-prof/S] [--top 25] [--inclusive]`: the frames with the most
 * self time in the V8 CPU profiles `--cpu-prof` wrote (the largest file of the folder: the thread that
 * served the requests), as a Markdown table with the share of busy (non-idle) time, and the share by
 * package; with `--inclusive`, the frames with the most time including their callees (each sample counted
 * once per frame on its stack; time after an `await` counts under the microtask queue, not the caller).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

import { intArg, parseArgs } from './args.js';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const args = parseArgs(process.argv.slice(2));
const dir = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : path.join('bench', '.data', 'cpu-prof', 'S');
const file = readdirSync(dir)
  .filter((f) => f.endsWith('.cpuprofile'))
  .map((f) => path.join(dir, f))
  .sort((a, b) => statSync(b).size - statSync(a).size)[0];
if (!file) throw new Error(`no .cpuprofile in ${dir}`);
const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const where = (url: string): string => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  return m ? (m[1] as string) : url.includes('/src/') ? 'src (ours)' : url.startsWith('node:') ? 'node' : url ? 'other' : '(native)';
};
const frames = new Map<string, number>();
const packages = new Map<string, number>();
let busy = 0;
for (const [id, us] of self) {
  const node = byId.get(id);
  if (!node) continue;
  const name = node.callFrame.functionName || '(anonymous)';
  if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') {
    if (name !== '(idle)') frames.set(name, (frames.get(name) ?? 0) + us);
    if (name !== '(idle)') busy += us;
    continue;
  }
  busy += us;
  const key = `${name} ${path.basename(node.callFrame.url)}:${node.callFrame.lineNumber + 1} (${where(node.callFrame.url)})`;
  frames.set(key, (frames.get(key) ?? 0) + us);
  packages.set(where(node.callFrame.url), (packages.get(where(node.callFrame.url)) ?? 0) + us);
}
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const inclusive = new Map<string, number>();
for (const [id, us] of self) {
  const name = byId.get(id)?.callFrame.functionName;
  if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') continue;
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at)?.callFrame;
    if (!frame || frame.functionName === '(root)') continue;
    const key = `${frame.functionName || '(anonymous)'} ${path.basename(frame.url)}:${frame.lineNumber + 1} (${where(frame.url)})`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}
const total = profile.timeDeltas.reduce((n, d) => n + d, 0);
const pct = (us: number): string => `${((100 * us) / Math.max(busy, 1)).toFixed(1)}%`;
const out = [
  `${file}: busy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s`,
  '',
  '| frame (self time) | share of busy |',
  '|---|---|',
];
const ranked = args.has('inclusive') ? inclusive : frames;
if (args.has('inclusive')) out[2] = '| frame (with its callees) | share of busy |';
for (const [key, us] of [...ranked].sort((a, b) => b[1] - a[1]).slice(0, intArg(args, 'top', 25))) out.push(`| ${key} | ${pct(us)} |`);
out.push('', '| package | share of busy |', '|---|---|');
for (const [key, us] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, 12)) out.push(`| ${key} | ${pct(us)} |`);
process.stdout.write(`${out.join('\n')}\n`);
