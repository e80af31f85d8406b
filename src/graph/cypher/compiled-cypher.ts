import { createHash } from 'node:crypto';

import type { Direction } from '../model.js';
import { cypher, type CypherQuery } from './cypher-query.js';
import { actorProjection, actorProjectionAsAsked, relationshipProjectionAsAsked, statusAllowed, validAsOf } from './fragments.js';

/**
 * Statements compiled from the shape of a GraphQL selection (issue 18): one statement per root field
 * where today's path sends one per query level. They are the one place of src/graph/cypher whose texts
 * are not module constants, and they keep the folder's rule the same way: a text is assembled only from
 * the fragments of this folder and from the selection's shape (which fields nest in which, the relationship
 * direction and whether a total is counted), never from a value of the request; every value, at every
 * level, travels as a `$parameter`. So a text is one of a bounded set, Neo4j's plan cache hits, and each is
 * named by its shape (`compiledActor#<hash of the shape>`) in logs, metrics and `extensions.statements`.
 * The registry (index.ts) lists {@link COMPILED_EXAMPLES}, the shapes the bench and the tests run, so the
 * snapshot and EXPLAIN tests cover the compiler's output too.
 */

/** One `relationships` page under an actor, and the pages under its other ends. */
export interface RelationshipLevelShape {
  readonly direction: Direction;
  /** Whether the page counts all matching relationships (`totalCount` selected). */
  readonly counted: boolean;
  readonly children: readonly RelationshipLevelShape[];
}

/** A root `actor` field with the `relationships` pages nested under it. */
export interface ActorTreeShape {
  readonly children: readonly RelationshipLevelShape[];
}

/** The parameter names of one level, `l<k>_<name>` for level k in pre-order from 1. */
const PARAMS = ['types', 'asOf', 'after', 'limit', 'includeInferred', 'includeUndated', 'actorLevel', 'relationshipLevel'] as const;

/** The names of level k's parameters. */
export function levelParam(k: number, name: (typeof PARAMS)[number]): string {
  return `l${k}_${name}`;
}

/** A fragment of this folder with its `$parameters` renamed to level k's. */
function scoped(fragment: string, k: number): string {
  return fragment.replace(/\$([A-Za-z]+)\b/g, (whole, name: string) =>
    (PARAMS as readonly string[]).includes(name) ? `$${levelParam(k, name as (typeof PARAMS)[number])}` : whole,
  );
}

const ARROWS: Record<Direction, (a: string, r: string, b: string) => string> = {
  OUTGOING: (a, r, b) => `(${a})-[${r}]->(${b}:Actor)`,
  INCOMING: (a, r, b) => `(${a})<-[${r}]-(${b}:Actor)`,
  BOTH: (a, r, b) => `(${a})-[${r}]-(${b}:Actor)`,
};

const indent = (text: string, by = '  '): string =>
  text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');

/**
 * The subquery of one level under actor variable `parent`: the same page as relationshipsOfActors (same
 * filter, order and projections), binding `l<k>` to `{total, page}` with each item's own levels nested.
 * `next` numbers the levels in pre-order.
 */
function levelBlock(level: RelationshipLevelShape, parent: string, next: { k: number }): { text: string; variable: string } {
  const k = next.k++;
  const r = `r${k}`;
  const b = `b${k}`;
  const pattern = ARROWS[level.direction](parent, r, b);
  const filter = scoped(`type(${r}) IN $types AND ${validAsOf(r)} AND ${statusAllowed(r)}`, k);
  const children = level.children.map((child) => levelBlock(child, b, next));
  const total = level.counted
    ? `CALL (${parent}) {\n  MATCH ${pattern}\n  WHERE ${filter}\n  RETURN count(${r}) AS total\n}`
    : `WITH ${parent}, null AS total`;
  const nested = children.map((c) => c.text).join('\n');
  const levels = children.map((c) => `${c.variable}: ${c.variable}`).join(', ');
  const page = [
    `MATCH ${pattern}`,
    `WHERE ${filter} AND ($${levelParam(k, 'after')} IS NULL OR ${r}.id > $${levelParam(k, 'after')})`,
    `WITH ${r}, ${b} ORDER BY ${r}.id`,
    `LIMIT $${levelParam(k, 'limit')}`,
    ...(children.length > 0 ? [nested, `WITH ${[r, b, ...children.map((c) => c.variable)].join(', ')} ORDER BY ${r}.id`] : []),
    `RETURN collect({relationship: ${scoped(relationshipProjectionAsAsked(r), k)}, other: ${scoped(actorProjectionAsAsked(b), k)}, ` +
      `levels: {${levels}}}) AS page`,
  ].join('\n');
  const text = [
    `CALL (${parent}) {`,
    indent(total),
    indent(`CALL (${parent}) {\n${indent(page)}\n}`),
    `  RETURN {total: total, page: page} AS l${k}`,
    '}',
  ].join('\n');
  return { text, variable: `l${k}` };
}

/** A canonical text of a shape: what its name hashes and its cache is keyed by. */
export function shapeKey(shape: ActorTreeShape | RelationshipLevelShape): string {
  const level = (l: RelationshipLevelShape): string => `${l.direction[0]}${l.counted ? '+' : ''}(${l.children.map(level).join(',')})`;
  return `actor(${shape.children.map(level).join(',')})`;
}

/** How many levels a shape has (parameters come in sets of {@link PARAMS}, one per level). */
export function levelCount(shape: ActorTreeShape): number {
  const count = (l: RelationshipLevelShape): number => 1 + l.children.reduce((n, c) => n + count(c), 0);
  return shape.children.reduce((n, c) => n + count(c), 0);
}

/**
 * The statement of an actor tree: actors by `$ids` (projected whole, as findActorsByIds), then each level's
 * page, nested. Rows: `id`, `actor`, `levels` (`{l<k>: {total, page: [{relationship, other, levels}]}}`).
 *
 * @example
 * compileActorTree({ children: [{ direction: 'OUTGOING', counted: false, children: [] }] }).name; // 'compiledActor#…'
 */
export function compileActorTree(shape: ActorTreeShape): CypherQuery {
  const key = shapeKey(shape);
  const next = { k: 1 };
  const children = shape.children.map((child) => levelBlock(child, 'a', next));
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 10);
  return cypher(
    `compiledActor#${hash}`,
    `
UNWIND $ids AS id
MATCH (a:Actor {id: id})
${children.map((c) => c.text).join('\n')}
RETURN id, ${actorProjection('a')} AS actor, {${children.map((c) => `${c.variable}: ${c.variable}`).join(', ')}} AS levels`,
  );
}

/**
 * Compiled statements by shape, bounded: the first {@link CompiledStatements.max} distinct shapes are
 * compiled and kept; a shape beyond them gets null, and its operation takes the DataLoader path (so a
 * client sending ever new shapes cannot grow this map or Neo4j's plan cache without bound).
 */
export class CompiledStatements {
  private readonly byKey = new Map<string, CypherQuery>();

  constructor(readonly max: number) {}

  /** The statement of `shape`, or null once `max` other shapes are held. */
  actorTree(shape: ActorTreeShape): CypherQuery | null {
    const key = shapeKey(shape);
    const known = this.byKey.get(key);
    if (known) return known;
    if (this.byKey.size >= this.max) return null;
    const query = compileActorTree(shape);
    this.byKey.set(key, query);
    return query;
  }

  /** How many shapes are held. */
  get size(): number {
    return this.byKey.size;
  }
}

const level = (direction: Direction, children: RelationshipLevelShape[] = [], counted = false): RelationshipLevelShape => ({
  direction,
  counted,
  children,
});

/**
 * Shapes the bench and the tests compile, registered (as {@link COMPILED_EXAMPLES}) so the snapshot and
 * EXPLAIN tests see the compiler's output: the bench's nested workload (two OUTGOING levels), a counted
 * page, and pages side by side with a counted one below.
 */
export const COMPILED_SHAPES = {
  nested: { children: [level('OUTGOING', [level('OUTGOING')])] },
  counted: { children: [level('BOTH', [], true)] },
  siblings: { children: [level('INCOMING'), level('BOTH', [level('OUTGOING', [], true)])] },
} satisfies Record<string, ActorTreeShape>;

/** The statements of {@link COMPILED_SHAPES}. */
export const COMPILED_EXAMPLES: Readonly<Record<keyof typeof COMPILED_SHAPES, CypherQuery>> = {
  nested: compileActorTree(COMPILED_SHAPES.nested),
  counted: compileActorTree(COMPILED_SHAPES.counted),
  siblings: compileActorTree(COMPILED_SHAPES.siblings),
};
