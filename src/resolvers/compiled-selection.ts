import {
  type FieldNode,
  type FragmentDefinitionNode,
  getArgumentValues,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';

import type { Resolvers } from '../__generated__/resolvers-types.js';
import type { ActorRelationshipsArgs } from '../__generated__/schema-types.js';
import type { CompiledStatements } from '../graph/cypher/compiled-cypher.js';
import type { CompiledLevelQuery } from '../graph/graph-repository.js';
import { relationshipPageFor } from '../services/actor-service.js';
import { prefetchActorTrees } from '../services/compiled-prefetch.js';
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

/**
 * The relationship levels selected under actor field nodes `nodes` (an Actor's selection), each with the
 * page query its resolver will ask the loaders for, computed by the same functions the resolvers use.
 */
function levelsUnder(nodes: readonly FieldNode[], info: GraphQLResolveInfo, count: { levels: number }): CompiledLevelQuery[] {
  const actorType = info.schema.getType('Actor');
  if (!isObjectType(actorType)) throw new NotCompiled('no Actor type');
  const field = actorType.getFields()['relationships'] as GraphQLField<unknown, unknown>;
  return named(nodes, 'relationships', info.fragments).map((group) => {
    if ((count.levels += 1) > MAX_LEVELS) throw new NotCompiled('too deep');
    const args = getArgumentValues(field, group[0] as FieldNode, info.variableValues) as ActorRelationshipsArgs;
    // A cursor is scoped to one actor's page: the loader path refuses it on every other parent.
    if (args.after) throw new NotCompiled('cursor');
    const scope = { fieldNodes: group, fragments: info.fragments } as unknown as GraphQLResolveInfo;
    const { page } = relationshipPageFor('', args, selectsField(scope, 'totalCount'), traversalDetail(scope, RELATIONSHIPS_SHAPE));
    const others = named(group, 'edges', info.fragments).flatMap((edges) => named(edges, 'other', info.fragments));
    return { page, children: others.flatMap((other) => levelsUnder(other, info, count)) };
  });
}

/**
 * The levels to compile for the root field of `info`, or null when it is left to the DataLoader path:
 * nothing nested to save, a shape the walk does not handle, an argument out of range (the resolvers then
 * raise the error they always raised), or a historical read (`recordedAsOf`, its own statements).
 */
export function compiledLevels(info: GraphQLResolveInfo, rootArgs: Readonly<Record<string, unknown>>): CompiledLevelQuery[] | null {
  if (rootArgs['recordedAsOf'] !== undefined && rootArgs['recordedAsOf'] !== null) return null;
  try {
    const levels = levelsUnder(info.fieldNodes, info, { levels: 0 });
    return levels.length > 0 ? levels : null;
  } catch (error) {
    // NotCompiled, or an AppError of the arguments that the resolvers will raise in their place.
    void error;
    return null;
  }
}

/**
 * The root fields that compile their nested selections (opt in, one by one; a field not listed here keeps
 * its DataLoader path untouched), and the actor ids each one asks for.
 */
const COMPILED_ROOTS: Readonly<Record<string, (args: Record<string, unknown>) => readonly string[]>> = {
  actor: (args) => [args['id'] as string],
};

/**
 * `resolvers` with the root fields of {@link COMPILED_ROOTS} first fetching their nested selection in one
 * compiled statement (src/services/compiled-prefetch.ts), then running their own resolver, which finds
 * the records in the loaders.
 *
 * @example
 * const served = withCompiledSelections(resolvers, new CompiledStatements(256));
 */
export function withCompiledSelections(resolvers: Resolvers, statements: CompiledStatements): Resolvers {
  const query = { ...(resolvers.Query as Record<string, GraphQLFieldResolver<unknown, GraphQLContext>>) };
  for (const [name, idsOf] of Object.entries(COMPILED_ROOTS)) {
    const resolve = query[name];
    if (!resolve) continue;
    query[name] = async (parent, args: Record<string, unknown>, context, info) => {
      const levels = compiledLevels(info, args);
      if (levels) await prefetchActorTrees(context.repo, context.loaders, statements, idsOf(args), levels);
      return resolve(parent, args, context, info);
    };
  }
  return { ...resolvers, Query: query };
}
