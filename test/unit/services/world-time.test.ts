/** Issue 20 without a database: the lag rule for fuzzy dates, and the checks of seed/disputes.yaml. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import type { FuzzyDate } from '../../../src/graph/model.js';
import type { SeedRelationship, SeedSource } from '../../../src/graph/seed-repository.js';
import { lagBehind } from '../../../src/services/alignment-service.js';
import { DisputeSeedError, loadDisputes } from '../../../src/services/seed/load-disputes.js';
import { loadSeed } from '../../../src/services/seed/load-seed.js';

const day = (date: string): FuzzyDate => ({ date, precision: 'DAY', derivation: null });

describe('lagBehind', () => {
  it('is exact in days between two DAY dates, and 0 within one action whatever the precision', () => {
    expect(lagBehind(day('2022-03-15'), 'DATED', day('2022-03-01'), 'DATED', false)).toEqual({
      days: 14,
      minDays: 14,
      maxDays: 14,
      reason: null,
    });
    expect(lagBehind(day('2024-03-01'), 'DATED', day('2024-02-28'), 'DATED', false).days).toBe(2);
    const month: FuzzyDate = { date: '2022-04-01', precision: 'MONTH', derivation: null };
    expect(lagBehind(month, 'DATED', month, 'DATED', true)).toEqual({ days: 0, minDays: 0, maxDays: 0, reason: null });
  });

  it('gives the range a MONTH or YEAR date allows, negative when the periods overlap', () => {
    expect(lagBehind({ date: '2022-04-01', precision: 'MONTH', derivation: null }, 'DATED', day('2022-03-01'), 'DATED', false)).toEqual({
      days: null,
      minDays: 31,
      maxDays: 60,
      reason: 'this listing is only known to the month (2022-04)',
    });
    expect(lagBehind(day('2022-06-01'), 'DATED', { date: '2022-01-01', precision: 'YEAR', derivation: null }, 'DATED', false)).toEqual({
      days: null,
      minDays: -213,
      maxDays: 151,
      reason: 'the first listing is only known to the year (2022)',
    });
  });

  it('leaves the end a bound hides open', () => {
    expect(lagBehind(day('2022-06-10'), 'DATED', day('2022-05-31'), 'BOUNDED', false)).toEqual({
      days: null,
      minDays: 10,
      maxDays: null,
      reason: 'the first listing is BOUNDED: only the latest day it can have been (2022-05-31) is known',
    });
    expect(lagBehind(day('2022-06-10'), 'BOUNDED', day('2022-05-31'), 'DATED', false)).toMatchObject({
      days: null,
      minDays: null,
      maxDays: 10,
    });
  });
});

describe('loadDisputes', () => {
  const sources: SeedSource[] = [
    { id: 'src', title: 'S', publisher: null, publishedOn: null, contentHash: 'sha256:x', sentences: ['One.', 'Two.'] },
  ];
  const relation = (id: string): SeedRelationship => ({
    id,
    type: 'ACCUSED',
    fromId: 'a',
    toId: 'b',
    role: null,
    topics: [],
    sanctionId: null,
    date: null,
    validFrom: null,
    validTo: null,
    noLaterThan: null,
    evidence: { sourceId: 'src', sentences: [1], claim: 'c', confidence: 1, status: 'ASSERTED', inferredFrom: null, needsReview: null },
  });
  const relationships = [relation('rel-a'), relation('rel-b')];
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'disputes-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  const write = (disputes: string): Promise<void> => writeFile(path.join(dir, 'disputes.yaml'), `source: src\ndisputes:\n${disputes}`);
  const record = (fields: string): string =>
    `  - { id: d-1, kind: DISMISSAL, sentences: [1], confidence: 0.9, status: ASSERTED, claim: c, ${fields} }\n`;

  it('reads no disputes when the file is absent, and resolves both claims to references', async () => {
    expect(await loadDisputes(dir, { sources, relationships })).toEqual([]);
    await write(record('disputed: rel-a, disputing: rel-b'));
    const [dispute] = await loadDisputes(dir, { sources, relationships });
    expect(dispute?.disputed).toEqual({ id: 'rel-a', fromId: 'a', toId: 'b' });
    expect(dispute?.disputing.id).toBe('rel-b');
  });

  it.each([
    ['disputed: rel-x, disputing: rel-b', "field 'disputed': unknown relation 'rel-x'"],
    ['disputed: rel-a, disputing: rel-a', "field 'disputing': a claim cannot dispute itself"],
    ['disputed: rel-a, disputing: rel-b, sentences: [3]', "field 'sentences': sentence 3 does not exist; the source has 2"],
    ['disputed: rel-a, disputing: rel-b, extra: 1', 'Unrecognized key'],
  ])('refuses %s', async (fields, message) => {
    await write(record(fields).replace('sentences: [1], ', fields.includes('sentences') ? '' : 'sentences: [1], '));
    await expect(loadDisputes(dir, { sources, relationships })).rejects.toThrow(DisputeSeedError);
    await expect(loadDisputes(dir, { sources, relationships })).rejects.toThrow(message);
  });

  it('loads the seed dispute: the fraud allegation and its dismissal', async () => {
    const seed = await loadSeed('seed');
    expect(seed.disputes?.map((d) => [d.id, d.kind, d.disputed.id, d.disputing.id])).toEqual([
      ['dispute-election-fraud-dismissed', 'DISMISSAL', 'rel-military-alleged-fraud', 'rel-commission-dismissed-fraud'],
    ]);
  });
});
