/**
 * Every field of the schema that returns a list of objects takes a page size (`first` or `limit`) or is
 * bounded by construction for a reason written here (issue 12). A new unbounded list field fails this.
 */
import { buildASTSchema, getNamedType, GraphQLList, GraphQLNonNull, GraphQLObjectType, type GraphQLOutputType } from 'graphql';

import { loadTypeDefs } from '../../src/server/schema.js';

/** Lists bounded by what holds them, with the bound. */
const BOUNDED_BY_CONSTRUCTION: Record<string, string> = {
  'Path.actors': 'maxHops + 1 actors (maxHops <= 6)',
  'Path.hops': 'maxHops hops (<= 6)',
  'Neighbourhood.nodes': 'the neighbourhood `limit` (<= 500)',
  'Neighbourhood.edges': '10 x the neighbourhood `limit`',
  'SanctionFinding.authorityChain': 'MAX_ACTS_FOR_HOPS (4) relationships',
  'SanctionFinding.targetChain': 'MAX_ACTS_FOR_HOPS (4) relationships',
  'ActorConnection.edges': 'the connection `first` (<= 100)',
  'RelationshipConnection.edges': 'the connection `first` (<= 100)',
  'RelationshipListConnection.edges': 'the connection `first` (<= 100)',
  'SanctionConnection.edges': 'the connection `first` (<= 100)',
  'SanctionFindingConnection.edges': 'the connection `first` (<= 100)',
  'SearchHitConnection.edges': 'the connection `first` (<= 100)',
  'WorldEventConnection.edges': 'the connection `first` (<= 100)',
  'ChangeConnection.edges': 'the connection `first` (<= 500)',
  'RecordedChangeConnection.edges': 'the connection `first` (<= 500)',
  'RecordedChangeConnection.countsByMutation': 'one per mutation name of the schema',
  'MatchReviewConnection.edges': 'the connection `first` (<= 100)',
};

function isList(type: GraphQLOutputType): boolean {
  const inner = type instanceof GraphQLNonNull ? type.ofType : type;
  return inner instanceof GraphQLList;
}

describe('list fields of the schema', () => {
  const schema = buildASTSchema(loadTypeDefs());
  const fields = Object.values(schema.getTypeMap())
    .filter((type): type is GraphQLObjectType => type instanceof GraphQLObjectType && !type.name.startsWith('__'))
    .flatMap((type) => Object.values(type.getFields()).map((field) => ({ name: `${type.name}.${field.name}`, field })))
    .filter(({ field }) => isList(field.type) && getNamedType(field.type) instanceof GraphQLObjectType);

  it('finds the list fields it checks', () => {
    expect(fields.length).toBeGreaterThan(15);
  });

  it('each takes `first` or `limit` with a default, or is bounded by construction', () => {
    const unbounded = fields
      .filter(({ name, field }) => {
        if (name in BOUNDED_BY_CONSTRUCTION) return false;
        const size = field.args.find((arg) => arg.name === 'first' || arg.name === 'limit');
        return size === undefined || size.defaultValue === undefined;
      })
      .map(({ name }) => name);
    expect(unbounded).toEqual([]);
  });
});
