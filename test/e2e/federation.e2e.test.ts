/**
 * The server as an Apollo Federation 2 subgraph on the real Neo4j (docs/federation.md): `_entities` and
 * `_service` on /graphql as a gateway calls them, one batched statement per entity type, the bounds that
 * keep a gateway's fetch inside the budgets, and one query through @apollo/gateway across this server and
 * a second subgraph (test/support/watchlist-subgraph.ts) served by @apollo/server.
 */
import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';

import { startTestApp, type TestApp, useTestApp } from '../support/test-app.js';
import { type RunningSubgraph, startWatchlistSubgraph } from '../support/watchlist-subgraph.js';

const t = useTestApp();

const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename ...E } }';

/** `_entities` with a fragment per entity type, as a gateway asks. */
function entities(fragments: string): string {
  return `${ENTITIES} fragment E on _Entity { ${fragments} }`;
}

const actor = (id: string): { __typename: string; id: string } => ({ __typename: 'Actor', id });

describe('_entities: entities by key, batched', () => {
  it('resolves actors, sanctions, sources and relationships by id with one statement per type, null for an unknown id', async () => {
    const res = await t.gql(
      entities(`
        ... on Actor { id name country }
        ... on Sanction { id measure authorities { id } targets { id } }
        ... on Source { id title }
        ... on Relationship { id type from { id } to { id } }`),
      {
        r: [
          actor('sensetime'),
          { __typename: 'Sanction', id: 'sanction-2021-12-10-sensetime-investment-ban' },
          actor('nobody'),
          { __typename: 'Relationship', id: 'rel-biden-leads-us' },
          actor('us-treasury'),
          { __typename: 'Source', id: 'article-2021-12-10-sanctions' },
          { __typename: 'Relationship', id: 'rel-administration-part-of-us' },
          { __typename: 'Sanction', id: 'no-such-sanction' },
          actor('myanmar-military'),
        ],
      },
    );
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      _entities: [
        { __typename: 'Actor', id: 'sensetime', name: 'SenseTime Group', country: 'CN' },
        {
          __typename: 'Sanction',
          id: 'sanction-2021-12-10-sensetime-investment-ban',
          measure: 'INVESTMENT_BAN',
          authorities: [{ id: 'us-treasury' }],
          targets: [{ id: 'sensetime' }],
        },
        null,
        { __typename: 'Relationship', id: 'rel-biden-leads-us', type: 'LEADS', from: { id: 'joe-biden' }, to: { id: 'united-states' } },
        { __typename: 'Actor', id: 'us-treasury', name: 'United States Department of the Treasury', country: 'US' },
        { __typename: 'Source', id: 'article-2021-12-10-sanctions', title: 'US human-rights sanctions of 10 December 2021 (news article)' },
        {
          __typename: 'Relationship',
          id: 'rel-administration-part-of-us',
          type: 'PART_OF',
          from: { id: 'biden-administration' },
          to: { id: 'united-states' },
        },
        null,
        { __typename: 'Actor', id: 'myanmar-military', name: 'Myanmar military', country: 'MM' },
      ],
    });
    // Nine references of four types: one lookup per type in one wave, then the relationships' ends in one
    // (the sanction's parties are actors the first wave already loaded).
    const statements = res.extensions?.statements ?? [];
    expect(statements.slice(0, 4).sort()).toEqual(['findActorsByIds', 'findRelationshipsByIds', 'findSanctionsByIds', 'findSourcesByIds']);
    expect(statements.slice(4)).toEqual(['findActorsByIds']);
  });

  it('costs one statement for every actor of the graph at once', async () => {
    const all = await t.gql<{ actors: { edges: { node: { id: string } }[] } }>('{ actors(first: 100) { edges { node { id } } } }');
    const ids = all.data!.actors.edges.map((e) => e.node.id);
    expect(ids).toHaveLength(32);
    const res = await t.gql<{ _entities: { id: string }[] }>(entities('... on Actor { id }'), { r: ids.map(actor) });
    expect(res.data?._entities.map((e) => e.id)).toEqual(ids);
    expect(res.extensions?.statements).toEqual(['findActorsByIds']);
    // A statement (1) + 32 x (the entity 1 + __typename 0 + id 1).
    expect(res.extensions?.['cost']).toMatchObject({ requested: 1 + 32 * 2 });
  });

  it('refuses more than LIMIT_MAX_ENTITIES (100) representations with BAD_USER_INPUT, sending no statement', async () => {
    const res = await t.gql(entities('... on Actor { id }'), { r: Array.from({ length: 101 }, (_, i) => actor(`a${i}`)) });
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.['max']])).toEqual([['BAD_USER_INPUT', 100]]);
    expect(res.data).toEqual(null);
    expect(res.extensions?.statements).toEqual([]);
  });

  it('refuses a representation of a type that is not an entity, sending no statement', async () => {
    const res = await t.gql(entities('... on Actor { id }'), { r: [actor('sensetime'), { __typename: 'Evidence', id: 'x' }] });
    expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'representations[1] must be { __typename, id } of one of Actor, Relationship, Sanction, Source'],
    ]);
    expect(res.extensions?.statements).toEqual([]);
  });

  it('answers _service with the SDL, entities keyed by id', async () => {
    const res = await t.gql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(res.extensions?.statements).toEqual([]);
    expect(res.data?._service.sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "FieldSet"])');
    expect(res.data?._service.sdl).toMatch(/type Actor\s+@key\(fields: "id"\)/);
  });
});

describe('_entities inside the budgets', () => {
  let tight: TestApp;
  // The same cost budget with the default byte budget: the records of the cost test (actors with their
  // recorded period, sanctions with their reasons) are more than the 2 KB that makes the byte test bite.
  let costly: TestApp;
  beforeAll(async () => {
    tight = await startTestApp({ env: { LIMIT_MAX_COST: '2500', LIMIT_MAX_RESPONSE_BYTES: '2048', LIMIT_MAX_ENTITIES: '20' } });
    costly = await startTestApp({ env: { LIMIT_MAX_COST: '2500', LIMIT_MAX_ENTITIES: '20' } });
  });
  afterAll(async () => {
    await tight.close();
    await costly.close();
  });

  it('refuses an entity fetch over the cost budget before any statement (costed per representation)', async () => {
    // A statement (1) + 20 x (1 + sanctionsReceived(first: 100) x (1 + id 1)) = 4021 > 2500.
    const query = entities('... on Actor { sanctionsReceived(first: 100) { id } }');
    const res = await costly.gql(query, { r: Array.from({ length: 20 }, () => actor('sensetime')) });
    expect(res.status).toBe(400);
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.['cost'], e.extensions?.['budget']])).toEqual([
      ['COST_LIMIT_EXCEEDED', 4021, 2500],
    ]);
    expect(res.extensions?.statements).toEqual([]);
    // Four representations of the same selection fit: 1 + 4 x 201 = 805.
    const fits = await costly.gql(query, { r: Array.from({ length: 4 }, () => actor('sensetime')) });
    expect(fits.errors).toBeUndefined();
    expect(fits.extensions?.['cost']).toMatchObject({ requested: 805 });
  });

  it('stops an entity fetch whose records outgrow the response byte budget', async () => {
    // Costs 1 + 1 x (1 + 1000 x 2) = 2002, within the budget; the source's text is larger than 2048 bytes.
    const res = await tight.gql(entities('... on Source { sentences(first: 1000) { text } }'), {
      r: [{ __typename: 'Source', id: 'article-2021-12-10-sanctions' }],
    });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['RESPONSE_TOO_LARGE']);
    expect(res.data ?? null).toBeNull();
  });

  it('applies LIMIT_MAX_ENTITIES as configured', async () => {
    const res = await tight.gql(entities('... on Actor { id }'), { r: Array.from({ length: 21 }, () => actor('sensetime')) });
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.['max']])).toEqual([['BAD_USER_INPUT', 20]]);
  });
});

describe('TRUSTED_DOCUMENTS=on', () => {
  let trusted: TestApp;
  beforeAll(async () => {
    trusted = await startTestApp({ env: { TRUSTED_DOCUMENTS: 'on' } });
  });
  afterAll(() => trusted.close());

  // Decided in docs/federation.md: a gateway's documents are generated by its query planner, so they cannot
  // be in the SDK's manifest; the safelist belongs at the router, in front of the subgraph.
  it('refuses a gateway’s free-form _service and _entities like any other free-form document (403 FORBIDDEN)', async () => {
    for (const query of [
      '{ _service { sdl } }',
      '{ _entities(representations: [{ __typename: "Actor", id: "sensetime" }]) { __typename } }',
    ]) {
      const res = await trusted.gql(query);
      expect([res.status, res.errors?.map((e) => e.extensions?.code)]).toEqual([403, ['FORBIDDEN']]);
      expect(res.extensions?.statements ?? []).toEqual([]);
    }
  });
});

describe('through @apollo/gateway, with a second subgraph', () => {
  let watchlist: RunningSubgraph;
  let gateway: ApolloServer;
  beforeAll(async () => {
    watchlist = await startWatchlistSubgraph();
    gateway = new ApolloServer({
      gateway: new ApolloGateway({
        supergraphSdl: new IntrospectAndCompose({
          subgraphs: [
            { name: 'sanctions', url: t.url },
            { name: 'watchlist', url: watchlist.url },
          ],
        }),
      }),
    });
    await gateway.start();
  });
  afterAll(async () => {
    await gateway.stop();
    await watchlist.stop();
  });

  it('answers one query across both: actors and sanctions from this server, watchlist fields from the other', async () => {
    const query = `{
      watchlist {
        reason
        actor { id name country watched watchNote }
        sanction { measure authorities { name } targets { name } }
      }
      actor(id: "us-treasury") { name kind watched watchNote }
    }`;
    const statements: string[] = [];
    const off = t.graph.onStatement((q) => statements.push(q.name));
    const result = await gateway.executeOperation({ query }).finally(off);
    const body = (result as { body: { kind: string; singleResult: { data?: unknown; errors?: unknown } } }).body;
    expect(body.kind).toBe('single');
    expect(body.singleResult.errors).toBeUndefined();
    expect(body.singleResult.data).toEqual({
      watchlist: [
        {
          reason: 'Investment ban (CMIC list)',
          actor: {
            id: 'sensetime',
            name: 'SenseTime Group',
            country: 'CN',
            watched: true,
            watchNote: 'Facial recognition; check suppliers.',
          },
          sanction: {
            measure: 'INVESTMENT_BAN',
            authorities: [{ name: 'United States Department of the Treasury' }],
            targets: [{ name: 'SenseTime Group' }],
          },
        },
        {
          reason: 'Named in the Myanmar designations',
          actor: { id: 'myanmar-military', name: 'Myanmar military', country: 'MM', watched: true, watchNote: null },
          sanction: null,
        },
      ],
      actor: { name: 'United States Department of the Treasury', kind: 'GOVERNMENT_BODY', watched: false, watchNote: null },
    });
    // This server's share, over the gateway's fetches (run in parallel, so in no fixed order): Query.actor
    // (one lookup), one _entities fetch for the two watched actors and the sanction (one lookup per type,
    // in one wave), and in it the names of the sanction's parties (one lookup).
    expect(statements.sort()).toEqual(['findActorsByIds', 'findActorsByIds', 'findActorsByIds', 'findSanctionsByIds']);
  });
});
