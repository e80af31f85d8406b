/** The dry run's summary, and what the write step wrote, as the lines `npm run import` prints. */
import type { ImportSummary } from './dry-run.js';
import type { WriteReport } from './write-import.js';

const count = (o: Readonly<Record<string, number | undefined>>): string =>
  Object.entries(o)
    .map(([k, v]) => `${k} ${v ?? 0}`)
    .join(', ');

/**
 * The summary as text: the headline (created, matched, updated, retracted, rejected), then the records,
 * matches, rejections by reason and what was not mapped.
 *
 * @example
 * process.stdout.write(summaryText(summary));
 */
export function summaryText(s: ImportSummary): string {
  const lines: string[] = [];
  const src = s.source;
  lines.push(
    `Source: ${src?.id ?? '(none)'} (${src?.kind ?? '?'}, ${src?.format ?? '?'}), published ${src?.publishedOn ?? 'undated'}, ${src?.fileHash ?? ''}`,
  );
  lines.push(`Previous edition: ${s.previousEdition ?? 'none stored'}`);
  if (s.refused !== null) lines.push(`REFUSED (${s.refused.code}): ${s.refused.detail}. Nothing would be written.`);
  const created = s.actors.created + s.sanctions.created + s.relations.created;
  lines.push(
    `Would write: created ${created} (actors ${s.actors.created}, sanctions ${s.sanctions.created}, relations ${s.relations.created}), ` +
      `matched ${s.actors.matched}, review ${s.actors.review}, updated ${s.records.changed}, retracted ${s.records.gone}, rejected ${s.records.rejected}`,
  );
  lines.push(`Records: ${count(s.records)}`);
  if (s.goneWithheld !== null) lines.push(`Delistings withheld: ${s.goneWithheld}`);
  for (const g of s.gone.slice(0, 20)) lines.push(`  gone: record ${g.recordId}, ended on ${g.endedOn ?? 'undated'}`);
  for (const m of s.matches) {
    const d = m.decision;
    if (d.outcome === 'LINK') lines.push(`  match: ${m.recordId} "${m.name}" -> ${d.actorId} (score ${d.score}, ${d.rule})`);
    if (d.outcome === 'REVIEW')
      lines.push(
        `  review: ${m.recordId} "${m.name}" (${d.reason}): ${d.candidates.map((c) => `${c.actorId} ${c.score} ${c.rule}`).join('; ')}`,
      );
  }
  if (s.records.rejected > 0) lines.push(`Rejected by reason: ${count(s.rejectedByReason)}`);
  for (const r of s.rejections)
    lines.push(`  rejected: ${r.position}${r.recordId === null ? '' : ` (${r.recordId})`} ${r.reason}: ${r.detail}`);
  if (s.unresolved.total > 0) {
    lines.push(`Unresolved references: ${s.unresolved.total} (an end or target that is no actor of this file)`);
    for (const u of s.unresolved.first) lines.push(`  unresolved: record ${u.recordId} refers to ${u.refersTo}`);
  }
  if (Object.keys(s.unmapped).length > 0) lines.push(`Not mapped: ${count(s.unmapped)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * What the write step wrote, as text; null (a refused plan) says nothing was written.
 *
 * @example
 * process.stdout.write(summaryText(result.plan) + writtenText(result.written));
 */
export function writtenText(w: WriteReport | null): string {
  if (w === null) return 'Nothing was written.\n';
  const lines: string[] = [];
  lines.push(
    `Wrote ${w.changes} audited changes: created ${w.actors.created + w.sanctions.created + w.relations.created} ` +
      `(actors ${w.actors.created}, sanctions ${w.sanctions.created}, relations ${w.relations.created}), ` +
      `matched ${w.actors.matched}, review ${w.actors.review}, ` +
      `updated ${w.records.corrected} (actors ${w.actors.corrected}, sanctions ${w.sanctions.corrected}, relations ${w.relations.corrected}), ` +
      `delisted ${w.sanctions.delisted}`,
  );
  lines.push(`Records written: ${count(w.records)}; batches already written (replayed): ${w.replayedBatches}`);
  if (w.skipped.total > 0) {
    lines.push(`Parts not written: ${w.skipped.total}`);
    for (const s of w.skipped.first) lines.push(`  skipped: record ${s.recordId} ${s.reason}: ${s.detail}`);
  }
  return `${lines.join('\n')}\n`;
}
