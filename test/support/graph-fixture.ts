import { cypher } from '../../src/graph/cypher/cypher-query.js';
import type { GraphClient } from '../../src/graph/graph-client.js';
import {
  ACTOR_KINDS,
  type ActorKind,
  type ClaimStatus,
  type DatePrecision,
  type FuzzyDate,
  type RelationshipType,
} from '../../src/graph/model.js';
import { type SeedData, type SeedParty, type SeedRelationship, type SeedSanction, writeSeed } from '../../src/graph/seed-repository.js';

const DELETE_FIXTURE = cypher(
  'deleteFixture',
  `
MATCH (n) WHERE n.id STARTS WITH $prefix
DETACH DELETE n`,
);

/**
 * Builds test data through the repository layer, under a unique id prefix so tests never collide with
 * the seed or each other.
 *
 * @example
 * const f = graphFixture('rt').state('a').state('b').relate('a', 'DENOUNCED', 'b');
 * await f.write(graph); ...; await f.remove(graph);
 */
export function graphFixture(name: string): GraphFixture {
  return new GraphFixture(`fixture-${name}-${Date.now().toString(36)}-`);
}

/** A fluent builder of actors, relationships and sanctions sharing one synthetic source. */
export class GraphFixture {
  private readonly actors: SeedData['actors'][number][] = [];
  private readonly relationships: SeedRelationship[] = [];
  private readonly sanctions: SeedSanction[] = [];
  private readonly sourceId: string;

  constructor(readonly prefix: string) {
    this.sourceId = `${prefix}source`;
  }

  /** The full id of a fixture-local name. */
  id(local: string): string {
    return `${this.prefix}${local}`;
  }

  /** Adds an actor of a kind. */
  actor(local: string, kind: ActorKind = 'STATE', name = `Fixture ${local}`): this {
    this.actors.push({
      id: this.id(local),
      kind,
      label: ACTOR_KINDS[kind],
      name,
      aliases: [],
      country: null,
      description: null,
      sourceId: this.sourceId,
      mentions: [1],
    });
    return this;
  }

  /**
   * Adds a relationship between two fixture actors: undated and ASSERTED unless `options` say otherwise
   * (dates as ISO days).
   */
  relate(
    from: string,
    type: RelationshipType,
    to: string,
    options: { status?: ClaimStatus; date?: string; validFrom?: string; validTo?: string; noLaterThan?: string } = {},
  ): this {
    const day = (iso: string | undefined): FuzzyDate | null =>
      iso === undefined ? null : { date: iso, precision: 'DAY', derivation: null };
    const status = options.status ?? 'ASSERTED';
    this.relationships.push({
      id: this.id(`rel-${this.relationships.length}`),
      type,
      fromId: this.id(from),
      toId: this.id(to),
      role: null,
      topics: [],
      sanctionId: null,
      date: day(options.date),
      validFrom: day(options.validFrom),
      validTo: day(options.validTo),
      noLaterThan: day(options.noLaterThan),
      evidence: {
        sourceId: this.sourceId,
        sentences: [1],
        claim: `${from} ${type} ${to}`,
        confidence: 0.5,
        status,
        inferredFrom: status === 'INFERRED' ? 'a fixture' : null,
        needsReview: null,
      },
    });
    return this;
  }

  /** Adds a sanction by one fixture actor on another, with its derived SANCTIONED edge. */
  sanction(authority: string, target: string): this {
    const id = this.id(`sanction-${this.sanctions.length}`);
    const date = { date: '2021-12-10', precision: 'DAY' as const, derivation: null };
    const evidence = {
      sourceId: this.sourceId,
      sentences: [1],
      claim: `${authority} sanctioned ${target}`,
      confidence: 0.5,
      status: 'ASSERTED' as const,
      inferredFrom: null,
      needsReview: null,
    };
    this.sanctions.push({
      id,
      measure: 'ASSET_FREEZE',
      program: null,
      listId: null,
      date,
      reason: null,
      reasonStatus: null,
      note: null,
      joint: false,
      timeBasis: 'DATED',
      authorities: [{ actorId: this.id(authority), sentences: [1], status: 'ASSERTED', confidence: 0.5, inferredFrom: null }],
      targets: [{ actorId: this.id(target), sentences: [1], status: 'ASSERTED', confidence: 0.5, inferredFrom: null }],
      evidence,
    });
    this.relationships.push({
      id: `${id}:${this.id(authority)}:${this.id(target)}`,
      type: 'SANCTIONED',
      fromId: this.id(authority),
      toId: this.id(target),
      role: null,
      topics: [],
      sanctionId: id,
      date,
      validFrom: null,
      validTo: null,
      noLaterThan: null,
      evidence,
    });
    return this;
  }

  /**
   * Adds one record of a list edition: a sanction `local` by `authorities` on `targets` dated `date` (at
   * `precision`; `bounded` makes it a BOUNDED sanction, `date` its latest day), ended by `delistedOn` when
   * given (a later edition without the record), with its derived SANCTIONED edges, which end (`validTo`)
   * on the delisting day, as docs/model.md ("Delistings") says every writer does.
   */
  listing(
    local: string,
    authorities: readonly string[],
    targets: readonly string[],
    options: {
      date: string;
      precision?: DatePrecision;
      bounded?: boolean;
      joint?: boolean;
      program?: string | null;
      delistedOn?: string;
    },
  ): this {
    const id = this.id(local);
    const date: FuzzyDate = { date: options.date, precision: options.precision ?? 'DAY', derivation: null };
    const evidence = {
      sourceId: this.sourceId,
      sentences: [1],
      claim: `${authorities.join(', ')} listed ${targets.join(', ')}`,
      confidence: 1,
      status: 'ASSERTED' as const,
      inferredFrom: null,
      needsReview: null,
    };
    const party = (local: string): SeedParty => ({
      actorId: this.id(local),
      sentences: [1],
      status: 'ASSERTED',
      confidence: 1,
      inferredFrom: null,
    });
    const delisting =
      options.delistedOn === undefined
        ? null
        : {
            date: { date: options.delistedOn, precision: 'DAY' as const, derivation: 'the date of the first edition without the record' },
            evidence: { ...evidence, claim: `${local} is gone from the edition of ${options.delistedOn}` },
          };
    this.sanctions.push({
      id,
      measure: 'ASSET_FREEZE',
      program: options.program ?? null,
      listId: null,
      date,
      reason: null,
      reasonStatus: null,
      note: null,
      joint: options.joint ?? false,
      timeBasis: options.bounded ? 'BOUNDED' : 'DATED',
      authorities: authorities.map(party),
      targets: targets.map(party),
      evidence,
      delisting,
    });
    for (const a of authorities) {
      for (const t of targets) {
        this.relationships.push({
          id: `${id}:${this.id(a)}:${this.id(t)}`,
          type: 'SANCTIONED',
          fromId: this.id(a),
          toId: this.id(t),
          role: null,
          topics: [],
          sanctionId: id,
          date: options.bounded ? null : date,
          validFrom: null,
          validTo: delisting?.date ?? null,
          noLaterThan: options.bounded ? date : null,
          evidence,
        });
      }
    }
    return this;
  }

  /** The data as the seed writer takes it. */
  data(): SeedData {
    return {
      sources: [
        {
          id: this.sourceId,
          title: 'Fixture source',
          publisher: null,
          publishedOn: null,
          contentHash: 'sha256:fixture',
          sentences: ['A fixture.'],
        },
      ],
      actors: this.actors,
      relationships: this.relationships,
      sanctions: this.sanctions,
    };
  }

  /** Writes the fixture (one transaction). */
  async write(graph: GraphClient): Promise<this> {
    await writeSeed(graph, this.data());
    return this;
  }

  /** Deletes everything under the fixture's prefix. */
  async remove(graph: GraphClient): Promise<void> {
    await graph.write(DELETE_FIXTURE, { prefix: this.prefix });
  }
}
