/**
 * Answers a researcher can trust (issue 14), over HTTP on the seed graph, with exact values and what must
 * NOT come back: INFERRED claims stay out of traversals unless asked; as-of follows only what is known to
 * hold on the day; a country is reached through the people, entities and bodies tied to it, with the
 * chain; search finds variants and stems, exact names first.
 */
import { type GraphFixture, graphFixture } from '../support/graph-fixture.js';
import { useTestApp } from '../support/test-app.js';

const t = useTestApp();

async function ok<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await t.gql<T>(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

interface Finding {
  sanction: { id: string };
  authority: { id: string };
  imposedBy: { id: string };
  targeted: { id: string };
  target: { id: string };
  indirect: boolean;
  status: string;
  inferredFrom: string | null;
  authorityChain: { id: string }[];
  targetChain: { id: string; type: string; evidence: { status: string } }[];
}
const FINDING = `sanction { id } authority { id } imposedBy { id } targeted { id } target { id } indirect status inferredFrom
  authorityChain { id } targetChain { id type evidence { status } }`;
/** A finding as "sanction: authority<-imposedBy | targeted->target STATUS [chain ids]". */
const line = (f: Finding): string =>
  `${f.sanction.id.replace('sanction-', '')}: ${f.authority.id}<-${f.imposedBy.id} | ${f.targeted.id}->${f.target.id} ${f.status}` +
  ` [${[...f.authorityChain, ...f.targetChain].map((r) => r.id).join(', ')}]`;

interface Edge {
  id: string;
  type: string;
  timeBasis: string;
  evidence: { status: string; inferredFrom: string | null };
}
const EDGE = 'id type timeBasis evidence { status inferredFrom }';

describe('1. claims say how they are known: INFERRED stays out unless asked', () => {
  it('credits the Myanmar military entities to the US only; Canada and the UK only with includeInferred, as INFERRED', async () => {
    const data = await ok<{ strict: Finding[]; inferred: Finding[] }>(`{
      strict: whoSanctioned(actorId: "myanmar-military-entities") { ${FINDING} }
      inferred: whoSanctioned(actorId: "myanmar-military-entities", includeInferred: true) { ${FINDING} }
    }`);
    expect(data.strict.map(line)).toEqual([
      '2021-12-10-myanmar-human-rights: biden-administration<-biden-administration | myanmar-military-entities->myanmar-military-entities ASSERTED []',
      '2021-12-10-myanmar-human-rights: united-states<-united-states | myanmar-military-entities->myanmar-military-entities ASSERTED []',
    ]);
    expect(data.inferred.map(line)).toEqual([
      '2021-12-10-myanmar-human-rights: biden-administration<-biden-administration | myanmar-military-entities->myanmar-military-entities ASSERTED []',
      '2021-12-10-myanmar-human-rights: canada<-canada | myanmar-military-entities->myanmar-military-entities INFERRED []',
      '2021-12-10-myanmar-human-rights: united-kingdom<-united-kingdom | myanmar-military-entities->myanmar-military-entities INFERRED []',
      '2021-12-10-myanmar-human-rights: united-states<-united-states | myanmar-military-entities->myanmar-military-entities ASSERTED []',
    ]);
    const canada = data.inferred.find((f) => f.authority.id === 'canada');
    expect(canada?.inferredFrom).toMatch(/^Sentence 5 has Canada and the United Kingdom join the United States/);
    expect(data.strict.every((f) => f.inferredFrom === null)).toBe(true);
  });

  it('answers whom Canada and the UK sanctioned with nothing, unless inferred claims are asked for', async () => {
    const data = await ok<{ canada: Finding[]; uk: Finding[]; canadaInferred: Finding[] }>(`{
      canada: sanctionedBy(actorId: "canada", includeIndirect: true) { ${FINDING} }
      uk: sanctionedBy(actorId: "united-kingdom") { ${FINDING} }
      canadaInferred: sanctionedBy(actorId: "canada", includeInferred: true) { ${FINDING} }
    }`);
    expect(data.canada).toEqual([]);
    expect(data.uk).toEqual([]);
    expect(data.canadaInferred.map(line)).toEqual([
      '2021-12-10-myanmar-human-rights: canada<-canada | designated-myanmar-2021-12-10->designated-myanmar-2021-12-10 INFERRED []',
      '2021-12-10-myanmar-human-rights: canada<-canada | myanmar-military-entities->myanmar-military-entities INFERRED []',
    ]);
  });

  it('shows each party of the joint Myanmar sanction with its status, confidence and sentences', async () => {
    const data = await ok<{
      sanction: { parties: { actor: { id: string }; role: string; status: string; confidence: number; sentences: number[] }[] };
    }>('{ sanction(id: "sanction-2021-12-10-myanmar-human-rights") { parties { actor { id } role status confidence sentences } } }');
    expect(data.sanction.parties.map((p) => `${p.role} ${p.actor.id} ${p.status} ${p.confidence} ${p.sentences.join(',')}`)).toEqual([
      'AUTHORITY biden-administration ASSERTED 0.9 1',
      'AUTHORITY canada INFERRED 0.6 5,10',
      'AUTHORITY united-kingdom INFERRED 0.6 5,10',
      'AUTHORITY united-states ASSERTED 0.9 5,9',
      'TARGET designated-myanmar-2021-12-10 ASSERTED 0.9 1',
      'TARGET myanmar-military-entities ASSERTED 0.9 9',
    ]);
  });

  it("leaves Canada's inferred SANCTIONED edges out of its relationship page, neighbourhood and paths unless asked", async () => {
    const data = await ok<{
      canada: { strict: { totalCount: number; edges: { node: Edge }[] }; inferred: { totalCount: number; edges: { node: Edge }[] } };
      hood: { nodes: { id: string }[] };
      hoodInferred: { nodes: { id: string }[] };
      path: { length: number; hops: { relationship: Edge }[] }[];
      pathInferred: { length: number; hops: { relationship: Edge }[] }[];
    }>(`{
      canada: actor(id: "canada") {
        strict: relationships { totalCount edges { node { ${EDGE} } } }
        inferred: relationships(includeInferred: true) { totalCount edges { node { ${EDGE} } } }
      }
      hood: neighbourhood(id: "canada") { nodes { id } }
      hoodInferred: neighbourhood(id: "canada", includeInferred: true) { nodes { id } }
      path: paths(from: "canada", to: "myanmar-military") { length hops { relationship { ${EDGE} } } }
      pathInferred: paths(from: "canada", to: "myanmar-military", includeInferred: true) { length hops { relationship { ${EDGE} } } }
    }`);
    expect(data.canada.strict.edges.map((e) => `${e.node.type} ${e.node.evidence.status}`)).toEqual(['ACTED_JOINTLY_WITH ASSERTED']);
    expect(data.canada.strict.totalCount).toBe(1);
    expect(data.canada.inferred.totalCount).toBe(3);
    expect(data.canada.inferred.edges.map((e) => `${e.node.type} ${e.node.evidence.status}`).sort()).toEqual([
      'ACTED_JOINTLY_WITH ASSERTED',
      'SANCTIONED INFERRED',
      'SANCTIONED INFERRED',
    ]);
    expect(data.hood.nodes.map((n) => n.id)).toEqual(['canada', 'united-states']);
    expect(data.hoodInferred.nodes.map((n) => n.id).sort()).toEqual([
      'canada',
      'designated-myanmar-2021-12-10',
      'myanmar-military-entities',
      'united-states',
    ]);
    // Without inferred edges, Canada reaches the military only through the US.
    expect(data.path.map((p) => p.hops.map((h) => `${h.relationship.type} ${h.relationship.evidence.status}`))).toEqual([
      ['ACTED_JOINTLY_WITH ASSERTED', 'SANCTIONED ASSERTED', 'PART_OF ASSERTED'],
    ]);
    expect(data.pathInferred.map((p) => p.hops.map((h) => `${h.relationship.type} ${h.relationship.evidence.status}`))).toEqual([
      ['SANCTIONED INFERRED', 'PART_OF ASSERTED'],
    ]);
  });

  it('lists a role the article only implies (Adeyemo speaking for the Treasury) only with includeInferred', async () => {
    const data = await ok<{ actor: { strict: Edge[]; inferred: Edge[] } }>(`{ actor(id: "wally-adeyemo") {
      strict: roles { ${EDGE} } inferred: roles(includeInferred: true) { ${EDGE} } } }`);
    expect(data.actor.strict.map((r) => r.id)).toEqual(['rel-adeyemo-role-treasury']);
    expect(data.actor.inferred.map((r) => `${r.id} ${r.evidence.status}`)).toEqual([
      'rel-adeyemo-role-treasury ASSERTED',
      'rel-adeyemo-speaks-for-treasury INFERRED',
    ]);
  });
});

describe('2. honest time: as-of follows only what is known to hold on the day', () => {
  const ROLES =
    'query($asOf: Date, $u: Boolean) { actor(id: "joe-biden") { roles(asOf: $asOf, includeUndated: $u) { id timeBasis noLaterThan { date } } } }';
  type Roles = { actor: { roles: { id: string; timeBasis: string; noLaterThan: { date: string } | null }[] } };

  it('does not make Joe Biden President in 1950, nor before the article of 10 December 2021 reports it', async () => {
    expect((await ok<Roles>(ROLES, { asOf: '1950-01-01' })).actor.roles).toEqual([]);
    expect((await ok<Roles>(ROLES, { asOf: '1950-01-01', u: true })).actor.roles).toEqual([]);
    expect((await ok<Roles>(ROLES, { asOf: '2021-12-09' })).actor.roles).toEqual([]);
    expect((await ok<Roles>(ROLES, { asOf: '2021-12-10' })).actor.roles).toEqual([
      { id: 'rel-biden-leads-administration', timeBasis: 'BOUNDED', noLaterThan: { date: '2021-12-10' } },
      { id: 'rel-biden-leads-us', timeBasis: 'BOUNDED', noLaterThan: { date: '2021-12-10' } },
    ]);
    expect((await ok<Roles>(ROLES, {})).actor.roles.map((r) => r.id)).toEqual(['rel-biden-leads-administration', 'rel-biden-leads-us']);
  });

  it('puts no DENOUNCED hop on a path as of 2020-01-01, before the decision it denounces', async () => {
    type P = { paths: { hops: { relationship: { type: string; timeBasis: string } }[] }[] };
    const PATHS =
      'query($asOf: Date) { paths(from: "liu-pengyu", to: "us-treasury", asOf: $asOf) { hops { relationship { type timeBasis } } } }';
    expect((await ok<P>(PATHS, { asOf: '2020-01-01' })).paths).toEqual([]);
    expect((await ok<P>(PATHS, { asOf: '2021-12-10' })).paths).toEqual([
      {
        hops: [{ relationship: { type: 'DENOUNCED', timeBasis: 'BOUNDED' } }, { relationship: { type: 'PART_OF', timeBasis: 'BOUNDED' } }],
      },
    ]);
  });

  it('knows who led Myanmar only on the days the article allows, and says how each edge is dated', async () => {
    type L = { actor: { relationships: { edges: { other: { id: string }; node: { timeBasis: string } }[] } } };
    const LEADERS = `query($asOf: Date) { actor(id: "myanmar") { relationships(types: [LEADS], direction: INCOMING, asOf: $asOf) {
      edges { other { id } node { timeBasis } } } } }`;
    const at = async (asOf: string): Promise<string[]> =>
      (await ok<L>(LEADERS, { asOf })).actor.relationships.edges.map((e) => `${e.other.id} ${e.node.timeBasis}`);
    expect(await at('1950-01-01')).toEqual([]);
    expect(await at('2021-01-30')).toEqual([]);
    expect(await at('2021-01-31')).toEqual(['aung-san-suu-kyi BOUNDED']);
    expect(await at('2021-02-01')).toEqual(['myanmar-military DATED']);
  });

  it('counts an event dated only by its month from the last day of that month', async () => {
    type S = { actor: { relationships: { edges: { node: { id: string; timeBasis: string } }[] } } };
    const SUMMIT = `query($asOf: Date) { actor(id: "joe-biden") { relationships(types: [HELD_SUMMIT_WITH], asOf: $asOf) {
      edges { node { id timeBasis } } } } }`;
    expect((await ok<S>(SUMMIT, { asOf: '2021-11-29' })).actor.relationships.edges).toEqual([]);
    expect((await ok<S>(SUMMIT, { asOf: '2021-11-30' })).actor.relationships.edges).toEqual([
      { node: { id: 'rel-biden-summit-xi', timeBasis: 'DATED' } },
    ]);
  });

  it('bounds the November trade blacklisting by 30 November 2021, for the sanction and its edges', async () => {
    const q = (asOf: string): string => `{
      whoSanctioned(actorId: "chinese-companies-trade-blacklisted-2021-11", asOf: "${asOf}") { authority { id } sanction { timeBasis date { date precision } } }
      list: actor(id: "us-trade-blacklist") { listEntries(asOf: "${asOf}") { id } }
    }`;
    type T = { whoSanctioned: { authority: { id: string }; sanction: { timeBasis: string } }[]; list: { listEntries: { id: string }[] } };
    const before = await ok<T>(q('2021-11-29'));
    expect(before.whoSanctioned).toEqual([]);
    expect(before.list.listEntries).toEqual([]);
    const after = await ok<T>(q('2021-11-30'));
    expect(after.whoSanctioned).toEqual([
      { authority: { id: 'united-states' }, sanction: { timeBasis: 'BOUNDED', date: { date: '2021-11-30', precision: 'DAY' } } },
    ]);
    expect(after.list.listEntries).toEqual([{ id: 'chinese-companies-trade-blacklisted-2021-11' }]);
  });

  describe('relationships with no date and no bound', () => {
    let f: GraphFixture;
    beforeAll(async () => {
      f = graphFixture('undated')
        .actor('a')
        .actor('b')
        .actor('c')
        .actor('d')
        .relate('a', 'DENOUNCED', 'b')
        .relate('a', 'ACCUSED', 'c', { noLaterThan: '2021-12-10' })
        .relate('a', 'HELD_SUMMIT_WITH', 'd', { date: '2020-06-01' });
      await f.write(t.graph);
    });
    afterAll(() => f.remove(t.graph));

    it('are left out as of any date unless includeUndated, and bounded ones follow their bound', async () => {
      type R = { actor: { relationships: { edges: { other: { id: string }; node: { timeBasis: string } }[] } } };
      const q = `query($id: ID!, $asOf: Date, $u: Boolean) { actor(id: $id) { relationships(asOf: $asOf, includeUndated: $u) {
        edges { other { id } node { timeBasis } } } } }`;
      const at = async (asOf: string | null, u: boolean): Promise<string[]> =>
        (await ok<R>(q, { id: f.id('a'), asOf, u })).actor.relationships.edges.map(
          (e) => `${e.other.id.replace(f.prefix, '')} ${e.node.timeBasis}`,
        );
      expect(await at(null, false)).toEqual(['b UNDATED', 'c BOUNDED', 'd DATED']);
      expect(await at('2021-01-01', false)).toEqual(['d DATED']);
      expect(await at('2021-01-01', true)).toEqual(['b UNDATED', 'd DATED']);
      expect(await at('2021-12-10', false)).toEqual(['c BOUNDED', 'd DATED']);
      expect(await at('2021-12-10', true)).toEqual(['b UNDATED', 'c BOUNDED', 'd DATED']);
      expect(await at('2020-05-31', true)).toEqual(['b UNDATED']);
    });

    it('are crossed by paths as of a date only with includeUndated', async () => {
      type P = { paths: { length: number }[] };
      const q =
        'query($from: ID!, $to: ID!, $u: Boolean) { paths(from: $from, to: $to, asOf: "2021-12-10", includeUndated: $u) { length } }';
      expect((await ok<P>(q, { from: f.id('b'), to: f.id('d') })).paths).toEqual([]);
      expect((await ok<P>(q, { from: f.id('b'), to: f.id('d'), u: true })).paths).toEqual([{ length: 2 }]);
    });
  });
});

describe('3. country-level questions: a country is reached through its people, entities and bodies', () => {
  it('answers who sanctioned North Korea through the people and entities located there, with the chain', async () => {
    const data = await ok<{ direct: Finding[]; indirect: Finding[]; early: Finding[]; actor: { degree: number } }>(`{
      direct: whoSanctioned(actorId: "north-korea") { ${FINDING} }
      indirect: whoSanctioned(actorId: "north-korea", includeIndirect: true) { ${FINDING} }
      early: whoSanctioned(actorId: "north-korea", includeIndirect: true, asOf: "2021-12-09") { ${FINDING} }
      actor(id: "north-korea") { degree }
    }`);
    expect(data.direct).toEqual([]);
    expect(data.early).toEqual([]);
    expect(data.actor.degree).toBe(1);
    expect(data.indirect.map(line)).toEqual([
      '2021-12-10-north-korea-human-rights: biden-administration<-biden-administration | designated-north-korea-2021-12-10->north-korea ASSERTED [rel-north-korea-designees-located-in-north-korea]',
      '2021-12-10-north-korea-human-rights: united-states<-united-states | designated-north-korea-2021-12-10->north-korea ASSERTED [rel-north-korea-designees-located-in-north-korea]',
      '2021-12-10-north-korea-human-rights: united-states<-biden-administration | designated-north-korea-2021-12-10->north-korea ASSERTED [rel-administration-part-of-us, rel-north-korea-designees-located-in-north-korea]',
    ]);
    for (const f of data.indirect) {
      expect(f.indirect).toBe(true);
      expect(f.targetChain.map((r) => `${r.type} ${r.evidence.status}`)).toEqual(['LOCATED_IN ASSERTED']);
    }
  });

  it('answers who sanctioned China through its located people, its company SenseTime and its blacklisted companies', async () => {
    const data = await ok<{ whoSanctioned: Finding[] }>(`{ whoSanctioned(actorId: "china", includeIndirect: true) { ${FINDING} } }`);
    expect(data.whoSanctioned.map(line)).toEqual([
      '2021-12-10-china-human-rights: biden-administration<-biden-administration | designated-china-2021-12-10->china ASSERTED [rel-china-designees-located-in-china]',
      '2021-12-10-china-human-rights: united-states<-biden-administration | designated-china-2021-12-10->china ASSERTED [rel-administration-part-of-us, rel-china-designees-located-in-china]',
      '2021-12-10-sensetime-investment-ban: us-treasury<-us-treasury | sensetime->china ASSERTED [rel-sensetime-national-of-china]',
      '2021-12-10-sensetime-investment-ban: united-states<-us-treasury | sensetime->china ASSERTED [rel-treasury-part-of-us, rel-sensetime-national-of-china]',
      '2021-11-chinese-companies-trade-blacklist: united-states<-united-states | chinese-companies-trade-blacklisted-2021-11->china ASSERTED [rel-companies-national-of-china]',
    ]);
  });

  it('answers who sanctioned Myanmar through its people and its military, leaving out the inferred Canada and UK', async () => {
    const data = await ok<{ strict: Finding[]; inferred: Finding[] }>(`{
      strict: whoSanctioned(actorId: "myanmar", includeIndirect: true) { ${FINDING} }
      inferred: whoSanctioned(actorId: "myanmar", includeIndirect: true, includeInferred: true) { ${FINDING} }
    }`);
    expect(data.strict.map(line)).toEqual([
      '2021-12-10-myanmar-human-rights: biden-administration<-biden-administration | designated-myanmar-2021-12-10->myanmar ASSERTED [rel-myanmar-designees-located-in-myanmar]',
      '2021-12-10-myanmar-human-rights: united-states<-united-states | designated-myanmar-2021-12-10->myanmar ASSERTED [rel-myanmar-designees-located-in-myanmar]',
      '2021-12-10-myanmar-human-rights: biden-administration<-biden-administration | myanmar-military-entities->myanmar ASSERTED [rel-military-entities-part-of-military, rel-military-part-of-myanmar]',
      '2021-12-10-myanmar-human-rights: united-states<-biden-administration | designated-myanmar-2021-12-10->myanmar ASSERTED [rel-administration-part-of-us, rel-myanmar-designees-located-in-myanmar]',
      '2021-12-10-myanmar-human-rights: united-states<-united-states | myanmar-military-entities->myanmar ASSERTED [rel-military-entities-part-of-military, rel-military-part-of-myanmar]',
      '2021-12-10-myanmar-human-rights: united-states<-biden-administration | myanmar-military-entities->myanmar ASSERTED [rel-administration-part-of-us, rel-military-entities-part-of-military, rel-military-part-of-myanmar]',
    ]);
    expect(data.strict.some((f) => ['canada', 'united-kingdom'].includes(f.authority.id))).toBe(false);
    expect(
      data.inferred
        .filter((f) => f.status === 'INFERRED')
        .map((f) => f.authority.id)
        .sort(),
    ).toEqual(['canada', 'canada', 'united-kingdom', 'united-kingdom']);
  });

  it("includes in a state's sanctionedBy what its organs imposed, and counts its targets' countries", async () => {
    const data = await ok<{ us: Finding[]; direct: Finding[] }>(`{
      us: sanctionedBy(actorId: "united-states", includeIndirect: true) { ${FINDING} }
      direct: sanctionedBy(actorId: "united-states") { ${FINDING} }
    }`);
    expect(data.direct.map((f) => f.targeted.id).sort()).toEqual([
      'chinese-companies-trade-blacklisted-2021-11',
      'designated-myanmar-2021-12-10',
      'designated-north-korea-2021-12-10',
      'myanmar-military-entities',
    ]);
    // The Treasury's investment ban is one by the United States, and it reaches China through SenseTime.
    expect(data.us.filter((f) => f.imposedBy.id === 'us-treasury').map(line)).toEqual([
      '2021-12-10-sensetime-investment-ban: united-states<-us-treasury | sensetime->sensetime ASSERTED [rel-treasury-part-of-us]',
      '2021-12-10-sensetime-investment-ban: united-states<-us-treasury | sensetime->china ASSERTED [rel-treasury-part-of-us, rel-sensetime-national-of-china]',
    ]);
    expect(
      [...new Set(data.us.map((f) => f.target.id))].filter((id) => ['china', 'myanmar', 'bangladesh', 'north-korea'].includes(id)).sort(),
    ).toEqual(['bangladesh', 'china', 'myanmar', 'north-korea']);
  });

  it('does not treat what is located in a country as acting for it: nothing located in China imposed anything', async () => {
    const data = await ok<{ china: Finding[]; bangladesh: Finding[] }>(`{
      china: sanctionedBy(actorId: "china", includeIndirect: true) { ${FINDING} }
      bangladesh: whoSanctioned(actorId: "bangladesh") { ${FINDING} }
    }`);
    expect(data.china).toEqual([]);
    expect(data.bangladesh).toEqual([]);
  });
});

describe('8. search: spelling variants, stems, exact names first, then kind', () => {
  const top = async (text: string, first = 3): Promise<string[]> =>
    (
      await ok<{ search: { actor: { id: string } }[] }>(
        'query($text: String!, $first: Int) { search(text: $text, first: $first) { actor { id } } }',
        { text, first },
      )
    ).search.map((h) => h.actor.id);

  it.each(['Uighur', 'Uighurs', 'Uyghur', 'uyghurs', 'ethnic Uyghurs'])('finds the Uyghurs for %j', async (text) => {
    expect((await top(text, 1))[0]).toBe('uyghurs');
  });

  it('ranks the state Myanmar above its military, and an exact alias above longer names', async () => {
    expect(await top('Myanmar')).toEqual(['myanmar', 'myanmar-military', 'designated-myanmar-2021-12-10']);
    expect(await top('Biden', 2)).toEqual(['joe-biden', 'biden-administration']);
    expect(await top('North Korea', 2)).toEqual(['north-korea', 'designated-north-korea-2021-12-10']);
  });

  it('matches stems: "sanction" and "sanctioned" find the sanctioned groups', async () => {
    const groups = [
      'designated-bangladesh-2021-12-10',
      'designated-china-2021-12-10',
      'designated-myanmar-2021-12-10',
      'designated-north-korea-2021-12-10',
    ];
    expect((await top('sanctioned', 4)).sort()).toEqual(groups);
    expect((await top('sanction', 4)).sort()).toEqual(groups);
  });

  it('finds actors by description', async () => {
    expect(await top('embassy spokesman')).toEqual(['liu-pengyu']);
    expect(await top('facial recognition company')).toEqual(['sensetime']);
    expect((await top('Deputy Treasury Secretary', 1))[0]).toBe('wally-adeyemo');
    expect((await top('Liu Peng Yu', 1))[0]).toBe('liu-pengyu');
  });

  it('finds nothing for a name the article never uses', async () => {
    expect(await top('Burma')).toEqual([]);
  });
});
