/**
 * Every Cypher statement of src/graph compiles on the real Neo4j (EXPLAIN, nothing runs) with its example
 * parameters, so the planner sees realistic parameter types, and the plans that matter use what we rely
 * on: Neo4j 5's stateful shortest path for `paths`, the name index for actor pages, the unique id index
 * for lookups. The statement list is the registry's (src/graph/cypher/index.ts), so a new statement
 * cannot escape this test.
 */
import { parseConfig } from '../../src/config/config.js';
import { LIST_ACTORS } from '../../src/graph/cypher/actor-cypher.js';
import type { CypherQuery } from '../../src/graph/cypher/cypher-query.js';
import { ALL_STATEMENTS } from '../../src/graph/cypher/index.js';
import { SHORTEST_PATHS } from '../../src/graph/cypher/path-cypher.js';
import { FIND_RELATIONSHIPS_BY_IDS, FIND_RELATIONSHIPS_BY_REFS } from '../../src/graph/cypher/relationship-cypher.js';
import { FIND_MATCH_REVIEWS_FOR_WRITE, MATCH_REVIEW_PAGE } from '../../src/graph/cypher/review-cypher.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import { RELATIONSHIP_TYPES } from '../../src/graph/model.js';
import { EXAMPLE_PARAMS } from '../support/cypher-examples.js';
import { planOperators } from '../support/explain.js';
import { testEnv } from '../support/test-env.js';

let graph: GraphClient;
beforeAll(() => {
  graph = GraphClient.connect(parseConfig(testEnv()).neo4j);
});
afterAll(() => graph.close());

function operators(query: CypherQuery): Promise<string[]> {
  const params = EXAMPLE_PARAMS.get(query.name);
  if (params === undefined) throw new Error(`${query.name} has no example params in test/support/cypher-examples.ts`);
  return planOperators(graph, query, params);
}

describe('Cypher statements against the real planner', () => {
  it('finds every statement of the graph layer, each with a unique name leading its text', () => {
    expect(ALL_STATEMENTS.length).toBeGreaterThan(40);
    expect(new Set(ALL_STATEMENTS.map((q) => q.name)).size).toBe(ALL_STATEMENTS.length);
    for (const query of ALL_STATEMENTS) expect(query.text.startsWith(`// ${query.name}\n`)).toBe(true);
  });

  it.each(ALL_STATEMENTS.map((q) => [q.name, q] as const))('compiles %s with its example parameters', async (_name, query) => {
    expect((await operators(query)).length).toBeGreaterThan(0);
  });

  it('plans paths with the stateful shortest-path operator between two index-sought actors (or merged ids), never scanning', async () => {
    const ops = await operators(SHORTEST_PATHS.get(4)!);
    expect(ops.some((op) => op.startsWith('StatefulShortestPath'))).toBe(true);
    expect(ops.filter((op) => op === 'NodeUniqueIndexSeek')).toHaveLength(2);
    // The merged ids of the two ends, through the MergedActor id index.
    expect(ops.filter((op) => op === 'NodeIndexSeek')).toHaveLength(2);
    expect(ops.filter((op) => op.includes('Scan'))).toEqual([]);
  });

  it('finds a relationship by reference between its two index-sought ends, never by scanning', async () => {
    const ops = await operators(FIND_RELATIONSHIPS_BY_REFS);
    expect(ops.filter((op) => op === 'NodeUniqueIndexSeek')).toHaveLength(2);
    expect(ops).toContain('Expand(Into)');
    expect(ops.filter((op) => op.includes('Scan'))).toEqual([]);
  });

  it('finds relationships by id alone (federation references) by seeking the id index of every type, never by scanning', async () => {
    const ops = await operators(FIND_RELATIONSHIPS_BY_IDS);
    expect(ops.filter((op) => op === 'DirectedRelationshipIndexSeek')).toHaveLength(RELATIONSHIP_TYPES.length);
    expect(ops.filter((op) => op.includes('Scan'))).toEqual([]);
  });

  it('reads the match review queue from the status index and a review by its unique id, never by scanning', async () => {
    const page = await operators(MATCH_REVIEW_PAGE);
    expect(page.filter((op) => op.startsWith('NodeIndexSeek'))).toHaveLength(2);
    expect(page.filter((op) => op.includes('Scan'))).toEqual([]);
    const byId = await operators(FIND_MATCH_REVIEWS_FOR_WRITE);
    expect(byId).toContain('NodeUniqueIndexSeek');
    expect(byId.filter((op) => op.includes('Scan'))).toEqual([]);
  });

  it('plans an actor page by name as an ordered range seek on the name index, with no full sort', async () => {
    const ops = await operators(LIST_ACTORS.NAME.ASC);
    expect(ops).toContain('NodeIndexSeekByRange');
    expect(ops).not.toContain('Sort');
  });
});
