// The legend: a colour per actor kind, a line style per claim status (the schema's values, and any
// other status the view holds, so a status added later is listed as soon as data carries it), and the
// colour of contested claims.
import { ActorKind, ClaimStatus } from '@sanctions-graph/client';
import type { ReactElement } from 'react';

import { LineSample } from './line-sample.js';
import { kindColour, kindWords } from './styles.js';

/** All statuses to show: the schema's, then any others seen. */
export function knownStatuses(seen: readonly string[]): string[] {
  return [...new Set<string>([...Object.values(ClaimStatus), ...seen])];
}

/** The legend over the graph. */
export function Legend({
  kindsInView,
  statuses,
}: {
  readonly kindsInView: ReadonlySet<string>;
  readonly statuses: readonly string[];
}): ReactElement {
  const kinds = Object.values(ActorKind).filter((kind) => kindsInView.has(kind));
  return (
    <aside className="legend" aria-label="Legend">
      <ul className="legend-kinds">
        {kinds.map((kind) => (
          <li key={kind}>
            <span className="kind-dot" style={{ background: kindColour(kind) }} aria-hidden="true" />
            {kindWords(kind)}
          </li>
        ))}
      </ul>
      <ul className="legend-statuses">
        {statuses.map((status) => (
          <li key={status} data-status={status}>
            <LineSample status={status} />
            {status.toLowerCase()}
          </li>
        ))}
        <li data-status="contested">
          <span className="contested-line" aria-hidden="true" />
          contested (a claim of a dispute)
        </li>
      </ul>
    </aside>
  );
}
