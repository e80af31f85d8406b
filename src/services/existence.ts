import { notFound } from '../errors/app-error.js';
import type { GraphRepository } from '../graph/graph-repository.js';
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

/**
 * Throws NOT_FOUND for the first argument (in the order given) whose id named no actor at `recordedAsOf`;
 * one statement for all of them, run only when a historical answer came back empty.
 *
 * @example
 * if (paths.length === 0) await requireActorsAsOf(repo, { from: 'liu-pengyu', to: 'us-treasury' }, '2026-12-01T12:00:00Z');
 */
export async function requireActorsAsOf(
  repo: GraphRepository,
  named: Record<string, string | null | undefined>,
  recordedAsOf: string,
): Promise<void> {
  const entries = Object.entries(named).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  if (entries.length === 0) return;
  const found = await repo.history.actorsAsOf(
    entries.map(([, id]) => id),
    recordedAsOf,
  );
  for (const [i, [argument, id]] of entries.entries()) if (found[i] === undefined) throw notFound(argument, id, 'actor');
}
