/**
 * `npm run schema:check`: the schema contract. Compares the current schema (schema.graphql, printed by
 * codegen) with the schema of the last release point (schema-release/schema.graphql) using graphql-js
 * `findBreakingChanges`, and fails when
 *   - a breaking change is not declared in CHANGELOG.md, or
 *   - a field, argument, input field or enum value was removed without being `@deprecated` in the release.
 *
 * A breaking change is declared by a list item under `### Breaking` in the `## [Unreleased]` section of
 * CHANGELOG.md that contains graphql-js's description of the change verbatim, for example:
 *
 *     ## [Unreleased]
 *     ### Breaking
 *     - `Actor.degree was removed.` Use `relationships.totalCount`.
 *
 * Dangerous changes (an enum value or an optional argument added, a default changed) are printed, not
 * failed. Options: `--release`, `--current`, `--changelog` (paths relative to the current directory).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import {
  type BreakingChange,
  BreakingChangeType,
  buildSchema,
  type DangerousChange,
  findBreakingChanges,
  findDangerousChanges,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from 'graphql';

/** The verdict of the contract check. */
export interface ContractResult {
  /** Every breaking change from the release schema to the current one. */
  readonly breaking: readonly BreakingChange[];
  /** Breaking changes with no declaration in the Unreleased section of the changelog. */
  readonly undeclared: readonly BreakingChange[];
  /** Removals of elements that were not `@deprecated` in the release schema (declared or not). */
  readonly removedWithoutDeprecation: readonly BreakingChange[];
  /** Changes that may break clients (printed as warnings). */
  readonly dangerous: readonly DangerousChange[];
  /** True when the check passes. */
  readonly ok: boolean;
}

/**
 * Checks the current schema against the release schema and the changelog.
 *
 * @example
 * const result = checkSchemaContract({ releaseSdl, currentSdl, changelog });
 * if (!result.ok) process.exitCode = 1;
 */
export function checkSchemaContract(input: { releaseSdl: string; currentSdl: string; changelog: string }): ContractResult {
  const release = buildSchema(input.releaseSdl);
  const current = buildSchema(input.currentSdl);
  const breaking = findBreakingChanges(release, current);
  const declared = declaredBreakingChanges(input.changelog);
  const undeclared = breaking.filter((change) => !declared.some((line) => line.includes(change.description)));
  const removedWithoutDeprecation = breaking.filter((change) => isRemoval(change) && !wasDeprecated(release, change));
  return {
    breaking,
    undeclared,
    removedWithoutDeprecation,
    dangerous: findDangerousChanges(release, current),
    ok: undeclared.length === 0 && removedWithoutDeprecation.length === 0,
  };
}

/**
 * The list items under `### Breaking` in the `## [Unreleased]` section of a changelog (Keep a Changelog
 * layout), without their bullet.
 *
 * @example
 * declaredBreakingChanges('## [Unreleased]\n### Breaking\n- `Actor.degree was removed.`\n'); // ['`Actor.degree was removed.`']
 */
export function declaredBreakingChanges(changelog: string): string[] {
  const lines = changelog.split(/\r?\n/);
  const declared: string[] = [];
  let inUnreleased = false;
  let inBreaking = false;
  for (const line of lines) {
    if (/^##\s/.test(line)) {
      inUnreleased = /^##\s+\[?unreleased\]?\s*$/i.test(line);
      inBreaking = false;
      continue;
    }
    if (/^###\s/.test(line)) {
      inBreaking = inUnreleased && /^###\s+breaking\b/i.test(line);
      continue;
    }
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (inBreaking && item?.[1]) declared.push(item[1]);
  }
  return declared;
}

function isRemoval(change: BreakingChange): boolean {
  return (
    change.type === BreakingChangeType.FIELD_REMOVED ||
    change.type === BreakingChangeType.ARG_REMOVED ||
    change.type === BreakingChangeType.VALUE_REMOVED_FROM_ENUM
  );
}

/** True when the element a removal names carried `@deprecated` in the release schema. */
function wasDeprecated(release: GraphQLSchema, change: BreakingChange): boolean {
  // The descriptions are graphql-js's own (utilities/findBreakingChanges): stable within graphql 16.
  let match = /^(\w+)\.(\w+) arg (\w+) was removed\.$/.exec(change.description);
  if (change.type === BreakingChangeType.ARG_REMOVED && match) {
    const [, typeName = '', fieldName = '', argName = ''] = match;
    const type = release.getType(typeName);
    if (!isObjectType(type) && !isInterfaceType(type)) return false;
    return type.getFields()[fieldName]?.args.find((a) => a.name === argName)?.deprecationReason != null;
  }
  match = /^(\w+)\.(\w+) was removed\.$/.exec(change.description);
  if (change.type === BreakingChangeType.FIELD_REMOVED && match) {
    const [, typeName = '', fieldName = ''] = match;
    const type = release.getType(typeName);
    if (!isObjectType(type) && !isInterfaceType(type) && !isInputObjectType(type)) return false;
    return type.getFields()[fieldName]?.deprecationReason != null;
  }
  match = /^(\w+) was removed from enum type (\w+)\.$/.exec(change.description);
  if (change.type === BreakingChangeType.VALUE_REMOVED_FROM_ENUM && match) {
    const [, valueName = '', typeName = ''] = match;
    const type = release.getType(typeName);
    return isEnumType(type) && type.getValue(valueName)?.deprecationReason != null;
  }
  return false;
}

/** The report printed by the command line. */
export function formatContractReport(result: ContractResult): string {
  const lines: string[] = [];
  for (const change of result.dangerous) lines.push(`warning  ${change.type}: ${change.description}`);
  for (const change of result.breaking) {
    const undeclared = result.undeclared.includes(change);
    lines.push(`${undeclared ? 'UNDECLARED' : 'declared  '}  ${change.type}: ${change.description}`);
  }
  for (const change of result.removedWithoutDeprecation) {
    lines.push(`NOT DEPRECATED FIRST  ${change.description} Mark it @deprecated in a release before removing it.`);
  }
  if (result.ok) lines.push(`schema contract: ok (${result.breaking.length} declared breaking, ${result.dangerous.length} dangerous).`);
  else {
    lines.push('schema contract: FAILED.');
    if (result.undeclared.length > 0) {
      lines.push('Declare each breaking change in CHANGELOG.md, under "## [Unreleased]" / "### Breaking", as a list item');
      lines.push(
        'containing the description above verbatim, e.g.  - `' + (result.undeclared[0]?.description ?? '') + '` <why, what to use>',
      );
    }
  }
  return lines.join('\n');
}

function main(): void {
  const { values } = parseArgs({
    options: {
      release: { type: 'string', default: 'schema-release/schema.graphql' },
      current: { type: 'string', default: 'schema.graphql' },
      changelog: { type: 'string', default: 'CHANGELOG.md' },
    },
  });
  const result = checkSchemaContract({
    releaseSdl: readFileSync(values.release, 'utf8'),
    currentSdl: readFileSync(values.current, 'utf8'),
    changelog: readFileSync(values.changelog, 'utf8'),
  });
  const report = formatContractReport(result);
  if (result.ok) console.log(report);
  else {
    console.error(report);
    process.exitCode = 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
