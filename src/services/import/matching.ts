/**
 * Matching imported actors against existing ones, never merging silently: every candidate gets a score
 * and the rule that produced it; above LINK_THRESHOLD the imported actor links to the existing one, in the
 * band down to REVIEW_THRESHOLD it goes to review, below it is a new actor. Two candidates above the link
 * threshold are a review too: the importer never picks one of two.
 */
import { escapeLucene } from '../../graph/fulltext-query.js';
import type { ActorKind } from '../../graph/model.js';
import type { ImportedActor } from './model.js';
import { type NameForms, nameForms, tokenSimilarity } from './names.js';

/** At or above: link to the existing actor. */
export const LINK_THRESHOLD = 0.85;
/** At or above (and below LINK_THRESHOLD): a reviewer decides. Below: a new actor. */
export const REVIEW_THRESHOLD = 0.6;

/** An existing actor as the candidate lookup returns it. */
export interface MatchCandidate {
  readonly id: string;
  readonly kind: ActorKind;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly country: string | null;
}

/** The name rules, strongest first, with the score each gives when it holds. */
export const NAME_RULES = [
  { rule: 'EXACT', score: 1, holds: (a: NameForms, b: NameForms) => a.plain === b.plain },
  { rule: 'LEGAL_FORM', score: 0.95, holds: (a: NameForms, b: NameForms) => a.core.join(' ') === b.core.join(' ') },
  { rule: 'SPACING', score: 0.93, holds: (a: NameForms, b: NameForms) => a.compact === b.compact },
  { rule: 'WORD_ORDER', score: 0.9, holds: (a: NameForms, b: NameForms) => a.sorted === b.sorted },
] as const;

/** Weight of the fuzzy rule: words alike but not equal never link on their own (0.85 * 1 < link only with a country). */
const SIMILAR_WEIGHT = 0.8;
/** What a match through an alias (on either side) costs against one through the names. */
const ALIAS_COST = 0.03;
/** Kinds that may be one organisation described two ways (an FtM Organization is COMPANY until its topics say more). */
const ORGANISATION_KINDS: ReadonlySet<ActorKind> = new Set([
  'COMPANY',
  'GOVERNMENT_BODY',
  'ARMED_FORCES',
  'POLITICAL_PARTY',
  'MOVEMENT',
  'DIPLOMATIC_MISSION',
]);
const RELATED_KIND_COST = 0.2;
const COUNTRY_DIFFERS_COST = 0.3;
const SAME_COUNTRY_GAIN = 0.03;

/** One candidate scored: the score and every rule that made it. */
export interface ScoredCandidate {
  readonly actorId: string;
  readonly score: number;
  /** The name rule, then adjustments: `LEGAL_FORM+SAME_COUNTRY`, `ALIAS_EXACT+RELATED_KIND`. */
  readonly rule: string;
}

/** What becomes of one imported actor. */
export type MatchDecision =
  | { readonly outcome: 'LINK'; readonly actorId: string; readonly score: number; readonly rule: string }
  | { readonly outcome: 'REVIEW'; readonly candidates: readonly ScoredCandidate[]; readonly reason: string }
  | { readonly outcome: 'NEW'; readonly best: ScoredCandidate | null };

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** The best name rule between two name lists (the first of each is the name, the rest aliases). */
function nameScore(a: readonly string[], b: readonly string[]): { score: number; rule: string } {
  let best = { score: 0, rule: 'NO_NAME_MATCH' };
  const fa = a.map(nameForms);
  const fb = b.map(nameForms);
  fa.forEach((x, i) => {
    fb.forEach((y, j) => {
      const viaAlias = i > 0 || j > 0;
      const named = NAME_RULES.find((r) => r.holds(x, y));
      const found =
        named !== undefined
          ? { score: named.score, rule: named.rule }
          : { score: SIMILAR_WEIGHT * tokenSimilarity(x.core, y.core), rule: 'SIMILAR_WORDS' };
      const score = found.score - (viaAlias ? ALIAS_COST : 0);
      if (score > best.score) best = { score, rule: `${viaAlias ? 'ALIAS_' : ''}${found.rule}` };
    });
  });
  return best;
}

/**
 * Scores one existing actor as a match for an imported one; null when their kinds cannot be one actor
 * (a person and a company).
 *
 * @example
 * scoreCandidate(importedSenseTime, { id: 'sensetime', kind: 'COMPANY', name: 'SenseTime Group', aliases: ['SenseTime'], country: 'CN' });
 * // { actorId: 'sensetime', score: 0.98, rule: 'LEGAL_FORM+SAME_COUNTRY' }
 */
export function scoreCandidate(
  actor: Pick<ImportedActor, 'kind' | 'name' | 'aliases' | 'country'>,
  candidate: MatchCandidate,
): ScoredCandidate | null {
  const related = actor.kind !== candidate.kind;
  if (related && !(ORGANISATION_KINDS.has(actor.kind) && ORGANISATION_KINDS.has(candidate.kind))) return null;
  const named = nameScore([actor.name, ...actor.aliases], [candidate.name, ...candidate.aliases]);
  let score = named.score;
  const rules = [named.rule];
  if (related) {
    score -= RELATED_KIND_COST;
    rules.push('RELATED_KIND');
  }
  if (actor.country !== null && candidate.country !== null) {
    if (actor.country === candidate.country) {
      score += SAME_COUNTRY_GAIN;
      rules.push('SAME_COUNTRY');
    } else {
      score -= COUNTRY_DIFFERS_COST;
      rules.push('COUNTRY_DIFFERS');
    }
  }
  return { actorId: candidate.id, score: round(Math.max(0, Math.min(1, score))), rule: rules.join('+') };
}

/**
 * What becomes of an imported actor given the candidates the lookup found.
 *
 * @example
 * decideMatch(importedSenseTime, [seedSenseTime]); // { outcome: 'LINK', actorId: 'sensetime', score: 0.98, rule: 'LEGAL_FORM+SAME_COUNTRY' }
 */
export function decideMatch(
  actor: Pick<ImportedActor, 'kind' | 'name' | 'aliases' | 'country'>,
  candidates: readonly MatchCandidate[],
): MatchDecision {
  const scored = candidates
    .map((c) => scoreCandidate(actor, c))
    .filter((s): s is ScoredCandidate => s !== null)
    .sort((a, b) => b.score - a.score || (a.actorId < b.actorId ? -1 : 1));
  const [top, second] = scored;
  if (top === undefined || top.score < REVIEW_THRESHOLD) return { outcome: 'NEW', best: top ?? null };
  if (top.score >= LINK_THRESHOLD) {
    if (second !== undefined && second.score >= LINK_THRESHOLD) {
      return { outcome: 'REVIEW', candidates: scored.filter((s) => s.score >= REVIEW_THRESHOLD), reason: 'TWO_CANDIDATES_ABOVE_LINK' };
    }
    return { outcome: 'LINK', actorId: top.actorId, score: top.score, rule: top.rule };
  }
  return { outcome: 'REVIEW', candidates: scored.filter((s) => s.score >= REVIEW_THRESHOLD), reason: 'AMBIGUOUS_SCORE' };
}

/** Most words of one actor's names put into its candidate query. */
const QUERY_WORDS = 12;

/**
 * The Lucene query that finds an actor's candidates in the `actor_search` index: any core word of any of
 * its names (boosted when exact, fuzzy from four letters), or a name's words run together. Null when no
 * word is left (a name of punctuation only).
 *
 * @example
 * candidateQuery({ name: 'SenseTime Group Limited', aliases: [] }); // 'sensetime^2 OR sensetime~1'
 */
export function candidateQuery(actor: Pick<ImportedActor, 'name' | 'aliases'>): string | null {
  const words = new Set<string>();
  for (const name of [actor.name, ...actor.aliases]) {
    const forms = nameForms(name);
    forms.core.forEach((w) => words.add(w));
    words.add(forms.compact);
  }
  const terms = [...words].filter((w) => w.length >= 2).slice(0, QUERY_WORDS);
  if (terms.length === 0) return null;
  return terms.map((w) => (w.length >= 4 ? `${escapeLucene(w)}^2 OR ${escapeLucene(w)}~1` : `${escapeLucene(w)}^2`)).join(' OR ');
}
