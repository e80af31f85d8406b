import { buildFulltextQuery, escapeLucene } from '../../../src/graph/fulltext-query.js';

describe('buildFulltextQuery', () => {
  it('matches each word exactly, by prefix and fuzzily when long enough', () => {
    expect(buildFulltextQuery('SenseTime')).toBe('((sensetime^3 OR sensetime* OR sensetime~2))');
    expect(buildFulltextQuery('nld')).toBe('((nld^3 OR nld*))');
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
    // Lower-cased, "or" and "and" are plain words to Lucene, not operators.
    expect(query).toContain('(or^3 OR or*)');
  });

  it('returns null when nothing searchable is left', () => {
    expect(buildFulltextQuery('  *** ?? ')).toBeNull();
  });

  it('escapes operators and special characters in a term', () => {
    expect(escapeLucene('a+b')).toBe('a\\+b');
    expect(escapeLucene('AND')).toBe('\\AND');
  });
});
