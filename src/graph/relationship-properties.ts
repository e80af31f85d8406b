/**
 * The stored properties of an actor-to-actor relationship, written by the seed loader and by the bench
 * bulk loader from one list: {@link relationshipValues} builds the values, {@link relationshipPropertyMap}
 * the Cypher map that stores them, in the same order, so the two loaders cannot drift apart.
 *
 * Values travel as a positional list rather than a map: the driver's packstream encoder writes every map
 * key of every row again, and for property-rich rows that doubled the client's CPU per row in the bulk
 * loader (bench/ANALYSIS.md). Dates travel as ISO strings and become Neo4j dates inside the map, which is
 * also cheaper to encode than driver Date objects.
 */
import type { EvidenceModel, FuzzyDate, RelationshipModel } from './model.js';

/**
 * Property keys in value order; `true` marks an ISO date string stored as a Neo4j Date. Exported for the
 * offline bulk import (bench/bulk-import.ts), which writes them as CSV columns.
 */
export const RELATIONSHIP_PROPERTIES: readonly (readonly [key: string, isDate: boolean])[] = [
  ['id', false],
  ['role', false],
  ['topics', false],
  ['sanctionId', false],
  ['date', true],
  ['datePrecision', false],
  ['dateDerivation', false],
  ['validFrom', true],
  ['validFromPrecision', false],
  ['validFromDerivation', false],
  ['validTo', true],
  ['validToPrecision', false],
  ['validToDerivation', false],
  ['noLaterThan', true],
  ['noLaterThanPrecision', false],
  ['noLaterThanDerivation', false],
  ['knownFrom', true],
  ['sourceId', false],
  ['sentences', false],
  ['claim', false],
  ['confidence', false],
  ['status', false],
  ['inferredFrom', false],
  ['needsReview', false],
];

/** Number of values {@link relationshipValues} returns. */
export const RELATIONSHIP_VALUE_COUNT = RELATIONSHIP_PROPERTIES.length;

function dateValues(d: FuzzyDate | null): [string | null, string | null, string | null] {
  return [d?.date ?? null, d?.precision ?? null, d?.derivation ?? null];
}

/**
 * The last day of the period a fuzzy date stands for: the day itself, or the last day of its month or
 * year. Something dated "November 2021" is only known to have happened by 30 November.
 *
 * @example
 * periodEnd({ date: '2021-11-01', precision: 'MONTH', derivation: null }); // '2021-11-30'
 */
export function periodEnd(d: FuzzyDate): string {
  if (d.precision === 'DAY') return d.date;
  const [year, month] = d.date.split('-').map(Number) as [number, number];
  // Day 0 of the next month (or year) is the last day of this one.
  const end = d.precision === 'MONTH' ? new Date(Date.UTC(year, month, 0)) : new Date(Date.UTC(year + 1, 0, 0));
  return end.toISOString().slice(0, 10);
}

/**
 * The first day a relationship is known to hold, stored as `knownFrom` for the as-of rule (`validAsOf`):
 * the end of the period of its `validFrom`, else of its `date`, else its bound `noLaterThan`; null when
 * it has none (UNDATED).
 *
 * @example
 * knownFrom({ date: { date: '2021-11-01', precision: 'MONTH', derivation: null }, validFrom: null, noLaterThan: null }); // '2021-11-30'
 */
export function knownFrom(r: Pick<StoredRelationship, 'date' | 'validFrom' | 'noLaterThan'>): string | null {
  const start = r.validFrom ?? r.date;
  if (start) return periodEnd(start);
  return r.noLaterThan?.date ?? null;
}

/**
 * What a writer stores of a relationship: the model without its ends and type; the bound and the
 * evidence's inference and review notes may be left out (generated data has none).
 */
export type StoredRelationship = Omit<RelationshipModel, 'type' | 'fromId' | 'toId' | 'noLaterThan' | 'evidence'> & {
  readonly noLaterThan?: FuzzyDate | null;
  readonly evidence: Omit<EvidenceModel, 'inferredFrom' | 'needsReview'> & Partial<Pick<EvidenceModel, 'inferredFrom' | 'needsReview'>>;
};

/**
 * The stored property values of a relationship, in the order of {@link relationshipPropertyMap}; nulls
 * stand for properties the relationship does not have.
 *
 * @example
 * const row = { fromId: r.fromId, toId: r.toId, p: relationshipValues(r) };
 */
export function relationshipValues(r: StoredRelationship): unknown[] {
  return [
    r.id,
    r.role,
    r.topics,
    r.sanctionId,
    ...dateValues(r.date),
    ...dateValues(r.validFrom),
    ...dateValues(r.validTo),
    ...dateValues(r.noLaterThan ?? null),
    knownFrom(r),
    r.evidence.sourceId,
    r.evidence.sentences,
    r.evidence.claim,
    r.evidence.confidence,
    r.evidence.status,
    r.evidence.inferredFrom ?? null,
    r.evidence.needsReview ?? null,
  ];
}

/**
 * Cypher text of a literal map of all stored properties, reading the values of {@link relationshipValues}
 * from the list expression `list` starting at index `offset`. Used as `CREATE (a)-[r:T <map>]->(b)` or
 * `SET r = <map>`; a null entry stores no property. The text is static (keys are constants of this module).
 *
 * @example
 * relationshipPropertyMap('row.p', 0); // '{id: row.p[0], role: row.p[1], ..., date: date(row.p[4]), ...}'
 */
export function relationshipPropertyMap(list: string, offset: number): string {
  if (!/^[a-z][A-Za-z.]*$/.test(list)) throw new Error(`not a plain list expression: ${list}`);
  const entries = RELATIONSHIP_PROPERTIES.map(([key, isDate], i) => {
    const value = `${list}[${offset + i}]`;
    return `${key}: ${isDate ? `date(${value})` : value}`;
  });
  return `{${entries.join(', ')}}`;
}
