import { invariant } from '../errors/app-error.js';

/**
 * Unwraps a loaded record that the graph guarantees to exist (an edge's end, a sanction's authority).
 * A miss is a broken graph, not a user error: it fails loudly and is masked for the client.
 */
export function requireFound<T>(value: T | undefined, what: string): T {
  invariant(value !== undefined, `${what} is missing from the graph`);
  return value;
}

/** Loads many records that must exist. */
export async function requireAll<T>(loaded: Promise<(T | Error | undefined)[]>, what: string): Promise<T[]> {
  return (await loaded).map((value) => {
    if (value instanceof Error) throw value;
    return requireFound(value, what);
  });
}
