import { AppError, badUserInput } from '../../errors/app-error.js';
import { ErrorCode } from '../../errors/error-code.js';
import type { ClaimStatus, FuzzyDate } from '../../graph/model.js';
import type { WriteContext } from '../../graph/repositories/curation-repository.js';

/**
 * The checks of curated writes. Each names the field path of the input at fault (`input.evidence.sentences[2]`)
 * in the message and in `extensions.field`, with what was expected in `extensions.expected`; every check
 * runs before the transaction writes anything.
 */

/** A mistake in field `field`: BAD_USER_INPUT with the path and what was expected. */
export function invalid(field: string, expected: string, message = `${field}: expected ${expected}`): AppError {
  return badUserInput(message, { field, expected });
}

/** A field names a record the graph does not hold: NOT_FOUND with the path. */
export function unknownRecord(field: string, id: string, what: string): AppError {
  return new AppError(ErrorCode.NOT_FOUND, `${field}: no ${what} has the id '${id}' (ids match exactly)`, { field, argument: field, id });
}

/** Ids of actors and the like: lower-case slugs. */
const SLUG = /^[a-z0-9][a-z0-9-]*$/;

/** Checks a record id chosen by the caller. */
export function checkSlug(field: string, value: string): void {
  if (!SLUG.test(value) || value.length > 200) throw invalid(field, 'a lower-case slug (a-z, 0-9, -), at most 200 characters');
}

/** Checks a text that must say something. */
export function checkText(field: string, value: string, max = 10_000): void {
  if (value.trim().length === 0) throw invalid(field, 'a non-empty text');
  if (value.length > max) throw invalid(field, `at most ${max} characters`);
}

/** Checks a confidence. */
export function checkConfidence(field: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw invalid(field, 'a number from 0 to 1');
}

/**
 * Checks a fuzzy date: a coarser date than a day is stored as the first day of its month or year.
 * (`Date` already rejects what is no calendar day; the precision is required by the schema.)
 */
export function checkFuzzyDate(field: string, d: FuzzyDate | null): void {
  if (d === null) return;
  if (d.precision === 'MONTH' && !d.date.endsWith('-01')) throw invalid(`${field}.date`, 'the first day of the month with precision MONTH');
  if (d.precision === 'YEAR' && !d.date.endsWith('-01-01')) throw invalid(`${field}.date`, 'the first day of the year with precision YEAR');
  if (d.derivation !== null) checkText(`${field}.derivation`, d.derivation, 1000);
}

/** Checks that `validFrom` is on or before `validTo`. */
export function checkPeriod(field: string, validFrom: FuzzyDate | null, validTo: FuzzyDate | null): void {
  if (validFrom && validTo && validFrom.date > validTo.date) {
    throw invalid(`${field}.validTo`, `a date on or after validFrom (${validFrom.date})`);
  }
}

/** Checks that an INFERRED claim says what it is inferred from, and only an INFERRED one. */
export function checkInference(field: string, status: ClaimStatus, inferredFrom: string | null): void {
  if (status === 'INFERRED' && (inferredFrom === null || inferredFrom.trim() === '')) {
    throw invalid(`${field}.inferredFrom`, 'what the claim is inferred from, required with status INFERRED');
  }
  if (status !== 'INFERRED' && inferredFrom !== null) throw invalid(`${field}.inferredFrom`, 'null unless status is INFERRED');
}

/**
 * Checks that a source exists and that what cites it fits its kind: every cited sentence one of an
 * ARTICLE's sentences (and no record id), or for a LIST or DATASET no sentence number and, where the input
 * cites records (`records` given: the claim's evidence, not a party or a mention), each one a record of the
 * source.
 */
export function checkCitation(
  field: string,
  sourceField: string,
  sourceId: string,
  sentences: readonly number[],
  context: WriteContext,
  records?: { readonly field: string; readonly ids: readonly string[] | null | undefined },
): void {
  const count = context.sources.get(sourceId);
  if (count === undefined) throw unknownRecord(sourceField, sourceId, 'source');
  const kind = context.sourceKinds.get(sourceId) ?? 'ARTICLE';
  const cited = records?.ids ?? [];
  if (kind !== 'ARTICLE') {
    if (sentences.length > 0) throw invalid(field, `no sentence numbers: source '${sourceId}' is a ${kind}, cited by record id (records)`);
    if (records === undefined) return;
    if (cited.length === 0) throw invalid(records.field, `at least one record id of source '${sourceId}' (a ${kind})`);
    for (const [i, id] of cited.entries()) {
      if (!context.records.has(`${sourceId}\u0000${id}`)) throw invalid(`${records.field}[${i}]`, `a record id of source '${sourceId}'`);
    }
    if (new Set(cited).size !== cited.length) throw invalid(records.field, 'each record id once');
    return;
  }
  if (cited.length > 0 && records !== undefined)
    throw invalid(records.field, `no record ids: source '${sourceId}' is an ARTICLE, cited by sentence number`);
  if (sentences.length === 0) throw invalid(field, 'at least one sentence number');
  for (const [i, n] of sentences.entries()) {
    if (!Number.isInteger(n) || n < 1 || n > count) {
      throw invalid(`${field}[${i}]`, `a sentence number from 1 to ${count} (source '${sourceId}' has ${count} sentences)`);
    }
  }
  if (new Set(sentences).size !== sentences.length) throw invalid(field, 'each sentence number once');
}

/** Checks that an actor reference names a live actor (a merged one names what it was merged into). */
export function checkActor(field: string, actorId: string, context: WriteContext): void {
  if (context.actors.has(actorId)) return;
  const into = context.merged.get(actorId);
  if (into !== undefined) throw invalid(field, `a live actor id; '${actorId}' was merged into '${into}'`);
  if (context.retracted.has(actorId)) throw invalid(field, `a live actor id; '${actorId}' was retracted`);
  throw unknownRecord(field, actorId, 'actor');
}
