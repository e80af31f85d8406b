import { readFileSync } from 'node:fs';

import { splitSentences } from '../../../src/services/seed/sentences.js';

describe('splitSentences', () => {
  it('splits lines into sentences after . ! ? followed by a capital or quote', () => {
    expect(splitSentences('One. Two!\n\n"Three?" he asked. Four.')).toEqual(['One.', 'Two!', '"Three?" he asked.', 'Four.']);
  });

  it('keeps abbreviations such as U.S. inside a sentence', () => {
    expect(splitSentences('It harms China-U.S. relations, he said. Next.')).toEqual(['It harms China-U.S. relations, he said.', 'Next.']);
  });

  it('numbers the seed article into the 15 sentences its evidence cites', () => {
    const sentences = splitSentences(readFileSync('seed/sources/article-2021-12-10-sanctions.txt', 'utf8'));
    expect(sentences).toHaveLength(15);
    expect(sentences[3]).toMatch(/^The firm is accused of having developed facial recognition programs/);
    expect(sentences[7]).toBe('The allegations of fraud have been dismissed by the former electoral commission.');
    expect(sentences[14]).toMatch(/^Last month, China lashed out at the US/);
  });
});
