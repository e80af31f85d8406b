import { CHANGE_HEAD, CHANGES_AFTER, CHANGES_RECORDED_BETWEEN, COUNT_CHANGES_RECORDED_BETWEEN } from '../cypher/change-log-cypher.js';
import type { GraphClient, RoundTripCounter } from '../graph-client.js';
import { toIsoDateTime } from './api-key-repository.js';
import { int } from './shared.js';

/** One record of the audit trail (CONTRACT-15), as the API shows it. */
export interface ChangeModel {
  /** Strictly increasing, no gaps among committed changes; seq order is commit order. */
  readonly seq: number;
  /** When it was recorded (ISO 8601, UTC). */
  readonly at: string;
  /** Who made it. */
  readonly principal: { readonly name: string; readonly role: string | null; readonly via: string };
  /** The mutation (or seed or import step) that made it. */
  readonly mutation: string;
  /** Every record id it touched. */
  readonly ids: readonly string[];
  /** The records as they were (JSON), null for an addition. */
  readonly before: string | null;
  /** The records as they are (JSON), null for a deletion. */
  readonly after: string | null;
  readonly reason: string | null;
  readonly idempotencyKey: string | null;
}

/** What {@link ChangeLogRepository.after} filters by. */
export interface ChangeFilter {
  /** Only changes whose `ids` hold this id. */
  readonly target?: string | null;
  /** Only changes made by this principal (its name). */
  readonly author?: string | null;
}

/** A mutation and how many changes it made in a period. */
export interface MutationCount {
  readonly mutation: string;
  readonly count: number;
}

function toChange(row: Record<string, unknown>): ChangeModel {
  const text = (key: string): string | null => (typeof row[key] === 'string' ? row[key] : null);
  return {
    seq: row['seq'] as number,
    at: toIsoDateTime(row['at']) as string,
    principal: { name: row['principal'] as string, role: text('role'), via: row['via'] as string },
    mutation: row['mutation'] as string,
    ids: (row['ids'] as string[] | null) ?? [],
    before: text('before'),
    after: text('after'),
    reason: text('reason'),
    idempotencyKey: text('idempotencyKey'),
  };
}

/** Reads of the audit trail. Each method is one round trip. */
export class ChangeLogRepository {
  constructor(
    private readonly graph: GraphClient,
    private readonly counter?: RoundTripCounter,
  ) {}

  /**
   * The first `limit` changes with seq above `after`, in seq order.
   *
   * @example
   * const page = await repo.changes.after(0, 50, { target: 'sensetime' });
   */
  async after(after: number, limit: number, filter: ChangeFilter = {}): Promise<ChangeModel[]> {
    const rows = await this.graph.read<{ change: Record<string, unknown> }>(
      CHANGES_AFTER,
      { after: int(after), limit: int(limit), author: filter.author ?? null, target: filter.target ?? null },
      this.counter,
    );
    return rows.map((r) => toChange(r.change));
  }

  /** The first `limit` changes recorded at or after `from` and before `to` (ISO 8601), seq above `after`. */
  async recordedBetween(from: string, to: string, after: number, limit: number): Promise<ChangeModel[]> {
    const rows = await this.graph.read<{ change: Record<string, unknown> }>(
      CHANGES_RECORDED_BETWEEN,
      { from, to, after: int(after), limit: int(limit) },
      this.counter,
    );
    return rows.map((r) => toChange(r.change));
  }

  /** How many changes each mutation recorded at or after `from` and before `to`, by mutation name. */
  async countsBetween(from: string, to: string): Promise<MutationCount[]> {
    return this.graph.read<{ mutation: string; count: number }>(COUNT_CHANGES_RECORDED_BETWEEN, { from, to }, this.counter);
  }

  /** The seq of the last committed change, 0 before any. */
  async head(): Promise<number> {
    const [row] = await this.graph.read<{ head: number }>(CHANGE_HEAD, {}, this.counter);
    return row?.head ?? 0;
  }
}
