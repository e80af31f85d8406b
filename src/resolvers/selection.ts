import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

import type { TraversalDetail } from '../graph/model.js';

/**
 * True when the client selected `name` directly under the current field (through fragments too), so a
 * resolver can skip costly work nobody asked for.
 *
 * @example
 * const withTotal = selectsField(info, 'totalCount');
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return fieldsAt(info, []).has(name);
}

/**
 * The names selected at `path` below the current field (e.g. `['hops', 'relationship']`), through
 * fragments and inline fragments. `@skip`/`@include` are not evaluated: a field under them counts as
 * selected, which can only make a projection fuller than needed, never too lean.
 *
 * @example
 * fieldsAt(info, ['nodes']); // Set { 'id', 'name' } for `neighbourhood { nodes { id name } }`
 */
export function fieldsAt(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  const names = new Set<string>();
  const walk = (set: SelectionSetNode, depth: number, seen: ReadonlySet<string>): void => {
    for (const selection of set.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          if (depth === path.length) names.add(selection.name.value);
          else if (selection.name.value === path[depth] && selection.selectionSet) walk(selection.selectionSet, depth + 1, seen);
          break;
        case Kind.INLINE_FRAGMENT:
          walk(selection.selectionSet, depth, seen);
          break;
        case Kind.FRAGMENT_SPREAD: {
          const fragment = info.fragments[selection.name.value];
          if (fragment && !seen.has(fragment.name.value)) walk(fragment.selectionSet, depth, new Set([...seen, fragment.name.value]));
          break;
        }
      }
    }
  };
  for (const node of info.fieldNodes) if (node.selectionSet) walk(node.selectionSet, 0, new Set());
  return names;
}

/**
 * Which level of TraversalDetail each field of an entity needs. Fields in none of the lists resolve from
 * the id alone (through loaders); a test checks that every field of the schema's Actor, Relationship and
 * Sanction types is placed.
 */
export const DETAIL_FIELDS = {
  actor: {
    ref: ['id'],
    summary: ['kind', 'name', 'country'],
    // The recorded version and merged ids come from the actor looked up by id (curation-resolvers.ts).
    full: ['aliases', 'description', 'degree', 'version', 'recordedFrom', 'mergedIds'],
  },
  relationship: {
    ref: ['id', 'type', 'from', 'to'],
    full: [
      'role',
      'topics',
      'date',
      'validFrom',
      'validTo',
      'noLaterThan',
      'timeBasis',
      'sanction',
      'evidence',
      'version',
      'recordedFrom',
      'recordedTo',
      'endReason',
      'changeSeq',
    ],
  },
  sanction: {
    ref: ['id'],
    full: [
      'measure',
      'program',
      'date',
      'timeBasis',
      'reason',
      'reasonStatus',
      'note',
      'joint',
      'evidence',
      'authorities',
      'targets',
      'parties',
      'list',
      'delisting',
      'version',
      'recordedFrom',
      'recordedTo',
      'endReason',
      'changeSeq',
    ],
  },
} as const;

/** Where a traversal's result holds actors, relationships and sanctions, as paths below its field. */
export interface TraversalShape {
  readonly actors: readonly (readonly string[])[];
  readonly relationships: readonly (readonly string[])[];
  readonly sanctions: readonly (readonly string[])[];
}

/**
 * The projection a traversal needs for the current selection: for each entity, the lowest level that
 * serves every field selected on any of its paths. A field this misses is still answered (resolvers
 * load lean records whole), at the cost of one more round trip.
 *
 * @example
 * const detail = traversalDetail(info, { actors: [['nodes']], relationships: [['edges']], sanctions: [] });
 */
export function traversalDetail(info: GraphQLResolveInfo, shape: TraversalShape): TraversalDetail {
  // A field under a list resolves once per parent with the same field nodes: walk its selection once.
  let byShape = detailCache.get(info.fieldNodes);
  if (!byShape) detailCache.set(info.fieldNodes, (byShape = new Map<TraversalShape, TraversalDetail>()));
  const cached = byShape.get(shape);
  if (cached) return cached;
  const selected = (paths: TraversalShape[keyof TraversalShape]): Set<string> =>
    new Set(paths.flatMap((path) => [...fieldsAt(info, path)]));
  const any = (names: Set<string>, fields: readonly string[]): boolean => fields.some((f) => names.has(f));
  const actors = selected(shape.actors);
  const detail: TraversalDetail = {
    actors: any(actors, DETAIL_FIELDS.actor.full) ? 'full' : any(actors, DETAIL_FIELDS.actor.summary) ? 'summary' : 'ref',
    relationships: any(selected(shape.relationships), DETAIL_FIELDS.relationship.full) ? 'full' : 'ref',
    sanctions: any(selected(shape.sanctions), DETAIL_FIELDS.sanction.full) ? 'full' : 'ref',
  };
  byShape.set(shape, detail);
  return detail;
}

// Keyed by graphql-js's field-node arrays, which are made per execution (and equal for equal documents).
const detailCache = new WeakMap<readonly FieldNode[], Map<TraversalShape, TraversalDetail>>();
