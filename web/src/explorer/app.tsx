// The explorer: a search, the chosen actor's neighbourhood in a WebGL graph, filters, a date slider, and
// side panels (a relationship's evidence and source text, the path finder, who sanctioned whom, lists).
// Every request is one of the SDK's typed documents, sent through Apollo Client.
import { useQuery } from '@apollo/client/react';
import {
  type ActorSummaryFragment,
  ApiVersionDocument,
  ContestedDocument,
  type DisputeFieldsFragment,
  PathsDocument,
  RelationshipType,
  SanctionedByDocument,
  TimelineDocument,
  WhoSanctionedDocument,
} from '@sanctions-graph/client';
import { downloadAsPNG } from '@sigma/export-image';
import { type ReactElement, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type Sigma from 'sigma';

import { dateOfIndex, dayIndex, DEFAULT_AS_OF, longDate, SLIDER_FIRST_DAY, SLIDER_LAST_DAY } from './dates.js';
import { EdgePanel } from './edge-panel.js';
import { wordsForError } from './error-words.js';
import { download, toCsv, toGraphML } from './export-view.js';
import { GraphCanvas, type Highlight, NO_HIGHLIGHT } from './graph-canvas.js';
import { knownStatuses, Legend } from './legend.js';
import { LineSample } from './line-sample.js';
import { ListPanel } from './list-panel.js';
import { PathPanel } from './path-panel.js';
import { type Finding, findingKey, SanctionsPanel } from './sanctions-panel.js';
import { SearchBox } from './search-box.js';
import { typeWords } from './styles.js';
import { TimelineStrip } from './timeline-strip.js';
import type { PanelTab } from './url-state.js';
import { NEIGHBOURHOOD_LIMIT, useNeighbourhoods } from './use-neighbourhoods.js';
import { useDebounced, useUrlState } from './use-url-state.js';
import { edgesBetween, filterByStatus, mergeView, statusesIn, type ViewEdge } from './view-model.js';

const TABS: readonly { id: PanelTab; label: string }[] = [
  { id: 'details', label: 'Details' },
  { id: 'path', label: 'Path' },
  { id: 'sanctions', label: 'Sanctions' },
  { id: 'list', label: 'List' },
];
const ALL_TYPES = Object.values(RelationshipType);

/** The whole page. */
export function App(): ReactElement {
  const [state, update] = useUrlState();
  const [renderer, setRenderer] = useState<Sigma | undefined>(undefined);
  const [layoutRequest, setLayoutRequest] = useState(0);
  const [chosenPath, setChosenPath] = useState(0);
  const [chosenFinding, setChosenFinding] = useState<Finding | undefined>(undefined);
  const searchInput = useRef<HTMLInputElement | null>(null);

  const asOf = useDebounced(state.asOf, 250);
  const requests = useMemo(
    () => (state.actor ? [{ id: state.actor, hops: state.hops }, ...state.expand.map((id) => ({ id, hops: 1 }))] : []),
    [state.actor, state.hops, state.expand],
  );
  const hoods = useNeighbourhoods(requests, state.types, asOf);

  const paths = useQuery(PathsDocument, {
    variables: {
      from: state.from ?? '',
      to: state.to ?? '',
      maxHops: 4,
      types: state.types.length > 0 ? [...state.types] : undefined,
      asOf,
      limit: 5,
    },
    skip: !state.from || !state.to,
  });
  const sanctionsWanted = state.tab === 'sanctions' && state.actor !== undefined;
  const received = useQuery(WhoSanctionedDocument, {
    variables: { actorId: state.actor ?? '', includeIndirect: true, asOf },
    skip: !sanctionsWanted,
  });
  const imposed = useQuery(SanctionedByDocument, {
    variables: { actorId: state.actor ?? '', includeIndirect: true, asOf },
    skip: !sanctionsWanted,
  });
  const version = useQuery(ApiVersionDocument);
  // The focused actor's timeline, under the graph, and the disputes over its claims (issue 20).
  const timeline = useQuery(TimelineDocument, { variables: { actorId: state.actor ?? '', first: 100 }, skip: !state.actor });
  const contested = useQuery(ContestedDocument, { variables: { actor: state.actor ?? '', first: 100 }, skip: !state.actor });
  const disputesByEdge = useMemo(() => {
    const byEdge = new Map<string, DisputeFieldsFragment[]>();
    for (const dispute of contested.data?.contested ?? []) {
      for (const claim of [dispute.disputed.id, dispute.disputing.id]) byEdge.set(claim, [...(byEdge.get(claim) ?? []), dispute]);
    }
    return byEdge;
  }, [contested.data]);
  const contestedEdges = useMemo(() => new Set(disputesByEdge.keys()), [disputesByEdge]);

  const path = paths.data?.paths[chosenPath] ?? paths.data?.paths[0];
  const pathEdges: ViewEdge[] = useMemo(
    () => (state.from && state.to && path ? path.hops.map((hop) => hop.relationship) : []),
    [path, state.from, state.to],
  );
  const findingEdges: ViewEdge[] = useMemo(
    () => (state.tab === 'sanctions' && chosenFinding ? [...chosenFinding.authorityChain, ...chosenFinding.targetChain] : []),
    [chosenFinding, state.tab],
  );
  const fullView = useMemo(() => mergeView(hoods.answers, [...pathEdges, ...findingEdges]), [hoods.answers, pathEdges, findingEdges]);
  const expanded = useMemo(() => new Set(state.expand), [state.expand]);
  const keep = useMemo(() => new Set([...(state.actor ? [state.actor] : []), ...state.expand]), [state.actor, state.expand]);
  const view = useMemo(() => filterByStatus(fullView, state.statuses, keep), [fullView, state.statuses, keep]);

  // Names of the actors known from the answers, for fields that hold only an id (from the URL).
  const names = useMemo(() => {
    const known = new Map<string, ActorSummaryFragment>();
    for (const actor of paths.data?.paths.flatMap((p) => p.actors) ?? []) known.set(actor.id, actor);
    for (const node of fullView.nodes.values()) known.set(node.id, node);
    return known;
  }, [fullView, paths.data]);

  const highlight: Highlight = useMemo(() => {
    if (state.tab === 'path' && path && state.from && state.to) {
      return { nodes: new Set(path.actors.map((a) => a.id)), edges: new Set(path.hops.map((h) => h.relationship.id)) };
    }
    if (state.tab === 'sanctions' && chosenFinding) {
      const f = chosenFinding;
      const chain = [...f.authorityChain, ...f.targetChain];
      const sanctioned = [...fullView.edges.values()].filter(
        (e) => e.type === 'SANCTIONED' && e.from.id === f.imposedBy.id && e.to.id === f.targeted.id,
      );
      return {
        nodes: new Set([f.authority.id, f.imposedBy.id, f.target.id, f.targeted.id, ...chain.flatMap((r) => [r.from.id, r.to.id])]),
        edges: new Set([...chain, ...sanctioned].map((r) => r.id)),
      };
    }
    return NO_HIGHLIGHT;
  }, [state.tab, state.from, state.to, path, chosenFinding, fullView]);

  const centre = state.actor ? (fullView.nodes.get(state.actor) ?? names.get(state.actor)) : undefined;
  const selected = state.edge ? fullView.edges.get(state.edge) : undefined;
  const statuses = knownStatuses(statusesIn(fullView));
  const kindsInView = useMemo(() => new Set([...view.nodes.values()].map((n) => n.kind)), [view]);
  const unknownActor = state.actor && !hoods.loading && !hoods.error && hoods.answers[0] === null;
  const busy = hoods.loading || paths.loading;

  useEffect(() => {
    document.title = centre ? `${centre.name} · sanctions-graph explorer` : 'sanctions-graph explorer';
  }, [centre]);

  // The first drawn graph, for measuring time to first render.
  useEffect(() => {
    if (view.nodes.size > 0 && performance.getEntriesByName('graph-drawn').length === 0) performance.mark('graph-drawn');
  }, [view]);

  const focus = useCallback((id: string) => update({ actor: id, expand: [], edge: undefined }, 'push'), [update]);
  const toggleExpand = useCallback(
    (id: string) => {
      if (id === state.actor) return;
      update({ expand: state.expand.includes(id) ? state.expand.filter((e) => e !== id) : [...state.expand, id] });
    },
    [state.actor, state.expand, update],
  );
  const selectEdge = useCallback((id: string) => update({ edge: id, tab: 'details' }), [update]);

  // Keyboard: "/" goes to the search, Escape closes the details.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const typing =
        event.target instanceof HTMLInputElement ||
        event.target instanceof HTMLSelectElement ||
        event.target instanceof HTMLTextAreaElement;
      if (event.key === '/' && !typing) {
        event.preventDefault();
        searchInput.current = document.getElementById('actor-search') as HTMLInputElement | null;
        searchInput.current?.focus();
      } else if (event.key === 'Escape' && !typing && state.edge) {
        update({ edge: undefined });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [state.edge, update]);

  const toggleType = (type: RelationshipType): void => {
    const current = state.types.length === 0 ? ALL_TYPES : state.types;
    const next = current.includes(type) ? current.filter((t) => t !== type) : [...current, type];
    update({ types: next.length === ALL_TYPES.length ? [] : next });
  };
  const toggleStatus = (status: string): void => {
    const current = state.statuses.length === 0 ? statuses : state.statuses;
    const next = current.includes(status) ? current.filter((s) => s !== status) : [...current, status];
    update({ statuses: next.length === statuses.length ? [] : next });
  };

  const exportName = `sanctions-graph-${state.actor ?? 'view'}${state.asOf ? `-${state.asOf}` : ''}`;
  const error = hoods.error;

  return (
    <div className="app">
      <header className="top">
        <h1>
          sanctions-graph <span className="muted">explorer</span>
        </h1>
        <SearchBox
          label="Find an actor"
          inputId="actor-search"
          placeholder="SenseTime, Myanmar, Treasury… (press /)"
          value={centre?.name}
          onPick={(a) => focus(a.id)}
        />
        <nav className="top-links">
          <a href="/graphql">GraphiQL</a>
        </nav>
      </header>

      <aside className="controls" aria-label="View controls">
        <fieldset>
          <legend>Neighbourhood</legend>
          <label htmlFor="hops">Hops from the centre</label>
          <select id="hops" value={state.hops} onChange={(e) => update({ hops: Number(e.target.value) })}>
            <option value={1}>1</option>
            <option value={2}>2</option>
            <option value={3}>3</option>
          </select>
          <button type="button" onClick={() => setLayoutRequest((n) => n + 1)}>
            Lay out again
          </button>
          {state.expand.length > 0 ? (
            <button type="button" onClick={() => update({ expand: [] })}>
              Collapse all ({state.expand.length})
            </button>
          ) : null}
        </fieldset>

        <fieldset className="as-of">
          <legend>Date</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={state.asOf !== undefined}
              onChange={(e) => update({ asOf: e.target.checked ? DEFAULT_AS_OF : undefined })}
            />
            Only relationships valid on a date
          </label>
          <label htmlFor="as-of-slider" className={state.asOf ? undefined : 'muted'}>
            As of{' '}
            <output htmlFor="as-of-slider" data-testid="as-of">
              {state.asOf ? longDate(state.asOf) : 'any date'}
            </output>
          </label>
          <input
            id="as-of-slider"
            type="range"
            min={0}
            max={dayIndex(SLIDER_LAST_DAY)}
            step={1}
            disabled={state.asOf === undefined}
            value={dayIndex(state.asOf ?? DEFAULT_AS_OF)}
            aria-valuetext={state.asOf ? longDate(state.asOf) : 'any date'}
            onChange={(e) => update({ asOf: dateOfIndex(Number(e.target.value)) })}
          />
          <input
            type="date"
            aria-label="As of (exact date)"
            min={SLIDER_FIRST_DAY}
            max={SLIDER_LAST_DAY}
            disabled={state.asOf === undefined}
            value={state.asOf ?? ''}
            onChange={(e) => {
              if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) update({ asOf: e.target.value });
            }}
          />
        </fieldset>

        <fieldset className="status-filter">
          <legend>Claim status</legend>
          {statuses.map((status) => (
            <label key={status} className="check">
              <input
                type="checkbox"
                checked={state.statuses.length === 0 || state.statuses.includes(status)}
                onChange={() => toggleStatus(status)}
              />
              <LineSample status={status} /> {status.toLowerCase()}
            </label>
          ))}
        </fieldset>

        <fieldset className="type-filter">
          <legend>Relationship types</legend>
          <button type="button" className="link" onClick={() => update({ types: [] })} disabled={state.types.length === 0}>
            Show all types
          </button>
          <div className="type-list">
            {ALL_TYPES.map((type) => (
              <label key={type} className="check">
                <input type="checkbox" checked={state.types.length === 0 || state.types.includes(type)} onChange={() => toggleType(type)} />
                {typeWords(type)}
              </label>
            ))}
          </div>
        </fieldset>

        <fieldset>
          <legend>Export this view</legend>
          <div className="buttons">
            <button
              type="button"
              disabled={!renderer || view.nodes.size === 0}
              onClick={() => {
                if (renderer) void downloadAsPNG(renderer, { fileName: exportName, backgroundColor: '#ffffff' });
              }}
            >
              PNG
            </button>
            <button
              type="button"
              disabled={view.nodes.size === 0}
              onClick={() => download(`${exportName}.graphml`, toGraphML(view), 'application/graphml+xml')}
            >
              GraphML
            </button>
            <button type="button" disabled={view.edges.size === 0} onClick={() => download(`${exportName}.csv`, toCsv(view), 'text/csv')}>
              CSV
            </button>
          </div>
        </fieldset>
      </aside>

      <main className="stage" aria-label="Graph">
        <GraphCanvas
          view={view}
          centre={state.actor}
          expanded={expanded}
          highlight={highlight}
          selectedEdge={state.edge}
          contested={contestedEdges}
          busy={busy}
          layoutRequest={layoutRequest}
          onNodeClick={toggleExpand}
          onNodeDoubleClick={focus}
          onEdgeClick={selectEdge}
          onRenderer={setRenderer}
        />
        <Legend kindsInView={kindsInView} statuses={statuses} />
        {!state.actor && view.nodes.size === 0 ? (
          <div className="empty-stage">
            <p>Search for an actor to draw its neighbourhood.</p>
            <p className="muted">
              Try{' '}
              <a href="/?actor=sensetime&hops=2" onClick={(e) => (e.preventDefault(), focus('sensetime'), update({ hops: 2 }))}>
                SenseTime
              </a>{' '}
              or{' '}
              <a
                href="/?actor=myanmar&asOf=2021-01-15"
                onClick={(e) => (e.preventDefault(), focus('myanmar'), update({ asOf: '2021-01-15' }))}
              >
                Myanmar before the coup
              </a>
              .
            </p>
          </div>
        ) : null}
        <TimelineStrip
          actorName={centre?.name}
          items={timeline.data?.timeline}
          loading={timeline.loading}
          error={timeline.error}
          inView={view.edges}
          onSelectEdge={selectEdge}
        />
        <p className="status-line" role="status" aria-live="polite" data-testid="status">
          {busy ? 'Loading… ' : ''}
          {error ? <span className="error">{wordsForError(error)} </span> : null}
          {unknownActor ? <span className="error">There is no actor “{state.actor}”. </span> : null}
          {state.actor && !unknownActor ? `${view.nodes.size} actors, ${view.edges.size} relationships` : ''}
          {state.asOf ? ` · as of ${longDate(state.asOf)}` : ''}
          {fullView.truncated ? ` · cut at ${NEIGHBOURHOOD_LIMIT} actors per neighbourhood` : ''}
          {state.actor ? ' · click an actor to expand it, double-click to focus on it' : ''}
        </p>
      </main>

      <aside className="panel" aria-label="Details">
        <div role="tablist" aria-label="Panels" className="tabs">
          {TABS.map((tab) => (
            <button
              key={tab.id}
              id={`tab-${tab.id}`}
              type="button"
              role="tab"
              aria-selected={state.tab === tab.id}
              aria-controls="panel-body"
              tabIndex={state.tab === tab.id ? 0 : -1}
              onClick={() => update({ tab: tab.id })}
              onKeyDown={(e) => {
                const index = TABS.findIndex((t) => t.id === state.tab);
                const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
                if (step === 0) return;
                const next = TABS[(index + step + TABS.length) % TABS.length];
                if (next) {
                  update({ tab: next.id });
                  document.getElementById(`tab-${next.id}`)?.focus();
                }
              }}
            >
              {tab.label}
            </button>
          ))}
        </div>
        <div id="panel-body" role="tabpanel" aria-labelledby={`tab-${state.tab}`} className="panel-body">
          {state.tab === 'details' ? (
            selected ? (
              <EdgePanel
                edge={selected}
                siblings={edgesBetween(fullView, selected).slice(1)}
                disputes={disputesByEdge.get(selected.id)}
                onSelect={selectEdge}
                onClose={() => update({ edge: undefined })}
              />
            ) : (
              <p className="muted">Click a relationship in the graph (or in the List tab) to read its evidence and the source.</p>
            )
          ) : null}
          {state.tab === 'path' ? (
            <PathPanel
              from={state.from ? names.get(state.from) : undefined}
              to={state.to ? names.get(state.to) : undefined}
              fromId={state.from}
              toId={state.to}
              paths={paths.data?.paths}
              loading={paths.loading}
              error={paths.error}
              chosen={Math.min(chosenPath, Math.max(0, (paths.data?.paths.length ?? 1) - 1))}
              onFrom={(a) => (setChosenPath(0), update({ from: a.id }))}
              onTo={(a) => (setChosenPath(0), update({ to: a.id }))}
              onChoose={setChosenPath}
              onSelectEdge={selectEdge}
            />
          ) : null}
          {state.tab === 'sanctions' ? (
            <SanctionsPanel
              actorName={centre?.name}
              received={received.data?.whoSanctioned}
              imposed={imposed.data?.sanctionedBy}
              loading={received.loading || imposed.loading}
              error={received.error ?? imposed.error}
              chosen={chosenFinding ? findingKey(chosenFinding) : undefined}
              onChoose={setChosenFinding}
            />
          ) : null}
          {state.tab === 'list' ? (
            <ListPanel
              view={view}
              centre={state.actor}
              expanded={expanded}
              onExpand={toggleExpand}
              onFocus={focus}
              onSelectEdge={selectEdge}
            />
          ) : null}
        </div>
      </aside>
      <footer className="bottom muted">
        API {version.data?.apiVersion ?? '…'} · every relationship carries the sentences that support it ·{' '}
        <a href="/graphql">query it in GraphiQL</a>
      </footer>
    </div>
  );
}
