/**
 * Nested selections compiled into one statement per root field (issue 18) answer exactly as the
 * DataLoader path does: every operation below runs on a server with the compiler (the default) and on one
 * without (COMPILE_SELECTIONS=false), and the data, the errors and the statement counts are compared.
 */
import { type GraphQLResponse, startTestApp, type TestApp, useTestApp } from '../support/test-app.js';

const compiled = useTestApp();
let plain: TestApp;
beforeAll(async () => {
  plain = await startTestApp({ env: { COMPILE_SELECTIONS: 'false' } });
});
afterAll(() => plain.close());

interface Run {
  readonly on: GraphQLResponse;
  readonly off: GraphQLResponse;
}

async function both(query: string, variables?: Record<string, unknown>): Promise<Run> {
  const on = await compiled.gql(query, variables);
  const off = await plain.gql(query, variables);
  expect(on.status).toBe(200);
  expect(off.status).toBe(200);
  // Equal answers, errors included (a refused argument is refused the same way by both).
  expect(on.data).toEqual(off.data);
  expect(on.errors).toEqual(off.errors);
  return { on, off };
}

const NESTED = `query Nested($id: ID!) { actor(id: $id) { id name
  relationships(types: [SANCTIONED], direction: OUTGOING, first: 10) { edges { node { id } other { id name
    relationships(types: [SANCTIONED], direction: OUTGOING, first: 5) { edges { node { id } other { id name } } } } } } } }`;

// Every operation here nests relationships under the root actor: the compiler answers each in one statement.
const COMPILED: readonly [string, string, Record<string, unknown>][] = [
  ['the bench nested workload', NESTED, { id: 'united-states' }],
  ['the bench nested workload from the Treasury', NESTED, { id: 'us-treasury' }],
  [
    'full projections, totals, cursors and a counted page below',
    `{ actor(id: "united-states") { id name kind country aliases description degree
      relationships(first: 30) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor direction node { id type role topics date { date precision } validFrom { date } evidence { claim sentences } }
          other { id name degree description
            relationships(direction: INCOMING, first: 3) { totalCount pageInfo { hasNextPage endCursor }
              edges { direction node { id type } other { id kind country } } } } } } } }`,
    {},
  ],
  [
    'fragments, aliases, a date and undated relationships',
    `query Frag { actor(id: "china") { ...Top out: relationships(direction: OUTGOING, first: 5) { edges { other { id ...Below } } } } }
     fragment Top on Actor { id relationships(asOf: "2021-12-10", includeUndated: true, first: 10) { edges { node { id validTo { date } } other { name } } } }
     fragment Below on Actor { relationships(first: 2, includeInferred: true) { edges { node { id type } } } }`,
    {},
  ],
  [
    'three levels with variables',
    `query Deep($id: ID!, $t: [RelationshipType!]) { actor(id: $id) {
      relationships(types: $t, first: 4) { edges { other { id
        relationships(types: $t, first: 4) { edges { other { id relationships(first: 2) { totalCount edges { node { id } } } } } } } } } } }`,
    { id: 'us-treasury', t: ['SANCTIONED', 'LEADS', 'PART_OF'] },
  ],
];

describe('selections compiled into one statement per root field', () => {
  it.each(COMPILED)('answers %s as the DataLoader path does, in one statement', async (_, query, variables) => {
    const { on, off } = await both(query, variables);
    expect(on.errors).toBeUndefined();
    expect(on.extensions?.statements).toHaveLength(1);
    expect(on.extensions?.statements?.[0]).toMatch(/^compiledActor#[0-9a-f]{10}$/);
    expect(on.extensions?.roundTrips).toBe(1);
    // The DataLoader path needs a statement per level (and none is left out by the compiler).
    expect(off.extensions?.statements?.some((name) => name.startsWith('compiled'))).toBe(false);
    expect(off.extensions?.roundTrips ?? 0).toBeGreaterThan(1);
  });

  it('answers an actor that does not exist with null in one statement, as the DataLoader path does', async () => {
    const { on, off } = await both('{ actor(id: "nobody-at-all") { id relationships { edges { node { id } } } } }');
    expect(on.data).toEqual({ actor: null });
    expect(on.extensions?.statements).toEqual([expect.stringMatching(/^compiledActor#/)]);
    expect(off.extensions?.statements).toEqual(['findActorsByIds']);
  });

  it('answers a page of actors with nested pages in two statements, the page and every level under it', async () => {
    const { on, off } =
      await both(`query Page($after: String) { actors(first: 4, after: $after, where: { kinds: [STATE, GOVERNMENT_BODY] }) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id name relationships(first: 3, direction: OUTGOING) { totalCount edges { node { id type } other { id name
        relationships(first: 2) { edges { node { id } other { id kind } } } } } } } } } }`);
    const edges = (on.data as { actors: { edges: unknown[] } }).actors.edges;
    expect(edges).toHaveLength(4);
    expect(on.extensions?.statements?.filter((name) => name !== 'countActors')).toEqual([
      'listActorsByNameAsc',
      expect.stringMatching(/^compiledActor#/),
    ]);
    expect(off.extensions?.statements?.filter((name) => name.startsWith('relationshipsOfActors'))).toHaveLength(2);
    // A page without nested pages stays one statement.
    const flat = await both('{ actors(first: 3) { edges { node { id name degree } } } }');
    expect(flat.on.extensions?.statements).toEqual(['listActorsByNameAsc']);
  });

  it('gives one shape one statement name whatever the values, and another shape another name', async () => {
    const a = await compiled.gql(NESTED, { id: 'united-states' });
    const b = await compiled.gql(NESTED, { id: 'china' });
    const c = await compiled.gql('{ actor(id: "china") { relationships(direction: OUTGOING) { edges { node { id } } } } }');
    expect(a.extensions?.statements).toEqual(b.extensions?.statements);
    expect(c.extensions?.statements?.[0]).toMatch(/^compiledActor#/);
    expect(c.extensions?.statements).not.toEqual(a.extensions?.statements);
  });

  it('leaves to the DataLoader path what it does not compile, with the same answers and statements', async () => {
    const left: [string, Record<string, unknown>?][] = [
      // Nothing nested: one lookup either way.
      ['{ actor(id: "china") { id name degree } }'],
      // A directive: graphql-js decides what runs.
      [
        'query D($with: Boolean!) { actor(id: "china") { relationships(first: 3) @include(if: $with) { edges { node { id } } } } }',
        { with: true },
      ],
      // A page size out of range: the resolver refuses it, as always.
      ['{ actor(id: "china") { relationships(first: 1000) { edges { node { id } } } } }'],
    ];
    for (const [query, variables] of left) {
      const { on, off } = await both(query, variables);
      expect(on.extensions?.statements).toEqual(off.extensions?.statements);
    }
  });

  it('fetches what a level does not compile through the loaders, still answering alike', async () => {
    const { on, off } = await both(`{ actor(id: "us-treasury") { sanctionsImposed(first: 2) { id }
      relationships(first: 3) { edges { other { id mentions(first: 1) { sentences } } } } } }`);
    expect(on.extensions?.statements?.[0]).toMatch(/^compiledActor#/);
    expect(on.extensions?.statements?.slice(1).sort()).toEqual(
      off.extensions?.statements?.filter((s) => !['findActorsByIds', 'relationshipsOfActorsBoth'].includes(s)).sort(),
    );
  });
});

// sanction -> targets -> sanctions (and authorities, parties) in one statement per root field.
const CHINA_SANCTION = 'sanction-2021-12-10-china-human-rights';
const compiledNames = (r: GraphQLResponse): string[] => (r.extensions?.statements ?? []).filter((n) => n.startsWith('compiled'));

/** How many items the `sanctionsImposed` / `sanctionsReceived` lists of an answer hold, at any depth. */
function nestedListItems(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + nestedListItems(v), 0);
  if (typeof value !== 'object' || value === null) return 0;
  return Object.entries(value).reduce(
    (n, [key, v]) => n + (['sanctionsImposed', 'sanctionsReceived'].includes(key) && Array.isArray(v) ? v.length : 0) + nestedListItems(v),
    0,
  );
}

describe('sanction trees compiled into one statement per root field', () => {
  const SANCTION_TREES: readonly [string, string, Record<string, unknown>][] = [
    [
      'a sanction, its targets and the sanctions they received',
      `query T($id: ID!) { sanction(id: $id) { id measure program date { date } targets { id name kind
        sanctionsReceived(first: 5) { id date { date } measure targets { id } authorities { id } } } } }`,
      { id: CHINA_SANCTION },
    ],
    [
      'authorities two lists deep, the parties, fragments and a date',
      `query A { sanction(id: "${CHINA_SANCTION}") { ...S parties { role sentences actor { id kind sanctionsReceived { id } } } } }
       fragment S on Sanction { authorities { id sanctionsImposed(asOf: "2021-12-10", first: 3) { id targets { id name
         sanctionsImposed(first: 2) { id } } } } }`,
      {},
    ],
  ];

  it.each(SANCTION_TREES)('answers %s as the DataLoader path does, in one statement', async (_, query, variables) => {
    const { on, off } = await both(query, variables);
    expect(on.errors).toBeUndefined();
    expect(on.extensions?.statements).toEqual([expect.stringMatching(/^compiledSanction#[0-9a-f]{10}$/)]);
    expect(on.extensions?.roundTrips).toBe(1);
    expect(compiledNames(off)).toEqual([]);
    expect(off.extensions?.roundTrips ?? 0).toBeGreaterThan(2);
    // The nested lists are not empty (each holds at least the root sanction itself), so the comparison above
    // compared records, not two empty answers.
    expect(nestedListItems(on.data)).toBeGreaterThan(0);
  });

  it('answers a sanction that does not exist with null in one statement', async () => {
    const { on, off } = await both('{ sanction(id: "no-such-sanction") { id targets { id sanctionsReceived { id } } } }');
    expect(on.data).toEqual({ sanction: null });
    expect(on.extensions?.statements).toEqual([expect.stringMatching(/^compiledSanction#/)]);
    expect(off.extensions?.statements).toEqual(['findSanctionsByIds']);
  });

  it('answers pages of sanctions with their page statement and one compiled statement under it', async () => {
    const list = await both(`{ sanctions(first: 4) { id targets { id sanctionsReceived(first: 3) { id authorities { id } } } } }`);
    expect(list.on.extensions?.statements).toHaveLength(2);
    expect(compiledNames(list.on)).toHaveLength(1);
    expect(list.off.extensions?.statements?.length ?? 0).toBeGreaterThan(2);
    const connection = await both(`{ sanctionsConnection(first: 3) { totalCount edges { cursor node { id
      targets { id sanctionsReceived(first: 2) { id } } } } } }`);
    expect(compiledNames(connection.on)).toHaveLength(1);
    expect((connection.on.data as { sanctionsConnection: { edges: unknown[] } }).sanctionsConnection.edges).toHaveLength(3);
    // Parties alone under a page are one batched lookup either way: not compiled.
    const flat = await both('{ sanctions(first: 3) { id targets { id } } }');
    expect(compiledNames(flat.on)).toEqual([]);
    expect(flat.on.extensions?.statements).toEqual(flat.off.extensions?.statements);
  });

  it('leaves a refused argument and a historical read to the DataLoader path', async () => {
    const refused = await both(`{ sanction(id: "${CHINA_SANCTION}") { targets { sanctionsReceived(first: 1000) { id } } } }`);
    expect(refused.on.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(refused.on.extensions?.statements).toEqual(refused.off.extensions?.statements);
    const historical = await both(
      `{ sanction(id: "${CHINA_SANCTION}", recordedAsOf: "2999-01-01T00:00:00Z") { id targets { id sanctionsReceived { id } } } }`,
    );
    expect(compiledNames(historical.on)).toEqual([]);
    expect(historical.on.extensions?.statements).toEqual(historical.off.extensions?.statements);
  });
});
