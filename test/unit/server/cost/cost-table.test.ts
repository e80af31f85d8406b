import { readFileSync } from 'node:fs';

import {
  buildASTSchema,
  getNamedType,
  getNullableType,
  type GraphQLSchema,
  isEnumType,
  isLeafType,
  isListType,
  isObjectType,
  isScalarType,
  parse,
} from 'graphql';

import { costCacheKey } from '../../../../src/server/cost/cost-plugin.js';
import { COST_TABLE, type FieldCost } from '../../../../src/server/cost/cost-table.js';
import { PAGE_SIZE_ARGUMENTS } from '../../../../src/server/cost/operation-cost.js';
import { buildApiSchema, loadTypeDefs } from '../../../../src/server/schema.js';

// The schema the server runs: schema/*.graphql and the federation fields (`_entities`, `_service`).
const schema = buildApiSchema({ typeDefs: loadTypeDefs(), resolvers: {}, maxEntities: 1 });

/**
 * Fields the table must describe: every root field that takes arguments or returns a list, and every list
 * of objects that has no page-size argument (its size would otherwise be a guess).
 */
function missingEntries(s: GraphQLSchema, table: Readonly<Record<string, FieldCost>>): string[] {
  const missing: string[] = [];
  const roots = new Set([s.getQueryType(), s.getMutationType()]);
  for (const type of Object.values(s.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const key = `${type.name}.${field.name}`;
      const list = isListType(getNullableType(field.type));
      const paged = field.args.some((a) => (PAGE_SIZE_ARGUMENTS as readonly string[]).includes(a.name));
      const root = roots.has(type) && (list || field.args.length > 0);
      const unsizedObjectList = list && !isLeafType(getNamedType(field.type)) && !paged;
      if ((root || unsizedObjectList) && !(key in table)) missing.push(key);
    }
  }
  return missing;
}

describe('COST_TABLE', () => {
  it('describes every argument-taking or list-returning root field and every unsized list of objects', () => {
    expect(missingEntries(schema, COST_TABLE)).toEqual([]);
    // The federation fields are among them: `_entities` could otherwise bypass the budget.
    expect(Object.keys(COST_TABLE)).toEqual(expect.arrayContaining(['Query._entities', 'Query._service']));
  });

  it('fails for a new root field without an entry, and for a new unsized list', () => {
    const extension = parse(`
      extend type Query { newTraversal(id: ID!, hops: Int = 2): [Actor!]! newLookup: Actor }
      extend type Actor { newList: [Source!]! newPaged(first: Int = 10): [Source!]! newScalars: [String!]! }`);
    const base = loadTypeDefs();
    const extended = buildASTSchema({ ...base, definitions: [...base.definitions, ...extension.definitions] });
    expect(missingEntries(extended, COST_TABLE)).toEqual(['Query.newTraversal', 'Actor.newList']);
  });

  it('names only fields that exist (no stale entries)', () => {
    const stale = Object.keys(COST_TABLE).filter((key) => {
      const [typeName = '', fieldName = ''] = key.split('.');
      const type = schema.getType(typeName);
      return !isObjectType(type) || type.getFields()[fieldName] === undefined;
    });
    expect(stale).toEqual([]);
  });

  it('is listed in docs/operations.md, every entry', () => {
    const docs = readFileSync('docs/operations.md', 'utf8');
    expect(Object.keys(COST_TABLE).filter((key) => !docs.includes(`\`${key}\``))).toEqual([]);
  });

  it('reads no string of the arguments (ids, names, enum values): the cost cache leaves strings out of its key', () => {
    // Every rule computed from arguments, called with two argument sets that differ in every string-like
    // argument only (String, ID, custom scalars such as Date, enums): the cost must not change.
    const checked: string[] = [];
    for (const [key, rule] of Object.entries(COST_TABLE)) {
      const [typeName, fieldName] = key.split('.') as [string, string];
      const type = schema.getType(typeName);
      if (!isObjectType(type)) continue;
      const field = type.getFields()[fieldName];
      if (!field) continue;
      const variant = (which: 0 | 1): Record<string, unknown> =>
        Object.fromEntries(
          field.args.map((arg) => {
            const named = getNamedType(arg.type);
            const list = isListType(getNullableType(arg.type));
            let value: unknown = arg.defaultValue ?? null;
            if (isEnumType(named)) {
              const values = named.getValues();
              value = (which === 0 ? values[0] : values[values.length - 1])?.value;
            } else if (isScalarType(named) && !['Int', 'Float', 'Boolean'].includes(named.name)) {
              value = which === 0 ? 'a' : 'zzzz-9999-12-31';
            }
            return [arg.name, list && value !== null ? [value] : value];
          }),
        );
      for (const part of ['base', 'items'] as const) {
        const from = rule[part];
        if (typeof from !== 'function') continue;
        expect([key, part, from(variant(0))]).toEqual([key, part, from(variant(1))]);
        checked.push(`${key}.${part}`);
      }
    }
    expect(checked).toEqual(expect.arrayContaining(['Query.paths.base', 'Query.neighbourhood.base']));
  });

  it('keys a cost by the variables without their strings, keeping numbers, booleans, nulls and list lengths', () => {
    expect(costCacheKey('Point', { id: 'china' })).toBe(costCacheKey('Point', { id: 'russia' }));
    expect(costCacheKey('Hood', { id: 'a', hops: 1 })).not.toBe(costCacheKey('Hood', { id: 'a', hops: 2 }));
    expect(costCacheKey('Who', { id: 'a', includeIndirect: true })).not.toBe(costCacheKey('Who', { id: 'a', includeIndirect: false }));
    expect(costCacheKey('E', { representations: [{ id: 'a' }] })).not.toBe(
      costCacheKey('E', { representations: [{ id: 'a' }, { id: 'b' }] }),
    );
    expect(costCacheKey('P', { after: null })).not.toBe(costCacheKey('P', { after: 'cursor' }));
    expect(costCacheKey('A', {})).not.toBe(costCacheKey('B', {}));
  });
});
