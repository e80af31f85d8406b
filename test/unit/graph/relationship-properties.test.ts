import { knownFrom, periodEnd, RELATIONSHIP_VALUE_COUNT, relationshipValues } from '../../../src/graph/relationship-properties.js';

const day = (date: string, precision: 'DAY' | 'MONTH' | 'YEAR' = 'DAY') => ({ date, precision, derivation: null });

describe('periodEnd', () => {
  it('is the day itself, or the last day of the month or year', () => {
    expect(periodEnd(day('2021-12-10'))).toBe('2021-12-10');
    expect(periodEnd(day('2021-11-01', 'MONTH'))).toBe('2021-11-30');
    expect(periodEnd(day('2024-02-01', 'MONTH'))).toBe('2024-02-29');
    expect(periodEnd(day('2020-01-01', 'YEAR'))).toBe('2020-12-31');
  });
});

describe('knownFrom', () => {
  it('takes validFrom, else date (each at the end of its period), else the bound, else nothing', () => {
    expect(knownFrom({ validFrom: day('2021-02-01'), date: day('2020-01-01'), noLaterThan: null })).toBe('2021-02-01');
    expect(knownFrom({ validFrom: null, date: day('2021-11-01', 'MONTH'), noLaterThan: null })).toBe('2021-11-30');
    expect(knownFrom({ validFrom: null, date: null, noLaterThan: day('2021-12-10') })).toBe('2021-12-10');
    expect(knownFrom({ validFrom: null, date: null, noLaterThan: null })).toBeNull();
  });

  it('is stored with the other values, null for an undated relationship', () => {
    const values = relationshipValues({
      id: 'r',
      role: null,
      topics: [],
      sanctionId: null,
      date: null,
      validFrom: null,
      validTo: null,
      evidence: { sourceId: 's', sentences: [1], claim: 'c', confidence: 1, status: 'ASSERTED' },
    });
    expect(values).toHaveLength(RELATIONSHIP_VALUE_COUNT);
    expect(RELATIONSHIP_VALUE_COUNT).toBe(24);
    expect(values[16]).toBeNull();
  });
});
