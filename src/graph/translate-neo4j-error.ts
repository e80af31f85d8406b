import { AppError, databaseUnavailable, queryTimedOut } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-code.js';

/** The parts of a neo4j-driver error we translate by; messages are never matched. */
interface Neo4jErrorLike {
  code?: unknown;
  retriable?: unknown;
  name?: unknown;
}

const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.LockClientStopped',
]);
const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Database.DatabaseNotFound',
]);
// A bookmark the client sent (Neo4j-Bookmark) that Neo4j cannot use, or one a member did not reach in
// time (db.transaction.bookmark_ready_timeout): the former is the client's to fix, the latter is lag.
const BAD_BOOKMARK_CODES = new Set(['Neo.ClientError.Transaction.InvalidBookmark', 'Neo.ClientError.Transaction.InvalidBookmarkMixture']);
const BOOKMARK_TIMEOUT_CODE = 'Neo.TransientError.Transaction.BookmarkTimeout';
const UNAUTHENTICATED_CODES = new Set(['Neo.ClientError.Security.Unauthorized', 'Neo.ClientError.Security.AuthenticationRateLimit']);
const MEMORY_CODES = new Set([
  'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
  'Neo.TransientError.General.TransactionMemoryLimit',
  'Neo.TransientError.General.OutOfMemoryError',
]);

/** True for errors that a transaction must not retry even though Neo4j marks them transient. */
export function isMemoryLimitError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && MEMORY_CODES.has((error as Neo4jErrorLike).code as string);
}

/**
 * Turns a neo4j-driver error into an AppError by its `code`. Unknown errors are returned unchanged so
 * that the error formatter masks and logs them.
 *
 * @example
 * try { await tx.run(q) } catch (e) { throw translateNeo4jError(e) }
 */
export function translateNeo4jError(error: unknown): unknown {
  if (error instanceof AppError || typeof error !== 'object' || error === null) return error;
  const raw = (error as Neo4jErrorLike).code;
  const code = typeof raw === 'string' ? raw : '';
  if (TIMEOUT_CODES.has(code)) {
    return queryTimedOut(error);
  }
  if (MEMORY_CODES.has(code)) {
    // One code for the per-transaction cap and the shared budget: Neo4j 5.26 raises the same code for both.
    return new AppError(
      ErrorCode.MEMORY_LIMIT_EXCEEDED,
      'The database refused the query for the memory it needs; narrow it (fewer hops, items or aliases).',
      {},
      { cause: error },
    );
  }
  if (BAD_BOOKMARK_CODES.has(code)) {
    return new AppError(
      ErrorCode.BAD_REQUEST,
      'The Neo4j-Bookmark header names a bookmark this database does not know.',
      {},
      { cause: error },
    );
  }
  if (UNAVAILABLE_CODES.has(code) || code === BOOKMARK_TIMEOUT_CODE || code.startsWith('Neo.TransientError.Cluster')) {
    return databaseUnavailable(error);
  }
  if (UNAUTHENTICATED_CODES.has(code)) {
    // A credentials problem between this server and its database: the client can do nothing about it.
    return databaseUnavailable(error);
  }
  return error;
}
