/**
 * What the importers share: counting records and rejections into the `end` item, the source item, dates.
 */
import path from 'node:path';

import type { SanctionMeasure } from '../../graph/model.js';
import type { ImportFormat, ImportItem, ImportSource, ImportStats, Rejection, RejectionReason, SourceKind } from './model.js';
import { Tally } from './read-file.js';

/** Counts what an importer yields, for its `end` item. */
export class ImportCounter {
  private records = 0;
  private rejected = 0;
  /** What was read and not mapped: schemata, properties, elements, columns. */
  readonly unmapped = new Tally();

  /** A record item, counted. */
  record(record: Extract<ImportItem, { type: 'record' }>['record']): ImportItem {
    this.records += 1;
    return { type: 'record', record };
  }

  /** A rejection item, counted. */
  reject(position: number, reason: RejectionReason, detail: string, recordId: string | null = null, fatal = false): ImportItem {
    this.records += 1;
    this.rejected += 1;
    const rejection: Rejection = { recordId, position, reason, detail, fatal };
    return { type: 'rejection', rejection };
  }

  /** The `end` item. */
  end(): ImportItem {
    const stats: ImportStats = {
      records: this.records,
      accepted: this.records - this.rejected,
      rejected: this.rejected,
      unmapped: this.unmapped.toRecord(),
    };
    return { type: 'end', stats };
  }
}

/** A series id from a file name: `sdn.xml` -> `sdn`; lower-case slug. */
export function seriesFromFile(file: string): string {
  const base = path.basename(file).replace(/\.[^.]*$/, '');
  return (
    base
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'import'
  );
}

/** Builds the source item; its id is `<series>@<edition>` for an edition, the series id otherwise. */
export function sourceItem(fields: {
  kind: SourceKind;
  seriesId: string;
  title: string;
  publisher: string | null;
  publishedOn: string | null;
  edition: string | null;
  fileHash: string;
  format: ImportFormat;
  declaredRecords: number | null;
}): ImportItem {
  const source: ImportSource = { ...fields, id: fields.edition === null ? fields.seriesId : `${fields.seriesId}@${fields.edition}` };
  return { type: 'source', source };
}

/**
 * An ISO date (YYYY-MM-DD, YYYY-MM or YYYY) from FtM's date strings (which may carry a time) or OFAC's
 * MM/DD/YYYY; null when it is neither.
 *
 * @example
 * isoDate('12/10/2021'); // '2021-12-10'
 */
export function isoDate(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = value.trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (us !== null) return `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
  const iso = /^(\d{4})(-\d{2})?(-\d{2})?/.exec(text);
  return iso !== null ? iso[0] : null;
}

/** Text with whitespace runs folded and ends trimmed; null when nothing is left. */
export function clean(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

/** Values without repeats (first spelling kept), without empties, without `except`. */
export function distinct(values: readonly (string | null)[], except: string | null = null): string[] {
  const seen = new Set<string>(except === null ? [] : [except.toLowerCase()]);
  const out: string[] = [];
  for (const v of values) {
    if (v === null) continue;
    const key = v.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  return out;
}

/**
 * The measure a sanction's wording names (FtM `provisions`, a CSV column): the first that any text
 * names, UNSPECIFIED when none does.
 *
 * @example
 * measureOf(['Asset freeze']); // 'ASSET_FREEZE'
 */
export function measureOf(texts: readonly string[]): SanctionMeasure {
  for (const text of texts) {
    if (/freez|block/i.test(text)) return 'ASSET_FREEZE';
    if (/travel|entry ban|visa/i.test(text)) return 'TRAVEL_BAN';
    if (/invest/i.test(text)) return 'INVESTMENT_BAN';
    if (/trade|export|import|embargo/i.test(text)) return 'TRADE_RESTRICTION';
  }
  return 'UNSPECIFIED';
}
