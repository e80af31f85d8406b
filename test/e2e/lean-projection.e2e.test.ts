/**
 * Traversals project only what the selection asks for (TraversalDetail), and every field still answers
 * exactly: lean and full selections agree, and a field outside the walked selection loads the whole
 * record in one more round trip instead of reading a placeholder.
 */
import { GraphRepository } from '../../src/graph/graph-repository.js';
import { type ActorModel, type ActorRecord, FULL_DETAIL, REF_DETAIL } from '../../src/graph/model.js';
import { Loaders } from '../../src/services/loaders.js';
import { shortestPaths } from '../../src/services/research-service.js';
import { sanctionFindings } from '../../src/services/sanction-service.js';
import { useTestApp } from '../support/test-app.js';

const t = useTestApp();

async function ok<T>(query: string): Promise<{ data: T; roundTrips: number | undefined }> {
  const res = await t.gql<T>(query);
  expect(res.errors).toBeUndefined();
  return { data: res.data as T, roundTrips: res.extensions?.roundTrips };
}

type Hood = { neighbourhood: { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[]; truncated: boolean } };

describe('lean traversal projections', () => {
  it('answers a neighbourhood the same whether its selection is lean or full, in one round trip each', async () => {
    const lean = await ok<Hood>(
      '{ neighbourhood(id: "united-states", hops: 2) { nodes { id name kind country } edges { id type from { id } } truncated } }',
    );
    const full = await ok<Hood>(`{ neighbourhood(id: "united-states", hops: 2) {
      nodes { id name kind country aliases description degree } edges { id type from { id } role topics evidence { claim sentences } } truncated } }`);
    expect(lean.data.neighbourhood.nodes.length).toBeGreaterThan(10);
    expect(lean.data.neighbourhood.edges.length).toBeGreaterThan(10);
    const pick = (rows: Record<string, unknown>[], keys: string[]): unknown[] =>
      rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])));
    expect(lean.data.neighbourhood.nodes).toEqual(pick(full.data.neighbourhood.nodes, ['id', 'name', 'kind', 'country']));
    expect(lean.data.neighbourhood.edges).toEqual(pick(full.data.neighbourhood.edges, ['id', 'type', 'from']));
    expect(lean.roundTrips).toBe(1);
    expect(full.roundTrips).toBe(1);
    // The full answer carries real details, not placeholders.
    const treasury = full.data.neighbourhood.nodes.find((n) => n['id'] === 'us-treasury');
    expect(treasury).toMatchObject({ aliases: ['Department of Treasury', 'Treasury'] });
    expect(treasury?.['degree']).toBeGreaterThan(0);
  });

  it('answers a relationship page the same with a lean selection, and loads a lean end whole when asked', async () => {
    type Page = { actor: { relationships: { edges: { node: Record<string, unknown>; other: Record<string, unknown> }[] } } };
    const lean = await ok<Page>(
      '{ actor(id: "united-states") { relationships(first: 30) { edges { node { id type } other { id name } } } } }',
    );
    const full = await ok<Page>(
      '{ actor(id: "united-states") { relationships(first: 30) { edges { node { id type role evidence { claim } } other { id name degree description } } } } }',
    );
    const edges = full.data.actor.relationships.edges;
    expect(edges.length).toBeGreaterThan(5);
    expect(lean.data.actor.relationships.edges).toEqual(
      edges.map((e) => ({ node: { id: e.node['id'], type: e.node['type'] }, other: { id: e.other['id'], name: e.other['name'] } })),
    );
    // The actor and its page in one compiled statement (issue 18; test/e2e/compiled-selection.e2e.test.ts).
    expect(lean.roundTrips).toBe(1);
    expect(full.roundTrips).toBe(1);
  });

  it('loads a lean actor whole when a field outside the walked selection asks for its details', async () => {
    // `authority { id name }` primes summary actors; `sanction { authorities { description ... } }` reads
    // the same actors through the actor loader and must get the real values, not placeholders.
    type Finding = {
      authority: { id: string };
      sanction: { authorities: { id: string; description: string | null; degree: number; aliases: string[] }[] };
    };
    const found = await ok<{ whoSanctioned: Finding[] }>(
      '{ whoSanctioned(actorId: "sensetime") { authority { id name } sanction { authorities { id description degree aliases } } } }',
    );
    const authorities = found.data.whoSanctioned.flatMap((f) => f.sanction.authorities);
    expect(authorities.map((a) => a.id)).toContain('us-treasury');
    const direct = await ok<{ actor: { description: string | null; degree: number; aliases: string[] } }>(
      '{ actor(id: "us-treasury") { description degree aliases } }',
    );
    expect(authorities.find((a) => a.id === 'us-treasury')).toEqual({ id: 'us-treasury', ...direct.data.actor });
    // Findings (lean, with the sanctions' authorities), then the lean actors loaded whole.
    expect(found.roundTrips).toBe(2);
  });

  it('answers findings the same with ids only (no projections, no chains) as with everything', async () => {
    type Finding = { indirect: boolean; sanction: { id: string }; authority: { id: string }; targeted: { id: string } };
    const q = (extra: string): string =>
      `{ whoSanctioned(actorId: "sensetime", includeIndirect: true) { indirect sanction { id ${extra} } authority { id ${extra ? 'name degree' : ''} } targeted { id } ${extra ? 'authorityChain { id evidence { claim } } targetChain { id }' : ''} } }`;
    const ids = await ok<{ whoSanctioned: Finding[] }>(q(''));
    const full = await ok<{ whoSanctioned: Finding[] }>(q('measure date { date } targets { id }'));
    expect(ids.data.whoSanctioned.length).toBeGreaterThan(1);
    expect(ids.data.whoSanctioned.some((f) => f.indirect)).toBe(true);
    expect(ids.data.whoSanctioned.some((f) => !f.indirect)).toBe(true);
    expect(ids.data.whoSanctioned).toEqual(
      full.data.whoSanctioned.map((f) => ({
        indirect: f.indirect,
        sanction: { id: f.sanction.id },
        authority: { id: f.authority.id },
        targeted: f.targeted,
      })),
    );
    expect(ids.roundTrips).toBe(1);
    expect(full.roundTrips).toBe(1);
  });

  it('loads lean relationships and sanctions whole through the services, equal to the full projection', async () => {
    const repo = new GraphRepository(t.graph);
    const args = { from: 'liu-pengyu', to: 'us-treasury' };
    const full = await shortestPaths(repo, new Loaders(repo), args, FULL_DETAIL);
    const loaders = new Loaders(repo);
    const lean = await shortestPaths(repo, loaders, args, REF_DETAIL);
    expect(lean.map((p) => p.hops.map((h) => h.relationship.lean))).toEqual([['ref', 'ref']]);
    // A lean record holds what its level projects and nothing else: no placeholders to mistake for data.
    expect(Object.keys(lean[0]?.hops[0]?.relationship ?? {}).sort()).toEqual(['fromId', 'id', 'lean', 'toId', 'type']);
    expect(lean[0]?.actors.every((a) => a.lean === 'ref')).toBe(true);
    const whole = await Promise.all(lean.flatMap((p) => p.hops.map((h) => loaders.whole('relationship', h.relationship))));
    expect(whole).toEqual(full.flatMap((p) => p.hops.map((h) => h.relationship)));
    const actors = await Promise.all((lean[0]?.actors ?? []).map((a) => loaders.whole('actor', a)));
    // A lookup by id also carries the recorded version and merged ids (issue 15), which traversals leave out.
    const withoutRecord = (a: ActorRecord | undefined): unknown => {
      const { recorded: _recorded, mergedIds: _mergedIds, ...rest } = a as ActorModel;
      return rest;
    };
    expect(actors.map(withoutRecord)).toEqual(full[0]?.actors.map(withoutRecord));
    expect(actors[0]?.recorded?.version).toBe(1);

    const findingArgs = { actorId: 'myanmar-military', includeIndirect: true };
    const fullFindings = await sanctionFindings(repo, new Loaders(repo), 'whoSanctioned', findingArgs, FULL_DETAIL);
    const leanLoaders = new Loaders(repo);
    const leanFindings = await sanctionFindings(repo, leanLoaders, 'whoSanctioned', findingArgs, REF_DETAIL);
    expect(leanFindings.map((f) => f.sanctionId)).toEqual(fullFindings.map((f) => f.sanctionId));
    expect(leanFindings.every((f) => f.sanction.lean === 'ref' && f.authority.lean === 'ref' && f.targeted.lean === 'ref')).toBe(true);
    const wholeSanctions = await Promise.all(leanFindings.map((f) => leanLoaders.whole('sanction', f.sanction)));
    const fullLoaders = new Loaders(repo);
    expect(wholeSanctions).toEqual(await fullLoaders.sanction.loadMany(leanFindings.map((f) => f.sanctionId)));
    const chains = leanFindings.flatMap((f) => [...f.authorityChain, ...f.targetChain]);
    expect(chains.length).toBeGreaterThan(0);
    expect(await Promise.all(chains.map((r) => leanLoaders.whole('relationship', r)))).toEqual(
      fullFindings.flatMap((f) => [...f.authorityChain, ...f.targetChain]),
    );
  });
});
