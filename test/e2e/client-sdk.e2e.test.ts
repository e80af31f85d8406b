import { ClientError } from 'graphql-request';

import { ErrorCode, errorCodeOf, isErrorCode, PathsDocument } from '../../client/src/index.js';
import {
  createApolloClient,
  loadActor as loadActorApollo,
  loadNeighbourhood,
  loadSanctioningActors,
} from '../../examples/apollo-client.js';
import { createClient, describeFailure, loadActor, searchActors, whoSanctioned } from '../../examples/plain-fetch.js';
import { useTestApp } from '../support/test-app.js';

const t = useTestApp();

describe('example consumer: graphql-request with the SDK documents', () => {
  it('loads an actor with its relationships and their evidence', async () => {
    const actor = await loadActor(createClient(t.app.url), 'us-treasury', 3);
    expect(actor?.name).toBe('United States Department of the Treasury');
    expect(actor?.kind).toBe('GOVERNMENT_BODY');
    expect(actor?.aliases).toEqual(expect.arrayContaining(['Treasury']));
    expect(actor?.relationships.edges).toHaveLength(Math.min(3, actor?.relationships.totalCount ?? 0));
    expect(actor?.relationships.totalCount).toBeGreaterThan(0);
    for (const edge of actor?.relationships.edges ?? []) {
      expect([edge.node.from.id, edge.node.to.id]).toContain('us-treasury');
      expect(edge.node.evidence.source.id).toMatch(/\S/);
      expect(edge.node.evidence.quotes.length).toBe(edge.node.evidence.sentences.length);
    }
  });

  it('answers null for an unknown actor', async () => {
    expect(await loadActor(createClient(t.app.url), 'no-such-actor')).toBeNull();
  });

  it('searches: "sensetime" finds SenseTime first', async () => {
    const hits = await searchActors(createClient(t.app.url), 'sensetime');
    expect(hits[0]?.actor.id).toBe('sensetime');
    expect(hits[0]?.actor.name).toBe('SenseTime Group');
  });

  it('finds who sanctioned SenseTime: the Treasury, with an investment ban', async () => {
    const findings = await whoSanctioned(createClient(t.app.url), 'sensetime');
    const direct = findings.find((f) => !f.indirect && f.sanction.id === 'sanction-2021-12-10-sensetime-investment-ban');
    expect(direct?.authority.id).toBe('us-treasury');
    expect(direct?.sanction.measure).toBe('INVESTMENT_BAN');
    expect(direct?.sanction.list?.id).toBe('cmic-list');
  });

  it('narrows a server error by its code', async () => {
    const error = await searchActors(createClient(t.app.url), '').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ClientError);
    expect(errorCodeOf(error)).toBe(ErrorCode.BAD_USER_INPUT);
    expect(isErrorCode(error, ErrorCode.BAD_USER_INPUT)).toBe(true);
    expect(isErrorCode(error, ErrorCode.NOT_FOUND)).toBe(false);
    expect(describeFailure(error)).toBe('Check the search: it was not accepted.');
  });
});

describe('example consumer: Apollo Client 4 with a cache keyed by actor id', () => {
  it('loads an actor and normalises it under Actor:{"id":...}', async () => {
    const client = createApolloClient(t.app.url);
    const actor = await loadActorApollo(client, 'us-treasury');
    expect(actor?.name).toBe('United States Department of the Treasury');
    const cache = client.cache.extract() as Record<string, { name?: string; __typename?: string }>;
    expect(cache['Actor:{"id":"us-treasury"}']).toMatchObject({ __typename: 'Actor', name: 'United States Department of the Treasury' });
  });

  it('shares one cache entry per actor across queries', async () => {
    const client = createApolloClient(t.app.url);
    const page = await loadSanctioningActors(client, 5);
    expect(page?.edges.length).toBeGreaterThan(0);
    expect(page?.edges.map((e) => e.node.id)).toContain('united-states');
    const degrees = page?.edges.map((e) => e.node.degree) ?? [];
    expect([...degrees].sort((a, b) => b - a)).toEqual(degrees);
    await loadNeighbourhood(client, 'sensetime');
    const cache = client.cache.extract() as Record<string, Record<string, unknown>>;
    expect(Object.keys(cache)).toContain('Actor:{"id":"sensetime"}');
    // The neighbourhood's nodes are references to the normalised actors, not copies.
    const root = cache['ROOT_QUERY'] ?? {};
    const neighbourhood = Object.entries(root).find(([key]) => key.startsWith('neighbourhood('))?.[1] as { nodes: { __ref: string }[] };
    expect(neighbourhood.nodes[0]).toEqual({ __ref: 'Actor:{"id":"sensetime"}' });
    // An actor in both answers is one entry holding the fields of both (degree from the page, kind from both).
    const unitedStates = page?.edges.find((e) => e.node.id === 'united-states');
    expect(cache['Actor:{"id":"united-states"}']).toMatchObject({ name: unitedStates?.node.name, degree: unitedStates?.node.degree });
  });

  it('loads a neighbourhood with the centre first', async () => {
    const around = await loadNeighbourhood(createApolloClient(t.app.url), 'sensetime');
    expect(around?.nodes[0]?.id).toBe('sensetime');
    expect(around?.edges.length).toBeGreaterThan(0);
    expect(around?.truncated).toBe(false);
  });

  it('reports a bad argument by its code', async () => {
    const client = createApolloClient(t.app.url);
    const error = await client
      .query({
        query: PathsDocument,
        variables: { from: 'sensetime', to: 'us-treasury', maxHops: 99 },
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(errorCodeOf(error)).toBe(ErrorCode.BAD_USER_INPUT);
  });
});
