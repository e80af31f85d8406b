/**
 * Deterministic synthetic graph for the benchmarks. Every entity draws its randomness from a PRNG seeded
 * by (seed, stream, index), so the graph streams in any order, in constant memory, and is the same on
 * every machine for the same (actors, seed).
 *
 * Shape: a main component with power-law out-degree (mean about 10) whose targets are skewed towards
 * low indices (the hubs); tails of 8 actors hanging off the main component (for paths of 5+ hops); small
 * islands of 4 actors (for unreachable pairs); sanctions imposed by states and government bodies, each a
 * Sanction node with IMPOSED / TARGETS (and ON_LIST when on a list) plus the derived SANCTIONED edges.
 */
import {
  ACTOR_KINDS,
  type ActorKind,
  type CLAIM_STATUSES,
  DERIVED_RELATIONSHIP_TYPES,
  RELATIONSHIP_TYPES,
  type RelationshipType,
  SANCTION_MEASURES,
} from '../src/graph/model.js';

/** Version of the generator; part of the data marker, so a change of shape reloads the database. */
export const GENERATOR_VERSION = 1;

/** The named sizes of BENCHMARK.md. */
export const SIZES = { S: 1_000, M: 100_000, L: 1_000_000 } as const;
/** One named size. */
export type SizeName = keyof typeof SIZES;

/** Id of the one synthetic source every actor, relationship and sanction cites. */
export const SOURCE_ID = 'bench-source';
const SOURCE_SENTENCES = 50;
const TAIL_LENGTH = 8;
const ISLAND_SIZE = 4;
const FIRST_DAY = Date.UTC(1990, 0, 1);
const DAYS = 35 * 365;

const COUNTRIES = ['US', 'GB', 'FR', 'DE', 'CN', 'RU', 'MM', 'IR', 'KP', 'VE', 'BY', 'SY', 'CA', 'AU', 'JP', 'IN', 'BR', 'ZA', 'TR', 'UA'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'sen', 'tor', 'vel', 'an', 'dri', 'zu', 'qel', 'bo', 'nim', 'pa', 'yor', 'ush'];
const WORDS = ['Holdings', 'Group', 'Ministry', 'Council', 'Bank', 'Trading', 'Front', 'Union', 'Agency', 'Works'];
const ROLE_TYPES: ReadonlySet<RelationshipType> = new Set(['LEADS', 'HOLDS_ROLE_IN', 'SPEAKS_FOR']);
const TOPICS = ['corruption', 'surveillance', 'election fraud', 'human rights', 'trade'];

/** Weights of the relationship types drawn for generated edges (SANCTIONED is derived from sanctions). */
const TYPE_WEIGHTS: ReadonlyMap<RelationshipType, number> = new Map(
  RELATIONSHIP_TYPES.filter((t) => !DERIVED_RELATIONSHIP_TYPES.has(t)).map((t): [RelationshipType, number] => {
    switch (t) {
      case 'PART_OF':
        return [t, 8];
      case 'HOLDS_ROLE_IN':
      case 'ACTED_JOINTLY_WITH':
        return [t, 7];
      case 'REPRESENTS':
      case 'SPEAKS_FOR':
      case 'LEADS':
        return [t, 3];
      default:
        return [t, 4];
    }
  }),
);
const KIND_WEIGHTS: ReadonlyMap<ActorKind, number> = new Map<ActorKind, number>([
  ['PERSON', 45],
  ['COMPANY', 30],
  ['ENTITY_GROUP', 5],
  ['POLITICAL_PARTY', 4],
  ['ARMED_FORCES', 3],
  ['ETHNIC_GROUP', 3],
  ['DIPLOMATIC_MISSION', 3],
  ['MOVEMENT', 3],
  ['ELECTION', 2],
  ['LIST', 1],
  ['GOVERNMENT_BODY', 1],
]);

/** Small, fast, seedable PRNG (mulberry32); never Math.random. */
export class Rng {
  constructor(private state: number) {}

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** A key drawn with the given weights. */
  weighted<T>(weights: ReadonlyMap<T, number>): T {
    let total = 0;
    for (const w of weights.values()) total += w;
    let x = this.next() * total;
    let last: T | undefined;
    for (const [key, w] of weights) {
      last = key;
      x -= w;
      if (x < 0) return key;
    }
    return last as T;
  }
}

/** A PRNG for one entity of one stream, independent of every other entity. */
export function rngFor(seed: number, stream: number, index: number): Rng {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35) ^ Math.imul(index + 1, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return new Rng(h ^ (h >>> 16));
}

const STREAM = { kind: 1, actor: 2, degree: 3, edges: 4, sanction: 5, tail: 6, island: 7 } as const;

/** Options of a generated graph. */
export interface GenOptions {
  readonly actors: number;
  readonly seed: number;
}

/** Where each part of the graph sits in the actor index range. */
export interface GraphLayout {
  readonly actors: number;
  /** Actors [0, main) form the main component. */
  readonly main: number;
  /** Actors [0, states) are states, [states, authorities) government bodies: the sanctioning authorities. */
  readonly states: number;
  readonly authorities: number;
  readonly tails: number;
  readonly islands: number;
  readonly sanctions: number;
}

/** The layout of a graph of `actors` actors. */
export function layoutOf(actors: number): GraphLayout {
  const islands = Math.max(2, Math.floor((actors * 0.01) / ISLAND_SIZE));
  const tails = Math.max(2, Math.floor((actors * 0.004) / TAIL_LENGTH));
  const main = actors - islands * ISLAND_SIZE - tails * TAIL_LENGTH;
  const states = Math.max(10, Math.floor(actors / 500));
  return {
    actors,
    main,
    states,
    authorities: states + Math.max(10, Math.floor(actors / 100)),
    tails,
    islands,
    sanctions: Math.floor(actors / 10),
  };
}

/** A plain actor row, as written to NDJSON and to the loader. */
export interface GenActor {
  readonly id: string;
  readonly kind: ActorKind;
  readonly name: string;
  readonly aliases: string[];
  readonly country: string | null;
  readonly description: string;
  readonly mentions: number[];
}

/** Evidence of a relationship or a sanction. */
export interface GenEvidence {
  readonly sourceId: string;
  readonly sentences: number[];
  readonly claim: string;
  readonly confidence: number;
  readonly status: (typeof CLAIM_STATUSES)[number];
}

/** A relationship row. Dates are ISO strings or null. */
export interface GenRelationship {
  readonly id: string;
  readonly type: RelationshipType;
  readonly fromId: string;
  readonly toId: string;
  readonly role: string | null;
  readonly topics: string[];
  readonly sanctionId: string | null;
  readonly date: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly evidence: GenEvidence;
}

/** A sanction row with its authorities and targets. */
export interface GenSanction {
  readonly id: string;
  readonly measure: (typeof SANCTION_MEASURES)[number];
  readonly program: string;
  readonly listId: string | null;
  readonly date: string;
  readonly reason: string;
  readonly joint: boolean;
  readonly authorityIds: string[];
  readonly targetIds: string[];
  readonly evidence: GenEvidence;
}

/** The id of actor `i`. */
export const actorId = (i: number): string => `a${i}`;

/** The kind of actor `i` (a pure function, so sanctions can find lists without holding the actors). */
export function kindOf(o: GenOptions, layout: GraphLayout, i: number): ActorKind {
  if (i < layout.states) return 'STATE';
  if (i < layout.authorities) return 'GOVERNMENT_BODY';
  return rngFor(o.seed, STREAM.kind, i).weighted(KIND_WEIGHTS);
}

function isoDay(rng: Rng): string {
  return new Date(FIRST_DAY + rng.int(DAYS) * 86_400_000).toISOString().slice(0, 10);
}

function name(rng: Rng, kind: ActorKind, i: number): string {
  const parts = 2 + rng.int(2);
  let base = '';
  for (let k = 0; k < parts; k++) base += rng.pick(SYLLABLES);
  const cap = base.charAt(0).toUpperCase() + base.slice(1);
  const label = ACTOR_KINDS[kind];
  return kind === 'PERSON' ? `${cap} ${rng.pick(SYLLABLES)}${i}` : `${cap} ${label === 'Company' ? rng.pick(WORDS) : label} ${i}`;
}

function evidence(rng: Rng, claim: string): GenEvidence {
  const first = 1 + rng.int(SOURCE_SENTENCES - 1);
  return {
    sourceId: SOURCE_ID,
    sentences: rng.next() < 0.3 ? [first, first + 1] : [first],
    claim,
    confidence: Math.round((0.5 + rng.next() * 0.5) * 100) / 100,
    status: rng.next() < 0.8 ? 'ASSERTED' : 'ALLEGED',
  };
}

/** The single source. */
export function generateSource(): { id: string; title: string; sentences: string[] } {
  return {
    id: SOURCE_ID,
    title: 'Synthetic benchmark source',
    sentences: Array.from({ length: SOURCE_SENTENCES }, (_, k) => `Synthetic sentence ${k + 1}.`),
  };
}

/** Actor `i`. */
export function generateActor(o: GenOptions, layout: GraphLayout, i: number): GenActor {
  const rng = rngFor(o.seed, STREAM.actor, i);
  const kind = kindOf(o, layout, i);
  const n = name(rng, kind, i);
  return {
    id: actorId(i),
    kind,
    name: n,
    aliases: rng.next() < 0.3 ? [n.toUpperCase()] : [],
    country: kind === 'ELECTION' ? null : rng.pick(COUNTRIES),
    description: `Synthetic ${ACTOR_KINDS[kind]} number ${i}`,
    mentions: [1 + rng.int(SOURCE_SENTENCES)],
  };
}

/** Out-degree of main-component actor `i`: discrete Pareto (alpha 2.5, mean about 10), capped. */
export function outDegreeOf(o: GenOptions, layout: GraphLayout, i: number): number {
  const u = rngFor(o.seed, STREAM.degree, i).next();
  const d = Math.floor(3.4 * Math.pow(1 - u, -1 / 1.5));
  return Math.min(d, Math.floor(layout.main / 10), 5000);
}

function relationship(rng: Rng, id: string, type: RelationshipType, from: number, to: number): GenRelationship {
  const state = rng.next() < 0.5;
  const validFrom = state && rng.next() < 0.6 ? isoDay(rng) : null;
  const validTo = validFrom !== null && rng.next() < 0.25 ? isoDay(rng) : null;
  return {
    id,
    type,
    fromId: actorId(from),
    toId: actorId(to),
    role: ROLE_TYPES.has(type) ? rng.pick(['President', 'Director', 'Spokesperson', 'Member']) : null,
    topics: type === 'ACCUSED' || type === 'HAS_STRAINED_RELATIONS_WITH' ? [rng.pick(TOPICS)] : [],
    sanctionId: null,
    date: state ? null : isoDay(rng),
    // A validity interval whose end precedes its start would be nonsense: order the two.
    validFrom: validTo !== null && validFrom !== null && validTo < validFrom ? validTo : validFrom,
    validTo: validTo !== null && validFrom !== null && validTo < validFrom ? validFrom : validTo,
    evidence: evidence(rng, `${actorId(from)} ${type} ${actorId(to)}`),
  };
}

/** The generated (non-derived) relationships of actor `i`, in a fixed order. */
export function relationshipsOf(o: GenOptions, layout: GraphLayout, i: number): GenRelationship[] {
  const out: GenRelationship[] = [];
  if (i < layout.main) {
    const rng = rngFor(o.seed, STREAM.edges, i);
    const degree = outDegreeOf(o, layout, i);
    for (let k = 0; k < degree; k++) {
      // u^2 skews targets towards low indices: in-degree hubs among states and bodies.
      const to = Math.floor(layout.main * Math.pow(rng.next(), 2));
      if (to === i) continue;
      out.push(relationship(rng, `r${i}-${k}`, rng.weighted(TYPE_WEIGHTS), i, to));
    }
    return out;
  }
  const tailStart = layout.main;
  const islandStart = layout.main + layout.tails * TAIL_LENGTH;
  if (i < islandStart) {
    const pos = (i - tailStart) % TAIL_LENGTH;
    const rng = rngFor(o.seed, STREAM.tail, i);
    // The first actor of a tail hangs off a random main actor; the others follow in a chain.
    const to = pos === 0 ? layout.states + rng.int(layout.main - layout.states) : i - 1;
    out.push(relationship(rng, `r${i}-0`, 'PART_OF', i, to));
    return out;
  }
  const pos = (i - islandStart) % ISLAND_SIZE;
  const rng = rngFor(o.seed, STREAM.island, i);
  const next = pos === ISLAND_SIZE - 1 ? i - pos : i + 1;
  out.push(relationship(rng, `r${i}-0`, 'ACTED_JOINTLY_WITH', i, next));
  return out;
}

/** Sanction `k` (ids `s0`..). Authorities are states and bodies, skewed so a few impose most. */
export function generateSanction(o: GenOptions, layout: GraphLayout, k: number): GenSanction {
  const rng = rngFor(o.seed, STREAM.sanction, k);
  const authorityCount = rng.next() < 0.1 ? 2 : 1;
  const authorities = new Set<number>();
  while (authorities.size < authorityCount) authorities.add(Math.floor(layout.authorities * Math.pow(rng.next(), 2)));
  const targetCount = 1 + rng.int(3);
  const targets = new Set<number>();
  while (targets.size < targetCount) {
    const t = layout.authorities + rng.int(layout.main - layout.authorities);
    if (!authorities.has(t)) targets.add(t);
  }
  const candidate = layout.authorities + rng.int(layout.main - layout.authorities);
  return {
    id: `s${k}`,
    measure: rng.pick(SANCTION_MEASURES),
    program: `PROGRAM-${rng.int(20)}`,
    listId: rng.next() < 0.5 && kindOf(o, layout, candidate) === 'LIST' ? actorId(candidate) : null,
    date: isoDay(rng),
    reason: `Synthetic reason ${rng.int(100)}`,
    joint: authorityCount > 1,
    authorityIds: [...authorities].map(actorId),
    targetIds: [...targets].map(actorId),
    evidence: evidence(rng, `sanction s${k}`),
  };
}

/** The SANCTIONED edges derived from a sanction: one per authority and target (as the seed loader does). */
export function derivedEdges(s: GenSanction): GenRelationship[] {
  return s.authorityIds.flatMap((from) =>
    s.targetIds.map((to) => ({
      id: `${s.id}:${from}:${to}`,
      type: 'SANCTIONED' as const,
      fromId: from,
      toId: to,
      role: null,
      topics: [],
      sanctionId: s.id,
      date: s.date,
      validFrom: null,
      validTo: null,
      evidence: s.evidence,
    })),
  );
}

/** Counts of a generated graph, computed without generating the rows. */
export function countsOf(o: GenOptions): { actors: number; relationships: number; sanctions: number } {
  const layout = layoutOf(o.actors);
  let relationships = layout.tails * TAIL_LENGTH + layout.islands * ISLAND_SIZE;
  for (let i = 0; i < layout.main; i++) relationships += outDegreeOf(o, layout, i);
  return { actors: o.actors, relationships, sanctions: layout.sanctions };
}
