// Who sanctioned whom, for the actor at the centre: `whoSanctioned` and `sanctionedBy` with indirect
// findings; choosing a finding highlights its chain in the graph.
import type { SanctionedByQuery, WhoSanctionedQuery } from '@sanctions-graph/client';
import type { ReactElement } from 'react';

import { wordsForError } from './error-words.js';
import { formatFuzzyDate } from './format.js';
import { typeWords } from './styles.js';

/** One finding, from either field. */
export type Finding = WhoSanctionedQuery['whoSanctioned'][number] | SanctionedByQuery['sanctionedBy'][number];

/** A stable key of a finding. */
export function findingKey(finding: Finding): string {
  return `${finding.sanction.id}:${finding.authority.id}:${finding.target.id}:${finding.imposedBy.id}:${finding.targeted.id}`;
}

interface SanctionsPanelProps {
  readonly actorName: string | undefined;
  readonly received: WhoSanctionedQuery['whoSanctioned'] | undefined;
  readonly imposed: SanctionedByQuery['sanctionedBy'] | undefined;
  readonly loading: boolean;
  readonly error: unknown;
  readonly chosen: string | undefined;
  readonly onChoose: (finding: Finding) => void;
}

function FindingItem({ finding, chosen, onChoose }: { finding: Finding; chosen: boolean; onChoose: (f: Finding) => void }): ReactElement {
  const chain = [...finding.authorityChain, ...finding.targetChain];
  return (
    <li className="finding">
      <button type="button" className="link finding-title" aria-pressed={chosen} onClick={() => onChoose(finding)}>
        <strong>{finding.authority.name}</strong> → <strong>{finding.target.name}</strong>: {typeWords(finding.sanction.measure)},{' '}
        {formatFuzzyDate(finding.sanction.date)}
        {finding.indirect ? ' (indirect)' : ''}
      </button>
      <p className="muted">
        Imposed by {finding.imposedBy.name} on {finding.targeted.name}
        {finding.sanction.list ? `, list: ${finding.sanction.list.name}` : ''}.
        {chain.length > 0 ? ` Chain: ${chain.map((r) => `${r.from.name} ${typeWords(r.type)} ${r.to.name}`).join('; ')}.` : ''}
      </p>
    </li>
  );
}

/** The Sanctions tab. */
export function SanctionsPanel(props: SanctionsPanelProps): ReactElement {
  if (!props.actorName) return <p className="muted">Choose an actor to see who sanctioned it and whom it sanctioned.</p>;
  const list = (findings: readonly Finding[] | undefined, empty: string): ReactElement =>
    findings && findings.length > 0 ? (
      <ul className="findings">
        {findings.map((f) => (
          <FindingItem key={findingKey(f)} finding={f} chosen={props.chosen === findingKey(f)} onChoose={props.onChoose} />
        ))}
      </ul>
    ) : (
      <p className="muted">{props.loading ? 'Loading…' : empty}</p>
    );
  return (
    <section className="sanctions-panel" aria-labelledby="sanctions-title" data-testid="sanctions">
      <h2 id="sanctions-title">Sanctions of {props.actorName}</h2>
      {props.error ? <p role="alert">{wordsForError(props.error)}</p> : null}
      <h3>Sanctioned by</h3>
      {list(props.received, 'No one sanctioned this actor, directly or through the bodies it acts for.')}
      <h3>Sanctioned</h3>
      {list(props.imposed, 'This actor sanctioned no one, directly or through the bodies that act for it.')}
    </section>
  );
}
