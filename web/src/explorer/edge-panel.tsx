// The details of one relationship: its claim, status, confidence, dates with their derivations, and the
// source's text with the cited sentences highlighted.
import { useQuery } from '@apollo/client/react';
import { type DisputeFieldsFragment, SourceByIdDocument } from '@sanctions-graph/client';
import { Fragment, type ReactElement, useEffect, useRef } from 'react';

import { wordsForError } from './error-words.js';
import { formatConfidence, formatFuzzyDate } from './format.js';
import { LineSample } from './line-sample.js';
import { typeWords } from './styles.js';
import type { ViewEdge } from './view-model.js';

interface EdgePanelProps {
  readonly edge: ViewEdge;
  /** Other relationships between the same two actors. */
  readonly siblings: readonly ViewEdge[];
  readonly onSelect: (edgeId: string) => void;
  readonly onClose: () => void;
  /** Disputes this relationship is a claim of (disputed or disputing). */
  readonly disputes?: readonly DisputeFieldsFragment[];
}

/** One dispute seen from one of its claims: the other claim, and the evidence that they conflict. */
function DisputeItem({ dispute, edgeId }: { dispute: DisputeFieldsFragment; edgeId: string }): ReactElement {
  const disputed = dispute.disputed.id === edgeId;
  const other = disputed ? dispute.disputing : dispute.disputed;
  return (
    <li data-dispute-id={dispute.id}>
      <strong>{disputed ? 'Disputed by' : 'Disputes'}</strong> ({typeWords(dispute.kind)}): {other.from.name} {typeWords(other.type)}{' '}
      {other.to.name} <span className="muted">({other.evidence.status.toLowerCase()})</span>
      <div className="derivation">
        {dispute.evidence.claim} (sentences {dispute.evidence.sentences.join(', ')}, {formatConfidence(dispute.evidence.confidence)})
      </div>
    </li>
  );
}

/** The details tab for a selected relationship. */
export function EdgePanel({ edge, siblings, onSelect, onClose, disputes = [] }: EdgePanelProps): ReactElement {
  const { evidence } = edge;
  const { data, error, loading } = useQuery(SourceByIdDocument, { variables: { id: evidence.source.id } });
  const cited = new Set(evidence.sentences);
  const firstCited = useRef<HTMLLIElement>(null);
  useEffect(() => {
    firstCited.current?.scrollIntoView({ block: 'nearest' });
  }, [data, edge.id]);

  const dates: [string, ViewEdge['date']][] = [
    ['Happened', edge.date],
    ['Holds from', edge.validFrom],
    ['Holds until (exclusive)', edge.validTo],
  ];
  return (
    <section className="edge-panel" aria-labelledby="edge-title" data-edge-id={edge.id}>
      <header className="panel-header">
        <h2 id="edge-title">
          {edge.from.name} <span className="edge-type">{typeWords(edge.type)}</span> {edge.to.name}
        </h2>
        <button type="button" className="close" onClick={onClose} aria-label="Close the details">
          ×
        </button>
      </header>
      <p className="claim">{evidence.claim}</p>
      {disputes.length > 0 ? (
        <div className="disputes" role="note" aria-label="Contested claim" data-testid="disputes">
          <h3>Contested</h3>
          <ul>
            {disputes.map((d) => (
              <DisputeItem key={d.id} dispute={d} edgeId={edge.id} />
            ))}
          </ul>
        </div>
      ) : null}
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <LineSample status={evidence.status} /> {evidence.status}
        </dd>
        <dt>Confidence</dt>
        <dd>{formatConfidence(evidence.confidence)}</dd>
        {edge.role ? (
          <>
            <dt>Role</dt>
            <dd>{edge.role}</dd>
          </>
        ) : null}
        {edge.topics.length > 0 ? (
          <>
            <dt>About</dt>
            <dd>{edge.topics.join('; ')}</dd>
          </>
        ) : null}
        {dates.map(([label, date]) =>
          date ? (
            <Fragment key={label}>
              <dt>{label}</dt>
              <dd>
                {formatFuzzyDate(date)} <span className="precision">({date.precision.toLowerCase()})</span>
                {date.derivation ? <div className="derivation">Derived: {date.derivation}</div> : null}
              </dd>
            </Fragment>
          ) : null,
        )}
        <dt>Source</dt>
        <dd>
          {evidence.source.title}
          {evidence.source.publisher ? `, ${evidence.source.publisher}` : ''} (sentences {evidence.sentences.join(', ')})
        </dd>
      </dl>
      {siblings.length > 0 ? (
        <div className="siblings">
          <h3>Also between these actors</h3>
          <ul>
            {siblings.map((other) => (
              <li key={other.id}>
                <button type="button" className="link" onClick={() => onSelect(other.id)}>
                  {other.from.name} {typeWords(other.type)} {other.to.name}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <h3>Source text</h3>
      {error ? <p role="alert">{wordsForError(error)}</p> : null}
      {loading && !data ? <p className="muted">Loading the source…</p> : null}
      {data?.source ? (
        <ol className="source-text" aria-label={`Text of ${data.source.title}`}>
          {data.source.sentences.map((sentence) => (
            <li
              key={sentence.number}
              value={sentence.number}
              ref={cited.has(sentence.number) && sentence.number === evidence.sentences[0] ? firstCited : undefined}
              className={cited.has(sentence.number) ? 'cited' : undefined}
            >
              {cited.has(sentence.number) ? <mark>{sentence.text}</mark> : sentence.text}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
