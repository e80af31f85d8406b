import { readFile } from 'node:fs/promises';

import { cypher } from './cypher/cypher-query.js';
import { MERGE_DISPUTES } from './cypher/dispute-cypher.js';
import { COUNT_GRAPH, MERGE_ACTORS, MERGE_RELATIONSHIPS, MERGE_SANCTIONS, MERGE_SOURCES } from './cypher/seed-cypher.js';
import type { GraphClient, RoundTripCounter } from './graph-client.js';
import {
  ACTOR_KINDS,
  type ActorKind,
  type ActorModel,
  type FuzzyDate,
  RELATIONSHIP_TYPES,
  type RelationshipModel,
  type SanctionModel,
  type SanctionPartyModel,
  type SourceModel,
} from './model.js';
import { periodEnd, relationshipValues } from './relationship-properties.js';
import { disputeRow } from './repositories/dispute-repository.js';
import type { SeedDispute } from './research-model.js';

/** A seed write plans a few dozen statements, which takes seconds on a cold database. */
const SEED_TIMEOUT_MS = 120_000;

/** A source ready to write. */
export type SeedSource = SourceModel;
/** An actor ready to write, with the sentences of its source that name it. */
export interface SeedActor extends Omit<ActorModel, 'degree'> {
  readonly label: (typeof ACTOR_KINDS)[ActorKind];
  readonly sourceId: string;
  readonly mentions: readonly number[];
}
/**
 * A source naming an actor that another source of the seed defines (actors are global by id; the defining
 * source's sentences are the actor's own `mentions`).
 */
export interface SeedMention {
  readonly actorId: string;
  readonly sourceId: string;
  readonly sentences: readonly number[];
}
/** A relationship ready to write. */
export type SeedRelationship = RelationshipModel;
/** An authority or target of a sanction ready to write, with the evidence for its part. */
export type SeedParty = Omit<SanctionPartyModel, 'role'>;
/** A sanction ready to write, with the evidence supporting each authority and target. */
export interface SeedSanction extends Omit<SanctionModel, 'authorityIds' | 'targetIds' | 'parties'> {
  readonly authorities: readonly SeedParty[];
  readonly targets: readonly SeedParty[];
}
/** A validated seed: everything `writeSeed` needs, references resolved. */
export interface SeedData {
  readonly sources: readonly SeedSource[];
  readonly actors: readonly SeedActor[];
  readonly relationships: readonly SeedRelationship[];
  readonly sanctions: readonly SeedSanction[];
  /** Disputes between relationships of the seed (the disputes.yaml of source folders); none when absent. */
  readonly disputes?: readonly SeedDispute[];
  /** Actors named by sources other than the one defining them (writeSeedChanges links them); none when absent. */
  readonly mentions?: readonly SeedMention[];
}

/** Node and relationship counts of the whole graph. */
export interface GraphCounts {
  readonly nodes: number;
  readonly relationships: number;
  readonly actors: number;
}

/**
 * Applies constraints and indexes from a `.cypher` file of `;`-terminated schema statements.
 *
 * @example
 * await applySchema(graph, 'seed/schema.cypher');
 */
export async function applySchema(graph: GraphClient, file: string, counter?: RoundTripCounter): Promise<number> {
  const statements = (await readFile(file, 'utf8'))
    .split(';')
    .map((s) => s.replace(/^\s*\/\/.*$/gm, '').trim())
    .filter((s) => s.length > 0);
  for (const [i, statement] of statements.entries()) {
    await graph.schema(cypher(`schema${i + 1}`, statement), counter);
  }
  // Full-text and range indexes build in the background; queries right after start-up need them online.
  await graph.schema(cypher('awaitIndexes', 'CALL db.awaitIndexes(60)'), counter);
  return statements.length;
}

/**
 * Writes a validated seed in one transaction: all of it or, on any failure, none of it. MERGE on stable
 * ids and full property replacement make a second run change nothing.
 *
 * @example
 * await writeSeed(graph, await loadSeed('seed'));
 */
export async function writeSeed(graph: GraphClient, data: SeedData, counter?: RoundTripCounter): Promise<void> {
  await graph.writeTransaction(
    async (run) => {
      await run(MERGE_SOURCES, { rows: data.sources.map(sourceRow) });
      for (const kind of Object.keys(ACTOR_KINDS) as ActorKind[]) {
        const rows = data.actors.filter((a) => a.kind === kind).map(actorRow);
        if (rows.length > 0) await run(MERGE_ACTORS[kind], { rows });
      }
      for (const type of RELATIONSHIP_TYPES) {
        const rows = data.relationships.filter((r) => r.type === type).map(relationshipRow);
        if (rows.length > 0) await run(MERGE_RELATIONSHIPS[type], { rows });
      }
      await run(MERGE_SANCTIONS, { rows: data.sanctions.map(sanctionRow) });
      if (data.disputes && data.disputes.length > 0) await run(MERGE_DISPUTES, { rows: data.disputes.map(disputeRow) });
    },
    counter,
    // MERGE on stable ids with full property replacement: a second run after a leader switch changes nothing.
    { timeoutMs: SEED_TIMEOUT_MS, idempotent: true },
  );
}

/** Counts nodes, relationships and actors. */
export async function countGraph(graph: GraphClient, counter?: RoundTripCounter): Promise<GraphCounts> {
  const [row] = await graph.read<{ nodes: number; relationships: number; actors: number }>(COUNT_GRAPH, {}, counter);
  return row ?? { nodes: 0, relationships: 0, actors: 0 };
}

function sourceRow(s: SeedSource): Record<string, unknown> {
  return {
    id: s.id,
    publishedOn: s.publishedOn?.date ?? null,
    props: {
      id: s.id,
      title: s.title,
      publisher: s.publisher,
      publishedOnPrecision: s.publishedOn?.precision ?? null,
      publishedOnDerivation: s.publishedOn?.derivation ?? null,
      contentHash: s.contentHash,
      sentences: s.sentences,
    },
  };
}

/**
 * The properties stored on an actor node, for every writer of actors (this loader and bench/load.ts).
 *
 * @example
 * const props = actorProperties({ id: 'us-treasury', kind: 'GOVERNMENT_BODY', name: 'United States Department of the Treasury', aliases: ['Treasury'], country: 'US', description: null });
 */
export function actorProperties(
  a: Pick<ActorModel, 'id' | 'kind' | 'name' | 'aliases' | 'country' | 'description'>,
): Record<string, unknown> {
  return {
    id: a.id,
    kind: a.kind,
    name: a.name,
    aliases: a.aliases,
    // The full-text index reads one string; aliases are joined so each still matches on its own.
    aliasText: a.aliases.join(' | '),
    country: a.country,
    description: a.description,
  };
}

function actorRow(a: SeedActor): Record<string, unknown> {
  return { id: a.id, sourceId: a.sourceId, mentions: a.mentions, props: actorProperties(a) };
}

function dateProps(prefix: string, d: FuzzyDate | null): Record<string, unknown> {
  return { [`${prefix}Precision`]: d?.precision ?? null, [`${prefix}Derivation`]: d?.derivation ?? null };
}

function relationshipRow(r: SeedRelationship): Record<string, unknown> {
  return { id: r.id, fromId: r.fromId, toId: r.toId, p: relationshipValues(r) };
}

function sanctionRow(s: SeedSanction): Record<string, unknown> {
  return {
    id: s.id,
    listId: s.listId,
    date: s.date.date,
    knownFrom: periodEnd(s.date),
    delistedOn: s.delisting?.date.date ?? null,
    authorities: s.authorities,
    targets: s.targets,
    props: {
      id: s.id,
      measure: s.measure,
      program: s.program,
      ...dateProps('date', s.date),
      reason: s.reason,
      reasonStatus: s.reasonStatus,
      note: s.note,
      joint: s.joint,
      timeBasis: s.timeBasis,
      needsReview: s.evidence.needsReview,
      sourceId: s.evidence.sourceId,
      sentences: s.evidence.sentences,
      claim: s.evidence.claim,
      confidence: s.evidence.confidence,
      // A delisting ends the sanction (docs/model.md, "Delistings"); null properties are not stored.
      ...dateProps('delistedOn', s.delisting?.date ?? null),
      delistingSourceId: s.delisting?.evidence.sourceId ?? null,
      delistingSentences: s.delisting?.evidence.sentences ?? null,
      delistingClaim: s.delisting?.evidence.claim ?? null,
      delistingConfidence: s.delisting?.evidence.confidence ?? null,
    },
  };
}
