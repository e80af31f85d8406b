/**
 * `npm run codegen:check`: regenerates every output of codegen.yml into a temporary folder and fails when
 * a committed generated file differs from its fresh copy (or is missing). Nothing in the working tree is
 * written. Options: `--root <dir>` (default: the current directory), `--config <file>` (default:
 * codegen.yml), `--keep` (keep the temporary folder even when everything is fresh).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { generate } from '@graphql-codegen/cli';
import type { Types } from '@graphql-codegen/plugin-helpers';
import { parse as parseYaml } from 'yaml';

/** A committed generated file that `npm run codegen` would change. */
export interface StaleFile {
  /** Path relative to the root. */
  readonly file: string;
  readonly reason: 'missing' | 'changed';
}

/** What a drift check found. */
export interface CodegenCheckResult {
  /** Every file codegen generates, relative to the root, sorted. */
  readonly generated: readonly string[];
  readonly stale: readonly StaleFile[];
  /** The temporary folder holding the fresh copies (removed unless stale files were found or `keep`). */
  readonly freshDir: string | undefined;
}

/**
 * Regenerates the outputs of `config` (relative to `root`) in memory, writes them to a temporary folder
 * and compares each with the committed file.
 *
 * @example
 * const { stale } = await checkCodegen({ root: process.cwd() });
 */
export async function checkCodegen(options: { root: string; config?: string; keep?: boolean }): Promise<CodegenCheckResult> {
  const root = path.resolve(options.root);
  const configPath = path.resolve(root, options.config ?? 'codegen.yml');
  const config = parseYaml(readFileSync(configPath, 'utf8')) as Types.Config;
  // Codegen resolves globs, presets and plugins against `cwd`.
  const previousCwd = process.cwd();
  let outputs: Types.FileOutput[];
  try {
    process.chdir(root);
    outputs = (await generate({ ...config, cwd: root, silent: true, verbose: false, errorsOnly: true }, false)) as Types.FileOutput[];
  } finally {
    process.chdir(previousCwd);
  }

  const freshDir = mkdtempSync(path.join(tmpdir(), 'codegen-check-'));
  const stale: StaleFile[] = [];
  const generated: string[] = [];
  for (const output of outputs) {
    const file = path.relative(root, path.resolve(root, output.filename));
    generated.push(file);
    const fresh = output.content;
    const freshPath = path.join(freshDir, file);
    mkdirSync(path.dirname(freshPath), { recursive: true });
    writeFileSync(freshPath, fresh);
    const committedPath = path.join(root, file);
    if (!existsSync(committedPath)) stale.push({ file, reason: 'missing' });
    else if (readFileSync(committedPath, 'utf8') !== fresh) stale.push({ file, reason: 'changed' });
  }
  const keep = options.keep === true || stale.length > 0;
  if (!keep) rmSync(freshDir, { recursive: true, force: true });
  return { generated: generated.sort(), stale: stale.sort((a, b) => a.file.localeCompare(b.file)), freshDir: keep ? freshDir : undefined };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { root: { type: 'string', default: '.' }, config: { type: 'string' }, keep: { type: 'boolean', default: false } },
  });
  const result = await checkCodegen({ root: values.root, keep: values.keep, ...(values.config ? { config: values.config } : {}) });
  if (result.stale.length === 0) {
    console.log(`codegen: ${result.generated.length} generated files are up to date.`);
    return;
  }
  console.error('codegen: generated files are stale; run `npm run codegen` and commit the result:');
  for (const { file, reason } of result.stale) {
    console.error(`  ${reason === 'missing' ? 'missing' : 'changed'}  ${file}   (fresh copy: ${path.join(result.freshDir ?? '', file)})`);
  }
  process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  });
}
