/**
 * Graph-wide questions, counts and checked cursors (issue 14, items 5-7), over HTTP on the seed graph,
 * with exact values and what must NOT come back: the root `relationships` connection, the sanction,
 * search and finding connections, aggregates computed in the database, one finding per authority and
 * sanction, cursors refused under another query, ordering or filter, and inverted date ranges.
 */
import { type GraphFixture, graphFixture } from '../support/graph-fixture.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function ok<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await t.gql<T>(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

async function error(query: string, variables?: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const res = await t.gql(query, variables);
  expect(res.data ?? null).toBeNull();
  return res.errors?.[0]?.extensions;
}

type Ids = { totalCount: number; edges: { node: { id: string } }[] };
const ids = (c: Ids): string[] => c.edges.map((e) => e.node.id);
const REL = 'query($where: RelationshipFilter, $first: Int, $after: String) { relationships(where: $where, first: $first, after: $after) {';
const RELS = `${REL} totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
const rels = async (where: Record<string, unknown>, first = 100): Promise<Ids> =>
  (await ok<{ relationships: Ids }>(RELS, { where, first })).relationships;

const SENTENCE_12 = [
  'rel-embassy-represents-china',
  'rel-liu-called-on-administration',
  'rel-liu-denounced-us',
  'rel-liu-speaks-for-embassy',
];
const MYANMAR = 'sanction-2021-12-10-myanmar-human-rights';

describe('5. one query for every relationship of a kind anywhere in the graph', () => {
  it('answers every ALLEGED claim, and nothing asserted or inferred', async () => {
    const alleged = await rels({ status: ['ALLEGED'] });
    expect(ids(alleged)).toEqual([
      'rel-administration-accused-bangladesh-designees',
      'rel-administration-accused-china-designees',
      'rel-administration-accused-myanmar-designees',
      'rel-administration-accused-north-korea-designees',
      'rel-china-accused-us',
      'rel-sensetime-targeted-uyghurs',
    ]);
    expect(alleged.totalCount).toBe(6);
  });

  it('answers everything sentence 12 of the article supports; a sentence without its source is refused', async () => {
    const s12 = await rels({ source: 'article-2021-12-10-sanctions', sentence: 12 });
    expect(ids(s12)).toEqual(SENTENCE_12);
    expect(s12.totalCount).toBe(4);
    expect(await error(RELS, { where: { sentence: 12 } })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where.sentence' });
  });

  it('answers every joint action: the joint declarations and the asserted edges of the joint sanction only', async () => {
    const joint = await rels({ joint: true });
    expect(ids(joint)).toEqual([
      'rel-canada-joint-us',
      'rel-uk-joint-us',
      `${MYANMAR}:biden-administration:designated-myanmar-2021-12-10`,
      `${MYANMAR}:biden-administration:myanmar-military-entities`,
      `${MYANMAR}:united-states:designated-myanmar-2021-12-10`,
      `${MYANMAR}:united-states:myanmar-military-entities`,
    ]);
    // Canada's and the UK's inferred SANCTIONED edges only when asked; none of them among the others.
    expect((await rels({ joint: true, includeInferred: true })).totalCount).toBe(10);
    const others = await rels({ joint: false });
    expect(others.totalCount).toBe(45);
    expect(ids(others).filter((id) => id.startsWith(MYANMAR) || id.includes('joint'))).toEqual([]);
  });

  it('leaves INFERRED claims out unless asked, and naming INFERRED in status asks for them', async () => {
    expect((await rels({})).totalCount).toBe(51);
    expect((await rels({ includeInferred: true })).totalCount).toBe(58);
    expect(ids(await rels({ status: ['INFERRED'] }))).toEqual([
      'rel-adeyemo-speaks-for-treasury',
      'rel-military-alleged-fraud',
      'rel-xi-leads-china',
      `${MYANMAR}:canada:designated-myanmar-2021-12-10`,
      `${MYANMAR}:canada:myanmar-military-entities`,
      `${MYANMAR}:united-kingdom:designated-myanmar-2021-12-10`,
      `${MYANMAR}:united-kingdom:myanmar-military-entities`,
    ]);
  });

  it('filters by actor, confidence, as-of and date range', async () => {
    expect(ids(await rels({ actor: 'canada' }))).toEqual(['rel-canada-joint-us']);
    // The inferred edges (confidence 0.6) are below 0.9.
    expect(ids(await rels({ actor: 'canada', includeInferred: true, minConfidence: 0.9 }))).toEqual(['rel-canada-joint-us']);
    expect((await rels({ actor: 'canada', includeInferred: true })).totalCount).toBe(3);
    expect(ids(await rels({ types: ['LEADS'], asOf: '2021-01-31' }))).toEqual(['rel-suu-kyi-leads-myanmar']);
    expect(ids(await rels({ types: ['LEADS'], asOf: '1950-01-01' }))).toEqual([]);
    // Known from a day of 2021 up to 30 November: the November events count from the end of their month.
    expect(ids(await rels({ from: '2021-01-01', to: '2021-11-30', types: ['HELD_SUMMIT_WITH', 'LEADS', 'SEIZED_POWER_IN'] }))).toEqual([
      'rel-biden-summit-xi',
      'rel-military-leads-myanmar',
      'rel-military-seized-power',
      'rel-suu-kyi-leads-myanmar',
    ]);
    expect(ids(await rels({ from: '2021-01-01', to: '2021-11-29', types: ['HELD_SUMMIT_WITH'] }))).toEqual([]);
  });

  it('says what is dated, only bounded, or undated: every seed relation has a date or a bound', async () => {
    expect((await rels({ timeBasis: ['DATED'] })).totalCount).toBe(24);
    expect((await rels({ timeBasis: ['BOUNDED'] })).totalCount).toBe(27);
    expect((await rels({ timeBasis: ['UNDATED'] })).totalCount).toBe(0);
    expect(ids(await rels({ timeBasis: ['DATED'], types: ['LEADS'] }))).toEqual(['rel-military-leads-myanmar']);
  });

  it('pages through every relationship by id without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      type P = { relationships: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      const data: P = await ok<P>(RELS, { where: {}, first: 8, after });
      seen.push(...data.relationships.edges.map((e) => e.node.id));
      if (!data.relationships.pageInfo.hasNextPage) break;
      after = data.relationships.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(51);
    expect(new Set(seen).size).toBe(51);
    expect([...seen].sort()).toEqual(seen);
  });

  it('is NOT_FOUND for an unknown actor or source in the filter, naming the argument', async () => {
    expect(await error(RELS, { where: { actor: 'nobody' } })).toMatchObject({ code: 'NOT_FOUND', argument: 'where.actor' });
    expect(await error(RELS, { where: { source: 'no-such-article' } })).toMatchObject({ code: 'NOT_FOUND', argument: 'where.source' });
    // A known actor with nothing matching is an empty answer, not an error.
    expect(ids(await rels({ actor: 'canada', types: ['LEADS'] }))).toEqual([]);
  });

  it('pages sanctions by cursor, filters joint ones, and keeps the sanctions list as it was', async () => {
    type S = { sanctionsConnection: Ids & { pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const Q = `query($where: SanctionFilter, $after: String) { sanctionsConnection(where: $where, first: 4, after: $after) {
      totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const first = await ok<S>(Q, {});
    const second = await ok<S>(Q, { after: first.sanctionsConnection.pageInfo.endCursor });
    expect([...ids(first.sanctionsConnection), ...ids(second.sanctionsConnection)]).toEqual([
      'sanction-2021-12-10-bangladesh-human-rights',
      'sanction-2021-12-10-china-human-rights',
      MYANMAR,
      'sanction-2021-12-10-north-korea-human-rights',
      'sanction-2021-12-10-sensetime-investment-ban',
      'sanction-2021-11-chinese-companies-trade-blacklist',
    ]);
    expect(first.sanctionsConnection.pageInfo.hasNextPage).toBe(true);
    expect(second.sanctionsConnection.pageInfo.hasNextPage).toBe(false);
    expect(first.sanctionsConnection.totalCount).toBe(6);
    expect(ids((await ok<S>(Q, { where: { joint: true } })).sanctionsConnection)).toEqual([MYANMAR]);
    const notJoint = await ok<{ sanctions: { id: string }[] }>('{ sanctions(where: { joint: false }) { id } }');
    expect(notJoint.sanctions.map((s) => s.id)).toHaveLength(5);
    expect(notJoint.sanctions.map((s) => s.id)).not.toContain(MYANMAR);
    expect(await error(Q, { where: { authority: 'nobody' } })).toMatchObject({ code: 'NOT_FOUND', argument: 'where.authority' });
  });

  it('pages search hits and findings with totalCount, the same ranking as the list fields', async () => {
    type H = { searchConnection: { totalCount: number; edges: { node: { actor: { id: string } } }[]; pageInfo: { endCursor: string } } };
    const SQ = `query($after: String) { searchConnection(text: "sanctioned", first: 2, after: $after) {
      totalCount edges { node { actor { id } } } pageInfo { endCursor } } }`;
    const list = await ok<{ search: { actor: { id: string } }[] }>('{ search(text: "sanctioned", first: 4) { actor { id } } }');
    const p1 = await ok<H>(SQ);
    const p2 = await ok<H>(SQ, { after: p1.searchConnection.pageInfo.endCursor });
    expect([...p1.searchConnection.edges, ...p2.searchConnection.edges].map((e) => e.node.actor.id)).toEqual(
      list.search.map((h) => h.actor.id),
    );
    expect(p1.searchConnection.totalCount).toBe(6);

    type F = {
      whoSanctionedConnection: { totalCount: number; edges: { node: { authority: { id: string } } }[]; pageInfo: { endCursor: string } };
    };
    const FQ = `query($after: String) { whoSanctionedConnection(actorId: "china", includeIndirect: true, first: 3, after: $after) {
      totalCount edges { node { authority { id } } } pageInfo { endCursor } } }`;
    const all = await ok<{ whoSanctioned: { authority: { id: string } }[] }>(
      '{ whoSanctioned(actorId: "china", includeIndirect: true) { authority { id } } }',
    );
    const f1 = await ok<F>(FQ);
    const f2 = await ok<F>(FQ, { after: f1.whoSanctionedConnection.pageInfo.endCursor });
    expect([...f1.whoSanctionedConnection.edges, ...f2.whoSanctionedConnection.edges].map((e) => e.node.authority.id)).toEqual(
      all.whoSanctioned.map((f) => f.authority.id),
    );
    expect(f1.whoSanctionedConnection.totalCount).toBe(5);
    expect(await error('{ sanctionedByConnection(actorId: "nobody") { totalCount } }')).toMatchObject({
      code: 'NOT_FOUND',
      argument: 'actorId',
    });
  });
});

describe('6. counts and aggregations, computed in the database', () => {
  it('counts relationships by type and status, inferred ones only when asked', async () => {
    type A = {
      relationships: {
        aggregate: {
          count: number;
          byStatus: { status: string; count: number }[];
          byType: { type: string; count: number }[];
          byTypeAndStatus: { type: string; status: string; count: number }[];
        };
      };
    };
    const Q = `query($where: RelationshipFilter) { relationships(where: $where, first: 1) { aggregate { count
      byStatus { status count } byType(first: 3) { type count } byTypeAndStatus(first: 4) { type status count } } } }`;
    const strict = (await ok<A>(Q, {})).relationships.aggregate;
    expect(strict.count).toBe(51);
    expect(strict.byStatus).toEqual([
      { status: 'ASSERTED', count: 45 },
      { status: 'ALLEGED', count: 6 },
    ]);
    expect(strict.byType).toEqual([
      { type: 'SANCTIONED', count: 10 },
      { type: 'ACCUSED', count: 5 },
      { type: 'PART_OF', count: 5 },
    ]);
    expect(strict.byTypeAndStatus).toEqual([
      { type: 'SANCTIONED', status: 'ASSERTED', count: 10 },
      { type: 'ACCUSED', status: 'ALLEGED', count: 5 },
      { type: 'PART_OF', status: 'ASSERTED', count: 5 },
      { type: 'LEADS', status: 'ASSERTED', count: 4 },
    ]);
    const inferred = (await ok<A>(Q, { where: { includeInferred: true } })).relationships.aggregate;
    expect(inferred.byStatus).toEqual([
      { status: 'ASSERTED', count: 45 },
      { status: 'INFERRED', count: 7 },
      { status: 'ALLEGED', count: 6 },
    ]);
    expect(inferred.byTypeAndStatus.slice(0, 2)).toEqual([
      { type: 'SANCTIONED', status: 'ASSERTED', count: 10 },
      { type: 'ACCUSED', status: 'ALLEGED', count: 5 },
    ]);
  });

  it('counts actors by kind and country', async () => {
    type A = {
      actors: {
        totalCount: number;
        aggregate: {
          count: number;
          byKind: { kind: string; count: number }[];
          byCountry: { country: string | null; count: number }[];
          byKindAndCountry: { kind: string; country: string | null; count: number }[];
        };
      };
    };
    const data = await ok<A>(`{ actors(first: 1) { totalCount aggregate { count byKind(first: 3) { kind count }
      byCountry { country count } byKindAndCountry(first: 2) { kind country count } } } }`);
    expect(data.actors.totalCount).toBe(32);
    expect(data.actors.aggregate.count).toBe(32);
    expect(data.actors.aggregate.byKind).toEqual([
      { kind: 'STATE', count: 7 },
      { kind: 'ENTITY_GROUP', count: 6 },
      { kind: 'PERSON', count: 5 },
    ]);
    expect(data.actors.aggregate.byCountry).toEqual([
      { country: 'MM', count: 11 },
      { country: 'CN', count: 7 },
      { country: 'US', count: 7 },
      { country: 'BD', count: 2 },
      { country: 'KP', count: 2 },
      { country: 'CA', count: 1 },
      { country: 'GB', count: 1 },
      { country: null, count: 1 },
    ]);
    expect(data.actors.aggregate.byKindAndCountry).toEqual([
      { kind: 'ENTITY_GROUP', country: 'CN', count: 2 },
      { kind: 'ENTITY_GROUP', country: 'MM', count: 2 },
    ]);
    const people = await ok<A>(
      '{ actors(where: { kinds: [PERSON], country: "us" }) { aggregate { count byKindAndCountry { kind country count } } } }',
    );
    expect(people.actors.aggregate.byKindAndCountry).toEqual([{ kind: 'PERSON', country: 'US', count: 2 }]);
  });

  it('counts sanctions by measure, authority (with the status of its part), target country and month', async () => {
    const data = await ok<{ sanctionsConnection: { aggregate: Record<string, unknown> } }>(`{ sanctionsConnection(first: 1) { aggregate {
      count byMeasure { measure count } byAuthority { authority { id } status count } byTargetCountry { country count } byMonth { month count } } } }`);
    expect(data.sanctionsConnection.aggregate).toEqual({
      count: 6,
      byMeasure: [
        { measure: 'UNSPECIFIED', count: 4 },
        { measure: 'INVESTMENT_BAN', count: 1 },
        { measure: 'TRADE_RESTRICTION', count: 1 },
      ],
      byAuthority: [
        { authority: { id: 'biden-administration' }, status: 'ASSERTED', count: 4 },
        { authority: { id: 'united-states' }, status: 'ASSERTED', count: 3 },
        { authority: { id: 'canada' }, status: 'INFERRED', count: 1 },
        { authority: { id: 'united-kingdom' }, status: 'INFERRED', count: 1 },
        { authority: { id: 'us-treasury' }, status: 'ASSERTED', count: 1 },
      ],
      byTargetCountry: [
        { country: 'CN', count: 3 },
        { country: 'BD', count: 1 },
        { country: 'KP', count: 1 },
        { country: 'MM', count: 1 },
      ],
      byMonth: [
        { month: '2021-12', count: 5 },
        { month: '2021-11', count: 1 },
      ],
    });
    const china = await ok<{ sanctionsConnection: { totalCount: number; aggregate: { byMonth: unknown[] } } }>(
      '{ sanctionsConnection(where: { targetCountry: "CN", from: "2021-12-01" }) { totalCount aggregate { byMonth { month count } } } }',
    );
    expect(china.sanctionsConnection.totalCount).toBe(2);
    expect(china.sanctionsConnection.aggregate.byMonth).toEqual([{ month: '2021-12', count: 2 }]);
  });

  it('folds the chains into one finding per authority and sanction', async () => {
    type F = { sanction: { id: string }; authority: { id: string }; imposedBy: { id: string }; targeted: { id: string } };
    const FIELDS = 'sanction { id } authority { id } imposedBy { id } targeted { id }';
    const data = await ok<{ all: F[]; one: F[]; count: { totalCount: number }; countAll: { totalCount: number } }>(`{
      all: whoSanctioned(actorId: "myanmar", includeIndirect: true) { ${FIELDS} }
      one: whoSanctioned(actorId: "myanmar", includeIndirect: true, distinct: AUTHORITY_AND_SANCTION) { ${FIELDS} }
      count: whoSanctionedConnection(actorId: "myanmar", includeIndirect: true, distinct: AUTHORITY_AND_SANCTION) { totalCount }
      countAll: whoSanctionedConnection(actorId: "myanmar", includeIndirect: true) { totalCount }
    }`);
    expect(data.all).toHaveLength(6);
    expect(data.countAll.totalCount).toBe(6);
    // The United States once, by its own (shortest) part, not also through the administration.
    expect(data.one.map((f) => `${f.authority.id}<-${f.imposedBy.id} ${f.targeted.id}`)).toEqual([
      'biden-administration<-biden-administration designated-myanmar-2021-12-10',
      'united-states<-united-states designated-myanmar-2021-12-10',
    ]);
    expect(data.count.totalCount).toBe(2);
    const us = await ok<{ sanctionedBy: F[] }>(
      `{ sanctionedBy(actorId: "united-states", includeIndirect: true, distinct: AUTHORITY_AND_SANCTION) { ${FIELDS} } }`,
    );
    expect(us.sanctionedBy.map((f) => f.sanction.id.replace('sanction-', ''))).toEqual([
      '2021-12-10-bangladesh-human-rights',
      '2021-12-10-china-human-rights',
      '2021-12-10-myanmar-human-rights',
      '2021-12-10-north-korea-human-rights',
      '2021-12-10-sensetime-investment-ban',
      '2021-11-chinese-companies-trade-blacklist',
    ]);
  });
});

describe('7. cursors and filters are checked', () => {
  const ACTORS = `query($orderBy: ActorOrder, $where: ActorFilter, $after: String) {
    actors(first: 3, orderBy: $orderBy, where: $where, after: $after) { edges { node { id } } pageInfo { endCursor } } }`;
  type A = { actors: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string } } };

  it('refuses an actor cursor under another orderBy or filter, and accepts it under its own', async () => {
    const byName = await ok<A>(ACTORS, { orderBy: { field: 'NAME', direction: 'ASC' } });
    const cursor = byName.actors.pageInfo.endCursor;
    expect((await ok<A>(ACTORS, { orderBy: { field: 'NAME', direction: 'ASC' }, after: cursor })).actors.edges).toHaveLength(3);
    expect(await error(ACTORS, { orderBy: { field: 'DEGREE', direction: 'DESC' }, after: cursor })).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'after',
      reason: 'ordering',
    });
    expect(await error(ACTORS, { orderBy: { field: 'NAME', direction: 'DESC' }, after: cursor })).toMatchObject({ reason: 'ordering' });
    expect(await error(ACTORS, { where: { country: 'MM' }, after: cursor })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'filter' });
  });

  it("refuses a cursor from another field, another filter or another actor's page", async () => {
    const page = await ok<{ relationships: { pageInfo: { endCursor: string } } }>(RELS, { where: { status: ['ALLEGED'] }, first: 2 });
    const cursor = page.relationships.pageInfo.endCursor;
    expect(await error(RELS, { where: { status: ['ASSERTED'] }, after: cursor })).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'filter',
    });
    expect(await error(ACTORS, { after: cursor })).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'query' });
    expect(await error('query($after: String) { sanctionsConnection(after: $after) { totalCount } }', { after: cursor })).toMatchObject({
      reason: 'query',
    });
    const REL_OF = `query($id: ID!, $after: String) { actor(id: $id) { relationships(first: 2, after: $after) { pageInfo { endCursor } } } }`;
    type R = { actor: { relationships: { pageInfo: { endCursor: string } } } };
    const us = (await ok<R>(REL_OF, { id: 'united-states' })).actor.relationships.pageInfo.endCursor;
    expect((await ok<R>(REL_OF, { id: 'united-states', after: us })).actor.relationships.pageInfo.endCursor).not.toBe(us);
    const res = await t.gql(REL_OF, { id: 'china', after: us });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'filter' });
    const search = await ok<{ searchConnection: { pageInfo: { endCursor: string } } }>(
      '{ searchConnection(text: "Myanmar", first: 1) { pageInfo { endCursor } } }',
    );
    expect(
      await error('query($after: String) { searchConnection(text: "China", after: $after) { totalCount } }', {
        after: search.searchConnection.pageInfo.endCursor,
      }),
    ).toMatchObject({ reason: 'filter' });
  });

  it('refuses an inverted date range everywhere one can be given', async () => {
    const inverted = { from: '2021-12-11', to: '2021-12-01' };
    const expected = { code: 'BAD_USER_INPUT', argument: 'where.from' };
    expect(await error(RELS, { where: inverted })).toMatchObject(expected);
    expect(await error('query($w: SanctionFilter) { sanctionsConnection(where: $w) { totalCount } }', { w: inverted })).toMatchObject(
      expected,
    );
    expect(await error('query($w: SanctionFilter) { sanctions(where: $w) { id } }', { w: inverted })).toMatchObject(expected);
    expect(await error(RELS, { where: { minConfidence: 1.5 } })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'where.minConfidence' });
  });
});

describe('round trips of the new root fields', () => {
  // Each page brings its records' nested fields (ends, evidence with its source, actors, aggregates):
  // the statements must be the same for a page of 2 and a page of 50.
  const CASES: [string, string][] = [
    [
      'relationships',
      `query($n: Int) { relationships(first: $n, where: { types: [SANCTIONED], includeInferred: true }) { totalCount aggregate { count byType { type count } }
        edges { node { id from { id name } to { id } evidence { source { id } quotes } sanction { id targets { id } } } } } }`,
    ],
    [
      'sanctionsConnection',
      `query($n: Int) { sanctionsConnection(first: $n) { totalCount aggregate { byAuthority { authority { name } count } }
        edges { node { id authorities { id name } targets { id } evidence { source { id } } } } } }`,
    ],
    [
      'whoSanctionedConnection',
      `query($n: Int) { whoSanctionedConnection(actorId: "myanmar", includeIndirect: true, includeInferred: true, first: $n) { totalCount
        edges { node { authority { id degree } sanction { id date { date } } targetChain { id evidence { source { id } } } } } } }`,
    ],
    [
      'sanctionedByConnection',
      `query($n: Int) { sanctionedByConnection(actorId: "united-states", includeIndirect: true, distinct: AUTHORITY_AND_SANCTION, first: $n) {
        totalCount edges { node { target { id name mentions { sentences } } sanction { id } } } } }`,
    ],
    [
      'searchConnection',
      `query($n: Int) { searchConnection(text: "sanctioned", first: $n) { totalCount
        edges { node { actor { id sanctionsReceived { id } mentions { source { id } } } } } } }`,
    ],
    [
      'actors aggregate',
      'query($n: Int) { actors(first: $n) { totalCount aggregate { byCountry { country count } } edges { node { id degree } } } }',
    ],
  ];

  it.each(CASES)('%s: the same statements for 2 and 50 items', async (_name, query) => {
    const runs = [await t.gql(query, { n: 2 }), await t.gql(query, { n: 50 })];
    for (const run of runs) expect(run.errors).toBeUndefined();
    const statements = runs.map((run) => [...(run.extensions?.['statements'] ?? [])].sort());
    expect(statements[1]).toEqual(statements[0]);
    expect(runs.map((run) => run.extensions?.roundTrips)).toEqual([statements[0]?.length, statements[0]?.length]);
    expect(statements[0]?.length).toBeLessThanOrEqual(8);
  });

  it('counts and aggregates only when selected', async () => {
    const plain = await t.gql('{ relationships(first: 2) { edges { node { id } } } }');
    expect(plain.extensions?.['statements']).toEqual(['listRelationshipsAll']);
    const counted = await t.gql('{ relationships(first: 2, where: { actor: "canada" }) { totalCount aggregate { count } } }');
    expect([...(counted.extensions?.['statements'] ?? [])].sort()).toEqual([
      'aggregateRelationshipsByActor',
      'countRelationshipsByActor',
      'listRelationshipsByActor',
    ]);
    const bySource = await t.gql('{ relationships(where: { source: "article-2021-12-10-sanctions", sentence: 12 }) { totalCount } }');
    expect([...(bySource.extensions?.['statements'] ?? [])].sort()).toEqual(['countRelationshipsBySource', 'listRelationshipsBySource']);
  });
});

describe('an undated relationship in the graph-wide query', () => {
  let f: GraphFixture;
  beforeAll(async () => {
    f = graphFixture('gq-undated').actor('a').actor('b').relate('a', 'DENOUNCED', 'b');
    await f.write(t.graph);
  });
  afterAll(() => f.remove(t.graph));

  it('is found as UNDATED, and as of a date only with includeUndated', async () => {
    const undated = await rels({ timeBasis: ['UNDATED'] });
    expect(undated.totalCount).toBe(1);
    expect(ids(await rels({ actor: f.id('a'), asOf: '2021-12-10' }))).toEqual([]);
    expect(ids(await rels({ actor: f.id('a'), asOf: '2021-12-10', includeUndated: true }))).toEqual(ids(undated));
    // An undated relationship has no first known day: a date range leaves it out.
    expect(ids(await rels({ actor: f.id('a'), from: '1900-01-01' }))).toEqual([]);
  });
});
