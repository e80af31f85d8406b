/** The research API over HTTP on the seed graph: exact answers to the questions researchers ask. */
import type { GraphRepository } from '../../src/graph/graph-repository.js';
import { type GraphFixture, graphFixture } from '../support/graph-fixture.js';
import { startTestApp, useTestApp } from '../support/test-app.js';

const t = useTestApp();

type Data = Record<string, unknown>;
async function ok<T = Data>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await t.gql<T>(query, variables);
  expect(res.errors).toBeUndefined();
  expect(res.status).toBe(200);
  return res.data as T;
}
async function errorCode(query: string, variables?: Record<string, unknown>): Promise<{ status: number; code?: string; message: string }> {
  const res = await t.gql(query, variables);
  expect(res.errors).toHaveLength(1);
  return { status: res.status, code: res.errors?.[0]?.extensions?.code, message: res.errors?.[0]?.message ?? '' };
}

describe('actors', () => {
  it('returns null for an unknown id and the actor with its kind for a known one', async () => {
    const data = await ok<{ a: unknown; b: { name: string; kind: string; country: string; aliases: string[] } }>(
      '{ a: actor(id: "nobody") { id } b: actor(id: "us-treasury") { name kind country aliases } }',
    );
    expect(data.a).toBeNull();
    expect(data.b).toEqual({
      name: 'United States Department of the Treasury',
      kind: 'GOVERNMENT_BODY',
      country: 'US',
      aliases: ['Department of Treasury', 'Treasury'],
    });
  });

  it('pages through all actors with cursors, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const data: { actors: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } =
        await ok('query($after: String) { actors(first: 7, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }', {
          after,
        });
      seen.push(...data.actors.edges.map((e) => e.node.id));
      if (!data.actors.pageInfo.hasNextPage) break;
      after = data.actors.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(32);
    expect(new Set(seen).size).toBe(32);
  });

  it('filters by kind, country, name and sanctions, and counts without fetching', async () => {
    const data = await ok<Record<string, { totalCount: number; edges: { node: { id: string } }[] }>>(`{
      states: actors(where: { kinds: [STATE] }, first: 100) { totalCount edges { node { id } } }
      myanmar: actors(where: { country: "mm", kinds: [PERSON, POLITICAL_PARTY] }) { totalCount edges { node { id } } }
      named: actors(where: { nameContains: "EMBASSY" }) { totalCount edges { node { id } } }
      starts: actors(where: { nameStartsWith: "united" }) { totalCount edges { node { id } } }
      imposers: actors(where: { imposedSanctions: true }, first: 100) { totalCount edges { node { id } } }
      targetsInChina: actors(where: { receivedSanctions: true, country: "CN" }) { totalCount edges { node { id } } }
    }`);
    const idsOf = (k: string): string[] => data[k]!.edges.map((e) => e.node.id);
    expect(idsOf('states')).toEqual(['bangladesh', 'canada', 'china', 'myanmar', 'north-korea', 'united-kingdom', 'united-states']);
    expect(data['states']!.totalCount).toBe(7);
    expect(idsOf('myanmar')).toEqual(['aung-san-suu-kyi', 'nld']);
    expect(idsOf('named')).toEqual(['chinese-embassy-washington']);
    expect(idsOf('starts')).toEqual(['united-kingdom', 'united-states', 'us-treasury']);
    expect(idsOf('imposers')).toEqual(['biden-administration', 'canada', 'united-kingdom', 'united-states', 'us-treasury']);
    expect(idsOf('targetsInChina')).toEqual(['chinese-companies-trade-blacklisted-2021-11', 'designated-china-2021-12-10', 'sensetime']);
  });

  it('orders by degree, highest first, ties by id', async () => {
    const data = await ok<{ actors: { edges: { node: { id: string; degree: number } }[] } }>(
      '{ actors(orderBy: { field: DEGREE, direction: DESC }, first: 3) { edges { node { id degree } } } }',
    );
    const degrees = data.actors.edges.map((e) => e.node.degree);
    expect(degrees).toEqual([...degrees].sort((a, b) => b - a));
    expect(data.actors.edges[0]!.node.id).toBe('united-states');
  });

  it('rejects page sizes outside 1..100 with BAD_USER_INPUT and the range', async () => {
    const res = await t.gql('{ actors(first: 99999999) { totalCount } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first', min: 1, max: 100 });
    expect((await errorCode('{ actors(after: "garbage") { totalCount } }')).code).toBe('BAD_USER_INPUT');
  });
});

describe('search', () => {
  it.each([
    ['sensetime', 'sensetime'],
    ['Sense Time', 'sensetime'],
    ['SENSETIME', 'sensetime'],
    ['sensetmie', 'sensetime'],
    ['suu kyi', 'aung-san-suu-kyi'],
    ['Aung San Su Kyi', 'aung-san-suu-kyi'],
    ['junta', 'myanmar-military'],
    ['NLD', 'nld'],
  ])('finds %j first as %s, with a score', async (text, id) => {
    const data = await ok<{ search: { actor: { id: string }; score: number }[] }>(
      'query($text: String!) { search(text: $text) { actor { id } score } }',
      { text },
    );
    expect(data.search[0]?.actor.id).toBe(id);
    expect(data.search[0]?.score).toBeGreaterThan(0);
  });

  it('filters by kind and takes Lucene syntax literally', async () => {
    const kinds = await ok<{ search: { actor: { id: string } }[] }>('{ search(text: "united", kinds: [STATE]) { actor { id } } }');
    expect(kinds.search.map((h) => h.actor.id).sort()).toEqual(['united-kingdom', 'united-states']);
    for (const text of ['*:*', 'name:"x" OR (', '\\', '~~~', 'AND OR NOT', "'}) DETACH DELETE n //"]) {
      const res = await t.gql('query($text: String!) { search(text: $text) { actor { id } } }', { text });
      expect(res.errors).toBeUndefined();
    }
  });

  it('rejects empty and overlong text with BAD_USER_INPUT', async () => {
    expect((await errorCode('{ search(text: "   ") { score } }')).code).toBe('BAD_USER_INPUT');
    expect((await errorCode('query($t: String!) { search(text: $t) { score } }', { t: 'x'.repeat(201) })).code).toBe('BAD_USER_INPUT');
  });
});

describe('relationships and as-of', () => {
  const LEADERS = `query($asOf: Date) { actor(id: "myanmar") { relationships(types: [LEADS], direction: INCOMING, asOf: $asOf) {
    totalCount edges { direction other { id } node { role } } } } }`;
  type Leaders = {
    actor: { relationships: { totalCount: number; edges: { direction: string; other: { id: string }; node: { role: string } }[] } };
  };

  it('answers who led Myanmar before and after 1 February 2021', async () => {
    const before = await ok<Leaders>(LEADERS, { asOf: '2021-01-31' });
    expect(before.actor.relationships.edges).toEqual([
      { direction: 'INCOMING', other: { id: 'aung-san-suu-kyi' }, node: { role: 'de facto leader' } },
    ]);
    const after = await ok<Leaders>(LEADERS, { asOf: '2021-02-02' });
    expect(after.actor.relationships.edges).toEqual([
      { direction: 'INCOMING', other: { id: 'myanmar-military' }, node: { role: 'ruling junta' } },
    ]);
    const ever = await ok<Leaders>(LEADERS, {});
    expect(ever.actor.relationships.totalCount).toBe(2);
  });

  it('pages relationships with a cursor and reports the direction seen from the actor', async () => {
    const q = `query($after: String) { actor(id: "united-states") { relationships(first: 4, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id } direction } } } }`;
    type R = {
      actor: {
        relationships: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string } }[] };
      };
    };
    const first = await ok<R>(q, {});
    const second = await ok<R>(q, { after: first.actor.relationships.pageInfo.endCursor });
    const ids = [...first.actor.relationships.edges, ...second.actor.relationships.edges].map((e) => e.node.id);
    expect(new Set(ids).size).toBe(8);
    expect(first.actor.relationships.totalCount).toBeGreaterThan(8);
  });

  it('rejects an invalid date with BAD_USER_INPUT', async () => {
    const res = await t.gql(LEADERS, { asOf: '2021-02-30' });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists the roles a person holds and the entries of a list', async () => {
    const data = await ok<{
      liu: { roles: { type: string; role: string; to: { id: string } }[] };
      list: { listEntries: { id: string }[] };
    }>('{ liu: actor(id: "liu-pengyu") { roles { type role to { id } } } list: actor(id: "cmic-list") { listEntries { id } } }');
    expect(data.liu.roles).toEqual([{ type: 'SPEAKS_FOR', role: 'spokesman', to: { id: 'chinese-embassy-washington' } }]);
    expect(data.list.listEntries).toEqual([{ id: 'sensetime' }]);
  });
});

describe('sanctions', () => {
  type Finding = {
    sanction: { id: string };
    authority: { id: string };
    imposedBy: { id: string };
    targeted: { id: string };
    indirect: boolean;
    authorityChain: { type: string }[];
    targetChain: { type: string; from: { id: string }; to: { id: string } }[];
  };
  const FINDING =
    'sanction { id } authority { id } imposedBy { id } targeted { id } indirect authorityChain { type } targetChain { type from { id } to { id } }';

  it('who sanctioned the Myanmar military: nobody directly; the US through its entities, the UK and Canada only if inferred', async () => {
    const direct = await ok<{ whoSanctioned: Finding[] }>(`{ whoSanctioned(actorId: "myanmar-military") { ${FINDING} } }`);
    expect(direct.whoSanctioned).toEqual([]);
    const indirect = await ok<{ whoSanctioned: Finding[]; inferred: Finding[] }>(`{
      whoSanctioned(actorId: "myanmar-military", includeIndirect: true) { ${FINDING} }
      inferred: whoSanctioned(actorId: "myanmar-military", includeIndirect: true, includeInferred: true) { ${FINDING} }
    }`);
    expect([...new Set(indirect.whoSanctioned.map((f) => f.authority.id))].sort()).toEqual(['biden-administration', 'united-states']);
    expect([...new Set(indirect.inferred.map((f) => f.authority.id))].sort()).toEqual([
      'biden-administration',
      'canada',
      'united-kingdom',
      'united-states',
    ]);
    for (const f of indirect.inferred) {
      expect(f.sanction.id).toBe('sanction-2021-12-10-myanmar-human-rights');
      expect(f.targeted.id).toBe('myanmar-military-entities');
      expect(f.indirect).toBe(true);
      expect(f.targetChain).toEqual([{ type: 'PART_OF', from: { id: 'myanmar-military-entities' }, to: { id: 'myanmar-military' } }]);
    }
    const viaAdministration = indirect.whoSanctioned.find(
      (f) => f.authority.id === 'united-states' && f.imposedBy.id === 'biden-administration',
    );
    expect(viaAdministration?.authorityChain).toEqual([{ type: 'PART_OF' }]);
  });

  it('what the Treasury did to SenseTime, and that it counts as a sanction by the United States', async () => {
    const data = await ok<{
      treasury: {
        sanctionsImposed: { measure: string; date: { date: string; precision: string }; list: { id: string }; targets: { id: string }[] }[];
      };
      us: Finding[];
    }>(`{
      treasury: actor(id: "us-treasury") { sanctionsImposed { measure date { date precision } list { id } targets { id } } }
      us: sanctionedBy(actorId: "united-states", includeIndirect: true) { ${FINDING} }
    }`);
    expect(data.treasury.sanctionsImposed).toEqual([
      {
        measure: 'INVESTMENT_BAN',
        date: { date: '2021-12-10', precision: 'DAY' },
        list: { id: 'cmic-list' },
        targets: [{ id: 'sensetime' }],
      },
    ]);
    const sensetime = data.us.find((f) => f.targeted.id === 'sensetime');
    expect(sensetime).toMatchObject({
      imposedBy: { id: 'us-treasury' },
      authority: { id: 'united-states' },
      indirect: true,
      authorityChain: [{ type: 'PART_OF' }],
    });
  });

  it('every sanction of 10 December 2021, by target country', async () => {
    const data = await ok<{ sanctions: { id: string; targets: { country: string }[] }[] }>(
      '{ sanctions(where: { from: "2021-12-10", to: "2021-12-10" }) { id targets { country } } }',
    );
    expect(data.sanctions.map((s) => s.id).sort()).toEqual([
      'sanction-2021-12-10-bangladesh-human-rights',
      'sanction-2021-12-10-china-human-rights',
      'sanction-2021-12-10-myanmar-human-rights',
      'sanction-2021-12-10-north-korea-human-rights',
      'sanction-2021-12-10-sensetime-investment-ban',
    ]);
    const cn = await ok<{ sanctions: { id: string }[] }>('{ sanctions(where: { targetCountry: "cn" }) { id } }');
    expect(cn.sanctions.map((s) => s.id)).toEqual([
      'sanction-2021-12-10-china-human-rights',
      'sanction-2021-12-10-sensetime-investment-ban',
      'sanction-2021-11-chinese-companies-trade-blacklist',
    ]);
  });

  it('filters sanctions by authority, target and measure, and finds one by id', async () => {
    const data = await ok<{ a: { id: string }[]; b: { id: string }[]; c: { joint: boolean } }>(`{
      a: sanctions(where: { authority: "canada" }) { id }
      b: sanctions(where: { target: "sensetime", measure: INVESTMENT_BAN }) { id }
      c: sanction(id: "sanction-2021-12-10-myanmar-human-rights") { joint }
    }`);
    expect(data.a).toEqual([{ id: 'sanction-2021-12-10-myanmar-human-rights' }]);
    expect(data.b).toEqual([{ id: 'sanction-2021-12-10-sensetime-investment-ban' }]);
    expect(data.c.joint).toBe(true);
  });

  it('hides sanctions dated after asOf', async () => {
    const data = await ok<{ before: Finding[]; after: Finding[] }>(`{
      before: whoSanctioned(actorId: "sensetime", asOf: "2021-12-09") { ${FINDING} }
      after: whoSanctioned(actorId: "sensetime", asOf: "2021-12-10") { ${FINDING} }
    }`);
    expect(data.before).toEqual([]);
    expect(data.after.map((f) => f.authority.id)).toEqual(['us-treasury']);
  });
});

describe('paths and neighbourhoods', () => {
  type Path = {
    length: number;
    actors: { id: string }[];
    hops: { direction: string; relationship: { type: string; evidence: { sentences: number[]; quotes: string[] } } }[];
  };
  const PATHS = `query($from: ID!, $to: ID!, $maxHops: Int, $types: [RelationshipType!]) { paths(from: $from, to: $to, maxHops: $maxHops, types: $types) {
    length actors { id } hops { direction relationship { type evidence { sentences quotes } } } } }`;

  it('finds the path from the embassy spokesman to the Treasury, with evidence on every hop', async () => {
    const data = await ok<{ paths: Path[] }>(PATHS, { from: 'liu-pengyu', to: 'us-treasury' });
    expect(data.paths).toHaveLength(1);
    const [path] = data.paths;
    expect(path!.length).toBe(2);
    expect(path!.actors.map((a) => a.id)).toEqual(['liu-pengyu', 'united-states', 'us-treasury']);
    expect(path!.hops.map((h) => [h.relationship.type, h.direction])).toEqual([
      ['DENOUNCED', 'OUTGOING'],
      ['PART_OF', 'INCOMING'],
    ]);
    expect(path!.hops[0]!.relationship.evidence.quotes[0]).toMatch(/^Chinese embassy spokesman Liu Pengyu said/);
  });

  it('restricts paths to the given types, and answers no path with an empty list', async () => {
    const data = await ok<{ paths: Path[] }>(PATHS, {
      from: 'liu-pengyu',
      to: 'us-treasury',
      types: ['SPEAKS_FOR', 'REPRESENTS', 'PART_OF'],
    });
    expect(data.paths).toEqual([]);
    const none = await ok<{ paths: Path[] }>(PATHS, { from: 'bangladesh', to: 'myanmar-civil-disobedience-movement', maxHops: 6 });
    expect(none.paths).toEqual([]);
    // No path and no such actor are told apart by the one statement: no second lookup.
    const empty = await t.gql(PATHS, { from: 'bangladesh', to: 'myanmar-civil-disobedience-movement', maxHops: 6 });
    expect(empty.extensions?.statements).toEqual(['shortestPaths6']);
    const missing = await t.gql(PATHS, { from: 'bangladesh', to: 'nobody' });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'to' });
    expect(missing.extensions?.statements).toEqual(['shortestPaths4']);
    const self = await ok<{ paths: Path[] }>(PATHS, { from: 'china', to: 'china' });
    expect(self.paths).toEqual([{ length: 0, actors: [{ id: 'china' }], hops: [] }]);
  });

  it('bounds maxHops to 1..6 with BAD_USER_INPUT naming the range', async () => {
    const res = await t.gql(PATHS, { from: 'china', to: 'myanmar', maxHops: 7 });
    expect(res.errors?.[0]?.message).toBe('maxHops must be between 1 and 6');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', min: 1, max: 6 });
  });

  it('returns a neighbourhood shaped for a graph view, truncated at the limit', async () => {
    type N = { neighbourhood: { nodes: { id: string }[]; edges: { from: { id: string }; to: { id: string } }[]; truncated: boolean } };
    const one = await ok<N>('{ neighbourhood(id: "sensetime") { nodes { id } edges { from { id } to { id } } truncated } }');
    expect(one.neighbourhood.nodes.map((n) => n.id).sort()).toEqual(['china', 'cmic-list', 'sensetime', 'us-treasury', 'uyghurs']);
    expect(one.neighbourhood.edges).toHaveLength(4);
    expect(one.neighbourhood.truncated).toBe(false);
    const ids = new Set(one.neighbourhood.nodes.map((n) => n.id));
    for (const e of one.neighbourhood.edges) expect(ids.has(e.from.id) && ids.has(e.to.id)).toBe(true);
    const cut = await ok<N>('{ neighbourhood(id: "united-states", hops: 3, limit: 5) { nodes { id } edges { from { id } } truncated } }');
    expect(cut.neighbourhood.nodes).toHaveLength(5);
    expect(cut.neighbourhood.nodes[0]!.id).toBe('united-states');
    expect(cut.neighbourhood.truncated).toBe(true);
  });
});

describe('unknown ids', () => {
  it.each([
    ['whoSanctioned', '{ whoSanctioned(actorId: "nobody") { indirect } }', 'actorId'],
    ['whoSanctioned, indirect', '{ whoSanctioned(actorId: "nobody", includeIndirect: true) { indirect } }', 'actorId'],
    ['sanctionedBy', '{ sanctionedBy(actorId: "nobody") { indirect } }', 'actorId'],
    ['paths from', '{ paths(from: "nobody", to: "china") { length } }', 'from'],
    ['paths to', '{ paths(from: "china", to: "nobody") { length } }', 'to'],
    ['paths to itself', '{ paths(from: "nobody", to: "nobody") { length } }', 'from'],
    ['neighbourhood', '{ neighbourhood(id: "nobody") { truncated } }', 'id'],
    ['sanctions by authority', '{ sanctions(where: { authority: "nobody" }) { id } }', 'where.authority'],
    ['sanctions by target', '{ sanctions(where: { target: "nobody" }) { id } }', 'where.target'],
    // Ids match exactly: a different case is a different id.
    ['a case variant', '{ whoSanctioned(actorId: "SenseTime") { indirect } }', 'actorId'],
  ])('%s: NOT_FOUND naming the argument', async (_, query, argument) => {
    const res = await t.gql(query);
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument });
  });

  it('a known actor nobody sanctioned is an empty answer, not NOT_FOUND', async () => {
    const data = await ok<{ whoSanctioned: unknown[]; sanctions: unknown[] }>(
      '{ whoSanctioned(actorId: "bangladesh") { indirect } sanctions(where: { authority: "china" }) { id } }',
    );
    expect(data).toEqual({ whoSanctioned: [], sanctions: [] });
  });

  it('an inverted date range is BAD_USER_INPUT, not an empty answer', async () => {
    const res = await t.gql('{ sanctions(where: { from: "2021-12-11", to: "2021-12-01" }) { id } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where.from' });
  });
});

describe('sources', () => {
  it('lists sources with their hash and publication date', async () => {
    const data = await ok<{ sources: { id: string; contentHash: string; publishedOn: { date: string } }[] }>(
      '{ sources { id contentHash publishedOn { date } } }',
    );
    expect(data.sources).toEqual([
      {
        id: 'article-2021-12-10-sanctions',
        contentHash: 'sha256:018e38d5d6b553de74e7897b5cfda70b0ab414266193be6963569d06d33d1270',
        publishedOn: { date: '2021-12-10' },
      },
    ]);
  });
});

describe('round trips', () => {
  // 500 actors each with nested lists is far past the default cost budget by design: this server admits it
  // so that the count of round trips, not the budget, is what the test measures.
  const BUDGET = { LIMIT_MAX_COST: '1000000', LIMIT_MAX_RESPONSE_BYTES: '50000000', RATE_LIMIT_POINTS: '0' };
  const rt = useTestApp({ env: BUDGET });
  const ACTORS = 510;
  const local = (i: number): string => `a${String(i % ACTORS).padStart(3, '0')}`;
  let fixture: GraphFixture;
  beforeAll(async () => {
    fixture = graphFixture('rt');
    fixture.actor('hub', 'STATE', 'RoundTrip hub');
    // Every actor of the neighbourhood has the same shape around it whatever its size: an actor it
    // denounced and one it sanctioned, both outside the neighbourhood.
    for (let i = 0; i < ACTORS; i += 1) {
      fixture.actor(local(i), 'STATE', `RoundTrip ${local(i)}`);
      fixture.actor(`d${local(i)}`, 'STATE', `RoundTrip denounced ${local(i)}`);
      fixture.actor(`t${local(i)}`, 'STATE', `RoundTrip target ${local(i)}`);
      fixture.relate('hub', 'DENOUNCED', local(i));
      fixture.relate(local(i), 'DENOUNCED', `d${local(i)}`);
      fixture.sanction(local(i), `t${local(i)}`);
    }
    await fixture.write(t.graph);
  });
  afterAll(() => fixture.remove(t.graph));

  // The hub's neighbourhood holds `limit` actors; each brings its mentions, relationships with their
  // evidence and sanctions, and sanctions both ways with their actors and sources.
  const QUERY = `query($hub: ID!, $n: Int!) { neighbourhood(id: $hub, hops: 1, limit: $n) { nodes {
    id mentions { source { id } sentences }
    relationships(first: 3) { totalCount edges { other { id name } node { from { id } to { id } sanction { id targets { id } } evidence { source { id } quotes } } } }
    sanctionsImposed { id authorities { id } targets { id name } }
    sanctionsReceived { id evidence { source { title } } }
  } } }`;

  type Answer = { neighbourhood: { nodes: { id: string }[] } };

  it('is the same for 5, 50 and 500 actors, statement for statement', async () => {
    const runs = [];
    for (const n of [5, 50, 500]) runs.push(await rt.gql<Answer>(QUERY, { hub: fixture.id('hub'), n }));
    for (const [i, n] of [5, 50, 500].entries()) {
      const run = runs[i];
      expect(run?.errors).toBeUndefined();
      expect(run?.data?.neighbourhood.nodes).toHaveLength(n);
    }
    const statements = runs.map((run) => [...(run.extensions?.['statements'] ?? [])].sort());
    // Exact: one per wave and loader (the neighbourhood, then mentions, relationships, sanctions both
    // ways, then sources, sanctions by id, then actors by id), never more for more actors.
    expect(statements[1]).toEqual(statements[0]);
    expect(statements[2]).toEqual(statements[0]);
    expect(runs.map((run) => run.extensions?.roundTrips)).toEqual([statements[0]?.length, statements[0]?.length, statements[0]?.length]);
    expect(statements[0]?.length).toBeLessThanOrEqual(10);
  });

  it('is the same whatever order the answers arrive in (answers delayed at random)', async () => {
    // Each repository call holds its answer back 0-20 ms, as a loaded database would, and counts as
    // running meanwhile; a scheduler that batched by tick would split batches here.
    let seed = 11;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const slowed = await startTestApp({ env: BUDGET, wrapRepository: (repo) => delayedAnswers(repo, () => Math.floor(random() * 20)) });
    try {
      const counts = new Set<string>();
      for (let i = 0; i < 6; i += 1) {
        const run = await slowed.gql<Answer>(QUERY, { hub: fixture.id('hub'), n: 50 });
        expect(run.errors).toBeUndefined();
        counts.add(JSON.stringify([...(run.extensions?.['statements'] ?? [])].sort()));
      }
      const plain = await rt.gql<Answer>(QUERY, { hub: fixture.id('hub'), n: 50 });
      counts.add(JSON.stringify([...(plain.extensions?.['statements'] ?? [])].sort()));
      expect([...counts]).toHaveLength(1);
    } finally {
      await slowed.close();
    }
  });
});

/** A repository whose every call answers `delayMs()` later than the database did, and counts as running until then. */
function delayedAnswers(repo: GraphRepository, delayMs: () => number): GraphRepository {
  const slow = <T extends object>(domain: T): T =>
    new Proxy(domain, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || property === 'constructor') return value;
        return async (...args: unknown[]) => {
          repo.counter.transactionStarted?.();
          try {
            const answer: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
            await new Promise((resolve) => setTimeout(resolve, delayMs()));
            return answer;
          } finally {
            repo.counter.transactionSettled?.();
          }
        };
      },
    });
  return Object.assign(Object.create(repo) as GraphRepository, {
    actors: slow(repo.actors),
    relationships: slow(repo.relationships),
    sanctions: slow(repo.sanctions),
    paths: slow(repo.paths),
    sources: slow(repo.sources),
  });
}
