import { notFound } from '../errors/app-error.js';
import type { Loaders } from './loaders.js';

/**
 * Throws NOT_FOUND for the first argument (in the order given) whose id names no actor; arguments that are
 * null or undefined are skipped. Called only when an answer came back empty, so an answer with results
 * costs nothing more, and an empty one one batched lookup: "nobody sanctioned X" and "there is no X" are
 * then different answers.
 *
 * @example
 * if (findings.length === 0) await requireActors(loaders, { actorId: args.actorId });
 */
export async function requireActors(loaders: Loaders, named: Record<string, string | null | undefined>): Promise<void> {
  const entries = Object.entries(named).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  const found = await loaders.actor.loadMany(entries.map(([, id]) => id));
  for (const [i, [argument, id]] of entries.entries()) {
    const actor = found[i];
    if (actor instanceof Error) throw actor;
    if (actor === undefined) throw notFound(argument, id, 'actor');
  }
}

/**
 * Throws NOT_FOUND for the first argument whose id names no source; like {@link requireActors}, called
 * only when an answer came back empty.
 *
 * @example
 * if (rows.length === 0) await requireSources(loaders, { 'where.source': where.source });
 */
export async function requireSources(loaders: Loaders, named: Record<string, string | null | undefined>): Promise<void> {
  const entries = Object.entries(named).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  const found = await loaders.source.loadMany(entries.map(([, id]) => id));
  for (const [i, [argument, id]] of entries.entries()) {
    const source = found[i];
    if (source instanceof Error) throw source;
    if (source === undefined) throw notFound(argument, id, 'source');
  }
}
