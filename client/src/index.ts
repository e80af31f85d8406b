/**
 * `@sanctions-graph/client`: typed documents for the sanctions-graph API, its enums and error codes (as
 * values and types), and the ids of its trusted documents. Everything under `__generated__/` comes from
 * `npm run codegen`.
 */
export * from './__generated__/graphql.js';
// Every schema enum as a runtime object and a union type (`ActorKind.STATE`, `Object.values(ClaimStatus)`).
// Named here so they win over the type-only unions of graphql.js; a unit test checks that none is missing.
export {
  ActorKind,
  ActorOrderField,
  ClaimStatus,
  DatePrecision,
  Direction,
  DisputeKind,
  EndReason,
  FindingDistinct,
  MatchDecision,
  RelationshipType,
  ReviewStatus,
  Role,
  SanctionMeasure,
  SanctionRole,
  SortDirection,
  SourceKind,
  TimeBasis,
  TimelineRole,
  WorldEventKind,
} from './__generated__/enums.js';
export {
  BOOKMARK_HEADER,
  bookmarkingFetch,
  type BookmarkStore,
  type FetchLike,
  type HeadersInitLike,
  memoryBookmarkStore,
  type ResponseLike,
} from './bookmarks.js';
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
export { TRUSTED_DOCUMENTS_MISMATCH_MESSAGES, type TrustedDocumentsMismatch, trustedDocumentsMismatchOf } from './trusted-mismatch.js';
