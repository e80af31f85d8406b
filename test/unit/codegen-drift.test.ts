import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = process.cwd();
const run = promisify(execFile);

/** Runs a command in `cwd`; resolves with its exit code and output instead of rejecting. */
async function exec(cwd: string, command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// A scratch copy of the codegen inputs, generated there, so the test does not depend on the state of the
// working tree; node_modules is linked so that codegen finds its presets and plugins.
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'codegen-drift-'));
  for (const entry of ['codegen.yml', 'schema', 'client/operations', 'client/codegen']) {
    cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const generated = await exec(dir, path.join(ROOT, 'node_modules/.bin/graphql-codegen'), ['--config', 'codegen.yml', '--silent']);
  expect(generated.code).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const check = () => exec(dir, 'node', ['--import', 'tsx', path.join(ROOT, 'scripts/check-codegen.ts'), '--root', dir]);

describe('codegen drift check (npm run codegen:check)', () => {
  it('passes when every generated file is fresh', async () => {
    const result = await check();
    expect(result.stderr).not.toContain('stale');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/codegen: \d+ generated files are up to date\./);
  }, 60_000);

  it('fails on a hand-edited, a missing and an out-of-date generated file, naming each', async () => {
    appendFileSync(path.join(dir, 'client/src/__generated__/graphql.ts'), '\nexport const handEdited = true;\n');
    unlinkSync(path.join(dir, 'client/src/__generated__/persisted-documents.json'));
    // An SDL change without `npm run codegen`: the printed schema and the resolver types are now stale.
    const actorSdl = path.join(dir, 'schema/actor.graphql');
    writeFileSync(
      actorSdl,
      readFileSync(actorSdl, 'utf8').replace('"The name most used in the sources."', '"The name the sources use most."'),
    );
    const result = await check();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('changed  client/src/__generated__/graphql.ts');
    expect(result.stderr).toContain('missing  client/src/__generated__/persisted-documents.json');
    expect(result.stderr).toContain('changed  schema.graphql');
    expect(result.stderr).toContain('changed  src/__generated__/resolvers-types.ts');
    expect(result.stderr).not.toContain('client/src/__generated__/enums.ts');
  }, 60_000);
});
