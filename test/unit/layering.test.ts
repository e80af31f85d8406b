/**
 * The floors of src/ (docs/architecture.md): each folder imports only from the folders below it, so no
 * arrow runs back up. Checked on the import statements of every file, generated ones included (ESLint
 * skips those), and on the launcher folder neo4j/, which only main.ts may use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What each part of src/ may import from (besides itself and packages). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  config: [],
  errors: [],
  graph: ['config', 'errors'],
  auth: ['config', 'errors', 'graph'],
  'generated/schema-types': [],
  services: ['config', 'errors', 'graph', 'auth', 'generated/schema-types'],
  'generated/resolvers-types': ['graph', 'resolvers'],
  resolvers: ['config', 'errors', 'graph', 'auth', 'services', 'generated/schema-types', 'generated/resolvers-types'],
  server: ['config', 'errors', 'graph', 'auth', 'services', 'resolvers', 'generated/schema-types', 'generated/resolvers-types'],
  main: ['config', 'errors', 'graph', 'auth', 'services', 'resolvers', 'server', 'neo4j'],
};

/** The part a path under src/ (or the launcher folder) belongs to. */
function partOf(file: string): string {
  const relative = path.relative('src', file).split(path.sep);
  if (relative[0] === '..') return relative[1] === 'neo4j' ? 'neo4j' : 'outside';
  if (relative[0] === '__generated__') return `generated/${(relative[1] ?? '').replace(/\.[jt]s$/, '')}`;
  if (relative.length === 1) return relative[0]?.replace(/\.[jt]s$/, '') ?? '';
  return relative[0] ?? '';
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('layering of src/', () => {
  const files = filesUnder('src');

  it('knows every part of src/', () => {
    expect([...new Set(files.map(partOf))].filter((part) => !(part in MAY_IMPORT))).toEqual([]);
  });

  it('has no import that runs up a floor (or into neo4j/ from anywhere but main.ts)', () => {
    const violations: string[] = [];
    for (const file of files) {
      const from = partOf(file);
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'/gms)) {
        const target = partOf(path.join(path.dirname(file), match[1] ?? ''));
        if (target !== from && !(MAY_IMPORT[from] ?? []).includes(target))
          violations.push(`${file} imports ${match[1]} (${from} -> ${target})`);
      }
    }
    expect(violations).toEqual([]);
  });
});
