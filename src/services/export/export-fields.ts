import type { ActorModel, FuzzyDate } from '../../graph/model.js';
import { timeBasisOf } from '../../graph/model.js';
import type { ExportEdge } from './export-graph.js';

/** A column's type, in the words of GraphML (`attr.type`); GEXF and CSV map them to theirs. */
export type ColumnType = 'string' | 'int' | 'double' | 'boolean';

/** One attribute of every node or edge of GraphML, GEXF and CSV exports, read from the record. */
export interface Column<T> {
  readonly name: string;
  readonly type: ColumnType;
  /** What the column says; null leaves it out (an empty CSV cell, no `<data>` or `<attvalue>`). */
  readonly value: (record: T) => string | number | boolean | null;
  /** One line for the docs' field tables. */
  readonly about: string;
}

/** Lists travel as JSON arrays in one string: unambiguous whatever the strings hold, and `json.loads` reads them. */
const list = (values: readonly (string | number)[]): string | null => (values.length > 0 ? JSON.stringify(values) : null);

/** The date columns of a fuzzy date: its ISO day, and its precision. */
function dateColumns(
  name: keyof Pick<ExportEdge['relationship'], 'date' | 'validFrom' | 'validTo' | 'noLaterThan'>,
  about: string,
): Column<ExportEdge>[] {
  const of = (e: ExportEdge): FuzzyDate | null => e.relationship[name];
  return [
    {
      name,
      type: 'string',
      value: (e) => of(e)?.date ?? null,
      about: `${about} (ISO day; the first day of the month or year when less precise)`,
    },
    {
      name: `${name}Precision`,
      type: 'string',
      value: (e) => of(e)?.precision ?? null,
      about: `precision of \`${name}\`: DAY, MONTH or YEAR`,
    },
  ];
}

/** The node columns, in order; `id` is the element's own id and not a column. */
export const NODE_COLUMNS: readonly Column<ActorModel>[] = [
  { name: 'label', type: 'string', value: (a) => a.name, about: 'the name, for tools that show `label`' },
  { name: 'kind', type: 'string', value: (a) => a.kind, about: 'ActorKind: STATE, PERSON, COMPANY, ...' },
  { name: 'name', type: 'string', value: (a) => a.name, about: 'the name' },
  { name: 'aliases', type: 'string', value: (a) => list(a.aliases), about: 'other names, a JSON array of strings' },
  { name: 'country', type: 'string', value: (a) => a.country, about: 'ISO 3166-1 alpha-2 code' },
  { name: 'description', type: 'string', value: (a) => a.description, about: 'one line on who the actor is' },
  { name: 'degree', type: 'int', value: (a) => a.degree, about: 'relationships with other actors in the whole graph' },
];

/** The edge columns, in order; `id`, source and target are the element's own and not columns. */
export const EDGE_COLUMNS: readonly Column<ExportEdge>[] = [
  {
    name: 'relationshipType',
    type: 'string',
    value: (e) => e.relationship.type,
    about: 'RelationshipType: SANCTIONED, LEADS, ... (also GEXF `kind`)',
  },
  { name: 'role', type: 'string', value: (e) => e.relationship.role, about: 'the role held (HOLDS_ROLE_IN, LEADS)' },
  { name: 'topics', type: 'string', value: (e) => list(e.relationship.topics), about: 'topics, a JSON array of strings' },
  { name: 'status', type: 'string', value: (e) => e.relationship.evidence.status, about: 'ASSERTED, ALLEGED or INFERRED' },
  { name: 'confidence', type: 'double', value: (e) => e.relationship.evidence.confidence, about: 'our confidence in the reading, 0 to 1' },
  { name: 'claim', type: 'string', value: (e) => e.relationship.evidence.claim, about: 'our one-line reading of the evidence' },
  { name: 'sourceId', type: 'string', value: (e) => e.relationship.evidence.sourceId, about: 'the cited source' },
  { name: 'sourceTitle', type: 'string', value: (e) => e.source?.title ?? null, about: "the source's title" },
  { name: 'sourcePublisher', type: 'string', value: (e) => e.source?.publisher ?? null, about: "the source's publisher" },
  {
    name: 'sourcePublishedOn',
    type: 'string',
    value: (e) => e.source?.publishedOn?.date ?? null,
    about: 'when the source was published (ISO day)',
  },
  {
    name: 'sentences',
    type: 'string',
    value: (e) => list(e.relationship.evidence.sentences),
    about: 'cited 1-based sentence numbers, a JSON array',
  },
  {
    name: 'quotes',
    type: 'string',
    value: (e) => list(e.quotes),
    about: 'the cited sentences, a JSON array of strings in the order of `sentences`',
  },
  {
    name: 'inferredFrom',
    type: 'string',
    value: (e) => e.relationship.evidence.inferredFrom,
    about: 'for INFERRED claims: what they are inferred from',
  },
  {
    name: 'needsReview',
    type: 'string',
    value: (e) => e.relationship.evidence.needsReview,
    about: 'why a reviewer should re-read the evidence',
  },
  { name: 'timeBasis', type: 'string', value: (e) => timeBasisOf(e.relationship), about: 'DATED, BOUNDED or UNDATED' },
  ...dateColumns('date', 'when the event happened'),
  ...dateColumns('validFrom', 'when the state began'),
  ...dateColumns('validTo', 'when the state ended (exclusive)'),
  ...dateColumns('noLaterThan', 'for BOUNDED relationships: the day by which it held'),
  { name: 'sanctionId', type: 'string', value: (e) => e.relationship.sanctionId, about: 'for SANCTIONED edges: the sanction' },
  {
    name: 'sanctionMeasure',
    type: 'string',
    value: (e) => e.sanction?.measure ?? null,
    about: "the sanction's measure (ASSET_FREEZE, ...)",
  },
  { name: 'sanctionProgram', type: 'string', value: (e) => e.sanction?.program ?? null, about: "the sanction's programme" },
  { name: 'sanctionReason', type: 'string', value: (e) => e.sanction?.reason ?? null, about: 'the reason the authority gave' },
];

/**
 * When an edge begins and ends on a timeline (GEXF `start`/`end`): it begins on its `validFrom` or `date`
 * (else, for a BOUNDED relationship, on `noLaterThan`, the day it is known to hold by) and ends on its
 * `validTo`; with neither it spans the whole timeline.
 *
 * @example
 * edgeSpell(edge); // { start: '2021-12-10', end: null }
 */
export function edgeSpell(e: ExportEdge): { start: string | null; end: string | null } {
  const r = e.relationship;
  return { start: (r.validFrom ?? r.date ?? r.noLaterThan)?.date ?? null, end: r.validTo?.date ?? null };
}
