import type { ActorKind, ActorModel, FuzzyDate, RelationshipType } from '../../graph/model.js';
import type { ExportEdge, ExportGraph } from './export-graph.js';
import type { ExportFormat, ExportSink } from './export-sink.js';

/**
 * FollowTheMoney entities as JSON lines, in the shape of OpenSanctions' exports (`id`, `schema`,
 * `properties` with lists of strings, `datasets`). Actors become Person, Company, Organization,
 * PublicBody or LegalEntity; relationships become FtM link entities (Membership, Directorship,
 * Representation, Associate, UnknownLink) whose ends are actor ids; SANCTIONED edges become Sanction
 * entities. docs/import-export.md has the tables; test/e2e/export.e2e.test.ts validates every entity
 * against the FtM model of @alephdata/followthemoney.
 */

/** The FtM schemata exports emit. */
export type FtmSchema =
  | 'Person'
  | 'Company'
  | 'Organization'
  | 'PublicBody'
  | 'LegalEntity'
  | 'Membership'
  | 'Directorship'
  | 'Representation'
  | 'Associate'
  | 'UnknownLink'
  | 'Sanction';

/** One FtM entity as exported. */
export interface FtmEntity {
  readonly id: string;
  readonly schema: FtmSchema;
  readonly properties: Readonly<Record<string, readonly string[]>>;
  readonly datasets: readonly string[];
}

/** The dataset name every exported entity carries. */
export const FTM_DATASET = 'sanctions_graph';

/** The FtM schema of each actor kind: the closest FtM has (it has no schema for states, lists or elections). */
export const FTM_SCHEMA_OF_KIND: Readonly<Record<ActorKind, FtmSchema>> = {
  PERSON: 'Person',
  COMPANY: 'Company',
  STATE: 'PublicBody',
  GOVERNMENT_BODY: 'PublicBody',
  ARMED_FORCES: 'PublicBody',
  DIPLOMATIC_MISSION: 'PublicBody',
  POLITICAL_PARTY: 'Organization',
  ENTITY_GROUP: 'Organization',
  MOVEMENT: 'Organization',
  ETHNIC_GROUP: 'LegalEntity',
  LIST: 'LegalEntity',
  ELECTION: 'LegalEntity',
};

/**
 * The FtM link schema of each relationship type, with its two end properties (source, target). A link
 * whose ends FtM's ranges refuse (Membership needs an Organization, Associate two Persons) falls back
 * to UnknownLink; the type always travels in `role` (or `relationship` for Associate).
 */
export const FTM_LINK_OF_TYPE: Readonly<Record<Exclude<RelationshipType, 'SANCTIONED'>, FtmSchema>> = {
  PART_OF: 'Membership',
  HOLDS_ROLE_IN: 'Membership',
  LEADS: 'Directorship',
  REPRESENTS: 'Representation',
  SPEAKS_FOR: 'Representation',
  ACTED_JOINTLY_WITH: 'Associate',
  HELD_SUMMIT_WITH: 'Associate',
  HAS_STRAINED_RELATIONS_WITH: 'Associate',
  LISTED_ON: 'UnknownLink',
  OUSTED: 'UnknownLink',
  SEIZED_POWER_IN: 'UnknownLink',
  PERSECUTED: 'UnknownLink',
  ACCUSED: 'UnknownLink',
  TARGETED: 'UnknownLink',
  DENOUNCED: 'UnknownLink',
  CALLED_ON_TO_REVERSE: 'UnknownLink',
  WON: 'UnknownLink',
  ALLEGED_FRAUD_IN: 'UnknownLink',
  DISMISSED_ALLEGATION: 'UnknownLink',
  LOCATED_IN: 'UnknownLink',
  NATIONAL_OF: 'UnknownLink',
};

const ENDS: Readonly<Partial<Record<FtmSchema, readonly [string, string]>>> = {
  Membership: ['member', 'organization'],
  Directorship: ['director', 'organization'],
  Representation: ['agent', 'client'],
  Associate: ['person', 'associate'],
  UnknownLink: ['subject', 'object'],
};

const ORGANIZATIONS: ReadonlySet<FtmSchema> = new Set(['Organization', 'Company', 'PublicBody']);

/** Whether FtM's ranges accept these ends for a link schema (Membership and Directorship need an Organization). */
function endsFit(link: FtmSchema, from: FtmSchema, to: FtmSchema): boolean {
  if (link === 'Associate') return from === 'Person' && to === 'Person';
  if (link === 'Membership' || link === 'Directorship') return ORGANIZATIONS.has(to);
  return true;
}

/** An FtM date: as precise as the source (`2021`, `2021-11`, `2021-11-01`). */
export function ftmDate(d: FuzzyDate | null): string | null {
  if (!d) return null;
  return d.precision === 'YEAR' ? d.date.slice(0, 4) : d.precision === 'MONTH' ? d.date.slice(0, 7) : d.date;
}

/** Properties without the empty ones: FtM lists hold only values. */
function props(entries: Record<string, readonly (string | null | undefined)[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(entries)) {
    const kept = values.filter((v): v is string => typeof v === 'string' && v !== '');
    if (kept.length > 0) out[name] = kept;
  }
  return out;
}

/**
 * The FtM entity of an actor. Our kind travels in `keywords` (FtM's schema is coarser), the country as
 * FtM's lower-case code.
 *
 * @example
 * ftmActor(sensetime); // { id: 'sensetime', schema: 'Company', properties: { name: ['SenseTime'], country: ['cn'], ... } }
 */
export function ftmActor(a: ActorModel): FtmEntity {
  return {
    id: a.id,
    schema: FTM_SCHEMA_OF_KIND[a.kind],
    properties: props({
      name: [a.name],
      alias: a.aliases,
      country: [a.country?.toLowerCase()],
      description: [a.description],
      keywords: [a.kind],
    }),
    datasets: [FTM_DATASET],
  };
}

/** Evidence and dates every link and sanction entity carries. */
function evidence(e: ExportEdge): Record<string, (string | null)[]> {
  const r = e.relationship;
  return {
    summary: [r.evidence.claim],
    description: [e.quotes.length > 0 ? e.quotes.join(' ') : null],
    publisher: [e.source?.publisher ?? null],
    recordId: [r.evidence.sentences.length > 0 ? `${r.evidence.sourceId}#${r.evidence.sentences.join(',')}` : r.evidence.sourceId],
    status: [r.evidence.status],
    date: [ftmDate(r.date)],
    startDate: [ftmDate(r.validFrom)],
    endDate: [ftmDate(r.validTo)],
  };
}

/**
 * The FtM entity of an edge: a Sanction for a SANCTIONED edge (`entity` its target, `authority` the
 * authority's name), else the link schema of its type with the actor ids as its ends.
 */
export function ftmEdge(e: ExportEdge): FtmEntity {
  const r = e.relationship;
  if (r.type === 'SANCTIONED') {
    const s = e.sanction;
    return {
      id: r.id,
      schema: 'Sanction',
      properties: props({
        ...evidence(e),
        entity: [r.toId],
        authority: [e.authority?.name ?? r.fromId],
        program: [s?.program ?? null],
        provisions: [s?.measure ?? null],
        reason: [s?.reason ?? null],
        date: [],
        startDate: [ftmDate(r.date ?? r.noLaterThan)],
      }),
      datasets: [FTM_DATASET],
    };
  }
  const wanted = FTM_LINK_OF_TYPE[r.type];
  const from = FTM_SCHEMA_OF_KIND[e.fromKind];
  const to = FTM_SCHEMA_OF_KIND[e.toKind];
  const schema = endsFit(wanted, from, to) ? wanted : 'UnknownLink';
  const [source, target] = ENDS[schema] ?? ['subject', 'object'];
  const role = r.role ? `${r.type}: ${r.role}` : r.type;
  return {
    id: r.id,
    schema,
    properties: props({
      ...evidence(e),
      ...(schema === 'Associate' ? { relationship: [role], status: [] } : { role: [role] }),
      [source]: [r.fromId],
      [target]: [r.toId],
    }),
    datasets: [FTM_DATASET],
  };
}

/**
 * FtM JSON lines: one entity a line, actors first, then links and sanctions.
 *
 * @example
 * await FTM.write(graph, sink); // ftm validate, or aleph crawldir / followthemoney-store, read it
 */
export const FTM: ExportFormat = {
  name: 'ftm',
  contentType: 'application/x-ndjson; charset=utf-8',
  extension: 'ftm.json',
  async write(graph: ExportGraph, sink: ExportSink): Promise<void> {
    for await (const page of graph.nodes()) await sink.write(page.map((a) => `${JSON.stringify(ftmActor(a))}\n`).join(''));
    for await (const page of graph.edges()) await sink.write(page.map((e) => `${JSON.stringify(ftmEdge(e))}\n`).join(''));
  },
};
