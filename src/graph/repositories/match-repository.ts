import { LATEST_EDITION, MATCH_CANDIDATES, SERIES_RECORDS } from '../cypher/match-cypher.js';
import type { GraphClient, RoundTripCounter } from '../graph-client.js';
import type { ActorKind } from '../model.js';
import { int } from './shared.js';

/** An existing actor as a match candidate. */
export interface CandidateActor {
  readonly id: string;
  readonly kind: ActorKind;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly country: string | null;
}

/** The latest stored edition of a source series. */
export interface StoredEditionModel {
  readonly id: string;
  readonly edition: string | null;
  readonly publishedOn: string | null;
  readonly fileHash: string | null;
}

/** One stored record of a series: its id and the hash of its content when it was written. */
export interface StoredRecordModel {
  readonly recordId: string;
  readonly hash: string;
}

/** Reads of the importers: candidates and stored editions. Each method is one round trip. */
export class MatchRepository {
  constructor(
    private readonly graph: GraphClient,
    private readonly counter: RoundTripCounter,
  ) {}

  /**
   * The best `limit` candidates of each query (Lucene text for the `actor_search` index), by key.
   *
   * @example
   * const found = await repo.candidates([{ key: 'fx-sensetime', query: 'sensetime^2 OR sensetime~1' }], 10);
   * found.get('fx-sensetime')?.[0]?.id; // 'sensetime'
   */
  async candidates(queries: readonly { key: string; query: string }[], limit: number): Promise<Map<string, CandidateActor[]>> {
    if (queries.length === 0) return new Map();
    const rows = await this.graph.read<{ key: string; candidates: CandidateActor[] }>(
      MATCH_CANDIDATES,
      { queries, candidates: int(limit) },
      this.counter,
    );
    return new Map(rows.map((r) => [r.key, r.candidates.map((c) => ({ ...c, country: c.country ?? null }))]));
  }

  /**
   * The latest stored edition of a series, or null when none is stored.
   *
   * @example
   * const latest = await repo.latestEdition('ofac-sdn'); // { id: 'ofac-sdn@2021-12-10', edition: '2021-12-10', ... }
   */
  async latestEdition(seriesId: string): Promise<StoredEditionModel | null> {
    const [row] = await this.graph.read<{ id: string; edition: string | null; publishedOn: string | null; fileHash: string | null }>(
      LATEST_EDITION,
      { seriesId },
      this.counter,
    );
    return row === undefined
      ? null
      : { id: row.id, edition: row.edition ?? null, publishedOn: row.publishedOn ?? null, fileHash: row.fileHash ?? null };
  }

  /**
   * Every live record of a series, read in pages of `pageSize` (one round trip each).
   *
   * @example
   * for await (const r of repo.seriesRecords('ofac-sdn', 5000)) planner.remember(r);
   */
  async *seriesRecords(seriesId: string, pageSize: number): AsyncGenerator<StoredRecordModel> {
    let after = '';
    for (;;) {
      const rows = await this.graph.read<{ recordId: string; hash: string }>(
        SERIES_RECORDS,
        { seriesId, after, limit: int(pageSize) },
        this.counter,
      );
      yield* rows.map((r) => ({ recordId: r.recordId, hash: r.hash }));
      if (rows.length < pageSize) return;
      after = rows[rows.length - 1]!.recordId;
    }
  }
}
