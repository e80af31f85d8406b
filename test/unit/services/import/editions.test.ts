import { EditionPlanner } from '../../../../src/services/import/editions.js';
import type { ImportItem, ImportRecord, ImportSource } from '../../../../src/services/import/model.js';
import { openImport } from '../../../../src/services/import/open-import.js';

const FIXTURES = 'test/fixtures/import';

async function read(file: string): Promise<{ source: ImportSource; records: ImportRecord[]; items: ImportItem[] }> {
  const items: ImportItem[] = [];
  for await (const item of (await openImport({ file, format: 'ofac-sdn' })).items) items.push(item);
  const first = items[0];
  if (first?.type !== 'source') throw new Error('no source');
  return { source: first.source, records: items.flatMap((i) => (i.type === 'record' ? [i.record] : [])), items };
}

/** Plans `next` against `stored` as the write path would have stored it. */
function plan(stored: ImportRecord[], storedOn: string, next: Awaited<ReturnType<typeof read>>) {
  const planner = new EditionPlanner(next.source, { edition: storedOn, publishedOn: storedOn, fileHash: null });
  for (const r of stored) planner.remember(r.id, r.hash);
  const actions = next.records.map((r) => [r.id, planner.classify(r)]);
  for (const i of next.items) if (i.type === 'rejection') planner.rejected(i.rejection);
  return { actions, gone: planner.gone(), refused: planner.refused, withheld: planner.goneWithheld };
}

describe('planning an edition of a list', () => {
  it('finds one delisting dated on the new edition, one correction, one new listing, and the rest unchanged', async () => {
    const first = await read(`${FIXTURES}/sdn-2021-12-10.xml`);
    const second = await read(`${FIXTURES}/sdn-2021-12-17.xml`);
    expect(plan(first.records, '2021-12-10', second)).toEqual({
      actions: [
        ['90001', 'UNCHANGED'],
        ['90002', 'CHANGED'],
        ['90005', 'NEW'],
      ],
      gone: [{ recordId: '90004', endedOn: '2021-12-17' }],
      refused: null,
      withheld: null,
    });
  });

  it('changes nothing when the same edition comes twice', async () => {
    const first = await read(`${FIXTURES}/sdn-2021-12-10.xml`);
    const again = plan(first.records, '2021-12-10', first);
    expect(again.actions.every(([, action]) => action === 'UNCHANGED')).toBe(true);
    expect(again.gone).toEqual([]);
  });

  it('refuses an older edition than the stored one, and a file that is not well-formed, with no delisting', async () => {
    const first = await read(`${FIXTURES}/sdn-2021-12-10.xml`);
    const second = await read(`${FIXTURES}/sdn-2021-12-17.xml`);
    const older = plan(second.records, '2021-12-17', first);
    expect(older.refused).toEqual({
      code: 'OLDER_EDITION',
      detail: 'edition of 2021-12-10 is older than the stored edition of 2021-12-17',
    });
    expect(older.gone).toEqual([]);
    const broken = plan(first.records, '2021-12-10', await read(`${FIXTURES}/sdn-broken.xml`));
    expect(broken.refused).toMatchObject({ code: 'MALFORMED_FILE' });
    expect(broken.gone).toEqual([]);
  });

  it('keeps a record that was rejected with its id, and withholds every delisting after a rejection without one', async () => {
    const first = await read(`${FIXTURES}/sdn-2021-12-10.xml`);
    const planner = new EditionPlanner(first.source, null);
    for (const r of first.records) planner.remember(r.id, r.hash);
    planner.classify(first.records[0]!);
    planner.rejected({ recordId: '90002', position: 2, reason: 'TOO_LARGE', detail: 'x', fatal: false });
    expect(planner.gone()).toEqual([{ recordId: '90004', endedOn: '2021-12-10' }]);
    planner.rejected({ recordId: null, position: 5, reason: 'MALFORMED_RECORD', detail: 'x', fatal: false });
    expect(planner.gone()).toEqual([]);
    expect(planner.goneWithheld).toBe('1 rejected record(s) without an id could be any stored record: no delisting is planned');
  });

  it('treats a second record under one id as a duplicate', async () => {
    const first = await read(`${FIXTURES}/sdn-2021-12-10.xml`);
    const planner = new EditionPlanner(first.source, null);
    expect(planner.classify(first.records[0]!)).toBe('NEW');
    expect(planner.classify(first.records[0]!)).toBeNull();
  });
});
