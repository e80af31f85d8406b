/** Plans of Cypher statements as lists of operator names, for tests that check what the planner chose. */
import type { CypherQuery } from '../../src/graph/cypher/cypher-query.js';
import type { GraphClient } from '../../src/graph/graph-client.js';

/**
 * The operators of a statement's plan (EXPLAIN, nothing runs), depth first, without their `@neo4j`
 * suffixes.
 *
 * @example
 * expect(await planOperators(graph, FIND_RELATIONSHIPS_BY_REFS, params)).toContain('Expand(Into)');
 */
export async function planOperators(
  graph: GraphClient,
  query: CypherQuery,
  params: Readonly<Record<string, unknown>> = {},
): Promise<string[]> {
  const plan = await graph.explain(query, { ...params });
  const names: string[] = [];
  const walk = (node: { operatorType: string; children: unknown[] }): void => {
    names.push(node.operatorType.replace(/@.*$/, ''));
    for (const child of node.children) walk(child as typeof node);
  };
  walk(plan);
  return names;
}
