import {
  buildASTSchema,
  defaultFieldResolver,
  type DocumentNode,
  getNamedType,
  getNullableType,
  type GraphQLFieldResolver,
  isCompositeType,
  isListType,
  isObjectType,
} from 'graphql';

import { OperationTrace } from '../graph/operation-trace.js';
import type { GraphQLContext } from '../resolvers/context.js';

/** Items of a list completed per turn of the event loop. */
export const ITEMS_PER_TURN = 100;

type ResolverMap = Record<string, unknown>;

/**
 * Spreads the completion of a long list over turns of the event loop: the first `perTurn` items are
 * returned as they are, each later batch as promises that resolve one `setImmediate` after the previous
 * batch. graphql-js completes a list item when its promise resolves, so it completes one batch per turn and
 * other requests (a /healthz probe, a cheap query) are served in between; without this, completing a list
 * of a few thousand objects is one uninterrupted run of synchronous work and microtasks.
 *
 * @example
 * yieldingItems(findings); // findings[0..99], then promises of the rest
 */
export function yieldingItems<T>(items: readonly T[], perTurn = ITEMS_PER_TURN, hold?: () => () => void): (T | Promise<T>)[] {
  if (items.length <= perTurn) return items as T[];
  // The operation's DataLoader batches wait until the last batch is handed out: otherwise the loads of
  // the items of each turn would go out as a batch of their own (see OperationTrace.hold).
  const release = hold?.();
  const out: (T | Promise<T>)[] = items.slice(0, perTurn);
  let turn: Promise<void> = Promise.resolve();
  for (let start = perTurn; start < items.length; start += perTurn) {
    turn = turn.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
    const ready = turn;
    for (let i = start; i < Math.min(items.length, start + perTurn); i += 1) out.push(ready.then(() => items[i] as T));
  }
  if (release) void turn.then(release);
  return out;
}

/**
 * Wraps the resolver of every field returning a list of objects (the default resolver where the map has
 * none) so that long lists come back through {@link yieldingItems}. Other resolvers are left as they are.
 *
 * @example
 * new ApolloServer({ typeDefs, resolvers: withYieldingLists(typeDefs, resolvers) });
 */
export function withYieldingLists<R extends object>(typeDefs: DocumentNode, resolvers: R): R {
  const schema = buildASTSchema(typeDefs);
  const wrapped: Record<string, unknown> = { ...(resolvers as Record<string, unknown>) };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const own = (wrapped[type.name] ?? {}) as ResolverMap;
    const fields: ResolverMap = { ...own };
    let changed = false;
    for (const field of Object.values(type.getFields())) {
      if (!isListType(getNullableType(field.type)) || !isCompositeType(getNamedType(field.type))) continue;
      const given = own[field.name];
      // Only plain function resolvers (not { resolve, subscribe } objects, which this schema does not use).
      if (given !== undefined && typeof given !== 'function') continue;
      const resolve = (given ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, unknown>;
      fields[field.name] = (parent: unknown, args: Record<string, unknown>, context: unknown, info: Parameters<typeof resolve>[3]) => {
        const result = resolve(parent, args, context, info);
        const counter = (context as Partial<GraphQLContext> | undefined)?.repo?.counter;
        const hold = counter instanceof OperationTrace ? () => counter.hold() : undefined;
        const spread = (value: unknown): unknown => (Array.isArray(value) ? yieldingItems(value, ITEMS_PER_TURN, hold) : value);
        return result instanceof Promise ? result.then(spread) : spread(result);
      };
      changed = true;
    }
    if (changed) wrapped[type.name] = fields;
  }
  return wrapped as R;
}
