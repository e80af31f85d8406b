import { isMemoryLimitError } from './translate-neo4j-error.js';

/** What the retry decision needs to know about the transaction that failed. */
export interface RetryContext {
  /** READ transactions change nothing: running one again is always safe. */
  readonly mode: 'READ' | 'WRITE';
  /**
   * The caller says the write may run twice with one effect: it MERGEs on stable ids (the seed), or it
   * carries an idempotency key whose record makes a second run return the first one's answer.
   */
  readonly idempotent: boolean;
  /**
   * Where the transaction was when it failed: `begin` (no connection, no route, BEGIN refused: nothing
   * was sent), `work` (a statement failed, or the connection dropped, before COMMIT was sent: Neo4j rolls
   * the transaction back) or `commit` (COMMIT was sent: it may have committed before the error).
   */
  readonly phase: TransactionPhase;
}

/** How far a transaction got: see {@link RetryContext.phase}. */
export type TransactionPhase = 'begin' | 'work' | 'commit';

/**
 * Codes of a leader switch or a lost connection: the cluster moved, the work may succeed elsewhere or
 * a moment later. ServiceUnavailable and SessionExpired are the driver's own (no route, connection lost,
 * the member is no longer the leader); AuthorizationExpired is re-authenticated by the driver.
 */
const RETRYABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.ClientError.Security.AuthorizationExpired']);

/**
 * Transient codes that are not worth a second attempt: the transaction was terminated (by its own
 * timeout, or an administrator), which happens again; or the member waited its whole bookmark timeout
 * for a state it has not reached, longer than any request may take.
 */
const FINAL_TRANSIENT_CODES = new Set([
  'Neo.TransientError.Transaction.LockClientStopped',
  'Neo.TransientError.Transaction.Terminated',
  'Neo.TransientError.Transaction.BookmarkTimeout',
]);

function codeOf(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
}

/**
 * Whether a failed transaction may run again: the error is one of a leader switch, a lost connection or
 * a deadlock (Neo.TransientError.*, ServiceUnavailable, SessionExpired), and running the work again
 * cannot apply a write twice: a read, a write the caller declared idempotent, or a write that failed
 * before its COMMIT was sent (then it did not commit). A write whose COMMIT was sent and then failed with,
 * say, ServiceUnavailable (the leader stepped down, the connection dropped) may have committed: without
 * an idempotency key it is reported, not repeated. Memory-limit errors are transient for Neo4j, but the
 * same heavy statement fails the same way again.
 *
 * @example
 * if (shouldRetry(error, { mode: 'WRITE', idempotent: false, phase: 'commit' })) await again(); // never
 */
export function shouldRetry(error: unknown, context: RetryContext): boolean {
  const code = codeOf(error);
  const transient = RETRYABLE_CODES.has(code) || (code.startsWith('Neo.TransientError.') && !FINAL_TRANSIENT_CODES.has(code));
  if (!transient || isMemoryLimitError(error)) return false;
  return context.mode === 'READ' || context.idempotent || context.phase !== 'commit';
}

/** First pause between attempts; each next one doubles, with +-20% jitter so that replicas spread out. */
export const RETRY_INITIAL_DELAY_MS = 100;

/**
 * The pause before attempt `attempt + 1` (attempt counts from 1), or undefined when it would end past
 * `budgetLeftMs`: retries stop within the configured NEO4J_MAX_RETRY_TIME_MS.
 *
 * @example
 * const pause = retryDelay(1, 2000); // about 100 ms
 */
export function retryDelay(attempt: number, budgetLeftMs: number, random: () => number = Math.random): number | undefined {
  const base = RETRY_INITIAL_DELAY_MS * 2 ** (attempt - 1);
  const delay = Math.round(base * (0.8 + 0.4 * random()));
  return delay <= budgetLeftMs ? delay : undefined;
}
