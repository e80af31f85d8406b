import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { parseDocument } from 'yaml';
import type { z } from 'zod';

import { ACTOR_KINDS, type ActorKind, DERIVED_RELATIONSHIP_TYPES, type FuzzyDate } from '../../graph/model.js';
import type { SeedActor, SeedData, SeedParty, SeedRelationship, SeedSanction, SeedSource } from '../../graph/seed-repository.js';
import { sanctionedEdges } from '../curation/sanctioned-edges.js';
import { loadDisputes } from './load-disputes.js';
import { ActorsFile, DatesFile, RelationsFile, SanctionsFile, SourcesFile } from './seed-schema.js';
import { splitSentences } from './sentences.js';
import { seedSanctionModel } from './write-seed.js';

/** A seed file that cannot be loaded; the message names the file, the record and the field. */
export class SeedError extends Error {
  override readonly name = 'SeedError';
}

/**
 * Reads and validates a seed folder, resolving every reference, and returns rows ready to write.
 * Nothing is written: a bad file throws before the database is touched.
 *
 * @throws SeedError naming the file, the record and the field at fault.
 * @example
 * const data = await loadSeed('seed');
 */
export async function loadSeed(dir: string): Promise<SeedData> {
  const dates = (await readYaml(dir, 'dates.yaml', DatesFile)).dates;
  const sourcesFile = await readYaml(dir, 'sources.yaml', SourcesFile);
  const actorsFile = await readYaml(dir, 'actors.yaml', ActorsFile);
  const relationsFile = await readYaml(dir, 'relations.yaml', RelationsFile);
  const sanctionsFile = await readYaml(dir, 'sanctions.yaml', SanctionsFile);

  const fail: (file: string, index: number, recordId: string, field: string, message: string) => never = (...args) => failIn(dir, ...args);
  const ids = new Map<string, string>();
  const claimId = (file: string, index: number, value: string): void => {
    const previous = ids.get(value);
    if (previous) fail(file, index, value, 'id', `duplicate id, already used in ${previous}`);
    ids.set(value, file);
  };

  const sources: SeedSource[] = [];
  const sentenceCounts = new Map<string, number>();
  for (const [index, s] of sourcesFile.sources.entries()) {
    claimId('sources.yaml', index, s.id);
    let content: string;
    try {
      content = await readFile(path.join(dir, s.file), 'utf8');
    } catch {
      fail('sources.yaml', index, s.id, 'file', `cannot read ${s.file}`);
    }
    const hash = `sha256:${createHash('sha256').update(content).digest('hex')}`;
    if (hash !== s.contentHash) {
      fail('sources.yaml', index, s.id, 'contentHash', `the file's hash is ${hash}; sentence numbers may no longer match`);
    }
    const sentences = splitSentences(content);
    sentenceCounts.set(s.id, sentences.length);
    sources.push({
      id: s.id,
      title: s.title,
      publisher: s.publisher,
      publishedOn: s.publishedOn,
      contentHash: s.contentHash,
      sentences,
    });
  }

  const checkSentences = (
    file: string,
    index: number,
    recordId: string,
    field: string,
    sourceId: string,
    list: readonly number[],
  ): void => {
    const count = sentenceCounts.get(sourceId);
    if (count === undefined) fail(file, index, recordId, 'source', `unknown source '${sourceId}'`);
    const bad = list.find((n) => n > count);
    if (bad !== undefined) fail(file, index, recordId, field, `sentence ${bad} does not exist; the source has ${count}`);
  };
  const resolveDate = (file: string, index: number, recordId: string, field: string, key: string | undefined): FuzzyDate | null => {
    if (key === undefined) return null;
    const date = dates[key];
    if (!date) fail(file, index, recordId, field, `unknown date '${key}'; known: ${Object.keys(dates).join(', ')}`);
    return date;
  };

  const actorKinds = new Map<string, ActorKind>();
  const actorMentions = new Map<string, ReadonlySet<number>>();
  const actors: SeedActor[] = [];
  for (const [index, a] of actorsFile.actors.entries()) {
    claimId('actors.yaml', index, a.id);
    checkSentences('actors.yaml', index, a.id, 'mentions', actorsFile.source, a.mentions);
    actorKinds.set(a.id, a.kind);
    actorMentions.set(a.id, new Set(a.mentions));
    actors.push({
      id: a.id,
      kind: a.kind,
      label: ACTOR_KINDS[a.kind],
      name: a.name,
      aliases: a.aliases,
      country: a.country,
      description: a.description ?? null,
      sourceId: actorsFile.source,
      mentions: a.mentions,
    });
  }
  // Every actor of a sourced relationship must be one its source names: sources find their
  // relationships through the actors they mention.
  // and each end of a relation must be named in at least one of the sentences cited for it.
  const checkActor = (
    file: string,
    index: number,
    recordId: string,
    field: string,
    actorId: string,
    sourceId: string,
    cited: readonly number[],
  ): void => {
    const mentions = actorMentions.get(actorId);
    if (!mentions) fail(file, index, recordId, field, `unknown actor '${actorId}'`);
    if (sourceId !== actorsFile.source) {
      fail(file, index, recordId, field, `actor '${actorId}' is not mentioned by source '${sourceId}'`);
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

  const relationships: SeedRelationship[] = [];
  for (const [index, r] of relationsFile.relations.entries()) {
    const file = 'relations.yaml';
    claimId(file, index, r.id);
    if (DERIVED_RELATIONSHIP_TYPES.has(r.type)) {
      fail(file, index, r.id, 'type', `${r.type} edges are derived from sanctions.yaml; declare a sanction instead`);
    }
    checkActor(file, index, r.id, 'from', r.from, relationsFile.source, r.sentences);
    checkActor(file, index, r.id, 'to', r.to, relationsFile.source, r.sentences);
    checkSentences(file, index, r.id, 'sentences', relationsFile.source, r.sentences);
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
        sourceId: relationsFile.source,
        sentences: r.sentences,
        claim: r.claim,
        confidence: r.confidence,
        status: r.status,
        inferredFrom: r.inferredFrom ?? null,
        needsReview: r.needsReview ?? null,
      },
    });
  }

  const sanctions: SeedSanction[] = [];
  for (const [index, s] of sanctionsFile.sanctions.entries()) {
    const file = 'sanctions.yaml';
    claimId(file, index, s.id);
    checkSentences(file, index, s.id, 'sentences', sanctionsFile.source, s.sentences);
    if (s.list !== null) {
      checkActor(file, index, s.id, 'list', s.list, sanctionsFile.source, s.sentences);
      if (actorKinds.get(s.list) !== 'LIST') fail(file, index, s.id, 'list', `'${s.list}' is not an actor of kind LIST`);
    }
    for (const [field, parties] of [
      ['authorities', s.authorities],
      ['targets', s.targets],
    ] as const) {
      for (const [i, p] of parties.entries()) {
        checkActor(file, index, s.id, `${field}[${i}].actor`, p.actor, sanctionsFile.source, p.sentences);
        checkSentences(file, index, s.id, `${field}[${i}].sentences`, sanctionsFile.source, p.sentences);
        checkInference(file, index, s.id, p.status, p.inferredFrom, `${field}[${i}].`);
      }
    }
    if ((s.date === undefined) === (s.noLaterThan === undefined)) fail(file, index, s.id, 'date', 'give either date or noLaterThan');
    const date = resolveDate(file, index, s.id, s.date !== undefined ? 'date' : 'noLaterThan', s.date ?? s.noLaterThan);
    if (!date) fail(file, index, s.id, 'date', 'required');
    const timeBasis = s.date !== undefined ? 'DATED' : 'BOUNDED';
    if (s.joint && s.authorities.length < 2) fail(file, index, s.id, 'joint', 'a joint sanction needs two authorities or more');
    const evidence = {
      sourceId: sanctionsFile.source,
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
    const authorities = s.authorities.map(party);
    const targets = s.targets.map(party);
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
      authorities,
      targets,
      evidence,
    };
    sanctions.push(sanction);
    // One SANCTIONED edge per authority and target, derived as the curation service derives them.
    relationships.push(...sanctionedEdges(seedSanctionModel(sanction)));
  }

  return { sources, actors, relationships, sanctions, disputes: await loadDisputes(dir, { sources, relationships }) };
}

async function readYaml<S extends z.ZodType>(dir: string, file: string, schema: S): Promise<z.infer<S>> {
  let raw: string;
  try {
    raw = await readFile(path.join(dir, file), 'utf8');
  } catch {
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
