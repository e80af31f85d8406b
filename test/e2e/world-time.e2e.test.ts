/**
 * Issue 20 over HTTP: alignment of listings, followers, changes between two dates, timelines and contested
 * claims, with exact answers on the seed graph plus a list edition written for the test (known lags, one
 * MONTH date, one BOUNDED listing, one joint action and one delisting).
 */
import { type GraphFixture, graphFixture } from '../support/graph-fixture.js';
import { useTestApp } from '../support/test-app.js';

const t = useTestApp();

type Data = Record<string, unknown>;
async function ok<T = Data>(query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await t.gql<T>(query, variables);
  expect(res.errors).toBeUndefined();
  expect(res.status).toBe(200);
  return res.data as T;
}
async function refused(query: string, variables?: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
  const res = await t.gql(query, variables);
  expect(res.errors).toHaveLength(1);
  return res.errors?.[0]?.extensions;
}

interface Listing {
  authority: { id: string };
  sanction: { id: string };
  listed: { date: string; precision: string };
  timeBasis: string;
  delisted: { date: { date: string }; evidence: { claim: string } } | null;
  lag: { days: number | null; minDays: number | null; maxDays: number | null; reason: string | null };
  first: boolean;
  joint: boolean;
  sameActionAsFirst: boolean;
  status: string;
}
interface AlignmentData {
  alignment: { target: { id: string }; firstListed: { date: string }; authorityCount: number; listings: Listing[] }[];
}
const ALIGNMENT_FIELDS = `target { id } firstListed { date } authorityCount
  listings { authority { id } sanction { id } listed { date precision } timeBasis delisted { date { date } evidence { claim } }
             lag { days minDays maxDays reason } first joint sameActionAsFirst status }`;

describe('world time on the seed plus a list edition', () => {
  // The list edition: three authorities, four targets, six records.
  let edition: GraphFixture;
  let program: string;
  const id = (local: string): string => edition.id(local);

  beforeAll(async () => {
    edition = graphFixture('edition');
    program = `${edition.prefix}program`;
    edition.actor('ofac', 'GOVERNMENT_BODY').actor('hmt', 'GOVERNMENT_BODY').actor('eu', 'GOVERNMENT_BODY');
    for (const target of ['t1', 't2', 't3']) edition.actor(target, 'COMPANY');
    edition
      .listing('l1', ['ofac'], ['t1'], { date: '2022-03-01', program, delistedOn: '2023-01-10' })
      .listing('l2', ['hmt'], ['t1'], { date: '2022-03-15', program })
      .listing('l3', ['eu'], ['t1'], { date: '2022-04-01', precision: 'MONTH', program })
      .listing('l4', ['ofac', 'hmt'], ['t2'], { date: '2022-03-01', joint: true, program })
      .listing('l5', ['hmt'], ['t3'], { date: '2022-05-31', bounded: true, program })
      .listing('l6', ['ofac'], ['t3'], { date: '2022-06-10', program });
    await edition.write(t.graph);
  });
  afterAll(() => edition.remove(t.graph));

  describe('alignment', () => {
    it('has the UK and Canada join the US on Myanmar on the same day: lag 0, one joint action', async () => {
      const data = await ok<AlignmentData>(`{ alignment(sanction: "sanction-2021-12-10-myanmar-human-rights") { ${ALIGNMENT_FIELDS} } }`);
      expect(data.alignment.map((a) => [a.target.id, a.firstListed.date, a.authorityCount])).toEqual([
        ['designated-myanmar-2021-12-10', '2021-12-10', 4],
        ['myanmar-military-entities', '2021-12-10', 4],
      ]);
      const zero = { days: 0, minDays: 0, maxDays: 0, reason: null };
      for (const target of data.alignment) {
        expect(target.listings).toEqual(
          [
            ['biden-administration', 'ASSERTED'],
            ['canada', 'INFERRED'],
            ['united-kingdom', 'INFERRED'],
            ['united-states', 'ASSERTED'],
          ].map(([authority, status], i) => ({
            authority: { id: authority },
            sanction: { id: 'sanction-2021-12-10-myanmar-human-rights' },
            listed: { date: '2021-12-10', precision: 'DAY' },
            timeBasis: 'DATED',
            delisted: null,
            lag: zero,
            first: i === 0,
            joint: true,
            sameActionAsFirst: true,
            status,
          })),
        );
      }
    });

    it('measures real lags on a list edition: exact for DAY dates, a range with the reason for MONTH and BOUNDED ones', async () => {
      const data = await ok<AlignmentData>(`query($program: String) { alignment(program: $program) { ${ALIGNMENT_FIELDS} } }`, { program });
      expect(data.alignment.map((a) => [a.target.id, a.firstListed.date, a.authorityCount])).toEqual([
        [id('t1'), '2022-03-01', 3],
        [id('t2'), '2022-03-01', 2],
        [id('t3'), '2022-05-31', 2],
      ]);
      const summary = (a: AlignmentData['alignment'][number]): unknown[] =>
        a.listings.map((l) => [
          l.authority.id,
          l.sanction.id,
          l.listed.date,
          l.listed.precision,
          l.timeBasis,
          l.lag,
          l.first,
          l.joint,
          l.sameActionAsFirst,
        ]);
      const [t1, t2, t3] = data.alignment;
      expect(summary(t1!)).toEqual([
        [id('ofac'), id('l1'), '2022-03-01', 'DAY', 'DATED', { days: 0, minDays: 0, maxDays: 0, reason: null }, true, false, true],
        [id('hmt'), id('l2'), '2022-03-15', 'DAY', 'DATED', { days: 14, minDays: 14, maxDays: 14, reason: null }, false, false, false],
        [
          id('eu'),
          id('l3'),
          '2022-04-01',
          'MONTH',
          'DATED',
          { days: null, minDays: 31, maxDays: 60, reason: 'this listing is only known to the month (2022-04)' },
          false,
          false,
          false,
        ],
      ]);
      // The delisting: a later edition without the record ended OFAC's sanction on t1.
      expect(t1!.listings[0]!.delisted).toEqual({
        date: { date: '2023-01-10' },
        evidence: { claim: 'l1 is gone from the edition of 2023-01-10' },
      });
      expect(t1!.listings.slice(1).map((l) => l.delisted)).toEqual([null, null]);
      expect(summary(t2!)).toEqual([
        [id('hmt'), id('l4'), '2022-03-01', 'DAY', 'DATED', { days: 0, minDays: 0, maxDays: 0, reason: null }, true, true, true],
        [id('ofac'), id('l4'), '2022-03-01', 'DAY', 'DATED', { days: 0, minDays: 0, maxDays: 0, reason: null }, false, true, true],
      ]);
      expect(summary(t3!)).toEqual([
        [id('hmt'), id('l5'), '2022-05-31', 'DAY', 'BOUNDED', { days: 0, minDays: 0, maxDays: 0, reason: null }, true, false, true],
        [
          id('ofac'),
          id('l6'),
          '2022-06-10',
          'DAY',
          'DATED',
          {
            days: null,
            minDays: 10,
            maxDays: null,
            reason: 'the first listing is BOUNDED: only the latest day it can have been (2022-05-31) is known',
          },
          false,
          false,
          false,
        ],
      ]);
    });

    it('limits listings to a window, one target to its listings, and refuses unknown ids and inverted windows', async () => {
      const windowed = await ok<AlignmentData>(
        `query($program: String) { alignment(program: $program, from: "2022-03-10", to: "2022-04-30") { ${ALIGNMENT_FIELDS} } }`,
        { program },
      );
      expect(windowed.alignment.map((a) => [a.target.id, a.listings.map((l) => [l.authority.id, l.lag.days, l.lag.minDays])])).toEqual([
        [
          id('t1'),
          [
            [id('hmt'), 0, 0],
            [id('eu'), null, 17],
          ],
        ],
      ]);
      const one = await ok<AlignmentData>(`query($t: ID) { alignment(target: $t) { ${ALIGNMENT_FIELDS} } }`, { t: id('t2') });
      expect(one.alignment.map((a) => a.target.id)).toEqual([id('t2')]);
      expect(await ok('{ alignment(target: "sensetime", program: "no such program") { target { id } } }')).toEqual({ alignment: [] });
      expect(await refused('{ alignment(target: "nobody") { target { id } } }')).toMatchObject({ code: 'NOT_FOUND', argument: 'target' });
      expect(await refused('{ alignment(sanction: "no-sanction") { target { id } } }')).toMatchObject({
        code: 'NOT_FOUND',
        argument: 'sanction',
      });
      expect(await refused('{ alignment(from: "2022-02-01", to: "2022-01-01") { target { id } } }')).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'from',
      });
    });
  });

  describe('followers', () => {
    const FIELDS = '{ leader { id } targetCount sameDayCount jointCount exactCount medianLagDays }';

    it('on the seed: the UK followed the US, its administration and Canada on both Myanmar targets, same day', async () => {
      const data = await ok<{ followers: unknown[] }>(`{ followers(authority: "united-kingdom") ${FIELDS} }`);
      expect(data.followers).toEqual(
        ['biden-administration', 'canada', 'united-states'].map((leader) => ({
          leader: { id: leader },
          targetCount: 2,
          sameDayCount: 2,
          jointCount: 2,
          exactCount: 2,
          medianLagDays: 0,
        })),
      );
    });

    it('on the edition: median of the exact lags, inexact ones counted apart', async () => {
      const run = (a: string): Promise<{ followers: unknown[] }> =>
        ok(`query($a: ID!) { followers(authority: $a) ${FIELDS} }`, { a: id(a) });
      expect((await run('hmt')).followers).toEqual([
        { leader: { id: id('ofac') }, targetCount: 2, sameDayCount: 1, jointCount: 1, exactCount: 2, medianLagDays: 7 },
      ]);
      expect((await run('ofac')).followers).toEqual([
        { leader: { id: id('hmt') }, targetCount: 2, sameDayCount: 1, jointCount: 1, exactCount: 1, medianLagDays: 0 },
      ]);
      expect((await run('eu')).followers).toEqual([
        { leader: { id: id('hmt') }, targetCount: 1, sameDayCount: 0, jointCount: 0, exactCount: 0, medianLagDays: null },
        { leader: { id: id('ofac') }, targetCount: 1, sameDayCount: 0, jointCount: 0, exactCount: 0, medianLagDays: null },
      ]);
      expect(await ok('{ followers(authority: "china") { leader { id } } }')).toEqual({ followers: [] });
      expect(await refused('{ followers(authority: "nobody") { leader { id } } }')).toMatchObject({
        code: 'NOT_FOUND',
        argument: 'authority',
      });
    });
  });

  interface Changes {
    changesBetween: {
      totalCount: number;
      countsByType: { kind: string; relationshipType: string | null; count: number }[];
      edges: {
        cursor: string;
        node: {
          kind: string;
          on: { date: string; precision: string };
          dateField: string;
          relationship: { id: string } | null;
          sanction: { id: string } | null;
          evidence: { claim: string };
        };
      }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  }
  const CHANGES = `query($from: Date!, $to: Date!, $first: Int, $after: String) {
  changesBetween(from: $from, to: $to, first: $first, after: $after) {
    totalCount countsByType { kind relationshipType count }
    edges { cursor node { kind on { date precision } dateField relationship { id } sanction { id } evidence { claim } } }
    pageInfo { hasNextPage endCursor }
  } }`;
  const eventKey = (e: Changes['changesBetween']['edges'][number]): string[] => [
    e.node.on.date,
    e.node.kind,
    e.node.relationship?.id ?? e.node.sanction?.id ?? '',
  ];

  describe('changesBetween', () => {
    it('lists December 2021 on the seed in date order, with counts by type, and pages without gaps', async () => {
      const data = await ok<Changes>(CHANGES, { from: '2021-12-01', to: '2021-12-31', first: 100 });
      expect(data.changesBetween.edges.map(eventKey)).toEqual([
        ['2021-12-10', 'HAPPENED', 'rel-administration-accused-bangladesh-designees'],
        ['2021-12-10', 'HAPPENED', 'rel-administration-accused-china-designees'],
        ['2021-12-10', 'HAPPENED', 'rel-administration-accused-myanmar-designees'],
        ['2021-12-10', 'HAPPENED', 'rel-administration-accused-north-korea-designees'],
        ['2021-12-10', 'HAPPENED', 'rel-canada-joint-us'],
        ['2021-12-10', 'HAPPENED', 'rel-sensetime-listed-on-cmic'],
        ['2021-12-10', 'HAPPENED', 'rel-uk-joint-us'],
        ['2021-12-10', 'SANCTION_IMPOSED', 'sanction-2021-12-10-bangladesh-human-rights'],
        ['2021-12-10', 'SANCTION_IMPOSED', 'sanction-2021-12-10-china-human-rights'],
        ['2021-12-10', 'SANCTION_IMPOSED', 'sanction-2021-12-10-myanmar-human-rights'],
        ['2021-12-10', 'SANCTION_IMPOSED', 'sanction-2021-12-10-north-korea-human-rights'],
        ['2021-12-10', 'SANCTION_IMPOSED', 'sanction-2021-12-10-sensetime-investment-ban'],
      ]);
      expect(data.changesBetween.totalCount).toBe(12);
      expect(data.changesBetween.countsByType).toEqual([
        { kind: 'SANCTION_IMPOSED', relationshipType: null, count: 5 },
        { kind: 'HAPPENED', relationshipType: 'ACCUSED', count: 4 },
        { kind: 'HAPPENED', relationshipType: 'ACTED_JOINTLY_WITH', count: 2 },
        { kind: 'HAPPENED', relationshipType: 'LISTED_ON', count: 1 },
      ]);
      // No derived SANCTIONED edge and no bound (noLaterThan 2021-12-10) is an event of the window.
      expect(data.changesBetween.edges.some((e) => e.node.relationship?.id.includes(':'))).toBe(false);
      expect(data.changesBetween.edges.some((e) => e.node.dateField === 'noLaterThan')).toBe(false);

      const seen: string[][] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const next: Changes = await ok<Changes>(CHANGES, { from: '2021-12-01', to: '2021-12-31', first: 5, after });
        seen.push(...next.changesBetween.edges.map(eventKey));
        if (!next.changesBetween.pageInfo.hasNextPage) break;
        after = next.changesBetween.pageInfo.endCursor;
      }
      expect(seen).toEqual(data.changesBetween.edges.map(eventKey));
      const cursor = data.changesBetween.edges[0]!.cursor;
      expect(await refused(CHANGES, { from: '2021-01-01', to: '2021-12-31', after: cursor })).toMatchObject({
        code: 'BAD_USER_INPUT',
        argument: 'after',
        reason: 'filter',
      });
      expect(await refused(CHANGES, { from: '2021-12-31', to: '2021-12-01' })).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'from' });
    });

    it('has the coup end one state and begin another on 1 February 2021', async () => {
      const data = await ok<Changes>(CHANGES, { from: '2021-01-01', to: '2021-02-28' });
      expect(data.changesBetween.edges.map((e) => [...eventKey(e), e.node.dateField])).toEqual([
        ['2021-02-01', 'ENDED', 'rel-suu-kyi-leads-myanmar', 'validTo'],
        ['2021-02-01', 'HAPPENED', 'rel-military-ousted-nld', 'date'],
        ['2021-02-01', 'HAPPENED', 'rel-military-ousted-suu-kyi', 'date'],
        ['2021-02-01', 'HAPPENED', 'rel-military-seized-power', 'date'],
        ['2021-02-01', 'BEGAN', 'rel-military-leads-myanmar', 'validFrom'],
      ]);
    });

    it('on the edition: the delisting, a MONTH date in a window inside its month, and no derived edges', async () => {
      const ended = await ok<Changes>(CHANGES, { from: '2023-01-01', to: '2023-01-31' });
      expect(ended.changesBetween.edges.map((e) => [...eventKey(e), e.node.dateField, e.node.evidence.claim])).toEqual([
        ['2023-01-10', 'SANCTION_ENDED', id('l1'), 'delisting', 'l1 is gone from the edition of 2023-01-10'],
      ]);
      expect(ended.changesBetween.countsByType).toEqual([{ kind: 'SANCTION_ENDED', relationshipType: null, count: 1 }]);
      const march = await ok<Changes>(CHANGES, { from: '2022-03-01', to: '2022-03-31' });
      expect(march.changesBetween.edges.map(eventKey)).toEqual([
        ['2022-03-01', 'SANCTION_IMPOSED', id('l1')],
        ['2022-03-01', 'SANCTION_IMPOSED', id('l4')],
        ['2022-03-15', 'SANCTION_IMPOSED', id('l2')],
      ]);
      const april = await ok<Changes>(CHANGES, { from: '2022-04-15', to: '2022-04-20' });
      expect(april.changesBetween.edges.map((e) => [...eventKey(e), e.node.on.precision])).toEqual([
        ['2022-04-01', 'SANCTION_IMPOSED', id('l3'), 'MONTH'],
      ]);
    });
  });

  interface TimelineData {
    timeline: {
      role: string;
      other: { id: string } | null;
      event: {
        kind: string;
        on: { date: string; precision: string; derivation: string | null };
        dateField: string;
        relationship: { id: string } | null;
        sanction: { id: string } | null;
        evidence: { sentences: number[] };
      };
    }[];
  }
  const TIMELINE = `query($id: ID!, $from: Date, $to: Date) { timeline(actorId: $id, from: $from, to: $to) {
  role other { id } event { kind on { date precision derivation } dateField relationship { id } sanction { id } evidence { sentences } } } }`;

  describe('timeline', () => {
    it("orders Myanmar's events: Suu Kyi's leadership bounded then ended, the coup, the junta's rule, what the article reports", async () => {
      const data = await ok<TimelineData>(TIMELINE, { id: 'myanmar' });
      expect(
        data.timeline.map((e) => [
          e.event.on.date,
          e.event.kind,
          e.event.relationship?.id,
          e.role,
          e.other?.id,
          e.event.evidence.sentences,
        ]),
      ).toEqual([
        ['2021-01-31', 'KNOWN_BY', 'rel-suu-kyi-leads-myanmar', 'TO', 'aung-san-suu-kyi', [6]],
        ['2021-02-01', 'ENDED', 'rel-suu-kyi-leads-myanmar', 'TO', 'aung-san-suu-kyi', [6]],
        ['2021-02-01', 'HAPPENED', 'rel-military-seized-power', 'TO', 'myanmar-military', [6, 7]],
        ['2021-02-01', 'BEGAN', 'rel-military-leads-myanmar', 'TO', 'myanmar-military', [6, 7]],
        ['2021-12-10', 'KNOWN_BY', 'rel-military-part-of-myanmar', 'TO', 'myanmar-military', [5, 9]],
        ['2021-12-10', 'KNOWN_BY', 'rel-myanmar-designees-located-in-myanmar', 'TO', 'designated-myanmar-2021-12-10', [1]],
      ]);
      expect(data.timeline[0]!.event.on.derivation).toMatch(/^Sentence 6 has Aung San Suu Kyi/);
      const february = await ok<TimelineData>(TIMELINE, { id: 'myanmar', from: '2021-02-01', to: '2021-02-01' });
      expect(february.timeline.map((e) => e.event.kind)).toEqual(['ENDED', 'HAPPENED', 'BEGAN']);
    });

    it('shows sanctions imposed, received and ended, and refuses an unknown actor', async () => {
      const target = await ok<TimelineData>(TIMELINE, { id: id('t1') });
      expect(
        target.timeline.map((e) => [e.event.on.date, e.event.on.precision, e.event.kind, e.event.sanction?.id, e.role, e.event.dateField]),
      ).toEqual([
        ['2022-03-01', 'DAY', 'SANCTION_IMPOSED', id('l1'), 'TARGET', 'date'],
        ['2022-03-15', 'DAY', 'SANCTION_IMPOSED', id('l2'), 'TARGET', 'date'],
        ['2022-04-01', 'MONTH', 'SANCTION_IMPOSED', id('l3'), 'TARGET', 'date'],
        ['2023-01-10', 'DAY', 'SANCTION_ENDED', id('l1'), 'TARGET', 'delisting'],
      ]);
      const authority = await ok<TimelineData>(TIMELINE, { id: id('ofac') });
      expect(authority.timeline.map((e) => [e.event.on.date, e.event.kind, e.event.sanction?.id, e.role])).toEqual([
        ['2022-03-01', 'SANCTION_IMPOSED', id('l1'), 'AUTHORITY'],
        ['2022-03-01', 'SANCTION_IMPOSED', id('l4'), 'AUTHORITY'],
        ['2022-06-10', 'SANCTION_IMPOSED', id('l6'), 'AUTHORITY'],
        ['2023-01-10', 'SANCTION_ENDED', id('l1'), 'AUTHORITY'],
      ]);
      expect(await ok(TIMELINE, { id: 'myanmar', from: '2030-01-01' })).toEqual({ timeline: [] });
      expect(await refused(TIMELINE, { id: 'nobody' })).toMatchObject({ code: 'NOT_FOUND', argument: 'actorId' });
    });
  });

  describe('round trips', () => {
    it('answers each new field in a bounded, deterministic set of statements, whatever the number of items', async () => {
      const query = `{
        alignment(sanction: "sanction-2021-12-10-myanmar-human-rights") {
          target { name } listings { authority { name } sanction { measure delisting { date { date } } } evidence { quotes } }
        }
        followers(authority: "united-kingdom") { leader { name } }
        changesBetween(from: "2021-01-01", to: "2021-12-31", first: 50) {
          totalCount countsByType { count } edges { node { relationship { from { name } disputedBy { id } } sanction { id } evidence { quotes } } }
        }
        timeline(actorId: "myanmar-general-election-2020") {
          other { name } event { relationship { id disputedBy { disputing { from { name } } } disputes { id } } }
        }
        contested { disputed { from { name } } disputing { to { name } } evidence { quotes } }
      }`;
      const runs = [await t.gql(query), await t.gql(query)];
      for (const run of runs) expect(run.errors).toBeUndefined();
      const statements = runs.map((run) => [...(run.extensions?.['statements'] ?? [])].sort());
      expect(statements[1]).toEqual(statements[0]);
      expect(statements[0]).toEqual(
        expect.arrayContaining(['alignmentSanction', 'followers', 'changesBetween', 'countChangesBetween', 'timeline', 'contested']),
      );
      // One statement per root field, the counts, the dispute sides per depth, one wave of actors and one of sources.
      expect(statements[0]).toEqual([
        'alignmentSanction',
        'changesBetween',
        'contested',
        'countChangesBetween',
        'disputesOfDisputedRelationships',
        'disputesOfDisputedRelationships',
        'disputesOfDisputingRelationships',
        'findActorsByIds',
        'findSourcesByIds',
        'followers',
        'timeline',
      ]);
      // disputedBy at two depths (changes, timeline) is two waves; disputes at one.
      expect(statements[0]!.filter((s) => s.startsWith('disputesOf'))).toEqual([
        'disputesOfDisputedRelationships',
        'disputesOfDisputedRelationships',
        'disputesOfDisputingRelationships',
      ]);
    });
  });

  describe('contested claims', () => {
    const DISPUTE = `id kind disputed { id type from { id } } disputing { id type from { id } } evidence { sentences claim status confidence }`;
    const FRAUD = {
      id: 'dispute-election-fraud-dismissed',
      kind: 'DISMISSAL',
      disputed: { id: 'rel-military-alleged-fraud', type: 'ALLEGED_FRAUD_IN', from: { id: 'myanmar-military' } },
      disputing: { id: 'rel-commission-dismissed-fraud', type: 'DISMISSED_ALLEGATION', from: { id: 'myanmar-electoral-commission' } },
      evidence: {
        sentences: [7, 8],
        claim:
          "The former electoral commission's dismissal of the fraud allegations disputes the junta's allegation of fraud in the November 2020 elections.",
        status: 'ASSERTED',
        confidence: 0.9,
      },
    };

    it("links the junta's fraud allegation and the former electoral commission's dismissal", async () => {
      const data = await ok<Record<string, unknown[]>>(`{
      all: contested { ${DISPUTE} }
      junta: contested(actor: "myanmar-military") { id }
      commission: contested(actor: "myanmar-electoral-commission", type: DISMISSED_ALLEGATION) { id }
      election: contested(actor: "myanmar-general-election-2020", type: ALLEGED_FRAUD_IN) { id }
      otherType: contested(actor: "myanmar-military", type: LEADS) { id }
      us: contested(actor: "united-states") { id }
    }`);
      expect(data).toEqual({
        all: [FRAUD],
        junta: [{ id: FRAUD.id }],
        commission: [{ id: FRAUD.id }],
        election: [{ id: FRAUD.id }],
        otherType: [],
        us: [],
      });
      expect(await refused('{ contested(actor: "nobody") { id } }')).toMatchObject({ code: 'NOT_FOUND', argument: 'actor' });
    });

    it('answers disputedBy and disputes on every relationship in one batched statement, and no traversal follows a dispute', async () => {
      const res = await t.gql<{
        actor: {
          degree: number;
          relationships: { edges: { node: { id: string; disputedBy: { id: string }[]; disputes: { id: string }[] } }[] };
        };
      }>(
        `{ actor(id: "myanmar-general-election-2020") { degree relationships(includeInferred: true) {
          edges { node { id disputedBy { id disputing { id } } disputes { id disputed { id } } } } } } }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.actor.relationships.edges.map((e) => e.node)).toEqual([
        {
          id: 'rel-commission-dismissed-fraud',
          disputedBy: [],
          disputes: [{ id: FRAUD.id, disputed: { id: 'rel-military-alleged-fraud' } }],
        },
        {
          id: 'rel-military-alleged-fraud',
          disputedBy: [{ id: FRAUD.id, disputing: { id: 'rel-commission-dismissed-fraud' } }],
          disputes: [],
        },
        { id: 'rel-nld-won-election', disputedBy: [], disputes: [] },
      ]);
      // The election's three relationships; its DISPUTES edges are not among them.
      expect(res.data!.actor.degree).toBe(3);
      const statements = [...(res.extensions?.['statements'] ?? [])].sort();
      expect(statements.filter((s) => s.startsWith('disputesOf'))).toEqual([
        'disputesOfDisputedRelationships',
        'disputesOfDisputingRelationships',
      ]);
      const hood = await ok<{ neighbourhood: { nodes: { id: string }[] } }>(
        '{ neighbourhood(id: "myanmar-general-election-2020", includeInferred: true) { nodes { id } } }',
      );
      expect(hood.neighbourhood.nodes.map((n) => n.id).sort()).toEqual([
        'myanmar-electoral-commission',
        'myanmar-general-election-2020',
        'myanmar-military',
        'nld',
      ]);
    });
  });
});
