import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';

import type { Config } from '../config/config.js';
import type { GraphQLContext } from '../resolvers/context.js';
import { resolvers } from '../resolvers/index.js';
import type { ErrorLog } from './error-log.js';
import { formatError } from './format-error.js';
import type { ApiMetrics } from './metrics.js';
import { operationLimitsRule } from './operation-limits.js';
import { operationPlugin } from './plugins.js';
import { loadTypeDefs } from './schema.js';
import { loadTrustedDocuments, trustedDocumentsPlugin } from './trusted-documents.js';

/**
 * The Apollo Server of the API: schema, resolvers, limits, masking and plugins. Knows nothing of HTTP;
 * the /graphql route (routes/graphql-route.ts) bridges requests to it.
 *
 * @example
 * const apollo = createApollo(config, { metrics, errorLog }); await apollo.start();
 */
export function createApollo(config: Config, deps: { metrics?: ApiMetrics; errorLog: ErrorLog }): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    typeDefs: loadTypeDefs(),
    resolvers,
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
      operationPlugin({ exposeRoundTrips: config.exposeRoundTrips, metrics: deps.metrics, errorLog: deps.errorLog }),
      ...(config.trustedDocuments ? [trustedDocumentsPlugin(loadTrustedDocuments(config.trustedDocumentsManifest))] : []),
    ],
  });
}
