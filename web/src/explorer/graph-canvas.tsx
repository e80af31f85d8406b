// The WebGL graph: sigma.js drawing a graphology graph that mirrors the view. Actors keep their place
// when the view changes (only new actors are laid out, around the ones they connect to), so expanding
// or moving the date does not reshuffle the picture.
import { MultiDirectedGraph } from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { type ReactElement, useEffect, useLayoutEffect, useRef } from 'react';
import Sigma from 'sigma';

import { DASH_CODES, EdgeStatusArrowProgram } from './edge-program.js';
import { EDGE_COLOURS, kindColour, statusLine, typeWords } from './styles.js';
import { type GraphView, pairKey } from './view-model.js';

interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  label: string;
  color: string;
  kind: string;
  fixed?: boolean;
}

interface EdgeAttributes {
  label: string;
  size: number;
  color: string;
  type: string;
  dash: number;
  status: string;
  /** A claim of a dispute (drawn in the contested colour). */
  contested: boolean;
}

type ExplorerGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

/** Which actors and relationships stand out (a found path, a sanction's chain). */
export interface Highlight {
  readonly nodes: ReadonlySet<string>;
  readonly edges: ReadonlySet<string>;
}

export const NO_HIGHLIGHT: Highlight = { nodes: new Set(), edges: new Set() };

/** What the page's automation hook (`window.sanctionsExplorer`) offers tests and scripts. */
export interface ExplorerAutomation {
  /** Where an actor is drawn, in page coordinates; null when it is not in view. */
  positionOf(nodeId: string): { x: number; y: number } | null;
  /** The middle of a relationship's line, in page coordinates; null when it is not in view. */
  midpointOf(edgeId: string): { x: number; y: number } | null;
  /** The relationships drawn. */
  edgeIds(): string[];
}

declare global {
  interface Window {
    sanctionsExplorer?: ExplorerAutomation;
  }
}

interface GraphCanvasProps {
  readonly view: GraphView;
  readonly centre: string | undefined;
  readonly expanded: ReadonlySet<string>;
  readonly highlight: Highlight;
  readonly selectedEdge: string | undefined;
  /** Relationships that are claims of a dispute: drawn in the contested colour, labelled so. */
  readonly contested?: ReadonlySet<string>;
  readonly busy: boolean;
  readonly layoutRequest: number;
  readonly onNodeClick: (id: string) => void;
  readonly onNodeDoubleClick: (id: string) => void;
  readonly onEdgeClick: (id: string) => void;
  readonly onRenderer: (renderer: Sigma | undefined) => void;
}

// A stable angle per id, so new actors land in the same place on every run.
function angleOf(id: string): number {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
  return ((hash >>> 0) / 2 ** 32) * 2 * Math.PI;
}

function layout(graph: ExplorerGraph, iterations: number): void {
  if (graph.order < 2) return;
  const settings = { ...forceAtlas2.inferSettings(graph), adjustSizes: true, gravity: 1, scalingRatio: 8, slowDown: 5 };
  forceAtlas2.assign(graph, { iterations, settings });
}

/** Mirrors `view` into `graph`; returns whether any actor was added. */
function syncGraph(
  graph: ExplorerGraph,
  view: GraphView,
  centre: string | undefined,
  relayout: boolean,
  contested: ReadonlySet<string> = new Set(),
): void {
  for (const id of graph.nodes()) if (!view.nodes.has(id)) graph.dropNode(id);
  for (const id of graph.edges()) if (!view.edges.has(id)) graph.dropEdge(id);
  const fresh: string[] = [];
  for (const node of view.nodes.values()) {
    const degree = node.degree ?? 1;
    const attributes = {
      label: node.name,
      size: (node.id === centre ? 12 : 7) + Math.min(8, Math.sqrt(degree) * 1.5),
      color: kindColour(node.kind),
      kind: node.kind,
    };
    if (graph.hasNode(node.id)) graph.mergeNodeAttributes(node.id, attributes);
    else {
      graph.addNode(node.id, { ...attributes, x: 0, y: 0 });
      fresh.push(node.id);
    }
  }
  // One label per pair of actors, so parallel relationships do not print over each other.
  const labels = new Map<string, string[]>();
  for (const edge of view.edges.values()) {
    const key = pairKey(edge);
    labels.set(key, [...(labels.get(key) ?? []), `${typeWords(edge.type)}${contested.has(edge.id) ? ' (contested)' : ''}`]);
  }
  const labelled = new Set<string>();
  for (const edge of view.edges.values()) {
    const key = pairKey(edge);
    const first = !labelled.has(key);
    labelled.add(key);
    const attributes = {
      label: first ? [...new Set(labels.get(key))].join(' · ') : '',
      size: contested.has(edge.id) ? 4 : 3,
      color: contested.has(edge.id) ? EDGE_COLOURS.contested : EDGE_COLOURS.normal,
      contested: contested.has(edge.id),
      type: 'status',
      dash: DASH_CODES[statusLine(edge.evidence.status)],
      status: edge.evidence.status,
    };
    if (graph.hasEdge(edge.id)) graph.mergeEdgeAttributes(edge.id, attributes);
    else if (graph.hasNode(edge.from.id) && graph.hasNode(edge.to.id))
      graph.addDirectedEdgeWithKey(edge.id, edge.from.id, edge.to.id, attributes);
  }

  const everythingNew = fresh.length === graph.order;
  if (everythingNew || relayout) {
    // A fresh picture: the centre in the middle, the others on a circle in a stable order, then forces.
    const others = graph
      .nodes()
      .filter((id) => id !== centre)
      .sort();
    others.forEach((id, index) => {
      const angle = (2 * Math.PI * index) / Math.max(1, others.length);
      graph.mergeNodeAttributes(id, { x: 100 * Math.cos(angle), y: 100 * Math.sin(angle), fixed: false });
    });
    if (centre && graph.hasNode(centre)) graph.mergeNodeAttributes(centre, { x: 0, y: 0, fixed: false });
    layout(graph, 300);
    return;
  }
  if (fresh.length === 0) return;
  // New actors start next to an actor they connect to; the others stay where they are.
  const freshSet = new Set(fresh);
  graph.forEachNode((id) => graph.setNodeAttribute(id, 'fixed', !freshSet.has(id)));
  for (const id of fresh) {
    const anchor = graph.neighbors(id).find((n) => !freshSet.has(n));
    const base = anchor ? graph.getNodeAttributes(anchor) : { x: 0, y: 0 };
    const angle = angleOf(id);
    graph.mergeNodeAttributes(id, { x: base.x + 30 * Math.cos(angle), y: base.y + 30 * Math.sin(angle) });
  }
  layout(graph, 150);
  graph.forEachNode((id) => graph.setNodeAttribute(id, 'fixed', false));
}

/** The graph view; exposes counts as data attributes (`data-node-count`, `data-edge-count`). */
export function GraphCanvas(props: GraphCanvasProps): ReactElement {
  const container = useRef<HTMLDivElement>(null);
  const graphRef = useRef<ExplorerGraph>(new MultiDirectedGraph<NodeAttributes, EdgeAttributes>());
  const sigmaRef = useRef<Sigma | undefined>(undefined);
  // The event handlers and reducers read the latest props through this ref.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const layoutSeen = useRef(props.layoutRequest);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const graph = graphRef.current;
    const renderer = new Sigma(graph, element, {
      renderEdgeLabels: true,
      enableEdgeEvents: true,
      labelRenderedSizeThreshold: 0,
      labelDensity: 1,
      labelFont: 'system-ui, sans-serif',
      labelSize: 13,
      labelWeight: '500',
      labelColor: { color: '#111827' },
      edgeLabelFont: 'system-ui, sans-serif',
      edgeLabelSize: 11,
      edgeLabelColor: { color: '#374151' },
      defaultEdgeType: 'status',
      edgeProgramClasses: { status: EdgeStatusArrowProgram },
      zIndex: true,
      stagePadding: 70,
      nodeReducer: (node, data) => {
        const { highlight, centre, expanded } = latest.current;
        const lit = highlight.nodes.size === 0 || highlight.nodes.has(node);
        return {
          ...data,
          color: lit ? (data['color'] as string) : '#c7ccd4',
          highlighted: node === centre,
          forceLabel: node === centre || expanded.has(node) || highlight.nodes.has(node),
          zIndex: lit ? 1 : 0,
        };
      },
      edgeReducer: (edge, data) => {
        const { highlight, selectedEdge } = latest.current;
        if (edge === selectedEdge) return { ...data, color: EDGE_COLOURS.selected, size: 5, zIndex: 2, forceLabel: true };
        if (highlight.edges.has(edge)) return { ...data, color: EDGE_COLOURS.highlighted, size: 5, zIndex: 1, forceLabel: true };
        if (highlight.edges.size > 0) return { ...data, color: EDGE_COLOURS.dimmed, zIndex: 0 };
        return data;
      },
    });
    sigmaRef.current = renderer;

    // A double click must not also expand: a click waits out the double-click window first.
    let pendingClick: ReturnType<typeof setTimeout> | undefined;
    renderer.on('clickNode', ({ node }) => {
      clearTimeout(pendingClick);
      pendingClick = setTimeout(() => latest.current.onNodeClick(node), 310);
    });
    renderer.on('doubleClickNode', (event) => {
      clearTimeout(pendingClick);
      event.preventSigmaDefault();
      latest.current.onNodeDoubleClick(event.node);
    });
    renderer.on('clickEdge', ({ edge }) => latest.current.onEdgeClick(edge));
    renderer.on('enterNode', () => element.classList.add('pointer'));
    renderer.on('leaveNode', () => element.classList.remove('pointer'));
    renderer.on('enterEdge', () => element.classList.add('pointer'));
    renderer.on('leaveEdge', () => element.classList.remove('pointer'));

    const toPage = (point: { x: number; y: number }): { x: number; y: number } => {
      const box = element.getBoundingClientRect();
      const viewport = renderer.framedGraphToViewport(point);
      return { x: box.left + viewport.x, y: box.top + viewport.y };
    };
    window.sanctionsExplorer = {
      positionOf: (id) => {
        const data = renderer.getNodeDisplayData(id);
        return data ? toPage(data) : null;
      },
      midpointOf: (id) => {
        if (!graph.hasEdge(id)) return null;
        const from = renderer.getNodeDisplayData(graph.source(id));
        const to = renderer.getNodeDisplayData(graph.target(id));
        return from && to ? toPage({ x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 }) : null;
      },
      edgeIds: () => graph.edges(),
    };
    latest.current.onRenderer(renderer);
    return () => {
      clearTimeout(pendingClick);
      latest.current.onRenderer(undefined);
      delete window.sanctionsExplorer;
      renderer.kill();
      sigmaRef.current = undefined;
    };
  }, []);

  useEffect(() => {
    const relayout = layoutSeen.current !== props.layoutRequest;
    layoutSeen.current = props.layoutRequest;
    syncGraph(graphRef.current, props.view, props.centre, relayout, props.contested);
    sigmaRef.current?.refresh();
    const element = container.current;
    if (element) {
      element.dataset['nodeCount'] = String(graphRef.current.order);
      element.dataset['edgeCount'] = String(graphRef.current.size);
      element.dataset['contestedEdges'] = graphRef.current
        .filterEdges((_, attributes) => attributes.contested)
        .sort()
        .join(' ');
      element.dataset['version'] = String(Number(element.dataset['version'] ?? '0') + 1);
    }
  }, [props.view, props.centre, props.layoutRequest, props.contested]);

  useEffect(() => {
    sigmaRef.current?.refresh({ skipIndexation: true });
  }, [props.highlight, props.selectedEdge, props.expanded]);

  return (
    <div
      ref={container}
      className="graph-canvas"
      data-testid="graph"
      aria-busy={props.busy}
      role="img"
      aria-label="Graph of the actors in view and their relationships; the same items are listed in the List tab."
    />
  );
}
