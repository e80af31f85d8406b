import { createHash } from 'node:crypto';

import {
  authorityActorId,
  fuzzyFromIso,
  importedActorId,
  importedRelationId,
  importedSanctionId,
  matchReviewId,
} from '../../../../src/services/import/write-import.js';

describe('the ids the import write step gives', () => {
  it('derives actor ids that are slugs, readable, and the same on every run', () => {
    const id = importedActorId('ofac-sdn', '90001');
    expect(id).toMatch(/^ofac-sdn-90001-[0-9a-f]{8}$/);
    expect(importedActorId('ofac-sdn', '90001')).toBe(id);
    // Two record ids that fold to one slug still get two ids.
    expect(importedActorId('s', 'A b')).not.toBe(importedActorId('s', 'a-b'));
    expect(importedActorId('Series X', 'Ünïcode/ID')).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(importedActorId('', '!!!')).toMatch(/^record-[0-9a-f]{8}$/);
  });

  it('derives sanction, relation, authority and review ids', () => {
    expect(importedSanctionId('ofac-sdn', '90001', 0)).toMatch(/^sanction-[0-9a-f]{16}$/);
    expect(importedSanctionId('ofac-sdn', '90001', 0)).not.toBe(importedSanctionId('ofac-sdn', '90001', 1));
    expect(importedRelationId('HOLDS_ROLE_IN', 'ds', 'link-1', 0)).toMatch(/^holds-role-in-[0-9a-f]{16}$/);
    expect(authorityActorId('Office of Foreign Assets Control')).toBe('authority-office-of-foreign-assets-control');
    // CONTRACT-16R: 'review:' + the first 16 hex of sha256(series NUL record NUL imported actor).
    const expected = createHash('sha256').update('ds\u0000fx-liu-peng\u0000ds-fx-liu-peng-00000000').digest('hex').slice(0, 16);
    expect(matchReviewId('ds', 'fx-liu-peng', 'ds-fx-liu-peng-00000000')).toBe(`review:${expected}`);
  });
});

describe('dates of a source as fuzzy dates', () => {
  it('keeps the precision the source gives, and nothing else', () => {
    expect(fuzzyFromIso('2019')).toEqual({ date: '2019-01-01', precision: 'YEAR', derivation: null });
    expect(fuzzyFromIso('2019-03')).toEqual({ date: '2019-03-01', precision: 'MONTH', derivation: null });
    expect(fuzzyFromIso('2019-03-04', 'why')).toEqual({ date: '2019-03-04', precision: 'DAY', derivation: 'why' });
    expect(fuzzyFromIso(null)).toBeNull();
    expect(fuzzyFromIso('March 2019')).toBeNull();
  });
});
