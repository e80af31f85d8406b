import type { Logger } from 'pino';

import type { GraphRepository } from '../graph/graph-repository.js';
import type { Loaders } from '../services/loaders.js';

/**
 * What every resolver gets: the request's repository (with its round-trip counter and byte budget), loaders
 * and log, and who the caller is.
 */
export interface GraphQLContext {
  readonly requestId: string;
  /** Who pays for the operation in the per-caller cost budget (src/server/rate-limit.ts `callerKey`). */
  readonly caller: string;
  readonly repo: GraphRepository;
  readonly loaders: Loaders;
  readonly log: Logger;
}
