import { buildASTSchema, getOperationAST, type GraphQLSchema, parse } from 'graphql';

import { EDGE_COLUMNS, NODE_COLUMNS } from '../../services/export/export-fields.js';
import type { ExportSelection } from '../../services/export/export-graph.js';
import { LIMITS } from '../../services/validation.js';
import { loadTypeDefs } from '../schema.js';
import { operationCost } from './operation-cost.js';

/**
 * The cost of an export, in the points of the GraphQL cost model, known before anything is read: a
 * selection costs what the GraphQL operation selecting the same records with every exported field costs
 * (the same table, the same arguments); the whole graph costs every value it holds, one point a value
 * (the model's rule for a value in an answer), from the node and relationship counts.
 */

const ACTOR = 'id kind name aliases country description degree';
const DATE = '{ date precision }';
const RELATIONSHIP =
  `id type from { id } to { id } role topics date ${DATE} validFrom ${DATE} validTo ${DATE} noLaterThan ${DATE} timeBasis ` +
  'sanction { id measure program reason } evidence { source { id title publisher } sentences quotes claim confidence status inferredFrom needsReview }';

const EDGE_ARGS = '$includeInferred: Boolean, $includeUndated: Boolean';
const EDGE_PASS = 'includeInferred: $includeInferred, includeUndated: $includeUndated';

/** The GraphQL document each selection stands for; its variables are the selection's arguments. */
const DOCUMENTS: Record<Exclude<ExportSelection['kind'], 'graph'>, string> = {
  neighbourhood:
    `query($id: ID!, $hops: Int, $limit: Int, $types: [RelationshipType!], $asOf: Date, ${EDGE_ARGS}) {` +
    ` neighbourhood(id: $id, hops: $hops, limit: $limit, types: $types, asOf: $asOf, ${EDGE_PASS}) { nodes { ${ACTOR} } edges { ${RELATIONSHIP} } } }`,
  paths:
    `query($from: ID!, $to: ID!, $maxHops: Int, $limit: Int, $types: [RelationshipType!], $asOf: Date, ${EDGE_ARGS}) {` +
    ` paths(from: $from, to: $to, maxHops: $maxHops, limit: $limit, types: $types, asOf: $asOf, ${EDGE_PASS}) { actors { ${ACTOR} } hops { relationship { ${RELATIONSHIP} } } } }`,
  whoSanctioned: findingDocument('whoSanctioned'),
  sanctionedBy: findingDocument('sanctionedBy'),
  relationships: `query($first: Int, $where: RelationshipFilter) { relationships(first: $first, where: $where) { edges { node { ${RELATIONSHIP} } } } }`,
};

function findingDocument(field: 'whoSanctioned' | 'sanctionedBy'): string {
  return (
    `query($actorId: ID!, $asOf: Date, $distinct: FindingDistinct, $first: Int, $includeIndirect: Boolean, ${EDGE_ARGS}) {` +
    ` ${field}(actorId: $actorId, asOf: $asOf, distinct: $distinct, first: $first, includeIndirect: $includeIndirect, ${EDGE_PASS}) {` +
    ` authority { ${ACTOR} } imposedBy { ${ACTOR} } target { ${ACTOR} } targeted { ${ACTOR} } sanction { id }` +
    ` authorityChain { ${RELATIONSHIP} } targetChain { ${RELATIONSHIP} } } }`
  );
}

/** Values of one exported node and one exported edge (the id, the ends and every column). */
export const NODE_VALUES = 1 + NODE_COLUMNS.length;
/** See {@link NODE_VALUES}. */
export const EDGE_VALUES = 3 + EDGE_COLUMNS.length;

let schema: GraphQLSchema | undefined;

/**
 * What an export costs. The whole graph needs its counts (one statement, from Neo4j's count store).
 *
 * @example
 * exportCost({ kind: 'neighbourhood', args: { id: 'sensetime', hops: 2 } }); // 12,345 points, say
 * exportCost({ kind: 'graph' }, { actors: 32, relationships: 58 });
 */
export function exportCost(selection: ExportSelection, counts?: { actors: number; relationships: number }): number {
  if (selection.kind === 'graph') {
    if (!counts) throw new Error('the cost of a whole-graph export needs its counts');
    return counts.actors * NODE_VALUES + counts.relationships * EDGE_VALUES;
  }
  schema ??= buildASTSchema(loadTypeDefs(), { assumeValidSDL: true });
  const document = parse(DOCUMENTS[selection.kind]);
  const operation = getOperationAST(document);
  if (!operation) throw new Error(`no operation in the cost document of ${selection.kind}`);
  if (selection.kind !== 'relationships') return operationCost({ schema, document, operation, variables: given(selection.args) });
  // A relationship export reads up to `limit` relationships in pages of the field's largest page.
  const limit = selection.args.limit ?? 1000;
  const page = Math.min(limit, LIMITS.pageSize.max);
  const variables = { first: page, where: given(selection.args.where ?? {}) };
  return operationCost({ schema, document, operation, variables }) * Math.ceil(limit / page);
}

/** The arguments given, so that the schema's defaults apply to the others as they do for the field. */
function given(args: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([, value]) => value !== null && value !== undefined));
}
