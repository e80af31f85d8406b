import { NEIGHBOURHOOD_HOPS, PATH_HOPS } from '../../graph/cypher/path-cypher.js';
import { LIMITS } from '../../services/validation.js';

/** A field's arguments as the operation gives them, variables substituted and schema defaults applied. */
export type FieldArgs = Readonly<Record<string, unknown>>;

/** A number, or a number computed from the field's arguments. */
export type FromArgs = number | ((args: FieldArgs) => number);

/**
 * How one field is costed, on top of the rules every field follows (src/server/cost/operation-cost.ts):
 * every value in the answer (a scalar field, an object; a list of scalars counts as one) costs
 * {@link VALUE_COST}, a list of objects multiplies the cost of its items by the number of items, a
 * page-size argument (`first`, `limit`) is that number.
 */
export interface FieldCost {
  /** Points for the field's own work, once per parent (a statement, a traversal). Default 0. */
  readonly base?: FromArgs;
  /**
   * Items of a list field that has no page-size argument: an estimate of its usual size. A page-size
   * argument, when the schema gives the field one, takes precedence.
   */
  readonly items?: FromArgs;
  /**
   * The largest page size the field's resolver accepts (it refuses more with BAD_USER_INPUT and the
   * range): larger values are costed at it, so that the client hears about the range, not about cost.
   */
  readonly maxPage?: number;
  /**
   * For a list directly inside a page object (a connection's `edges`, a neighbourhood's `nodes`): items
   * per unit of the enclosing page size. Default 1.
   */
  readonly perPageItem?: number;
}

/** Points of one value in the answer: a scalar field of one parent, or one object. */
export const VALUE_COST = 1;

/** Items assumed for a list the table does not describe (a unit test keeps every list described). */
export const DEFAULT_LIST_ITEMS = 20;

/** Points of one statement that is not batched with others (a root lookup or search). */
const STATEMENT = 1;

/** Counting every match of a filter (totalCount): a scan over the matches, not a page of them. */
const COUNT = 5;

/**
 * A curated write: one write transaction of a handful of statements (the change counter, the checks, the
 * records, the audit record), holding the counter's lock, which orders every writer. Priced well above a
 * read so that a caller's budget holds a few hundred writes a window, not tens of thousands.
 */
const WRITE = 20;

/** A full-text search: an index query plus scoring. */
const FULLTEXT = 5;

/** A window of world-time events: a scan of every relationship and sanction (then a sort of the events). */
const WINDOW_SCAN = 50;

/** A direct sanction finding: a few index seeks and one expansion. */
const SANCTION_WALK = 10;

/**
 * `includeIndirect` follows acting-for relationships up to 4 hops on each side of the walk: at about six
 * such relationships per actor, 6^4 ~ 1,300 chains per side instead of one. Fifteen aliases of it froze
 * Neo4j (issue 12); at this factor one costs a fifth of the default budget, so an operation holds four.
 */
const INDIRECT_FAN_OUT = 1000;

/** An integer argument read for costing, clamped to [lo, hi] (values outside are refused by resolvers). */
function intArg(args: FieldArgs, name: string, lo: number, hi: number): number {
  const value = args[name];
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : lo;
  return Math.min(hi, Math.max(lo, n));
}

/** Shortest paths are searched from both ends: about 2 * b^(h/2) expansions at branching b = 10. */
function shortestPathsFanOut(args: FieldArgs): number {
  const hops = intArg(args, 'maxHops', PATH_HOPS.min, PATH_HOPS.max);
  return Math.round(2 * 10 ** (hops / 2));
}

/**
 * A neighbourhood walks level by level, each level keeping at most `limit` new actors and expanding every
 * relationship of the actors it keeps: hops * limit * 10 relationships at ten per actor.
 */
function neighbourhoodFanOut(args: FieldArgs): number {
  const hops = intArg(args, 'hops', NEIGHBOURHOOD_HOPS.min, NEIGHBOURHOOD_HOPS.max);
  const limit = intArg(args, 'limit', 0, LIMITS.neighbourhoodLimit.max);
  return hops * limit * 10;
}

/** Finding sanctions from one actor: direct, or through acting-for chains. */
function sanctionWalk(args: FieldArgs): number {
  return args['includeIndirect'] === true ? SANCTION_WALK * INDIRECT_FAN_OUT : SANCTION_WALK;
}

/** The representations `_entities` is asked for: its list's length, one answer item each. */
function representationCount(args: FieldArgs): number {
  const representations = args['representations'];
  return Array.isArray(representations) ? representations.length : 0;
}

/**
 * The one place that says what each field costs beyond the general rules, keyed by `Type.field`. Every
 * root field that takes arguments or returns a list, and every list of objects without a page-size
 * argument, has an entry (test/unit/server/cost/cost-table.test.ts fails otherwise), and docs/operations.md
 * lists every entry (a test checks that too); scalar lists (aliases, quotes, topics) come inside their
 * parent's record and count as one value.
 *
 * Item estimates stand for lists that have no `first` yet; once the schema gives a list a page size, its
 * argument (or its default) is used instead, and the byte budget (LIMIT_MAX_RESPONSE_BYTES) stops an answer
 * that outgrows the estimate.
 */
export const COST_TABLE: Readonly<Record<`${string}.${string}`, FieldCost>> = {
  'Query.apiVersion': {},
  'Query.actor': { base: STATEMENT },
  'Query.actors': { base: STATEMENT, maxPage: LIMITS.pageSize.max },
  'Query.search': { base: FULLTEXT, maxPage: LIMITS.searchHits.max },
  'Query.paths': { base: shortestPathsFanOut, maxPage: LIMITS.pathLimit.max },
  'Query.neighbourhood': { base: neighbourhoodFanOut, maxPage: LIMITS.neighbourhoodLimit.max },
  'Query.sanction': { base: STATEMENT },
  'Query.sanctions': { base: STATEMENT, maxPage: LIMITS.pageSize.max },
  'Query.whoSanctioned': { base: sanctionWalk, items: 50, maxPage: LIMITS.findings.max },
  'Query.sanctionedBy': { base: sanctionWalk, items: 50, maxPage: LIMITS.findings.max },
  // Connections: the page size goes to their edges; counts and aggregates are costed where they sit.
  'Query.searchConnection': { base: FULLTEXT, maxPage: LIMITS.searchHits.max },
  'Query.relationships': { base: STATEMENT, maxPage: LIMITS.pageSize.max },
  'Query.sanctionsConnection': { base: STATEMENT, maxPage: LIMITS.pageSize.max },
  'Query.whoSanctionedConnection': { base: sanctionWalk, maxPage: LIMITS.pageSize.max },
  'Query.sanctionedByConnection': { base: sanctionWalk, maxPage: LIMITS.pageSize.max },
  // Issue 20. An alignment or a timeline reads each target's (actor's) sanctions and relationships: about
  // ten per item. A window of changes scans every relationship and sanction whatever the page size.
  'Query.alignment': { base: (args) => STATEMENT + 10 * intArg(args, 'first', 1, LIMITS.pageSize.max), maxPage: LIMITS.pageSize.max },
  'Query.followers': { base: SANCTION_WALK, maxPage: LIMITS.pageSize.max },
  'Query.changesBetween': { base: WINDOW_SCAN, maxPage: LIMITS.pageSize.max },
  'Query.contested': { base: STATEMENT, maxPage: LIMITS.pageSize.max },
  'Query.timeline': { base: SANCTION_WALK, maxPage: LIMITS.timelineEvents.max },
  'WorldEventConnection.edges': {},
  'SearchHitConnection.edges': {},
  'RelationshipListConnection.edges': {},
  'SanctionConnection.edges': {},
  'SanctionFindingConnection.edges': {},
  'SearchHitConnection.totalCount': { base: COUNT },
  'RelationshipListConnection.totalCount': { base: COUNT },
  'SanctionConnection.totalCount': { base: COUNT },
  'SanctionFindingConnection.totalCount': { base: COUNT },
  // One grouping statement over the window serves both.
  'WorldEventConnection.totalCount': { base: COUNT },
  'WorldEventConnection.countsByType': { base: COUNT },
  // An aggregate is one grouping statement over every match, like a count.
  'ActorConnection.aggregate': { base: COUNT },
  'RelationshipListConnection.aggregate': { base: COUNT },
  'SanctionConnection.aggregate': { base: COUNT },
  'Query.sources': { base: STATEMENT, items: 20, maxPage: LIMITS.pageSize.max },
  'Query.source': { base: STATEMENT },
  // Apollo Federation (docs/federation.md). `_entities` is a list of one item per representation a gateway
  // sends (at most LIMIT_MAX_ENTITIES, src/server/schema.ts): each costs what its selection costs, like any
  // item of a list, so a gateway's fetch meets the same budget as a client's query; one statement per
  // entity type. `_service` returns the SDL, read from memory.
  'Query._entities': { base: STATEMENT, items: representationCount },
  'Query._service': {},
  // The audit trail: a page by seq, and for recordedBetween a count by mutation over the period too.
  'Query.apiKeys': { base: STATEMENT, items: 20, maxPage: LIMITS.apiKeys.max },
  'Query.changes': { base: STATEMENT, maxPage: LIMITS.changes.max },
  'Query.recordedBetween': { base: STATEMENT + COUNT, maxPage: LIMITS.changes.max },
  'ChangeConnection.edges': {},
  'RecordedChangeConnection.edges': {},
  'RecordedChangeConnection.countsByMutation': { items: 20 },
  // Key management: one write transaction of three statements.
  'Mutation.createApiKey': { base: 3 * STATEMENT },
  'Mutation.revokeApiKey': { base: 3 * STATEMENT },

  'Actor.mentions': { items: 5, maxPage: LIMITS.mentions.max },
  'Actor.roles': { items: 5, maxPage: LIMITS.roles.max },
  'Actor.listEntries': { items: 50, maxPage: LIMITS.listEntries.max },
  'Actor.relationships': { maxPage: LIMITS.pageSize.max },
  'Actor.sanctionsImposed': { items: 10, maxPage: LIMITS.actorSanctions.max },
  'Actor.sanctionsReceived': { items: 10, maxPage: LIMITS.actorSanctions.max },
  'ActorConnection.edges': {},
  'ActorConnection.totalCount': { base: COUNT },
  'RelationshipConnection.edges': {},
  'RelationshipConnection.totalCount': { base: COUNT },
  'Path.actors': { items: PATH_HOPS.max + 1 },
  'Path.hops': { items: PATH_HOPS.max },
  'Neighbourhood.nodes': {},
  // The statement keeps up to ten relationships per actor asked for (`edgeLimit`).
  'Neighbourhood.edges': { perPageItem: 10 },
  'Sanction.authorities': { items: 3, maxPage: LIMITS.sanctionActors.max },
  'Sanction.targets': { items: 5, maxPage: LIMITS.sanctionActors.max },
  'Sanction.parties': { items: 8, maxPage: LIMITS.sanctionParties.max },
  // Chains are at most 4 hops (see INDIRECT_FAN_OUT).
  'SanctionFinding.authorityChain': { items: 4 },
  'SanctionFinding.targetChain': { items: 4 },
  'Source.sentences': { items: 100, maxPage: LIMITS.sentences.max },
  'Source.relationships': { items: 100, maxPage: LIMITS.sourceItems.max },
  'Source.sanctions': { items: 20, maxPage: LIMITS.sourceItems.max },

  // Curated writes (schema/curation.graphql) and the graph's history. A history list is one statement per
  // record it hangs from (not batched), hence its base.
  'Mutation.addSource': { base: WRITE },
  'Mutation.upsertActor': { base: WRITE },
  'Mutation.addAlias': { base: WRITE },
  'Mutation.assertRelation': { base: WRITE },
  'Mutation.recordSanction': { base: WRITE },
  'Mutation.correctRelation': { base: WRITE },
  'Mutation.retractRelation': { base: WRITE },
  'Mutation.correctSanction': { base: WRITE },
  'Mutation.retractSanction': { base: WRITE },
  'Mutation.correctActor': { base: WRITE },
  'Mutation.retractActor': { base: WRITE },
  'Mutation.mergeActors': { base: WRITE },
  'Relationship.history': { base: STATEMENT, maxPage: 100 },
  'Sanction.history': { base: STATEMENT, maxPage: 100 },
  'Actor.history': { base: STATEMENT, maxPage: 100 },
  'Actor.mergedIds': { maxPage: 100 },
  'ActorVersion.aliases': { maxPage: 100 },

  // The match review queue of imports (issue 16): a page and its total in one statement, the reviews'
  // candidates and actors inside it; a decision is a curated write (a merge for SAME_AS).
  'Query.matchCandidates': { base: STATEMENT + COUNT, maxPage: LIMITS.pageSize.max },
  'MatchReviewConnection.edges': {},
  'MatchReview.candidates': { maxPage: LIMITS.reviewCandidates.max },
  'Mutation.resolveMatch': { base: WRITE },
};
