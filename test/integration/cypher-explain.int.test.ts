/**
 * Every Cypher statement of src/graph compiles on the real Neo4j (EXPLAIN, nothing runs), and the plans
 * that matter use what we rely on: Neo4j 5's stateful shortest path for `paths`, the name index for
 * actor pages, the unique id index for lookups.
 */
import { parseConfig } from '../../src/config/config.js';
import * as actorCypher from '../../src/graph/cypher/actor-cypher.js';
import type { CypherQuery } from '../../src/graph/cypher/cypher-query.js';
import * as pathCypher from '../../src/graph/cypher/path-cypher.js';
import * as relationshipCypher from '../../src/graph/cypher/relationship-cypher.js';
import * as sanctionCypher from '../../src/graph/cypher/sanction-cypher.js';
import * as seedCypher from '../../src/graph/cypher/seed-cypher.js';
import * as sourceCypher from '../../src/graph/cypher/source-cypher.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import { graphClientOptions } from '../../src/graph/local-database.js';
import { testEnv } from '../support/test-env.js';

function isQuery(value: unknown): value is CypherQuery {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CypherQuery).name === 'string' &&
    typeof (value as CypherQuery).text === 'string'
  );
}

/** Every CypherQuery reachable from a module's exports (constants, records of them, maps of them). */
function collect(value: unknown, into: Map<string, CypherQuery>): void {
  if (isQuery(value)) into.set(value.name, value);
  else if (value instanceof Map) for (const v of value.values()) collect(v, into);
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) collect(v, into);
}

const statements = new Map<string, CypherQuery>();
for (const module of [actorCypher, pathCypher, relationshipCypher, sanctionCypher, seedCypher, sourceCypher]) collect(module, statements);

let graph: GraphClient;
beforeAll(() => {
  graph = GraphClient.connect(graphClientOptions(parseConfig(testEnv())));
});
afterAll(() => graph.close());

async function operators(query: CypherQuery): Promise<string[]> {
  const plan = await graph.explain(query);
  const names: string[] = [];
  const walk = (node: { operatorType: string; children: unknown[] }): void => {
    names.push(node.operatorType.replace(/@.*$/, ''));
    for (const child of node.children) walk(child as typeof node);
  };
  walk(plan);
  return names;
}

describe('Cypher statements against the real planner', () => {
  it('finds every statement of the graph layer, each with a unique name leading its text', () => {
    expect(statements.size).toBeGreaterThan(40);
    for (const [name, query] of statements) expect(query.text.startsWith(`// ${name}\n`)).toBe(true);
  });

  it.each([...statements.keys()])('compiles %s', async (name) => {
    expect((await operators(statements.get(name)!)).length).toBeGreaterThan(0);
  });

  it('plans paths with the stateful shortest-path operator between two index-sought actors', async () => {
    const ops = await operators(pathCypher.SHORTEST_PATHS.get(4)!);
    expect(ops.some((op) => op.startsWith('StatefulShortestPath'))).toBe(true);
    expect(ops.filter((op) => op === 'NodeUniqueIndexSeek')).toHaveLength(2);
  });

  it('finds a relationship by reference between its two index-sought ends, never by scanning', async () => {
    const ops = await operators(relationshipCypher.FIND_RELATIONSHIPS_BY_REFS);
    expect(ops.filter((op) => op === 'NodeUniqueIndexSeek')).toHaveLength(2);
    expect(ops).toContain('Expand(Into)');
    expect(ops.filter((op) => op.includes('Scan'))).toEqual([]);
  });

  it('plans an actor page by name as an ordered range seek on the name index, with no full sort', async () => {
    const ops = await operators(actorCypher.LIST_ACTORS.NAME.ASC);
    expect(ops).toContain('NodeIndexSeekByRange');
    expect(ops).not.toContain('Sort');
  });
});
