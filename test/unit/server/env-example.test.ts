import { readFileSync } from 'node:fs';

import { parseConfig } from '../../../src/config/config.js';

const example = readFileSync('.env.example', 'utf8');
const source = readFileSync('src/config/config.ts', 'utf8');

describe('.env.example', () => {
  it('documents every variable config.ts reads', () => {
    const read = [...source.matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]);
    const documented = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    expect(read.length).toBeGreaterThan(25);
    expect(read.filter((name) => !documented.has(name))).toEqual([]);
  });

  it('states the defaults: its uncommented values parse to the same config as an empty environment', () => {
    const values: Record<string, string> = Object.fromEntries(
      [...example.matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1] ?? '', m[2] ?? '']),
    );
    expect(parseConfig(values)).toEqual(parseConfig({}));
  });
});
