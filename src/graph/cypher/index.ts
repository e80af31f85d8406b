/**
 * The registry of every named Cypher statement of the graph layer. Tests take their statement list from
 * here (snapshots, EXPLAIN), so every module of this folder is listed below: a unit test fails when a file
 * of the folder is missing, and the collector finds statements however a module exports them (constants,
 * records of them, maps of them).
 */
import * as accessCypher from './access-cypher.js';
import * as actorCypher from './actor-cypher.js';
import * as alignmentCypher from './alignment-cypher.js';
import * as changeLogCypher from './change-log-cypher.js';
import * as compiledCypher from './compiled-cypher.js';
import * as curationCypher from './curation-cypher.js';
import type { CypherQuery } from './cypher-query.js';
import * as cypherQuery from './cypher-query.js';
import * as disputeCypher from './dispute-cypher.js';
import * as exportCypher from './export-cypher.js';
import * as findingCypher from './finding-cypher.js';
import * as fragments from './fragments.js';
import * as historyCypher from './history-cypher.js';
import * as importCypher from './import-cypher.js';
import * as matchCypher from './match-cypher.js';
import * as pathCypher from './path-cypher.js';
import * as relationshipCypher from './relationship-cypher.js';
import * as relationshipListCypher from './relationship-list-cypher.js';
import * as reviewCypher from './review-cypher.js';
import * as sanctionCypher from './sanction-cypher.js';
import * as searchBaselineCypher from './search-baseline-cypher.js';
import * as seedCypher from './seed-cypher.js';
import * as sourceCypher from './source-cypher.js';
import * as timelineCypher from './timeline-cypher.js';

/**
 * Every module of src/graph/cypher by file name (without `.ts`), including those that declare no
 * statement (helpers, fragments): listing them too is what lets a test prove no file was forgotten.
 */
export const STATEMENT_MODULES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = Object.freeze({
  'access-cypher': accessCypher,
  'actor-cypher': actorCypher,
  'compiled-cypher': compiledCypher,
  'alignment-cypher': alignmentCypher,
  'change-log-cypher': changeLogCypher,
  'cypher-query': cypherQuery,
  'dispute-cypher': disputeCypher,
  'export-cypher': exportCypher,
  'finding-cypher': findingCypher,
  fragments,
  'history-cypher': historyCypher,
  'import-cypher': importCypher,
  'match-cypher': matchCypher,
  'curation-cypher': curationCypher,
  'path-cypher': pathCypher,
  'relationship-cypher': relationshipCypher,
  'relationship-list-cypher': relationshipListCypher,
  'review-cypher': reviewCypher,
  'sanction-cypher': sanctionCypher,
  'search-baseline-cypher': searchBaselineCypher,
  'seed-cypher': seedCypher,
  'source-cypher': sourceCypher,
  'timeline-cypher': timelineCypher,
});

function isQuery(value: unknown): value is CypherQuery {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CypherQuery).name === 'string' &&
    typeof (value as CypherQuery).text === 'string'
  );
}

/**
 * Every CypherQuery reachable from `value`. Two different statements under one name would make logs and
 * snapshots ambiguous, so that throws.
 */
function collect(value: unknown, into: Map<string, CypherQuery>, where: string): void {
  if (isQuery(value)) {
    const known = into.get(value.name);
    if (known !== undefined && known.text !== value.text) throw new Error(`two statements are named ${value.name} (${where})`);
    into.set(value.name, value);
  } else if (value instanceof Map) {
    for (const [key, v] of value) collect(v, into, `${where}.get(${String(key)})`);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) collect(v, into, `${where}.${key}`);
  }
}

/**
 * Finds every statement exported by `modules`, in module then export order.
 *
 * @example
 * const names = collectStatements({ 'source-cypher': sourceCypher }).map((q) => q.name); // ['findSourcesByIds', 'listSources']
 */
export function collectStatements(modules: Readonly<Record<string, Readonly<Record<string, unknown>>>>): CypherQuery[] {
  const found = new Map<string, CypherQuery>();
  for (const [file, module] of Object.entries(modules)) collect(module, found, file);
  return [...found.values()];
}

/** Every named statement of the graph layer, each once. */
export const ALL_STATEMENTS: readonly CypherQuery[] = Object.freeze(collectStatements(STATEMENT_MODULES));
