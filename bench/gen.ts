/**
 * `npm run gen -- --actors N --seed S [--out bench/.data/graph-N-S.ndjson]`: writes the deterministic
 * synthetic graph as NDJSON, one entity a line: `{"t":"source"|"actor"|"relationship"|"sanction", ...}`.
 * SANCTIONED edges are derived from the sanctions and written as relationships.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import { intArg, parseArgs } from './args.js';
import { derivedEdges, generateActor, generateSanction, generateSource, layoutOf, relationshipsOf } from './gen-graph.js';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const actors = intArg(args, 'actors', 1000);
  const seed = intArg(args, 'seed', 42);
  const out = args.get('out') ?? path.join('bench', '.data', `graph-${actors}-${seed}.ndjson`);
  await mkdir(path.dirname(out), { recursive: true });
  const stream = createWriteStream(out);
  const write = async (line: unknown): Promise<void> => {
    if (!stream.write(`${JSON.stringify(line)}\n`)) await once(stream, 'drain');
  };
  const o = { actors, seed };
  const layout = layoutOf(actors);
  const started = Date.now();
  let relationships = 0;
  await write({ t: 'source', ...generateSource() });
  for (let i = 0; i < actors; i++) await write({ t: 'actor', ...generateActor(o, layout, i) });
  for (let i = 0; i < actors; i++) {
    for (const r of relationshipsOf(o, layout, i)) {
      relationships += 1;
      await write({ t: 'relationship', ...r });
    }
  }
  for (let k = 0; k < layout.sanctions; k++) {
    const s = generateSanction(o, layout, k);
    await write({ t: 'sanction', ...s });
    for (const r of derivedEdges(s)) {
      relationships += 1;
      await write({ t: 'relationship', ...r });
    }
  }
  stream.end();
  await once(stream, 'finish');
  process.stdout.write(
    `${out}: ${actors} actors, ${relationships} relationships, ${layout.sanctions} sanctions in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
