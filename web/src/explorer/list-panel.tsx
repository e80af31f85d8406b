// Everything in view as lists of buttons: the keyboard's way to the graph (and a screen reader's).
import type { ReactElement } from 'react';

import { kindColour, kindWords, typeWords } from './styles.js';
import type { GraphView } from './view-model.js';

interface ListPanelProps {
  readonly view: GraphView;
  readonly centre: string | undefined;
  readonly expanded: ReadonlySet<string>;
  readonly onExpand: (id: string) => void;
  readonly onFocus: (id: string) => void;
  readonly onSelectEdge: (id: string) => void;
}

/** The List tab. */
export function ListPanel({ view, centre, expanded, onExpand, onFocus, onSelectEdge }: ListPanelProps): ReactElement {
  const nodes = [...view.nodes.values()].sort((a, b) => a.name.localeCompare(b.name));
  const edges = [...view.edges.values()].sort((a, b) => a.from.name.localeCompare(b.from.name) || a.type.localeCompare(b.type));
  return (
    <section className="list-panel" aria-labelledby="list-title">
      <h2 id="list-title">In view</h2>
      <h3>{nodes.length} actors</h3>
      <ul className="node-list">
        {nodes.map((node) => (
          <li key={node.id}>
            <span className="kind-dot" style={{ background: kindColour(node.kind) }} aria-hidden="true" />
            <button type="button" className="link" onClick={() => onFocus(node.id)} aria-label={`Focus on ${node.name}`}>
              {node.name}
            </button>
            <span className="muted"> {kindWords(node.kind)}</span>
            {node.id !== centre ? (
              <button type="button" className="chip" aria-pressed={expanded.has(node.id)} onClick={() => onExpand(node.id)}>
                {expanded.has(node.id) ? 'Collapse' : 'Expand'}
              </button>
            ) : (
              <span className="chip-static">centre</span>
            )}
          </li>
        ))}
      </ul>
      <h3>{edges.length} relationships</h3>
      <ul className="edge-list" data-testid="edge-list">
        {edges.map((edge) => (
          <li key={edge.id} data-edge-id={edge.id}>
            <button type="button" className="link" onClick={() => onSelectEdge(edge.id)}>
              {edge.from.name} <strong>{typeWords(edge.type)}</strong> {edge.to.name}
            </button>
            <span className="muted"> {edge.evidence.status.toLowerCase()}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
