import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind } from 'graphql';

import * as generated from './__generated__/graphql.js';
import { documentIdOf } from './persisted.js';

/** Every operation document of the SDK (client/operations/*.graphql), by operation name. */
export const operationDocuments: Readonly<Record<string, TypedDocumentNode<unknown, Record<string, unknown>>>> = Object.freeze(
  Object.fromEntries(
    Object.values(generated as Record<string, unknown>)
      .filter(isDocument)
      .flatMap((document) =>
        document.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [[d.name.value, document] as const] : [])),
      ),
  ),
);

/**
 * The trusted-document id (`sha256:<hex>`) of the SDK's operation called `operationName`; undefined for
 * an operation the SDK does not have. Handy in a fetch middleware that swaps a query for its id.
 *
 * @example
 * documentIdForOperation('Search'); // 'sha256:9c2d…'
 */
export function documentIdForOperation(operationName: string): string | undefined {
  const document = Object.hasOwn(operationDocuments, operationName) ? operationDocuments[operationName] : undefined;
  return document ? documentIdOf(document) : undefined;
}

function isDocument(value: unknown): value is TypedDocumentNode<unknown, Record<string, unknown>> {
  return value !== null && typeof value === 'object' && (value as { kind?: unknown }).kind === 'Document';
}
