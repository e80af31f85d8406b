/**
 * The SDK's own operations, which the explorer runs, fit the default cost budget at the largest variables
 * the explorer sends (three hops, its neighbourhood limit, indirect findings, the longest paths): the
 * reference app must never be refused by the server it ships with.
 */
import { buildASTSchema, Kind } from 'graphql';

import { operationDocuments } from '../../../../client/src/operations.js';
import { parseConfig } from '../../../../src/config/config.js';
import { operationCost } from '../../../../src/server/cost/operation-cost.js';
import { loadTypeDefs } from '../../../../src/server/schema.js';
import { NEIGHBOURHOOD_LIMIT } from '../../../../web/src/explorer/use-neighbourhoods.js';

const LARGEST = {
  id: 'sensetime',
  actorId: 'sensetime',
  hops: 3,
  limit: NEIGHBOURHOOD_LIMIT,
  includeIndirect: true,
  from: 'liu-pengyu',
  to: 'us-treasury',
  maxHops: 6,
  text: 'sensetime',
};

describe('the SDK operations against the default cost budget', () => {
  const schema = buildASTSchema(loadTypeDefs());
  const budget = parseConfig({}).limits.maxCost;

  it.each(Object.entries(operationDocuments))('%s fits', (_, document) => {
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    expect(operation).toBeDefined();
    if (operation?.kind !== Kind.OPERATION_DEFINITION) return;
    expect(operationCost({ schema, document, operation, variables: LARGEST })).toBeLessThanOrEqual(budget);
  });
});
