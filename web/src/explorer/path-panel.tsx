// The path finder: the shortest paths between two actors (the `paths` field), the first drawn in the
// graph, every hop listed with its evidence.
import type { ActorSummaryFragment, PathsQuery } from '@sanctions-graph/client';
import type { ReactElement } from 'react';

import { wordsForError } from './error-words.js';
import { formatConfidence } from './format.js';
import { LineSample } from './line-sample.js';
import { SearchBox } from './search-box.js';
import { typeWords } from './styles.js';

interface PathPanelProps {
  readonly from: ActorSummaryFragment | undefined;
  readonly to: ActorSummaryFragment | undefined;
  readonly fromId: string | undefined;
  readonly toId: string | undefined;
  readonly paths: PathsQuery['paths'] | undefined;
  readonly loading: boolean;
  readonly error: unknown;
  readonly chosen: number;
  readonly onFrom: (actor: ActorSummaryFragment) => void;
  readonly onTo: (actor: ActorSummaryFragment) => void;
  readonly onChoose: (index: number) => void;
  readonly onSelectEdge: (edgeId: string) => void;
}

/** The Path tab. */
export function PathPanel(props: PathPanelProps): ReactElement {
  const { paths, loading, error, chosen } = props;
  return (
    <section className="path-panel" aria-labelledby="path-title">
      <h2 id="path-title">Path finder</h2>
      <SearchBox label="From" inputId="path-from" value={props.from?.name ?? props.fromId} onPick={props.onFrom} placeholder="An actor" />
      <SearchBox label="To" inputId="path-to" value={props.to?.name ?? props.toId} onPick={props.onTo} placeholder="Another actor" />
      <div aria-live="polite" className="path-results" data-testid="path-results" data-path-count={paths?.length ?? 0}>
        {error ? <p role="alert">{wordsForError(error)}</p> : null}
        {loading ? <p className="muted">Looking for paths…</p> : null}
        {!loading && paths && paths.length === 0 ? (
          <p>No path of at most 4 hops joins these actors (on this date, with these types).</p>
        ) : null}
        {paths && paths.length > 1 ? (
          <p className="path-choice">
            {paths.length} shortest paths of {paths[0]?.length} hops.{' '}
            {paths.map((_, index) => (
              <button key={index} type="button" className="chip" aria-pressed={index === chosen} onClick={() => props.onChoose(index)}>
                Path {index + 1}
              </button>
            ))}
          </p>
        ) : null}
        {paths?.[chosen] ? (
          <ol className="hops">
            {paths[chosen].hops.map((hop, index) => {
              const rel = hop.relationship;
              return (
                <li key={`${rel.id}-${index}`} className="hop">
                  <button type="button" className="link hop-title" onClick={() => props.onSelectEdge(rel.id)}>
                    {rel.from.name} <strong>{typeWords(rel.type)}</strong> {rel.to.name}
                  </button>
                  <p className="hop-claim">
                    <LineSample status={rel.evidence.status} /> {rel.evidence.status.toLowerCase()},{' '}
                    {formatConfidence(rel.evidence.confidence)}: {rel.evidence.claim}
                  </p>
                  {rel.evidence.quotes.map((quote, q) => (
                    <blockquote key={q}>
                      <span className="sentence-number">[{rel.evidence.sentences[q]}]</span> {quote}
                    </blockquote>
                  ))}
                </li>
              );
            })}
          </ol>
        ) : null}
      </div>
    </section>
  );
}
