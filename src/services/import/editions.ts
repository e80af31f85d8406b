/**
 * Planning a new edition of a source series against what is stored of the last one, as a pure step:
 * each record of the new file is NEW, CHANGED (a correction) or UNCHANGED (no change at all); each stored
 * record the new file lacks is GONE, ended on the new edition's publication date (for a list entry, a
 * delisting: recorded, never deleted). The write path carries the plan out; this module writes nothing.
 *
 * Stored state (written by the curation service, read by match-cypher.ts): one `Source` node per edition
 * (`id: <seriesId>@<edition>`, `seriesId`, `edition`, `publishedOn`, `contentHash`) and one
 * `SourceRecord` node per record id of a series (`seriesId`, `recordId`, `hash`, `firstEdition`,
 * `lastEdition`, `endedIn`); a Sanction written from a record carries `seriesId` and `recordId` too.
 */
import type { ImportRecord, ImportSource, Rejection } from './model.js';

/** What the plan does with one record. */
export type EditionAction = 'NEW' | 'CHANGED' | 'UNCHANGED';

/** A stored record the new edition no longer holds. */
export interface GoneRecord {
  readonly recordId: string;
  /** The new edition's publication date: the day its sanctions end (null when the edition is undated). */
  readonly endedOn: string | null;
}

/** Why a plan writes nothing at all, or withholds its GONE records. */
export type PlanRefusal =
  { readonly code: 'MALFORMED_FILE'; readonly detail: string } | { readonly code: 'OLDER_EDITION'; readonly detail: string };

/** The stored edition a plan compares with (null edition for a series never imported). */
export interface PreviousEdition {
  readonly edition: string | null;
  readonly publishedOn: string | null;
  readonly fileHash: string | null;
}

/**
 * Plans one edition: `remember` every stored record, `classify` every record of the new file (in any
 * order), `rejected` every rejection, then `gone()`. Memory: one (id, hash) pair per stored record.
 */
export class EditionPlanner {
  private readonly stored = new Map<string, string>();
  private readonly seen = new Set<string>();
  private unidentifiedRejections = 0;
  private refusal: PlanRefusal | null = null;

  constructor(
    private readonly source: ImportSource,
    previous: PreviousEdition | null,
  ) {
    if (previous?.publishedOn != null && source.publishedOn !== null && source.publishedOn < previous.publishedOn) {
      this.refusal = {
        code: 'OLDER_EDITION',
        detail: `edition of ${source.publishedOn} is older than the stored edition of ${previous.publishedOn}`,
      };
    }
  }

  /** Adds one stored record of the previous edition. */
  remember(recordId: string, hash: string): void {
    this.stored.set(recordId, hash);
  }

  /** Whether a record of this id is stored (live) in the series. */
  isStored(recordId: string): boolean {
    return this.stored.has(recordId);
  }

  /** What the plan does with a record of the new file; a second record under one id is null (a duplicate). */
  classify(record: Pick<ImportRecord, 'id' | 'hash'>): EditionAction | null {
    if (this.seen.has(record.id)) return null;
    this.seen.add(record.id);
    const before = this.stored.get(record.id);
    if (before === undefined) return 'NEW';
    return before === record.hash ? 'UNCHANGED' : 'CHANGED';
  }

  /**
   * Notes a rejected record. One with an id keeps its stored record (unread is not gone); one without an
   * id could be any stored record, so GONE records are then withheld; a fatal one refuses the plan.
   */
  rejected(rejection: Rejection): void {
    if (rejection.fatal) this.refusal ??= { code: 'MALFORMED_FILE', detail: rejection.detail };
    else if (rejection.recordId !== null) this.seen.add(rejection.recordId);
    else this.unidentifiedRejections += 1;
  }

  /** Why the plan may write nothing, or null when it may. */
  get refused(): PlanRefusal | null {
    return this.refusal;
  }

  /** Why GONE records are withheld (records rejected without an id), or null. */
  get goneWithheld(): string | null {
    if (this.unidentifiedRejections === 0 || this.stored.size === 0) return null;
    return `${this.unidentifiedRejections} rejected record(s) without an id could be any stored record: no delisting is planned`;
  }

  /** The stored records the new file lacks, by record id; none when the plan is refused or withheld. */
  gone(): GoneRecord[] {
    if (this.refusal !== null || this.goneWithheld !== null) return [];
    return [...this.stored.keys()]
      .filter((id) => !this.seen.has(id))
      .sort()
      .map((recordId) => ({ recordId, endedOn: this.source.publishedOn }));
  }
}
