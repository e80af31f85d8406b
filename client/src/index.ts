/**
 * `@sanctions-graph/client`: typed documents for the sanctions-graph API, its error codes, and the ids of
 * its trusted documents. Everything under `__generated__/` comes from `npm run codegen`.
 */
export * from './__generated__/graphql.js';
export {
  ErrorCode,
  errorCodeOf,
  type GraphQLErrorLike,
  graphQLErrorsOf,
  type GraphQLErrorWithCode,
  isErrorCode,
  isKnownErrorCode,
} from './errors.js';
export { documentIdForOperation, operationDocuments } from './operations.js';
export { documentIdOf, type PersistedDocument, type PersistedRequestBody, persistedRequestBody, sha256HashOf } from './persisted.js';
