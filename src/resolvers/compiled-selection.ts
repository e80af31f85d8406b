import {
  type FieldNode,
  type FragmentDefinitionNode,
  getArgumentValues,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';

import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { ActorRelationshipsArgs, ActorSanctionsImposedArgs } from '../__generated__/schema-types.js';
import type { CompiledStatements, PartyRole } from '../graph/cypher/compiled-cypher.js';
import type { CompiledLevelQuery, CompiledListQuery, CompiledPartyQuery } from '../graph/graph-repository.js';
import type { TraversalDetail } from '../graph/model.js';
import { relationshipPageFor } from '../services/actor-service.js';
import { prefetchActorTrees, prefetchSanctionTrees } from '../services/compiled-prefetch.js';
import { inRange, LIMITS } from '../services/validation.js';
import { RELATIONSHIPS_SHAPE } from './actor/actor-resolvers.js';
import type { GraphQLContext } from './context.js';
import { selectsField, traversalDetail } from './selection.js';

/** The most relationship levels one root field compiles; deeper selections take the DataLoader path. */
const MAX_LEVELS = 8;

/** Why a selection is left to the DataLoader path (thrown inside the walk, caught by it). */
class NotCompiled extends Error {}

type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;

/**
 * The fields of `nodes`' selection sets by response key, through fragments, as graphql-js groups them for
 * execution. A directive anywhere (`@skip`, `@include`) leaves the selection to the DataLoader path, whose
 * resolvers see what graphql-js decided.
 */
function subfields(nodes: readonly FieldNode[], fragments: Fragments): Map<string, FieldNode[]> {
  const byKey = new Map<string, FieldNode[]>();
  const walk = (set: SelectionSetNode, seen: ReadonlySet<string>): void => {
    for (const selection of set.selections) {
      if (selection.directives && selection.directives.length > 0) throw new NotCompiled('directive');
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        byKey.set(key, [...(byKey.get(key) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, seen);
      else {
        const fragment = fragments[selection.name.value];
        if (!fragment || seen.has(fragment.name.value)) continue;
        if (fragment.directives && fragment.directives.length > 0) throw new NotCompiled('directive');
        walk(fragment.selectionSet, new Set([...seen, fragment.name.value]));
      }
    }
  };
  for (const node of nodes) if (node.selectionSet) walk(node.selectionSet, new Set());
  return byKey;
}

/** The fields of `nodes` named `name` (any alias), each key's nodes apart. */
function named(nodes: readonly FieldNode[], name: string, fragments: Fragments): FieldNode[][] {
  return [...subfields(nodes, fragments).values()].filter((group) => group[0]?.name.value === name);
}

/** A relationship level of a selection, without its argument values: what is the same on every request. */
interface LevelSkeleton {
  readonly group: readonly FieldNode[];
  readonly withTotal: boolean;
  readonly detail: TraversalDetail;
  readonly children: readonly LevelSkeleton[];
}

/** The relationship levels selected under actor field nodes `nodes` (an Actor's selection). */
function skeletonUnder(nodes: readonly FieldNode[], fragments: Fragments, count: { levels: number }): LevelSkeleton[] {
  return named(nodes, 'relationships', fragments).map((group) => {
    if ((count.levels += 1) > MAX_LEVELS) throw new NotCompiled('too deep');
    const scope = { fieldNodes: group, fragments } as unknown as GraphQLResolveInfo;
    const others = named(group, 'edges', fragments).flatMap((edges) => named(edges, 'other', fragments));
    return {
      group,
      withTotal: selectsField(scope, 'totalCount'),
      detail: traversalDetail(scope, RELATIONSHIPS_SHAPE),
      children: others.flatMap((other) => skeletonUnder(other, fragments, count)),
    };
  });
}

/**
 * The skeleton of a root field, walked once per parsed document: Apollo keeps parsed documents (by their
 * hash), so the root's field node is the same object on every request of one operation; null when the
 * walk refused the selection.
 */
const skeletons = new WeakMap<FieldNode, LevelSkeleton[] | null>();

function skeletonOf(info: GraphQLResolveInfo, actorPath: readonly string[]): LevelSkeleton[] | null {
  // Several root nodes for one response key are merged by graphql-js: key by the first, walk them all.
  const root = info.fieldNodes[0] as FieldNode;
  if (info.fieldNodes.length === 1 && skeletons.has(root)) return skeletons.get(root) ?? null;
  let skeleton: LevelSkeleton[] | null;
  try {
    // Down to the actors (for a page: edges > node), then the levels under them.
    let actors: FieldNode[][] = [[...info.fieldNodes]];
    for (const name of actorPath) actors = actors.flatMap((nodes) => named(nodes, name, info.fragments));
    const count = { levels: 0 };
    skeleton = actors.flatMap((nodes) => skeletonUnder(nodes, info.fragments, count));
  } catch (error) {
    if (!(error instanceof NotCompiled)) throw error;
    skeleton = null;
  }
  if (info.fieldNodes.length === 1) skeletons.set(root, skeleton);
  return skeleton;
}

/** The page queries of a skeleton for this request's variables, computed by the functions the resolvers use. */
function levelsOf(
  skeleton: readonly LevelSkeleton[],
  info: GraphQLResolveInfo,
  field: GraphQLField<unknown, unknown>,
): CompiledLevelQuery[] {
  return skeleton.map((level) => {
    const args = getArgumentValues(field, level.group[0] as FieldNode, info.variableValues) as ActorRelationshipsArgs;
    // A cursor is scoped to one actor's page: the loader path refuses it on every other parent.
    if (args.after) throw new NotCompiled('cursor');
    const { page } = relationshipPageFor('', args, level.withTotal, level.detail);
    return { page, children: levelsOf(level.children, info, field) };
  });
}

/**
 * The levels to compile for the root field of `info`, or null when it is left to the DataLoader path:
 * nothing nested to save, a shape the walk does not handle, an argument out of range (the resolvers then
 * raise the error they always raised), or a historical read (`recordedAsOf`, its own statements).
 */
export function compiledLevels(
  info: GraphQLResolveInfo,
  rootArgs: Readonly<Record<string, unknown>>,
  actorPath: readonly string[] = [],
): CompiledLevelQuery[] | null {
  if (rootArgs['recordedAsOf'] !== undefined && rootArgs['recordedAsOf'] !== null) return null;
  const skeleton = skeletonOf(info, actorPath);
  if (!skeleton || skeleton.length === 0) return null;
  const actorType = info.schema.getType('Actor');
  if (!isObjectType(actorType)) return null;
  try {
    return levelsOf(skeleton, info, actorType.getFields()['relationships'] as GraphQLField<unknown, unknown>);
  } catch {
    // NotCompiled, or an AppError of the arguments that the resolvers will raise in their place.
    return null;
  }
}

/** A sanction list level of a selection (`sanctionsImposed` / `sanctionsReceived` under a party actor), without its argument values. */
interface ListSkeleton {
  readonly group: readonly FieldNode[];
  readonly field: 'sanctionsImposed' | 'sanctionsReceived';
  readonly children: readonly PartySkeleton[];
}

/** A party level of a selection (`authorities`, `targets`, or `parties { actor }` under a sanction). */
interface PartySkeleton {
  readonly role: PartyRole;
  readonly children: readonly ListSkeleton[];
}

const PARTY_FIELDS: readonly (readonly [string, PartyRole])[] = [
  ['authorities', 'AUTHORITY'],
  ['targets', 'TARGET'],
];

const LIST_FIELDS = ['sanctionsImposed', 'sanctionsReceived'] as const;

/** The party levels selected under sanction field nodes `nodes` (a Sanction's selection). */
function partiesUnder(nodes: readonly FieldNode[], fragments: Fragments, count: { levels: number }): PartySkeleton[] {
  const level = (role: PartyRole, actorNodes: readonly FieldNode[]): PartySkeleton => {
    if ((count.levels += 1) > MAX_LEVELS) throw new NotCompiled('too deep');
    return { role, children: listsUnder(actorNodes, fragments, count) };
  };
  return [
    ...PARTY_FIELDS.flatMap(([field, role]) => named(nodes, field, fragments).map((group) => level(role, group))),
    ...named(nodes, 'parties', fragments).flatMap((group) => named(group, 'actor', fragments).map((actor) => level('ANY', actor))),
  ];
}

/** The sanction list levels selected under actor field nodes `nodes`. */
function listsUnder(nodes: readonly FieldNode[], fragments: Fragments, count: { levels: number }): ListSkeleton[] {
  return LIST_FIELDS.flatMap((field) =>
    named(nodes, field, fragments).map((group) => {
      if ((count.levels += 1) > MAX_LEVELS) throw new NotCompiled('too deep');
      return { group, field, children: partiesUnder(group, fragments, count) };
    }),
  );
}

/** The sanction skeleton of a root field, walked once per parsed document (as {@link skeletons}). */
const sanctionSkeletons = new WeakMap<FieldNode, PartySkeleton[] | null>();

function sanctionSkeletonOf(info: GraphQLResolveInfo, sanctionPath: readonly string[]): PartySkeleton[] | null {
  const root = info.fieldNodes[0] as FieldNode;
  if (info.fieldNodes.length === 1 && sanctionSkeletons.has(root)) return sanctionSkeletons.get(root) ?? null;
  let skeleton: PartySkeleton[] | null;
  try {
    let sanctions: FieldNode[][] = [[...info.fieldNodes]];
    for (const name of sanctionPath) sanctions = sanctions.flatMap((nodes) => named(nodes, name, info.fragments));
    const count = { levels: 0 };
    skeleton = sanctions.flatMap((nodes) => partiesUnder(nodes, info.fragments, count));
  } catch (error) {
    if (!(error instanceof NotCompiled)) throw error;
    skeleton = null;
  }
  if (info.fieldNodes.length === 1) sanctionSkeletons.set(root, skeleton);
  return skeleton;
}

/** The queries of a sanction skeleton for this request's variables, as the list resolvers compute them. */
function partyLevelsOf(skeleton: readonly PartySkeleton[], info: GraphQLResolveInfo, actorType: GraphQLObjectType): CompiledPartyQuery[] {
  return skeleton.map((party) => ({
    role: party.role,
    children: party.children.map((list): CompiledListQuery => {
      const field = actorType.getFields()[list.field] as GraphQLField<unknown, unknown>;
      const args = getArgumentValues(field, list.group[0] as FieldNode, info.variableValues) as ActorSanctionsImposedArgs;
      return {
        side: list.field === 'sanctionsImposed' ? 'imposed' : 'received',
        asOf: args.asOf ?? null,
        limit: inRange('first', args.first ?? 50, LIMITS.actorSanctions),
        children: partyLevelsOf(list.children, info, actorType),
      };
    }),
  }));
}

/**
 * The party levels to compile for the sanction root field of `info`, or null when it is left to the
 * DataLoader path: no party selected, a shape the walk does not handle, an argument out of range (the
 * resolvers raise it), or a historical read (`recordedAsOf`).
 */
export function compiledSanctionLevels(
  info: GraphQLResolveInfo,
  rootArgs: Readonly<Record<string, unknown>>,
  sanctionPath: readonly string[] = [],
): CompiledPartyQuery[] | null {
  if (rootArgs['recordedAsOf'] !== undefined && rootArgs['recordedAsOf'] !== null) return null;
  const skeleton = sanctionSkeletonOf(info, sanctionPath);
  if (!skeleton || skeleton.length === 0) return null;
  const actorType = info.schema.getType('Actor');
  if (!isObjectType(actorType)) return null;
  try {
    return partyLevelsOf(skeleton, info, actorType);
  } catch {
    return null;
  }
}

/** How a root field that opts in finds its actors or sanctions. */
interface CompiledRoot {
  /** What the root's tree starts from: actors (relationship levels) or sanctions (party levels). */
  readonly kind: 'actor' | 'sanction';
  /** Where the actors or sanctions are below the field (`[]`: the field is one). */
  readonly path: readonly string[];
  /** The ids from the arguments: the tree is fetched before the resolver runs (one statement in all). */
  readonly before?: (args: Record<string, unknown>) => readonly string[];
  /** The ids from the resolver's result: the levels under them are fetched after it (one statement more). */
  readonly after?: (result: unknown) => readonly string[];
}

const idsOfEdges = (result: unknown): string[] =>
  ((result as { edges?: { node: { id: string } }[] } | null)?.edges ?? []).map((e) => e.node.id);

/**
 * The root fields that compile their nested selections (opt in, one by one; a field not listed here keeps
 * its DataLoader path untouched). `actor` and `sanction` are one statement in all; a page (`actors`,
 * `sanctions`, `sanctionsConnection`) is its own statement, then every level under its nodes in one more
 * (instead of one per level).
 */
const COMPILED_ROOTS: Readonly<Record<string, CompiledRoot>> = {
  actor: { kind: 'actor', path: [], before: (args) => [args['id'] as string] },
  actors: { kind: 'actor', path: ['edges', 'node'], after: idsOfEdges },
  sanction: { kind: 'sanction', path: [], before: (args) => [args['id'] as string] },
  sanctions: { kind: 'sanction', path: [], after: (result) => ((result as { id: string }[] | null) ?? []).map((s) => s.id) },
  sanctionsConnection: { kind: 'sanction', path: ['edges', 'node'], after: idsOfEdges },
};

/** The compiled prefetch of one root field for this request, or null when it takes the DataLoader path. */
function prefetchFor(
  root: CompiledRoot,
  info: GraphQLResolveInfo,
  args: Record<string, unknown>,
  context: GraphQLContext,
  statements: CompiledStatements,
): ((ids: readonly string[]) => Promise<boolean>) | null {
  if (root.kind === 'actor') {
    const levels = compiledLevels(info, args, root.path);
    return levels ? (ids) => prefetchActorTrees(context.repo, context.loaders, statements, ids, levels) : null;
  }
  const levels = compiledSanctionLevels(info, args, root.path);
  // After a page statement, parties alone are one batched actor lookup either way: compile only what nests deeper.
  if (!levels || (root.after && levels.every((party) => party.children.length === 0))) return null;
  return (ids) => prefetchSanctionTrees(context.repo, context.loaders, statements, ids, levels);
}

/**
 * `resolvers` with the root fields of {@link COMPILED_ROOTS} fetching their nested selection in one
 * compiled statement (src/services/compiled-prefetch.ts) and running their own resolver, whose nested
 * fields find the records in the loaders.
 *
 * @example
 * const served = withCompiledSelections(resolvers, new CompiledStatements(256));
 */
export function withCompiledSelections(resolvers: Resolvers, statements: CompiledStatements): Resolvers {
  const query = { ...(resolvers.Query as Record<string, GraphQLFieldResolver<unknown, GraphQLContext>>) };
  for (const [name, root] of Object.entries(COMPILED_ROOTS)) {
    const resolve = query[name];
    if (!resolve) continue;
    query[name] = async (parent, args: Record<string, unknown>, context, info) => {
      const prefetch = prefetchFor(root, info, args, context, statements);
      if (prefetch && root.before) await prefetch(root.before(args));
      const result: unknown = await resolve(parent, args, context, info);
      if (prefetch && root.after) {
        const ids = root.after(result);
        if (ids.length > 0) await prefetch(ids);
      }
      return result;
    };
  }
  return { ...resolvers, Query: query };
}
