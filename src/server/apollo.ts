import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';

import type { Config } from '../config/config.js';
import { CompiledStatements } from '../graph/cypher/compiled-cypher.js';
import { withCompiledSelections } from '../resolvers/compiled-selection.js';
import type { GraphQLContext } from '../resolvers/context.js';
import { resolvers } from '../resolvers/index.js';
import { accessControlPlugin, type AccessPolicy, roleRequirements } from './access-control.js';
import { bookmarkPlugin } from './bookmarks.js';
import { costPlugin } from './cost/cost-plugin.js';
import type { ErrorLog } from './error-log.js';
import { formatError } from './format-error.js';
import type { ApiMetrics } from './metrics.js';
import { operationLimitsRule } from './operation-limits.js';
import { operationPlugin } from './plugins.js';
import type { CostRateLimiter } from './rate-limit.js';
import { responseGuardPlugin } from './response-guard.js';
import { buildApiSchema, loadTypeDefs } from './schema.js';
import { documentIdsRefusedPlugin, loadTrustedDocuments, trustedDocumentsPlugin } from './trusted-documents.js';
import { withYieldingLists } from './yielding-lists.js';

/** The executable schema and the Apollo Server over it; the WebSocket endpoint (ws/) runs the same schema. */
export interface Api {
  readonly apollo: ApolloServer<GraphQLContext>;
  /** The schema with its resolvers, for graphql-ws (subscriptions), which Apollo does not serve. */
  readonly schema: GraphQLSchema;
  /** `@requiresRole` and READ_ACCESS, read from the SDL once: the same check for HTTP and WebSocket. */
  readonly access: AccessPolicy;
}

/**
 * The Apollo Server of the API: schema, resolvers, access control, limits, masking and plugins. Knows
 * nothing of HTTP; the /graphql route (routes/graphql-route.ts) bridges requests to it. The schema is
 * built once (SDL, resolvers, the role requirements of `@requiresRole`) and shared with the WebSocket
 * endpoint (ws/graphql-ws.ts).
 *
 * @example
 * const { apollo, schema, access } = createApi(config, { errorLog }); await apollo.start();
 */
export function createApi(config: Config, deps: { metrics?: ApiMetrics; errorLog: ErrorLog; limiter?: CostRateLimiter }): Api {
  const typeDefs = loadTypeDefs();
  // An Apollo Federation 2 subgraph as it stands (docs/federation.md). Long lists are completed a batch per
  // event-loop turn, so a large answer does not stall the process. Nested selections of the root fields
  // that opt in are fetched in one compiled statement (issue 18).
  const schema = buildApiSchema({
    typeDefs,
    resolvers: withYieldingLists(
      typeDefs,
      config.compiler.enabled ? withCompiledSelections(resolvers, new CompiledStatements(config.compiler.maxShapes)) : resolvers,
    ),
    maxEntities: config.limits.maxEntities,
  });
  const access: AccessPolicy = { required: roleRequirements(typeDefs), readsNeedKey: config.access.readAccess === 'key' };
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: config.introspection,
    hideSchemaDetailsFromClientErrors: config.nodeEnv === 'production',
    includeStacktraceInErrorResponses: false,
    formatError: formatError(config.nodeEnv === 'development'),
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Limits are checked before execution, so a rejected operation never reaches the database.
    validationRules: [operationLimitsRule(config.limits)],
    parseOptions: { maxTokens: config.limits.maxTokens },
    // Signals are handled by main.ts, which also closes the driver.
    stopOnTerminationSignals: false,
    plugins: [
      // Apollo's landing pages load scripts from a CDN, which cannot load offline.
      ApolloServerPluginLandingPageDisabled(),
      // Every answer is `cache-control: no-store`; the cache-control plugin would only add a hook to every
      // field resolved (measurable on answers of thousands of objects).
      ApolloServerPluginCacheControlDisabled(),
      // First: a refused caller is not costed, charged or traced beyond the refusal.
      accessControlPlugin(access),
      // Nothing reports to Apollo's cloud: no usage or schema reporting (an APOLLO_KEY in the environment
      // would otherwise switch them on). Apollo turns on federated tracing (ftv1) for a subgraph schema: any
      // caller sending its header would get per-field timings and errors in `extensions.ftv1`; its only
      // reader is Apollo's hosted usage reporting through a gateway, which this server does not use.
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      operationPlugin({ exposeRoundTrips: config.exposeRoundTrips, metrics: deps.metrics, errorLog: deps.errorLog }),
      costPlugin({ maxCost: config.limits.maxCost, limiter: deps.limiter, windowMs: config.rateLimit?.windowMs }),
      responseGuardPlugin(),
      // Read-your-writes: the bookmarks of a mutation's commits go back to the client (issue 19).
      bookmarkPlugin(),
      config.trustedDocuments ? trustedDocumentsPlugin(loadTrustedDocuments(config.trustedDocumentsManifest)) : documentIdsRefusedPlugin(),
    ],
  });
  return { apollo, schema, access };
}
