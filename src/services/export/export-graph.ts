import type {
  QueryNeighbourhoodArgs,
  QueryPathsArgs,
  QueryWhoSanctionedArgs,
  RelationshipFilter,
} from '../../__generated__/schema-types.js';
import { type ExportRelationship, FIRST_RELATIONSHIP_CURSOR, type GraphRepository } from '../../graph/graph-repository.js';
import {
  type ActorKind,
  type ActorModel,
  type ActorRecord,
  FULL_DETAIL,
  type FuzzyDate,
  type RelationshipModel,
  type RelationshipRecord,
  type SanctionModel,
} from '../../graph/model.js';
import { requireActors, requireSources } from '../existence.js';
import { Loaders } from '../loaders.js';
import { relationshipListFilter } from '../relationship-service.js';
import { neighbourhood, shortestPaths } from '../research-service.js';
import { sanctionFindings } from '../sanction-service.js';
import { inRange } from '../validation.js';

/** The source an edge cites, as exports show it beside the edge. */
export interface ExportSource {
  readonly id: string;
  readonly title: string;
  readonly publisher: string | null;
  readonly publishedOn: FuzzyDate | null;
}

/** An edge of an export: the relationship with its evidence spelled out. */
export interface ExportEdge {
  readonly relationship: RelationshipModel;
  /** The kinds of its ends (FtM picks a link schema whose ranges fit them). */
  readonly fromKind: ActorKind;
  readonly toKind: ActorKind;
  /** The cited source; null when it is not in the graph. */
  readonly source: ExportSource | null;
  /** The cited sentences of the source, in the order of `relationship.evidence.sentences`. */
  readonly quotes: readonly string[];
  /** For a SANCTIONED edge, the sanction it stands for. */
  readonly sanction: SanctionModel | null;
  /** For a SANCTIONED edge, the authority (its start), whose name FtM's `Sanction.authority` holds. */
  readonly authority: ActorModel | null;
}

/**
 * What an export writes, read page by page: every node before any edge (GEXF and the CSV archive need
 * them in that order). Each iterable may be read once; a page is at most {@link ExportOptions.pageSize}.
 */
export interface ExportGraph {
  /** What was selected, for file names and headers: `graph`, `neighbourhood-sensetime-2`, ... */
  readonly name: string;
  nodes(): AsyncIterable<readonly ActorModel[]>;
  edges(): AsyncIterable<readonly ExportEdge[]>;
}

/** How many relationships a relationship-query export holds at most (its `limit`). */
export const EXPORT_RELATIONSHIP_LIMIT = { min: 1, max: 5000 } as const;

/** What an export reads: the whole graph or the answer of one of the graph's queries, with its arguments. */
export type ExportSelection =
  | { readonly kind: 'graph' }
  | { readonly kind: 'neighbourhood'; readonly args: QueryNeighbourhoodArgs }
  | { readonly kind: 'paths'; readonly args: QueryPathsArgs }
  | { readonly kind: 'whoSanctioned' | 'sanctionedBy'; readonly args: QueryWhoSanctionedArgs }
  | { readonly kind: 'relationships'; readonly args: { readonly where?: RelationshipFilter | null; readonly limit?: number | null } };

/** Settings of an export read. */
export interface ExportOptions {
  /** Records per statement of a whole-graph read (and per evidence lookup). */
  readonly pageSize: number;
}

/** The page size of exports unless told otherwise: big enough for few round trips, small enough to hold. */
export const DEFAULT_EXPORT_PAGE_SIZE = 500;

/**
 * The graph an export writes, for a selection. The whole graph is read in keyset pages (one bounded
 * statement each); a query's answer is bounded by the query's own limits, so it is read once (the same
 * statement, arguments and checks as the GraphQL field) and then written in pages. Arguments are checked
 * before anything is read: BAD_USER_INPUT and NOT_FOUND as the GraphQL field answers them.
 *
 * @example
 * const graph = await exportGraph(repo, { kind: 'neighbourhood', args: { id: 'sensetime', hops: 2 } });
 * for await (const page of graph.nodes()) write(page);
 */
export async function exportGraph(
  repo: GraphRepository,
  selection: ExportSelection,
  options: ExportOptions = { pageSize: DEFAULT_EXPORT_PAGE_SIZE },
): Promise<ExportGraph> {
  const evidence = new EvidenceReader(repo);
  const { pageSize } = options;
  if (selection.kind === 'graph') return wholeGraph(repo, evidence, pageSize);
  const loaders = new Loaders(repo);
  const answer = await selectionAnswer(repo, loaders, selection);
  const nodes = await wholeActors(repo, answer.actors, answer.relationships);
  const kinds = new Map(nodes.map((a) => [a.id, a.kind]));
  // Both ends of every relationship are among the nodes (wholeActors loaded them); an end deleted
  // meanwhile leaves its edge out rather than point at no node.
  const relationships = answer.relationships.flatMap((relationship): ExportRelationship[] => {
    const fromKind = kinds.get(relationship.fromId);
    const toKind = kinds.get(relationship.toId);
    return fromKind && toKind ? [{ relationship, fromKind, toKind }] : [];
  });
  return {
    name: answer.name,
    async *nodes() {
      for (let i = 0; i < nodes.length; i += pageSize) yield nodes.slice(i, i + pageSize);
    },
    async *edges() {
      for (let i = 0; i < relationships.length; i += pageSize) {
        yield await evidence.edges(relationships.slice(i, i + pageSize));
      }
    },
  };
}

function wholeGraph(repo: GraphRepository, evidence: EvidenceReader, pageSize: number): ExportGraph {
  return {
    name: 'graph',
    async *nodes() {
      let after = '';
      for (;;) {
        const page = await repo.exports.actorsPage(after, pageSize);
        if (page.length > 0) yield page;
        const last = page.at(-1);
        if (page.length < pageSize || !last) return;
        after = last.id;
      }
    },
    async *edges() {
      let cursor: Parameters<typeof repo.exports.relationshipsPage>[0] | null = FIRST_RELATIONSHIP_CURSOR;
      while (cursor) {
        const page = await repo.exports.relationshipsPage(cursor, pageSize);
        if (page.relationships.length > 0) yield await evidence.edges(page.relationships);
        cursor = page.next;
      }
    },
  };
}

interface SelectionAnswer {
  readonly name: string;
  readonly actors: readonly ActorRecord[];
  readonly relationships: readonly RelationshipModel[];
}

const slug = (...parts: readonly (string | number)[]): string =>
  parts
    .map(String)
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .slice(0, 120);

/** Runs the selection's query with the services the GraphQL field uses, at full detail. */
async function selectionAnswer(
  repo: GraphRepository,
  loaders: Loaders,
  selection: Exclude<ExportSelection, { kind: 'graph' }>,
): Promise<SelectionAnswer> {
  switch (selection.kind) {
    case 'neighbourhood': {
      const answer = await neighbourhood(repo, loaders, selection.args, FULL_DETAIL);
      return {
        name: slug('neighbourhood', selection.args.id, selection.args.hops ?? 1),
        actors: answer?.nodes ?? [],
        relationships: (answer?.edges ?? []).filter(isWhole),
      };
    }
    case 'paths': {
      const paths = await shortestPaths(repo, loaders, selection.args, FULL_DETAIL);
      return {
        name: slug('paths', selection.args.from, selection.args.to),
        actors: paths.flatMap((p) => p.actors),
        relationships: unique(paths.flatMap((p) => p.hops.map((h) => h.relationship)).filter(isWhole)),
      };
    }
    case 'whoSanctioned':
    case 'sanctionedBy': {
      const findings = await sanctionFindings(repo, loaders, selection.kind, selection.args, FULL_DETAIL);
      // The SANCTIONED edge of each finding (authority to target, as the loaders derive it), then the chains.
      const refs = uniqueBy(
        findings.map((f) => ({ id: `${f.sanctionId}:${f.authorityId}:${f.targetId}`, fromId: f.authorityId, toId: f.targetId })),
        (r) => r.id,
      );
      const sanctioned = (refs.length > 0 ? await repo.relationships.findByRefs(refs) : []).filter(
        (r): r is RelationshipModel => r !== undefined,
      );
      const chains = findings.flatMap((f) => [...f.authorityChain, ...f.targetChain]).filter(isWhole);
      return {
        name: slug(selection.kind, selection.args.actorId),
        actors: findings.flatMap((f) => [f.authority, f.imposedBy, f.target, f.targeted]),
        relationships: unique([...sanctioned, ...chains]),
      };
    }
    case 'relationships':
      return relationshipAnswer(repo, loaders, selection.args);
  }
}

/** Every relationship a `Query.relationships` filter matches, up to `limit`, read in pages by id. */
async function relationshipAnswer(
  repo: GraphRepository,
  loaders: Loaders,
  args: { readonly where?: RelationshipFilter | null; readonly limit?: number | null },
): Promise<SelectionAnswer> {
  const limit = inRange('limit', args.limit ?? 1000, EXPORT_RELATIONSHIP_LIMIT);
  const filter = relationshipListFilter(args.where ?? {});
  const relationships: RelationshipModel[] = [];
  let afterId: string | null = null;
  while (relationships.length < limit) {
    const want = Math.min(DEFAULT_EXPORT_PAGE_SIZE, limit - relationships.length);
    const page = await repo.relationships.list({ filter, afterId, limit: want });
    relationships.push(...page);
    const last = page.at(-1);
    if (!last || page.length < want) break;
    afterId = last.id;
  }
  if (relationships.length === 0) {
    await Promise.all([
      requireActors(loaders, { 'where.actor': filter.actor }),
      requireSources(loaders, { 'where.source': filter.source }),
    ]);
  }
  return { name: 'relationships', actors: [], relationships };
}

const isWhole = (r: RelationshipRecord): r is RelationshipModel => r.lean === undefined;

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

const unique = (relationships: readonly RelationshipModel[]): RelationshipModel[] => uniqueBy(relationships, (r) => r.id);

/**
 * The whole actors of an answer: those it holds whole, then every other end of its relationships,
 * looked up in pages; ordered by id so exports of one answer are byte-identical.
 */
async function wholeActors(
  repo: GraphRepository,
  actors: readonly ActorRecord[],
  relationships: readonly RelationshipModel[],
): Promise<ActorModel[]> {
  const whole = new Map<string, ActorModel>();
  for (const a of actors) if (a.lean === undefined) whole.set(a.id, a);
  const missing = [
    ...new Set([...actors.map((a) => a.id), ...relationships.flatMap((r) => [r.fromId, r.toId])].filter((id) => !whole.has(id))),
  ];
  for (let i = 0; i < missing.length; i += DEFAULT_EXPORT_PAGE_SIZE) {
    for (const a of await repo.actors.findByIds(missing.slice(i, i + DEFAULT_EXPORT_PAGE_SIZE))) if (a) whole.set(a.id, a);
  }
  return [...whole.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** How many sources and sanctions an export remembers between pages (few sources back many edges). */
const EVIDENCE_CACHE = 1000;

/**
 * Spells out the evidence of a page of relationships: the cited source and sentences, and the sanction
 * and authority of SANCTIONED edges, with at most one lookup of each per page (sent together) for what
 * earlier pages did not load.
 */
class EvidenceReader {
  private readonly sources = new Map<string, ExportSource & { readonly sentences: readonly string[] }>();
  private readonly sanctions = new Map<string, SanctionModel>();
  private readonly authorities = new Map<string, ActorModel>();

  constructor(private readonly repo: GraphRepository) {}

  async edges(page: readonly ExportRelationship[]): Promise<ExportEdge[]> {
    const relationships = page.map((p) => p.relationship);
    const sourceIds = [...new Set(relationships.map((r) => r.evidence.sourceId))].filter((id) => !this.sources.has(id));
    const sanctionIds = [...new Set(relationships.map((r) => r.sanctionId).filter((id): id is string => id !== null))].filter(
      (id) => !this.sanctions.has(id),
    );
    const authorityIds = [...new Set(relationships.filter((r) => r.sanctionId !== null).map((r) => r.fromId))].filter(
      (id) => !this.authorities.has(id),
    );
    const [sources, sanctions, authorities] = await Promise.all([
      sourceIds.length > 0 ? this.repo.sources.findByIds(sourceIds) : [],
      sanctionIds.length > 0 ? this.repo.sanctions.findByIds(sanctionIds) : [],
      authorityIds.length > 0 ? this.repo.actors.findByIds(authorityIds) : [],
    ]);
    bounded(this.sources, sourceIds.length);
    bounded(this.sanctions, sanctionIds.length);
    bounded(this.authorities, authorityIds.length);
    for (const s of sources) if (s) this.sources.set(s.id, s);
    for (const s of sanctions) if (s) this.sanctions.set(s.id, s);
    for (const a of authorities) if (a) this.authorities.set(a.id, a);
    return page.map(({ relationship, fromKind, toKind }) => {
      const source = this.sources.get(relationship.evidence.sourceId);
      return {
        relationship,
        fromKind,
        toKind,
        source: source ? { id: source.id, title: source.title, publisher: source.publisher, publishedOn: source.publishedOn } : null,
        quotes: source ? relationship.evidence.sentences.map((n) => source.sentences[n - 1] ?? '') : [],
        sanction: relationship.sanctionId === null ? null : (this.sanctions.get(relationship.sanctionId) ?? null),
        authority: relationship.sanctionId === null ? null : (this.authorities.get(relationship.fromId) ?? null),
      };
    });
  }
}

/** Makes room for `adding` entries in a cache of at most {@link EVIDENCE_CACHE}, oldest first. */
function bounded(cache: Map<string, unknown>, adding: number): void {
  for (const key of cache.keys()) {
    if (cache.size + adding <= EVIDENCE_CACHE) return;
    cache.delete(key);
  }
}
