// The focused actor's timeline under the graph: every dated event around it (relationships happening,
// beginning, ending or only bounded; sanctions imposed, received and ended), in date order, from the SDK's
// TimelineDocument. Each event is a button: Tab reaches the strip, the arrow keys move along it, Enter
// opens a relationship's evidence when it is in view.
import type { TimelineQuery } from '@sanctions-graph/client';
import { type KeyboardEvent, type ReactElement, useRef } from 'react';

import { wordsForError } from './error-words.js';
import { formatFuzzyDate } from './format.js';
import { typeWords } from './styles.js';

/** One entry of the timeline. */
export type TimelineItem = TimelineQuery['timeline'][number];

const KIND_WORDS: Readonly<Record<string, string>> = {
  HAPPENED: 'happened',
  BEGAN: 'began',
  ENDED: 'ended',
  KNOWN_BY: 'known by',
  SANCTION_IMPOSED: 'sanction imposed',
  SANCTION_ENDED: 'sanction ended',
};

/** What an entry says, in words: the relationship or the sanction, seen from the actor. */
export function timelineWords(item: TimelineItem): string {
  const { event } = item;
  if (event.relationship) {
    const r = event.relationship;
    return `${r.from.name} ${typeWords(r.type)} ${r.to.name}`;
  }
  const measure = event.sanction ? typeWords(event.sanction.measure) : 'sanction';
  return item.role === 'AUTHORITY' ? `imposed ${measure}` : `received ${measure}`;
}

interface TimelineStripProps {
  readonly actorName: string | undefined;
  readonly items: readonly TimelineItem[] | undefined;
  readonly loading: boolean;
  readonly error: unknown;
  /** Relationships in view: only those can be opened. */
  readonly inView: { has(id: string): boolean };
  readonly onSelectEdge: (id: string) => void;
}

/** The timeline strip. */
export function TimelineStrip(props: TimelineStripProps): ReactElement | null {
  const list = useRef<HTMLOListElement>(null);
  if (!props.actorName) return null;
  const move = (event: KeyboardEvent<HTMLButtonElement>): void => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const buttons = [...(list.current?.querySelectorAll('button') ?? [])];
    const index = buttons.indexOf(event.currentTarget);
    buttons[Math.min(buttons.length - 1, Math.max(0, index + step))]?.focus();
  };
  return (
    <section className="timeline" aria-labelledby="timeline-title" data-testid="timeline">
      <h2 id="timeline-title">
        Timeline of {props.actorName} <span className="muted">({props.items?.length ?? 0} events; ← → to move)</span>
      </h2>
      {props.error ? <p role="alert">{wordsForError(props.error)}</p> : null}
      {props.items && props.items.length > 0 ? (
        <ol ref={list}>
          {props.items.map((item, index) => {
            const r = item.event.relationship;
            const open = r && props.inView.has(r.id) ? r.id : undefined;
            const date = item.event.on;
            return (
              <li key={`${index}:${item.event.kind}:${r?.id ?? item.event.sanction?.id ?? ''}`} data-kind={item.event.kind}>
                <button
                  type="button"
                  className="timeline-event"
                  aria-disabled={open === undefined}
                  title={date.derivation ? `Derived: ${date.derivation}` : undefined}
                  onClick={() => (open ? props.onSelectEdge(open) : undefined)}
                  onKeyDown={move}
                >
                  <span>
                    <time dateTime={date.date}>{formatFuzzyDate(date)}</time>
                    {date.precision !== 'DAY' ? <span className="precision"> ({date.precision.toLowerCase()})</span> : null}
                  </span>
                  <span className="timeline-kind">{KIND_WORDS[item.event.kind] ?? item.event.kind}</span>
                  <span className="timeline-what">{timelineWords(item)}</span>
                </button>
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="muted">{props.loading ? 'Loading the timeline…' : 'No dated event around this actor.'}</p>
      )}
    </section>
  );
}
