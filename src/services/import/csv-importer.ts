/**
 * CSV files read through a YAML mapping (csv-mapping.ts) with a streaming CSV parser (csv-parse). Lines
 * come through readLines first, so a line past the record limit is dropped as it streams by (csv-parse
 * loses every later row after its own size error); a row csv-parse cannot split is skipped with its
 * reason. Each row is one record: the actors of the mapping's entities, its relations and sanctions.
 */
import { Readable } from 'node:stream';

import { parse } from 'csv-parse';

import { type CsvMapping, mappedColumns, type MappingField } from './csv-mapping.js';
import { countryCode } from './ftm-model.js';
import { clean, distinct, ImportCounter, isoDate, seriesFromFile, sourceItem } from './import-kit.js';
import {
  DEFAULT_MAX_RECORD_BYTES,
  type ImportedActor,
  type ImportedRelation,
  type ImportedSanction,
  type ImportItem,
  type ImportOptions,
} from './model.js';
import { readLines, recordHash } from './read-file.js';

type Row = Readonly<Record<string, string>>;

/** Reads a CSV file through `mapping` as import items. */
export async function* importCsv(options: ImportOptions & { readonly mapping: CsvMapping }): AsyncGenerator<ImportItem> {
  const { mapping } = options;
  const counter = new ImportCounter();
  const seriesId = options.seriesId ?? seriesFromFile(options.file);
  yield sourceItem({
    kind: mapping.source.kind,
    seriesId,
    title: mapping.source.title,
    publisher: mapping.source.publisher,
    publishedOn: mapping.source.publishedOn,
    edition: mapping.source.edition,
    fileHash: options.fileHash,
    format: 'csv',
    declaredRecords: null,
  });
  const maxBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const pending: ImportItem[] = [];
  // Over-long lines become empty lines (skipped by the parser), so the parser's line numbers stay the file's.
  const lines = Readable.from(
    (async function* () {
      for await (const line of readLines(options.file, maxBytes, options.onBytes)) {
        if (line.tooLong) {
          pending.push(counter.reject(line.number, 'TOO_LARGE', `line of ${line.bytes} bytes, over the limit of ${maxBytes}`));
          yield '\n';
        } else {
          yield `${line.text}\n`;
        }
      }
    })(),
  );
  const parser = lines.pipe(
    parse({ columns: true, bom: true, skip_empty_lines: true, relax_quotes: true, skip_records_with_error: true, info: true }),
  );
  parser.on('skip', (error: Error & { code?: string; lines?: number }) => {
    pending.push(counter.reject(error.lines ?? 0, 'MALFORMED_RECORD', `${error.code ?? 'CSV'}: ${error.message}`));
  });
  const used = mappedColumns(mapping);
  for await (const item of parser as AsyncIterable<{ record: Row; info: { lines: number } }>) {
    yield* pending.splice(0);
    yield readRow(item.record, item.info.lines, mapping, used, counter);
  }
  yield* pending.splice(0);
  yield counter.end();
}

/** A field's values in a row (a literal, a column, or a column split), cleaned, without empties. */
function valuesOf(row: Row, f: MappingField | undefined): string[] {
  if (f === undefined) return [];
  if (f.literal !== null) return [f.literal];
  const text = row[f.column ?? ''] ?? '';
  const parts = f.split === null ? [text] : text.split(f.split);
  return parts.map(clean).filter((v): v is string => v !== null);
}
const one = (row: Row, f: MappingField | undefined): string | null => valuesOf(row, f)[0] ?? null;

function readRow(row: Row, line: number, mapping: CsvMapping, used: ReadonlySet<string>, counter: ImportCounter): ImportItem {
  for (const column of Object.keys(row)) if (!used.has(column)) counter.unmapped.add(`column:${column}`);
  const id = mapping.key === undefined ? `line:${line}` : mapping.key.map((k) => row[k] ?? '').join('|');
  if (mapping.key !== undefined && mapping.key.every((k) => (row[k] ?? '').trim() === '')) {
    return counter.reject(line, 'MISSING_FIELD', `row without its key (${mapping.key.join(', ')})`);
  }
  const actors = new Map<string, ImportedActor>();
  for (const [entityName, e] of Object.entries(mapping.entities)) {
    const name = one(row, e.name);
    const keys = e.keys.map((k) => (row[k] ?? '').trim());
    if (name === null || keys.every((k) => k === '')) continue;
    actors.set(entityName, {
      recordId: `${entityName}:${keys.join('|')}`,
      kind: e.kind,
      name,
      aliases: distinct(valuesOf(row, e.aliases), name),
      country: countryCode(one(row, e.country)),
      identifiers: Object.entries(e.identifiers).flatMap(([scheme, f]) =>
        valuesOf(row, f).map((value) => ({ scheme, value, country: null })),
      ),
      description: one(row, e.description),
      sourceType: entityName,
    });
  }
  if (actors.size === 0) return counter.reject(line, 'MISSING_FIELD', 'row names no entity of the mapping', id);
  const relations: ImportedRelation[] = mapping.relations.flatMap((r) => {
    const from = actors.get(r.from);
    const to = actors.get(r.to);
    if (from === undefined || to === undefined) return [];
    const role = one(row, r.role);
    return [
      {
        recordId: id,
        type: r.type,
        fromRecordId: from.recordId,
        toRecordId: to.recordId,
        role,
        startDate: isoDate(one(row, r.startDate)),
        endDate: isoDate(one(row, r.endDate)),
        claim: `Row ${id}: ${from.name} ${r.type} ${to.name}${role === null ? '' : ` (${role})`}.`,
        sourceType: `${r.from}->${r.to}`,
      },
    ];
  });
  const sanctions: ImportedSanction[] = mapping.sanctions.flatMap((s) => {
    const target = actors.get(s.target);
    const authority = one(row, s.authority);
    // A row that names no authority lists nobody: the mapping's sanction is for the rows that do.
    if (target === undefined || authority === null) return [];
    return [
      {
        recordId: id,
        authority,
        targetRecordIds: [target.recordId],
        measure: s.measure,
        programs: valuesOf(row, s.program),
        listingDate: isoDate(one(row, s.listingDate)),
        startDate: isoDate(one(row, s.startDate)),
        endDate: isoDate(one(row, s.endDate)),
        reason: one(row, s.reason),
        sourceUrl: one(row, s.sourceUrl),
        authorityId: one(row, s.authorityId),
      },
    ];
  });
  return counter.record({ id, hash: recordHash(row), position: line, actors: [...actors.values()], sanctions, relations });
}
