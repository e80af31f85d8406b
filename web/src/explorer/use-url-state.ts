// The view state, read from and written to the address bar. Changing the centre pushes a history entry
// (Back returns to the previous actor); everything else replaces the current one.
import { useCallback, useEffect, useState } from 'react';

import { formatViewState, parseViewState, type ViewState } from './url-state.js';

/** How a change is recorded in the browser history. */
export type HistoryMode = 'push' | 'replace';

/** The current view state and a setter that keeps the URL in step. */
export function useUrlState(): [ViewState, (patch: Partial<ViewState>, mode?: HistoryMode) => void] {
  const [state, setState] = useState(() => parseViewState(window.location.search));
  useEffect(() => {
    const onPop = (): void => setState(parseViewState(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const update = useCallback((patch: Partial<ViewState>, mode: HistoryMode = 'replace') => {
    setState((previous) => {
      const next = { ...previous, ...patch };
      const url = `${window.location.pathname}${formatViewState(next)}`;
      if (mode === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
      return next;
    });
  }, []);
  return [state, update];
}

/** `value`, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}
