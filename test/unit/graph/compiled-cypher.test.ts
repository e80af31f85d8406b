/**
 * The selection compiler's statements (src/graph/cypher/compiled-cypher.ts): a text and a name per shape,
 * never per value, and a bounded number of shapes.
 */
import {
  compileActorTree,
  CompiledStatements,
  compileSanctionTree,
  levelCount,
  listLevelNumbers,
  type RelationshipLevelShape,
  sanctionShapeKey,
  type SanctionTreeShape,
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

  it('compiles a sanction tree by its shape: parties and lists numbered in pre-order, values as list parameters', () => {
    const shape: SanctionTreeShape = {
      children: [
        { role: 'TARGET', children: [{ side: 'received', children: [{ role: 'AUTHORITY', children: [] }] }] },
        { role: 'ANY', children: [{ side: 'imposed', children: [] }] },
      ],
    };
    const query = compileSanctionTree(shape);
    expect(query.name).toMatch(/^compiledSanction#[0-9a-f]{10}$/);
    expect(sanctionShapeKey(shape)).toBe('sanction(T(r(A())),P(i()))');
    // p1 targets, l2 their received lists, p3 those sanctions' authorities, p4 all parties, l5 their imposed lists.
    expect(listLevelNumbers(shape)).toEqual([2, 5]);
    const params = new Set([...query.text.matchAll(/\$([A-Za-z0-9_]+)/g)].map((m) => m[1]));
    expect([...params].sort()).toEqual(['ids', 'l2_asOf', 'l2_limit', 'l5_asOf', 'l5_limit']);
    expect(query.text).toContain('(s0)-[:TARGETS]->(x1:Actor)');
    expect(query.text).toContain('(s2:Sanction)-[:TARGETS]->(x1)');
    expect(query.text).toContain('(x3:Actor)-[:IMPOSED]->(s2)');
    expect(query.text).toContain('(x4)-[:IMPOSED]->(s5:Sanction)');
    expect(query.text).not.toContain('$asOf');
    // Another shape, another name; the same shape, the same statement.
    expect(compileSanctionTree({ children: [{ role: 'TARGET', children: [] }] }).name).not.toBe(query.name);
    expect(compileSanctionTree(shape)).toEqual(query);
  });

  it('counts sanction and actor shapes against one bound', () => {
    const statements = new CompiledStatements(2);
    expect(statements.actorTree({ children: [level('BOTH')] })).not.toBeNull();
    expect(statements.sanctionTree({ children: [{ role: 'TARGET', children: [] }] })).not.toBeNull();
    expect(statements.sanctionTree({ children: [{ role: 'AUTHORITY', children: [] }] })).toBeNull();
    expect(statements.sanctionTree({ children: [{ role: 'TARGET', children: [] }] })).not.toBeNull();
  });
});
