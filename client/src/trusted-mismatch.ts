import { ErrorCode } from './__generated__/enums.js';
import { graphQLErrorsOf } from './errors.js';

/**
 * How a client and a server disagree about trusted documents:
 * - `SERVER_NOT_TRUSTED`: the client sent document ids, but the server is not in trusted-documents mode
 *   and only runs query texts (send the text, or turn TRUSTED_DOCUMENTS=on on the server);
 * - `UNKNOWN_TO_SERVER`: the server runs trusted documents but does not know this id (its manifest comes
 *   from another build of the SDK: deploy the manifest of the client's commit);
 * - `SERVER_REQUIRES_IDS`: the server runs only trusted documents and the client sent a query text.
 */
export type TrustedDocumentsMismatch = 'SERVER_NOT_TRUSTED' | 'UNKNOWN_TO_SERVER' | 'SERVER_REQUIRES_IDS';

/** What each {@link TrustedDocumentsMismatch} means, in words a developer can act on. */
export const TRUSTED_DOCUMENTS_MISMATCH_MESSAGES: Readonly<Record<TrustedDocumentsMismatch, string>> = Object.freeze({
  SERVER_NOT_TRUSTED:
    'The client sent trusted-document ids, but the server is not in trusted-documents mode (TRUSTED_DOCUMENTS=off): send the query text, or turn the mode on on the server.',
  UNKNOWN_TO_SERVER:
    "The server runs only trusted documents and does not know this document's id: its manifest comes from another build of the SDK. Deploy the persisted-documents.json of the client's version.",
  SERVER_REQUIRES_IDS:
    'The server runs only trusted documents (TRUSTED_DOCUMENTS=on) and the client sent a query text: send the document id (documentId or extensions.persistedQuery).',
});

/**
 * Which way client and server disagree about trusted documents, read from what a request failed with
 * (any error shape `errorCodeOf` understands); undefined when the failure is something else.
 *
 * The server marks its answers with `extensions.trustedDocuments` (`"on"` or `"off"`), so a plain
 * FORBIDDEN or BAD_REQUEST from elsewhere is not mistaken for a mismatch.
 *
 * @example
 * const mismatch = trustedDocumentsMismatchOf(error);
 * if (mismatch) console.error(TRUSTED_DOCUMENTS_MISMATCH_MESSAGES[mismatch]);
 */
export function trustedDocumentsMismatchOf(error: unknown): TrustedDocumentsMismatch | undefined {
  for (const e of graphQLErrorsOf(error)) {
    const mode = e.extensions?.['trustedDocuments'];
    const code = e.extensions?.code;
    if (code === ErrorCode.BAD_REQUEST && mode === 'off') return 'SERVER_NOT_TRUSTED';
    if (code === ErrorCode.PERSISTED_QUERY_NOT_FOUND && mode === 'on') return 'UNKNOWN_TO_SERVER';
    if (code === ErrorCode.FORBIDDEN && mode === 'on') return 'SERVER_REQUIRES_IDS';
  }
  return undefined;
}
