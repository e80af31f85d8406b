import type { GraphClient, RoundTripCounter } from './graph-client.js';
import { OperationTrace } from './operation-trace.js';
import { ActorRepository } from './repositories/actor-repository.js';
import { CurationRepository } from './repositories/curation-repository.js';
import { HistoryRepository } from './repositories/history-repository.js';
import { PathRepository } from './repositories/path-repository.js';
import { RelationshipRepository } from './repositories/relationship-repository.js';
import { SanctionRepository } from './repositories/sanction-repository.js';
import { SourceRepository } from './repositories/source-repository.js';

export type { ActorListFilter, ActorListPosition, ActorListQuery, ActorSearchQuery } from './repositories/actor-repository.js';
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
  /** Curated writes (mutations and the seed), each one audited write transaction. */
  readonly curation: CurationRepository;
  /** The graph's own history: versions of records, and the graph as recorded at an instant. */
  readonly history: HistoryRepository;

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
    this.curation = new CurationRepository(graph, counter);
    this.history = new HistoryRepository(graph, counter);
  }
}
