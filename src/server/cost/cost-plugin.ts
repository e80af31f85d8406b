import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { type DocumentNode, getVariableValues } from 'graphql';

import { AppError, withoutStack } from '../../errors/app-error.js';
import { ErrorCode } from '../../errors/error-code.js';
import type { GraphQLContext } from '../../resolvers/context.js';
import type { CostRateLimiter } from '../rate-limit.js';
import { operationCost } from './operation-cost.js';

/** What {@link costPlugin} enforces. */
export interface CostPluginOptions {
  /** The most one operation may cost (LIMIT_MAX_COST). */
  readonly maxCost: number;
  /** Per-caller budgets; absent when RATE_LIMIT_POINTS=0. */
  readonly limiter?: CostRateLimiter;
  /** The window of the per-caller budget, reported to clients. */
  readonly windowMs?: number;
}

/**
 * `extensions.cost` of every accepted operation, after GitHub's `rateLimit` and Shopify's `cost` objects:
 * what this operation cost, the most one may cost, and the caller's budget for the window.
 */
export interface CostReport {
  /** The computed cost of this operation, charged before it ran. */
  readonly requested: number;
  /** The most one operation may cost. */
  readonly budget: number;
  /** The caller's points per window (absent when per-caller budgets are off). */
  readonly limit?: number;
  /** Points the caller has left now. */
  readonly remaining?: number;
  /** When the caller's points are back at `limit` (ISO 8601). */
  readonly resetAt?: string;
  /** Length of the window, in seconds. */
  readonly windowSeconds?: number;
}

/** The message of a cost refusal; the figures are in `extensions`, never the per-field costs. */
export const COST_MESSAGE = 'The operation costs more than one operation may; ask for fewer items, hops or aliases.';

/** The message of a rate-limit refusal. */
export const RATE_LIMIT_MESSAGE = 'The cost budget of this caller for the current window is spent; retry after the Retry-After seconds.';

/**
 * The key a computed cost is kept under, per parsed document: the operation's name and its variables with
 * every string left out (ids, names, cursors, enum values). A cost reads numbers, booleans and list lengths
 * only (page sizes, hops, `includeIndirect`, `representations`; test/unit/server/cost/cost-table.test.ts
 * holds every rule of the table to that), so one query asked about ever new ids is costed once, not on
 * every request (as it was while the ids were part of the key).
 *
 * @example
 * costCacheKey('Point', { id: 'china' }) === costCacheKey('Point', { id: 'russia' }); // true
 */
export function costCacheKey(operationName: string | undefined, variables: Readonly<Record<string, unknown>>): string {
  return `${operationName ?? ''}|${JSON.stringify(variables, (_key, value: unknown) => (typeof value === 'string' ? '' : value))}`;
}

/**
 * Costs every operation after validation and before execution (so a refusal sends no statement), refuses
 * one over the budget with 400 COST_LIMIT_EXCEEDED (`extensions.cost`, `extensions.budget`), charges the
 * caller's window budget and refuses with 429 RATE_LIMITED and Retry-After when it is spent, and reports
 * the cost of every accepted operation in `extensions.cost`.
 *
 * 400 rather than 200: the operation is refused before execution, with no `data`, as a request error; this
 * server already answers its validation limits with 400 (as Apollo does for validation failures), so a
 * client sees one convention for "this document is too big".
 *
 * @example
 * new ApolloServer({ plugins: [costPlugin({ maxCost: 50_000, limiter })] });
 */
export function costPlugin(options: CostPluginOptions): ApolloServerPlugin<GraphQLContext> {
  // Apollo keeps one parsed document per distinct query text, so the cost of an operation with given
  // variables is computed once, not per request (a flood of one query costs a lookup each).
  const known = new WeakMap<DocumentNode, Map<string, number>>();
  const costOf = (input: Parameters<typeof operationCost>[0]): number => {
    const key = costCacheKey(input.operation.name?.value, input.variables);
    let byKey = known.get(input.document);
    const cached = byKey?.get(key);
    if (cached !== undefined) return cached;
    const cost = operationCost(input);
    if (!byKey) known.set(input.document, (byKey = new Map<string, number>()));
    // Bounded: a document run with ever-new variables keeps its last few costs only.
    if (byKey.size >= 32) byKey.clear();
    byKey.set(key, cost);
    return cost;
  };
  return {
    async requestDidStart() {
      let report: CostReport | undefined;
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          // Apollo resolves the operation before this hook; without one it has already answered 400.
          if (!operation) return;
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
          // Variables that do not coerce are refused by execution (400) before any resolver runs.
          if (coerced.errors) return;
          const cost = costOf({ schema, document, operation, variables: coerced.coerced });
          if (cost > options.maxCost) {
            throw withoutStack(
              new AppError(ErrorCode.COST_LIMIT_EXCEEDED, COST_MESSAGE, { cost, budget: options.maxCost, http: { status: 400 } }),
            );
          }
          if (!options.limiter) {
            report = { requested: cost, budget: options.maxCost };
            return;
          }
          const verdict = options.limiter.charge(contextValue.caller, cost);
          if (!verdict.allowed) {
            throw withoutStack(
              new AppError(ErrorCode.RATE_LIMITED, RATE_LIMIT_MESSAGE, {
                retryAfterSeconds: verdict.retryAfterSeconds,
                cost,
                limit: verdict.limit,
                remaining: verdict.remaining,
                http: { status: 429, headers: new HeaderMap([['retry-after', String(verdict.retryAfterSeconds)]]) },
              }),
            );
          }
          report = {
            requested: cost,
            budget: options.maxCost,
            limit: verdict.limit,
            remaining: verdict.remaining,
            resetAt: new Date(verdict.resetAtMs).toISOString(),
            ...(options.windowMs === undefined ? {} : { windowSeconds: options.windowMs / 1000 }),
          };
        },
        async willSendResponse({ response }) {
          if (!report || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost: report };
        },
      };
    },
  };
}
