import type { QueryResult, RecordShape, Result } from 'neo4j-driver';

import { AppError, withoutStack } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-code.js';

/**
 * The response byte budget of one GraphQL operation, spent by the records its statements bring back from
 * Neo4j (approximate JSON bytes). Shared by every statement of the operation, so fifteen aliases of a
 * large field spend one budget, not fifteen.
 */
export interface ByteBudget {
  /** The most the operation's records may weigh, in approximate bytes (LIMIT_MAX_RESPONSE_BYTES). */
  readonly maxBytes: number;
  /** Approximate bytes received so far. */
  used: number;
  /** Set once `used` passed `maxBytes`; later statements of the operation are then not sent. */
  exceeded: boolean;
}

/**
 * A fresh budget for one operation.
 *
 * @example
 * const repo = new GraphRepository(graph, { count: 0, bytes: byteBudget(2_000_000) });
 */
export function byteBudget(maxBytes: number): ByteBudget {
  return { maxBytes, used: 0, exceeded: false };
}

/** The error of an operation whose answer passed its byte budget; the message names no limit. */
export function responseTooLarge(): AppError {
  return withoutStack(new AppError(ErrorCode.RESPONSE_TOO_LARGE, 'The answer would be too large; ask for fewer items or fields.'));
}

/**
 * Approximate size of a value once written as JSON: string lengths, 8 per number, key names, a few bytes
 * of punctuation. Close enough to stop an answer that is megabytes too big; it never serialises anything.
 *
 * @example
 * approximateBytes({ id: 'china', degree: 12 }); // 29
 */
export function approximateBytes(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return value.length + 2;
    case 'number':
    case 'bigint':
      return 8;
    case 'boolean':
      return 5;
    case 'object': {
      if (value === null) return 4;
      if (Array.isArray(value)) {
        let total = 2;
        for (const item of value) total += approximateBytes(item) + 1;
        return total;
      }
      let total = 2;
      for (const key in value) {
        total += key.length + 4 + approximateBytes((value as Record<string, unknown>)[key]);
      }
      return total;
    }
    default:
      return 0;
  }
}

/**
 * Collects a statement's records while weighing each against the operation's byte budget; past it the
 * stream is cancelled (the async iterator's return discards the rest on the server) and the statement
 * fails with RESPONSE_TOO_LARGE. Records are weighed as they arrive, in the driver's fetch batches, so an
 * oversized answer is stopped before it is whole in memory and long before it is serialised.
 */
export async function weighedRecords<T extends RecordShape>(result: Result<T>, budget: ByteBudget): Promise<QueryResult<T>> {
  const records: QueryResult<T>['records'] = [];
  const iterator = result[Symbol.asyncIterator]();
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) return { records, summary: next.value };
    let bytes = 0;
    next.value.forEach((value) => {
      bytes += approximateBytes(value);
    });
    budget.used += bytes;
    if (budget.used > budget.maxBytes) {
      budget.exceeded = true;
      await iterator.return?.().catch(() => undefined);
      throw responseTooLarge();
    }
    records.push(next.value);
  }
}
