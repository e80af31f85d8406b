import { createHash } from 'node:crypto';

import type { Direction } from '../model.js';
import { cypher, type CypherQuery } from './cypher-query.js';
import {
  actorProjection,
  actorProjectionAsAsked,
  relationshipProjectionAsAsked,
  sanctionKnownBy,
  sanctionProjection,
  statusAllowed,
  validAsOf,
} from './fragments.js';

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
CALL (id) {
  MATCH (a:Actor {id: id}) RETURN a
  UNION
  MATCH (:MergedActor {id: id})-[:MERGED_INTO]->(a:Actor) RETURN a
}
${children.map((c) => c.text).join('\n')}
RETURN id, ${actorProjection('a')} AS actor, {${children.map((c) => `${c.variable}: ${c.variable}`).join(', ')}} AS levels`,
  );
}

/** Which parties of a sanction a level expands: its authorities, its targets, or both (`parties`). */
export type PartyRole = 'AUTHORITY' | 'TARGET' | 'ANY';

/** The party actors of the sanctions of a level, and the sanction lists under each of them. */
export interface PartyLevelShape {
  readonly role: PartyRole;
  readonly children: readonly SanctionListShape[];
}

/** One `sanctionsImposed` or `sanctionsReceived` list under an actor, and the party levels under its sanctions. */
export interface SanctionListShape {
  readonly side: 'imposed' | 'received';
  readonly children: readonly PartyLevelShape[];
}

/** A root `sanction` (or a page of sanctions) with the party levels nested under it. */
export interface SanctionTreeShape {
  readonly children: readonly PartyLevelShape[];
}

/** The name of sanction list level k's parameter (party levels take none): `l<k>_asOf`, `l<k>_limit`. */
export function listParam(k: number, name: 'asOf' | 'limit'): string {
  return `l${k}_${name}`;
}

const PARTY_PATTERNS: Record<PartyRole, (s: string, x: string) => string> = {
  AUTHORITY: (s, x) => `(${x}:Actor)-[:IMPOSED]->(${s})`,
  TARGET: (s, x) => `(${s})-[:TARGETS]->(${x}:Actor)`,
  // An actor that is both authority and target comes once (the loaders hold it by id anyway).
  ANY: (s, x) => `(${s})-[:IMPOSED|TARGETS]-(${x}:Actor)`,
};

const LIST_PATTERNS: Record<SanctionListShape['side'], (x: string, s: string) => string> = {
  imposed: (x, s) => `(${x})-[:IMPOSED]->(${s}:Sanction)`,
  received: (x, s) => `(${s}:Sanction)-[:TARGETS]->(${x})`,
};

/**
 * The subquery of a party level under sanction variable `parent`: the party actors, projected whole as the
 * actor loader holds them, each with the sanction lists nested under it. Binds `p<k>` to a list of
 * `{actor, levels}`; the order does not matter (the resolvers take the parties' order from the sanction).
 */
function partyBlock(level: PartyLevelShape, parent: string, next: { k: number }): { text: string; variable: string } {
  const k = next.k++;
  const x = `x${k}`;
  const children = level.children.map((child) => listBlock(child, x, next));
  const distinct = level.role === 'ANY' ? `WITH DISTINCT ${x}` : `WITH ${x}`;
  const body = [
    `MATCH ${PARTY_PATTERNS[level.role](parent, x)}`,
    distinct,
    ...children.map((c) => c.text),
    `RETURN collect({actor: ${actorProjection(x)}, levels: {${children.map((c) => `${c.variable}: ${c.variable}`).join(', ')}}}) AS p${k}`,
  ].join('\n');
  return { text: `CALL (${parent}) {\n${indent(body)}\n}`, variable: `p${k}` };
}

/**
 * The subquery of a sanction list under actor variable `parent`: the same list as
 * sanctionsImposedByActors / sanctionsReceivedByActors (same filter, order, limit and projection),
 * each sanction with the party levels nested under it. Binds `l<k>` to a list of `{sanction, levels}`.
 */
function listBlock(level: SanctionListShape, parent: string, next: { k: number }): { text: string; variable: string } {
  const k = next.k++;
  const s = `s${k}`;
  const children = level.children.map((child) => partyBlock(child, s, next));
  const order = `ORDER BY ${s}.date DESC, ${s}.id`;
  const body = [
    `MATCH ${LIST_PATTERNS[level.side](parent, s)}`,
    `WHERE ${sanctionKnownBy(s).replace(/\$asOf\b/g, `$${listParam(k, 'asOf')}`)}`,
    `WITH ${s} ${order}`,
    `LIMIT $${listParam(k, 'limit')}`,
    ...(children.length > 0 ? [...children.map((c) => c.text), `WITH ${[s, ...children.map((c) => c.variable)].join(', ')} ${order}`] : []),
    `RETURN collect({sanction: ${sanctionProjection(s)}, levels: {${children.map((c) => `${c.variable}: ${c.variable}`).join(', ')}}}) AS l${k}`,
  ].join('\n');
  return { text: `CALL (${parent}) {\n${indent(body)}\n}`, variable: `l${k}` };
}

const ROLE_CODES: Record<PartyRole, string> = { AUTHORITY: 'A', TARGET: 'T', ANY: 'P' };

/** A canonical text of a sanction tree's shape: what its name hashes and its cache is keyed by. */
export function sanctionShapeKey(shape: SanctionTreeShape): string {
  const party = (p: PartyLevelShape): string => `${ROLE_CODES[p.role]}(${p.children.map(list).join(',')})`;
  const list = (l: SanctionListShape): string => `${l.side[0]}(${l.children.map(party).join(',')})`;
  return `sanction(${shape.children.map(party).join(',')})`;
}

/** The sanction list levels of a shape in pre-order (level numbers count party levels too). */
export function listLevelNumbers(shape: SanctionTreeShape): number[] {
  const numbers: number[] = [];
  const next = { k: 1 };
  const party = (p: PartyLevelShape): void => {
    next.k++;
    p.children.forEach(list);
  };
  const list = (l: SanctionListShape): void => {
    numbers.push(next.k++);
    l.children.forEach(party);
  };
  shape.children.forEach(party);
  return numbers;
}

/**
 * The statement of a sanction tree: sanctions by `$ids` (projected as findSanctionsByIds), then each party
 * level's actors and the sanction lists under them, nested. Rows: `id`, `sanction`, `levels`
 * (`{p<k>: [{actor, levels: {l<j>: [{sanction, levels}]}}]}`).
 *
 * @example
 * compileSanctionTree({ children: [{ role: 'TARGET', children: [{ side: 'received', children: [] }] }] }).name; // 'compiledSanction#…'
 */
export function compileSanctionTree(shape: SanctionTreeShape): CypherQuery {
  const key = sanctionShapeKey(shape);
  const next = { k: 1 };
  const children = shape.children.map((child) => partyBlock(child, 's0', next));
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 10);
  return cypher(
    `compiledSanction#${hash}`,
    `
UNWIND $ids AS id
MATCH (s0:Sanction {id: id})
${children.map((c) => c.text).join('\n')}
RETURN id, ${sanctionProjection('s0')} AS sanction, {${children.map((c) => `${c.variable}: ${c.variable}`).join(', ')}} AS levels`,
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

  /** The statement of a sanction tree's `shape`, or null once `max` other shapes (of either kind) are held. */
  sanctionTree(shape: SanctionTreeShape): CypherQuery | null {
    const key = sanctionShapeKey(shape);
    const known = this.byKey.get(key);
    if (known) return known;
    if (this.byKey.size >= this.max) return null;
    const query = compileSanctionTree(shape);
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

/**
 * Sanction trees the tests compile, registered like {@link COMPILED_SHAPES}: a sanction's targets with the
 * sanctions they received (`sanction -> targets -> sanctions`), and both party kinds two lists deep.
 */
export const COMPILED_SANCTION_SHAPES = {
  targetsReceived: { children: [{ role: 'TARGET', children: [{ side: 'received', children: [] }] }] },
  deep: {
    children: [
      { role: 'AUTHORITY', children: [{ side: 'imposed', children: [{ role: 'TARGET', children: [] }] }] },
      { role: 'ANY', children: [] },
    ],
  },
} satisfies Record<string, SanctionTreeShape>;

/** The statements of {@link COMPILED_SANCTION_SHAPES}. */
export const COMPILED_SANCTION_EXAMPLES: Readonly<Record<keyof typeof COMPILED_SANCTION_SHAPES, CypherQuery>> = {
  targetsReceived: compileSanctionTree(COMPILED_SANCTION_SHAPES.targetsReceived),
  deep: compileSanctionTree(COMPILED_SANCTION_SHAPES.deep),
};
