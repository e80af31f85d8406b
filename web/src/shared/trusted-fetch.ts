import { documentIdForOperation } from '@sanctions-graph/client';

/**
 * The body of a GraphQL POST with the SDK's trusted-document id beside the text when the operation is
 * one of the SDK's: a server in trusted-documents mode runs the id (and ignores the text), any other
 * server runs the text. So one page works against both, with no extra round trip.
 *
 * @example
 * withDocumentId({ query, operationName: 'Search', variables }) // adds documentId: 'sha256:…'
 */
export function withDocumentId<T extends { operationName?: string | null | undefined }>(body: T): T & { documentId?: string } {
  const documentId = body.operationName ? documentIdForOperation(body.operationName) : undefined;
  return documentId ? { ...body, documentId } : body;
}
