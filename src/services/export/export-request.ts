import { z } from 'zod';

import { badUserInput } from '../../errors/app-error.js';
import { CLAIM_STATUSES, FINDING_DISTINCTS, RELATIONSHIP_TYPES, TIME_BASES } from '../../graph/model.js';
import type { ExportSelection } from './export-graph.js';

/**
 * What an export reads, as a client says it: a query document naming one of the graph's fields with its
 * arguments (`{"neighbourhood": {"id": "sensetime", "hops": 2}}`), the same names and ranges as the
 * GraphQL field, or the short forms of the HTTP query string. Both are checked here, once.
 */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date, YYYY-MM-DD');
const types = z.array(z.enum(RELATIONSHIP_TYPES)).nullish();
const int = z.number().int().nullish();
const edges = { includeInferred: z.boolean().nullish(), includeUndated: z.boolean().nullish() };

const findingArgs = z.strictObject({
  actorId: z.string(),
  asOf: day.nullish(),
  distinct: z.enum(FINDING_DISTINCTS).nullish(),
  first: int,
  includeIndirect: z.boolean().nullish(),
  ...edges,
});

const QUERY = z.union([
  z.strictObject({
    neighbourhood: z.strictObject({ id: z.string(), hops: int, limit: int, types, asOf: day.nullish(), ...edges }),
  }),
  z.strictObject({
    paths: z.strictObject({ from: z.string(), to: z.string(), maxHops: int, limit: int, types, asOf: day.nullish(), ...edges }),
  }),
  z.strictObject({ whoSanctioned: findingArgs }),
  z.strictObject({ sanctionedBy: findingArgs }),
  z.strictObject({
    relationships: z.strictObject({
      limit: int,
      where: z
        .strictObject({
          types,
          status: z.array(z.enum(CLAIM_STATUSES)).nullish(),
          minConfidence: z.number().nullish(),
          from: day.nullish(),
          to: day.nullish(),
          asOf: day.nullish(),
          timeBasis: z.array(z.enum(TIME_BASES)).nullish(),
          source: z.string().nullish(),
          sentence: int,
          actor: z.string().nullish(),
          joint: z.boolean().nullish(),
          ...edges,
        })
        .nullish(),
    }),
  }),
]);

/** The query document of an export, as `--query FILE` and `?query=` take it. */
export type ExportQueryDocument = z.infer<typeof QUERY>;

/**
 * The selection a query document names.
 *
 * @throws AppError BAD_USER_INPUT naming `query` and what is wrong.
 * @example
 * selectionFromQuery({ neighbourhood: { id: 'sensetime', hops: 2 } }); // { kind: 'neighbourhood', args: { id: 'sensetime', hops: 2 } }
 */
export function selectionFromQuery(document: unknown): ExportSelection {
  const parsed = QUERY.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw badUserInput(
      `query must name one of neighbourhood, paths, whoSanctioned, sanctionedBy or relationships with that field's arguments${where}: ${issue?.message ?? 'invalid'}`,
      { argument: 'query' },
    );
  }
  const q = parsed.data;
  if ('neighbourhood' in q) return { kind: 'neighbourhood', args: q.neighbourhood };
  if ('paths' in q) return { kind: 'paths', args: q.paths };
  if ('whoSanctioned' in q) return { kind: 'whoSanctioned', args: q.whoSanctioned };
  if ('sanctionedBy' in q) return { kind: 'sanctionedBy', args: q.sanctionedBy };
  return { kind: 'relationships', args: q.relationships };
}

/** Parses the text of a query document. */
export function selectionFromQueryText(text: string): ExportSelection {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw badUserInput('query must be a JSON document such as {"neighbourhood": {"id": "sensetime", "hops": 2}}', { argument: 'query' });
  }
  return selectionFromQuery(document);
}

/** The query-string parameters the short forms read, beside the one that names the selection. */
const SHORT_FORMS = {
  neighbourhood: { key: 'id', ints: ['hops', 'limit'], booleans: ['includeInferred', 'includeUndated'], strings: ['asOf'] },
  whoSanctioned: {
    key: 'actorId',
    ints: ['first'],
    booleans: ['includeIndirect', 'includeInferred', 'includeUndated'],
    strings: ['asOf', 'distinct'],
  },
  sanctionedBy: {
    key: 'actorId',
    ints: ['first'],
    booleans: ['includeIndirect', 'includeInferred', 'includeUndated'],
    strings: ['asOf', 'distinct'],
  },
} as const;

/** Parameters of an export URL that are not selection arguments. */
export const EXPORT_CONTROL_PARAMETERS: ReadonlySet<string> = new Set(['part']);

function intParam(params: URLSearchParams, name: string): number | undefined {
  const text = params.get(name);
  if (text === null) return undefined;
  if (!/^-?\d{1,9}$/.test(text)) throw badUserInput(`${name} must be an integer`, { argument: name });
  return Number(text);
}

function boolParam(params: URLSearchParams, name: string): boolean | undefined {
  const text = params.get(name);
  if (text === null) return undefined;
  if (text !== 'true' && text !== 'false') throw badUserInput(`${name} must be true or false`, { argument: name });
  return text === 'true';
}

/**
 * The selection of an export URL: `?query=<JSON document>`, or a short form (`?neighbourhood=ID&hops=2`,
 * `?from=A&to=B&maxHops=4`, `?whoSanctioned=ID&includeIndirect=true`, `?sanctionedBy=ID`, with `types`
 * as a comma-separated list), or the whole graph when none is given. Unknown parameters are refused.
 *
 * @throws AppError BAD_USER_INPUT naming the parameter.
 * @example
 * selectionFromParams(new URLSearchParams('neighbourhood=sensetime&hops=2')); // { kind: 'neighbourhood', args: { id: 'sensetime', hops: 2 } }
 */
export function selectionFromParams(params: URLSearchParams): ExportSelection {
  const names = [...new Set(params.keys())].filter((n) => !EXPORT_CONTROL_PARAMETERS.has(n));
  for (const name of names) {
    if (params.getAll(name).length > 1) throw badUserInput(`${name} is given more than once`, { argument: name });
  }
  const query = params.get('query');
  const named = (['neighbourhood', 'whoSanctioned', 'sanctionedBy'] as const).filter((k) => params.has(k));
  const paths = params.has('from') || params.has('to');
  const forms = (query === null ? 0 : 1) + named.length + (paths ? 1 : 0);
  if (forms > 1)
    throw badUserInput('give one selection: query, neighbourhood, from/to, whoSanctioned or sanctionedBy', { argument: 'query' });
  if (query !== null) {
    if (names.length > 1)
      throw badUserInput('query takes no other parameter: put the arguments in the document', {
        argument: names.find((n) => n !== 'query'),
      });
    return selectionFromQueryText(query);
  }
  if (forms === 0) {
    if (names.length > 0) throw badUserInput(`${names[0]} is not an export parameter`, { argument: names[0] });
    return { kind: 'graph' };
  }
  const known = new Set<string>();
  const args: Record<string, unknown> = {};
  const typesText = params.get('types');
  const read = (form: { ints: readonly string[]; booleans: readonly string[]; strings: readonly string[] }): void => {
    for (const n of form.ints) {
      known.add(n);
      args[n] = intParam(params, n);
    }
    for (const n of form.booleans) {
      known.add(n);
      args[n] = boolParam(params, n);
    }
    for (const n of form.strings) {
      known.add(n);
      args[n] = params.get(n) ?? undefined;
    }
  };
  let field: string;
  if (paths) {
    field = 'paths';
    for (const n of ['from', 'to', 'types']) known.add(n);
    args['from'] = params.get('from') ?? undefined;
    args['to'] = params.get('to') ?? undefined;
    if (typesText !== null) args['types'] = typesText.split(',');
    read({ ints: ['maxHops', 'limit'], booleans: ['includeInferred', 'includeUndated'], strings: ['asOf'] });
  } else {
    field = named[0] ?? 'neighbourhood';
    const form = SHORT_FORMS[named[0] ?? 'neighbourhood'];
    known.add(field);
    args[form.key] = params.get(field) ?? undefined;
    if (field === 'neighbourhood') {
      known.add('types');
      if (typesText !== null) args['types'] = typesText.split(',');
    }
    read(form);
  }
  const unknown = names.find((n) => !known.has(n));
  if (unknown !== undefined) throw badUserInput(`${unknown} is not a parameter of a ${field} export`, { argument: unknown });
  return selectionFromQuery({ [field]: Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) });
}
