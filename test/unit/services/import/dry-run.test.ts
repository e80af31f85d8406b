import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { dryRun, type ImportReads } from '../../../../src/services/import/dry-run.js';
import type { MatchCandidate } from '../../../../src/services/import/matching.js';
import { openImport } from '../../../../src/services/import/open-import.js';

/** Reads of a graph holding the seed's SenseTime and nothing stored of any series; counts its calls. */
function fakeReads(): ImportReads & { calls: string[] } {
  const sensetime: MatchCandidate = { id: 'sensetime', kind: 'COMPANY', name: 'SenseTime Group', aliases: ['SenseTime'], country: 'CN' };
  const calls: string[] = [];
  return {
    calls,
    candidates(queries) {
      calls.push(`candidates:${queries.length}`);
      return Promise.resolve(new Map(queries.map((q) => [q.key, q.query.includes('sensetime') ? [sensetime] : []])));
    },
    latestEdition() {
      calls.push('latestEdition');
      return Promise.resolve(null);
    },
    async *seriesRecords() {
      calls.push('seriesRecords');
      await Promise.resolve();
      yield* [];
    },
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dry-run-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the dry run', () => {
  it('batches the candidate reads, reports references to rejected entities, and keeps file order', async () => {
    const file = path.join(dir, 'refs.ftm.json');
    const lines = [
      { id: 'sanction-1', schema: 'Sanction', properties: { entity: ['co-1'], authority: ['Made-up Authority'] } },
      { id: 'co-1', schema: 'Company', properties: { name: ['SenseTime Group Limited'], jurisdiction: ['cn'] } },
      { id: 'vessel-1', schema: 'Vessel', properties: { name: ['Made-up Vessel'] } },
      { id: 'sanction-2', schema: 'Sanction', properties: { entity: ['vessel-1'], authority: ['Made-up Authority'] } },
      { id: 'p-1', schema: 'Person', properties: { name: ['Made-up Person'] } },
    ];
    await writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n'));
    const reads = fakeReads();
    const summary = await dryRun((await openImport({ file, format: 'ftm' })).items, reads, { batchSize: 2 });
    expect(reads.calls).toEqual(['latestEdition', 'candidates:2', 'candidates:1']);
    expect(summary.actors).toEqual({ created: 2, matched: 1, review: 0 });
    expect(summary.matches.map((m) => [m.recordId, m.decision.outcome])).toEqual([['co-1', 'LINK']]);
    // sanction-1 names co-1 before co-1 comes: resolved at the end; sanction-2 names a rejected vessel.
    expect(summary.unresolved).toEqual({ total: 1, first: [{ recordId: 'sanction-2', refersTo: 'vessel-1' }] });
    expect(summary.records).toEqual({ read: 5, new: 4, changed: 0, unchanged: 0, gone: 0, rejected: 1 });
  });

  it('refuses to read a record before the source', async () => {
    async function* noSource() {
      await Promise.resolve();
      yield {
        type: 'rejection',
        rejection: { recordId: null, position: 1, reason: 'MALFORMED_RECORD', detail: 'x', fatal: false },
      } as const;
    }
    await expect(dryRun(noSource(), fakeReads())).rejects.toThrow('an importer yielded a record before its source');
  });
});
