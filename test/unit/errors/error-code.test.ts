import { readFileSync } from 'node:fs';

import { type EnumTypeDefinitionNode, Kind, parse } from 'graphql';

import { ErrorCode } from '../../../src/errors/error-code.js';

describe('ErrorCode', () => {
  it('is the same set as the schema enum front-end teams generate from', () => {
    const doc = parse(readFileSync('schema/base.graphql', 'utf8'));
    const enumNode = doc.definitions.find(
      (d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'ErrorCode',
    );
    expect(enumNode?.values?.map((v) => v.name.value).sort()).toEqual(Object.values(ErrorCode).sort());
  });
});
