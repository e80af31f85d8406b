import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError, parse } from 'graphql';

import { AppError } from '../../../src/errors/app-error.js';
import { ErrorCode } from '../../../src/errors/error-code.js';
import type { GraphQLContext } from '../../../src/resolvers/context.js';
import { JitExecution } from '../../../src/server/jit-execution.js';

const schema = makeExecutableSchema({
  typeDefs: `
    type Query { actor(id: ID!): Actor, actors(first: Int!): [Actor!]!, broken: Actor! }
    type Mutation { rename(id: ID!, name: String!): Actor }
    type Actor { id: ID!, name: String, refused: String }
  `,
  resolvers: {
    Query: {
      actor: (_: unknown, { id }: { id: string }) => (id === 'none' ? null : { id, name: `Actor ${id}` }),
      actors: (_: unknown, { first }: { first: number }) =>
        // Promises among the items, as the yielding lists hand them out.
        Array.from({ length: first }, (_x, i) => (i % 2 === 0 ? { id: `a${i}` } : Promise.resolve({ id: `a${i}` }))),
      broken: () => null,
    },
    Mutation: { rename: (_: unknown, { id, name }: { id: string; name: string }) => ({ id, name }) },
    Actor: {
      refused: () => {
        throw new AppError(ErrorCode.NOT_FOUND, 'No such thing');
      },
    },
  },
});
const context = {} as GraphQLContext;

describe('JitExecution', () => {
  it('runs an operation on graphql-js until it has run compileAfter times, then compiled, with the same answer', async () => {
    const jit = new JitExecution(schema, { compileAfter: 2, maxOperations: 10 });
    const document = parse('query A($id: ID!) { actor(id: $id) { id name } }');
    const answers = [];
    for (let run = 0; run < 4; run++) {
      answers.push(await jit.run(document, 'A', { id: `x${run}` }, context));
      expect(jit.compiledCount).toBe(run < 2 ? 0 : 1);
    }
    expect(answers).toEqual([0, 1, 2, 3].map((run) => ({ data: { actor: { id: `x${run}`, name: `Actor x${run}` } } })));
  });

  it('completes lists with promised items, and runs mutations', async () => {
    const jit = new JitExecution(schema, { compileAfter: 0, maxOperations: 10 });
    const list = await jit.run(parse('{ actors(first: 3) { id } }'), undefined, undefined, context);
    expect(list).toEqual({ data: { actors: [{ id: 'a0' }, { id: 'a1' }, { id: 'a2' }] } });
    const renamed = await jit.run(parse('mutation { rename(id: "a", name: "B") { id name } }'), undefined, undefined, context);
    expect(renamed).toEqual({ data: { rename: { id: 'a', name: 'B' } } });
    expect(jit.compiledCount).toBe(2);
  });

  it('answers a bad variable with graphql-js error, naming the variable node (Apollo makes it BAD_USER_INPUT)', async () => {
    const jit = new JitExecution(schema, { compileAfter: 0, maxOperations: 10 });
    const result = await jit.run(parse('query A($id: ID!) { actor(id: $id) { id } }'), 'A', { id: { not: 'an id' } }, context);
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.message).toMatch(/^Variable "\$id" got invalid value/);
    expect(result.errors?.[0]?.nodes?.[0]?.kind).toBe('VariableDefinition');
  });

  it('rebuilds errors as graphql-js errors with path, locations, extensions and the original error', async () => {
    const jit = new JitExecution(schema, { compileAfter: 0, maxOperations: 10 });
    const thrown = await jit.run(parse('{ actor(id: "a") { id refused } }'), undefined, undefined, context);
    expect(thrown.data).toEqual({ actor: { id: 'a', refused: null } });
    const error = thrown.errors?.[0];
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error?.originalError).toBeInstanceOf(AppError);
    expect(error?.path).toEqual(['actor', 'refused']);
    expect(error?.locations).toEqual([{ line: 1, column: 23 }]);
    expect(error?.extensions['code']).toBe('NOT_FOUND');
    // An error no resolver threw (null for a non-null field) has extensions too: Apollo reads them.
    const nulled = await jit.run(parse('{ broken { id } }'), undefined, undefined, context);
    expect(nulled.data).toBeNull();
    expect(nulled.errors?.[0]?.message).toBe('Cannot return null for non-nullable field Query.broken.');
    expect(nulled.errors?.[0]?.extensions).toEqual({});
    expect(nulled.errors?.[0]?.path).toEqual(['broken']);
  });

  it('keeps at most maxOperations operations, the least recently used going first', async () => {
    const jit = new JitExecution(schema, { compileAfter: 0, maxOperations: 2 });
    const a = parse('{ actor(id: "a") { id } }');
    const b = parse('{ actor(id: "b") { id } }');
    const c = parse('{ actor(id: "c") { id } }');
    await jit.run(a, undefined, undefined, context);
    await jit.run(b, undefined, undefined, context);
    await jit.run(a, undefined, undefined, context);
    await jit.run(c, undefined, undefined, context);
    expect(jit.compiledCount).toBe(2);
    // b went (a was used after it).
    expect([a, b, c].map((document) => jit.remembers(document))).toEqual([true, false, true]);
    expect(await jit.run(b, undefined, undefined, context)).toEqual({ data: { actor: { id: 'b' } } });
    expect([a, b, c].map((document) => jit.remembers(document))).toEqual([false, true, true]);
  });
});
