import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { type DocumentNode, parse } from 'graphql';

import { PATHS } from '../config/paths.js';

/** Folder of the SDL files, one per domain. */
export const SCHEMA_DIR = PATHS.schemaDir;

/** The SDL of schema/*.graphql, base.graphql first, as one document. */
export function loadTypeDefs(dir: string = SCHEMA_DIR): DocumentNode {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort((a, b) => (a === 'base.graphql' ? -1 : b === 'base.graphql' ? 1 : a.localeCompare(b)));
  return parse(files.map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n'));
}
