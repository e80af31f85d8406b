/** Longest search text accepted, in characters. */
export const MAX_SEARCH_TEXT = 200;

// Lucene's query syntax characters; every one is escaped so user text is always taken literally.
const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;

/**
 * Builds a Lucene query for the actor full-text index from user text, tolerant of case, spacing and
 * small typos: each word matches exactly (boosted), by prefix, or fuzzily (words of 4+ characters), and
 * the words run together match too, so "Sense Time" finds "SenseTime". Returns null when nothing
 * searchable is left.
 *
 * @example
 * buildFulltextQuery('suu kyi') // '(suu^3 OR suu*) AND (kyi^3 OR kyi*) OR suukyi~1'... (see tests)
 */
export function buildFulltextQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .normalize('NFKC')
    .split(/[\s\p{P}\p{S}]+/u)
    .map((w) => w.replace(LUCENE_SPECIAL, ''))
    .filter((w) => w.length > 0)
    .slice(0, 8);
  if (words.length === 0) return null;
  const clause = (w: string): string => {
    const escaped = escapeLucene(w);
    const parts = [`${escaped}^3`, `${escaped}*`];
    if (w.length >= 4) parts.push(`${escaped}~${w.length >= 7 ? 2 : 1}`);
    return `(${parts.join(' OR ')})`;
  };
  const allWords = `(${words.map(clause).join(' AND ')})`;
  if (words.length === 1) return allWords;
  const joined = words.join('');
  return `${allWords} OR ${clause(joined)}`;
}

/** Escapes Lucene syntax characters, and the operators AND, OR and NOT (upper case only), in a term. */
export function escapeLucene(term: string): string {
  const escaped = term.replace(LUCENE_SPECIAL, (c) => `\\${c}`);
  return /^(AND|OR|NOT)$/.test(escaped) ? `\\${escaped}` : escaped;
}
