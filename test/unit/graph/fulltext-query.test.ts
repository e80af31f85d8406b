import { buildFulltextQuery, escapeLucene, lightStem, searchTerms, searchWords } from '../../../src/graph/fulltext-query.js';

describe('buildFulltextQuery', () => {
  it('matches each word exactly, by prefix and fuzzily when long enough', () => {
    expect(buildFulltextQuery('SenseTime')).toBe('((sensetime^3 OR sensetime* OR sensetime~2))');
    expect(buildFulltextQuery('nld')).toBe('((nld^3 OR nld*))');
  });

  it('also matches two neighbouring words run together, beyond two words', () => {
    expect(buildFulltextQuery('liu peng yu')).toBe(
      '((liu^3 OR liu*) AND (peng^3 OR peng* OR peng~1) AND (yu^3 OR yu*)) OR ' +
        '((liupeng^3 OR liupeng* OR liupeng~2) AND (yu^3 OR yu*)) OR ' +
        '((liu^3 OR liu*) AND (pengyu^3 OR pengyu* OR pengyu~1)) OR ' +
        '(liupengyu^3 OR liupengyu* OR liupengyu~2)',
    );
  });

  it('also matches the words run together, so spacing does not matter', () => {
    expect(buildFulltextQuery('Sense Time')).toBe(
      '((sense^3 OR sense* OR sense~1) AND (time^3 OR time* OR time~1)) OR (sensetime^3 OR sensetime* OR sensetime~2)',
    );
  });

  it('drops Lucene syntax from user text, so it is taken literally', () => {
    const query = buildFulltextQuery('name:"x" OR *:* AND (a) \\ ~2 ^9 -b +c [d TO e] {f} /g/');
    expect(query).not.toBeNull();
    expect(query).not.toMatch(/[":\\[\]{}/]/);
    // Lower-cased, "or" and "and" would be plain words to Lucene, not operators; as stop words they go.
    expect(query).not.toMatch(/\b(or|and)\^3/);
    expect(buildFulltextQuery('nor')).toBe('((nor^3 OR nor*))');
  });

  it('leaves out stop words, which the English analyzer does not index', () => {
    expect(searchWords('The Chinese embassy in Washington')).toEqual(['chinese', 'embassy', 'washington']);
    expect(buildFulltextQuery('of the')).toBeNull();
  });

  it('returns null when nothing searchable is left', () => {
    expect(buildFulltextQuery('  *** ?? ')).toBeNull();
  });

  it('escapes operators and special characters in a term', () => {
    expect(escapeLucene('a+b')).toBe('a\\+b');
    expect(escapeLucene('AND')).toBe('\\AND');
  });
});

describe('searchTerms', () => {
  it('gives the query, the whole text for exact hits and the lightly stemmed words', () => {
    expect(searchTerms('  Suu   Kyi ')).toEqual({
      query: '((suu^3 OR suu*) AND (kyi^3 OR kyi*)) OR (suukyi^3 OR suukyi* OR suukyi~1)',
      exact: 'suu kyi',
      stems: ['suu', 'kyi'],
    });
    expect(searchTerms('Uighurs')?.stems).toEqual(['uighur']);
    expect(searchTerms('***')).toBeNull();
  });

  it('cuts common English endings, never below three characters', () => {
    expect(['sanctioned', 'sanctions', 'entities', 'persecuting', 'bus', 'US'].map(lightStem)).toEqual([
      'sanction',
      'sanction',
      'entiti',
      'persecut',
      'bus',
      'US',
    ]);
  });
});
