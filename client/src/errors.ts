import { ErrorCode } from './__generated__/enums.js';

export { ErrorCode };

/** A GraphQL error as it arrives over HTTP (the shape of graphql-js's `GraphQLFormattedError`). */
export interface GraphQLErrorLike {
  readonly message: string;
  readonly extensions?: { readonly code?: unknown; readonly [key: string]: unknown } | undefined;
}

/** A GraphQL error whose `extensions.code` is the code `C`. */
export type GraphQLErrorWithCode<C extends ErrorCode> = GraphQLErrorLike & { readonly extensions: { readonly code: C } };

const known = new Set<string>(Object.values(ErrorCode));

/**
 * True when `value` is one of the server's error codes.
 *
 * @example
 * isKnownErrorCode('NOT_FOUND'); // true
 */
export function isKnownErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && known.has(value);
}

/**
 * The GraphQL errors inside whatever a client threw or returned: a single GraphQL error, an array of
 * them, a response body (`{ errors }`), graphql-request's `ClientError` (`response.errors`), Apollo
 * Client 4's `CombinedGraphQLErrors` (`errors`) and `ServerError` (`bodyText`), or an error wrapping one
 * of these in `cause`.
 */
export function graphQLErrorsOf(error: unknown): GraphQLErrorLike[] {
  const found: GraphQLErrorLike[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): void => {
    if (value === null || typeof value !== 'object' || seen.has(value) || depth > 4) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    // A container (Apollo's CombinedGraphQLErrors) may itself have `message` and `extensions`.
    if (typeof record['message'] === 'string' && isRecord(record['extensions']) && !Array.isArray(record['errors'])) {
      found.push(record as unknown as GraphQLErrorLike);
    }
    visit(record['errors'], depth + 1);
    visit(record['graphQLErrors'], depth + 1);
    if (isRecord(record['response'])) visit(record['response']['errors'], depth + 1);
    visit(record['cause'], depth + 1);
    // Apollo Client 4's ServerError (a non-2xx response) keeps the body as text only.
    if (typeof record['bodyText'] === 'string') visit(parseJson(record['bodyText']), depth + 1);
  };
  visit(error, 0);
  return found;
}

/**
 * The code of the first GraphQL error in `error` that carries one of the server's codes; undefined when
 * there is none (a network failure, say). Switch on it exhaustively: the union is the schema's enum.
 *
 * @example
 * switch (errorCodeOf(error)) {
 *   case 'NOT_FOUND': return showNotFound();
 *   case 'SERVICE_UNAVAILABLE': return retryLater();
 *   default: throw error;
 * }
 */
export function errorCodeOf(error: unknown): ErrorCode | undefined {
  for (const e of graphQLErrorsOf(error)) {
    const code = e.extensions?.code;
    if (isKnownErrorCode(code)) return code;
  }
  return undefined;
}

/**
 * True when `error` (or any GraphQL error inside it) carries `code`. Given a single GraphQL error, it also
 * narrows its type, so `error.extensions.code` is typed as `code`.
 *
 * @example
 * if (isErrorCode(error, ErrorCode.PERSISTED_QUERY_NOT_FOUND)) await uploadManifest();
 */
export function isErrorCode<C extends ErrorCode>(error: GraphQLErrorLike, code: C): error is GraphQLErrorWithCode<C>;
export function isErrorCode(error: unknown, code: ErrorCode): boolean;
export function isErrorCode(error: unknown, code: ErrorCode): boolean {
  return graphQLErrorsOf(error).some((e) => e.extensions?.code === code);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}
