// A search box with suggestions from the API's full-text `search` field, as an ARIA combobox: arrows
// move through the suggestions, Enter picks one, Escape closes the list.
import { useQuery } from '@apollo/client/react';
import { type ActorSummaryFragment, SearchDocument } from '@sanctions-graph/client';
import { type KeyboardEvent, type ReactElement, useId, useState } from 'react';

import { wordsForError } from './error-words.js';
import { kindColour, kindWords } from './styles.js';
import { useDebounced } from './use-url-state.js';

interface SearchBoxProps {
  readonly label: string;
  readonly placeholder?: string;
  /** The chosen actor's name, shown while nothing is typed. */
  readonly value?: string | undefined;
  readonly onPick: (actor: ActorSummaryFragment) => void;
  readonly inputId?: string;
}

/** One actor search field with its suggestion list. */
export function SearchBox({ label, placeholder, value, onPick, inputId }: SearchBoxProps): ReactElement {
  const [text, setText] = useState<string | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const generatedId = useId();
  const id = inputId ?? `search-${generatedId}`;
  const listId = `${id}-list`;
  const term = useDebounced((text ?? '').trim(), 120);
  const { data, error, loading } = useQuery(SearchDocument, { variables: { text: term, first: 8 }, skip: term.length < 2 });
  const hits = term.length < 2 ? [] : (data?.search ?? []);

  const pick = (actor: ActorSummaryFragment): void => {
    setText(undefined);
    setOpen(false);
    onPick(actor);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, Math.max(0, hits.length - 1)));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter') {
      const hit = hits[active];
      if (hit) {
        event.preventDefault();
        pick(hit.actor);
      }
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  const expanded = open && term.length >= 2;
  return (
    <div className="search-box">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && hits[active] ? `${listId}-${active}` : undefined}
        value={text ?? value ?? ''}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={(event) => {
          event.target.select();
          setOpen(true);
        }}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" className="suggestions" hidden={!expanded} aria-label={`${label}: suggestions`}>
        {error ? <li className="suggestion-note">{wordsForError(error)}</li> : null}
        {!error && !loading && data && hits.length === 0 ? <li className="suggestion-note">No actor matches “{term}”.</li> : null}
        {hits.map((hit, index) => (
          <li
            key={hit.actor.id}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className="suggestion"
            onMouseDown={(event) => {
              event.preventDefault();
              pick(hit.actor);
            }}
          >
            <span className="kind-dot" style={{ background: kindColour(hit.actor.kind) }} aria-hidden="true" />
            <span className="suggestion-name">{hit.actor.name}</span>
            <span className="suggestion-kind">{kindWords(hit.actor.kind)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
