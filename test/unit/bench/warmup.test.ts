import { noLongerRising } from '../../../bench/bench-result.js';

describe('noLongerRising', () => {
  it('waits for three rounds, then for a round no more than 5% above the best before it', () => {
    // The point warm-up of a freshly started Neo4j (F0, 2026-12-01): rising for six rounds, then not.
    const rounds = [245, 463, 1497, 2623, 3316, 4261, 2778];
    expect(rounds.map((_, i) => noLongerRising(rounds.slice(0, i + 1)))).toEqual([false, false, false, false, false, false, true]);
    expect(noLongerRising([1000, 1000])).toBe(false);
    expect(noLongerRising([1000, 1000, 1050])).toBe(true);
    expect(noLongerRising([1000, 1000, 1051])).toBe(false);
    // A variant that answers nothing cannot rise.
    expect(noLongerRising([0, 0, 0])).toBe(true);
  });
});
