/**
 * `tsx scripts/gen-import-files.ts DIR [--ftm N] [--sdn N]`: writes large made-up files in the import
 * formats (DIR/entities.ftm.json with N entities, DIR/sdn.xml with N entries, DIR/register.csv with N rows
 * for test/fixtures/import/register.mapping.yaml) to measure the importers'
 * rates. Every name is made up; the files are not committed.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    ftm: { type: 'string', default: '200000' },
    sdn: { type: 'string', default: '50000' },
    csv: { type: 'string', default: '200000' },
  },
});
const dir = positionals[0] ?? '/tmp/import-bench';
await mkdir(dir, { recursive: true });

async function write(file: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  for (const line of lines) if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

const SYLLABLES = ['ka', 'ro', 'mi', 'ten', 'sa', 'lo', 'vex', 'dar', 'qui', 'nor'];
const word = (n: number): string => {
  let s = '';
  for (let x = n; s.length < 8; x = Math.floor(x / 10) + 7) s += SYLLABLES[x % 10];
  return s[0]!.toUpperCase() + s.slice(1);
};

function* ftm(count: number): Generator<string> {
  for (let i = 0; i < count; i += 1) {
    const kind = i % 4;
    const base = { datasets: ['bench'], first_seen: '2024-01-01T00:00:00', last_seen: '2024-06-01T00:00:00', referents: [] };
    const entity =
      kind === 0
        ? {
            id: `p${i}`,
            schema: 'Person',
            properties: { name: [`${word(i)} ${word(i * 7)}`], nationality: ['gb'], birthDate: ['1970-01-01'] },
          }
        : kind === 1
          ? {
              id: `c${i}`,
              schema: 'Company',
              properties: { name: [`${word(i)} Trading Ltd`], jurisdiction: ['cy'], registrationNumber: [`R${i}`] },
            }
          : kind === 2
            ? {
                id: `s${i}`,
                schema: 'Sanction',
                properties: { entity: [`c${i - 1}`], authority: ['Made-up Authority'], program: ['BENCH'], listingDate: ['2024-01-01'] },
              }
            : {
                id: `d${i}`,
                schema: 'Directorship',
                properties: { director: [`p${i - 3}`], organization: [`c${i - 2}`], role: ['director'] },
              };
    yield `${JSON.stringify({ ...entity, ...base })}\n`;
  }
}

function* sdn(count: number): Generator<string> {
  yield `<?xml version="1.0" standalone="yes"?>\n<sdnList xmlns="http://tempuri.org/sdnList.xsd">\n`;
  yield `  <publshInformation><Publish_Date>01/02/2024</Publish_Date><Record_Count>${count}</Record_Count></publshInformation>\n`;
  for (let i = 0; i < count; i += 1) {
    const person = i % 2 === 0;
    yield (
      `  <sdnEntry>\n    <uid>${100000 + i}</uid>\n` +
      (person
        ? `    <firstName>${word(i * 3)}</firstName>\n    <lastName>${word(i).toUpperCase()}</lastName>\n    <sdnType>Individual</sdnType>\n`
        : `    <lastName>${word(i).toUpperCase()} HOLDINGS LIMITED</lastName>\n    <sdnType>Entity</sdnType>\n`) +
      `    <programList><program>BENCH-A</program><program>BENCH-B</program></programList>\n` +
      `    <akaList><aka><uid>${500000 + i}</uid><type>a.k.a.</type><category>strong</category><lastName>${word(i + 1).toUpperCase()}</lastName></aka></akaList>\n` +
      `    <addressList><address><uid>${900000 + i}</uid><city>Madeup City</city><country>Cyprus</country></address></addressList>\n` +
      (person
        ? `    <nationalityList><nationality><uid>${1300000 + i}</uid><country>Cyprus</country><mainEntry>true</mainEntry></nationality></nationalityList>\n`
        : '') +
      `  </sdnEntry>\n`
    );
  }
  yield `</sdnList>\n`;
}

function* csv(count: number): Generator<string> {
  yield 'row_id,company_id,company_name,company_aliases,company_country,company_reg,director_name,director_country,appointed_on,listed_by,listed_on,programme,note\n';
  for (let i = 0; i < count; i += 1) {
    const listed = i % 10 === 0 ? `Made-up Authority,2024-01-01,BENCH` : ',,';
    yield `r${i},c${i >> 1},${word(i >> 1)} Tools Limited,${word(i)} Tools;${word(i)} Ltd,GB,${i},${word(i * 3)} ${word(i * 7)},GB,2020-01-15,${listed},made up\n`;
  }
}

await write(path.join(dir, 'entities.ftm.json'), ftm(Number(values.ftm)));
await write(path.join(dir, 'register.csv'), csv(Number(values.csv)));
await write(path.join(dir, 'sdn.xml'), sdn(Number(values.sdn)));
process.stdout.write(`Wrote ${values.ftm} FtM entities, ${values.sdn} SDN entries and ${values.csv} CSV rows under ${dir}\n`);
