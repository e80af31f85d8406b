import { invariant } from '../../errors/app-error.js';
import type { SanctionAggregateModel } from '../connection-model.js';
import { SANCTIONED_BY, WHO_SANCTIONED } from '../cypher/finding-cypher.js';
import { detailParams } from '../cypher/fragments.js';
import {
  AGGREGATE_SANCTIONS,
  COUNT_SANCTIONS,
  FIND_SANCTIONS_BY_IDS,
  LIST_SANCTIONS,
  SANCTIONS_IMPOSED_BY_ACTORS,
  SANCTIONS_OF_SOURCES,
  SANCTIONS_RECEIVED_BY_ACTORS,
} from '../cypher/sanction-cypher.js';
import type { GraphClient, RoundTripCounter } from '../graph-client.js';
import { type Row, toSanction } from '../mappers.js';
import type {
  ActorRecord,
  EdgeFilter,
  FindingDistinct,
  SanctionFindingModel,
  SanctionMeasure,
  SanctionModel,
  SanctionRecord,
  TraversalDetail,
} from '../model.js';
import { byIds, inOrder, int, mappersFor } from './shared.js';

/** Filters of a sanction list. */
export interface SanctionListFilter {
  readonly authority: string | null;
  readonly target: string | null;
  readonly measure: SanctionMeasure | null;
  readonly program: string | null;
  readonly targetCountry: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly joint: boolean | null;
}

/** A keyset position in a sanction list (newest first, then by id): the last sanction seen. */
export interface SanctionListPosition {
  readonly date: string;
  readonly id: string;
}

/** Sanctions reaching an actor, from the target side (`whoSanctioned`) or the authority side (`sanctionedBy`). */
export interface SanctionFindingQuery {
  readonly side: 'whoSanctioned' | 'sanctionedBy';
  readonly actorId: string;
  /** Follow acting-for chains. */
  readonly indirect: boolean;
  readonly asOf: string | null;
  readonly detail: TraversalDetail;
  readonly limit: number;
  /** How many findings of the order to pass over (pages are positions). */
  readonly skip: number;
  /** Every finding, or one per authority and sanction. */
  readonly distinct: FindingDistinct;
  /** Whether INFERRED claims, and (with `asOf`) undated chain relationships, are followed too. */
  readonly edges: EdgeFilter;
}

/** Findings with the actors and sanctions worth keeping for later fields. */
export interface SanctionFindings {
  readonly findings: SanctionFindingModel[];
  readonly actors: ActorRecord[];
  readonly sanctions: SanctionRecord[];
}

/** Reads of sanctions: lookups, per actor and source, lists and findings. Each method is one round trip. */
export class SanctionRepository {
  constructor(
    private readonly graph: GraphClient,
    private readonly counter: RoundTripCounter,
  ) {}

  /** Sanctions by id, in the order of `ids`. */
  async findByIds(ids: readonly string[]): Promise<(SanctionModel | undefined)[]> {
    const rows = await this.graph.read<{ sanction: Row }>(FIND_SANCTIONS_BY_IDS, { ids }, this.counter);
    return byIds(
      ids,
      rows.map((r) => toSanction(r.sanction)),
      (s) => s.id,
    );
  }

  /** The first `limit` sanctions each actor imposed (`imposed`) or received, in the order of `ids`. */
  async ofActors(
    ids: readonly string[],
    query: { side: 'imposed' | 'received'; asOf: string | null; limit: number },
  ): Promise<SanctionModel[][]> {
    const statement = query.side === 'imposed' ? SANCTIONS_IMPOSED_BY_ACTORS : SANCTIONS_RECEIVED_BY_ACTORS;
    const rows = await this.graph.read<{ id: string; sanctions: Row[] }>(
      statement,
      { ids, asOf: query.asOf, limit: int(query.limit) },
      this.counter,
    );
    return inOrder(ids, rows, (r) => r.sanctions.map(toSanction), []);
  }

  /** The first `limit` sanctions each source supports, in the order of `ids`. */
  async ofSources(ids: readonly string[], limit: number): Promise<SanctionModel[][]> {
    const rows = await this.graph.read<{ id: string; sanctions: Row[] }>(SANCTIONS_OF_SOURCES, { ids, limit: int(limit) }, this.counter);
    return inOrder(ids, rows, (r) => r.sanctions.map(toSanction), []);
  }

  /**
   * A keyset page of sanctions matching a filter, newest first, then by id.
   *
   * @example
   * const page = await repo.sanctions.list({ filter: { ...NO_FILTER, joint: true }, after: null, limit: 21 });
   */
  async list(query: { filter: SanctionListFilter; after: SanctionListPosition | null; limit: number }): Promise<SanctionModel[]> {
    const rows = await this.graph.read<{ sanction: Row }>(
      LIST_SANCTIONS,
      { ...query.filter, afterDate: query.after?.date ?? null, afterId: query.after?.id ?? null, limit: int(query.limit) },
      this.counter,
    );
    return rows.map((r) => toSanction(r.sanction));
  }

  /** How many sanctions match a filter, counted in the database. */
  async count(filter: SanctionListFilter): Promise<number> {
    const [row] = await this.graph.read<{ total: number }>(COUNT_SANCTIONS, { ...filter }, this.counter);
    return row?.total ?? 0;
  }

  /**
   * Counts of the sanctions matching a filter by measure, authority, target country and month.
   *
   * @example
   * const { byMonth } = await repo.sanctions.aggregate({ ...NO_FILTER, targetCountry: 'CN' });
   */
  async aggregate(filter: SanctionListFilter): Promise<SanctionAggregateModel> {
    const [row] = await this.graph.read<SanctionAggregateModel>(AGGREGATE_SANCTIONS, { ...filter }, this.counter);
    return row ?? { count: 0, byMeasure: [], byAuthority: [], byTargetCountry: [], byMonth: [] };
  }

  /** How many findings a finding query has in all pages, counted in the database. */
  async countFindings(query: Omit<SanctionFindingQuery, 'detail' | 'limit' | 'skip'>): Promise<number> {
    const statements = query.side === 'whoSanctioned' ? WHO_SANCTIONED : SANCTIONED_BY;
    const [row] = await this.graph.read<{ total: number }>(
      statements[query.indirect ? 'indirect' : 'direct'][query.distinct].count,
      { id: query.actorId, asOf: query.asOf, ...query.edges },
      this.counter,
    );
    return row?.total ?? 0;
  }

  /**
   * Sanctions reaching an actor, directly or through acting-for chains, newest first.
   *
   * @example
   * const { findings } = await repo.sanctions.findings({ side: 'whoSanctioned', actorId: 'myanmar-military', indirect: true, asOf: null, detail: FULL_DETAIL, limit: 100 });
   */
  async findings(query: SanctionFindingQuery): Promise<SanctionFindings> {
    const { side, actorId, indirect, asOf, detail, limit, skip, distinct, edges } = query;
    const map = mappersFor(detail);
    const statements = side === 'whoSanctioned' ? WHO_SANCTIONED : SANCTIONED_BY;
    const rows = await this.graph.read<{
      sanction: Row | null;
      actors: Row[];
      sanctionId: string;
      authorityId: string;
      imposedById: string;
      targetId: string;
      targetedId: string;
      indirect: boolean;
      status: SanctionFindingModel['status'];
      inferredFrom: string | null;
      authorityChain: Row[];
      targetChain: Row[];
    }>(
      statements[indirect ? 'indirect' : 'direct'][distinct].page,
      { id: actorId, asOf, skip: int(skip), limit: int(limit), ...edges, ...detailParams(detail) },
      this.counter,
    );
    const findings = rows.map((r): SanctionFindingModel => {
      // At `ref` the statement leaves the projections out: the id columns are the whole of them.
      const ids = [r.authorityId, r.imposedById, r.targetId, r.targetedId];
      const [authority, imposedBy, target, targeted] = (detail.actors === 'ref' ? ids.map((id) => ({ id })) : r.actors).map(map.actor);
      invariant(authority && imposedBy && target && targeted, 'a finding without its four actors');
      return {
        sanctionId: r.sanctionId,
        authorityId: r.authorityId,
        imposedById: r.imposedById,
        targetId: r.targetId,
        targetedId: r.targetedId,
        sanction: map.sanction(r.sanction ?? { id: r.sanctionId }),
        authority,
        imposedBy,
        target,
        targeted,
        indirect: r.indirect,
        status: r.status,
        inferredFrom: r.inferredFrom,
        authorityChain: r.authorityChain.map(map.relationship),
        targetChain: r.targetChain.map(map.relationship),
      };
    });
    // Records holding more than their id are worth keeping for later fields; bare references are not.
    return {
      findings,
      actors: detail.actors === 'ref' ? [] : findings.flatMap((f) => [f.authority, f.imposedBy, f.target, f.targeted]),
      sanctions: detail.sanctions === 'ref' ? [] : findings.map((f) => f.sanction),
    };
  }
}
