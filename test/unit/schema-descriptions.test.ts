import {
  buildASTSchema,
  buildSchema,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
} from 'graphql';

import { loadTypeDefs } from '../../src/server/schema.js';

/** Every type, field, argument, enum value, input field and directive of `schema` without a description. */
function undescribedElements(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const described = (description: string | null | undefined): boolean => typeof description === 'string' && description.trim() !== '';
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type)) continue;
    if (!described(type.description)) missing.push(`type ${type.name}`);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field.description)) missing.push(`field ${type.name}.${field.name}`);
        for (const arg of field.args) if (!described(arg.description)) missing.push(`argument ${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!described(field.description)) missing.push(`input field ${type.name}.${field.name}`);
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) if (!described(value.description)) missing.push(`enum value ${type.name}.${value.name}`);
    }
  }
  for (const directive of schema.getDirectives()) {
    if (isSpecifiedDirective(directive)) continue;
    if (!described(directive.description)) missing.push(`directive @${directive.name}`);
    for (const arg of directive.args) if (!described(arg.description)) missing.push(`argument @${directive.name}(${arg.name})`);
  }
  return missing.sort();
}

describe('schema descriptions: the schema is the documentation front-end teams read', () => {
  it('describes every type, field, argument, enum value and input field of schema/*.graphql', () => {
    expect(undescribedElements(buildASTSchema(loadTypeDefs()))).toEqual([]);
  });

  it('finds each kind of undescribed element (the check can fail)', () => {
    const schema = buildSchema(`
      "Described."
      type Query { "Described." ok: Int  bare(arg: Int, "Described." good: Int): Int }
      type Plain { "Described." x: Int }
      "Described." enum Colour { "Described." RED GREEN }
      "Described." input Filter { "Described." a: Int b: Int }
      "Described." interface Node { id: ID }
      scalar Instant
      directive @tag(name: String) on FIELD_DEFINITION
    `);
    expect(undescribedElements(schema)).toEqual(
      [
        'argument @tag(name)',
        'argument Query.bare(arg)',
        'directive @tag',
        'enum value Colour.GREEN',
        'field Node.id',
        'field Query.bare',
        'input field Filter.b',
        'type Instant',
        'type Plain',
      ].sort(),
    );
  });
});
