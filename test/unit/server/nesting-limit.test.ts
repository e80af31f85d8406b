import { parse } from 'graphql';

import { isNestedTooDeeply, NestingCheck, queryOf } from '../../../src/server/nesting-limit.js';

const list = (depth: number): string => `{ a(x: ${'['.repeat(depth)}1${']'.repeat(depth)}) }`;
const object = (depth: number): string => `{ a(x: ${'{ b: '.repeat(depth)}1${' }'.repeat(depth)}) }`;
const selection = (depth: number): string => `${'{ a '.repeat(depth)}${'}'.repeat(depth)}`;
const listType = (depth: number): string => `query ($v: ${'['.repeat(depth)}Int${']'.repeat(depth)}) { a }`;

describe('isNestedTooDeeply', () => {
  it.each([
    ['list literals', list, 2],
    ['object literals', object, 2],
    ['selection sets', selection, 0],
    ['list types', listType, 1],
  ])('counts %s, with the brackets around them, up to the limit exactly', (_kind, make, around) => {
    // `around`: the selection set and argument brackets that enclose the nested part.
    expect(isNestedTooDeeply(make(64 - around), 64)).toBe(false);
    expect(isNestedTooDeeply(make(65 - around), 64)).toBe(true);
  });

  it('catches what would overflow the parser, in linear time on a 5 KB document', () => {
    const deep = list(2500);
    expect(() => parse(deep)).toThrow(/call stack/);
    expect(isNestedTooDeeply(deep, 64)).toBe(true);
  });

  it('ignores brackets in strings, block strings and comments', () => {
    const text = `{ a(x: "${'['.repeat(100)}", y: """${'{'.repeat(100)}""") # ${'('.repeat(100)}\n }`;
    expect(isNestedTooDeeply(text, 64)).toBe(false);
  });

  it('leaves text that does not lex to the parser', () => {
    expect(isNestedTooDeeply('{ a(x: "unterminated', 64)).toBe(false);
    expect(isNestedTooDeeply(`${'['.repeat(100)} \u0007`, 64)).toBe(true);
  });
});

describe('NestingCheck', () => {
  it('remembers documents that passed, up to its capacity, and never one that was too deep', () => {
    const check = new NestingCheck(64, 2, 400);
    expect(check.tooDeep(selection(64))).toBe(false);
    expect(check.tooDeep(selection(64))).toBe(false);
    expect(check.size).toBe(1);
    expect(check.tooDeep(selection(65))).toBe(true);
    expect(check.tooDeep(selection(65))).toBe(true);
    expect(check.size).toBe(1);
    // The oldest goes first; a document over the length kept is checked, not kept.
    check.tooDeep('{ a }');
    check.tooDeep('{ b }');
    expect(check.size).toBe(2);
    expect(check.tooDeep(list(60))).toBe(false);
    expect(check.tooDeep(`{ a(x: "${'x'.repeat(500)}") }`)).toBe(false);
    expect(check.size).toBe(2);
  });
});

describe('queryOf', () => {
  it('takes the query of a JSON object body, and nothing else', () => {
    expect(queryOf({ query: '{ a }' })).toBe('{ a }');
    expect(queryOf({ query: 5 })).toBeUndefined();
    expect(queryOf([{ query: '{ a }' }])).toBeUndefined();
    expect(queryOf(null)).toBeUndefined();
    expect(queryOf('{ a }')).toBeUndefined();
  });
});
