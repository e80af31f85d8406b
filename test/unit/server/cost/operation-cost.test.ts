import { buildASTSchema, getOperationAST, getVariableValues, parse } from 'graphql';

import { COST_TABLE, type FieldCost } from '../../../../src/server/cost/cost-table.js';
import { operationCost } from '../../../../src/server/cost/operation-cost.js';
import { loadTypeDefs } from '../../../../src/server/schema.js';

const schema = buildASTSchema(loadTypeDefs());

function cost(query: string, variables: Record<string, unknown> = {}, table?: Readonly<Record<string, FieldCost>>): number {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) throw new Error(coerced.errors.map((e) => e.message).join('; '));
  return operationCost({ schema, document, operation, variables: coerced.coerced, ...(table ? { table } : {}) });
}

const aliases = (n: number, field: string): string => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('operationCost', () => {
  it('costs one point per value (a scalar field, a list of scalars, an object), at least 1 per operation', () => {
    expect(cost('{ apiVersion }')).toBe(1);
    // Query.actor: one statement (1) + the actor (1) + three values.
    expect(cost('{ actor(id: "x") { id name aliases } }')).toBe(5);
  });

  it('multiplies a list by its page size: given, the schema default, or the largest the resolver accepts', () => {
    // Query.sanctions: statement 1 + first x (sanction 1 + id 1 + 3 authorities x (1 + id 1)).
    expect(cost('{ sanctions(first: 7) { id authorities { id } } }')).toBe(1 + 7 * (2 + 3 * 2));
    // The schema's default, first: 50.
    expect(cost('{ sanctions { id } }')).toBe(1 + 50 * 2);
    // Past the maximum (100) the resolver refuses with BAD_USER_INPUT and the range: costed at the maximum.
    expect(cost('{ sanctions(first: 99999999) { id } }')).toBe(1 + 100 * 2);
    // A variable counts like a literal.
    expect(cost('query($n: Int) { sanctions(first: $n) { id } }', { n: 3 })).toBe(1 + 3 * 2);
  });

  it("passes a connection's page size to its edges only, not to pageInfo or totalCount", () => {
    // actors: statement 1 + connection 1 + totalCount (count 5 + 1) + pageInfo 2 + first x (edge 1 + node 2).
    expect(cost('{ actors(first: 10) { totalCount pageInfo { hasNextPage } edges { node { id } } } }')).toBe(1 + 1 + 6 + 2 + 10 * 3);
    // Nested connections multiply: 10 actors x 20 relationships (the default page).
    const nested = cost('{ actors(first: 10) { edges { node { relationships { edges { other { id } } } } } } }');
    expect(nested).toBe(1 + 1 + 10 * (1 + 1 + 1 + 20 * (1 + 2)));
  });

  it('adds aliases up', () => {
    const one = cost('{ actor(id: "x") { name } }');
    expect(cost(aliases(15, 'actor(id: "x") { name }'))).toBe(15 * one);
  });

  it('grows traversals exponentially with their hops and multiplies for includeIndirect', () => {
    const paths = (hops: number): number => cost(`{ paths(from: "a", to: "b", maxHops: ${hops}, limit: 1) { length } }`);
    expect(paths(6) - 1).toBeGreaterThan(5 * (paths(4) - 1));
    expect(paths(4) - 1).toBeGreaterThan(5 * (paths(2) - 1));
    const neighbourhood = (hops: number): number => cost(`{ neighbourhood(id: "a", hops: ${hops}, limit: 10) { truncated } }`);
    expect(neighbourhood(3)).toBeGreaterThan(neighbourhood(1));
    const direct = cost('{ whoSanctioned(actorId: "a") { indirect } }');
    const indirect = cost('{ whoSanctioned(actorId: "a", includeIndirect: true) { indirect } }');
    expect(indirect - direct).toBeGreaterThanOrEqual(999 * 10);
  });

  it('puts the two requests that froze Neo4j (issue 12) far over the default budget, and one of them under it', () => {
    const budget = 50_000;
    const r1 = aliases(15, 'sanctionedBy(actorId: "a0", includeIndirect: true) { sanction { id } }');
    const r2 = aliases(15, 'sanctionedBy(actorId: "a0", includeIndirect: true) { sanction { id } target { id name } targetChain { id } }');
    expect(cost(r1)).toBeGreaterThan(2 * budget);
    expect(cost(r2)).toBeGreaterThan(2 * budget);
    expect(
      cost('{ sanctionedBy(actorId: "a0", includeIndirect: true) { sanction { id } target { id name } targetChain { id } } }'),
    ).toBeLessThan(budget / 4);
  });

  it('multiplies a fragment fan-out of 10^12 fields out without expanding it', () => {
    const fragments = Array.from({ length: 13 }, (_, i) =>
      i === 12 ? 'fragment F12 on Actor { mentions { sentences } }' : `fragment F${i} on Actor { ${`...F${i + 1} `.repeat(10)}}`,
    );
    // Expanding 10^12 fields would never end (the test would time out); memoised, it answers at once.
    // Each of the 10^12 `mentions` lists holds 5 mentions of 2 points each (the mention, its sentences).
    expect(cost(`{ actor(id: "x") { ...F0 } } ${fragments.join(' ')}`)).toBe(1 + 1 + 10 * 10 ** 12);
  });

  it("memoises a fragment per enclosing page size, so a connection fragment follows its spread's `first`", () => {
    const fragment = 'fragment E on RelationshipConnection { edges { other { id } } }';
    const small = cost(`{ actor(id: "x") { relationships(first: 1) { ...E } } } ${fragment}`);
    const large = cost(`{ actor(id: "x") { relationships(first: 10) { ...E } } } ${fragment}`);
    const both = cost(`{ actor(id: "x") { a: relationships(first: 1) { ...E } b: relationships(first: 10) { ...E } } } ${fragment}`);
    // actor: statement 1 + actor 1 + connection 1, then per page item: edge 1 + other 2.
    expect([small, large]).toEqual([3 + 3, 3 + 10 * 3]);
    expect(both).toBe(small + large - 2);
  });

  it('reads the table: a field costs what its entry says', () => {
    const table = { ...COST_TABLE, 'Query.actor': { base: 1000 } };
    expect(cost('{ actor(id: "x") { id } }', {}, table)).toBe(1002);
  });

  it('costs introspection nothing (it never reaches the database)', () => {
    expect(cost('{ __schema { types { name fields { name } } } }')).toBe(1);
    expect(cost('{ __typename actor(id: "x") { __typename } }')).toBe(2);
  });
});
