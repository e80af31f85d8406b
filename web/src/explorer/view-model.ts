// The graph the explorer draws: actors and relationships merged from several answers (the centre's
// neighbourhood, each expanded actor's, a found path, a sanction's chains), each by id.
import type { ActorSummaryFragment, NeighbourhoodQuery, RelationshipFieldsFragment } from '@sanctions-graph/client';

/** An actor in view. */
export interface ViewNode extends ActorSummaryFragment {
  readonly degree?: number | undefined;
}

/** A relationship in view. */
export type ViewEdge = RelationshipFieldsFragment;

/** What is in view. */
export interface GraphView {
  readonly nodes: ReadonlyMap<string, ViewNode>;
  readonly edges: ReadonlyMap<string, ViewEdge>;
  /** True when one of the neighbourhood answers was cut short by its limit. */
  readonly truncated: boolean;
}

export const EMPTY_VIEW: GraphView = { nodes: new Map(), edges: new Map(), truncated: false };

/** Merges neighbourhood answers and extra relationships (a path, a chain) into one view. */
export function mergeView(
  neighbourhoods: readonly (NeighbourhoodQuery['neighbourhood'] | undefined)[],
  extra: readonly ViewEdge[] = [],
): GraphView {
  const nodes = new Map<string, ViewNode>();
  const edges = new Map<string, ViewEdge>();
  let truncated = false;
  for (const hood of neighbourhoods) {
    if (!hood) continue;
    truncated ||= hood.truncated;
    for (const node of hood.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
    for (const edge of hood.edges) if (!edges.has(edge.id)) edges.set(edge.id, edge);
  }
  for (const edge of extra) {
    if (!nodes.has(edge.from.id)) nodes.set(edge.from.id, edge.from);
    if (!nodes.has(edge.to.id)) nodes.set(edge.to.id, edge.to);
    if (!edges.has(edge.id)) edges.set(edge.id, edge);
  }
  return { nodes, edges, truncated };
}

/**
 * The view with edges of other statuses hidden (empty `statuses`: all shown), and the actors left with
 * no visible edge hidden too, except those in `keep` (the centre, the expanded ones).
 */
export function filterByStatus(view: GraphView, statuses: readonly string[], keep: ReadonlySet<string>): GraphView {
  if (statuses.length === 0) return view;
  const edges = new Map([...view.edges].filter(([, edge]) => statuses.includes(edge.evidence.status)));
  const linked = new Set<string>(keep);
  for (const edge of edges.values()) {
    linked.add(edge.from.id);
    linked.add(edge.to.id);
  }
  const nodes = new Map([...view.nodes].filter(([nodeId]) => linked.has(nodeId)));
  return { nodes, edges, truncated: view.truncated };
}

/** The edges between the same two actors as `edge` (either direction), `edge` first. */
export function edgesBetween(view: GraphView, edge: ViewEdge): ViewEdge[] {
  const pair = pairKey(edge);
  return [edge, ...[...view.edges.values()].filter((other) => other.id !== edge.id && pairKey(other) === pair)];
}

/** An id for the unordered pair of actors an edge joins. */
export function pairKey(edge: ViewEdge): string {
  return edge.from.id < edge.to.id ? `${edge.from.id} ${edge.to.id}` : `${edge.to.id} ${edge.from.id}`;
}

/** Every status seen in a view, for the status filter (so a status added to the schema shows up). */
export function statusesIn(view: GraphView): string[] {
  return [...new Set([...view.edges.values()].map((edge) => edge.evidence.status))];
}
