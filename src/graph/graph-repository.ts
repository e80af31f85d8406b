import type { GraphClient, RoundTripCounter } from './graph-client.js';
import { OperationTrace } from './operation-trace.js';
import { ActorRepository } from './repositories/actor-repository.js';
import { ApiKeyRepository } from './repositories/api-key-repository.js';
import { ChangeLogRepository } from './repositories/change-log-repository.js';
import { CompiledRepository } from './repositories/compiled-repository.js';
import { CurationRepository } from './repositories/curation-repository.js';
import { DisputeRepository } from './repositories/dispute-repository.js';
import { ExportRepository } from './repositories/export-repository.js';
import { HistoryRepository } from './repositories/history-repository.js';
import { MatchReviewRepository } from './repositories/match-review-repository.js';
import { PathRepository } from './repositories/path-repository.js';
import { RelationshipRepository } from './repositories/relationship-repository.js';
import { SanctionRepository } from './repositories/sanction-repository.js';
import { SourceRepository } from './repositories/source-repository.js';
import { WorldTimeRepository } from './repositories/world-time-repository.js';

export type { ActorListFilter, ActorListPosition, ActorListQuery, ActorSearchQuery } from './repositories/actor-repository.js';
export type { ApiKeyRecord, ChangeAuthor, ChangeStamp } from './repositories/api-key-repository.js';
export type { ChangeFilter, ChangeModel, MutationCount } from './repositories/change-log-repository.js';
export type {
  CompiledActorTree,
  CompiledLevelQuery,
  CompiledListQuery,
  CompiledPage,
  CompiledParties,
  CompiledPartyQuery,
  CompiledSanctionList,
  CompiledSanctionTree,
} from './repositories/compiled-repository.js';
export type { ExportRelationship, ExportRelationshipCursor, ExportRelationshipPage } from './repositories/export-repository.js';
export { FIRST_RELATIONSHIP_CURSOR } from './repositories/export-repository.js';
export type {
  ImportedEntityModel,
  MatchCandidateModel,
  MatchReviewModel,
  MatchReviewPosition,
  MatchReviewQuery,
  ReviewStatus,
} from './repositories/match-review-repository.js';
export type { NeighbourhoodQuery, ShortestPathsQuery } from './repositories/path-repository.js';
export type {
  RelationshipListFilter,
  RelationshipListQuery,
  RelationshipPage,
  RelationshipPageQuery,
  RelationshipRef,
} from './repositories/relationship-repository.js';
export type {
  SanctionFindingQuery,
  SanctionFindings,
  SanctionListFilter,
  SanctionListPosition,
} from './repositories/sanction-repository.js';
export type { AlignmentQuery, TimelineRow } from './repositories/world-time-repository.js';

/**
 * All reads of the graph for one GraphQL operation (or one script), one repository per domain, sharing
 * the operation's round-trip counter. Every method is one round trip, whatever the size of its answer;
 * batch methods take many keys at once for DataLoaders.
 *
 * @example
 * const repo = new GraphRepository(graph);
 * const [china] = await repo.actors.findByIds(['china']);
 */
export class GraphRepository {
  readonly actors: ActorRepository;
  readonly relationships: RelationshipRepository;
  readonly sanctions: SanctionRepository;
  readonly paths: PathRepository;
  readonly sources: SourceRepository;
  /** Selections compiled into one statement per root field (issue 18). */
  readonly compiled: CompiledRepository;
  /** Alignment of listings, changes between dates, timelines (issue 20). */
  readonly worldTime: WorldTimeRepository;
  /** Disputes between claims (issue 20). */
  readonly disputes: DisputeRepository;
  /** API keys (src/auth/api-keys.ts holds their logic). */
  readonly apiKeys: ApiKeyRepository;
  /** The audit trail. */
  readonly changes: ChangeLogRepository;
  /** Keyset pages of the whole live graph, for exports. */
  readonly exports: ExportRepository;
  /** Curated writes (mutations and the seed), each one audited write transaction. */
  readonly curation: CurationRepository;
  /** The graph's own history: versions of records, and the graph as recorded at an instant. */
  readonly history: HistoryRepository;
  /** The match review queue of imports (issue 16); resolutions are curated writes. */
  readonly reviews: MatchReviewRepository;

  constructor(
    graph: GraphClient,
    /** Round trips of this operation, counted at the driver boundary. */
    readonly counter: RoundTripCounter = new OperationTrace(),
  ) {
    this.actors = new ActorRepository(graph, counter);
    this.relationships = new RelationshipRepository(graph, counter);
    this.sanctions = new SanctionRepository(graph, counter);
    this.paths = new PathRepository(graph, counter);
    this.sources = new SourceRepository(graph, counter);
    this.compiled = new CompiledRepository(graph, counter);
    this.worldTime = new WorldTimeRepository(graph, counter);
    this.disputes = new DisputeRepository(graph, counter);
    this.apiKeys = new ApiKeyRepository(graph, counter);
    this.changes = new ChangeLogRepository(graph, counter);
    this.exports = new ExportRepository(graph, counter);
    this.curation = new CurationRepository(graph, counter);
    this.history = new HistoryRepository(graph, counter);
    this.reviews = new MatchReviewRepository(graph, counter);
  }
}
