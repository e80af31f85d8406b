import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { buildASTSchema, type GraphQLEnumType, Kind, print } from 'graphql';

import * as sdk from '../../client/src/index.js';
import {
  documentIdForOperation,
  documentIdOf,
  ErrorCode,
  errorCodeOf,
  type GraphQLErrorLike,
  isErrorCode,
  isKnownErrorCode,
  operationDocuments,
  persistedRequestBody,
  SearchDocument,
  sha256HashOf,
  TRUSTED_DOCUMENTS_MISMATCH_MESSAGES,
  trustedDocumentsMismatchOf,
} from '../../client/src/index.js';
import { ErrorCode as ServerErrorCode } from '../../src/errors/error-code.js';
import { loadTypeDefs } from '../../src/server/schema.js';
import { loadTrustedDocuments } from '../../src/server/trusted-documents.js';

describe('SDK error codes', () => {
  it('are the schema enum ErrorCode, value for value, and the server uses the same set', () => {
    const schemaEnum = buildASTSchema(loadTypeDefs()).getType('ErrorCode') as GraphQLEnumType;
    const fromSchema = schemaEnum.getValues().map((v) => v.name);
    expect(Object.keys(ErrorCode).sort()).toEqual([...fromSchema].sort());
    expect(Object.entries(ErrorCode).every(([key, value]) => key === value)).toBe(true);
    expect(Object.values(ServerErrorCode).sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('finds the code in each error shape clients produce', () => {
    const error = { message: 'no', extensions: { code: 'NOT_FOUND' } };
    expect(errorCodeOf(error)).toBe('NOT_FOUND');
    expect(errorCodeOf([{ message: 'x', extensions: {} }, error])).toBe('NOT_FOUND');
    expect(errorCodeOf({ errors: [error] })).toBe('NOT_FOUND');
    // graphql-request's ClientError
    expect(errorCodeOf(Object.assign(new Error('x'), { response: { errors: [error], status: 200 } }))).toBe('NOT_FOUND');
    // Apollo Client 4's CombinedGraphQLErrors: itself has message and extensions, its errors carry the codes.
    expect(errorCodeOf(Object.assign(new Error('x'), { extensions: { roundTrips: 0 }, errors: [error] }))).toBe('NOT_FOUND');
    // Apollo Client 4's ServerError (a 4xx answer): only the body text.
    expect(
      errorCodeOf(
        Object.assign(new Error('x'), {
          statusCode: 403,
          bodyText: JSON.stringify({ errors: [{ message: 'x', extensions: { code: 'FORBIDDEN' } }] }),
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(errorCodeOf(new Error('wrapped', { cause: { errors: [error] } }))).toBe('NOT_FOUND');
  });

  it('answers undefined for network failures and unknown codes', () => {
    expect(errorCodeOf(new TypeError('fetch failed'))).toBeUndefined();
    expect(errorCodeOf({ message: 'x', extensions: { code: 'SOMETHING_ELSE' } })).toBeUndefined();
    expect(errorCodeOf(null)).toBeUndefined();
    expect(isKnownErrorCode('TIMEOUT')).toBe(true);
    expect(isKnownErrorCode('timeout')).toBe(false);
  });

  it('narrows a single error by code', () => {
    const error: GraphQLErrorLike = { message: 'slow', extensions: { code: 'TIMEOUT' } };
    expect(isErrorCode(error, ErrorCode.NOT_FOUND)).toBe(false);
    if (!isErrorCode(error, ErrorCode.TIMEOUT)) throw new Error('expected TIMEOUT');
    const code: 'TIMEOUT' = error.extensions.code;
    expect(code).toBe('TIMEOUT');
  });
});

describe('SDK enums at run time', () => {
  it('exports every enum of the schema as an object of its values', () => {
    const schema = buildASTSchema(loadTypeDefs());
    const enums = Object.values(schema.getTypeMap()).filter(
      (type): type is GraphQLEnumType => type.astNode?.kind === Kind.ENUM_TYPE_DEFINITION,
    );
    expect(enums.length).toBeGreaterThanOrEqual(9);
    for (const type of enums) {
      const runtime = (sdk as Record<string, unknown>)[type.name];
      expect([type.name, runtime]).toEqual([type.name, Object.fromEntries(type.getValues().map((v) => [v.name, v.name]))]);
    }
    expect(sdk.ActorKind.STATE).toBe('STATE');
    expect(Object.values(sdk.ClaimStatus)).toEqual(expect.arrayContaining(['ASSERTED', 'ALLEGED']));
  });
});

describe('SDK trusted-documents mismatches', () => {
  it('names which side disagrees, from what the server answered', () => {
    const off = { errors: [{ message: 'x', extensions: { code: 'BAD_REQUEST', trustedDocuments: 'off' } }] };
    const unknown = { errors: [{ message: 'x', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', trustedDocuments: 'on' } }] };
    const text = { errors: [{ message: 'x', extensions: { code: 'FORBIDDEN', trustedDocuments: 'on' } }] };
    expect(trustedDocumentsMismatchOf(off)).toBe('SERVER_NOT_TRUSTED');
    expect(trustedDocumentsMismatchOf(unknown)).toBe('UNKNOWN_TO_SERVER');
    expect(trustedDocumentsMismatchOf(text)).toBe('SERVER_REQUIRES_IDS');
    expect(TRUSTED_DOCUMENTS_MISMATCH_MESSAGES.SERVER_NOT_TRUSTED).toMatch(/not in trusted-documents mode/);
  });

  it('does not mistake other errors for a mismatch', () => {
    expect(trustedDocumentsMismatchOf({ errors: [{ message: 'x', extensions: { code: 'BAD_REQUEST' } }] })).toBeUndefined();
    expect(trustedDocumentsMismatchOf({ errors: [{ message: 'x', extensions: { code: 'FORBIDDEN' } }] })).toBeUndefined();
    expect(trustedDocumentsMismatchOf(new TypeError('fetch failed'))).toBeUndefined();
  });
});

describe('SDK trusted documents', () => {
  const manifest = JSON.parse(readFileSync('client/src/__generated__/persisted-documents.json', 'utf8')) as Record<string, string>;

  it('has the operations front-ends need', () => {
    expect(Object.keys(operationDocuments).sort()).toEqual([
      'ActorById',
      'ActorsPage',
      'AddAlias',
      'AddSource',
      'Alignment',
      'ApiKeys',
      'ApiVersion',
      'AssertRelation',
      'Changes',
      'ChangesBetween',
      'Contested',
      'CorrectActor',
      'CorrectRelation',
      'CorrectSanction',
      'CreateApiKey',
      'Followers',
      'GraphChanged',
      'MatchCandidates',
      'MergeActors',
      'Neighbourhood',
      'Paths',
      'RecordSanction',
      'RecordedBetween',
      'RelationshipHistory',
      'RelationshipsPage',
      'ResolveMatch',
      'RetractActor',
      'RetractRelation',
      'RetractSanction',
      'RevokeApiKey',
      'SanctionById',
      'SanctionedBy',
      'SanctionedByPage',
      'Sanctions',
      'SanctionsPage',
      'Search',
      'SearchPage',
      'SourceById',
      'Sources',
      'Timeline',
      'UpsertActor',
      'WhoSanctioned',
      'WhoSanctionedPage',
    ]);
  });

  it('covers every root field of the schema: queries, mutations and subscriptions', () => {
    const schema = buildASTSchema(loadTypeDefs());
    const rootFields = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((type) =>
      Object.keys(type?.getFields() ?? {}),
    );
    const used = new Set(
      Object.values(operationDocuments).flatMap((document) =>
        document.definitions.flatMap((d) =>
          d.kind === Kind.OPERATION_DEFINITION
            ? d.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []))
            : [],
        ),
      ),
    );
    expect(rootFields.length).toBeGreaterThanOrEqual(12);
    expect(rootFields.filter((field) => !used.has(field))).toEqual([]);
  });

  it('gives every operation an id of the manifest, and the manifest holds exactly those', () => {
    const ids = Object.values(operationDocuments).map((d) => documentIdOf(d));
    expect(ids.sort()).toEqual(Object.keys(manifest).sort());
    expect(documentIdForOperation('Search')).toBe(documentIdOf(SearchDocument));
    expect(documentIdForOperation('NoSuchOperation')).toBeUndefined();
    expect(documentIdForOperation('constructor')).toBeUndefined();
  });

  it('builds persisted request bodies for both protocols', () => {
    const body = persistedRequestBody(SearchDocument, { text: 'sensetime' });
    expect(body).toEqual({
      documentId: documentIdOf(SearchDocument),
      operationName: 'Search',
      variables: { text: 'sensetime' },
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256HashOf(SearchDocument) } },
    });
    expect(sha256HashOf(SearchDocument)).toMatch(/^[0-9a-f]{64}$/);
    expect(() => documentIdOf({ kind: 'Document', definitions: [] } as never)).toThrow(/no trusted-document id/);
  });

  it('keeps the manifest documents equal to the SDK documents (modulo normalisation)', () => {
    const text = manifest[documentIdOf(SearchDocument)];
    expect(text).toContain('query Search(');
    expect(print(SearchDocument)).toContain('__typename');
  });
});

describe('trusted-documents manifest loading', () => {
  it('loads the generated manifest, keyed by hex', () => {
    const documents = loadTrustedDocuments();
    expect(documents.get(sha256HashOf(SearchDocument))).toContain('query Search(');
  });

  it('refuses a manifest whose id does not match its document, or that is not a manifest', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'manifest-'));
    try {
      const file = path.join(dir, 'persisted-documents.json');
      const id = documentIdOf(SearchDocument);
      writeFileSync(file, JSON.stringify({ [id]: '{ apiVersion }' }));
      expect(() => loadTrustedDocuments(file)).toThrow(/is not the SHA-256 of its document/);
      writeFileSync(file, JSON.stringify({ 'not-an-id': '{ apiVersion }' }));
      expect(() => loadTrustedDocuments(file)).toThrow(/bad entry 'not-an-id'/);
      writeFileSync(file, JSON.stringify(['{ apiVersion }']));
      expect(() => loadTrustedDocuments(file)).toThrow(/not a JSON object/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
