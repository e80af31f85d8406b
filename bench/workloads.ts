/**
 * The workloads of BENCHMARK.md, each as the same request for every variant: floor operation (F0, F1),
 * this server's GraphQL (S) and the peer's GraphQL (P).
 */
import { RELATIONSHIP_TYPES } from '../src/graph/model.js';
import type { FloorOpName, FloorVars } from './floor.js';
import { NEIGHBOURHOOD_LIMIT, PATH_MAX_HOPS, TRANSITIVE_LIMIT } from './floor.js';

/** One request, as each variant sends it. */
export interface BenchRequest {
  readonly f: { readonly op: FloorOpName; readonly vars: FloorVars };
  readonly s: { readonly query: string; readonly variables: Record<string, unknown> };
  readonly p: { readonly query: string; readonly variables: Record<string, unknown> };
}

/** A workload row of the result tables: a name and the requests cycled through. */
export interface Workload {
  readonly key: string;
  readonly title: string;
  readonly requests: readonly BenchRequest[];
}

const S_POINT = 'query Point($id: ID!) { actor(id: $id) { id name kind country degree } }';
const P_POINT = 'query Point($id: ID!) { actors(where: { id: { eq: $id } }) { id name kind country degree } }';

const S_NESTED = `query Nested($id: ID!) { actor(id: $id) { id name
  relationships(types: [SANCTIONED], direction: OUTGOING, first: 10) { edges { node { id } other { id name
    relationships(types: [SANCTIONED], direction: OUTGOING, first: 5) { edges { node { id } other { id name } } } } } } } }`;
const P_NESTED = `query Nested($id: ID!) { actors(where: { id: { eq: $id } }) { id name
  sanctionedConnection(first: 10, sort: [{ edge: { id: ASC } }]) { edges { properties { id } node { id name
    sanctionedConnection(first: 5, sort: [{ edge: { id: ASC } }]) { edges { properties { id } node { id name } } } } } } } }`;

const S_TRANSITIVE = `query Who($id: ID!) { whoSanctioned(actorId: $id, includeIndirect: true, first: ${TRANSITIVE_LIMIT}) {
  sanction { id } authority { id } targeted { id } } }`;
const P_TRANSITIVE = `query Who($id: ID!) { benchWhoSanctioned(id: $id, asOf: null, limit: ${TRANSITIVE_LIMIT}) { sanctionId authorityId targetedId } }`;

const S_PATHS = `query Paths($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: ${PATH_MAX_HOPS}, limit: 5) {
  length actors { id } hops { direction relationship { id } } } }`;
const P_PATHS = `query Paths($from: ID!, $to: ID!, $types: [String!]!) {
  benchPaths(from: $from, to: $to, types: $types, asOf: null, limit: 5) { length actorIds relationshipIds } }`;

const S_HOOD = `query Hood($id: ID!, $hops: Int!) { neighbourhood(id: $id, hops: $hops, limit: ${NEIGHBOURHOOD_LIMIT}) {
  nodes { id name } edges { id type } truncated } }`;
const P_HOOD = (hops: number): string => `query Hood($id: ID!, $types: [String!]!) {
  benchNeighbourhood${hops}(id: $id, types: $types, asOf: null, limit: ${NEIGHBOURHOOD_LIMIT}, edgeLimit: ${NEIGHBOURHOOD_LIMIT * 10}) {
    nodes { id name } edges { id type } truncated } }`;

const S_LIST = `query List($after: String) { actors(first: 20, after: $after) {
  edges { cursor node { id name kind degree } } pageInfo { hasNextPage endCursor } } }`;
const P_LIST = `query List($after: String) { actorsConnection(first: 20, after: $after, sort: [{ name: ASC }, { id: ASC }]) {
  edges { cursor node { id name kind degree } } pageInfo { hasNextPage endCursor } } }`;

const types = [...RELATIONSHIP_TYPES];

/** Point lookups of actors by id. */
export const pointRequests = (ids: readonly string[]): BenchRequest[] =>
  ids.map((id) => ({
    f: { op: 'point', vars: { id } },
    s: { query: S_POINT, variables: { id } },
    p: { query: P_POINT, variables: { id } },
  }));

/** Actor -> SANCTIONED (first 10) -> target -> SANCTIONED (first 5). */
export const nestedRequests = (ids: readonly string[]): BenchRequest[] =>
  ids.map((id) => ({
    f: { op: 'nested', vars: { id } },
    s: { query: S_NESTED, variables: { id } },
    p: { query: P_NESTED, variables: { id } },
  }));

/** Who sanctioned an actor, through acting-for chains of up to 4 hops on each side. */
export const transitiveRequests = (ids: readonly string[]): BenchRequest[] =>
  ids.map((id) => ({
    f: { op: 'transitive', vars: { id } },
    s: { query: S_TRANSITIVE, variables: { id } },
    p: { query: P_TRANSITIVE, variables: { id } },
  }));

/** Shortest paths between pairs. */
export const pathRequests = (pairs: readonly (readonly [string, string])[]): BenchRequest[] =>
  pairs.map(([from, to]) => ({
    f: { op: 'paths', vars: { from, to } },
    s: { query: S_PATHS, variables: { from, to } },
    p: { query: P_PATHS, variables: { from, to, types } },
  }));

/** Neighbourhoods of `hops` around actors. */
export const neighbourhoodRequests = (ids: readonly string[], hops: number): BenchRequest[] =>
  ids.map((id) => ({
    f: { op: 'neighbourhood', vars: { id, hops } },
    s: { query: S_HOOD, variables: { id, hops } },
    p: { query: P_HOOD(hops), variables: { id, types } },
  }));

/** One page of the actor list by name; cursors differ per variant (keyset for S and F, offset for P). */
export const listRequest = (
  position: { key: string; id: string } | null,
  sCursor: string | null,
  pCursor: string | null,
): BenchRequest => ({
  f: { op: 'list', vars: { afterKey: position?.key ?? null, afterId: position?.id ?? null } },
  s: { query: S_LIST, variables: { after: sCursor } },
  p: { query: P_LIST, variables: { after: pCursor } },
});
