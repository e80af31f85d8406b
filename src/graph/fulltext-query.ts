/** Longest search text accepted, in characters. */
export const MAX_SEARCH_TEXT = 200;

/** How many index hits a search ranks at most (before the kind filter and the page cut). */
export const SEARCH_CANDIDATES = 200;

// Lucene's query syntax characters; every one is escaped so user text is always taken literally.
const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;

/**
 * The stop words of Lucene's English analyzer, which the `actor_search` index uses: they are not
 * indexed, so a query word among them could never match and would fail the whole AND.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(
    ' ',
  ),
);

/**
 * The words of a search text: lower-cased, without punctuation, Lucene syntax and stop words; 8 at most.
 *
 * @example
 * searchWords('The Chinese embassy in Washington'); // ['chinese', 'embassy', 'washington']
 */
export function searchWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .split(/[\s\p{P}\p{S}]+/u)
    .map((w) => w.replace(LUCENE_SPECIAL, ''))
    .filter((w) => w.length > 0 && !STOP_WORDS.has(w))
    .slice(0, 8);
}

/**
 * Builds a Lucene query for the actor full-text index from user text, tolerant of case, spacing, word
 * endings and small typos: each word matches as a stemmed term (boosted: the index's English analyzer
 * reduces "sanctioned" and "sanctions" to "sanction", and so does the query parser), by prefix, or
 * fuzzily (words of 4+ characters, so "Uighur" finds "Uyghurs"); two neighbouring words run together,
 * or all of them, match too, so "Liu Peng Yu" finds "Liu Pengyu" and "Sense Time" finds "SenseTime". A word may match in the name, an alias or the description. Returns
 * null when nothing searchable is left.
 *
 * @example
 * buildFulltextQuery('suu kyi') // '((suu^3 OR suu*) AND (kyi^3 OR kyi*)) OR (suukyi^3 OR suukyi* OR suukyi~1)'
 */
export function buildFulltextQuery(text: string): string | null {
  const words = searchWords(text);
  if (words.length === 0) return null;
  const clause = (w: string): string => {
    const escaped = escapeLucene(w);
    const parts = [`${escaped}^3`, `${escaped}*`];
    if (w.length >= 4) parts.push(`${escaped}~${w.length >= 7 ? 2 : 1}`);
    return `(${parts.join(' OR ')})`;
  };
  const allOf = (ws: readonly string[]): string => `(${ws.map(clause).join(' AND ')})`;
  if (words.length === 1) return allOf(words);
  // The words as typed, two neighbours run together ("Liu Peng Yu" as "liu pengyu"), or all of them.
  const pairs = words.slice(1).map((w, i) => allOf([...words.slice(0, i), `${words[i]}${w}`, ...words.slice(i + 2)]));
  const alternatives = [allOf(words), ...(words.length > 2 ? pairs : []), clause(words.join(''))];
  return alternatives.join(' OR ');
}

/**
 * A word with a common English ending cut off ("sanctioned" -> "sanction", "entities" -> "entiti"), for
 * the substring checks that rank hits; never shorter than 3 characters.
 *
 * @example
 * lightStem('sanctioned'); // 'sanction'
 */
export function lightStem(word: string): string {
  for (const ending of ['ing', 'ed', 'es', 's']) {
    if (word.endsWith(ending) && word.length - ending.length >= 3) return word.slice(0, -ending.length);
  }
  return word;
}

/** What the search statement takes from the user's text (see SEARCH_ACTORS). */
export interface SearchTerms {
  /** The Lucene query, from {@link buildFulltextQuery}. */
  readonly query: string;
  /** The whole text, lower-cased with single spaces: a name or alias equal to it is an exact hit. */
  readonly exact: string;
  /** The words, lightly stemmed: how many a hit's names (and description) contain ranks it. */
  readonly stems: readonly string[];
}

/**
 * The parameters of a search for user text; null when nothing searchable is left.
 *
 * @example
 * searchTerms('Uighurs') // { query: '((uighurs^3 OR uighurs* OR uighurs~2))', exact: 'uighurs', stems: ['uighur'] }
 */
export function searchTerms(text: string): SearchTerms | null {
  const query = buildFulltextQuery(text);
  if (query === null) return null;
  return {
    query,
    exact: text.trim().toLowerCase().normalize('NFKC').replace(/\s+/g, ' '),
    stems: searchWords(text).map(lightStem),
  };
}

/** Escapes Lucene syntax characters, and the operators AND, OR and NOT (upper case only), in a term. */
export function escapeLucene(term: string): string {
  const escaped = term.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
  return /^(AND|OR|NOT)$/.test(escaped) ? `\\${escaped}` : escaped;
}
