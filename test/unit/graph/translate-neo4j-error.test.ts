import { AppError } from '../../../src/errors/app-error.js';
import { isMemoryLimitError, translateNeo4jError } from '../../../src/graph/translate-neo4j-error.js';

const neo4jError = (code: string): Error & { code: string } =>
  Object.assign(new Error(`db said: bolt://neo4j:secret@host ${code}`), { code });

describe('translateNeo4jError', () => {
  it.each([
    ['Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration', 'TIMEOUT'],
    ['Neo.ClientError.Transaction.TransactionTimedOut', 'TIMEOUT'],
    ['ServiceUnavailable', 'SERVICE_UNAVAILABLE'],
    ['SessionExpired', 'SERVICE_UNAVAILABLE'],
    ['Neo.TransientError.General.DatabaseUnavailable', 'SERVICE_UNAVAILABLE'],
    ['Neo.ClientError.Security.Unauthorized', 'SERVICE_UNAVAILABLE'],
    ['Neo.TransientError.General.MemoryPoolOutOfMemoryError', 'MEMORY_LIMIT_EXCEEDED'],
    ['Neo.TransientError.General.TransactionMemoryLimit', 'MEMORY_LIMIT_EXCEEDED'],
    ['Neo.TransientError.General.OutOfMemoryError', 'MEMORY_LIMIT_EXCEEDED'],
    ['Neo.ClientError.Transaction.InvalidBookmark', 'BAD_REQUEST'],
    ['Neo.ClientError.Transaction.InvalidBookmarkMixture', 'BAD_REQUEST'],
    ['Neo.TransientError.Transaction.BookmarkTimeout', 'SERVICE_UNAVAILABLE'],
  ])('translates %s by code to %s, without the database message', (code, expected) => {
    const translated = translateNeo4jError(neo4jError(code));
    expect(translated).toBeInstanceOf(AppError);
    expect((translated as AppError).extensions['code']).toBe(expected);
    expect((translated as AppError).message).not.toContain('secret');
  });

  it('leaves unknown errors as they are, for the formatter to mask', () => {
    const error = neo4jError('Neo.DatabaseError.General.UnknownError');
    expect(translateNeo4jError(error)).toBe(error);
    expect(translateNeo4jError('text')).toBe('text');
  });

  it('recognises memory-limit errors, which must not be retried', () => {
    expect(isMemoryLimitError(neo4jError('Neo.TransientError.General.MemoryPoolOutOfMemoryError'))).toBe(true);
    expect(isMemoryLimitError(neo4jError('Neo.TransientError.Transaction.DeadlockDetected'))).toBe(false);
  });
});
