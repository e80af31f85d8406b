/**
 * FollowTheMoney entities as JSON lines (the OpenSanctions export shape: `id`, `schema`, `properties`,
 * `datasets`, `first_seen`, `last_seen`, `referents`), one entity a line, read line by line with bounded
 * memory. What a property means comes from the FtM model package (its type: name, country, identifier,
 * ...); what is not mapped is counted by `Schema:property` in the `end` item, never silently dropped.
 */
import type { Schema } from '@alephdata/followthemoney';

import { countryCode, FTM_LINKS, FTM_UNSUPPORTED_LINKS, ftmActorKind, type FtmLink, ftmPropertyType, ftmSchema } from './ftm-model.js';
import { clean, distinct, ImportCounter, isoDate, measureOf, seriesFromFile, sourceItem } from './import-kit.js';
import {
  DEFAULT_MAX_RECORD_BYTES,
  type Identifier,
  type ImportedActor,
  type ImportedRelation,
  type ImportedSanction,
  type ImportItem,
  type ImportOptions,
} from './model.js';
import { readLines, recordHash } from './read-file.js';

/** One entity as the export writes it; only `id`, `schema` and `properties` are required. */
interface FtmEntity {
  readonly id: string;
  readonly schema: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

type Values = Readonly<Record<string, readonly string[]>>;

/** Properties of each kind of entity we read; any other property is counted as unmapped. */
const COUNTRY_PROPERTIES = ['country', 'jurisdiction', 'mainCountry', 'nationality', 'citizenship'];
const DESCRIPTION_PROPERTIES = ['description', 'summary', 'notes'];
const SANCTION_PROPERTIES = new Set([
  'entity',
  'authority',
  'program',
  'listingDate',
  'startDate',
  'endDate',
  'reason',
  'sourceUrl',
  'authorityId',
  'provisions',
]);

/** Reads an FtM JSON-lines file as import items. */
export async function* importFtm(options: ImportOptions): AsyncGenerator<ImportItem> {
  const counter = new ImportCounter();
  const seriesId = options.seriesId ?? seriesFromFile(options.file);
  yield sourceItem({
    kind: 'DATASET',
    seriesId,
    title: `FollowTheMoney entities (${seriesId})`,
    publisher: null,
    publishedOn: null,
    edition: null,
    fileHash: options.fileHash,
    format: 'ftm',
    declaredRecords: null,
  });
  const maxBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  for await (const line of readLines(options.file, maxBytes, options.onBytes)) {
    if (line.tooLong) {
      yield counter.reject(line.number, 'TOO_LARGE', `line of ${line.bytes} bytes, over the limit of ${maxBytes}`);
      continue;
    }
    if (line.text.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line.text);
    } catch (error) {
      yield counter.reject(line.number, 'MALFORMED_RECORD', `not JSON: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    yield readEntity(parsed, line.number, counter);
  }
  yield counter.end();
}

function isEntity(value: unknown): value is FtmEntity {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    v.id !== '' &&
    typeof v.schema === 'string' &&
    typeof v.properties === 'object' &&
    v.properties !== null &&
    !Array.isArray(v.properties)
  );
}

/** One entity as a record, or the reason it is none. */
function readEntity(parsed: unknown, position: number, counter: ImportCounter): ImportItem {
  if (!isEntity(parsed))
    return counter.reject(position, 'NOT_AN_ENTITY', 'a JSON value without a string id, a string schema and a properties object');
  const schema = ftmSchema(parsed.schema);
  if (schema === null) {
    counter.unmapped.add(`schema:${parsed.schema}`);
    return counter.reject(position, 'UNKNOWN_SCHEMA', `FtM has no schema ${parsed.schema}`, parsed.id);
  }
  const values = propertyValues(parsed.properties);
  const base = { id: parsed.id, position, hash: entityHash(parsed.id, schema.name, values) };
  const link = FTM_LINKS[schema.name];
  if (ftmActorKind(schema.name, []) !== null) {
    const actor = readActor(parsed.id, schema, values, counter);
    if (actor === null) return counter.reject(position, 'MISSING_FIELD', `${schema.name} without a name`, parsed.id);
    return counter.record({ ...base, actors: [actor], sanctions: [], relations: [] });
  }
  if (schema.name === 'Sanction') {
    const sanction = readSanction(parsed.id, schema, values, counter);
    if (sanction === null) return counter.reject(position, 'MISSING_FIELD', 'Sanction without an entity', parsed.id);
    return counter.record({ ...base, actors: [], sanctions: [sanction], relations: [] });
  }
  if (link !== undefined) {
    const relation = readLink(parsed.id, schema, link, values, counter);
    if (relation === null)
      return counter.reject(position, 'MISSING_FIELD', `${schema.name} without its ${link.from} or ${link.to}`, parsed.id);
    return counter.record({ ...base, actors: [], sanctions: [], relations: [relation] });
  }
  counter.unmapped.add(`schema:${schema.name}`);
  const why = FTM_UNSUPPORTED_LINKS.includes(schema.name)
    ? 'no relationship type of ours holds'
    : 'no actor kind or relationship type of ours holds';
  return counter.reject(position, 'UNSUPPORTED_TYPE', `schema ${schema.name}: ${why} it`, parsed.id);
}

/** Property values as string lists; an entity reference may be nested as an object with an id. */
function propertyValues(properties: Readonly<Record<string, unknown>>): Values {
  const out: Record<string, string[]> = {};
  for (const [name, raw] of Object.entries(properties)) {
    const list = Array.isArray(raw) ? raw : [raw];
    out[name] = list
      .map((v) =>
        typeof v === 'string'
          ? v
          : typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string'
            ? (v as { id: string }).id
            : null,
      )
      .filter((v): v is string => v !== null && v.trim() !== '');
  }
  return out;
}

/** What changes between two exports of an unchanged entity (first_seen, last_seen, datasets) stays out. */
function entityHash(id: string, schema: string, values: Values): string {
  const sorted = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, [...v].sort()]));
  return recordHash({ id, schema, properties: sorted });
}

/** Counts every property of `values` that `used` does not hold, marking those FtM does not know. */
function countUnmapped(
  schema: Schema,
  values: Values,
  used: (property: string, type: string | null) => boolean,
  counter: ImportCounter,
): void {
  for (const property of Object.keys(values)) {
    const type = ftmPropertyType(schema, property);
    if (type === null) counter.unmapped.add(`${schema.name}:${property} (not in FtM)`);
    else if (!used(property, type)) counter.unmapped.add(`${schema.name}:${property}`);
  }
}

function first(values: Values, names: readonly string[]): string | null {
  for (const name of names) {
    const value = values[name]?.[0];
    if (value !== undefined) return value;
  }
  return null;
}

function readActor(id: string, schema: Schema, values: Values, counter: ImportCounter): ImportedActor | null {
  const kind = ftmActorKind(schema.name, values.topics ?? []);
  const name = clean(first(values, ['name']));
  if (kind === null || name === null) return null;
  const names: (string | null)[] = [];
  const identifiers: Identifier[] = [];
  const countryProperties = Object.keys(values).filter((p) => ftmPropertyType(schema, p) === 'country');
  countryProperties.sort((a, b) => rank(COUNTRY_PROPERTIES, a) - rank(COUNTRY_PROPERTIES, b));
  for (const [property, list] of Object.entries(values)) {
    const type = ftmPropertyType(schema, property);
    if (type === 'name') names.push(...list.map(clean));
    if (type === 'identifier') for (const value of list) identifiers.push({ scheme: property, value, country: null });
  }
  countUnmapped(
    schema,
    values,
    (p, type) => ['name', 'identifier', 'country', 'topic'].includes(type ?? '') || DESCRIPTION_PROPERTIES.includes(p),
    counter,
  );
  return {
    recordId: id,
    kind,
    name,
    aliases: distinct(names, name),
    country: countryCode(first(values, countryProperties)),
    identifiers,
    description: clean(first(values, DESCRIPTION_PROPERTIES)),
    sourceType: schema.name,
  };
}

function rank(order: readonly string[], name: string): number {
  const at = order.indexOf(name);
  return at === -1 ? order.length : at;
}

function readSanction(id: string, schema: Schema, values: Values, counter: ImportCounter): ImportedSanction | null {
  const targets = values.entity ?? [];
  if (targets.length === 0) return null;
  countUnmapped(schema, values, (p) => SANCTION_PROPERTIES.has(p), counter);
  return {
    recordId: id,
    authority: clean(first(values, ['authority'])),
    targetRecordIds: targets,
    measure: measureOf(values.provisions ?? []),
    programs: distinct((values.program ?? []).map(clean)),
    listingDate: isoDate(first(values, ['listingDate'])),
    startDate: isoDate(first(values, ['startDate'])),
    endDate: isoDate(first(values, ['endDate'])),
    reason: clean(first(values, ['reason'])),
    sourceUrl: first(values, ['sourceUrl']),
    authorityId: first(values, ['authorityId']),
  };
}

function readLink(id: string, schema: Schema, link: FtmLink, values: Values, counter: ImportCounter): ImportedRelation | null {
  const from = values[link.from]?.[0];
  const to = values[link.to]?.[0];
  if (from === undefined || to === undefined) return null;
  const used = new Set([link.from, link.to, 'startDate', 'endDate', ...(link.role === null ? [] : [link.role])]);
  countUnmapped(schema, values, (p) => used.has(p), counter);
  const role = clean(link.role === null ? null : first(values, [link.role])) ?? link.defaultRole;
  return {
    recordId: id,
    type: link.type,
    fromRecordId: from,
    toRecordId: to,
    role,
    startDate: isoDate(first(values, ['startDate'])),
    endDate: isoDate(first(values, ['endDate'])),
    claim: `${schema.name} record ${id}: ${from} ${schema.edge?.label ?? 'linked to'} ${to}${role === null ? '' : ` (${role})`}.`,
    sourceType: schema.name,
  };
}
