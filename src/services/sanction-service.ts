import type {
  QuerySanctionedByArgs,
  QuerySanctionedByConnectionArgs,
  QuerySanctionsArgs,
  QuerySanctionsConnectionArgs,
  QueryWhoSanctionedArgs,
  QueryWhoSanctionedConnectionArgs,
  SanctionFilter,
} from '../__generated__/schema-types.js';
import { once, type SanctionConnectionModel, type SanctionFindingConnectionModel } from '../graph/connection-model.js';
import type { GraphRepository, SanctionFindingQuery, SanctionListFilter } from '../graph/graph-repository.js';
import type { SanctionFindingModel, SanctionModel } from '../graph/model.js';
import { FULL_DETAIL, type TraversalDetail } from '../graph/model.js';
import { isDateIdPosition, isOffsetPosition, pageOf } from './connection.js';
import { type CursorScope, decodeCursor, encodeCursor } from './cursor.js';
import { edgeFilter } from './edge-filter.js';
import { requireActors } from './existence.js';
import type { Loaders } from './loaders.js';
import { countryCode, dateRange, inRange, LIMITS } from './validation.js';

/**
 * The graph-layer filter of a sanction list, checked.
 *
 * @throws AppError BAD_USER_INPUT when `where.from` is after `where.to` or the country is no code.
 */
function sanctionListFilter(w: SanctionFilter): SanctionListFilter {
  dateRange('where', w.from, w.to);
  return {
    authority: w.authority ?? null,
    target: w.target ?? null,
    measure: w.measure ?? null,
    program: w.program ?? null,
    targetCountry: w.targetCountry ? countryCode('where.targetCountry', w.targetCountry) : null,
    from: w.from ?? null,
    to: w.to ?? null,
    joint: w.joint ?? null,
  };
}

/** Sanctions matching a filter, newest first. */
export async function listSanctions(repo: GraphRepository, loaders: Loaders, args: QuerySanctionsArgs): Promise<SanctionModel[]> {
  const first = inRange('first', args.first ?? 50, LIMITS.pageSize);
  const filter = sanctionListFilter(args.where ?? {});
  const sanctions = await repo.sanctions.list({ filter, after: null, limit: first });
  if (sanctions.length === 0) await requireActors(loaders, { 'where.authority': filter.authority, 'where.target': filter.target });
  return sanctions;
}

/**
 * Sanctions matching a filter as a Relay connection, newest first, keyset-paginated on (date, id); the
 * total and the aggregate are computed in the database, each only when selected.
 *
 * @example
 * const joint = await sanctionsConnection(repo, loaders, { where: { joint: true } });
 */
export async function sanctionsConnection(
  repo: GraphRepository,
  loaders: Loaders,
  args: QuerySanctionsConnectionArgs,
): Promise<SanctionConnectionModel> {
  const first = inRange('first', args.first ?? 20, LIMITS.pageSize);
  const filter = sanctionListFilter(args.where ?? {});
  const scope: CursorScope = { query: 'Query.sanctionsConnection', order: 'DATE DESC, ID ASC', filter };
  const after = args.after ? decodeCursor('after', args.after, scope, isDateIdPosition) : null;
  const rows = await repo.sanctions.list({ filter, after: after && { date: after[0], id: after[1] }, limit: first + 1 });
  if (rows.length === 0) await requireActors(loaders, { 'where.authority': filter.authority, 'where.target': filter.target });
  return {
    ...pageOf(rows, first, after !== null, (s) => ({ cursor: encodeCursor(scope, [s.date.date, s.id]), node: s })),
    totalCount: once(() => repo.sanctions.count(filter)),
    aggregate: once(() => repo.sanctions.aggregate(filter)),
  };
}

type FindingArgs = QueryWhoSanctionedArgs | QuerySanctionedByArgs;

/** What a finding question asks, without its page. */
function findingQuestion(
  side: 'whoSanctioned' | 'sanctionedBy',
  args: FindingArgs,
): Omit<SanctionFindingQuery, 'detail' | 'limit' | 'skip'> {
  return {
    side,
    actorId: args.actorId,
    indirect: args.includeIndirect ?? false,
    asOf: args.asOf ?? null,
    distinct: args.distinct ?? 'ALL',
    edges: edgeFilter(args),
  };
}

/** Runs one page of findings; primes the loaders with what it projected; NOT_FOUND for an unknown actor. */
async function findingPage(
  repo: GraphRepository,
  loaders: Loaders,
  query: SanctionFindingQuery,
  hasPrevious: boolean,
): Promise<SanctionFindingModel[]> {
  const { findings, actors, sanctions } = await repo.sanctions.findings(query);
  // On a later page an empty answer can mean "past the end": the actor was checked on the first.
  if (findings.length === 0 && !hasPrevious) await requireActors(loaders, { actorId: query.actorId });
  loaders.prime({ actors, sanctions });
  return findings;
}

/**
 * Who sanctioned an actor, or whom it sanctioned, with the chains that justify each finding (or one
 * finding per authority and sanction with `distinct`). Each finding carries its sanction and actors as
 * projected; those holding more than an id are also primed into the loaders for later fields.
 */
export function sanctionFindings(
  repo: GraphRepository,
  loaders: Loaders,
  side: 'whoSanctioned' | 'sanctionedBy',
  args: FindingArgs,
  detail: TraversalDetail = FULL_DETAIL,
): Promise<SanctionFindingModel[]> {
  const limit = inRange('first', args.first ?? 100, LIMITS.findings);
  return findingPage(repo, loaders, { ...findingQuestion(side, args), detail, limit, skip: 0 }, false);
}

/**
 * {@link sanctionFindings} as a Relay connection, paged by position in the findings' order (computed per
 * finding, so there is no stored key to seek); the total is counted in the database when selected.
 *
 * @example
 * const page = await sanctionFindingsConnection(repo, loaders, 'whoSanctioned', { actorId: 'china', includeIndirect: true, first: 2 });
 */
export async function sanctionFindingsConnection(
  repo: GraphRepository,
  loaders: Loaders,
  side: 'whoSanctioned' | 'sanctionedBy',
  args: QueryWhoSanctionedConnectionArgs | QuerySanctionedByConnectionArgs,
  detail: TraversalDetail = FULL_DETAIL,
): Promise<SanctionFindingConnectionModel> {
  const first = inRange('first', args.first ?? 20, LIMITS.pageSize);
  const question = findingQuestion(side, args);
  const scope: CursorScope = { query: `Query.${side}Connection`, order: 'SANCTION DATE DESC', filter: question };
  const skip = args.after ? decodeCursor('after', args.after, scope, isOffsetPosition)[0] : 0;
  const rows = await findingPage(repo, loaders, { ...question, detail, limit: first + 1, skip }, skip > 0);
  return {
    ...pageOf(rows, first, skip > 0, (f, i) => ({ cursor: encodeCursor(scope, [skip + i + 1]), node: f })),
    totalCount: once(() => repo.sanctions.countFindings(question)),
  };
}
