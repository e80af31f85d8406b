import { Neo4jError } from 'neo4j-driver';

import { RETRY_INITIAL_DELAY_MS, type RetryContext, retryDelay, shouldRetry } from '../../../src/graph/retry-policy.js';

const error = (code: string): Neo4jError => new Neo4jError(`db said ${code}`, code, '50N42', 'error');

const LEADER_SWITCH = [
  'Neo.TransientError.Cluster.NotALeader',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.TransientError.Transaction.DeadlockDetected',
  'ServiceUnavailable',
  'SessionExpired',
];
const contexts = (mode: 'READ' | 'WRITE', idempotent: boolean): RetryContext[] =>
  (['begin', 'work', 'commit'] as const).map((phase) => ({ mode, idempotent, phase }));

describe('shouldRetry: only what cannot apply a write twice', () => {
  it.each(LEADER_SWITCH)('retries a read failing with %s, at any phase', (code) => {
    for (const context of contexts('READ', false)) expect(shouldRetry(error(code), context)).toBe(true);
  });

  it.each(LEADER_SWITCH)('retries a write declared idempotent failing with %s, at any phase (its COMMIT included)', (code) => {
    for (const context of contexts('WRITE', true)) expect(shouldRetry(error(code), context)).toBe(true);
  });

  it.each(LEADER_SWITCH)('never retries a write that is not idempotent once its COMMIT was sent (%s)', (code) => {
    expect(shouldRetry(error(code), { mode: 'WRITE', idempotent: false, phase: 'commit' })).toBe(false);
  });

  it.each(LEADER_SWITCH)('retries a write that is not idempotent when it failed before COMMIT (%s): it did not commit', (code) => {
    expect(shouldRetry(error(code), { mode: 'WRITE', idempotent: false, phase: 'begin' })).toBe(true);
    expect(shouldRetry(error(code), { mode: 'WRITE', idempotent: false, phase: 'work' })).toBe(true);
  });

  it.each([
    // Memory limits are transient for Neo4j, but the same statement needs the same memory again.
    'Neo.TransientError.General.MemoryPoolOutOfMemoryError',
    'Neo.TransientError.General.TransactionMemoryLimit',
    'Neo.TransientError.General.OutOfMemoryError',
    // Terminated (by its timeout or an administrator): it would be again.
    'Neo.TransientError.Transaction.LockClientStopped',
    'Neo.TransientError.Transaction.Terminated',
    'Neo.TransientError.Transaction.BookmarkTimeout',
    'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
    'Neo.ClientError.Statement.SyntaxError',
    'Neo.ClientError.Schema.ConstraintValidationFailed',
    'Neo.DatabaseError.General.UnknownError',
    // The driver's pool acquisition timeout carries no code.
    'N/A',
  ])('never retries %s, whatever the transaction', (code) => {
    for (const context of [...contexts('READ', false), ...contexts('WRITE', true)]) expect(shouldRetry(error(code), context)).toBe(false);
  });

  it('never retries errors that are not the driver’s (an AppError of the work, a plain Error, a string)', () => {
    for (const thrown of [new Error('boom'), 'text', undefined, { code: 42 }]) {
      expect(shouldRetry(thrown, { mode: 'READ', idempotent: true, phase: 'work' })).toBe(false);
    }
  });
});

describe('retryDelay', () => {
  it('doubles from the initial delay, jittered by at most 20%', () => {
    expect(retryDelay(1, 10_000, () => 0.5)).toBe(RETRY_INITIAL_DELAY_MS);
    expect(retryDelay(2, 10_000, () => 0.5)).toBe(2 * RETRY_INITIAL_DELAY_MS);
    expect(retryDelay(3, 10_000, () => 0)).toBe(Math.round(4 * RETRY_INITIAL_DELAY_MS * 0.8));
    expect(retryDelay(3, 10_000, () => 1)).toBe(Math.round(4 * RETRY_INITIAL_DELAY_MS * 1.2));
  });

  it('stops when the pause would end past the retry budget', () => {
    expect(retryDelay(1, RETRY_INITIAL_DELAY_MS, () => 0.5)).toBe(RETRY_INITIAL_DELAY_MS);
    expect(retryDelay(1, RETRY_INITIAL_DELAY_MS - 1, () => 0.5)).toBeUndefined();
    expect(retryDelay(5, 1000, () => 0.5)).toBeUndefined();
    expect(retryDelay(1, 0, () => 0.5)).toBeUndefined();
  });
});
