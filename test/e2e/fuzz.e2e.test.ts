/**
 * Fuzzing (issue 6, item 9): fast-check sends malformed and hostile operations, bodies and variable sets.
 * No 5xx, no INTERNAL_SERVER_ERROR, the server stays up and the database is unchanged.
 *
 * FUZZ_SEED fixes the seed (default 6006, so CI is repeatable); FUZZ_SEED=random draws one and prints it.
 * FUZZ_RUNS sets the number of requests (default 1200).
 */
import fc from 'fast-check';

import { HOSTILE } from '../support/hostile-strings.js';
import { graphCounts, startTestApp, type TestApp } from '../support/test-app.js';

const SEED = process.env['FUZZ_SEED'] === 'random' ? Date.now() % 2 ** 31 : Number(process.env['FUZZ_SEED'] ?? 6006);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1200);

const VALID = [
  '{ actor(id: "china") { id name kind degree aliases } }',
  'query A($id: ID!) { actor(id: $id) { name relationships(first: 3) { totalCount edges { cursor node { type } other { name } } } } }',
  '{ actors(first: 5, where: { kinds: [STATE], nameContains: "a" }) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }',
  'query S($t: String!) { search(text: $t, first: 3) { score actor { id } } }',
  '{ paths(from: "us-treasury", to: "china", maxHops: 3) { length actors { id } hops { direction relationship { type } } } }',
  '{ neighbourhood(id: "china", hops: 2, limit: 10) { truncated nodes { id } edges { id } } }',
  '{ sanctions(first: 3, where: { from: "2020-01-01" }) { id measure date { date precision } targets { id } } }',
  'query W($id: ID!, $d: Date) { whoSanctioned(actorId: $id, includeIndirect: true, asOf: $d) { __typename } }',
  '{ sources { id } source(id: "x") { id } sanction(id: "x") { id } }',
  'fragment F on Actor { id name } { actor(id: "china") { ...F ... on Actor { degree } } }',
];

const hostile = fc.constantFrom(...HOSTILE);
const anyText = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), hostile);

/** A valid document with an edit: text inserted, a slice removed, or brackets unbalanced. */
const mutatedDocument = fc
  .tuple(fc.constantFrom(...VALID), fc.nat(), fc.nat({ max: 20 }), anyText, fc.constantFrom('insert', 'delete', 'replace', 'nest'))
  .map(([doc, at, len, text, how]) => {
    const i = at % (doc.length + 1);
    switch (how) {
      case 'insert':
        return doc.slice(0, i) + text + doc.slice(i);
      case 'delete':
        return doc.slice(0, i) + doc.slice(i + len);
      case 'replace':
        return doc.slice(0, i) + text + doc.slice(i + text.length);
      case 'nest':
        return `${'{ '.repeat(len * 5)}${doc}${' }'.repeat(len * 5)}`;
    }
  });

const jsonish: fc.Arbitrary<unknown> = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostile, fc.integer(), fc.constant(null));

/** A request body: a document with hostile or random variables, or a malformed body altogether. */
const body: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ query: fc.oneof(mutatedDocument, anyText, fc.constantFrom(...VALID)) }),
  fc.record({
    query: fc.constantFrom(...VALID),
    variables: fc.oneof(
      fc.record({ id: anyText, t: anyText, d: anyText }),
      fc.dictionary(fc.string({ maxLength: 8 }), jsonish, { maxKeys: 4 }),
      jsonish,
    ),
    operationName: fc.option(fc.oneof(fc.constantFrom('A', 'S', 'W'), anyText), { nil: undefined }),
  }),
  fc.record({ query: jsonish, variables: jsonish, extensions: jsonish }),
  fc.array(fc.record({ query: fc.constantFrom(...VALID) }), { maxLength: 3 }),
  jsonish,
);

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp({ env: { LOG_LEVEL: 'silent', EXPOSE_ROUND_TRIPS: 'false' }, captureLogs: true });
});
afterAll(() => h.close());

describe('fuzzing', () => {
  it(`${RUNS} malformed or hostile requests: no 5xx, no INTERNAL_SERVER_ERROR, database unchanged`, async () => {
    const before = await graphCounts(h.graph);
    const statuses = new Map<number, number>();
    let statements = 0;
    const off = h.graph.onStatement(() => {
      statements += 1;
    });
    try {
      await fc.assert(
        fc.asyncProperty(body, async (sent) => {
          const { status, body: answer } = await h.post(JSON.stringify(sent));
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          const codes = ((answer['errors'] as { extensions?: { code?: string } }[] | undefined) ?? []).map((e) => e.extensions?.code);
          return status < 500 && !codes.includes('INTERNAL_SERVER_ERROR');
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    } finally {
      off();
      process.stdout.write(
        `fuzz: seed ${SEED}, ${RUNS} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${statements} statements reached Neo4j\n`,
      );
    }
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(RUNS);
    expect(await graphCounts(h.graph)).toEqual(before);
    expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
  });
});
