/** The selection walk that picks what traversal statements project. */
import { buildASTSchema, execute, type GraphQLResolveInfo, isObjectType, parse } from 'graphql';

import type { TraversalDetail } from '../../../src/graph/model.js';
import { DETAIL_FIELDS, fieldsAt, traversalDetail } from '../../../src/resolvers/selection.js';
import { loadTypeDefs } from '../../../src/server/schema.js';

const schema = buildASTSchema(loadTypeDefs());

/** Runs `query` against the real schema with a resolver on `field` that hands back its resolve info. */
async function infoOf(query: string, field: string): Promise<GraphQLResolveInfo> {
  let captured: GraphQLResolveInfo | undefined;
  await execute({
    schema,
    document: parse(query),
    fieldResolver: (_source, _args, _context, info) => {
      if (info.fieldName === field && info.path.prev === undefined) captured = info;
      return null;
    },
  });
  if (!captured) throw new Error(`${field} was not resolved`);
  return captured;
}

const HOOD = { actors: [['nodes'], ['edges', 'from'], ['edges', 'to']], relationships: [['edges']], sanctions: [] };
const FINDING = {
  actors: [['authority'], ['imposedBy'], ['target'], ['targeted']],
  relationships: [['authorityChain'], ['targetChain']],
  sanctions: [['sanction']],
};
const NONE: TraversalDetail = { actors: 'ref', relationships: 'ref', sanctions: 'ref' };

describe('fieldsAt', () => {
  it('collects the names at a path through fragments, inline fragments and repeated fields', async () => {
    const info = await infoOf(
      `query { neighbourhood(id: "x") { nodes { id ...N } edges { id } nodes { ... on Actor { degree } } } }
       fragment N on Actor { name ...M }
       fragment M on Actor { country }`,
      'neighbourhood',
    );
    expect([...fieldsAt(info, ['nodes'])].sort()).toEqual(['country', 'degree', 'id', 'name']);
    expect([...fieldsAt(info, ['edges'])]).toEqual(['id']);
    expect(fieldsAt(info, ['edges', 'from']).size).toBe(0);
    expect(fieldsAt(info, []).size).toBe(2);
  });

  it('counts fields under @skip and @include as selected (fuller, never leaner)', async () => {
    const info = await infoOf('query { neighbourhood(id: "x") { nodes { id description @skip(if: true) } } }', 'neighbourhood');
    expect(fieldsAt(info, ['nodes']).has('description')).toBe(true);
  });
});

describe('traversalDetail', () => {
  it('projects ids only when only ids, types and ends are selected', async () => {
    const info = await infoOf('{ neighbourhood(id: "x") { nodes { id } edges { id type from { id } } truncated } }', 'neighbourhood');
    expect(traversalDetail(info, HOOD)).toEqual(NONE);
  });

  it('picks the lowest level serving every field, wherever the entity sits in the result', async () => {
    const names = await infoOf('{ neighbourhood(id: "x") { nodes { id name kind } } }', 'neighbourhood');
    expect(traversalDetail(names, HOOD)).toEqual({ ...NONE, actors: 'summary' });
    const degree = await infoOf('{ neighbourhood(id: "x") { nodes { id name degree } } }', 'neighbourhood');
    expect(traversalDetail(degree, HOOD)).toEqual({ ...NONE, actors: 'full' });
    const endDescription = await infoOf('{ neighbourhood(id: "x") { nodes { name } edges { to { description } } } }', 'neighbourhood');
    expect(traversalDetail(endDescription, HOOD)).toEqual({ ...NONE, actors: 'full' });
    const evidence = await infoOf('{ neighbourhood(id: "x") { edges { evidence { claim } } } }', 'neighbourhood');
    expect(traversalDetail(evidence, HOOD)).toEqual({ ...NONE, relationships: 'full' });
    const measure = await infoOf('{ whoSanctioned(actorId: "x") { sanction { measure } targetChain { date { date } } } }', 'whoSanctioned');
    expect(traversalDetail(measure, FINDING)).toEqual({ ...NONE, sanctions: 'full', relationships: 'full' });
    const ids = await infoOf('{ whoSanctioned(actorId: "x") { sanction { id } authority { id } targeted { id } } }', 'whoSanctioned');
    expect(traversalDetail(ids, FINDING)).toEqual(NONE);
  });
});

describe('DETAIL_FIELDS', () => {
  it('places every scalar-ish field of Actor, Relationship and Sanction that a lean record may miss', () => {
    // Fields resolved from the id alone (through loaders) are the ones taking arguments or returning lists
    // of other records; everything else must be classified, or a new field could read a placeholder.
    const resolvedById: Record<string, readonly string[]> = {
      actor: ['mentions', 'roles', 'listEntries', 'relationships', 'sanctionsImposed', 'sanctionsReceived', 'history'],
      relationship: ['disputedBy', 'disputes', 'history'],
      sanction: ['history'],
    };
    for (const [key, typeName] of [
      ['actor', 'Actor'],
      ['relationship', 'Relationship'],
      ['sanction', 'Sanction'],
    ] as const) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
      const placed: string[] = Object.values(DETAIL_FIELDS[key] as Record<string, readonly string[]>).flat();
      expect([...placed, ...(resolvedById[key] ?? [])].sort()).toEqual(Object.keys(type.getFields()).sort());
    }
  });
});
