import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { splitSentences, splitSentencesByPattern } from '../../../src/services/seed/sentences.js';

const SOURCES = 'seed/sources';
const ARTICLE = 'article-2021-12-10-sanctions/article.txt';

describe('splitSentences (Intl.Segmenter) against the earlier pattern splitter', () => {
  // The texts of the seed's source folders (seed/sources/<source-id>/).
  const files = readdirSync(SOURCES).flatMap((folder) =>
    readdirSync(path.join(SOURCES, folder))
      .filter((f) => f.endsWith('.txt'))
      .map((f) => `${folder}/${f}`),
  );

  it('finds at least the seed article', () => {
    expect(files).toContain(ARTICLE);
  });

  it.each(files)('gives the same numbered sentences on %s, so seed citations keep their numbers', (file) => {
    const text = readFileSync(path.join(SOURCES, file), 'utf8');
    const segmented = splitSentences(text);
    expect(segmented).toEqual(splitSentencesByPattern(text));
    if (file === ARTICLE) {
      expect(segmented).toHaveLength(15);
      expect(segmented[11]).toBe(
        'Chinese embassy spokesman Liu Pengyu said it would do "grave harm to China-U.S. relations" and called on the Biden administration to overturn the decision.',
      );
    }
  });

  it('splits before a capital outside A-Z, which the pattern missed', () => {
    expect(splitSentences('Paris a parlé. Émile est parti.')).toEqual(['Paris a parlé.', 'Émile est parti.']);
    expect(splitSentencesByPattern('Paris a parlé. Émile est parti.')).toEqual(['Paris a parlé. Émile est parti.']);
  });

  it('splits after a question mark before a lower-case word, where the pattern did not', () => {
    expect(splitSentences('Is it over? the spokesman asked.')).toEqual(['Is it over?', 'the spokesman asked.']);
    expect(splitSentencesByPattern('Is it over? the spokesman asked.')).toEqual(['Is it over? the spokesman asked.']);
  });

  it('breaks after an abbreviation before a capital, like the pattern (no abbreviation list)', () => {
    expect(splitSentences('Mr. Xi met Biden.')).toEqual(['Mr.', 'Xi met Biden.']);
    expect(splitSentencesByPattern('Mr. Xi met Biden.')).toEqual(['Mr.', 'Xi met Biden.']);
  });
});
