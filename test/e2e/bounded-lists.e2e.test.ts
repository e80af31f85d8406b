/**
 * Every list is bounded (issue 12): each list field has `first` with a default and a maximum, so no
 * default answer can grow with the graph, and a page size past the maximum is BAD_USER_INPUT naming the
 * argument and the range. On a fixture with 130 sanctions by one authority.
 */
import { type GraphFixture, graphFixture } from '../support/graph-fixture.js';
import { type GraphQLResponse, startTestApp, type TestApp } from '../support/test-app.js';

const SANCTIONS = 130;
let t: TestApp;
let fixture: GraphFixture;

beforeAll(async () => {
  t = await startTestApp();
  fixture = graphFixture('bounded');
  fixture.actor('authority', 'STATE', 'Bounded authority');
  for (let i = 0; i < SANCTIONS; i += 1) {
    fixture.actor(`t${i}`, 'PERSON', `Bounded target ${i}`);
    fixture.sanction('authority', `t${i}`);
  }
  await fixture.write(t.graph);
});
afterAll(async () => {
  await fixture.remove(t.graph);
  await t.close();
});

type Lengths = Record<string, unknown[]>;

/** Runs `x: <selection>`, declaring only the variables it uses. */
function run<T = Record<string, unknown>>(selection: string): Promise<GraphQLResponse<T>> {
  const declared = [selection.includes('$id') ? '$id: ID!' : '', selection.includes('$source') ? '$source: ID!' : ''].filter(Boolean);
  const variables: Record<string, string> = {};
  if (selection.includes('$id')) variables['id'] = fixture.id('authority');
  if (selection.includes('$source')) variables['source'] = fixture.id('source');
  const head = declared.length > 0 ? `query(${declared.join(', ')})` : 'query';
  return t.gql<T>(`${head} { x: ${selection} }`, variables);
}

describe('list fields answer at most their default, or `first`, items', () => {
  it.each([
    ['sanctionedBy', `sanctionedBy(actorId: $id) { sanction { id } }`, 100],
    ['sanctionedBy first 7', `sanctionedBy(actorId: $id, first: 7) { sanction { id } }`, 7],
    ['sanctionedBy first 500', `sanctionedBy(actorId: $id, first: 500) { sanction { id } }`, SANCTIONS],
    ['sanctionsImposed', `actor(id: $id) { sanctionsImposed { id } }`, 50],
    ['sanctionsImposed first 100', `actor(id: $id) { sanctionsImposed(first: 100) { id } }`, 100],
    ['mentions first 1', `actor(id: $id) { mentions(first: 1) { sentences } }`, 1],
    ['source relationships', `source(id: $source) { relationships { id } }`, 100],
    ['source relationships first 3', `source(id: $source) { relationships(first: 3) { id } }`, 3],
    ['source sanctions', `source(id: $source) { sanctions { id } }`, 100],
    ['source sanctions first 2', `source(id: $source) { sanctions(first: 2) { id } }`, 2],
    ['source sentences first 1', `source(id: $source) { sentences(first: 1) { text } }`, 1],
    ['sources first 1', `sources(first: 1) { id }`, 1],
  ])('%s', async (_, selection, expected) => {
    const res = await run(selection);
    expect(res.errors).toBeUndefined();
    const x = res.data?.['x'];
    const list = Array.isArray(x) ? x : (Object.values(x as Lengths)[0] ?? []);
    expect(list).toHaveLength(expected);
  });

  it('keeps the newest-first order under a bound: the first 7 are the first 7 of the whole answer', async () => {
    const all = await run<{ x: { sanction: { id: string } }[] }>('sanctionedBy(actorId: $id, first: 500) { sanction { id } }');
    const seven = await run<{ x: { sanction: { id: string } }[] }>('sanctionedBy(actorId: $id, first: 7) { sanction { id } }');
    expect(seven.data?.x).toEqual(all.data?.x.slice(0, 7));
  });
});

describe('a page size outside the range is BAD_USER_INPUT naming the argument and the range', () => {
  it.each([
    ['sanctionedBy', `sanctionedBy(actorId: $id, first: 501) { sanction { id } }`, 500],
    ['whoSanctioned', `whoSanctioned(actorId: $id, first: 99999999) { sanction { id } }`, 500],
    ['sanctionsImposed', `actor(id: $id) { sanctionsImposed(first: 101) { id } }`, 100],
    ['sanctionsReceived', `actor(id: $id) { sanctionsReceived(first: 0) { id } }`, 100],
    ['mentions', `actor(id: $id) { mentions(first: 201) { sentences } }`, 200],
    ['roles', `actor(id: $id) { roles(first: 101) { id } }`, 100],
    ['listEntries', `actor(id: $id) { listEntries(first: 501) { id } }`, 500],
    ['sanction targets', `sanctions(first: 1) { targets(first: 501) { id } }`, 500],
    ['sanction authorities', `sanctions(first: 1) { authorities(first: 0) { id } }`, 500],
    ['source sentences', `source(id: $source) { sentences(first: 1001) { text } }`, 1000],
    ['source relationships', `source(id: $source) { relationships(first: 501) { id } }`, 500],
    ['source sanctions', `source(id: $source) { sanctions(first: 501) { id } }`, 500],
    ['sources', `sources(first: 101) { id }`, 100],
  ])('%s', async (_, selection, max) => {
    const res = await run(selection);
    const error = res.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first', min: 1, max });
  });
});
