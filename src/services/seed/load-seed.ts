import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { parseDocument } from 'yaml';
import type { z } from 'zod';

import { ACTOR_KINDS, type ActorKind, DERIVED_RELATIONSHIP_TYPES, type FuzzyDate } from '../../graph/model.js';
import type { SeedDispute } from '../../graph/research-model.js';
import type {
  SeedActor,
  SeedData,
  SeedMention,
  SeedParty,
  SeedRelationship,
  SeedSanction,
  SeedSource,
} from '../../graph/seed-repository.js';
import { sanctionedEdges } from '../curation/sanctioned-edges.js';
import { loadDisputes } from './load-disputes.js';
import { ActorsFile, DatesFile, RelationsFile, SanctionsFile, SourceFile } from './seed-schema.js';
import { splitSentences } from './sentences.js';
import { seedSanctionModel } from './write-seed.js';

/** A seed file that cannot be loaded; the message names the file, the record and the field. */
export class SeedError extends Error {
  override readonly name = 'SeedError';
}

/** The YAML files a source folder may hold (its text is any other file it names); only source.yaml is required. */
const FOLDER_FILES = new Set(['source.yaml', 'actors.yaml', 'relations.yaml', 'sanctions.yaml', 'dates.yaml', 'disputes.yaml']);
/** Files of the one-folder layout the per-source folders replaced; refused with where they belong now. */
const FLAT_LAYOUT = ['sources.yaml', 'actors.yaml', 'relations.yaml', 'sanctions.yaml', 'dates.yaml', 'disputes.yaml'];
/** The fields that define an actor; an entry with none of them refers to an actor another folder defines. */
const DEFINING_FIELDS = ['kind', 'name', 'aliases', 'country'] as const;

/** One source folder, read: its files parsed, its text split, the sentences naming each actor it lists. */
interface SourceFolder {
  /** The source id: the folder's name. */
  readonly id: string;
  /** Where its files are, relative to the seed folder (`sources/<id>`). */
  readonly rel: string;
  readonly sentenceCount: number;
  readonly dates: Readonly<Record<string, FuzzyDate>>;
  readonly relations: RelationsFile['relations'];
  readonly sanctions: SanctionsFile['sanctions'];
  /** The sentences of this source naming each actor its actors.yaml lists (defined here or elsewhere). */
  readonly mentions: Map<string, ReadonlySet<number>>;
}

/**
 * Reads and validates a seed folder, resolving every reference, and returns rows ready to write. The seed
 * is one folder per source, `sources/<source-id>/`, each with `source.yaml` and the text it names, and
 * optionally `actors.yaml`, `relations.yaml`, `sanctions.yaml`, `dates.yaml` and `disputes.yaml` about that
 * source (docs/model.md, "Seed layout"). Actors are global by id: a folder defines an actor (kind, name,
 * aliases, country) or refers to one another folder defines (id and mentions only); two definitions of one
 * id must agree. Nothing is written: a bad file throws before the database is touched.
 *
 * @throws SeedError naming the file, the record and the field at fault.
 * @example
 * const data = await loadSeed('seed');
 */
export async function loadSeed(dir: string): Promise<SeedData> {
  await refuseFlatLayout(dir);
  const fail: (file: string, index: number, recordId: string, field: string, message: string) => never = (...args) => failIn(dir, ...args);
  const ids = new Map<string, string>();
  const claimId = (file: string, index: number, value: string): void => {
    const previous = ids.get(value);
    if (previous) fail(file, index, value, 'id', `duplicate id, already used in ${previous}`);
    ids.set(value, file);
  };

  const sources: SeedSource[] = [];
  const folders: SourceFolder[] = [];
  const actors: SeedActor[] = [];
  const actorKinds = new Map<string, ActorKind>();
  const defined = new Map<string, { file: string; index: number; content: Record<string, unknown> }>();
  const references: { file: string; index: number; actorId: string; sourceId: string; sentences: readonly number[] }[] = [];
  for (const name of await folderNames(dir)) {
    const rel = path.posix.join('sources', name);
    const at = (file: string): string => path.posix.join(rel, file);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
      throw new SeedError(`${display(dir, rel)}: a source folder is named by the source's id, a lower-case slug (a-z, 0-9, -)`);
    }
    await refuseUnknownFiles(dir, rel);
    const s = await readYaml(dir, at('source.yaml'), SourceFile);
    if (ids.has(name)) fail(at('source.yaml'), 0, name, 'id', `duplicate id, already used in ${ids.get(name) ?? ''}`);
    ids.set(name, at('source.yaml'));
    let content: string;
    try {
      content = await readFile(path.join(dir, rel, s.file), 'utf8');
    } catch {
      throw new SeedError(`${display(dir, at('source.yaml'))}: field 'file': cannot read ${at(s.file)}`);
    }
    const hash = `sha256:${createHash('sha256').update(content).digest('hex')}`;
    if (hash !== s.contentHash) {
      throw new SeedError(
        `${display(dir, at('source.yaml'))}: field 'contentHash': the file's hash is ${hash}; sentence numbers may no longer match`,
      );
    }
    const sentences = splitSentences(content);
    sources.push({ id: name, title: s.title, publisher: s.publisher, publishedOn: s.publishedOn, contentHash: s.contentHash, sentences });
    const folder: SourceFolder = {
      id: name,
      rel,
      sentenceCount: sentences.length,
      dates: (await readYaml(dir, at('dates.yaml'), DatesFile, { dates: {} })).dates,
      relations: (await readYaml(dir, at('relations.yaml'), RelationsFile, { relations: [] })).relations,
      sanctions: (await readYaml(dir, at('sanctions.yaml'), SanctionsFile, { sanctions: [] })).sanctions,
      mentions: new Map(),
    };
    folders.push(folder);

    const file = at('actors.yaml');
    for (const [index, a] of (await readYaml(dir, file, ActorsFile, { actors: [] })).actors.entries()) {
      if (folder.mentions.has(a.id)) fail(file, index, a.id, 'id', `duplicate id, already listed in ${file}`);
      const bad = a.mentions.find((n) => n > sentences.length);
      if (bad !== undefined) fail(file, index, a.id, 'mentions', `sentence ${bad} does not exist; the source has ${sentences.length}`);
      folder.mentions.set(a.id, new Set(a.mentions));
      if (DEFINING_FIELDS.every((f) => a[f] === undefined) && a.description === undefined) {
        references.push({ file, index, actorId: a.id, sourceId: name, sentences: a.mentions });
        continue;
      }
      const missing = DEFINING_FIELDS.find((f) => a[f] === undefined);
      if (missing) {
        fail(
          file,
          index,
          a.id,
          missing,
          'required to define an actor (an entry with only id and mentions refers to an actor another source defines)',
        );
      }
      const { kind, name: actorName, aliases, country } = a as Required<typeof a>;
      const actorContent = { kind, name: actorName, aliases, country, description: a.description ?? null };
      const earlier = defined.get(a.id);
      if (earlier) {
        const field = Object.keys(actorContent).find(
          (k) => JSON.stringify(earlier.content[k]) !== JSON.stringify(actorContent[k as keyof typeof actorContent]),
        );
        if (field) {
          fail(
            file,
            index,
            a.id,
            field,
            `${JSON.stringify(actorContent[field as keyof typeof actorContent])} conflicts with the definition of '${a.id}' in ` +
              `${display(dir, earlier.file)} (record ${earlier.index + 1}: ${JSON.stringify(earlier.content[field])}); ` +
              'define an actor once and refer to it elsewhere by id and mentions only',
          );
        }
        // The same definition twice: this source names the actor, as a reference would.
        references.push({ file, index, actorId: a.id, sourceId: name, sentences: a.mentions });
        continue;
      }
      claimId(file, index, a.id);
      defined.set(a.id, { file, index, content: actorContent });
      actorKinds.set(a.id, kind);
      actors.push({
        id: a.id,
        kind,
        label: ACTOR_KINDS[kind],
        name: actorName,
        aliases,
        country,
        description: a.description ?? null,
        sourceId: name,
        mentions: a.mentions,
      });
    }
  }
  if (folders.length === 0) {
    throw new SeedError(`${display(dir, 'sources')}: no source folder; a source is a folder sources/<source-id>/ with source.yaml`);
  }
  // References resolve once every folder's definitions are known (a folder may refer to a later one's).
  const mentions: SeedMention[] = references.map((r) => {
    if (!defined.has(r.actorId)) {
      fail(
        r.file,
        r.index,
        r.actorId,
        'id',
        `unknown actor '${r.actorId}': no source folder defines it (give kind, name, aliases and country)`,
      );
    }
    return { actorId: r.actorId, sourceId: r.sourceId, sentences: r.sentences };
  });

  // Relations and sanctions of one folder: their actors global, their dates and mentions the folder's.
  function loadClaims(folder: SourceFolder): void {
    const sourceId = folder.id;
    const checkSentences = (file: string, index: number, recordId: string, field: string, list: readonly number[]): void => {
      const bad = list.find((n) => n > folder.sentenceCount);
      if (bad !== undefined) fail(file, index, recordId, field, `sentence ${bad} does not exist; the source has ${folder.sentenceCount}`);
    };
    const resolveDate = (file: string, index: number, recordId: string, field: string, key: string | undefined): FuzzyDate | null => {
      if (key === undefined) return null;
      const date = folder.dates[key];
      if (!date) {
        const known = Object.keys(folder.dates);
        fail(
          file,
          index,
          recordId,
          field,
          `unknown date '${key}'; ${known.length > 0 ? `known: ${known.join(', ')}` : `${folder.rel}/dates.yaml defines none`}`,
        );
      }
      return date;
    };
    // Every actor of a sourced relationship must be one its source names (sources find their relationships
    // through the actors they mention), and each end must be named in one of the sentences cited for it.
    const checkActor = (file: string, index: number, recordId: string, field: string, actorId: string, cited: readonly number[]): void => {
      if (!actorKinds.has(actorId)) fail(file, index, recordId, field, `unknown actor '${actorId}'`);
      const mentions = folder.mentions.get(actorId);
      if (!mentions) {
        fail(
          file,
          index,
          recordId,
          field,
          `actor '${actorId}' is not mentioned by source '${sourceId}' (list it in ${folder.rel}/actors.yaml)`,
        );
      }
      if (!cited.some((n) => mentions.has(n))) {
        fail(file, index, recordId, field, `actor '${actorId}' is named in none of sentences ${cited.join(', ')} (see its mentions)`);
      }
    };
    // An INFERRED claim says what it is inferred from; no other claim does.
    const checkInference = (
      file: string,
      index: number,
      recordId: string,
      status: string,
      inferredFrom: string | undefined,
      prefix = '',
    ): void => {
      if (status === 'INFERRED' && inferredFrom === undefined)
        fail(file, index, recordId, `${prefix}inferredFrom`, 'required with status INFERRED');
      if (status !== 'INFERRED' && inferredFrom !== undefined)
        fail(file, index, recordId, `${prefix}inferredFrom`, 'only with status INFERRED');
    };

    const relationsFile = path.posix.join(folder.rel, 'relations.yaml');
    for (const [index, r] of folder.relations.entries()) {
      const file = relationsFile;
      claimId(file, index, r.id);
      if (DERIVED_RELATIONSHIP_TYPES.has(r.type)) {
        fail(file, index, r.id, 'type', `${r.type} edges are derived from sanctions.yaml; declare a sanction instead`);
      }
      checkActor(file, index, r.id, 'from', r.from, r.sentences);
      checkActor(file, index, r.id, 'to', r.to, r.sentences);
      checkSentences(file, index, r.id, 'sentences', r.sentences);
      const validFrom = resolveDate(file, index, r.id, 'validFrom', r.validFrom);
      const validTo = resolveDate(file, index, r.id, 'validTo', r.validTo);
      const date = resolveDate(file, index, r.id, 'date', r.date);
      const noLaterThan = resolveDate(file, index, r.id, 'noLaterThan', r.noLaterThan);
      if (validFrom && validTo && validFrom.date >= validTo.date) {
        fail(file, index, r.id, 'validTo', `must be after validFrom (${validFrom.date})`);
      }
      if (noLaterThan && (date || validFrom)) fail(file, index, r.id, 'noLaterThan', 'only for a relation with no date and no validFrom');
      if (noLaterThan && validTo && noLaterThan.date >= validTo.date) {
        fail(file, index, r.id, 'validTo', `must be after noLaterThan (${noLaterThan.date})`);
      }
      checkInference(file, index, r.id, r.status, r.inferredFrom);
      relationships.push({
        id: r.id,
        type: r.type,
        fromId: r.from,
        toId: r.to,
        role: r.role ?? null,
        topics: r.topics ?? [],
        sanctionId: null,
        date,
        validFrom,
        validTo,
        noLaterThan,
        evidence: {
          sourceId,
          sentences: r.sentences,
          claim: r.claim,
          confidence: r.confidence,
          status: r.status,
          inferredFrom: r.inferredFrom ?? null,
          needsReview: r.needsReview ?? null,
        },
      });
    }

    const sanctionsFile = path.posix.join(folder.rel, 'sanctions.yaml');
    for (const [index, s] of folder.sanctions.entries()) {
      const file = sanctionsFile;
      claimId(file, index, s.id);
      checkSentences(file, index, s.id, 'sentences', s.sentences);
      if (s.list !== null) {
        checkActor(file, index, s.id, 'list', s.list, s.sentences);
        if (actorKinds.get(s.list) !== 'LIST') fail(file, index, s.id, 'list', `'${s.list}' is not an actor of kind LIST`);
      }
      for (const [field, parties] of [
        ['authorities', s.authorities],
        ['targets', s.targets],
      ] as const) {
        for (const [i, p] of parties.entries()) {
          checkActor(file, index, s.id, `${field}[${i}].actor`, p.actor, p.sentences);
          checkSentences(file, index, s.id, `${field}[${i}].sentences`, p.sentences);
          checkInference(file, index, s.id, p.status, p.inferredFrom, `${field}[${i}].`);
        }
      }
      if ((s.date === undefined) === (s.noLaterThan === undefined)) fail(file, index, s.id, 'date', 'give either date or noLaterThan');
      const date = resolveDate(file, index, s.id, s.date !== undefined ? 'date' : 'noLaterThan', s.date ?? s.noLaterThan);
      if (!date) fail(file, index, s.id, 'date', 'required');
      const timeBasis = s.date !== undefined ? 'DATED' : 'BOUNDED';
      if (s.joint && s.authorities.length < 2) fail(file, index, s.id, 'joint', 'a joint sanction needs two authorities or more');
      const evidence = {
        sourceId,
        sentences: s.sentences,
        claim: s.claim,
        confidence: s.confidence,
        status: 'ASSERTED' as const,
        inferredFrom: null,
        needsReview: s.needsReview ?? null,
      };
      const party = (p: (typeof s.authorities)[number]): SeedParty => ({
        actorId: p.actor,
        sentences: p.sentences,
        status: p.status,
        confidence: p.confidence ?? s.confidence,
        inferredFrom: p.inferredFrom ?? null,
      });
      const sanction: SeedSanction = {
        id: s.id,
        measure: s.measure,
        program: s.program,
        listId: s.list,
        date,
        reason: s.reason,
        reasonStatus: s.reasonStatus,
        note: s.note ?? null,
        joint: s.joint,
        timeBasis,
        authorities: s.authorities.map(party),
        targets: s.targets.map(party),
        evidence,
      };
      sanctions.push(sanction);
      // One SANCTIONED edge per authority and target, derived as the curation service derives them.
      relationships.push(...sanctionedEdges(seedSanctionModel(sanction)));
    }
  }

  const relationships: SeedRelationship[] = [];
  const sanctions: SeedSanction[] = [];
  for (const folder of folders) loadClaims(folder);
  const disputes: SeedDispute[] = [];
  for (const folder of folders) {
    disputes.push(...(await loadDisputes(path.join(dir, folder.rel), { sources, relationships }, folder.id)));
  }
  const seen = new Map<string, string>();
  for (const d of disputes) {
    const previous = seen.get(d.id);
    if (previous)
      throw new SeedError(`disputes.yaml: the dispute id '${d.id}' is used twice (sources ${previous} and ${d.evidence.sourceId})`);
    seen.set(d.id, d.evidence.sourceId);
  }
  return { sources, actors, relationships, sanctions, mentions, disputes };
}

/** The source folders of a seed folder (`sources/*`), by name; a stray file there is an error. */
async function folderNames(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(dir, 'sources'), { withFileTypes: true }).catch(() => {
    throw new SeedError(`${display(dir, 'sources')}: cannot read the folder of sources (one folder sources/<source-id>/ per source)`);
  });
  const stray = entries.find((e) => !e.isDirectory());
  if (stray) {
    throw new SeedError(
      `${display(dir, path.posix.join('sources', stray.name))}: not a source folder; a source is a folder sources/<source-id>/ with source.yaml and its text`,
    );
  }
  return entries.map((e) => e.name).sort();
}

/** Refuses the one-folder layout (seed/actors.yaml, ...) with where each file goes now. */
async function refuseFlatLayout(dir: string): Promise<void> {
  const present = new Set((await readdir(dir).catch(() => [] as string[])).filter((f) => FLAT_LAYOUT.includes(f)));
  const first = FLAT_LAYOUT.find((f) => present.has(f));
  if (first) {
    const target = first === 'sources.yaml' ? 'source.yaml (one per folder)' : first;
    throw new SeedError(
      `${display(dir, first)}: the seed is one folder per source now: move it to sources/<source-id>/${target} (docs/model.md, "Seed layout")`,
    );
  }
}

/** Refuses a YAML file of a source folder that the loader would not read (a misspelt name, most likely). */
async function refuseUnknownFiles(dir: string, rel: string): Promise<void> {
  const files = await readdir(path.join(dir, rel));
  const unknown = files.find((f) => /\.ya?ml$/.test(f) && !FOLDER_FILES.has(f));
  if (unknown) {
    throw new SeedError(
      `${display(dir, path.posix.join(rel, unknown))}: not a seed file; a source folder holds ${[...FOLDER_FILES].join(', ')} and its text`,
    );
  }
}

/** Reads and checks one YAML file of the seed; `absent` is its value when the file does not exist (else an error). */
async function readYaml<S extends z.ZodType>(dir: string, file: string, schema: S, absent?: z.infer<S>): Promise<z.infer<S>> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, file), 'utf8');
  } catch {
    if (absent !== undefined) return absent;
    throw new SeedError(`${display(dir, file)}: cannot read the file`);
  }
  const doc = parseDocument(raw, { prettyErrors: false, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0]?.line;
    throw new SeedError(`${display(dir, file)}${line ? `:${line}` : ''}: not valid YAML: ${yamlError.message.split('\n')[0] ?? ''}`);
  }
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    const issue = result.error.issues[0];
    const [collection, index, ...field] = issue?.path ?? [];
    const record = typeof index === 'number' ? describeRecord(doc.toJS(), collection, index) : String(collection ?? 'file');
    const fieldName = field.length > 0 ? field.join('.') : typeof index === 'number' ? '(record)' : String(index ?? '(file)');
    throw new SeedError(`${display(dir, file)}: ${record}: field '${fieldName}': ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

function describeRecord(js: unknown, collection: PropertyKey | undefined, index: number): string {
  const list = (js as Record<string, unknown> | null)?.[String(collection)];
  const recordId = Array.isArray(list) ? (list[index] as { id?: unknown } | undefined)?.id : undefined;
  return `record ${index + 1}${typeof recordId === 'string' ? ` (${recordId})` : ''}`;
}

function display(dir: string, file: string): string {
  return path.relative(process.cwd(), path.join(dir, file)) || file;
}

function failIn(dir: string, file: string, index: number, recordId: string, field: string, message: string): never {
  throw new SeedError(`${display(dir, file)}: record ${index + 1} (${recordId}): field '${field}': ${message}`);
}
