import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { checkSchemaContract, declaredBreakingChanges } from '../../scripts/check-schema-contract.js';

const release = `
  "Root."
  type Query {
    "An actor."
    actor("Id." id: ID!): Actor
    "Old way to count."
    count: Int @deprecated(reason: "Use actor.degree.")
  }
  "An actor."
  type Actor {
    "Id."
    id: ID!
    "Name."
    name: String!
    "Degree."
    degree: Int!
    "Legacy kind."
    legacyKind: String @deprecated(reason: "Use kind.")
  }
  "Colours."
  enum Colour { "Red." RED "Green." GREEN @deprecated(reason: "Gone.") }
`;

const changelog = (breaking: string[]): string =>
  [
    '# Changelog',
    '',
    '## [Unreleased]',
    '',
    '### Added',
    '',
    '- Something.',
    '',
    '### Breaking',
    '',
    ...breaking.map((b) => `- ${b}`),
    '',
    '## [0.1.0]',
    '',
    '### Breaking',
    '',
    '- `Actor.name was removed.` (an old release)',
    '',
  ].join('\n');

describe('schema contract', () => {
  it('passes an unchanged schema and additive changes', () => {
    const additive = release.replace('"Degree."', '"Country."\n    country: String\n    "Degree."');
    expect(checkSchemaContract({ releaseSdl: release, currentSdl: release, changelog: changelog([]) })).toMatchObject({
      ok: true,
      breaking: [],
    });
    expect(checkSchemaContract({ releaseSdl: release, currentSdl: additive, changelog: changelog([]) }).ok).toBe(true);
  });

  it('fails a breaking change that is not declared', () => {
    const current = release.replace('name: String!', 'name: String');
    const result = checkSchemaContract({ releaseSdl: release, currentSdl: current, changelog: changelog([]) });
    expect(result.ok).toBe(false);
    expect(result.undeclared.map((c) => c.description)).toEqual(['Actor.name changed type from String! to String.']);
  });

  it('passes the same breaking change once the Unreleased section declares it', () => {
    const current = release.replace('name: String!', 'name: String');
    const declared = changelog(['`Actor.name changed type from String! to String.` Names may be unknown.']);
    expect(checkSchemaContract({ releaseSdl: release, currentSdl: current, changelog: declared })).toMatchObject({
      ok: true,
      undeclared: [],
    });
  });

  it('does not count a declaration under an older release', () => {
    const current = release.replace(/"Name."\s*name: String!/, '');
    const result = checkSchemaContract({ releaseSdl: release, currentSdl: current, changelog: changelog([]) });
    expect(result.undeclared.map((c) => c.description)).toEqual(['Actor.name was removed.']);
  });

  it('fails a removal of an element that was not @deprecated in the release, even when declared', () => {
    const current = release.replace(/"Degree."\s*degree: Int!/, '');
    const result = checkSchemaContract({ releaseSdl: release, currentSdl: current, changelog: changelog(['`Actor.degree was removed.`']) });
    expect(result.undeclared).toEqual([]);
    expect(result.removedWithoutDeprecation.map((c) => c.description)).toEqual(['Actor.degree was removed.']);
    expect(result.ok).toBe(false);
  });

  it('passes declared removals of deprecated fields, root fields and enum values', () => {
    const current = release
      .replace(/"Legacy kind."\s*legacyKind: String @deprecated\(reason: "Use kind."\)/, '')
      .replace(/"Old way to count."\s*count: Int @deprecated\(reason: "Use actor.degree."\)/, '')
      .replace(/"Green." GREEN @deprecated\(reason: "Gone."\)/, '');
    const declarations = ['`Actor.legacyKind was removed.`', '`Query.count was removed.`', '`GREEN was removed from enum type Colour.`'];
    const result = checkSchemaContract({ releaseSdl: release, currentSdl: current, changelog: changelog(declarations) });
    expect(result.breaking).toHaveLength(3);
    expect(result).toMatchObject({ ok: true, undeclared: [], removedWithoutDeprecation: [] });
  });

  it('reads only the Breaking list of the Unreleased section', () => {
    expect(declaredBreakingChanges(changelog(['`A.b was removed.` why']))).toEqual(['`A.b was removed.` why']);
  });

  it('passes the repository: schema.graphql against schema-release/ with CHANGELOG.md', () => {
    const result = checkSchemaContract({
      releaseSdl: readFileSync('schema-release/schema.graphql', 'utf8'),
      currentSdl: readFileSync('schema.graphql', 'utf8'),
      changelog: readFileSync('CHANGELOG.md', 'utf8'),
    });
    expect(result.undeclared).toEqual([]);
    expect(result.removedWithoutDeprecation).toEqual([]);
  });

  it('makes `npm run schema:check` exit non-zero on a deliberately breaking change', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'schema-contract-'));
    try {
      const releasePath = path.join(dir, 'release.graphql');
      const currentPath = path.join(dir, 'current.graphql');
      const changelogPath = path.join(dir, 'CHANGELOG.md');
      const repoSchema = readFileSync('schema.graphql', 'utf8');
      writeFileSync(releasePath, repoSchema);
      // Deliberately breaking: Actor.name becomes nullable.
      writeFileSync(currentPath, repoSchema.replace(/(type Actor [^{]*\{[\s\S]*?\n\s*name: )String!/, '$1String'));
      writeFileSync(changelogPath, changelog([]));
      const run = (): Promise<{ code: number; stderr: string }> =>
        promisify(execFile)('node', [
          '--import',
          'tsx',
          'scripts/check-schema-contract.ts',
          '--release',
          releasePath,
          '--current',
          currentPath,
          '--changelog',
          changelogPath,
        ]).then(
          () => ({ code: 0, stderr: '' }),
          (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
        );
      const failed = await run();
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('UNDECLARED  FIELD_CHANGED_KIND: Actor.name changed type from String! to String.');
      writeFileSync(changelogPath, changelog(['`Actor.name changed type from String! to String.` Some actors have no known name.']));
      expect((await run()).code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
