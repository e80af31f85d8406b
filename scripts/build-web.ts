/**
 * `npm run web:build`: builds the explorer and GraphiQL into web/dist with Vite. With `--if-stale` it
 * builds only when the inputs changed since the last build (a hash of web/, the SDK, the schema and the
 * lock file, kept in web/dist/.build-stamp), so `npm start` builds once and then starts at once.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'web', 'dist');
const STAMP = path.join(DIST, '.build-stamp');
const INPUTS = ['web', 'client/src', 'schema.graphql', 'package-lock.json'];

function filesUnder(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [entry];
  return readdirSync(full, { withFileTypes: true })
    .filter((item) => item.name !== 'dist' && item.name !== 'node_modules' && !item.name.startsWith('.'))
    .flatMap((item) => filesUnder(path.join(entry, item.name)))
    .sort();
}

/** A hash of everything the build reads. */
export function webInputsHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(filesUnder))
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(path.join(ROOT, file)))
      .update('\0');
  return hash.digest('hex');
}

/** True when web/dist holds a build of the current inputs. */
export function webBuildIsFresh(hash: string = webInputsHash()): boolean {
  return existsSync(path.join(DIST, 'index.html')) && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === hash;
}

/**
 * Builds web/dist unless a build of the same inputs is there (with `ifStale`).
 *
 * @example
 * await buildWeb({ ifStale: true, log: console.log });
 */
export async function buildWeb(options: { ifStale?: boolean; log?: (line: string) => void } = {}): Promise<'built' | 'fresh'> {
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const hash = webInputsHash();
  if (options.ifStale && webBuildIsFresh(hash)) return 'fresh';
  log('building the explorer and GraphiQL (web/dist) …');
  const started = Date.now();
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
  writeFileSync(STAMP, `${hash}\n`);
  log(`built web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 'built';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  buildWeb({ ifStale: process.argv.includes('--if-stale') }).catch((error: unknown) => {
    process.stderr.write(`web build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
