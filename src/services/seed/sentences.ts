/**
 * Splits a source text into numbered sentences (1-based), the unit that evidence cites.
 *
 * Each line is a paragraph; a paragraph splits after `.`, `!` or `?` (optionally followed by a closing
 * quote) when whitespace and a capital letter or opening quote follow. Abbreviations such as "U.S."
 * stay whole because a lower-case word follows them in running text.
 *
 * @example
 * splitSentences('One. Two.\nThree.') // ['One.', 'Two.', 'Three.']
 */
export function splitSentences(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .flatMap((line) => line.split(/(?<=[.!?]["”’]?)\s+(?=["“A-Z])/u))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}
