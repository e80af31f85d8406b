/**
 * The selection compiler's statements (src/graph/cypher/compiled-cypher.ts): a text and a name per shape,
 * never per value, and a bounded number of shapes.
 */
import {
  compileActorTree,
  CompiledStatements,
  levelCount,
  type RelationshipLevelShape,
  shapeKey,
} from '../../../src/graph/cypher/compiled-cypher.js';

const level = (direction: RelationshipLevelShape['direction'], children: RelationshipLevelShape[] = []): RelationshipLevelShape => ({
  direction,
  counted: false,
  children,
});

describe('compiled statements', () => {
  it('names a shape by a hash of the shape, the same every time', () => {
    const shape = { children: [level('OUTGOING', [level('OUTGOING')])] };
    const a = compileActorTree(shape);
    expect(a.name).toMatch(/^compiledActor#[0-9a-f]{10}$/);
    expect(compileActorTree({ children: [level('OUTGOING', [level('OUTGOING')])] })).toEqual(a);
    expect(compileActorTree({ children: [level('OUTGOING', [level('INCOMING')])] }).name).not.toBe(a.name);
    expect(shapeKey(shape)).toBe('actor(O(O()))');
    expect(levelCount(shape)).toBe(2);
  });

  it('passes every value of every level as a parameter of that level', () => {
    const { text } = compileActorTree({ children: [level('BOTH'), level('OUTGOING', [level('INCOMING')])] });
    const params = new Set([...text.matchAll(/\$([A-Za-z0-9_]+)/g)].map((m) => m[1]));
    const expected = ['ids'];
    for (const k of [1, 2, 3])
      for (const p of ['types', 'asOf', 'after', 'limit', 'includeInferred', 'includeUndated', 'actorLevel', 'relationshipLevel'])
        expected.push(`l${k}_${p}`);
    expect([...params].sort()).toEqual(expected.sort());
  });

  it('keeps at most `max` shapes and answers null for one more', () => {
    const statements = new CompiledStatements(2);
    const one = statements.actorTree({ children: [level('BOTH')] });
    expect(statements.actorTree({ children: [level('INCOMING')] })).not.toBeNull();
    expect(statements.actorTree({ children: [level('OUTGOING')] })).toBeNull();
    // A held shape is still served, the same object.
    expect(statements.actorTree({ children: [level('BOTH')] })).toBe(one);
    expect(statements.size).toBe(2);
  });
});
