/**
 * Compiled execution (graphql-jit, issue 18) answers exactly as graphql-js does: every operation below runs
 * on a server that compiles from the first run (the suite's default) and on one that never compiles
 * (JIT_EXECUTION=false); data, errors, status and round trips are compared. A third server with the
 * production default (compile on the second run) answers the same on its first and second run.
 */
import { type GraphQLResponse, startTestApp, type TestApp, useTestApp } from '../support/test-app.js';

const compiled = useTestApp();
let plain: TestApp;
let warming: TestApp;
beforeAll(async () => {
  plain = await startTestApp({ env: { JIT_EXECUTION: 'false' } });
  warming = await startTestApp({ env: { JIT_COMPILE_AFTER: '1' } });
});
afterAll(async () => {
  await plain.close();
  await warming.close();
});

/** What must be the same on both engines. */
const seen = (r: GraphQLResponse) => ({ status: r.status, data: r.data, errors: r.errors, roundTrips: r.extensions?.roundTrips });

const NESTED = `query Nested($id: ID!) { actor(id: $id) { id name kind country degree aliases
  relationships(types: [SANCTIONED], direction: OUTGOING, first: 10) { totalCount pageInfo { hasNextPage endCursor }
    edges { cursor direction node { id type date { date precision } evidence { claim sentences } } other { id name
      relationships(types: [SANCTIONED], direction: OUTGOING, first: 5) { edges { node { id } other { id name } } } } } } } }`;

// Three items each: jest takes a test function's parameter beyond a row's items for its `done` callback.
const OPERATIONS: readonly [string, string, Record<string, unknown>][] = [
  ['a point lookup', 'query P($id: ID!) { actor(id: $id) { id name kind country degree } }', { id: 'united-states' }],
  ['an actor that does not exist (null, no error)', 'query P($id: ID!) { actor(id: $id) { id } }', { id: 'atlantis' }],
  ['a nested page, the compiled statement', NESTED, { id: 'us-treasury' }],
  [
    'fragments, aliases, inline fragments and __typename',
    `query F { a: actor(id: "china") { __typename ...A ... on Actor { kind } } b: actor(id: "myanmar") { ...A } }
     fragment A on Actor { id name rel: relationships(first: 3) { edges { node { __typename id type } } } }`,
    {},
  ],
  ['@skip and @include', 'query S($no: Boolean!) { actor(id: "china") { id name @skip(if: $no) kind @include(if: $no) } }', { no: true }],
  ['a list page', '{ actors(first: 5) { edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }', {}],
  [
    'a sanction with its parties',
    '{ sanction(id: "sanction-2021-12-10-myanmar-human-rights") { id parties { actor { id } role status confidence sentences } targets { id sanctionsReceived { id } } } }',
    {},
  ],
  [
    'who sanctioned, indirectly',
    '{ whoSanctioned(actorId: "china", includeIndirect: true) { sanction { id } authority { id } targeted { id } } }',
    {},
  ],
  ['paths', '{ paths(from: "canada", to: "myanmar-military") { length actors { id } hops { direction relationship { id type } } } }', {}],
  ['a neighbourhood', '{ neighbourhood(id: "united-states", hops: 2) { nodes { id name } edges { id type } truncated } }', {}],
  ['search', 'query Q($text: String!) { search(text: $text) { actor { id name } score } }', { text: 'treasury' }],
  [
    'federation entities',
    '{ _entities(representations: [{ __typename: "Actor", id: "sensetime" }]) { __typename ... on Actor { id name } } }',
    {},
  ],
  ['introspection', '{ __type(name: "Actor") { name fields { name type { kind name ofType { name } } } } }', {}],
  ['a refused argument (BAD_USER_INPUT)', '{ actor(id: "china") { relationships(first: 100000) { edges { node { id } } } } }', {}],
  ['a variable of the wrong type', 'query P($id: ID!) { actor(id: $id) { id } }', { id: { not: 'an id' } }],
  ['a missing variable', 'query P($id: ID!) { actor(id: $id) { id } }', {}],
  ['a sanction that does not exist', '{ sanction(id: "no-such-sanction") { id } }', {}],
];

describe('compiled execution', () => {
  it.each(OPERATIONS)('answers %s as graphql-js does', async (_what, query, variables) => {
    const jit = await compiled.gql(query, variables);
    const js = await plain.gql(query, variables);
    expect(seen(jit)).toEqual(seen(js));
    // Not vacuous: the operations about errors answer errors, the others data without any.
    if (/refused|wrong type|missing/.test(_what)) expect(jit.errors?.length).toBeGreaterThan(0);
    else expect({ errors: jit.errors, hasData: jit.data !== undefined && jit.data !== null }).toEqual({ errors: undefined, hasData: true });
  });

  it('compiles on the second run by default, with the same answer as the first', async () => {
    for (const [, query, variables] of OPERATIONS) {
      const first = await warming.gql(query, variables);
      const second = await warming.gql(query, variables);
      expect(seen(second)).toEqual(seen(first));
    }
  });
});
