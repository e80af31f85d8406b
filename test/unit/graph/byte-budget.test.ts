import { approximateBytes } from '../../../src/graph/byte-budget.js';

describe('approximateBytes', () => {
  it('stays within a small factor of the JSON length for the shapes records have', () => {
    const samples: unknown[] = [
      { id: 'china', name: 'China', degree: 12, aliases: ['PRC', "People's Republic of China"], country: null, lean: false },
      [{ relationship: { id: 'r1', type: 'PART_OF', topics: [] }, other: { id: 'a', name: 'A' } }],
      'x'.repeat(10_000),
      Array.from({ length: 1000 }, (_, i) => ({ n: i, text: `sentence ${i}` })),
    ];
    for (const sample of samples) {
      const json = JSON.stringify(sample).length;
      const approx = approximateBytes(sample);
      expect(approx).toBeGreaterThan(json * 0.7);
      expect(approx).toBeLessThan(json * 1.6);
    }
  });
});
