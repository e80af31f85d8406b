/**
 * The YAML mapping of a CSV file, after FtM's mappings: named entities (an actor kind, key columns, and
 * columns for its fields), relations between them, and sanctions on them. docs/import-export.md shows one.
 */
import { readFile } from 'node:fs/promises';

import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

import { ACTOR_KINDS, RELATIONSHIP_TYPES, SANCTION_MEASURES } from '../../graph/model.js';
import { SOURCE_KINDS } from './model.js';

/** A value: a column's text (optionally split into several), or a literal. */
const field = z.union([
  z
    .string()
    .min(1)
    .transform((column) => ({ column, split: null, literal: null })),
  z
    .strictObject({ column: z.string().min(1), split: z.string().min(1).nullable().default(null) })
    .transform((f) => ({ ...f, literal: null })),
  z.strictObject({ literal: z.string() }).transform((f) => ({ column: null, split: null, literal: f.literal })),
]);
/** One field of a mapping. */
export type MappingField = z.output<typeof field>;

const name = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a lower-case name (a-z, 0-9, _)');
const kinds = Object.keys(ACTOR_KINDS) as [keyof typeof ACTOR_KINDS, ...(keyof typeof ACTOR_KINDS)[]];

const entity = z.strictObject({
  kind: z.enum(kinds),
  /** Columns whose values make the entity's record id (`<entity>:<v1>|<v2>`); the same key in two rows is one actor. */
  keys: z.array(z.string().min(1)).min(1),
  name: field,
  aliases: field.optional(),
  country: field.optional(),
  description: field.optional(),
  /** Identifier scheme -> column. */
  identifiers: z.record(z.string().min(1), field).default({}),
});

const relation = z.strictObject({
  type: z.enum(RELATIONSHIP_TYPES),
  from: name,
  to: name,
  role: field.optional(),
  startDate: field.optional(),
  endDate: field.optional(),
});

const sanction = z.strictObject({
  target: name,
  authority: field,
  measure: z.enum(SANCTION_MEASURES).default('UNSPECIFIED'),
  program: field.optional(),
  listingDate: field.optional(),
  startDate: field.optional(),
  endDate: field.optional(),
  reason: field.optional(),
  sourceUrl: field.optional(),
  authorityId: field.optional(),
});

/** A whole mapping file. */
export const CsvMapping = z
  .strictObject({
    source: z.strictObject({
      kind: z.enum(SOURCE_KINDS).default('DATASET'),
      title: z.string().min(1),
      publisher: z.string().min(1).nullable().default(null),
      publishedOn: z.iso.date().nullable().default(null),
      /** The edition's label for a LIST (a date or a version); null otherwise. */
      edition: z.string().min(1).nullable().default(null),
    }),
    /** Columns whose values make a row's record id; the line number when absent. */
    key: z.array(z.string().min(1)).min(1).optional(),
    entities: z.record(name, entity).refine((e) => Object.keys(e).length > 0, 'at least one entity'),
    relations: z.array(relation).default([]),
    sanctions: z.array(sanction).default([]),
  })
  .superRefine((m, ctx) => {
    const names = new Set(Object.keys(m.entities));
    m.relations.forEach((r, i) => {
      for (const end of ['from', 'to'] as const) {
        if (!names.has(r[end])) ctx.addIssue({ code: 'custom', path: ['relations', i, end], message: `no entity named ${r[end]}` });
      }
    });
    m.sanctions.forEach((s, i) => {
      if (!names.has(s.target)) ctx.addIssue({ code: 'custom', path: ['sanctions', i, 'target'], message: `no entity named ${s.target}` });
    });
  });
/** A mapping as read. */
export type CsvMapping = z.output<typeof CsvMapping>;

/** Why a mapping file was refused, with the path of each problem. */
export class MappingError extends Error {
  override readonly name = 'MappingError';
}

/**
 * Reads and checks a mapping file.
 *
 * @example
 * const mapping = await readMapping('test/fixtures/import/register.mapping.yaml');
 */
export async function readMapping(file: string): Promise<CsvMapping> {
  const result = CsvMapping.safeParse(parseYaml(await readFile(file, 'utf8')));
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new MappingError(`${file}: ${problems.join('; ')}`);
  }
  return result.data;
}

/** Every column a mapping reads, so the others can be counted as unmapped. */
export function mappedColumns(mapping: CsvMapping): Set<string> {
  const columns = new Set<string>(mapping.key ?? []);
  const add = (f: MappingField | undefined): void => {
    if (f?.column != null) columns.add(f.column);
  };
  for (const e of Object.values(mapping.entities)) {
    e.keys.forEach((k) => columns.add(k));
    [e.name, e.aliases, e.country, e.description, ...Object.values(e.identifiers)].forEach(add);
  }
  for (const r of mapping.relations) [r.role, r.startDate, r.endDate].forEach(add);
  for (const s of mapping.sanctions)
    [s.authority, s.program, s.listingDate, s.startDate, s.endDate, s.reason, s.sourceUrl, s.authorityId].forEach(add);
  return columns;
}
