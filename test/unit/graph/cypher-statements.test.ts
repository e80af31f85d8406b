/**
 * Every named Cypher statement, pinned without a database (neo4j/graphql's TCK does the same): its text
 * and example parameters are snapshotted, so any change of Cypher shows in review as a change of
 * __snapshots__/cypher-statements.test.ts.snap. With VERIFY_CYPHER=1 each statement is also planned
 * (EXPLAIN, nothing runs) with its example parameters on the Neo4j that `testEnv()` points at (NEO4J_URI,
 * or the test Neo4j on TEST_NEO4J_PORT, which must be running).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import neo4j from 'neo4j-driver';

import { parseConfig } from '../../../src/config/config.js';
import { ALL_STATEMENTS, collectStatements, STATEMENT_MODULES } from '../../../src/graph/cypher/index.js';
import { GraphClient } from '../../../src/graph/graph-client.js';
import { EXAMPLE_PARAMS, exampleProblems, parameterNames } from '../../support/cypher-examples.js';
import { planOperators } from '../../support/explain.js';
import { testEnv } from '../../support/test-env.js';

// Driver integers print as `int(21)` instead of their two 32-bit halves.
expect.addSnapshotSerializer({
  test: (value: unknown) => neo4j.isInt(value),
  serialize: (value: { toString(): string }) => `int(${value.toString()})`,
});

describe('the statement registry', () => {
  it('lists every module of src/graph/cypher, so a new statement file cannot escape the tests', () => {
    const files = readdirSync(path.join('src', 'graph', 'cypher'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(STATEMENT_MODULES).sort()).toEqual(files);
  });

  it('holds each statement once, named by the comment leading its text', () => {
    expect(ALL_STATEMENTS.length).toBeGreaterThan(40);
    expect(new Set(ALL_STATEMENTS.map((q) => q.name)).size).toBe(ALL_STATEMENTS.length);
    for (const query of ALL_STATEMENTS) expect(query.text.startsWith(`// ${query.name}\n`)).toBe(true);
  });

  it('finds statements in constants, records and maps, and refuses two statements under one name', () => {
    const a = { name: 'a', text: '// a\nRETURN 1' };
    const b = { name: 'b', text: '// b\nRETURN 2' };
    const found = collectStatements({ m: { A: a, nested: { B: b }, byHops: new Map([[1, a]]), other: 3 } });
    expect(found.map((q) => q.name)).toEqual(['a', 'b']);
    expect(() => collectStatements({ m: { A: a }, n: { A: { name: 'a', text: '// a\nRETURN 3' } } })).toThrow(
      'two statements are named a (n.A)',
    );
  });
});

describe('example parameters', () => {
  it('give every statement a value for each $parameter it reads, and nothing it does not read', () => {
    expect(exampleProblems(ALL_STATEMENTS, EXAMPLE_PARAMS)).toEqual([]);
  });

  it('name the statement and the parameter when one is missing or stale', () => {
    const query = { name: 'findThing', text: '// findThing\nMATCH (t {id: $id}) RETURN t LIMIT $limit' };
    expect(parameterNames(query)).toEqual(['id', 'limit']);
    expect(exampleProblems([query], new Map([['findThing', { id: 'x', old: 1 }]]))).toEqual([
      'findThing: no example value for $limit',
      'findThing: example value for $old, which the text does not read',
    ]);
    expect(exampleProblems([query], new Map([['gone', {}]]))).toEqual([
      'findThing: no example params (add them in test/support/cypher-examples.ts)',
      'gone: example params for a statement the registry does not hold',
    ]);
  });
});

describe('Cypher statements', () => {
  it.each(ALL_STATEMENTS.map((q) => [q.name, q] as const))('%s', (_name, query) => {
    expect({ cypher: query.text, params: EXAMPLE_PARAMS.get(query.name) }).toMatchSnapshot();
  });
});

const verify = process.env['VERIFY_CYPHER'] === '1';

(verify ? describe : describe.skip)('Cypher statements against the real planner (VERIFY_CYPHER=1)', () => {
  let graph: GraphClient;
  beforeAll(() => {
    graph = GraphClient.connect(parseConfig(testEnv()).neo4j);
  });
  afterAll(() => graph.close());

  it.each(ALL_STATEMENTS.map((q) => [q.name, q] as const))('plans %s with its example parameters', async (_name, query) => {
    expect((await planOperators(graph, query, EXAMPLE_PARAMS.get(query.name))).length).toBeGreaterThan(0);
  });
});
