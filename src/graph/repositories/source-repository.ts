import { FIND_SOURCES_BY_IDS, LIST_SOURCES } from '../cypher/source-cypher.js';
import type { GraphClient, RoundTripCounter } from '../graph-client.js';
import { type Row, toSource } from '../mappers.js';
import type { SourceModel } from '../model.js';
import { byIds, int } from './shared.js';

/** Reads of sources. Each method is one round trip. */
export class SourceRepository {
  constructor(
    private readonly graph: GraphClient,
    private readonly counter: RoundTripCounter,
  ) {}

  /**
   * Sources by id, in the order of `ids` (undefined where none exists).
   *
   * @example
   * const [article] = await repo.sources.findByIds(['article-2021-12-10-sanctions']);
   */
  async findByIds(ids: readonly string[]): Promise<(SourceModel | undefined)[]> {
    const rows = await this.graph.read<{ source: Row }>(FIND_SOURCES_BY_IDS, { ids }, this.counter);
    return byIds(
      ids,
      rows.map((r) => toSource(r.source)),
      (s) => s.id,
    );
  }

  /** The first `limit` sources, by id. */
  async list(limit: number): Promise<SourceModel[]> {
    const rows = await this.graph.read<{ source: Row }>(LIST_SOURCES, { limit: int(limit) }, this.counter);
    return rows.map((r) => toSource(r.source));
  }
}
