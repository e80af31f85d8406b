/**
 * A second Apollo Federation 2 subgraph for the federation tests (docs/federation.md): a compliance team's
 * watchlist that refers to our actors and sanctions by id and extends Actor with fields of its own. It
 * holds its data in memory; the tests compose it with this server's SDL and serve it with @apollo/server.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/** The watchlist subgraph's SDL: its own root field and type, and Actor extended by `@key(fields: "id")`. */
export const WATCHLIST_SDL = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Query {
    "Actors a compliance team watches, in the order they were added."
    watchlist: [WatchlistEntry!]!
  }

  "One watched actor, with why, and the sanction that put it there when there is one."
  type WatchlistEntry {
    "Why the actor is watched."
    reason: String!
    "The actor, resolved by the sanctions subgraph."
    actor: Actor!
    "The sanction behind the entry, resolved by the sanctions subgraph."
    sanction: Sanction
  }

  "An actor of the sanctions subgraph, extended with the watchlist's fields."
  type Actor @key(fields: "id") {
    id: ID!
    "True when the actor is on the watchlist."
    watched: Boolean!
    "The team's note on the actor, when it has one."
    watchNote: String
  }

  "A sanction of the sanctions subgraph, referred to by id only."
  type Sanction @key(fields: "id", resolvable: false) {
    id: ID!
  }
`);

/** The watchlist's entries: seed ids of the sanctions graph. */
export const WATCHLIST = [
  { actorId: 'sensetime', sanctionId: 'sanction-2021-12-10-sensetime-investment-ban', reason: 'Investment ban (CMIC list)' },
  { actorId: 'myanmar-military', sanctionId: null, reason: 'Named in the Myanmar designations' },
] as const;

const NOTES: Readonly<Record<string, string>> = { sensetime: 'Facial recognition; check suppliers.' };

/** The watchlist subgraph's schema with its resolvers. */
export function watchlistSchema(): ReturnType<typeof buildSubgraphSchema> {
  return buildSubgraphSchema({
    typeDefs: WATCHLIST_SDL,
    resolvers: {
      Query: {
        watchlist: () =>
          WATCHLIST.map((e) => ({
            reason: e.reason,
            actor: { id: e.actorId },
            sanction: e.sanctionId === null ? null : { id: e.sanctionId },
          })),
      },
      Actor: {
        __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
        watched: (actor: { id: string }) => WATCHLIST.some((e) => e.actorId === actor.id),
        watchNote: (actor: { id: string }) => NOTES[actor.id] ?? null,
      },
    },
  });
}

/** A running watchlist subgraph. */
export interface RunningSubgraph {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Serves the watchlist subgraph on loopback (`port` 0: any free one) with @apollo/server.
 *
 * @example
 * const watchlist = await startWatchlistSubgraph(); afterAll(() => watchlist.stop());
 */
export async function startWatchlistSubgraph(port = 0): Promise<RunningSubgraph> {
  const server = new ApolloServer({ schema: watchlistSchema(), plugins: [ApolloServerPluginInlineTraceDisabled()] });
  const { url } = await startStandaloneServer(server, { listen: { host: '127.0.0.1', port } });
  return { url, stop: () => server.stop() };
}
