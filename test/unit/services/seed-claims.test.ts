/**
 * The seed's claims against the article's text, with no database: every cited sentence exists and names
 * at least one of the claim's actors (by name or alias), or the claim is marked as needing review; every
 * sanction party is named in its own sentences; every relation has a date or a bound; INFERRED claims
 * say what they are inferred from.
 */
import { timeBasisOf } from '../../../src/graph/model.js';
import type { SeedActor, SeedData } from '../../../src/graph/seed-repository.js';
import { loadSeed } from '../../../src/services/seed/load-seed.js';

/** Lower-case word tokens (letters and digits), so "Suu Kyi's" holds "suu" and "kyi". */
const tokens = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * True when `sentence` names `actor`: every word of its name, or of one of its aliases, is a word of the
 * sentence (so "people and entities in Myanmar" is named by "people and entities in China, Myanmar, ...").
 */
export function names(sentence: string, actor: Pick<SeedActor, 'name' | 'aliases'>): boolean {
  const words = new Set(tokens(sentence));
  return [actor.name, ...actor.aliases].some((name) => {
    const nameWords = tokens(name);
    return nameWords.length > 0 && nameWords.every((w) => words.has(w));
  });
}

/** Problems of one claim: cited sentences that do not exist or name none of `actorIds`. */
function problems(data: SeedData, claim: string, sentences: readonly number[], actorIds: readonly string[]): string[] {
  const text = data.sources[0]!.sentences;
  const actors = actorIds.map((id) => data.actors.find((a) => a.id === id)!);
  return sentences.flatMap((n) => {
    const sentence = text[n - 1];
    if (sentence === undefined) return [`${claim}: sentence ${n} does not exist`];
    return actors.some((a) => names(sentence, a)) ? [] : [`${claim}: sentence ${n} names none of ${actorIds.join(', ')}`];
  });
}

let data: SeedData;
beforeAll(async () => {
  data = await loadSeed('seed');
});

describe('the name check', () => {
  const military = { name: 'Myanmar military', aliases: ['junta', 'the military'] };
  it('matches a name or an alias word by word, in any case, and nothing else', () => {
    expect(names('The junta in Myanmar seized power.', military)).toBe(true);
    expect(names('Myanmar military entities', military)).toBe(true);
    expect(names('through a military coup', military)).toBe(false);
    expect(names("won by Suu Kyi's party", { name: 'Aung San Suu Kyi', aliases: ['Suu Kyi'] })).toBe(true);
    expect(names('the USA', { name: 'United States', aliases: ['US'] })).toBe(false);
  });
});

describe('the seed claims against the article', () => {
  it('has the article of 15 sentences as its one source', () => {
    expect(data.sources.map((s) => s.sentences.length)).toEqual([15]);
  });

  it('cites, for every relation (SANCTIONED ones included), sentences that exist and name one of its two actors', () => {
    const found = data.relationships
      .filter((r) => r.evidence.needsReview === null)
      .flatMap((r) => problems(data, r.id, r.evidence.sentences, [r.fromId, r.toId]));
    expect(found).toEqual([]);
    expect(data.relationships.length).toBe(58);
  });

  it('cites, for every sanction, sentences that name one of its parties or its list, and for every party sentences that name it', () => {
    const found = data.sanctions.flatMap((s) => {
      const parties = [...s.authorities, ...s.targets];
      const whole =
        s.evidence.needsReview === null
          ? problems(data, s.id, s.evidence.sentences, [...parties.map((p) => p.actorId), ...(s.listId ? [s.listId] : [])])
          : [];
      return [...whole, ...parties.flatMap((p) => problems(data, `${s.id} ${p.actorId}`, p.sentences, [p.actorId]))];
    });
    expect(found).toEqual([]);
  });

  it('marks no claim as needing review today', () => {
    expect([...data.relationships, ...data.sanctions].filter((r) => r.evidence.needsReview !== null).map((r) => r.id)).toEqual([]);
  });

  it('dates or bounds every relation: none is UNDATED', () => {
    expect(data.relationships.filter((r) => timeBasisOf(r) === 'UNDATED').map((r) => r.id)).toEqual([]);
  });

  it('says what each INFERRED claim is inferred from, at a confidence below 0.8', () => {
    const inferred = data.relationships.filter((r) => r.evidence.status === 'INFERRED');
    expect(inferred.map((r) => r.id).sort()).toEqual([
      'rel-adeyemo-speaks-for-treasury',
      'rel-military-alleged-fraud',
      'rel-xi-leads-china',
      'sanction-2021-12-10-myanmar-human-rights:canada:designated-myanmar-2021-12-10',
      'sanction-2021-12-10-myanmar-human-rights:canada:myanmar-military-entities',
      'sanction-2021-12-10-myanmar-human-rights:united-kingdom:designated-myanmar-2021-12-10',
      'sanction-2021-12-10-myanmar-human-rights:united-kingdom:myanmar-military-entities',
    ]);
    for (const r of inferred) {
      expect(r.evidence.inferredFrom?.length).toBeGreaterThan(20);
      expect(r.evidence.confidence).toBeLessThan(0.8);
    }
    expect(data.relationships.filter((r) => r.evidence.status !== 'INFERRED' && r.evidence.inferredFrom !== null)).toEqual([]);
  });

  it('credits Canada and the United Kingdom with the Myanmar sanction only as inferred authorities', () => {
    const myanmar = data.sanctions.find((s) => s.id === 'sanction-2021-12-10-myanmar-human-rights')!;
    expect(myanmar.authorities.map((p) => [p.actorId, p.status, p.confidence])).toEqual([
      ['biden-administration', 'ASSERTED', 0.9],
      ['united-states', 'ASSERTED', 0.9],
      ['united-kingdom', 'INFERRED', 0.6],
      ['canada', 'INFERRED', 0.6],
    ]);
    expect(myanmar.targets.every((p) => p.status === 'ASSERTED')).toBe(true);
  });

  it('gives the roles of one person that one sentence supports the same dates', () => {
    const roles = data.relationships.filter((r) => ['LEADS', 'HOLDS_ROLE_IN', 'SPEAKS_FOR', 'PART_OF'].includes(r.type) && r.role !== null);
    const byPersonAndSentence = new Map<string, Set<string>>();
    for (const r of roles) {
      for (const n of r.evidence.sentences) {
        const key = `${r.fromId} ${n}`;
        const dates = byPersonAndSentence.get(key) ?? new Set<string>();
        dates.add(JSON.stringify([r.date, r.validFrom, r.noLaterThan]));
        byPersonAndSentence.set(key, dates);
      }
    }
    const inconsistent = [...byPersonAndSentence].filter(([, dates]) => dates.size > 1).map(([key]) => key);
    expect(inconsistent).toEqual([]);
    expect(byPersonAndSentence.has('joe-biden 1')).toBe(true);
    expect(byPersonAndSentence.has('wally-adeyemo 10')).toBe(true);
    expect(byPersonAndSentence.has('aung-san-suu-kyi 6')).toBe(true);
  });
});
