/**
 * The server as an Apollo Federation 2 subgraph (docs/federation.md), without a database: its `_service`
 * SDL, composition with a second subgraph by Apollo's own composition library, and the bounds of
 * `_entities` (how many representations, what they are, what they cost).
 */
import { readFileSync } from 'node:fs';

import { composeServices } from '@apollo/composition';
import {
  getOperationAST,
  getVariableValues,
  graphql,
  type GraphQLSchema,
  isObjectType,
  Kind,
  type ObjectTypeDefinitionNode,
  parse,
  print,
} from 'graphql';

import { RELATIONSHIP_TYPES } from '../../../src/graph/model.js';
import { operationCost } from '../../../src/server/cost/operation-cost.js';
import { buildApiSchema, ENTITY_TYPES, loadTypeDefs } from '../../../src/server/schema.js';
import { WATCHLIST_SDL } from '../../support/watchlist-subgraph.js';

const schema = buildApiSchema({ typeDefs: loadTypeDefs(), resolvers: {}, maxEntities: 5 });

async function serviceSdl(s: GraphQLSchema = schema): Promise<string> {
  const result = await graphql({ schema: s, source: '{ _service { sdl } }' });
  expect(result.errors).toBeUndefined();
  return (result.data as { _service: { sdl: string } })._service.sdl;
}

function costOf(query: string, variables: Record<string, unknown>): number {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw new Error(coerced.errors.map((e) => e.message).join('; '));
  return operationCost({ schema, document, operation, variables: coerced.coerced });
}

const reps = (n: number): { __typename: string; id: string }[] =>
  Array.from({ length: n }, (_, i) => ({ __typename: 'Actor', id: `a${i}` }));

describe('the federation subgraph schema', () => {
  it('keys exactly the entity types by id in schema/*.graphql', () => {
    const keyed = loadTypeDefs()
      .definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION)
      .filter((d) => d.directives?.some((x) => x.name.value === 'key'))
      .map((d) => `${d.name.value} ${print(d.directives!.find((x) => x.name.value === 'key')!)}`);
    expect(keyed.sort()).toEqual(ENTITY_TYPES.map((t) => `${t} @key(fields: "id")`));
  });

  it('adds _entities and _service to Query, and the entity union of the four types', () => {
    const fields = schema.getQueryType()!.getFields();
    expect(String(fields['_entities']?.type)).toBe('[_Entity]!');
    expect(String(fields['_service']?.type)).toBe('_Service!');
    const union = schema.getType('_Entity');
    expect(union && 'getTypes' in union ? union.getTypes().map((t) => t.name) : []).toEqual([...ENTITY_TYPES]);
    // Every other root field is the SDL's.
    expect(fields['actor'] && fields['sanctions'] && fields['apiVersion']).toBeDefined();
  });

  it('answers _service with the SDL a gateway composes: the federation 2.3 link and the keys', async () => {
    const sdl = await serviceSdl();
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "FieldSet"])');
    for (const type of ENTITY_TYPES) expect(sdl).toMatch(new RegExp(`type ${type}\\s+@key\\(fields: "id"\\)`));
    // Federation 2 prints the whole subgraph schema, its federation fields and definitions included.
    expect(sdl).toContain('_entities(representations: [_Any!]!): [_Entity]!');
    // The schema the SDL describes is the one the server runs, type for type.
    const ownTypes = Object.keys(schema.getTypeMap()).filter((name) => !name.startsWith('_') && isObjectType(schema.getType(name)));
    for (const name of ownTypes) expect(sdl).toMatch(new RegExp(`(type|extend type) ${name}\\b`));
  });
});

describe('composition with a second subgraph (@apollo/composition)', () => {
  it('composes with the watchlist subgraph, which extends Actor; the supergraph holds the fields of both', async () => {
    const result = composeServices([
      { name: 'sanctions', url: 'http://sanctions.invalid/graphql', typeDefs: parse(await serviceSdl()) },
      { name: 'watchlist', url: 'http://watchlist.invalid/graphql', typeDefs: WATCHLIST_SDL },
    ]);
    expect(result.errors).toBeUndefined();
    const api = result.schema!.toAPISchema().toGraphQLJSSchema();
    const fieldsOf = (type: string): string[] => {
      const t = api.getType(type);
      return isObjectType(t) ? Object.keys(t.getFields()) : [];
    };
    // Actor: ours (name, relationships, sanctionsReceived, ...) and the watchlist's (watched, watchNote).
    expect(fieldsOf('Actor')).toEqual(
      expect.arrayContaining(['id', 'name', 'kind', 'relationships', 'sanctionsReceived', 'watched', 'watchNote']),
    );
    expect(fieldsOf('Query')).toEqual(expect.arrayContaining(['actor', 'actors', 'sanctions', 'search', 'watchlist']));
    // A watchlist entry's sanction is ours, whole.
    expect(fieldsOf('Sanction')).toEqual(expect.arrayContaining(['id', 'measure', 'authorities', 'targets']));
    expect(fieldsOf('WatchlistEntry')).toEqual(['reason', 'actor', 'sanction']);
    // The federation fields stay between gateway and subgraphs.
    expect(fieldsOf('Query')).not.toContain('_entities');
    expect(fieldsOf('Query')).not.toContain('_service');
    expect(result.supergraphSdl).toContain('@join__graph(name: "sanctions", url: "http://sanctions.invalid/graphql")');
  });

  it('composes from the printed schema.graphql as well, as `rover supergraph compose` would read it', () => {
    const result = composeServices([
      { name: 'sanctions', typeDefs: parse(readFileSync('schema.graphql', 'utf8')) },
      { name: 'watchlist', typeDefs: WATCHLIST_SDL },
    ]);
    expect(result.errors).toBeUndefined();
    const actor = result.schema!.toAPISchema().toGraphQLJSSchema().getType('Actor');
    expect(isObjectType(actor) ? Object.keys(actor.getFields()) : []).toEqual(expect.arrayContaining(['name', 'watched']));
  });

  it('fails to compose a subgraph whose Actor contradicts ours (the composition test can fail)', async () => {
    const conflicting = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
      type Query { other: Actor }
      type Actor @key(fields: "id") { id: ID! name: Int! }`);
    const result = composeServices([
      { name: 'sanctions', typeDefs: parse(await serviceSdl()) },
      { name: 'other', typeDefs: conflicting },
    ]);
    expect(result.errors?.map((e) => e.extensions['code'])).toContain('FIELD_TYPE_MISMATCH');
  });
});

describe('_entities bounds', () => {
  const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Actor { name } } }';

  it('refuses more than LIMIT_MAX_ENTITIES representations with BAD_USER_INPUT and the range, before any resolver', async () => {
    // No loaders in the context: a resolver reached would fail otherwise than with BAD_USER_INPUT.
    const result = await graphql({ schema, source: query, variableValues: { r: reps(6) }, contextValue: {} });
    expect(result.errors?.map((e) => [e.message, e.extensions])).toEqual([
      ['representations must be between 0 and 5', { code: 'BAD_USER_INPUT', argument: 'representations', min: 0, max: 5 }],
    ]);
    expect(result.data).toBeNull();
  });

  it('refuses a representation that is not { __typename, id } of an entity type', async () => {
    for (const bad of [
      { __typename: 'Actor' },
      { __typename: 'Actor', id: 7 },
      { __typename: 'Evidence', id: 'x' },
      { id: 'x' },
      'Actor',
    ]) {
      const result = await graphql({
        schema,
        source: query,
        variableValues: { r: [{ __typename: 'Actor', id: 'ok' }, bad] },
        contextValue: {},
      });
      expect(result.errors?.map((e) => [e.message, e.extensions['code'], e.extensions['index']])).toEqual([
        ['representations[1] must be { __typename, id } of one of Actor, Relationship, Sanction, Source', 'BAD_USER_INPUT', 1],
      ]);
    }
  });

  it('answers more representations than one turn completes (ITEMS_PER_TURN) in order, all of them', async () => {
    const wide = buildApiSchema({
      typeDefs: loadTypeDefs(),
      resolvers: { Actor: { __resolveReference: ({ id }: { id: string }) => ({ id, name: `name of ${id}` }) } } as never,
      maxEntities: 250,
    });
    const result = await graphql({ schema: wide, source: query, variableValues: { r: reps(250) }, contextValue: {} });
    expect(result.errors).toBeUndefined();
    expect((result.data as { _entities: unknown[] })._entities).toEqual(reps(250).map((r) => ({ name: `name of ${r.id}` })));
  });

  it('costs every representation as an item of a list, at the cost of its selection', () => {
    // A statement (1) + n x (the entity 1 + name 1).
    expect(costOf(query, { r: reps(1) })).toBe(1 + 1 * 2);
    expect(costOf(query, { r: reps(5) })).toBe(1 + 5 * 2);
    // A deep selection is paid per representation: 5 x (1 + sanctionsReceived(first: 100) x (1 + id 1)).
    const deep = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Actor { sanctionsReceived(first: 100) { id } } } }';
    expect(costOf(deep, { r: reps(5) })).toBe(1 + 5 * (1 + 100 * 2));
  });
});

describe('relationship id indexes', () => {
  it('has one id index per relationship type in seed/schema.cypher, so relationships are found by id alone by seeks', () => {
    const schemaCypher = readFileSync('seed/schema.cypher', 'utf8');
    const indexed = [...schemaCypher.matchAll(/FOR \(\)-\[r:([A-Z_]+)\]-\(\) ON \(r\.id\)/g)].map((m) => m[1]);
    // Plus WAS, the type of past versions (curated writes), found by id for history reads.
    expect(indexed).toEqual([...RELATIONSHIP_TYPES, 'WAS']);
  });
});
