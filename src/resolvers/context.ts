import type { Logger } from 'pino';

import type { ApiKeyService } from '../auth/api-keys.js';
import type { Principal } from '../auth/principal.js';
import type { GraphRepository } from '../graph/graph-repository.js';
import type { ChangeFeed } from '../services/change-feed.js';
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
  /** Who is calling (src/auth/principal.ts); anonymous until a key or token is verified. */
  readonly principal: Principal;
  /** The request's `Idempotency-Key` header, when sent; a mutation's own `idempotencyKey` input wins. */
  readonly idempotencyKey?: string;
  /** Key management for the admin mutations, on the operation's trace (src/auth/api-keys.ts). */
  readonly apiKeys: ApiKeyService;
  /**
   * The process's change feed (`graphChanged`). A write calls `changeFeed.committed(seq)` once its change
   * record commits: this process's streams wake at once (other replicas see it at their next poll).
   */
  readonly changeFeed: ChangeFeed;
}
