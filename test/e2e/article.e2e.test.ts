/**
 * One test per sentence of the seed article: through the GraphQL endpoint, the relations and sanctions
 * each sentence supports are exactly these, with these dates (or bounds), roles, statuses and, for what
 * the article only implies, INFERRED with what it is inferred from. Expectations are written by hand from
 * the article, not derived from the seed files.
 */
import { startTestApp, type TestApp } from '../support/test-app.js';

interface FuzzyDate {
  date: string;
  precision: string;
  derivation: string | null;
}
interface Rel {
  id: string;
  type: string;
  from: { id: string };
  to: { id: string };
  role: string | null;
  topics: string[];
  date: FuzzyDate | null;
  validFrom: FuzzyDate | null;
  validTo: FuzzyDate | null;
  noLaterThan: FuzzyDate | null;
  timeBasis: string;
  evidence: {
    sentences: number[];
    quotes: string[];
    claim: string;
    confidence: number;
    status: string;
    inferredFrom: string | null;
    needsReview: string | null;
  };
}
interface Party {
  actor: { id: string };
  role: string;
  sentences: number[];
  status: string;
  confidence: number;
  inferredFrom: string | null;
}
interface Sanction {
  id: string;
  measure: string;
  joint: boolean;
  reasonStatus: string | null;
  note: string | null;
  list: { id: string } | null;
  authorities: { id: string }[];
  targets: { id: string }[];
  parties: Party[];
  date: FuzzyDate;
  timeBasis: string;
  evidence: { sentences: number[]; confidence: number; needsReview: string | null };
}

const SOURCE = 'article-2021-12-10-sanctions';
const DATE = 'date precision derivation';
const QUERY = `query Article($id: ID!) {
  source(id: $id) {
    sentences { number text }
    relationships { id type from { id } to { id } role topics date { ${DATE} } validFrom { ${DATE} } validTo { ${DATE} }
      noLaterThan { ${DATE} } timeBasis evidence { sentences quotes claim confidence status inferredFrom needsReview } }
    sanctions { id measure joint reasonStatus note list { id } authorities { id } targets { id }
      parties { actor { id } role sentences status confidence inferredFrom } date { ${DATE} } timeBasis
      evidence { sentences confidence needsReview } }
  }
}`;

let t: TestApp;
let sentences: string[];
let relations: Rel[];
let sanctions: Sanction[];

beforeAll(async () => {
  t = await startTestApp();
  const res = await t.gql<{ source: { sentences: { number: number; text: string }[]; relationships: Rel[]; sanctions: Sanction[] } }>(
    QUERY,
    {
      id: SOURCE,
    },
  );
  expect(res.errors).toBeUndefined();
  const source = res.data!.source;
  sentences = source.sentences.map((s) => s.text);
  relations = source.relationships;
  sanctions = source.sanctions;
});
afterAll(() => t.close());

/**
 * When a relation is known to begin (and end): "on D" (an event's date), "from D" (a state's validFrom),
 * "by D" (only a bound, noLaterThan), "undated"; then "until D" (validTo). Month precision shows as YYYY-MM.
 */
const when = (r: Rel): string => {
  const day = (d: FuzzyDate): string => (d.precision === 'MONTH' ? d.date.slice(0, 7) : d.date);
  const start = r.date
    ? `on ${day(r.date)}`
    : r.validFrom
      ? `from ${day(r.validFrom)}`
      : r.noLaterThan
        ? `by ${day(r.noLaterThan)}`
        : 'undated';
  return r.validTo ? `${start} until ${day(r.validTo)}` : start;
};
/** The declared (non-derived) relations citing sentence n, as "TYPE from>to STATUS when". */
const relationsOf = (n: number): string[] =>
  relations
    .filter((r) => r.type !== 'SANCTIONED' && r.evidence.sentences.includes(n))
    .map((r) => `${r.type} ${r.from.id}>${r.to.id} ${r.evidence.status} ${when(r)}`)
    .sort();
/** The parties of a sanction, as "ROLE actor STATUS confidence [sentences]". */
const partiesOf = (id: string): string[] =>
  sanction(id).parties.map((p) => `${p.role} ${p.actor.id} ${p.status} ${p.confidence} [${p.sentences.join(', ')}]`);
const sanctionsOf = (n: number): string[] =>
  sanctions
    .filter((s) => s.evidence.sentences.includes(n))
    .map((s) => s.id)
    .sort();
function rel(type: string, from: string, to: string): Rel {
  const found = relations.find((r) => r.type === type && r.from.id === from && r.to.id === to);
  if (!found) throw new Error(`no ${type} ${from}>${to}`);
  return found;
}
function sanction(id: string): Sanction {
  const found = sanctions.find((s) => s.id === id);
  if (!found) throw new Error(`no sanction ${id}`);
  return found;
}
const ids = (xs: { id: string }[]): string[] => xs.map((x) => x.id).sort();
const SANCTIONS_DAY = { date: '2021-12-10', precision: 'DAY' };
const COUP_DAY = { date: '2021-02-01', precision: 'DAY' };
const LAST_MONTH = { date: '2021-11-01', precision: 'MONTH' };
const PUBLISHED = '2021-12-10';

describe('the seed article, sentence by sentence', () => {
  it('has 15 sentences and every quote is the cited sentence verbatim', () => {
    expect(sentences).toHaveLength(15);
    for (const r of relations) {
      expect(r.evidence.quotes).toEqual(r.evidence.sentences.map((n) => sentences[n - 1]));
      expect(r.evidence.claim.length).toBeGreaterThan(10);
      expect(r.evidence.confidence).toBeGreaterThan(0);
      expect(r.evidence.confidence).toBeLessThanOrEqual(1);
      // Every relation has a date or a bound; only INFERRED ones say what they are inferred from.
      expect(r.timeBasis).not.toBe('UNDATED');
      expect(r.evidence.inferredFrom !== null).toBe(r.evidence.status === 'INFERRED');
      expect(r.evidence.needsReview).toBeNull();
    }
  });

  it('1: the Biden administration sanctions people and entities in four countries, accusing them', () => {
    expect(relationsOf(1)).toEqual(
      [
        'ACCUSED biden-administration>designated-bangladesh-2021-12-10 ALLEGED on 2021-12-10',
        'ACCUSED biden-administration>designated-china-2021-12-10 ALLEGED on 2021-12-10',
        'ACCUSED biden-administration>designated-myanmar-2021-12-10 ALLEGED on 2021-12-10',
        'ACCUSED biden-administration>designated-north-korea-2021-12-10 ALLEGED on 2021-12-10',
        // "US President Joe Biden", "The administration of US President Joe Biden": held when published.
        `LEADS joe-biden>biden-administration ASSERTED by ${PUBLISHED}`,
        `LEADS joe-biden>united-states ASSERTED by ${PUBLISHED}`,
        `PART_OF biden-administration>united-states ASSERTED by ${PUBLISHED}`,
        // "people and entities in China, Myanmar, Bangladesh, and North Korea"
        `LOCATED_IN designated-bangladesh-2021-12-10>bangladesh ASSERTED by ${PUBLISHED}`,
        `LOCATED_IN designated-china-2021-12-10>china ASSERTED by ${PUBLISHED}`,
        `LOCATED_IN designated-myanmar-2021-12-10>myanmar ASSERTED by ${PUBLISHED}`,
        `LOCATED_IN designated-north-korea-2021-12-10>north-korea ASSERTED by ${PUBLISHED}`,
      ].sort(),
    );
    expect(sanctionsOf(1)).toEqual([
      'sanction-2021-12-10-bangladesh-human-rights',
      'sanction-2021-12-10-china-human-rights',
      'sanction-2021-12-10-myanmar-human-rights',
      'sanction-2021-12-10-north-korea-human-rights',
    ]);
    const accused = rel('ACCUSED', 'biden-administration', 'designated-china-2021-12-10');
    expect(accused.topics).toEqual(['human rights violations']);
    const president = rel('LEADS', 'joe-biden', 'united-states');
    expect(president.role).toBe('President');
    expect(president.noLaterThan?.derivation).toMatch(/reports it as holding when it was published/);
    // Two roles of one person from one sentence carry the same dates.
    expect(rel('LEADS', 'joe-biden', 'biden-administration').noLaterThan).toEqual(president.noLaterThan);
    expect(sanction('sanction-2021-12-10-china-human-rights').reasonStatus).toBe('ALLEGED');
    expect(partiesOf('sanction-2021-12-10-china-human-rights')).toEqual([
      'AUTHORITY biden-administration ASSERTED 0.95 [1]',
      'TARGET designated-china-2021-12-10 ASSERTED 0.95 [1]',
    ]);
  });

  it('2: the Treasury adds Chinese company SenseTime to an investment blacklist on Friday 10 December 2021', () => {
    expect(relationsOf(2)).toEqual([
      'LISTED_ON sensetime>cmic-list ASSERTED on 2021-12-10',
      `NATIONAL_OF sensetime>china ASSERTED by ${PUBLISHED}`,
      `PART_OF us-treasury>united-states ASSERTED by ${PUBLISHED}`,
    ]);
    expect(sanctionsOf(2)).toEqual(['sanction-2021-12-10-sensetime-investment-ban']);
    const listed = rel('LISTED_ON', 'sensetime', 'cmic-list');
    expect(listed.date).toMatchObject(SANCTIONS_DAY);
    expect(listed.date?.derivation).toMatch(/on Friday/);
    const s = sanction('sanction-2021-12-10-sensetime-investment-ban');
    expect(ids(s.authorities)).toEqual(['us-treasury']);
    expect(ids(s.targets)).toEqual(['sensetime']);
    expect(s.timeBasis).toBe('DATED');
    expect(partiesOf(s.id)).toEqual(['AUTHORITY us-treasury ASSERTED 0.95 [2]', 'TARGET sensetime ASSERTED 0.95 [2, 3]']);
  });

  it('3: the list is of Chinese military-industrial complex companies, an investment ban', () => {
    expect(relationsOf(3)).toEqual(['LISTED_ON sensetime>cmic-list ASSERTED on 2021-12-10']);
    const s = sanction('sanction-2021-12-10-sensetime-investment-ban');
    expect(s.measure).toBe('INVESTMENT_BAN');
    expect(s.list?.id).toBe('cmic-list');
    expect(s.evidence.sentences).toEqual([2, 3]);
  });

  it('4: SenseTime is accused of targeting Uyghurs; the article does not say that is why it was listed', () => {
    expect(relationsOf(4)).toEqual([`TARGETED sensetime>uyghurs ALLEGED by ${PUBLISHED}`]);
    // The sanction's own sentences are those of the listing; the reason is only read from sentence 4.
    expect(sanctionsOf(4)).toEqual([]);
    const s = sanction('sanction-2021-12-10-sensetime-investment-ban');
    expect(s.reasonStatus).toBe('INFERRED');
    expect(s.note).toMatch(/does not say why SenseTime was listed.*sentence 4/);
  });

  it('5: Canada and the UK join the US on Myanmar, where the military persecuted minorities', () => {
    expect(relationsOf(5)).toEqual([
      'ACTED_JOINTLY_WITH canada>united-states ASSERTED on 2021-12-10',
      'ACTED_JOINTLY_WITH united-kingdom>united-states ASSERTED on 2021-12-10',
      `PART_OF myanmar-military>myanmar ASSERTED by ${PUBLISHED}`,
      `PERSECUTED myanmar-military>myanmar-ethnic-minorities ASSERTED by ${PUBLISHED}`,
      `PERSECUTED myanmar-military>rohingya ASSERTED by ${PUBLISHED}`,
    ]);
    expect(sanctionsOf(5)).toEqual(['sanction-2021-12-10-myanmar-human-rights']);
    const joint = sanction('sanction-2021-12-10-myanmar-human-rights');
    expect(joint.joint).toBe(true);
    expect(ids(joint.authorities)).toEqual(['biden-administration', 'canada', 'united-kingdom', 'united-states']);
    // They joined the US in Myanmar-related sanctions; the article never names their targets.
    expect(partiesOf(joint.id)).toEqual([
      'AUTHORITY biden-administration ASSERTED 0.9 [1]',
      'AUTHORITY canada INFERRED 0.6 [5, 10]',
      'AUTHORITY united-kingdom INFERRED 0.6 [5, 10]',
      'AUTHORITY united-states ASSERTED 0.9 [5, 9]',
      'TARGET designated-myanmar-2021-12-10 ASSERTED 0.9 [1]',
      'TARGET myanmar-military-entities ASSERTED 0.9 [9]',
    ]);
    expect(joint.parties.find((p) => p.actor.id === 'canada')?.inferredFrom).toMatch(/neither says they targeted/);
  });

  it('6: Suu Kyi and the NLD are ousted in the coup of 1 February 2021', () => {
    expect(relationsOf(6)).toEqual([
      // Both of her roles were held when she and her party were ousted: by 31 January 2021.
      'LEADS aung-san-suu-kyi>myanmar ASSERTED by 2021-01-31 until 2021-02-01',
      'LEADS myanmar-military>myanmar ASSERTED from 2021-02-01',
      'OUSTED myanmar-military>aung-san-suu-kyi ASSERTED on 2021-02-01',
      'OUSTED myanmar-military>nld ASSERTED on 2021-02-01',
      'PART_OF aung-san-suu-kyi>nld ASSERTED by 2021-01-31',
      'SEIZED_POWER_IN myanmar-military>myanmar ASSERTED on 2021-02-01',
    ]);
    const suuKyi = rel('LEADS', 'aung-san-suu-kyi', 'myanmar');
    expect(suuKyi.role).toBe('de facto leader');
    expect(suuKyi.validTo).toMatchObject(COUP_DAY);
    expect(suuKyi.validTo?.derivation).toMatch(/February 1/);
    expect(suuKyi.noLaterThan?.derivation).toMatch(/31 January 2021 at the latest/);
    expect(rel('PART_OF', 'aung-san-suu-kyi', 'nld').noLaterThan).toEqual(suuKyi.noLaterThan);
    expect(rel('LEADS', 'myanmar-military', 'myanmar').validFrom).toMatchObject(COUP_DAY);
    expect(rel('OUSTED', 'myanmar-military', 'nld').date).toMatchObject(COUP_DAY);
  });

  it('7: the junta seized power over alleged fraud in the elections the NLD won in November 2020', () => {
    expect(relationsOf(7)).toEqual([
      // Who alleged the fraud is not said: that it was the junta is inferred.
      'ALLEGED_FRAUD_IN myanmar-military>myanmar-general-election-2020 INFERRED by 2021-02-01',
      'LEADS myanmar-military>myanmar ASSERTED from 2021-02-01',
      'PART_OF aung-san-suu-kyi>nld ASSERTED by 2021-01-31',
      'SEIZED_POWER_IN myanmar-military>myanmar ASSERTED on 2021-02-01',
      'WON nld>myanmar-general-election-2020 ASSERTED on 2020-11',
    ]);
    expect(rel('WON', 'nld', 'myanmar-general-election-2020').date).toEqual({ date: '2020-11-01', precision: 'MONTH', derivation: null });
    const fraud = rel('ALLEGED_FRAUD_IN', 'myanmar-military', 'myanmar-general-election-2020');
    expect(fraud.evidence.confidence).toBe(0.7);
    expect(fraud.evidence.inferredFrom).toMatch(/without saying who alleged it/);
  });

  it('8: the former electoral commission dismissed the fraud allegations', () => {
    expect(relationsOf(8)).toEqual([
      `DISMISSED_ALLEGATION myanmar-electoral-commission>myanmar-general-election-2020 ASSERTED by ${PUBLISHED}`,
    ]);
    expect(rel('DISMISSED_ALLEGATION', 'myanmar-electoral-commission', 'myanmar-general-election-2020').topics).toEqual(['fraud']);
  });

  it('9: the US imposes the first new sanctions on North Korea and targets Myanmar military entities', () => {
    expect(relationsOf(9)).toEqual([
      `PART_OF biden-administration>united-states ASSERTED by ${PUBLISHED}`,
      `PART_OF myanmar-military-entities>myanmar-military ASSERTED by ${PUBLISHED}`,
      `PART_OF myanmar-military>myanmar ASSERTED by ${PUBLISHED}`,
    ]);
    expect(sanctionsOf(9)).toEqual(['sanction-2021-12-10-myanmar-human-rights', 'sanction-2021-12-10-north-korea-human-rights']);
    expect(ids(sanction('sanction-2021-12-10-myanmar-human-rights').targets)).toEqual([
      'designated-myanmar-2021-12-10',
      'myanmar-military-entities',
    ]);
    const northKorea = sanction('sanction-2021-12-10-north-korea-human-rights');
    expect(ids(northKorea.authorities)).toEqual(['biden-administration', 'united-states']);
    // Two voices of one state, not a joint action of several.
    expect(northKorea.joint).toBe(false);
    // "sanctions on North Korea" is the sanction; its people and entities are named in sentence 1.
    expect(partiesOf(northKorea.id)).toEqual([
      'AUTHORITY biden-administration ASSERTED 0.95 [1]',
      'AUTHORITY united-states ASSERTED 0.95 [9]',
      'TARGET designated-north-korea-2021-12-10 ASSERTED 0.95 [1]',
    ]);
  });

  it('10: Deputy Treasury Secretary Wally Adeyemo speaks of the partnership with the UK and Canada', () => {
    expect(relationsOf(10)).toEqual([
      'ACTED_JOINTLY_WITH canada>united-states ASSERTED on 2021-12-10',
      'ACTED_JOINTLY_WITH united-kingdom>united-states ASSERTED on 2021-12-10',
      `HOLDS_ROLE_IN wally-adeyemo>us-treasury ASSERTED by ${PUBLISHED}`,
      // His title and "our actions" imply he spoke for the Treasury; the article does not say so.
      `SPEAKS_FOR wally-adeyemo>us-treasury INFERRED by ${PUBLISHED}`,
    ]);
    expect(rel('HOLDS_ROLE_IN', 'wally-adeyemo', 'us-treasury').role).toBe('Deputy Treasury Secretary');
    expect(rel('SPEAKS_FOR', 'wally-adeyemo', 'us-treasury').evidence.confidence).toBe(0.7);
  });

  it('11: the Chinese embassy in Washington denounces the US move', () => {
    expect(relationsOf(11)).toEqual([
      `DENOUNCED chinese-embassy-washington>united-states ASSERTED by ${PUBLISHED}`,
      `REPRESENTS chinese-embassy-washington>china ASSERTED by ${PUBLISHED}`,
    ]);
    const denounced = rel('DENOUNCED', 'chinese-embassy-washington', 'united-states');
    expect(denounced.topics).toContain("interference in China's internal affairs");
    expect(denounced.noLaterThan?.derivation).toMatch(/happened on that day at the latest/);
  });

  it('12: spokesman Liu Pengyu warns of harm and calls on the Biden administration to reverse it', () => {
    expect(relationsOf(12)).toEqual([
      `CALLED_ON_TO_REVERSE liu-pengyu>biden-administration ASSERTED by ${PUBLISHED}`,
      `DENOUNCED liu-pengyu>united-states ASSERTED by ${PUBLISHED}`,
      `REPRESENTS chinese-embassy-washington>china ASSERTED by ${PUBLISHED}`,
      `SPEAKS_FOR liu-pengyu>chinese-embassy-washington ASSERTED by ${PUBLISHED}`,
    ]);
    expect(rel('SPEAKS_FOR', 'liu-pengyu', 'chinese-embassy-washington').role).toBe('spokesman');
  });

  it('13: US-China relations are strained over trade, security and the pandemic', () => {
    expect(relationsOf(13)).toEqual([`HAS_STRAINED_RELATIONS_WITH united-states>china ASSERTED by ${PUBLISHED}`]);
    expect(rel('HAS_STRAINED_RELATIONS_WITH', 'united-states', 'china').topics).toEqual(['trade', 'security', 'COVID-19 pandemic']);
  });

  it('14: Biden and his Chinese counterpart Xi held a virtual summit last month (November 2021)', () => {
    expect(relationsOf(14)).toEqual([
      'HELD_SUMMIT_WITH joe-biden>xi-jinping ASSERTED on 2021-11',
      // "his Chinese counterpart": that Xi leads China is read from Biden's presidency.
      'LEADS xi-jinping>china INFERRED by 2021-11-30',
    ]);
    const summit = rel('HELD_SUMMIT_WITH', 'joe-biden', 'xi-jinping');
    expect(summit.date).toMatchObject(LAST_MONTH);
    expect(summit.date?.derivation).toMatch(/last month/);
    expect(rel('LEADS', 'xi-jinping', 'china').evidence.inferredFrom).toMatch(/counterpart/);
  });

  it('15: China lashed out last month at the US trade blacklisting of Chinese companies, decided then or before', () => {
    expect(relationsOf(15)).toEqual([
      'ACCUSED china>united-states ALLEGED on 2021-11',
      'DENOUNCED china>united-states ASSERTED on 2021-11',
      'LISTED_ON chinese-companies-trade-blacklisted-2021-11>us-trade-blacklist ASSERTED by 2021-11-30',
      'NATIONAL_OF chinese-companies-trade-blacklisted-2021-11>china ASSERTED by 2021-11-30',
    ]);
    expect(sanctionsOf(15)).toEqual(['sanction-2021-11-chinese-companies-trade-blacklist']);
    const trade = sanction('sanction-2021-11-chinese-companies-trade-blacklist');
    expect(trade.measure).toBe('TRADE_RESTRICTION');
    expect(trade.list?.id).toBe('us-trade-blacklist');
    // The article dates China's response, not the decision: only a latest day is known.
    expect(trade.timeBasis).toBe('BOUNDED');
    expect(trade.date).toMatchObject({ date: '2021-11-30', precision: 'DAY' });
    expect(trade.date.derivation).toMatch(/last month/);
    expect(rel('DENOUNCED', 'china', 'united-states').date).toMatchObject(LAST_MONTH);
  });

  it('derives one SANCTIONED edge per authority and target of each sanction, INFERRED when either part is', () => {
    const derived = relations.filter((r) => r.type === 'SANCTIONED');
    // China 1, Myanmar 4 authorities x 2 targets, Bangladesh 1, North Korea 2, SenseTime 1, trade blacklist 1.
    expect(derived).toHaveLength(14);
    expect(rel('SANCTIONED', 'us-treasury', 'sensetime').evidence.sentences).toEqual([2, 3]);
    const uk = rel('SANCTIONED', 'united-kingdom', 'myanmar-military-entities');
    expect(uk.evidence).toMatchObject({ sentences: [5, 9, 10], status: 'INFERRED', confidence: 0.6 });
    expect(uk.evidence.inferredFrom).toMatch(/neither says they targeted/);
    expect(
      derived
        .filter((r) => r.evidence.status === 'INFERRED')
        .map((r) => `${r.from.id}>${r.to.id}`)
        .sort(),
    ).toEqual([
      'canada>designated-myanmar-2021-12-10',
      'canada>myanmar-military-entities',
      'united-kingdom>designated-myanmar-2021-12-10',
      'united-kingdom>myanmar-military-entities',
    ]);
    expect(rel('SANCTIONED', 'united-states', 'myanmar-military-entities').evidence).toMatchObject({ status: 'ASSERTED', confidence: 0.9 });
    const trade = rel('SANCTIONED', 'united-states', 'chinese-companies-trade-blacklisted-2021-11');
    expect(trade).toMatchObject({ date: null, timeBasis: 'BOUNDED', noLaterThan: { date: '2021-11-30', precision: 'DAY' } });
    expect(rel('SANCTIONED', 'biden-administration', 'designated-china-2021-12-10')).toMatchObject({
      timeBasis: 'DATED',
      date: SANCTIONS_DAY,
    });
  });
});
