import type { EdgeModel } from '../graph/connection-model.js';
import type { PageInfoModel } from '../graph/model.js';

/**
 * The edges and page info of a page fetched with one row more than its size (`first + 1`): the extra
 * row only tells that more follow.
 *
 * @example
 * const { edges, pageInfo } = pageOf(rows, 20, after !== null, (r) => ({ cursor: encodeCursor(scope, [r.id]), node: r }));
 */
export function pageOf<R, N>(
  rows: readonly R[],
  first: number,
  hasPreviousPage: boolean,
  edge: (row: R, index: number) => EdgeModel<N>,
): { edges: EdgeModel<N>[]; pageInfo: PageInfoModel } {
  const edges = rows.slice(0, first).map(edge);
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** A cursor position of one id (keyset pages by id). */
export const isIdPosition = (value: unknown): value is [string] =>
  Array.isArray(value) && value.length === 1 && typeof value[0] === 'string';

/** A cursor position that counts the items before the next page (pages of computed rankings). */
export const isOffsetPosition = (value: unknown): value is [number] =>
  Array.isArray(value) && value.length === 1 && Number.isInteger(value[0]) && (value[0] as number) > 0;

/** A cursor position of a date (ISO) and an id. */
export const isDateIdPosition = (value: unknown): value is [string, string] =>
  Array.isArray(value) &&
  value.length === 2 &&
  typeof value[0] === 'string' &&
  /^\d{4}-\d{2}-\d{2}$/.test(value[0]) &&
  typeof value[1] === 'string';
