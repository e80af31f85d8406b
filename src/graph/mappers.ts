import { isDate, isDateTime } from 'neo4j-driver';

import { invariant } from '../errors/app-error.js';
import type {
  ActorKind,
  ActorModel,
  ActorRef,
  ActorSummary,
  ClaimStatus,
  DatePrecision,
  DelistingModel,
  EndReason,
  FuzzyDate,
  RecordedPeriod,
  RelationshipLean,
  RelationshipModel,
  RelationshipType,
  SanctionMeasure,
  SanctionModel,
  SanctionPartyModel,
  SanctionRef,
  SourceModel,
} from './model.js';

/** A map projected by Cypher (`n {.*}`): plain values, with Neo4j temporal values for dates. */
export type Row = Record<string, unknown>;

/** Turns a Neo4j `Date` (or null) into an ISO date string (or null). */
export function toIsoDate(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  invariant(isDate(value), `expected a Neo4j Date, got ${typeof value}`);
  return (value as { toString(): string }).toString();
}

/** Turns a Neo4j `DateTime` (or null) into an ISO 8601 instant in UTC (or null). */
export function toIsoDateTime(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  invariant(isDateTime(value), `expected a Neo4j DateTime, got ${typeof value}`);
  return (value as unknown as { toStandardDate(): Date }).toStandardDate().toISOString();
}

/**
 * Reads the recorded period of a record (`version`, `recordedFrom`, `recordedTo`, `changeSeq`,
 * `endReason`); undefined when the projection has no `version` key at all (a reader that did not ask).
 */
export function toRecorded(row: Row): RecordedPeriod | undefined {
  if (!('version' in row)) return undefined;
  return {
    version: (row['version'] as number | null) ?? 1,
    from: toIsoDateTime(row['recordedFrom']),
    to: toIsoDateTime(row['recordedTo']),
    changeSeq: (row['changeSeq'] as number | null) ?? null,
    endReason: (row['endReason'] as EndReason | null) ?? null,
  };
}

/** Reads a fuzzy date stored as `<prefix>`, `<prefix>Precision` and `<prefix>Derivation`. */
export function toFuzzyDate(row: Row, prefix: string): FuzzyDate | null {
  const date = toIsoDate(row[prefix]);
  if (date === null) return null;
  return {
    date,
    precision: (row[`${prefix}Precision`] as DatePrecision | null) ?? 'DAY',
    derivation: (row[`${prefix}Derivation`] as string | null) ?? null,
  };
}

/** Maps a projected actor. */
export function toActor(row: Row): ActorModel {
  return {
    id: row['id'] as string,
    kind: row['kind'] as ActorKind,
    name: row['name'] as string,
    aliases: (row['aliases'] as string[] | null) ?? [],
    country: (row['country'] as string | null) ?? null,
    description: (row['description'] as string | null) ?? null,
    degree: (row['degree'] as number | null) ?? 0,
    recorded: toRecorded(row),
    mergedIds: 'version' in row ? ((row['mergedIds'] as string[] | null) ?? []) : undefined,
  };
}

/** Maps a projected relationship (with `type`, `fromId` and `toId`). */
export function toRelationship(row: Row): RelationshipModel {
  return {
    id: row['id'] as string,
    type: row['type'] as RelationshipType,
    fromId: row['fromId'] as string,
    toId: row['toId'] as string,
    role: (row['role'] as string | null) ?? null,
    topics: (row['topics'] as string[] | null) ?? [],
    sanctionId: (row['sanctionId'] as string | null) ?? null,
    date: toFuzzyDate(row, 'date'),
    validFrom: toFuzzyDate(row, 'validFrom'),
    validTo: toFuzzyDate(row, 'validTo'),
    noLaterThan: toFuzzyDate(row, 'noLaterThan'),
    evidence: {
      sourceId: row['sourceId'] as string,
      sentences: (row['sentences'] as number[] | null) ?? [],
      claim: row['claim'] as string,
      confidence: row['confidence'] as number,
      status: row['status'] as ClaimStatus,
      inferredFrom: (row['inferredFrom'] as string | null) ?? null,
      needsReview: (row['needsReview'] as string | null) ?? null,
      // Only a claim citing a LIST or DATASET stores the records it cites.
      ...(Array.isArray(row['records']) ? { records: row['records'] as string[] } : {}),
    },
    recorded: toRecorded({ version: null, ...row }),
  };
}

/** Maps the projected parties of a sanction (authorities first, then targets, each by actor id). */
function toParties(rows: Row[] | null | undefined, sanctionConfidence: number): SanctionPartyModel[] {
  return (rows ?? [])
    .map((p): SanctionPartyModel => ({
      actorId: p['actorId'] as string,
      role: p['role'] as SanctionPartyModel['role'],
      sentences: (p['sentences'] as number[] | null) ?? [],
      status: (p['status'] as SanctionPartyModel['status'] | null) ?? 'ASSERTED',
      // A writer that stores no confidence per party (the bench loader) leaves the sanction's own.
      confidence: (p['confidence'] as number | null) ?? sanctionConfidence,
      inferredFrom: (p['inferredFrom'] as string | null) ?? null,
    }))
    .sort((a, b) => a.role.localeCompare(b.role) || a.actorId.localeCompare(b.actorId));
}

/** Maps a projected sanction (with `authorityIds`, `targetIds` and `listId`). */
export function toSanction(row: Row): SanctionModel {
  const date = toFuzzyDate(row, 'date');
  invariant(date, `sanction ${String(row['id'])} has no date`);
  return {
    id: row['id'] as string,
    measure: row['measure'] as SanctionMeasure,
    program: (row['program'] as string | null) ?? null,
    listId: (row['listId'] as string | null) ?? null,
    date,
    reason: (row['reason'] as string | null) ?? null,
    reasonStatus: (row['reasonStatus'] as ClaimStatus | null) ?? null,
    note: (row['note'] as string | null) ?? null,
    joint: row['joint'] === true,
    timeBasis: row['timeBasis'] === 'BOUNDED' ? 'BOUNDED' : 'DATED',
    authorityIds: (row['authorityIds'] as string[] | null) ?? [],
    targetIds: (row['targetIds'] as string[] | null) ?? [],
    parties: toParties(row['parties'] as Row[] | null, row['confidence'] as number),
    evidence: {
      sourceId: row['sourceId'] as string,
      sentences: (row['sentences'] as number[] | null) ?? [],
      claim: row['claim'] as string,
      confidence: row['confidence'] as number,
      status: 'ASSERTED',
      inferredFrom: null,
      needsReview: (row['needsReview'] as string | null) ?? null,
      // Only a sanction imported from a list stores the records it cites.
      ...(Array.isArray(row['records']) ? { records: row['records'] as string[] } : {}),
    },
    delisting: toDelisting(row),
    recorded: toRecorded({ version: null, ...row }),
  };
}

/** Reads a sanction's delisting (`delistedOn` and the `delisting*` evidence); null while it applies. */
export function toDelisting(row: Row): DelistingModel | null {
  const date = toFuzzyDate(row, 'delistedOn');
  if (date === null) return null;
  return {
    date,
    evidence: {
      sourceId: row['delistingSourceId'] as string,
      sentences: (row['delistingSentences'] as number[] | null) ?? [],
      claim: row['delistingClaim'] as string,
      confidence: row['delistingConfidence'] as number,
      status: 'ASSERTED',
      inferredFrom: null,
      needsReview: null,
    },
  };
}

/** Maps an actor projected at `summary`. */
export function toActorSummary(row: Row): ActorSummary {
  return {
    id: row['id'] as string,
    kind: row['kind'] as ActorKind,
    name: row['name'] as string,
    country: (row['country'] as string | null) ?? null,
    lean: 'summary',
  };
}

/** Maps an actor projected at `ref`. */
export function toActorRef(row: Row): ActorRef {
  return { id: row['id'] as string, lean: 'ref' };
}

/** Maps a relationship projected at `ref` (id, type and ends). */
export function toRelationshipLean(row: Row): RelationshipLean {
  return {
    id: row['id'] as string,
    type: row['type'] as RelationshipType,
    fromId: row['fromId'] as string,
    toId: row['toId'] as string,
    lean: 'ref',
  };
}

/** Maps a sanction projected at `ref`: its id alone. */
export function toSanctionRef(row: Row): SanctionRef {
  return { id: row['id'] as string, lean: 'ref' };
}

/** Maps a projected source. */
export function toSource(row: Row): SourceModel {
  return {
    id: row['id'] as string,
    title: row['title'] as string,
    publisher: (row['publisher'] as string | null) ?? null,
    publishedOn: toFuzzyDate(row, 'publishedOn'),
    contentHash: row['contentHash'] as string,
    sentences: (row['sentences'] as string[] | null) ?? [],
    // Only an imported source stores a kind: an article's model stays as the seed builds it (re-seeds compare them).
    ...(typeof row['kind'] === 'string'
      ? {
          kind: row['kind'] as NonNullable<SourceModel['kind']>,
          seriesId: (row['seriesId'] as string | null) ?? null,
          edition: (row['edition'] as string | null) ?? null,
          ...(Array.isArray(row['recordIds']) ? { recordIds: row['recordIds'] as string[] } : {}),
        }
      : {}),
    recorded: toRecorded(row),
  };
}
