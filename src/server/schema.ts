import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { type DocumentNode, type GraphQLFieldResolver, type GraphQLSchema, parse } from 'graphql';

import type { Resolvers } from '../__generated__/resolvers-types.js';
import { PATHS } from '../config/paths.js';
import { badUserInput } from '../errors/app-error.js';
import { OperationTrace } from '../graph/operation-trace.js';
import type { GraphQLContext } from '../resolvers/context.js';
import { ITEMS_PER_TURN, yieldingItems } from './yielding-lists.js';

/** Folder of the SDL files, one per domain. */
export const SCHEMA_DIR = PATHS.schemaDir;

/** The SDL of schema/*.graphql, base.graphql first, as one document. */
export function loadTypeDefs(dir: string = SCHEMA_DIR): DocumentNode {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => (a === 'base.graphql' ? -1 : b === 'base.graphql' ? 1 : a.localeCompare(b)));
  return parse(files.map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n'));
}

/**
 * The entities of the supergraph (`@key(fields: "id")` in schema/*.graphql): the types a gateway may ask
 * this server for by id through `_entities`. A unit test keeps the list and the SDL in step.
 */
export const ENTITY_TYPES = ['Actor', 'Relationship', 'Sanction', 'Source'] as const;

/** What {@link buildApiSchema} needs. */
export interface ApiSchemaOptions {
  readonly typeDefs: DocumentNode;
  readonly resolvers: Resolvers;
  /** The most representations one `_entities` field may ask for (LIMIT_MAX_ENTITIES). */
  readonly maxEntities: number;
}

/**
 * The executable schema the server runs: schema/*.graphql with its resolvers, built as an Apollo
 * Federation 2 subgraph (docs/federation.md). Federation adds `Query._service` (this SDL, for a gateway's
 * composition) and `Query._entities` (entities by key); every other field is as the SDL says. `_entities`
 * is bounded here: more than `maxEntities` representations, or a representation that is not
 * `{ __typename, id }` of an entity type, is refused with BAD_USER_INPUT before any statement is sent.
 *
 * @example
 * const schema = buildApiSchema({ typeDefs: loadTypeDefs(), resolvers, maxEntities: 100 });
 */
export function buildApiSchema(options: ApiSchemaOptions): GraphQLSchema {
  const schema = buildSubgraphSchema({
    typeDefs: options.typeDefs,
    // The generated Resolvers type is stricter than the library's resolver map, which it satisfies.
    resolvers: options.resolvers as GraphQLResolverMap<unknown>,
  });
  const entities = schema.getQueryType()?.getFields()['_entities'];
  if (!entities?.resolve) throw new Error('The federation library built no _entities field');
  const resolve: GraphQLFieldResolver<unknown, unknown> = entities.resolve;
  entities.resolve = (source, args: Record<string, unknown>, context, info) => {
    checkRepresentations(args['representations'], options.maxEntities);
    const items: unknown = resolve(source, args, context, info);
    // Completed a batch per event-loop turn like every long list (withYieldingLists, which sees only the SDL).
    const counter = (context as Partial<GraphQLContext> | undefined)?.repo?.counter;
    const hold = counter instanceof OperationTrace ? () => counter.hold() : undefined;
    return Array.isArray(items) ? yieldingItems(items, ITEMS_PER_TURN, hold) : items;
  };
  return schema;
}

const ENTITY_TYPE_NAMES: ReadonlySet<string> = new Set(ENTITY_TYPES);

/**
 * Checks `_entities(representations:)`: at most `max` of them, each `{ __typename, id }` with an entity
 * type and a string id. The library would otherwise fail on an unknown type with a plain error (masked as
 * INTERNAL_SERVER_ERROR, as if the server were broken) and hand a missing id to a loader.
 */
function checkRepresentations(representations: unknown, max: number): void {
  const list = Array.isArray(representations) ? (representations as unknown[]) : [];
  if (list.length > max) {
    throw badUserInput(`representations must be between 0 and ${max}`, { argument: 'representations', min: 0, max });
  }
  for (const [index, representation] of list.entries()) {
    const { __typename, id } = (representation ?? {}) as Record<string, unknown>;
    if (typeof __typename !== 'string' || !ENTITY_TYPE_NAMES.has(__typename) || typeof id !== 'string' || id === '') {
      throw badUserInput(`representations[${index}] must be { __typename, id } of one of ${ENTITY_TYPES.join(', ')}`, {
        argument: 'representations',
        index,
      });
    }
  }
}
