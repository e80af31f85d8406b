import { CONTESTED, DISPUTES_OF_RELATIONSHIPS } from '../cypher/dispute-cypher.js';
import type { GraphClient, RoundTripCounter } from '../graph-client.js';
import { type Row, toRelationship } from '../mappers.js';
import type { RelationshipType } from '../model.js';
import type { DisputeKind, DisputeModel, SeedDispute } from '../research-model.js';
import { inOrder, int } from './shared.js';

/** Maps a projected dispute (its properties, with both claims projected whole). */
function toDispute(row: Row): DisputeModel {
  return {
    id: row['id'] as string,
    kind: row['kind'] as DisputeKind,
    disputed: toRelationship(row['disputed'] as Row),
    disputing: toRelationship(row['disputing'] as Row),
    evidence: {
      sourceId: row['sourceId'] as string,
      sentences: (row['sentences'] as number[] | null) ?? [],
      claim: row['claim'] as string,
      confidence: row['confidence'] as number,
      status: (row['status'] as DisputeModel['evidence']['status'] | null) ?? 'ASSERTED',
      inferredFrom: (row['inferredFrom'] as string | null) ?? null,
      needsReview: null,
    },
  };
}

/**
 * The row MERGE_DISPUTES writes for a dispute: its properties and one DISPUTES edge per end of each claim
 * (two claims sharing an end get one edge per role).
 *
 * @example
 * await run(MERGE_DISPUTES, { rows: disputes.map(disputeRow) });
 */
export function disputeRow(d: SeedDispute): Record<string, unknown> {
  const ends = (role: 'DISPUTED' | 'DISPUTING', ref: SeedDispute['disputed']): Record<string, unknown>[] =>
    [...new Set([ref.fromId, ref.toId])].map((actorId) => ({ id: `${d.id}:${role}:${actorId}`, actorId, role, claimId: ref.id }));
  return {
    id: d.id,
    props: {
      id: d.id,
      kind: d.kind,
      disputedId: d.disputed.id,
      disputedFromId: d.disputed.fromId,
      disputedToId: d.disputed.toId,
      disputingId: d.disputing.id,
      disputingFromId: d.disputing.fromId,
      disputingToId: d.disputing.toId,
      sourceId: d.evidence.sourceId,
      sentences: d.evidence.sentences,
      claim: d.evidence.claim,
      confidence: d.evidence.confidence,
      status: d.evidence.status,
      inferredFrom: d.evidence.inferredFrom,
    },
    ends: [...ends('DISPUTED', d.disputed), ...ends('DISPUTING', d.disputing)],
  };
}

/** Reads of disputes between claims. Each method is one round trip. */
export class DisputeRepository {
  constructor(
    private readonly graph: GraphClient,
    private readonly counter: RoundTripCounter,
  ) {}

  /** The first `limit` disputes of each relationship of a batch (by id) on one side, in the order of `ids`. */
  async ofRelationships(ids: readonly string[], side: 'disputed' | 'disputing', limit: number): Promise<DisputeModel[][]> {
    const rows = await this.graph.read<{ id: string; disputes: Row[] }>(
      DISPUTES_OF_RELATIONSHIPS[side],
      { ids, limit: int(limit) },
      this.counter,
    );
    return inOrder(ids, rows, (r) => r.disputes.map(toDispute), []);
  }

  /**
   * The first `limit` disputes over claims of an actor (or anywhere), where either claim has `type`.
   *
   * @example
   * const disputes = await repo.disputes.contested({ actor: 'myanmar-military', type: null, limit: 20 });
   */
  async contested(q: { actor: string | null; type: RelationshipType | null; limit: number }): Promise<DisputeModel[]> {
    const rows = await this.graph.read<{ dispute: Row }>(
      CONTESTED[q.actor === null ? 'all' : 'actor'],
      q.actor === null ? { type: q.type, limit: int(q.limit) } : { actor: q.actor, type: q.type, limit: int(q.limit) },
      this.counter,
    );
    return rows.map((r) => toDispute(r.dispute));
  }
}
