import { badUserInput } from '../../errors/app-error.js';
import { csvFormat, type CsvPart } from './csv.js';
import { EXPORT_FORMAT_NAMES, type ExportFormat, type ExportFormatName } from './export-sink.js';
import { FTM } from './ftm.js';
import { GEXF } from './gexf.js';
import { GRAPHML } from './graphml.js';

const isFormat = (name: string): name is ExportFormatName => (EXPORT_FORMAT_NAMES as readonly string[]).includes(name);

/**
 * The writer of a format by name; `part` picks one CSV file instead of the zip of both.
 *
 * @throws AppError BAD_USER_INPUT for an unknown format, or a part given to another format than csv.
 * @example
 * exportFormat('csv', 'edges').contentType; // 'text/csv; charset=utf-8; header=present'
 */
export function exportFormat(name: string, part?: string | null): ExportFormat {
  if (!isFormat(name)) throw badUserInput(`format must be one of ${EXPORT_FORMAT_NAMES.join(', ')}`, { argument: 'format' });
  if (part !== undefined && part !== null) {
    if (name !== 'csv') throw badUserInput('part is only for the csv format', { argument: 'part' });
    if (part !== 'nodes' && part !== 'edges') throw badUserInput('part must be nodes or edges', { argument: 'part' });
    return csvFormat(part satisfies CsvPart);
  }
  switch (name) {
    case 'graphml':
      return GRAPHML;
    case 'gexf':
      return GEXF;
    case 'csv':
      return csvFormat();
    case 'ftm':
      return FTM;
  }
}
