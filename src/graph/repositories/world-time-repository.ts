import { ALIGNMENT, type AlignmentAnchor, FOLLOWERS } from '../cypher/alignment-cypher.js';
import { CHANGES_BETWEEN, COUNT_CHANGES_BETWEEN, TIMELINE } from '../cypher/timeline-cypher.js';
import type { GraphClient, RoundTripCounter } from '../graph-client.js';
import { type Row, toFuzzyDate, toIsoDate, toRelationship, toSanction } from '../mappers.js';
import type { DatePrecision, FuzzyDate, TimeBasis } from '../model.js';
import type {
  AlignmentRow,
  FollowedListingRow,
  TimelineRole,
  WorldEventCountModel,
  WorldEventKind,
  WorldEventModel,
} from '../research-model.js';
import { int } from './shared.js';

/** Which targets an alignment covers, and the window of listing dates; null means "not filtered". */
export interface AlignmentQuery {
  readonly target: string | null;
  readonly program: string | null;
  readonly sanction: string | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly limit: number;
}

/** One event of an actor's timeline as the statement returns it. */
export interface TimelineRow {
  readonly event: WorldEventModel;
  readonly role: TimelineRole;
  readonly otherId: string | null;
}

/** The anchor of an alignment query: the most selective id it names. */
function anchorOf(q: AlignmentQuery): AlignmentAnchor {
  return q.target !== null ? 'target' : q.sanction !== null ? 'sanction' : q.program !== null ? 'program' : 'all';
}

/** A date the statement returned as {date, precision, derivation}. */
function fuzzy(value: Row): FuzzyDate {
  const date = toIsoDate(value['date']);
  if (date === null) throw new Error('a listing without a date');
  return {
    date,
    precision: (value['precision'] as DatePrecision | null) ?? 'DAY',
    derivation: (value['derivation'] as string | null) ?? null,
  };
}

const basis = (value: Row): Exclude<TimeBasis, 'UNDATED'> => (value['timeBasis'] === 'BOUNDED' ? 'BOUNDED' : 'DATED');

/** Maps an event row (kind, dateField, date, precision, derivation, relationship, sanction). */
function toEvent(row: Row): WorldEventModel {
  const on = toFuzzyDate({ on: row['date'], onPrecision: row['precision'], onDerivation: row['derivation'] }, 'on');
  if (on === null) throw new Error('an event without a date');
  const relationship = row['relationship'] ? toRelationship(row['relationship'] as Row) : null;
  const sanction = row['sanction'] ? toSanction(row['sanction'] as Row) : null;
  const kind = row['kind'] as WorldEventKind;
  const evidence =
    relationship?.evidence ?? (kind === 'SANCTION_ENDED' && sanction?.delisting ? sanction.delisting.evidence : sanction?.evidence);
  if (!evidence) throw new Error(`an event of ${kind} without a record`);
  return { kind, on, dateField: row['dateField'] as string, relationship, sanction, evidence };
}

/** Reads of world time: alignment of listings, followers, changes between two dates, timelines. One round trip each. */
export class WorldTimeRepository {
  constructor(
    private readonly graph: GraphClient,
    private readonly counter: RoundTripCounter,
  ) {}

  /**
   * Targets with each authority's first listing, earliest first.
   *
   * @example
   * const [row] = await repo.worldTime.alignment({ target: 'designated-myanmar-2021-12-10', program: null, sanction: null, from: null, to: null, limit: 20 });
   */
  async alignment(q: AlignmentQuery): Promise<AlignmentRow[]> {
    const anchor = anchorOf(q);
    // Each anchor's statement reads the filters below its anchor only (a less selective one is null).
    const params: Record<string, unknown> = { from: q.from, to: q.to, limit: int(q.limit) };
    if (anchor !== 'all') params['program'] = q.program;
    if (anchor === 'target' || anchor === 'sanction') params['sanction'] = q.sanction;
    if (anchor === 'target') params['target'] = q.target;
    const rows = await this.graph.read<{ targetId: string; listings: Row[] }>(ALIGNMENT[anchor], params, this.counter);
    return rows.map((r) => ({
      targetId: r.targetId,
      listings: r.listings.map((l) => ({
        authorityId: l['authorityId'] as string,
        status: l['status'] === 'INFERRED' ? 'INFERRED' : 'ASSERTED',
        sanction: toSanction(l['sanction'] as Row),
      })),
    }));
  }

  /** For each authority that listed the asked-about authority's targets on or before it, the pairs of first listings. */
  async followed(authority: string, limit: number): Promise<{ leaderId: string; pairs: FollowedListingRow[] }[]> {
    const rows = await this.graph.read<{ leaderId: string; pairs: Row[] }>(FOLLOWERS, { authority, limit: int(limit) }, this.counter);
    return rows.map((r) => ({
      leaderId: r.leaderId,
      pairs: r.pairs.map((p) => ({
        leaderId: r.leaderId,
        targetId: p['targetId'] as string,
        sameSanction: p['sameSanction'] === true,
        joint: p['joint'] === true,
        leader: fuzzy(p['leader'] as Row),
        leaderBasis: basis(p['leader'] as Row),
        follower: fuzzy(p['follower'] as Row),
        followerBasis: basis(p['follower'] as Row),
      })),
    }));
  }

  /** A page of the events between two days, `skip` events in. */
  async changesBetween(q: { from: string; to: string; skip: number; limit: number }): Promise<WorldEventModel[]> {
    const rows = await this.graph.read<Row>(
      CHANGES_BETWEEN,
      { from: q.from, to: q.to, skip: int(q.skip), limit: int(q.limit) },
      this.counter,
    );
    return rows.map(toEvent);
  }

  /** How many events lie between two days, by kind and relationship type. */
  async countChangesBetween(q: { from: string; to: string }): Promise<WorldEventCountModel[]> {
    const [row] = await this.graph.read<{ groups: WorldEventCountModel[] }>(COUNT_CHANGES_BETWEEN, q, this.counter);
    return row?.groups ?? [];
  }

  /** The first `limit` events around an actor; empty when the actor does not exist. */
  async timeline(q: { actorId: string; from: string | null; to: string | null; limit: number }): Promise<TimelineRow[]> {
    const rows = await this.graph.read<Row>(TIMELINE, { actorId: q.actorId, from: q.from, to: q.to, limit: int(q.limit) }, this.counter);
    return rows.map((r) => ({ event: toEvent(r), role: r['role'] as TimelineRole, otherId: (r['otherId'] as string | null) ?? null }));
  }
}
