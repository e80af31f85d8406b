import { buildASTSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';

import { LIMIT_MESSAGE, operationLimitsRule } from '../../../src/server/operation-limits.js';
import { loadTypeDefs } from '../../../src/server/schema.js';

const schema = buildASTSchema(loadTypeDefs());
const limits = { maxDepth: 12, maxAliases: 15, maxDirectives: 10, maxTokens: 3000 };
const errorsOf = (query: string): string[] =>
  validate(schema, parse(query), [...specifiedRules, operationLimitsRule(limits)]).map((e) => e.message);

describe('operationLimitsRule', () => {
  it('accepts the standard introspection query (codegen and IDEs in development)', () => {
    expect(errorsOf(getIntrospectionQuery())).toEqual([]);
  });

  it('counts aliases and directives through fragments, each spread counted', () => {
    const fragment = 'fragment F on Actor { a: id b: id c: id d: id e: id }';
    expect(errorsOf(`{ actor(id: "x") { ...F ...F ...F } } ${fragment}`)).toEqual([]);
    expect(errorsOf(`{ actor(id: "x") { ...F ...F ...F ...F } } ${fragment}`)).toEqual([LIMIT_MESSAGE]);
  });

  it('measures a fan-out of 10^12 aliased fields without expanding it', () => {
    // The cost of such a fan-out is the cost model's (test/unit/server/operation-cost.test.ts); its aliases
    // are counted here, memoised the same way.
    const fragments = Array.from({ length: 13 }, (_, i) =>
      i === 12 ? 'fragment F12 on Actor { a: id }' : `fragment F${i} on Actor { ${`...F${i + 1} `.repeat(10)}}`,
    );
    const started = Date.now();
    expect(errorsOf(`{ actor(id: "x") { ...F0 } } ${fragments.join(' ')}`)).toContain(LIMIT_MESSAGE);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('survives fragment cycles (graphql-js reports them)', () => {
    const errors = errorsOf('{ actor(id: "x") { ...A } } fragment A on Actor { ...B } fragment B on Actor { ...A }');
    expect(errors.some((m) => m.includes('Cannot spread fragment'))).toBe(true);
  });

  it('limits each operation of a document separately', () => {
    const aliases = (n: number): string => Array.from({ length: n }, (_, i) => `a${i}: apiVersion`).join(' ');
    expect(errorsOf(`query A { ${aliases(15)} } query B { ${aliases(15)} }`)).toEqual([]);
  });
});
