import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import type { ImportItem, ImportRecord, Rejection } from '../../../../src/services/import/model.js';
import { openImport } from '../../../../src/services/import/open-import.js';

const FIXTURES = 'test/fixtures/import';

async function collect(items: AsyncIterable<ImportItem>): Promise<ImportItem[]> {
  const out: ImportItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}
const recordsOf = (items: ImportItem[]): ImportRecord[] => items.flatMap((i) => (i.type === 'record' ? [i.record] : []));
const rejectionsOf = (items: ImportItem[]): Rejection[] => items.flatMap((i) => (i.type === 'rejection' ? [i.rejection] : []));
const endOf = (items: ImportItem[]) => {
  const last = items[items.length - 1];
  if (last?.type !== 'end') throw new Error('no end item');
  return last.stats;
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'import-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the FtM importer', () => {
  it('reads actors, sanctions and links, and rejects each malformed line with its reason', async () => {
    const items = await collect(
      (await openImport({ file: `${FIXTURES}/entities.ftm.json`, format: 'ftm', seriesId: 'fixture-ftm' })).items,
    );
    expect(items[0]).toMatchObject({
      type: 'source',
      source: { kind: 'DATASET', id: 'fixture-ftm', seriesId: 'fixture-ftm', format: 'ftm' },
    });
    const records = recordsOf(items);
    expect(records.map((r) => r.id)).toEqual([
      'fx-sensetime',
      'fx-sensetime-ns-cmic',
      'fx-xi',
      'fx-liu-peng',
      'fx-testa',
      'fx-widgets',
      'fx-testa-directs-widgets',
      'fx-proba',
    ]);
    expect(records[0]!.actors).toEqual([
      {
        recordId: 'fx-sensetime',
        kind: 'COMPANY',
        name: 'SenseTime Group Limited',
        aliases: ['SenseTime'],
        country: 'CN',
        identifiers: [],
        description: null,
        sourceType: 'Company',
      },
    ]);
    expect(records[1]!.sanctions).toEqual([
      {
        recordId: 'fx-sensetime-ns-cmic',
        authority: 'Office of Foreign Assets Control',
        targetRecordIds: ['fx-sensetime'],
        measure: 'INVESTMENT_BAN',
        programs: ['Non-SDN Chinese Military-Industrial Complex Companies List'],
        listingDate: '2021-12-10',
        startDate: null,
        endDate: null,
        reason: null,
        sourceUrl: null,
        authorityId: null,
      },
    ]);
    expect(records[6]!.relations).toEqual([
      expect.objectContaining({
        type: 'HOLDS_ROLE_IN',
        fromRecordId: 'fx-testa',
        toRecordId: 'fx-widgets',
        role: 'director',
        startDate: '2019-03',
        endDate: null,
      }),
    ]);
    expect(records[4]!.actors[0]!.identifiers).toEqual([{ scheme: 'passportNumber', value: '000000000', country: null }]);
    expect(rejectionsOf(items).map((r) => [r.position, r.recordId, r.reason])).toEqual([
      [9, 'fx-testa-family-proba', 'UNSUPPORTED_TYPE'],
      [10, 'fx-vessel', 'UNSUPPORTED_TYPE'],
      [11, 'fx-spaceship', 'UNKNOWN_SCHEMA'],
      [12, null, 'NOT_AN_ENTITY'],
      [13, null, 'MALFORMED_RECORD'],
      [14, 'fx-nameless', 'MISSING_FIELD'],
    ]);
    expect(endOf(items)).toEqual({
      records: 14,
      accepted: 8,
      rejected: 6,
      unmapped: { 'Company:fooBar (not in FtM)': 1, 'Person:birthDate': 1, 'schema:Family': 1, 'schema:Spaceship': 1, 'schema:Vessel': 1 },
    });
  });

  it('skips a 10-MB line without holding it, and reads the lines around it', async () => {
    const file = path.join(dir, 'long.ftm.json');
    const entity = (id: string) => JSON.stringify({ id, schema: 'Person', properties: { name: [`Made-up ${id}`] } });
    const long = JSON.stringify({ id: 'long', schema: 'Person', properties: { name: ['x'.repeat(10 * 1024 * 1024)] } });
    await writeFile(file, `${entity('a')}\n${long}\n${entity('b')}`);
    const items = await collect((await openImport({ file, format: 'ftm' })).items);
    expect(recordsOf(items).map((r) => r.id)).toEqual(['a', 'b']);
    expect(rejectionsOf(items)).toEqual([
      { recordId: null, position: 2, reason: 'TOO_LARGE', detail: `line of ${long.length} bytes, over the limit of 1048576`, fatal: false },
    ]);
  });

  it('hashes what an entity says, not when it was seen: a new last_seen is the same record', async () => {
    const file = path.join(dir, 'seen.ftm.json');
    const line = (lastSeen: string, name: string) =>
      JSON.stringify({ id: 'p', schema: 'Person', properties: { name: [name] }, last_seen: lastSeen });
    await writeFile(file, `${line('2024-01-01', 'Made-up A')}\n${line('2025-01-01', 'Made-up A')}\n${line('2025-01-01', 'Made-up B')}\n`);
    const [a, b, c] = recordsOf(await collect((await openImport({ file, format: 'ftm' })).items));
    expect(a!.hash).toBe(b!.hash);
    expect(c!.hash).not.toBe(a!.hash);
  });
});

describe('the OFAC SDN importer', () => {
  it('reads the publication, one record per entry (actor and listing), and rejects vessels with their reason', async () => {
    const items = await collect((await openImport({ file: `${FIXTURES}/sdn-2021-12-10.xml`, format: 'ofac-sdn' })).items);
    expect(items[0]).toMatchObject({
      type: 'source',
      source: {
        kind: 'LIST',
        id: 'ofac-sdn@2021-12-10',
        seriesId: 'ofac-sdn',
        edition: '2021-12-10',
        publishedOn: '2021-12-10',
        declaredRecords: 4,
        publisher: 'Office of Foreign Assets Control',
      },
    });
    const records = recordsOf(items);
    expect(records.map((r) => r.id)).toEqual(['90001', '90002', '90004']);
    expect(records[1]!.actors).toEqual([
      {
        recordId: '90002',
        kind: 'PERSON',
        name: 'Alpha TESTPERSON',
        aliases: ['Al TESTPERSON'],
        country: 'MM',
        identifiers: [{ scheme: 'Passport', value: 'X0000001', country: 'MM' }],
        description: null,
        sourceType: 'Individual',
      },
    ]);
    expect(records[1]!.sanctions).toEqual([
      expect.objectContaining({
        authority: 'Office of Foreign Assets Control',
        targetRecordIds: ['90002'],
        measure: 'ASSET_FREEZE',
        programs: ['MADEUP-A', 'MADEUP-B'],
        authorityId: '90002',
        listingDate: null,
      }),
    ]);
    expect(records[2]!.actors[0]).toMatchObject({ name: 'SAMPLE HOLDINGS INC.', country: 'CN', description: 'Made-up entry for tests.' });
    expect(rejectionsOf(items)).toEqual([
      { recordId: '90003', position: 3, reason: 'UNSUPPORTED_TYPE', detail: 'sdnType Vessel has no actor kind of ours', fatal: false },
    ]);
    expect(endOf(items)).toEqual({
      records: 4,
      accepted: 3,
      rejected: 1,
      unmapped: { 'sdnEntry/dateOfBirthList': 1, 'sdnEntry/vesselInfo': 1, 'sdnType:Vessel': 1 },
    });
  });

  it('gives an unchanged entry the same hash in the next edition, and a changed one another', async () => {
    const first = recordsOf(await collect((await openImport({ file: `${FIXTURES}/sdn-2021-12-10.xml`, format: 'ofac-sdn' })).items));
    const second = recordsOf(await collect((await openImport({ file: `${FIXTURES}/sdn-2021-12-17.xml`, format: 'ofac-sdn' })).items));
    const hash = (rs: ImportRecord[], id: string) => rs.find((r) => r.id === id)?.hash;
    expect(hash(second, '90001')).toBe(hash(first, '90001'));
    expect(hash(second, '90002')).not.toBe(hash(first, '90002'));
    expect(second.find((r) => r.id === '90005')!.actors[0]).toMatchObject({ name: 'Beta TESTPERSON', country: 'KP' });
  });

  it('ends a file that is not well-formed with a fatal rejection after the entries it could read', async () => {
    const items = await collect((await openImport({ file: `${FIXTURES}/sdn-broken.xml`, format: 'ofac-sdn' })).items);
    expect(recordsOf(items).map((r) => r.id)).toEqual(['90001', '90002']);
    const fatal = rejectionsOf(items).filter((r) => r.fatal);
    expect(fatal.map((r) => [r.recordId, r.position, r.reason, r.fatal])).toEqual([[null, 4, 'MALFORMED_FILE', true]]);
    expect(fatal[0]!.detail).toMatch(/^not well-formed XML: \d+:\d+: unclosed tag: lastName/);
  });

  it('skips an entry with more text than the record limit', async () => {
    const items = await collect(
      (await openImport({ file: `${FIXTURES}/sdn-2021-12-10.xml`, format: 'ofac-sdn', maxRecordBytes: 300 })).items,
    );
    expect(rejectionsOf(items).map((r) => [r.position, r.reason])).toEqual([
      [2, 'TOO_LARGE'],
      [3, 'UNSUPPORTED_TYPE'],
    ]);
    expect(recordsOf(items).map((r) => r.id)).toEqual(['90001', '90004']);
  });
});

describe('the CSV importer', () => {
  it('maps columns to actors, relations and sanctions, and rejects rows it cannot read', async () => {
    const items = await collect(
      (await openImport({ file: `${FIXTURES}/register.csv`, format: 'csv', mapping: `${FIXTURES}/register.mapping.yaml` })).items,
    );
    expect(items[0]).toMatchObject({
      type: 'source',
      source: { kind: 'DATASET', id: 'register', title: 'Made-up company register extract', publishedOn: '2024-05-01' },
    });
    const records = recordsOf(items);
    expect(records.map((r) => r.id)).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(records[0]!.actors.map((a) => [a.recordId, a.kind, a.name, a.aliases, a.country])).toEqual([
      ['company:c1', 'COMPANY', 'Example Tools Limited', ['Example Tools', 'ET Ltd'], 'GB'],
      ['director:Gamma Testperson', 'PERSON', 'Gamma Testperson', [], 'GB'],
    ]);
    expect(records[0]!.relations).toEqual([
      expect.objectContaining({
        type: 'HOLDS_ROLE_IN',
        fromRecordId: 'director:Gamma Testperson',
        toRecordId: 'company:c1',
        role: 'director',
        startDate: '2020-01-15',
      }),
    ]);
    expect(records[0]!.sanctions).toEqual([]);
    expect(records[2]!.sanctions).toEqual([
      expect.objectContaining({
        authority: 'Office of Foreign Assets Control',
        targetRecordIds: ['company:c2'],
        measure: 'INVESTMENT_BAN',
        programs: ['NS-CMIC'],
        listingDate: '2021-12-10',
      }),
    ]);
    expect(records[3]!.actors[0]!.country).toBeNull();
    expect(rejectionsOf(items).map((r) => [r.position, r.reason])).toEqual([
      [6, 'MALFORMED_RECORD'],
      [7, 'MISSING_FIELD'],
    ]);
    expect(endOf(items)).toEqual({ records: 6, accepted: 4, rejected: 2, unmapped: { 'column:note': 5 } });
  });

  it('skips a 10-MB line and keeps every row after it', async () => {
    const file = path.join(dir, 'long.csv');
    await writeFile(file, `row_id,company_id,company_name\na,1,Made-up One\nb,2,${'x'.repeat(10 * 1024 * 1024)}\nc,3,Made-up Three\n`);
    const mapping = path.join(dir, 'long.mapping.yaml');
    await writeFile(
      mapping,
      'source: { title: Made-up }\nkey: [row_id]\nentities:\n  company: { kind: COMPANY, keys: [company_id], name: company_name }\n',
    );
    const items = await collect((await openImport({ file, format: 'csv', mapping })).items);
    expect(recordsOf(items).map((r) => r.id)).toEqual(['a', 'c']);
    expect(rejectionsOf(items).map((r) => [r.position, r.reason])).toEqual([[3, 'TOO_LARGE']]);
  });

  it('refuses a mapping that names an entity it does not define', async () => {
    const mapping = path.join(dir, 'bad.mapping.yaml');
    await writeFile(
      mapping,
      'source: { title: Made-up }\nentities:\n  company: { kind: COMPANY, keys: [id], name: name }\nrelations:\n  - { type: PART_OF, from: company, to: parent }\n',
    );
    await expect(openImport({ file: `${FIXTURES}/register.csv`, format: 'csv', mapping })).rejects.toThrow(
      /relations\.0\.to: no entity named parent/,
    );
    await expect(openImport({ file: `${FIXTURES}/register.csv`, format: 'csv' })).rejects.toThrow(/needs --mapping/);
  });
});
