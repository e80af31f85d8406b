// The neighbourhoods in view: the centre's (with its hops) and one more hop around each expanded actor,
// asked in parallel with the SDK's typed NeighbourhoodDocument. While new answers load, the previous
// ones stay in view, so the picture never blanks.
import { useApolloClient } from '@apollo/client/react';
import { NeighbourhoodDocument, type NeighbourhoodQuery, type RelationshipType } from '@sanctions-graph/client';
import { useEffect, useMemo, useState } from 'react';

/** One neighbourhood to load. */
export interface NeighbourhoodRequest {
  readonly id: string;
  readonly hops: number;
}

interface Loaded {
  readonly key: string;
  readonly answers: readonly NeighbourhoodQuery['neighbourhood'][];
  readonly error: unknown;
}

/** Most actors per neighbourhood answer. */
export const NEIGHBOURHOOD_LIMIT = 100;

/** The answers for `requests` (in order), whether newer ones are loading, and the last error. */
export function useNeighbourhoods(
  requests: readonly NeighbourhoodRequest[],
  types: readonly RelationshipType[],
  asOf: string | undefined,
): { answers: readonly NeighbourhoodQuery['neighbourhood'][]; loading: boolean; error: unknown } {
  const client = useApolloClient();
  const key = useMemo(() => JSON.stringify({ requests, types, asOf }), [requests, types, asOf]);
  const [loaded, setLoaded] = useState<Loaded>({ key: '', answers: [], error: undefined });

  useEffect(() => {
    let current = true;
    const {
      requests: wanted,
      types: only,
      asOf: date,
    } = JSON.parse(key) as {
      requests: NeighbourhoodRequest[];
      types: RelationshipType[];
      asOf?: string;
    };
    Promise.all(
      wanted.map((request) =>
        client.query({
          query: NeighbourhoodDocument,
          variables: {
            id: request.id,
            hops: request.hops,
            types: only.length > 0 ? only : undefined,
            asOf: date,
            limit: NEIGHBOURHOOD_LIMIT,
          },
        }),
      ),
    ).then(
      (results) => {
        if (current) setLoaded({ key, answers: results.map((result) => result.data?.neighbourhood ?? null), error: undefined });
      },
      (error: unknown) => {
        if (current) setLoaded((previous) => ({ key, answers: previous.answers, error }));
      },
    );
    return () => {
      current = false;
    };
  }, [client, key]);

  return { answers: loaded.answers, loading: loaded.key !== key, error: loaded.error };
}
