import { createHash } from 'node:crypto';

import { badUserInput } from '../errors/app-error.js';

/**
 * What a cursor was made for: the field that paged (`query`), its ordering, and its filter (every
 * argument but `first` and `after`). A cursor only means something under all three: the same position
 * under another ordering or filter is another page, so it is refused instead of silently answered.
 */
export interface CursorScope {
  /** The paged field, such as `Query.actors` or `Actor.relationships`. */
  readonly query: string;
  /** The ordering, such as `NAME ASC`. */
  readonly order: string;
  /** The normalised filter; hashed into the cursor, never stored in it. */
  readonly filter: unknown;
}

/** JSON with object keys sorted, so equal filters hash equally whatever the order of their keys. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * A short hash of a filter: equal for equal filters, different (with overwhelming probability) otherwise.
 *
 * @example
 * filterHash({ country: 'MM', kinds: null }) === filterHash({ kinds: null, country: 'MM' }); // true
 */
export function filterHash(filter: unknown): string {
  return createHash('sha256').update(canonical(filter)).digest('base64url').slice(0, 16);
}

/**
 * Encodes a position as an opaque cursor (base64url of JSON) bound to its scope. Clients must treat
 * cursors as opaque.
 *
 * @example
 * encodeCursor({ query: 'Query.actors', order: 'NAME ASC', filter: {} }, ['Canada', 'canada']);
 */
export function encodeCursor(scope: CursorScope, position: unknown): string {
  let prefix = scopePrefixes.get(scope);
  if (prefix === undefined) {
    // `[query,order,hash` of JSON.stringify([query, order, hash, position]): the same bytes, joined.
    prefix = JSON.stringify([scope.query, scope.order, filterHash(scope.filter)]).slice(0, -1);
    scopePrefixes.set(scope, prefix);
  }
  return Buffer.from(`${prefix},${JSON.stringify(position ?? null)}]`, 'utf8').toString('base64url');
}

/**
 * The JSON prefix of each scope's cursors, by scope object: a page encodes every edge's cursor under one
 * scope, and hashing its filter once per edge (60 hashes for a two-level nested page) cost more than the rest.
 * A scope is built per page and never mutated (its fields are readonly).
 */
const scopePrefixes = new WeakMap<CursorScope, string>();

/**
 * Decodes a cursor made by {@link encodeCursor} under the same scope and checks its position's shape.
 *
 * @throws AppError BAD_USER_INPUT (with `extensions.argument`, and `reason` when the cursor is a real one
 * made for another query, ordering or filter) when the cursor is not one this API made for this page.
 */
export function decodeCursor<T>(argument: string, cursor: string, scope: CursorScope, isValid: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const made = Array.isArray(value) && value.length === 4 && value.slice(0, 3).every((v) => typeof v === 'string');
  if (!made) throw badUserInput(`${argument} is not a valid cursor; pass a cursor from a previous page`, { argument });
  const [query, order, hash, position] = value as [string, string, string, unknown];
  // A real cursor of another page says so, before its position is read for this one.
  const reason = query !== scope.query ? 'query' : order !== scope.order ? 'ordering' : hash !== filterHash(scope.filter) ? 'filter' : null;
  if (reason !== null) {
    throw badUserInput(
      `${argument} was made for another ${reason}; start again without ${argument}, or keep the ${reason} of the page it came from`,
      { argument, reason },
    );
  }
  if (!isValid(position)) throw badUserInput(`${argument} is not a valid cursor; pass a cursor from a previous page`, { argument });
  return position;
}
