/**
 * One test per sentence of the seed article: through the GraphQL endpoint, the relations and sanctions
 * each sentence supports are exactly these, with these dates, roles and statuses. Expectations are
 * written by hand from the article, not derived from the seed files.
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
  evidence: { sentences: number[]; quotes: string[]; claim: string; confidence: number; status: string };
}
interface Sanction {
  id: string;
  measure: string;
  joint: boolean;
  reasonStatus: string | null;
  list: { id: string } | null;
  authorities: { id: string }[];
  targets: { id: string }[];
  date: FuzzyDate;
  evidence: { sentences: number[] };
}

const SOURCE = 'article-2021-12-10-sanctions';
const DATE = 'date precision derivation';
const QUERY = `query Article($id: ID!) {
  source(id: $id) {
    sentences { number text }
    relationships { id type from { id } to { id } role topics date { ${DATE} } validFrom { ${DATE} } validTo { ${DATE} }
      evidence { sentences quotes claim confidence status } }
    sanctions { id measure joint reasonStatus list { id } authorities { id } targets { id } date { ${DATE} } evidence { sentences } }
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

/** The asserted (non-derived) relations citing sentence n, as "TYPE from>to". */
const relationsOf = (n: number): string[] =>
  relations
    .filter((r) => r.type !== 'SANCTIONED' && r.evidence.sentences.includes(n))
    .map((r) => `${r.type} ${r.from.id}>${r.to.id}`)
    .sort();
const sanctionsOf = (n: number): string[] =>
  sanctions
    .filter((s) => s.evidence.sentences.includes(n))
    .map((s) => s.id)
    .sort();
const rel = (type: string, from: string, to: string): Rel => {
  const found = relations.find((r) => r.type === type && r.from.id === from && r.to.id === to);
  if (!found) throw new Error(`no ${type} ${from}>${to}`);
  return found;
};
const sanction = (id: string): Sanction => {
  const found = sanctions.find((s) => s.id === id);
  if (!found) throw new Error(`no sanction ${id}`);
  return found;
};
const ids = (xs: { id: string }[]): string[] => xs.map((x) => x.id).sort();
const SANCTIONS_DAY = { date: '2021-12-10', precision: 'DAY' };
const COUP_DAY = { date: '2021-02-01', precision: 'DAY' };
const LAST_MONTH = { date: '2021-11-01', precision: 'MONTH' };

describe('the seed article, sentence by sentence', () => {
  it('has 15 sentences and every quote is the cited sentence verbatim', () => {
    expect(sentences).toHaveLength(15);
    for (const r of relations) {
      expect(r.evidence.quotes).toEqual(r.evidence.sentences.map((n) => sentences[n - 1]));
      expect(r.evidence.claim.length).toBeGreaterThan(10);
      expect(r.evidence.confidence).toBeGreaterThan(0);
      expect(r.evidence.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('1: the Biden administration sanctions people and entities in four countries, accusing them', () => {
    expect(relationsOf(1)).toEqual(
      [
        'ACCUSED biden-administration>designated-bangladesh-2021-12-10',
        'ACCUSED biden-administration>designated-china-2021-12-10',
        'ACCUSED biden-administration>designated-myanmar-2021-12-10',
        'ACCUSED biden-administration>designated-north-korea-2021-12-10',
        'LEADS joe-biden>biden-administration',
        'LEADS joe-biden>united-states',
        'PART_OF biden-administration>united-states',
      ].sort(),
    );
    expect(sanctionsOf(1)).toEqual([
      'sanction-2021-12-10-bangladesh-human-rights',
      'sanction-2021-12-10-china-human-rights',
      'sanction-2021-12-10-myanmar-human-rights',
      'sanction-2021-12-10-north-korea-human-rights',
    ]);
    const accused = rel('ACCUSED', 'biden-administration', 'designated-china-2021-12-10');
    expect(accused.evidence.status).toBe('ALLEGED');
    expect(accused.topics).toEqual(['human rights violations']);
    expect(rel('LEADS', 'joe-biden', 'united-states').role).toBe('President');
    expect(sanction('sanction-2021-12-10-china-human-rights').reasonStatus).toBe('ALLEGED');
  });

  it('2: the Treasury adds SenseTime to an investment blacklist on Friday 10 December 2021', () => {
    expect(relationsOf(2)).toEqual(['LISTED_ON sensetime>cmic-list', 'PART_OF us-treasury>united-states']);
    expect(sanctionsOf(2)).toEqual(['sanction-2021-12-10-sensetime-investment-ban']);
    const listed = rel('LISTED_ON', 'sensetime', 'cmic-list');
    expect(listed.date).toMatchObject(SANCTIONS_DAY);
    expect(listed.date?.derivation).toMatch(/on Friday/);
    const s = sanction('sanction-2021-12-10-sensetime-investment-ban');
    expect(ids(s.authorities)).toEqual(['us-treasury']);
    expect(ids(s.targets)).toEqual(['sensetime']);
  });

  it('3: the list is of Chinese military-industrial complex companies, an investment ban', () => {
    expect(relationsOf(3)).toEqual(['LISTED_ON sensetime>cmic-list']);
    const s = sanction('sanction-2021-12-10-sensetime-investment-ban');
    expect(s.measure).toBe('INVESTMENT_BAN');
    expect(s.list?.id).toBe('cmic-list');
    expect(s.evidence.sentences).toContain(3);
  });

  it('4: SenseTime is accused of targeting Uyghurs, which stays an allegation', () => {
    expect(relationsOf(4)).toEqual(['TARGETED sensetime>uyghurs']);
    expect(rel('TARGETED', 'sensetime', 'uyghurs').evidence.status).toBe('ALLEGED');
    expect(sanction('sanction-2021-12-10-sensetime-investment-ban').reasonStatus).toBe('ALLEGED');
  });

  it('5: Canada and the UK join the US on Myanmar, where the military persecuted minorities', () => {
    expect(relationsOf(5)).toEqual([
      'ACTED_JOINTLY_WITH canada>united-states',
      'ACTED_JOINTLY_WITH united-kingdom>united-states',
      'PERSECUTED myanmar-military>myanmar-ethnic-minorities',
      'PERSECUTED myanmar-military>rohingya',
    ]);
    expect(sanctionsOf(5)).toEqual(['sanction-2021-12-10-myanmar-human-rights']);
    const joint = sanction('sanction-2021-12-10-myanmar-human-rights');
    expect(joint.joint).toBe(true);
    expect(ids(joint.authorities)).toEqual(['biden-administration', 'canada', 'united-kingdom', 'united-states']);
    expect(rel('PERSECUTED', 'myanmar-military', 'rohingya').evidence.status).toBe('ASSERTED');
  });

  it('6: Suu Kyi and the NLD are ousted in the coup of 1 February 2021', () => {
    expect(relationsOf(6)).toEqual([
      'LEADS aung-san-suu-kyi>myanmar',
      'LEADS myanmar-military>myanmar',
      'OUSTED myanmar-military>aung-san-suu-kyi',
      'OUSTED myanmar-military>nld',
      'PART_OF aung-san-suu-kyi>nld',
      'SEIZED_POWER_IN myanmar-military>myanmar',
    ]);
    const suuKyi = rel('LEADS', 'aung-san-suu-kyi', 'myanmar');
    expect(suuKyi.role).toBe('de facto leader');
    expect(suuKyi.validTo).toMatchObject(COUP_DAY);
    expect(suuKyi.validTo?.derivation).toMatch(/February 1/);
    expect(rel('LEADS', 'myanmar-military', 'myanmar').validFrom).toMatchObject(COUP_DAY);
    expect(rel('OUSTED', 'myanmar-military', 'nld').date).toMatchObject(COUP_DAY);
  });

  it('7: the junta seized power over alleged fraud in the elections the NLD won in November 2020', () => {
    expect(relationsOf(7)).toEqual([
      'ALLEGED_FRAUD_IN myanmar-military>myanmar-general-election-2020',
      'LEADS myanmar-military>myanmar',
      'PART_OF aung-san-suu-kyi>nld',
      'SEIZED_POWER_IN myanmar-military>myanmar',
      'WON nld>myanmar-general-election-2020',
    ]);
    expect(rel('WON', 'nld', 'myanmar-general-election-2020').date).toEqual({ date: '2020-11-01', precision: 'MONTH', derivation: null });
    expect(rel('ALLEGED_FRAUD_IN', 'myanmar-military', 'myanmar-general-election-2020').evidence.status).toBe('ALLEGED');
  });

  it('8: the former electoral commission dismissed the fraud allegations', () => {
    expect(relationsOf(8)).toEqual(['DISMISSED_ALLEGATION myanmar-electoral-commission>myanmar-general-election-2020']);
    expect(rel('DISMISSED_ALLEGATION', 'myanmar-electoral-commission', 'myanmar-general-election-2020').topics).toEqual(['fraud']);
  });

  it('9: the US imposes the first new sanctions on North Korea and targets Myanmar military entities', () => {
    expect(relationsOf(9)).toEqual(['PART_OF biden-administration>united-states', 'PART_OF myanmar-military-entities>myanmar-military']);
    expect(sanctionsOf(9)).toEqual(['sanction-2021-12-10-myanmar-human-rights', 'sanction-2021-12-10-north-korea-human-rights']);
    expect(ids(sanction('sanction-2021-12-10-myanmar-human-rights').targets)).toEqual([
      'designated-myanmar-2021-12-10',
      'myanmar-military-entities',
    ]);
    const northKorea = sanction('sanction-2021-12-10-north-korea-human-rights');
    expect(ids(northKorea.authorities)).toEqual(['biden-administration', 'united-states']);
    // Two voices of one state, not a joint action of several.
    expect(northKorea.joint).toBe(false);
  });

  it('10: Deputy Treasury Secretary Wally Adeyemo speaks of the partnership with the UK and Canada', () => {
    expect(relationsOf(10)).toEqual([
      'ACTED_JOINTLY_WITH canada>united-states',
      'ACTED_JOINTLY_WITH united-kingdom>united-states',
      'HOLDS_ROLE_IN wally-adeyemo>us-treasury',
      'SPEAKS_FOR wally-adeyemo>us-treasury',
    ]);
    expect(rel('HOLDS_ROLE_IN', 'wally-adeyemo', 'us-treasury').role).toBe('Deputy Treasury Secretary');
  });

  it('11: the Chinese embassy in Washington denounces the US move', () => {
    expect(relationsOf(11)).toEqual(['DENOUNCED chinese-embassy-washington>united-states', 'REPRESENTS chinese-embassy-washington>china']);
    expect(rel('DENOUNCED', 'chinese-embassy-washington', 'united-states').topics).toContain("interference in China's internal affairs");
  });

  it('12: spokesman Liu Pengyu warns of harm and calls on the Biden administration to reverse it', () => {
    expect(relationsOf(12)).toEqual([
      'CALLED_ON_TO_REVERSE liu-pengyu>biden-administration',
      'DENOUNCED liu-pengyu>united-states',
      'REPRESENTS chinese-embassy-washington>china',
      'SPEAKS_FOR liu-pengyu>chinese-embassy-washington',
    ]);
    expect(rel('SPEAKS_FOR', 'liu-pengyu', 'chinese-embassy-washington').role).toBe('spokesman');
  });

  it('13: US-China relations are strained over trade, security and the pandemic', () => {
    expect(relationsOf(13)).toEqual(['HAS_STRAINED_RELATIONS_WITH united-states>china']);
    expect(rel('HAS_STRAINED_RELATIONS_WITH', 'united-states', 'china').topics).toEqual(['trade', 'security', 'COVID-19 pandemic']);
  });

  it('14: Biden and Xi held a virtual summit last month (November 2021)', () => {
    expect(relationsOf(14)).toEqual(['HELD_SUMMIT_WITH joe-biden>xi-jinping', 'LEADS xi-jinping>china']);
    const summit = rel('HELD_SUMMIT_WITH', 'joe-biden', 'xi-jinping');
    expect(summit.date).toMatchObject(LAST_MONTH);
    expect(summit.date?.derivation).toMatch(/last month/);
  });

  it('15: China lashed out at the US trade blacklisting of Chinese companies in November 2021', () => {
    expect(relationsOf(15)).toEqual([
      'ACCUSED china>united-states',
      'DENOUNCED china>united-states',
      'LISTED_ON chinese-companies-trade-blacklisted-2021-11>us-trade-blacklist',
    ]);
    expect(sanctionsOf(15)).toEqual(['sanction-2021-11-chinese-companies-trade-blacklist']);
    const trade = sanction('sanction-2021-11-chinese-companies-trade-blacklist');
    expect(trade.measure).toBe('TRADE_RESTRICTION');
    expect(trade.list?.id).toBe('us-trade-blacklist');
    expect(trade.date).toMatchObject(LAST_MONTH);
    expect(rel('ACCUSED', 'china', 'united-states').evidence.status).toBe('ALLEGED');
  });

  it('derives one SANCTIONED edge per authority and target of each sanction, with the union of their sentences', () => {
    const derived = relations.filter((r) => r.type === 'SANCTIONED');
    // China 1, Myanmar 4 authorities x 2 targets, Bangladesh 1, North Korea 2, SenseTime 1, trade blacklist 1.
    expect(derived).toHaveLength(14);
    expect(rel('SANCTIONED', 'us-treasury', 'sensetime').evidence.sentences).toEqual([2, 3]);
    expect(rel('SANCTIONED', 'united-kingdom', 'myanmar-military-entities').evidence.sentences).toEqual([5, 9, 10]);
    expect(rel('SANCTIONED', 'united-states', 'chinese-companies-trade-blacklisted-2021-11').date).toMatchObject(LAST_MONTH);
  });
});
