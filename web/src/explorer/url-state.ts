// The view's state lives in the URL, so a link reproduces it:
// /?actor=sensetime&hops=2&asOf=2021-12-10&types=LEADS,PART_OF&status=ASSERTED&expand=cmic-list
//   &edge=rel-…&from=liu-pengyu&to=us-treasury&tab=path
import { RelationshipType } from '@sanctions-graph/client';

/** Which side-panel tab is open. */
export type PanelTab = 'details' | 'path' | 'sanctions' | 'list';

/** Everything that decides what the explorer shows. */
export interface ViewState {
  /** The actor at the centre of the view. */
  readonly actor: string | undefined;
  /** How far from the centre, 1 to 3. */
  readonly hops: number;
  /** Actors expanded by one more hop, in the order they were clicked. */
  readonly expand: readonly string[];
  /** Only these relationship types (empty: all). */
  readonly types: readonly RelationshipType[];
  /** Only edges whose evidence has one of these statuses (empty: all). Strings, so new statuses work. */
  readonly statuses: readonly string[];
  /** Only relationships valid on this date (YYYY-MM-DD); undefined: any time. */
  readonly asOf: string | undefined;
  /** The relationship shown in the details panel. */
  readonly edge: string | undefined;
  /** Path finder ends. */
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly tab: PanelTab;
}

export const DEFAULT_STATE: ViewState = Object.freeze({
  actor: undefined,
  hops: 1,
  expand: [],
  types: [],
  statuses: [],
  asOf: undefined,
  edge: undefined,
  from: undefined,
  to: undefined,
  tab: 'details',
});

const ID = /^[\w.-]{1,200}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const STATUS = /^[A-Z][A-Z_]{0,40}$/;
const TABS: readonly PanelTab[] = ['details', 'path', 'sanctions', 'list'];
const TYPES = new Set<string>(Object.values(RelationshipType));

function id(value: string | null): string | undefined {
  return value !== null && ID.test(value) ? value : undefined;
}

function list(value: string | null): string[] {
  return value === null || value === '' ? [] : value.split(',').filter((item) => item !== '');
}

/** Reads a view from a query string; anything malformed is dropped, never trusted. */
export function parseViewState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const hops = Number(params.get('hops') ?? '1');
  const asOf = params.get('asOf');
  const tab = params.get('tab') as PanelTab | null;
  return {
    actor: id(params.get('actor')),
    hops: Number.isInteger(hops) && hops >= 1 && hops <= 3 ? hops : 1,
    expand: [...new Set(list(params.get('expand')).filter((item) => ID.test(item)))],
    types: list(params.get('types')).filter((item): item is RelationshipType => TYPES.has(item)),
    statuses: list(params.get('status')).filter((item) => STATUS.test(item)),
    asOf: asOf !== null && DATE.test(asOf) && !Number.isNaN(Date.parse(asOf)) ? asOf : undefined,
    edge: id(params.get('edge')),
    from: id(params.get('from')),
    to: id(params.get('to')),
    tab: tab !== null && TABS.includes(tab) ? tab : 'details',
  };
}

/** Writes a view as a query string (with the leading `?`, or empty), leaving defaults out. */
export function formatViewState(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.actor) params.set('actor', state.actor);
  if (state.hops !== 1) params.set('hops', String(state.hops));
  if (state.expand.length > 0) params.set('expand', state.expand.join(','));
  if (state.types.length > 0) params.set('types', state.types.join(','));
  if (state.statuses.length > 0) params.set('status', state.statuses.join(','));
  if (state.asOf) params.set('asOf', state.asOf);
  if (state.edge) params.set('edge', state.edge);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.tab !== 'details') params.set('tab', state.tab);
  const text = params.toString().replaceAll('%2C', ',');
  return text === '' ? '' : `?${text}`;
}
