/**
 * Name normalisation for matching: transliteration to ASCII (any-ascii), case, punctuation, legal-form
 * words, word order and spacing. Each form is what one matching rule compares (matching.ts).
 */
import anyAscii from 'any-ascii';

/**
 * Words that say what legal form an organisation has, not which one it is: "SenseTime Group Limited" and
 * "SenseTime Group" are one company. Compared after transliteration and lower-casing, without dots.
 */
export const LEGAL_FORM_WORDS: ReadonlySet<string> = new Set(
  (
    'group groups limited ltd co company companies inc incorporated corp corporation llc llp lp plc gmbh ag sa spa srl sarl bv nv ' +
    'oao ooo zao pao jsc ojsc pjsc cjsc holding holdings pte pty kk ab oy as the'
  ).split(' '),
);

/** The forms of one name that the rules compare. */
export interface NameForms {
  /** Transliterated, lower case, punctuation folded to single spaces: "societe generale s a". */
  readonly plain: string;
  /** The words of `plain` without legal-form words (all of them when nothing else is left). */
  readonly core: readonly string[];
  /** `core` sorted: equal for "Xi Jinping" and "Jinping Xi". */
  readonly sorted: string;
  /** `core` run together: equal for "SenseTime" and "Sense Time". */
  readonly compact: string;
}

/**
 * The forms of a name.
 *
 * @example
 * nameForms('SenseTime Group Limited'); // { plain: 'sensetime group limited', core: ['sensetime'], sorted: 'sensetime', compact: 'sensetime' }
 */
export function nameForms(name: string): NameForms {
  const words = anyAscii(name.normalize('NFKC'))
    .toLowerCase()
    .replace(/['’.]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
  const kept = words.filter((w) => !LEGAL_FORM_WORDS.has(w));
  const core = kept.length > 0 ? kept : words;
  return { plain: words.join(' '), core, sorted: [...core].sort().join(' '), compact: core.join('') };
}

/** Levenshtein distance, for the similarity of two words (short: names' words). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** 1 for equal words, 0 for words with nothing in common, by edit distance over the longer length. */
export function wordSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - editDistance(a, b) / longest;
}

/**
 * How alike two word lists are, in [0, 1]: each word's best similarity in the other list, averaged over
 * both lists (so a word missing on either side costs).
 *
 * @example
 * tokenSimilarity(['liu', 'peng'], ['liu', 'pengyu']); // 0.83
 */
export function tokenSimilarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const best = (w: string, other: readonly string[]): number => Math.max(...other.map((o) => wordSimilarity(w, o)));
  const total = a.reduce((s, w) => s + best(w, b), 0) + b.reduce((s, w) => s + best(w, a), 0);
  return total / (a.length + b.length);
}
