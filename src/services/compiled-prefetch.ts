import type { CompiledStatements } from '../graph/cypher/compiled-cypher.js';
import type { CompiledLevelQuery, CompiledPage, CompiledParties, CompiledPartyQuery, GraphRepository } from '../graph/graph-repository.js';
import type { Loaders } from './loaders.js';

/**
 * Fetches actors and their nested relationship pages in one compiled statement and hands every record to
 * the loaders, as the DataLoader path would have loaded them: the actors whole, each page under the key
 * its resolver asks with (the same RelationshipPageQuery), the other ends lean. The resolvers then run
 * unchanged and find everything in the loaders, so both paths answer alike by construction; a field the
 * compiler did not foresee still loads through its loader. Returns false (nothing fetched) when the shape
 * is one too many for `statements`.
 *
 * @example
 * await prefetchActorTrees(repo, loaders, statements, ['china'], [{ page, children: [] }]);
 */
export async function prefetchActorTrees(
  repo: GraphRepository,
  loaders: Loaders,
  statements: CompiledStatements,
  ids: readonly string[],
  levels: readonly CompiledLevelQuery[],
): Promise<boolean> {
  const trees = await repo.compiled.actorTrees(statements, ids, levels);
  if (!trees) return false;
  let wave: { actorId: string; pages: readonly CompiledPage[]; levels: readonly CompiledLevelQuery[] }[] = [];
  ids.forEach((id, i) => {
    const tree = trees[i];
    if (!tree) return loaders.primeAbsentActor(id);
    loaders.prime({ actors: [tree.actor] });
    // A merged id finds the actor it was merged into, whose resolvers ask for its pages by its own id.
    wave.push({ actorId: tree.actor.id, pages: tree.pages, levels });
  });
  // Level by level, in the order the DataLoader path would have primed them.
  while (wave.length > 0) {
    const next: typeof wave = [];
    for (const { actorId, pages, levels: under } of wave)
      under.forEach((level, j) => {
        const page = pages[j] as CompiledPage;
        loaders.primeRelationships(actorId, level.page, {
          total: page.total,
          items: page.items.map(({ relationship, other }) => ({ relationship, other })),
        });
        for (const item of page.items) next.push({ actorId: item.other.id, pages: item.pages, levels: level.children });
      });
    wave = next;
  }
  return true;
}

/**
 * Fetches sanctions with their party actors and the sanction lists under those, nested, in one compiled
 * statement, and hands every record to the loaders as the DataLoader path would have loaded them: the
 * sanctions and actors whole, each list under the key its resolver asks with (side, date, limit). Returns
 * false (nothing fetched) when the shape is one too many for `statements`.
 *
 * @example
 * await prefetchSanctionTrees(repo, loaders, statements, ['sanction-x'], [{ role: 'TARGET', children: [] }]);
 */
export async function prefetchSanctionTrees(
  repo: GraphRepository,
  loaders: Loaders,
  statements: CompiledStatements,
  ids: readonly string[],
  levels: readonly CompiledPartyQuery[],
): Promise<boolean> {
  const trees = await repo.compiled.sanctionTrees(statements, ids, levels);
  if (!trees) return false;
  const primeParties = (parties: readonly CompiledParties[], under: readonly CompiledPartyQuery[]): void =>
    under.forEach((level, i) => {
      for (const { actor, lists } of parties[i]?.items ?? []) {
        loaders.prime({ actors: [actor] });
        level.children.forEach((list, j) => {
          const items = lists[j]?.items ?? [];
          loaders.primeSanctionsOf(
            actor.id,
            list.side,
            list.asOf,
            list.limit,
            items.map((item) => item.sanction),
          );
          for (const item of items) primeParties(item.parties, list.children);
        });
      }
    });
  trees.forEach((tree, i) => {
    if (!tree) return loaders.primeAbsentSanction(ids[i] as string);
    loaders.prime({ sanctions: [tree.sanction] });
    primeParties(tree.parties, levels);
  });
  return true;
}
