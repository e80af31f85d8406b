import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';

import { PATHS } from '../config/paths.js';
import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-code.js';
import type { GraphQLContext } from '../resolvers/context.js';

/** The manifest codegen writes for the SDK's operations: `sha256:<hex>` -> document text. */
export const TRUSTED_DOCUMENTS_MANIFEST = PATHS.trustedDocumentsManifest;

/** HTTP status of a request naming a document id the manifest does not hold. */
export const UNKNOWN_DOCUMENT_STATUS = 400;
/** HTTP status of a request sending a document's text instead of a trusted document's id. */
export const FREE_FORM_DOCUMENT_STATUS = 403;

/** The trusted documents, by the lower-case hex of their SHA-256. */
export type TrustedDocuments = ReadonlyMap<string, string>;

const HEX_ID = /^(?:sha256:)?([0-9a-fA-F]{64})$/;

// A rejected request runs through Apollo's pipeline with this harmless stand-in, so its own text is never
// parsed or validated (no schema details leak) and the rejection is formatted and logged like any error.
const REJECTED_OPERATION = 'TrustedDocumentRejected';
const REJECTED_DOCUMENT = `query ${REJECTED_OPERATION} { __typename }`;

/**
 * Reads a trusted-documents manifest and checks that each id is the SHA-256 of its document, so a hand
 * edit cannot slip another document in under a known id.
 *
 * @throws Error when the file is missing, is not a manifest, or an id does not match its document.
 * @example
 * const documents = loadTrustedDocuments(); // client/src/__generated__/persisted-documents.json
 */
export function loadTrustedDocuments(file: string = TRUSTED_DOCUMENTS_MANIFEST): TrustedDocuments {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`Trusted-documents manifest ${file} is not a JSON object of id -> document`);
  }
  const documents = new Map<string, string>();
  for (const [id, document] of Object.entries(parsed)) {
    const hex = HEX_ID.exec(id)?.[1]?.toLowerCase();
    if (!hex || typeof document !== 'string') throw new Error(`Trusted-documents manifest ${file}: bad entry '${id}'`);
    if (sha256Hex(document) !== hex) throw new Error(`Trusted-documents manifest ${file}: '${id}' is not the SHA-256 of its document`);
    documents.set(hex, document);
  }
  return documents;
}

/**
 * Trusted-documents mode: the server runs only the documents of the manifest, named by id, and rejects
 * everything else before it is parsed.
 *
 * A request names a document by `documentId` (`sha256:<hex>`, in the POST body or the GET query string)
 * or by Apollo's persisted-query extension (`extensions.persistedQuery.sha256Hash`, hex). A known id runs
 * the manifest's text (any `query` sent along is ignored). An unknown id is rejected with
 * PERSISTED_QUERY_NOT_FOUND (HTTP 400); a request with no id (a free-form document) with FORBIDDEN (403).
 *
 * @example
 * new ApolloServer({ ..., plugins: [trustedDocumentsPlugin(loadTrustedDocuments())] });
 */
export function trustedDocumentsPlugin(documents: TrustedDocuments): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ request }) {
      const id = documentIdOf(request);
      const { persistedQuery: _persistedQuery, ...extensions } = request.extensions ?? {};
      // Apollo's own persisted-query cache must never see the request: it would register new documents.
      request.extensions = extensions;
      const hex = id === undefined ? undefined : HEX_ID.exec(id)?.[1]?.toLowerCase();
      const trusted = hex === undefined ? undefined : documents.get(hex);
      if (trusted !== undefined) {
        request.query = trusted;
        return;
      }
      const rejection =
        id === undefined
          ? new AppError(
              ErrorCode.FORBIDDEN,
              'This server runs only trusted documents: send a documentId (or extensions.persistedQuery.sha256Hash) of the SDK, not a query text',
              { trustedDocuments: 'on', http: { status: FREE_FORM_DOCUMENT_STATUS } },
            )
          : new AppError(ErrorCode.PERSISTED_QUERY_NOT_FOUND, 'No trusted document has this id', {
              documentId: hex === undefined ? null : `sha256:${hex}`,
              trustedDocuments: 'on',
              http: { status: UNKNOWN_DOCUMENT_STATUS },
            });
      request.query = REJECTED_DOCUMENT;
      request.operationName = REJECTED_OPERATION;
      return {
        async didResolveOperation() {
          throw rejection;
        },
      };
    },
  };
}

/**
 * Outside trusted-documents mode: a request that names a document by `documentId` without sending its
 * text gets a BAD_REQUEST that says why (`extensions.trustedDocuments: "off"`), instead of Apollo's
 * generic "must contain a non-empty query". Apollo's own persisted-query protocol
 * (`extensions.persistedQuery` alone) is left to Apollo, which registers documents in this mode.
 *
 * @example
 * new ApolloServer({ ..., plugins: [config.trustedDocuments ? trustedDocumentsPlugin(docs) : documentIdsRefusedPlugin()] });
 */
export function documentIdsRefusedPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart({ request }) {
      const body = request.http?.method === 'POST' ? request.http.body : undefined;
      const fromBody = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)['documentId'] : undefined;
      const fromQuery = request.http?.method === 'GET' ? new URLSearchParams(request.http.search).get('documentId') : null;
      const documentId = typeof fromBody === 'string' && fromBody !== '' ? fromBody : (fromQuery ?? undefined);
      if (documentId === undefined || (request.query !== undefined && request.query !== '')) return;
      const rejection = new AppError(
        ErrorCode.BAD_REQUEST,
        'This server is not in trusted-documents mode (TRUSTED_DOCUMENTS=off) and does not run documents by id: send the query text',
        { trustedDocuments: 'off', http: { status: UNKNOWN_DOCUMENT_STATUS } },
      );
      request.query = REJECTED_DOCUMENT;
      request.operationName = REJECTED_OPERATION;
      return {
        async didResolveOperation() {
          throw rejection;
        },
      };
    },
  };
}

/** The document id a request names, if any: `documentId` first, then Apollo's persisted-query hash. */
function documentIdOf(request: GraphQLRequest): string | undefined {
  const http = request.http;
  let documentId: unknown;
  if (http?.method === 'GET') documentId = new URLSearchParams(http.search).get('documentId') ?? undefined;
  else if (http?.body !== null && typeof http?.body === 'object') documentId = (http.body as Record<string, unknown>)['documentId'];
  if (typeof documentId === 'string' && documentId !== '') return documentId;
  const persistedQuery: unknown = request.extensions?.['persistedQuery'];
  if (persistedQuery !== null && typeof persistedQuery === 'object') {
    const hash = (persistedQuery as Record<string, unknown>)['sha256Hash'];
    if (typeof hash === 'string' && hash !== '') return hash;
  }
  return undefined;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
