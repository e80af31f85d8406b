import {
  candidateQuery,
  decideMatch,
  LINK_THRESHOLD,
  type MatchCandidate,
  REVIEW_THRESHOLD,
  scoreCandidate,
} from '../../../../src/services/import/matching.js';
import { nameForms, tokenSimilarity } from '../../../../src/services/import/names.js';

const seedSenseTime: MatchCandidate = { id: 'sensetime', kind: 'COMPANY', name: 'SenseTime Group', aliases: ['SenseTime'], country: 'CN' };
const actor = (name: string, kind: MatchCandidate['kind'] = 'COMPANY', country: string | null = 'CN', aliases: string[] = []) => ({
  name,
  kind,
  country,
  aliases,
});

describe('name forms', () => {
  it('fold case, diacritics, scripts, punctuation and legal-form words', () => {
    expect(nameForms('SenseTime Group Limited')).toEqual({
      plain: 'sensetime group limited',
      core: ['sensetime'],
      sorted: 'sensetime',
      compact: 'sensetime',
    });
    expect(nameForms('Société Générale S.A.').core).toEqual(['societe', 'generale']);
    expect(nameForms('Example Co., Ltd.').core).toEqual(['example']);
    expect(nameForms('Exampleton Widgets Inc').core).toEqual(['exampleton', 'widgets']);
    expect(nameForms('Сбербанк').plain).toBe('sberbank');
    // Only legal-form words: the name is kept rather than emptied.
    expect(nameForms('The Group').core).toEqual(['the', 'group']);
  });

  it('measure word similarity over both names', () => {
    expect(tokenSimilarity(['liu', 'peng'], ['liu', 'pengyu'])).toBeCloseTo(0.8333, 3);
    expect(tokenSimilarity(['a'], [])).toBe(0);
  });
});

describe('scoring a candidate', () => {
  it('links "SenseTime Group Limited" to the seed SenseTime by the legal-form rule and the same country', () => {
    expect(scoreCandidate(actor('SenseTime Group Limited'), seedSenseTime)).toEqual({
      actorId: 'sensetime',
      score: 0.98,
      rule: 'LEGAL_FORM+SAME_COUNTRY',
    });
  });

  it('names each rule that holds: exact, spacing, word order, an alias, similar words', () => {
    const xi: MatchCandidate = { id: 'xi-jinping', kind: 'PERSON', name: 'Xi Jinping', aliases: ['Xi'], country: 'CN' };
    expect(scoreCandidate(actor('XI JINPING', 'PERSON'), xi)).toEqual({ actorId: 'xi-jinping', score: 1, rule: 'EXACT+SAME_COUNTRY' });
    expect(scoreCandidate(actor('Jinping Xi', 'PERSON', null), xi)).toEqual({ actorId: 'xi-jinping', score: 0.9, rule: 'WORD_ORDER' });
    expect(scoreCandidate(actor('Sense Time', 'COMPANY', null), seedSenseTime)).toEqual({
      actorId: 'sensetime',
      score: 0.93,
      rule: 'SPACING',
    });
    expect(scoreCandidate(actor('Shangtang', 'COMPANY', 'CN', ['SenseTime']), seedSenseTime)).toEqual({
      actorId: 'sensetime',
      score: 1,
      rule: 'ALIAS_EXACT+SAME_COUNTRY',
    });
    const liu: MatchCandidate = { id: 'liu-pengyu', kind: 'PERSON', name: 'Liu Pengyu', aliases: [], country: 'CN' };
    expect(scoreCandidate(actor('Liu Peng', 'PERSON'), liu)).toEqual({
      actorId: 'liu-pengyu',
      score: 0.697,
      rule: 'SIMILAR_WORDS+SAME_COUNTRY',
    });
  });

  it('costs a related kind and another country, and refuses kinds that cannot be one actor', () => {
    const military: MatchCandidate = { id: 'myanmar-military', kind: 'ARMED_FORCES', name: 'Myanmar military', aliases: [], country: 'MM' };
    expect(scoreCandidate(actor('Myanmar Military', 'COMPANY', 'MM'), military)).toEqual({
      actorId: 'myanmar-military',
      score: 0.83,
      rule: 'EXACT+RELATED_KIND+SAME_COUNTRY',
    });
    expect(scoreCandidate(actor('SenseTime Group Limited', 'COMPANY', 'US'), seedSenseTime)).toEqual({
      actorId: 'sensetime',
      score: 0.65,
      rule: 'LEGAL_FORM+COUNTRY_DIFFERS',
    });
    expect(scoreCandidate(actor('SenseTime', 'PERSON'), seedSenseTime)).toBeNull();
  });
});

describe('deciding', () => {
  it('links above the threshold, reviews in the band, creates below it', () => {
    expect(LINK_THRESHOLD).toBe(0.85);
    expect(REVIEW_THRESHOLD).toBe(0.6);
    expect(decideMatch(actor('SenseTime Group Limited'), [seedSenseTime])).toEqual({
      outcome: 'LINK',
      actorId: 'sensetime',
      score: 0.98,
      rule: 'LEGAL_FORM+SAME_COUNTRY',
    });
    expect(decideMatch(actor('SenseTime Group Limited', 'COMPANY', 'US'), [seedSenseTime])).toEqual({
      outcome: 'REVIEW',
      reason: 'AMBIGUOUS_SCORE',
      candidates: [{ actorId: 'sensetime', score: 0.65, rule: 'LEGAL_FORM+COUNTRY_DIFFERS' }],
    });
    expect(decideMatch(actor('Exampleton Widgets Ltd', 'COMPANY', 'GB'), [seedSenseTime])).toEqual({
      outcome: 'NEW',
      best: { actorId: 'sensetime', score: 0, rule: 'SIMILAR_WORDS+COUNTRY_DIFFERS' },
    });
    expect(decideMatch(actor('Anything'), [])).toEqual({ outcome: 'NEW', best: null });
  });

  it('never picks one of two candidates above the link threshold', () => {
    const twin: MatchCandidate = { ...seedSenseTime, id: 'sensetime-twin' };
    const decision = decideMatch(actor('SenseTime Group Limited'), [twin, seedSenseTime]);
    expect(decision).toEqual({
      outcome: 'REVIEW',
      reason: 'TWO_CANDIDATES_ABOVE_LINK',
      candidates: [
        { actorId: 'sensetime', score: 0.98, rule: 'LEGAL_FORM+SAME_COUNTRY' },
        { actorId: 'sensetime-twin', score: 0.98, rule: 'LEGAL_FORM+SAME_COUNTRY' },
      ],
    });
  });
});

describe('the candidate query', () => {
  it('asks for any core word of any name, fuzzily from four letters, with Lucene syntax escaped', () => {
    expect(candidateQuery({ name: 'SenseTime Group Limited', aliases: [] })).toBe('sensetime^2 OR sensetime~1');
    expect(candidateQuery({ name: 'Xi Jinping', aliases: [] })).toBe('xi^2 OR jinping^2 OR jinping~1 OR xijinping^2 OR xijinping~1');
    expect(candidateQuery({ name: '!!!', aliases: [] })).toBeNull();
  });
});
