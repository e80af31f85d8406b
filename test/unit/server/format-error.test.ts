import { GraphQLError } from 'graphql';

import { badUserInput } from '../../../src/errors/app-error.js';
import { formatError, MASKED_MESSAGE } from '../../../src/server/format-error.js';

const production = formatError(false);

describe('formatError', () => {
  it('masks an unexpected error: generic message, no stack, no secret', () => {
    const original = new Error('connect to bolt://neo4j:hunter2@db:7687 failed');
    const wrapped = new GraphQLError(original.message, { originalError: original, path: ['actors'] });
    const out = production(
      { message: original.message, path: ['actors'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } },
      wrapped,
    );
    expect(out).toEqual({ message: MASKED_MESSAGE, path: ['actors'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(JSON.stringify(out)).not.toContain('hunter2');
  });

  it('keeps our errors with their code and details, without a stack', () => {
    const error = badUserInput('first must be between 1 and 100', { argument: 'first', min: 1, max: 100 });
    const out = production({ message: error.message, extensions: { ...error.extensions, stacktrace: ['x'] } }, error);
    expect(out).toEqual({
      message: 'first must be between 1 and 100',
      extensions: { code: 'BAD_USER_INPUT', argument: 'first', min: 1, max: 100 },
    });
  });

  it('keeps request errors from graphql-js and Apollo', () => {
    const error = new GraphQLError('Syntax Error: Expected Name, found <EOF>.', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(production({ message: error.message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, error).message).toBe(error.message);
  });

  it('masks a plain error even when something labelled it with a request code', () => {
    const original = new Error('password=hunter2');
    const out = production({ message: original.message, extensions: { code: 'BAD_USER_INPUT' } }, original);
    expect(out.message).toBe(MASKED_MESSAGE);
    expect(out.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});

describe('formatError for a literal a scalar refused', () => {
  it('gives the scalar error its own code, as a variable with the same value gets', () => {
    // Apollo wraps a validation error as GRAPHQL_VALIDATION_FAILED, with the scalar's AppError as originalError.
    const scalar = badUserInput('Date must be a calendar date in YYYY-MM-DD form, such as "2021-12-10"');
    const relabelled = new GraphQLError(scalar.message, { originalError: scalar, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    const out = production(
      { message: scalar.message, locations: [{ line: 1, column: 9 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      relabelled,
    );
    expect(out).toEqual({ message: scalar.message, locations: [{ line: 1, column: 9 }], extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('leaves other validation errors as they are', () => {
    const error = new GraphQLError('Cannot query field "nam" on type "Actor".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(production({ message: error.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, error).extensions).toEqual({
      code: 'GRAPHQL_VALIDATION_FAILED',
    });
  });
});
