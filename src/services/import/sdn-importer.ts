/**
 * OFAC's SDN list in its published XML (`sdnList` / `publshInformation` (sic) / `sdnEntry`), read by a
 * streaming XML parser (saxes) chunk by chunk: each `sdnEntry` is gathered as a small tree, mapped to one
 * record (an actor and the sanction of its listing) and dropped. An entry whose text passes the record
 * limit is skipped as TOO_LARGE; a file that is not well-formed ends the stream with a fatal
 * MALFORMED_FILE rejection, after which the planner writes nothing (its end, and so what is delisted,
 * would be unknown).
 */
import { createReadStream } from 'node:fs';

import { SaxesParser } from 'saxes';

import type { ActorKind } from '../../graph/model.js';
import { countryCode } from './ftm-model.js';
import { clean, distinct, ImportCounter, isoDate, sourceItem } from './import-kit.js';
import { DEFAULT_MAX_RECORD_BYTES, type Identifier, type ImportedActor, type ImportItem, type ImportOptions } from './model.js';
import { READ_CHUNK_BYTES, recordHash } from './read-file.js';

/** The authority of every SDN listing. */
export const SDN_AUTHORITY = 'Office of Foreign Assets Control';

/** sdnType values and the actor kind of each; Vessel and Aircraft have none and are rejected. */
const SDN_KINDS: Readonly<Record<string, ActorKind>> = { Individual: 'PERSON', Entity: 'COMPANY' };

/** The children of an entry we map; any other is counted as unmapped (`sdnEntry/dateOfBirthList`). */
const MAPPED = new Set([
  'uid',
  'firstName',
  'lastName',
  'sdnType',
  'programList',
  'akaList',
  'addressList',
  'idList',
  'nationalityList',
  'citizenshipList',
  'remarks',
]);

/** An element of an entry: its name, text and children. */
interface XmlNode {
  readonly name: string;
  text: string;
  readonly children: XmlNode[];
}

const child = (node: XmlNode | undefined, name: string): XmlNode | undefined => node?.children.find((c) => c.name === name);
const textOf = (node: XmlNode | undefined, name: string): string | null => clean(child(node, name)?.text);
const all = (node: XmlNode | undefined, list: string, item: string): XmlNode[] =>
  child(node, list)?.children.filter((c) => c.name === item) ?? [];

/** Reads an SDN XML file as import items. */
export async function* importSdn(options: ImportOptions): AsyncGenerator<ImportItem> {
  const counter = new ImportCounter();
  const maxBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  const seriesId = options.seriesId ?? 'ofac-sdn';
  const parser = new SaxesParser({ xmlns: false, position: true });
  const ready: ImportItem[] = [];
  const stack: XmlNode[] = [];
  let publish: XmlNode | null = null;
  let sourceSent = false;
  let entries = 0;
  let entryBytes = 0;
  let tooLarge = false;
  let failure: string | null = null;

  const sendSource = (): void => {
    if (sourceSent) return;
    sourceSent = true;
    const publishedOn = isoDate(textOf(publish ?? undefined, 'Publish_Date'));
    const count = Number(textOf(publish ?? undefined, 'Record_Count'));
    ready.push(
      sourceItem({
        kind: 'LIST',
        seriesId,
        title: `OFAC Specially Designated Nationals and Blocked Persons List${publishedOn === null ? '' : ` of ${publishedOn}`}`,
        publisher: SDN_AUTHORITY,
        publishedOn,
        edition: publishedOn,
        fileHash: options.fileHash,
        format: 'ofac-sdn',
        declaredRecords: Number.isInteger(count) && count >= 0 && textOf(publish ?? undefined, 'Record_Count') !== null ? count : null,
      }),
    );
  };

  parser.on('opentag', (tag) => {
    const name = tag.name;
    const parent = stack[stack.length - 1];
    if (name === 'sdnEntry') {
      sendSource();
      entries += 1;
      entryBytes = 0;
      tooLarge = false;
    }
    const node: XmlNode = { name, text: '', children: [] };
    if (parent !== undefined && !tooLarge) parent.children.push(node);
    stack.push(node);
  });
  parser.on('text', (text) => {
    const node = stack[stack.length - 1];
    if (node === undefined || tooLarge) return;
    if (stack.some((n) => n.name === 'sdnEntry')) {
      entryBytes += text.length;
      if (entryBytes > maxBytes) {
        tooLarge = true;
        return;
      }
    }
    node.text += text;
  });
  parser.on('closetag', (tag) => {
    const node = stack.pop();
    if (node === undefined) return;
    if (tag.name === 'publshInformation') publish = node;
    if (tag.name !== 'sdnEntry') return;
    if (tooLarge) ready.push(counter.reject(entries, 'TOO_LARGE', `sdnEntry ${entries} holds over ${maxBytes} characters of text`));
    else ready.push(readEntry(node, entries, counter));
    // Entries are read one at a time: the list's root holds none of them.
    const root = stack[stack.length - 1];
    if (root !== undefined) root.children.length = 0;
  });
  parser.on('error', (error) => {
    failure ??= error.message;
  });

  for await (const chunk of createReadStream(options.file, { encoding: 'utf8', highWaterMark: READ_CHUNK_BYTES })) {
    parser.write(chunk as string);
    options.onBytes?.(parser.position);
    yield* ready.splice(0);
    if (failure !== null) break;
  }
  if (failure === null) parser.close();
  if (failure === null && stack.length > 0) failure = `unclosed element ${stack[stack.length - 1]!.name} at the end of the file`;
  sendSource();
  yield* ready.splice(0);
  if (failure !== null) yield counter.reject(entries, 'MALFORMED_FILE', `not well-formed XML: ${failure}`, null, true);
  yield counter.end();
}

/** An entry without the layout of the file (indentation between elements), so re-indenting changes no hash. */
function canonical(node: XmlNode): unknown {
  return node.children.length === 0 ? [node.name, clean(node.text)] : [node.name, node.children.map(canonical)];
}

function personName(node: XmlNode | undefined): string | null {
  return clean([textOf(node, 'firstName'), textOf(node, 'lastName')].filter((p) => p !== null).join(' '));
}

/** One entry as a record (its actor and its listing), or the reason it is none. */
function readEntry(entry: XmlNode, position: number, counter: ImportCounter): ImportItem {
  const uid = textOf(entry, 'uid');
  if (uid === null) return counter.reject(position, 'MISSING_FIELD', `sdnEntry ${position} without a uid`);
  const sdnType = textOf(entry, 'sdnType') ?? '(none)';
  const kind = SDN_KINDS[sdnType];
  for (const c of entry.children) if (!MAPPED.has(c.name)) counter.unmapped.add(`sdnEntry/${c.name}`);
  if (kind === undefined) {
    counter.unmapped.add(`sdnType:${sdnType}`);
    return counter.reject(position, 'UNSUPPORTED_TYPE', `sdnType ${sdnType} has no actor kind of ours`, uid);
  }
  const name = personName(entry);
  if (name === null) return counter.reject(position, 'MISSING_FIELD', `sdnEntry ${uid} without a name`, uid);
  const countries = [
    ...all(entry, 'nationalityList', 'nationality'),
    ...all(entry, 'citizenshipList', 'citizenship'),
    ...all(entry, 'addressList', 'address'),
  ].map((n) => countryCode(textOf(n, 'country')));
  const identifiers: Identifier[] = all(entry, 'idList', 'id').flatMap((id) => {
    const scheme = textOf(id, 'idType');
    const value = textOf(id, 'idNumber');
    return scheme === null || value === null ? [] : [{ scheme, value, country: countryCode(textOf(id, 'idCountry')) }];
  });
  const actor: ImportedActor = {
    recordId: uid,
    kind,
    name,
    aliases: distinct(all(entry, 'akaList', 'aka').map(personName), name),
    country: countries.find((c) => c !== null) ?? null,
    identifiers,
    description: textOf(entry, 'remarks'),
    sourceType: sdnType,
  };
  return counter.record({
    id: uid,
    hash: recordHash(canonical(entry)),
    position,
    actors: [actor],
    sanctions: [
      {
        recordId: uid,
        authority: SDN_AUTHORITY,
        targetRecordIds: [uid],
        // An SDN listing blocks the property and interests of the listed person.
        measure: 'ASSET_FREEZE',
        programs: distinct(all(entry, 'programList', 'program').map((p) => clean(p.text))),
        listingDate: null,
        startDate: null,
        endDate: null,
        reason: null,
        sourceUrl: null,
        authorityId: uid,
      },
    ],
    relations: [],
  });
}
