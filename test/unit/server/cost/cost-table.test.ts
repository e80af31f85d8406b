import { readFileSync } from 'node:fs';

import { buildASTSchema, getNamedType, getNullableType, type GraphQLSchema, isLeafType, isListType, isObjectType, parse } from 'graphql';

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
});
