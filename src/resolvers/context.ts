import type { Logger } from 'pino';

import type { GraphRepository } from '../graph/graph-repository.js';
import type { Loaders } from '../services/loaders.js';

/** What every resolver gets: the request's repository (with its round-trip counter), loaders and log. */
export interface GraphQLContext {
  readonly requestId: string;
  readonly repo: GraphRepository;
  readonly loaders: Loaders;
  readonly log: Logger;
}
