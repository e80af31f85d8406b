/**
 * Opens a file for import in a given format: hashes it (a pass of its own), reads the CSV mapping, and
 * returns the importer's stream. What `npm run import` and the tests call.
 */
import { stat } from 'node:fs/promises';

import { importCsv } from './csv-importer.js';
import { readMapping } from './csv-mapping.js';
import { importFtm } from './ftm-importer.js';
import type { ImportFormat, ImportItem } from './model.js';
import { fileHash } from './read-file.js';
import { importSdn } from './sdn-importer.js';

/** What to import. */
export interface ImportRequest {
  readonly file: string;
  readonly format: ImportFormat;
  /** The YAML mapping (csv only, required there). */
  readonly mapping?: string;
  /** The series id; each format has a default. */
  readonly seriesId?: string;
  readonly maxRecordBytes?: number;
  readonly onBytes?: (bytes: number) => void;
}

/** An opened import: the file's size and hash, and its items. */
export interface OpenedImport {
  readonly bytes: number;
  readonly fileHash: string;
  readonly items: AsyncIterable<ImportItem>;
}

/** Why a request cannot be opened (a missing mapping, a mapping that does not check). */
export class ImportRequestError extends Error {
  override readonly name = 'ImportRequestError';
}

/**
 * Opens an import.
 *
 * @example
 * const { items } = await openImport({ file: 'sdn.xml', format: 'ofac-sdn' });
 */
export async function openImport(request: ImportRequest): Promise<OpenedImport> {
  const { bytes, hash } = { bytes: (await stat(request.file)).size, hash: await fileHash(request.file) };
  const options = {
    file: request.file,
    fileHash: hash,
    ...(request.seriesId === undefined ? {} : { seriesId: request.seriesId }),
    ...(request.maxRecordBytes === undefined ? {} : { maxRecordBytes: request.maxRecordBytes }),
    ...(request.onBytes === undefined ? {} : { onBytes: request.onBytes }),
  };
  switch (request.format) {
    case 'ftm':
      return { bytes, fileHash: hash, items: importFtm(options) };
    case 'ofac-sdn':
      return { bytes, fileHash: hash, items: importSdn(options) };
    case 'csv': {
      if (request.mapping === undefined) throw new ImportRequestError('--format csv needs --mapping FILE (a YAML mapping of its columns)');
      return { bytes, fileHash: hash, items: importCsv({ ...options, mapping: await readMapping(request.mapping) }) };
    }
  }
}
