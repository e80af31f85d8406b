/**
 * Type definitions of the peer (P): @neo4j/graphql 7 over the same graph. Plain fields and the
 * SANCTIONED relationship are the library's own; transitive, path and neighbourhood queries are @cypher
 * fields wrapping the server's statements unchanged (imported from src/graph/cypher).
 */
import type { CypherQuery } from '../src/graph/cypher/cypher-query.js';
import { WHO_SANCTIONED } from '../src/graph/cypher/finding-cypher.js';
import { detailParams } from '../src/graph/cypher/fragments.js';
import { NEIGHBOURHOOD, SHORTEST_PATHS } from '../src/graph/cypher/path-cypher.js';
import type { TraversalDetail } from '../src/graph/model.js';
import { PATH_MAX_HOPS, WORKLOAD_DETAIL } from './floor.js';

const block = (text: string): string => {
  if (text.includes('"""') || text.includes('\\')) throw new Error('statement cannot go in a block string');
  return `"""\n${text}\n"""`;
};

const wrap = (query: CypherQuery, result: string, column: string): string =>
  block(`CALL () {\n${query.text}\n}\nRETURN ${result} AS ${column}`);

/** As {@link wrap}, for a statement answering one row with a list (`list`) of what the field returns, one each. */
const wrapEach = (query: CypherQuery, list: string, item: string, result: string, column: string): string =>
  block(`CALL () {\n${query.text}\n}\nUNWIND ${list} AS ${item}\nRETURN ${result} AS ${column}`);

// The statements' projection levels, as arguments defaulting to the levels S derives from the same
// selections (WORKLOAD_DETAIL), so P runs the same statement text with the same parameters.
const detailArgs = (detail: TraversalDetail): string =>
  [
    ...Object.entries(detailParams(detail)).map(([name, value]) => `${name}: String! = "${value}"`),
    // The edge filter S applies by default (STRICT_EDGES): asserted and alleged claims, dated ones with asOf.
    'includeInferred: Boolean! = false',
    'includeUndated: Boolean! = false',
  ].join(', ');

const neighbourhoodField = (hops: number): string =>
  `  benchNeighbourhood${hops}(id: ID!, types: [String!]!, asOf: String, limit: Int!, edgeLimit: Int!, ${detailArgs(WORKLOAD_DETAIL.neighbourhood)}): BenchNeighbourhood
    @cypher(
      statement: ${wrap(
        NEIGHBOURHOOD.get(hops) as CypherQuery,
        '{nodes: [n IN nodes | {id: n.id, name: n.name}], edges: [e IN edges | {id: e.id, type: e.type}], truncated: truncated}',
        'hood',
      )}
      columnName: "hood"
    )`;

/** The peer's SDL. */
export const PEER_TYPE_DEFS = `
type Actor @node {
  id: ID!
  name: String!
  kind: String!
  country: String
  degree: Int! @cypher(statement: "RETURN COUNT { (this)--(:Actor) } AS degree", columnName: "degree")
  sanctioned: [Actor!]! @relationship(type: "SANCTIONED", direction: OUT, properties: "RelationshipProps")
}

type RelationshipProps @relationshipProperties {
  id: ID!
  sanctionId: String
}

type BenchFinding {
  sanctionId: ID!
  authorityId: ID!
  targetedId: ID!
}

type BenchPath {
  length: Int!
  actorIds: [ID!]!
  relationshipIds: [ID!]!
}

type BenchNode {
  id: ID!
  name: String!
}

type BenchEdge {
  id: ID!
  type: String!
}

type BenchNeighbourhood {
  nodes: [BenchNode!]!
  edges: [BenchEdge!]!
  truncated: Boolean!
}

type Query {
  benchWhoSanctioned(id: ID!, asOf: String, skip: Int! = 0, limit: Int!, ${detailArgs(WORKLOAD_DETAIL.transitive)}): [BenchFinding!]!
    @cypher(
      statement: ${wrap(WHO_SANCTIONED.indirect.ALL.page, '{sanctionId: sanctionId, authorityId: authorityId, targetedId: targetedId}', 'finding')}
      columnName: "finding"
    )
  benchPaths(from: ID!, to: ID!, types: [String!]!, asOf: String, limit: Int!, ${detailArgs(WORKLOAD_DETAIL.paths)}): [BenchPath!]!
    @cypher(
      statement: ${wrapEach(
        SHORTEST_PATHS.get(PATH_MAX_HOPS) as CypherQuery,
        'paths',
        'p',
        '{length: size(p.relationships), actorIds: [a IN p.actors | a.id], relationshipIds: [r IN p.relationships | r.id]}',
        'path',
      )}
      columnName: "path"
    )
${[1, 2, 3].map(neighbourhoodField).join('\n')}
}
`;
