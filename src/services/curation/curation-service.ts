import { createHash } from 'node:crypto';

import type { Principal } from '../../auth/principal.js';
import { AppError } from '../../errors/app-error.js';
import { ErrorCode } from '../../errors/error-code.js';
import {
  type ActorKind,
  type ActorModel,
  type ClaimStatus,
  type DelistingModel,
  DERIVED_RELATIONSHIP_TYPES,
  type FuzzyDate,
  type RelationshipModel,
  type RelationshipType,
  type SanctionMeasure,
  type SanctionModel,
  type SanctionPartyModel,
  type SourceModel,
  type WritePayloadModel,
} from '../../graph/model.js';
import type {
  ChangeAuthor,
  ChangeEntry,
  ChangeOutcome,
  ChangeResult,
  ChangeTransaction,
  CurationRepository,
} from '../../graph/repositories/curation-repository.js';
import { splitSentences } from '../seed/sentences.js';
import {
  checkActor,
  checkCitation,
  checkConfidence,
  checkFuzzyDate,
  checkInference,
  checkPeriod,
  checkSlug,
  checkText,
  invalid,
  unknownRecord,
} from './curation-validation.js';
import { sanctionedEdges } from './sanctioned-edges.js';

/** Who writes and with which idempotency key (the input's, else the `Idempotency-Key` header's). */
export interface WriteOptions {
  readonly principal: Principal;
  readonly idempotencyKey: string | null;
}

/** What a mutation answers: the record as written (or found), and the change that wrote it. */
export type WriteResult<R> = WritePayloadModel<R>;

/** A date as a mutation gives it. */
export interface FuzzyDateInput {
  readonly date: string;
  readonly precision: FuzzyDate['precision'];
  readonly derivation?: string | null;
}

/** `addSource` input. */
export interface AddSourceInput {
  readonly id?: string | null;
  readonly title: string;
  readonly publisher?: string | null;
  readonly publishedOn?: FuzzyDateInput | null;
  readonly url?: string | null;
  /** The text of an ARTICLE; absent for a LIST or DATASET. */
  readonly text?: string | null;
  /** ARTICLE (the default), or LIST / DATASET: a source cited by record id. */
  readonly kind?: 'ARTICLE' | 'LIST' | 'DATASET' | null;
  /** A LIST's or DATASET's record ids (what evidence may cite). */
  readonly records?: readonly string[] | null;
  /** A LIST's or DATASET's file hash (`sha256:<hex>`). */
  readonly fileHash?: string | null;
  readonly series?: string | null;
  readonly edition?: string | null;
  readonly idempotencyKey?: string | null;
}

/** Most record ids a LIST or DATASET added by hand may declare (an imported one stores its records itself). */
const MAX_SOURCE_RECORDS = 10_000;

/** Where an actor is mentioned. */
export interface MentionInput {
  readonly source: string;
  readonly sentences: readonly number[];
}

/** `upsertActor` input. */
export interface UpsertActorInput {
  readonly id: string;
  readonly kind: ActorKind;
  readonly name: string;
  readonly aliases?: readonly string[] | null;
  readonly country?: string | null;
  readonly description?: string | null;
  readonly mentionedIn?: MentionInput | null;
  readonly idempotencyKey?: string | null;
}

/** What supports a relationship. */
export interface EvidenceInput {
  readonly source: string;
  readonly sentences: readonly number[];
  /** The records a LIST or DATASET source states it in (instead of sentences). */
  readonly records?: readonly string[] | null;
  readonly claim: string;
  readonly confidence: number;
  readonly status: ClaimStatus;
  readonly inferredFrom?: string | null;
  readonly needsReview?: string | null;
}

/** `assertRelation` input. */
export interface AssertRelationInput {
  readonly id?: string | null;
  readonly type: RelationshipType;
  readonly from: string;
  readonly to: string;
  readonly role?: string | null;
  readonly topics?: readonly string[] | null;
  readonly date?: FuzzyDateInput | null;
  readonly validFrom?: FuzzyDateInput | null;
  readonly validTo?: FuzzyDateInput | null;
  readonly noLaterThan?: FuzzyDateInput | null;
  readonly evidence: EvidenceInput;
  readonly idempotencyKey?: string | null;
}

/** Every field optional and nullable: what a GraphQL patch input gives. */
type Patch<T> = { readonly [K in keyof T]?: T[K] | null };

/** `correctRelation` patch: absent fields keep their value, null clears a nullable one. */
export type RelationshipPatch = Patch<Omit<AssertRelationInput, 'id' | 'evidence' | 'idempotencyKey'>> & {
  readonly evidence?: Patch<EvidenceInput> | null;
};

/** Fields of a patch that cannot be cleared: null there is a mistake. */
function checkNotNull(patch: object, fields: readonly string[], path: string): void {
  for (const field of fields) {
    if (field in patch && (patch as Record<string, unknown>)[field] === null)
      throw invalid(`${path}.${field}`, 'a value (this field cannot be cleared)');
  }
}

/** An authority or target of a sanction. */
export interface PartyInput {
  readonly actor: string;
  readonly sentences: readonly number[];
  readonly status?: ClaimStatus | null;
  readonly confidence?: number | null;
  readonly inferredFrom?: string | null;
}

/** What supports a sanction (always asserted: its parties may be inferred). */
export interface SanctionEvidenceInput {
  readonly source: string;
  readonly sentences: readonly number[];
  /** The records a LIST or DATASET source states it in (instead of sentences). */
  readonly records?: readonly string[] | null;
  readonly claim: string;
  readonly confidence: number;
  readonly needsReview?: string | null;
}

/** The end of a sanction as a mutation gives it. */
export interface DelistingInput {
  readonly date: FuzzyDateInput;
  readonly evidence: SanctionEvidenceInput;
}

/** `recordSanction` input. */
export interface RecordSanctionInput {
  readonly id?: string | null;
  readonly measure: SanctionMeasure;
  readonly program?: string | null;
  readonly list?: string | null;
  readonly date?: FuzzyDateInput | null;
  readonly noLaterThan?: FuzzyDateInput | null;
  readonly reason?: string | null;
  readonly reasonStatus?: ClaimStatus | null;
  readonly note?: string | null;
  readonly joint?: boolean | null;
  readonly authorities: readonly PartyInput[];
  readonly targets: readonly PartyInput[];
  readonly evidence: SanctionEvidenceInput;
  /** When it ended (a delisting); stored as the seed stores one (`delistedOn`, `delisting*`). */
  readonly delisting?: DelistingInput | null;
  readonly idempotencyKey?: string | null;
}

/** `correctSanction` patch: absent fields keep their value. */
export type SanctionPatch = Patch<Omit<RecordSanctionInput, 'id' | 'evidence' | 'idempotencyKey'>> & {
  readonly evidence?: Patch<SanctionEvidenceInput> | null;
};

/** `correctActor` patch: absent fields keep their value, null clears a nullable one. */
export type ActorPatch = Patch<Pick<UpsertActorInput, 'kind' | 'name' | 'aliases' | 'country' | 'description'>>;

/** Stable JSON (sorted keys), for request hashes and record comparison. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function requestHash(mutation: string, args: unknown): string {
  return `sha256:${createHash('sha256').update(stableJson({ mutation, args })).digest('hex')}`;
}

function authorOf(principal: Principal): ChangeAuthor {
  return { name: principal.name, role: principal.role, via: principal.via };
}

function fuzzy(d: FuzzyDateInput | null | undefined): FuzzyDate | null {
  return d ? { date: d.date, precision: d.precision, derivation: d.derivation ?? null } : null;
}

/** A record without its recorded period, for comparing what it says. */
function content<T extends { recorded?: unknown; degree?: unknown }>(record: T): string {
  const { recorded: _recorded, degree: _degree, ...rest } = record;
  return stableJson(rest);
}

/** What an actor says (its properties), for comparison. */
export function actorContent(a: Pick<ActorModel, 'id' | 'kind' | 'name' | 'aliases' | 'country' | 'description'>): string {
  return stableJson({ id: a.id, kind: a.kind, name: a.name, aliases: a.aliases, country: a.country, description: a.description });
}

/** What a relationship says (without its recorded period), for comparison. */
export function relationshipContent(r: RelationshipModel): string {
  return content(r);
}

/** What a sanction says (without its recorded period; parties in a stable order), for comparison. */
export function sanctionContent(s: SanctionModel): string {
  const parties = [...s.parties].sort((a, b) => a.role.localeCompare(b.role) || a.actorId.localeCompare(b.actorId));
  // A delisting read back as null and one never set (a model built from the seed files) say the same.
  return content({
    ...s,
    delisting: s.delisting ?? null,
    authorityIds: [...s.authorityIds].sort(),
    targetIds: [...s.targetIds].sort(),
    parties,
  });
}

/**
 * Runs one mutation as one audited change, with its idempotency key; the answer is a WriteResult. Exported
 * for the writes of other services that are curated changes too (resolveMatch, src/services/review/).
 */
export async function mutate<R extends { recorded?: { changeSeq: number | null } }>(
  repo: CurationRepository,
  options: WriteOptions,
  mutation: string,
  args: unknown,
  work: (tx: ChangeTransaction) => Promise<{ record: R; change: Omit<ChangeEntry, 'mutation'> | null }>,
): Promise<WriteResult<R>> {
  const key = options.idempotencyKey;
  if (key !== null && (key.length === 0 || key.length > 200)) throw invalid('idempotencyKey', 'a key of 1 to 200 characters');
  const result: ChangeResult<{ record: R; seq: number }> = await repo.change(
    { author: authorOf(options.principal), idempotency: key === null ? null : { key, requestHash: requestHash(mutation, args) } },
    async (tx): Promise<ChangeOutcome<{ record: R; seq: number }>> => {
      const { record, change } = await work(tx);
      if (change === null) return { response: { record, seq: record.recorded?.changeSeq ?? 0 }, unchanged: true };
      return { response: { record, seq: tx.firstChangeSeq }, changes: [{ mutation, ...change }] };
    },
  );
  return { ...result.response, changed: result.outcome === 'written', replayed: result.outcome === 'replayed' };
}

/** The recorded period of a version this transaction writes. */
function recordedNow(tx: ChangeTransaction, version: number, seq: number): NonNullable<RelationshipModel['recorded']> {
  return { version, from: tx.recordedAt, to: null, changeSeq: seq, endReason: null };
}

// ---------------------------------------------------------------------------------------------- sources

/**
 * Adds a source: its text split into numbered sentences, its content hash stored. The same text twice is
 * the same source: the second call returns the first (nothing written).
 *
 * @throws AppError BAD_USER_INPUT naming the field at fault.
 */
export async function addSource(repo: CurationRepository, options: WriteOptions, input: AddSourceInput): Promise<WriteResult<SourceModel>> {
  checkText('input.title', input.title, 1000);
  if (input.publisher != null) checkText('input.publisher', input.publisher, 1000);
  if (input.url != null && !/^https?:\/\/\S+$/.test(input.url)) throw invalid('input.url', 'an http(s) URL');
  const publishedOn = fuzzy(input.publishedOn);
  checkFuzzyDate('input.publishedOn', publishedOn);
  const kind = input.kind ?? 'ARTICLE';
  const shape = kind === 'ARTICLE' ? articleShape(input) : recordsShape(input, kind);
  const id = input.id ?? `source-${shape.contentHash.slice(7, 19)}`;
  checkSlug('input.id', id);
  return mutate(repo, options, 'addSource', { ...input, idempotencyKey: undefined }, async (tx) => {
    const found = await tx.findSource(id, shape.contentHash);
    if (found.byHash) return { record: found.byHash, change: null };
    if (found.byId) throw invalid('input.id', `an id no source has; '${id}' holds another text (${found.byId.contentHash})`);
    const seq = tx.nextSeq();
    const source: SourceModel = { id, title: input.title, publisher: input.publisher ?? null, publishedOn, ...shape };
    await tx.writeSources([{ source, url: input.url ?? null, version: 1, seq }]);
    return { record: source, change: { ids: [id], before: null, after: { ...source, url: input.url ?? null }, reason: null } };
  });
}

/** An ARTICLE: its text, hashed and split into numbered sentences; nothing of a list. */
function articleShape(input: AddSourceInput): Pick<SourceModel, 'contentHash' | 'sentences'> {
  for (const field of ['records', 'fileHash', 'series', 'edition'] as const) {
    if (input[field] != null) throw invalid(`input.${field}`, 'null for an ARTICLE (it is cited by sentence number)');
  }
  if (input.text == null) throw invalid('input.text', 'the text of an ARTICLE');
  checkText('input.text', input.text, 2_000_000);
  const sentences = splitSentences(input.text);
  if (sentences.length === 0) throw invalid('input.text', 'a text with at least one sentence');
  return { contentHash: `sha256:${createHash('sha256').update(input.text).digest('hex')}`, sentences };
}

/** A LIST or DATASET: no text, the file's hash, and the record ids evidence may cite. */
function recordsShape(
  input: AddSourceInput,
  kind: 'LIST' | 'DATASET',
): Pick<SourceModel, 'contentHash' | 'sentences' | 'kind' | 'seriesId' | 'edition' | 'recordIds'> {
  if (input.text != null) throw invalid('input.text', `null for a ${kind} (it is cited by record id, not by sentence)`);
  if (input.fileHash == null || !/^sha256:[0-9a-f]{64}$/.test(input.fileHash))
    throw invalid('input.fileHash', `the file's hash, sha256:<64 hex digits>, for a ${kind}`);
  const records = [...(input.records ?? [])];
  if (records.length === 0 || records.length > MAX_SOURCE_RECORDS)
    throw invalid('input.records', `1 to ${MAX_SOURCE_RECORDS} record ids for a ${kind}`);
  for (const [i, record] of records.entries()) checkText(`input.records[${i}]`, record, 200);
  if (new Set(records).size !== records.length) throw invalid('input.records', 'each record id once');
  if (input.series != null) checkSlug('input.series', input.series);
  if (input.edition != null) checkText('input.edition', input.edition, 100);
  return {
    contentHash: input.fileHash,
    sentences: [],
    kind,
    seriesId: input.series ?? null,
    edition: input.edition ?? null,
    recordIds: records,
  };
}

// ---------------------------------------------------------------------------------------------- actors

function actorFromInput(
  input: Pick<UpsertActorInput, 'id' | 'kind' | 'name' | 'aliases' | 'country' | 'description'>,
  path: string,
): Omit<ActorModel, 'degree'> {
  checkSlug(`${path}.id`, input.id);
  checkText(`${path}.name`, input.name, 1000);
  const aliases = [...(input.aliases ?? [])];
  for (const [i, alias] of aliases.entries()) checkText(`${path}.aliases[${i}]`, alias, 1000);
  if (input.country != null && !/^[A-Z]{2}$/.test(input.country))
    throw invalid(`${path}.country`, 'an ISO 3166-1 alpha-2 code such as "CN"');
  if (input.description != null) checkText(`${path}.description`, input.description);
  return {
    id: input.id,
    kind: input.kind,
    name: input.name,
    aliases,
    country: input.country ?? null,
    description: input.description ?? null,
  };
}

/**
 * Creates an actor, or replaces what an existing one says (keeping the previous version as history).
 * Writes nothing when the actor already says exactly this.
 */
export async function upsertActor(
  repo: CurationRepository,
  options: WriteOptions,
  input: UpsertActorInput,
): Promise<WriteResult<ActorModel>> {
  const actor = actorFromInput(input, 'input');
  return mutate(repo, options, 'upsertActor', { ...input, idempotencyKey: undefined }, async (tx) => {
    const context = await tx.context([actor.id], input.mentionedIn ? [input.mentionedIn.source] : []);
    if (context.retracted.has(actor.id) || context.merged.has(actor.id)) {
      throw invalid(
        'input.id',
        `an id not retracted or merged; '${actor.id}' was ${context.retracted.has(actor.id) ? 'retracted' : `merged into '${context.merged.get(actor.id)}'`}`,
      );
    }
    if (input.mentionedIn)
      checkCitation(
        'input.mentionedIn.sentences',
        'input.mentionedIn.source',
        input.mentionedIn.source,
        input.mentionedIn.sentences,
        context,
      );
    const current = (await tx.findActors([actor.id])).get(actor.id);
    if (current && actorContent(current) === actorContent(actor)) {
      return { record: current, change: null };
    }
    return writeActorVersion(tx, current, actor, input.mentionedIn ?? null, null);
  });
}

async function writeActorVersion(
  tx: ChangeTransaction,
  current: ActorModel | undefined,
  actor: Omit<ActorModel, 'degree'>,
  mentionedIn: MentionInput | null,
  reason: string | null,
): Promise<{ record: ActorModel; change: Omit<ChangeEntry, 'mutation'> }> {
  const seq = tx.nextSeq();
  const version = (current?.recorded?.version ?? 0) + 1;
  if (current) await tx.snapshotActors([{ id: actor.id, seq, reason: 'CORRECTED' }]);
  await tx.writeActors([{ actor, version, seq }]);
  if (mentionedIn)
    await tx.mentionActors([{ actorId: actor.id, sourceId: mentionedIn.source, sentences: mentionedIn.sentences, replace: false }]);
  const record: ActorModel = { ...actor, degree: current?.degree ?? 0, recorded: recordedNow(tx, version, seq) };
  return { record, change: { ids: [actor.id], before: current ? actorJson(current) : null, after: actorJson(record), reason } };
}

function actorJson(a: ActorModel): Record<string, unknown> {
  const { degree: _degree, ...rest } = a as ActorModel & { seeded?: unknown; mentions?: unknown };
  delete rest.seeded;
  delete rest.mentions;
  return rest;
}

/** Adds an alias to an actor (a new version); nothing when it already has it. */
export async function addAlias(
  repo: CurationRepository,
  options: WriteOptions,
  input: { actor: string; alias: string; reason?: string | null; idempotencyKey?: string | null },
): Promise<WriteResult<ActorModel>> {
  checkText('input.alias', input.alias, 1000);
  return mutate(repo, options, 'addAlias', { ...input, idempotencyKey: undefined }, async (tx) => {
    const current = (await tx.findActors([input.actor])).get(input.actor);
    if (!current) throw unknownRecord('input.actor', input.actor, 'actor');
    if (current.aliases.includes(input.alias)) return { record: current, change: null };
    return writeActorVersion(tx, current, { ...current, aliases: [...current.aliases, input.alias] }, null, input.reason ?? null);
  });
}

function checkVersion(current: { recorded?: { version: number } }, expectedVersion: number | null | undefined): void {
  if (expectedVersion === null || expectedVersion === undefined) return;
  const currentVersion = current.recorded?.version ?? 1;
  if (currentVersion !== expectedVersion) {
    throw new AppError(
      ErrorCode.CONFLICT,
      `expectedVersion ${expectedVersion} is not the current version ${currentVersion}; read the record again`,
      {
        field: 'expectedVersion',
        currentVersion,
      },
    );
  }
}

/** Corrects what an actor says; CONFLICT when `expectedVersion` is not its current version. */
export async function correctActor(
  repo: CurationRepository,
  options: WriteOptions,
  args: { id: string; expectedVersion: number; patch: ActorPatch; reason: string; idempotencyKey?: string | null },
): Promise<WriteResult<ActorModel>> {
  checkText('reason', args.reason, 2000);
  return mutate(repo, options, 'correctActor', { ...args, idempotencyKey: undefined }, async (tx) => {
    const current = (await tx.findActors([args.id])).get(args.id);
    if (!current) throw unknownRecord('id', args.id, 'actor');
    checkVersion(current, args.expectedVersion);
    checkNotNull(args.patch, ['kind', 'name'], 'patch');
    const next = actorFromInput(
      { ...current, ...args.patch, id: current.id, name: args.patch.name ?? current.name, kind: args.patch.kind ?? current.kind },
      'patch',
    );
    if (actorContent(current) === actorContent(next)) return { record: current, change: null };
    return writeActorVersion(tx, current, next, null, args.reason);
  });
}

/**
 * Retracts an actor: its relationships become history (WAS), and it leaves the live graph (nothing is
 * deleted; `history` still shows it).
 */
export async function retractActor(
  repo: CurationRepository,
  options: WriteOptions,
  args: { id: string; reason: string; expectedVersion?: number | null; idempotencyKey?: string | null },
): Promise<WriteResult<ActorModel>> {
  checkText('reason', args.reason, 2000);
  return mutate(repo, options, 'retractActor', { ...args, idempotencyKey: undefined }, async (tx) => {
    const current = (await tx.findActors([args.id])).get(args.id);
    if (!current) throw unknownRecord('id', args.id, 'actor');
    checkVersion(current, args.expectedVersion);
    const seq = tx.nextSeq();
    const edges = await tx.liveRelationshipsOf([args.id]);
    await tx.retireRelationships(edges.map((relationship) => ({ relationship, seq, reason: 'RETRACTED' as const })));
    await tx.snapshotActors([{ id: args.id, seq, reason: 'RETRACTED' }]);
    await tx.retractActors([{ id: args.id, seq }]);
    const record: ActorModel = {
      ...current,
      degree: 0,
      recorded: { ...(current.recorded ?? recordedNow(tx, 1, seq)), to: tx.recordedAt, endReason: 'RETRACTED' },
    };
    return {
      record,
      change: {
        ids: [args.id, ...edges.map((e) => e.id)],
        before: { actor: actorJson(current), relationships: edges },
        after: null,
        reason: args.reason,
      },
    };
  });
}

/**
 * Merges actor `merge` into `keep`: `merge`'s relationships are moved to `keep` (the old ones kept as
 * history with end reason MERGED), its sanction parts, list entries and mentions copied, and its id kept
 * as an alias of `keep` that lookups still resolve.
 */
export async function mergeActors(
  repo: CurationRepository,
  options: WriteOptions,
  args: { keep: string; merge: string; reason: string; idempotencyKey?: string | null },
): Promise<WriteResult<ActorModel>> {
  checkText('reason', args.reason, 2000);
  if (args.keep === args.merge) throw invalid('merge', 'another actor than keep');
  return mutate(repo, options, 'mergeActors', { ...args, idempotencyKey: undefined }, async (tx) => {
    const merged = await mergeActorsIn(tx, args, tx.nextSeq());
    return { record: merged.record, change: { ...merged.change, reason: args.reason } };
  });
}

/**
 * The work of {@link mergeActors} inside a change transaction already open, as part of change `seq`: for
 * writes that merge as one step of their own audited change (resolveMatch). `fields` name the input fields
 * of `keep` and `merge` in NOT_FOUND errors. Moves the relationships, copies sanction parts, list entries
 * and mentions, keeps the merged id resolving to `keep`, and answers `keep` as it is after the merge with
 * the change record's ids, before and after.
 *
 * @throws AppError NOT_FOUND naming the field of an actor that is not live.
 */
export async function mergeActorsIn(
  tx: ChangeTransaction,
  args: { readonly keep: string; readonly merge: string },
  seq: number,
  fields: { readonly keep: string; readonly merge: string } = { keep: 'keep', merge: 'merge' },
): Promise<{ record: ActorModel; change: Omit<ChangeEntry, 'mutation' | 'reason'> }> {
  const found = await tx.findActors([args.keep, args.merge]);
  const keep = found.get(args.keep);
  const merge = found.get(args.merge);
  if (!keep) throw unknownRecord(fields.keep, args.keep, 'actor');
  if (!merge) throw unknownRecord(fields.merge, args.merge, 'actor');
  const edges = await tx.liveRelationshipsOf([args.merge]);
  const versions = await tx.lastRelationshipVersions(edges.map((e) => e.id));
  const moved = edges
    .map((e) => ({ ...e, fromId: e.fromId === args.merge ? args.keep : e.fromId, toId: e.toId === args.merge ? args.keep : e.toId }))
    // A relationship between the two becomes one of keep with itself: it is history, not moved.
    .filter((e) => e.fromId !== e.toId);
  await tx.retireRelationships(edges.map((relationship) => ({ relationship, seq, reason: 'MERGED' as const })));
  await tx.snapshotActors([{ id: args.merge, seq, reason: 'MERGED' }]);
  await tx.mergeActorInto(args.keep, args.merge, seq);
  await tx.createRelationships(moved.map((relationship) => ({ relationship, version: (versions.get(relationship.id) ?? 0) + 1, seq })));
  const after = (await tx.findActors([args.keep])).get(args.keep);
  if (!after) throw new Error(`actor ${args.keep} vanished during a merge`);
  return {
    record: after,
    change: {
      ids: [args.keep, args.merge, ...edges.map((e) => e.id)],
      before: { keep: actorJson(keep), merge: actorJson(merge), relationships: edges },
      after: { keep: actorJson(after), relationships: moved },
    },
  };
}

// ---------------------------------------------------------------------------------------- relationships

function relationshipFromInput(input: Omit<AssertRelationInput, 'idempotencyKey'>, id: string, path: string): RelationshipModel {
  if (DERIVED_RELATIONSHIP_TYPES.has(input.type)) {
    throw invalid(`${path}.type`, `a type other than ${input.type}: those edges are derived from sanctions (use recordSanction)`);
  }
  const date = fuzzy(input.date);
  const validFrom = fuzzy(input.validFrom);
  const validTo = fuzzy(input.validTo);
  const noLaterThan = fuzzy(input.noLaterThan);
  for (const [field, d] of [
    ['date', date],
    ['validFrom', validFrom],
    ['validTo', validTo],
    ['noLaterThan', noLaterThan],
  ] as const) {
    checkFuzzyDate(`${path}.${field}`, d);
  }
  checkPeriod(path, validFrom, validTo);
  if (noLaterThan && (date || validFrom)) throw invalid(`${path}.noLaterThan`, 'null when date or validFrom is given');
  const e = input.evidence;
  checkText(`${path}.evidence.claim`, e.claim, 2000);
  checkConfidence(`${path}.evidence.confidence`, e.confidence);
  checkInference(`${path}.evidence`, e.status, e.inferredFrom ?? null);
  if (input.role != null) checkText(`${path}.role`, input.role, 500);
  for (const [i, topic] of (input.topics ?? []).entries()) checkText(`${path}.topics[${i}]`, topic, 500);
  return {
    id,
    type: input.type,
    fromId: input.from,
    toId: input.to,
    role: input.role ?? null,
    topics: [...(input.topics ?? [])],
    sanctionId: null,
    date,
    validFrom,
    validTo,
    noLaterThan,
    evidence: {
      sourceId: e.source,
      sentences: [...e.sentences],
      claim: e.claim,
      confidence: e.confidence,
      status: e.status,
      inferredFrom: e.inferredFrom ?? null,
      needsReview: e.needsReview ?? null,
      ...citedRecords(e.records),
    },
  };
}

/** The records a claim cites, as the model holds them: the key only when there are some (articles carry none). */
function citedRecords(records: readonly string[] | null | undefined): { records?: readonly string[] } {
  return records != null && records.length > 0 ? { records: [...records] } : {};
}

async function checkRelationshipReferences(tx: ChangeTransaction, r: RelationshipModel, path: string): Promise<void> {
  const cited = (r.evidence.records ?? []).map((record) => ({ source: r.evidence.sourceId, record }));
  const context = await tx.context([r.fromId, r.toId], [r.evidence.sourceId], cited);
  checkActor(`${path}.from`, r.fromId, context);
  checkActor(`${path}.to`, r.toId, context);
  checkCitation(`${path}.evidence.sentences`, `${path}.evidence.source`, r.evidence.sourceId, r.evidence.sentences, context, {
    field: `${path}.evidence.records`,
    ids: r.evidence.records,
  });
}

/** The id of a new relationship when the caller gives none: derived from what it says, so a repeat is found. */
function relationshipId(input: Omit<AssertRelationInput, 'idempotencyKey'>): string {
  return `${input.type.toLowerCase().replaceAll('_', '-')}-${createHash('sha256').update(stableJson(input)).digest('hex').slice(0, 12)}`;
}

/**
 * Asserts a relationship between two live actors, citing sentences of a source. The two actors are
 * recorded as mentioned by those sentences (sources find their relationships through the actors they
 * mention). Asserting exactly the same relationship again writes nothing.
 */
export async function assertRelation(
  repo: CurationRepository,
  options: WriteOptions,
  input: AssertRelationInput,
): Promise<WriteResult<RelationshipModel>> {
  const { idempotencyKey: _key, ...rest } = input;
  const id = input.id ?? relationshipId({ ...rest, id: undefined });
  checkSlug('input.id', id);
  const relationship = relationshipFromInput(rest, id, 'input');
  return mutate(repo, options, 'assertRelation', rest, async (tx) => {
    await checkRelationshipReferences(tx, relationship, 'input');
    const live = (await tx.findLiveRelationships([id])).get(id);
    if (live) {
      if (content(live) === content(relationship)) return { record: live, change: null };
      throw invalid(
        'input.id',
        `an id no live relationship has; '${id}' exists (version ${live.recorded?.version ?? 1}): correct it with correctRelation`,
      );
    }
    const version = ((await tx.lastRelationshipVersions([id])).get(id) ?? 0) + 1;
    const seq = tx.nextSeq();
    await writeRelationship(tx, relationship, version, seq);
    const record = { ...relationship, recorded: recordedNow(tx, version, seq) };
    return { record, change: { ids: [id], before: null, after: record, reason: null } };
  });
}

async function writeRelationship(tx: ChangeTransaction, r: RelationshipModel, version: number, seq: number): Promise<void> {
  await tx.createRelationships([{ relationship: r, version, seq }]);
  await tx.mentionActors(
    [...new Set([r.fromId, r.toId])].map((actorId) => ({
      actorId,
      sourceId: r.evidence.sourceId,
      sentences: r.evidence.sentences,
      replace: false,
    })),
  );
}

function patchRelationship(current: RelationshipModel, patch: RelationshipPatch): Omit<AssertRelationInput, 'idempotencyKey'> {
  const keep = <K extends keyof RelationshipPatch>(key: K, value: unknown): unknown => (key in patch ? patch[key] : value);
  const e = current.evidence;
  const pe = patch.evidence ?? {};
  const evidenceKeep = <K extends keyof EvidenceInput>(key: K, value: EvidenceInput[K]): EvidenceInput[K] =>
    key in pe && pe[key] !== undefined ? pe[key] : value;
  return {
    type: patch.type ?? current.type,
    from: patch.from ?? current.fromId,
    to: patch.to ?? current.toId,
    role: keep('role', current.role) as string | null,
    topics: patch.topics ?? current.topics,
    date: keep('date', current.date) as FuzzyDateInput | null,
    validFrom: keep('validFrom', current.validFrom) as FuzzyDateInput | null,
    validTo: keep('validTo', current.validTo) as FuzzyDateInput | null,
    noLaterThan: keep('noLaterThan', current.noLaterThan) as FuzzyDateInput | null,
    evidence: {
      source: evidenceKeep('source', e.sourceId),
      sentences: evidenceKeep('sentences', e.sentences),
      records: evidenceKeep('records', e.records ?? null),
      claim: evidenceKeep('claim', e.claim),
      confidence: evidenceKeep('confidence', e.confidence),
      status: evidenceKeep('status', e.status),
      inferredFrom:
        'inferredFrom' in pe ? (pe.inferredFrom ?? null) : pe.status !== undefined && pe.status !== 'INFERRED' ? null : e.inferredFrom,
      needsReview: 'needsReview' in pe ? (pe.needsReview ?? null) : e.needsReview,
    },
  };
}

async function findLiveRelationship(tx: ChangeTransaction, id: string): Promise<RelationshipModel> {
  const live = (await tx.findLiveRelationships([id])).get(id);
  if (!live) throw unknownRecord('id', id, 'live relationship');
  if (live.type === 'SANCTIONED')
    throw invalid('id', `a relationship that is not derived; '${id}' stands for sanction '${live.sanctionId}': correct the sanction`);
  return live;
}

/**
 * Corrects a relationship: the current version becomes history (WAS, end reason CORRECTED) and the
 * corrected one is live with the same id and the next version. CONFLICT when `expectedVersion` is not the
 * current version (someone corrected it first).
 */
export async function correctRelation(
  repo: CurationRepository,
  options: WriteOptions,
  args: { id: string; expectedVersion: number; patch: RelationshipPatch; reason: string; idempotencyKey?: string | null },
): Promise<WriteResult<RelationshipModel>> {
  checkText('reason', args.reason, 2000);
  return mutate(repo, options, 'correctRelation', { ...args, idempotencyKey: undefined }, async (tx) => {
    const current = await findLiveRelationship(tx, args.id);
    checkVersion(current, args.expectedVersion);
    checkNotNull(args.patch, ['type', 'from', 'to'], 'patch');
    checkNotNull(args.patch.evidence ?? {}, ['source', 'sentences', 'claim', 'confidence', 'status'], 'patch.evidence');
    const next = relationshipFromInput(patchRelationship(current, args.patch), args.id, 'patch');
    await checkRelationshipReferences(tx, next, 'patch');
    if (content(current) === content(next)) return { record: current, change: null };
    const seq = tx.nextSeq();
    const version = (current.recorded?.version ?? 1) + 1;
    await tx.retireRelationships([{ relationship: current, seq, reason: 'CORRECTED' }]);
    await writeRelationship(tx, next, version, seq);
    const record = { ...next, recorded: recordedNow(tx, version, seq) };
    return { record, change: { ids: [args.id], before: current, after: record, reason: args.reason } };
  });
}

/** Retracts a relationship: it becomes history (WAS, end reason RETRACTED); nothing is deleted. */
export async function retractRelation(
  repo: CurationRepository,
  options: WriteOptions,
  args: { id: string; reason: string; expectedVersion?: number | null; idempotencyKey?: string | null },
): Promise<WriteResult<RelationshipModel>> {
  checkText('reason', args.reason, 2000);
  return mutate(repo, options, 'retractRelation', { ...args, idempotencyKey: undefined }, async (tx) => {
    const current = await findLiveRelationship(tx, args.id);
    checkVersion(current, args.expectedVersion);
    const seq = tx.nextSeq();
    await tx.retireRelationships([{ relationship: current, seq, reason: 'RETRACTED' }]);
    const record: RelationshipModel = {
      ...current,
      recorded: { ...(current.recorded ?? recordedNow(tx, 1, seq)), to: tx.recordedAt, endReason: 'RETRACTED' },
    };
    return { record, change: { ids: [args.id], before: current, after: null, reason: args.reason } };
  });
}

// --------------------------------------------------------------------------------------------- sanctions

function partyFromInput(p: PartyInput, role: SanctionPartyModel['role'], sanctionConfidence: number, path: string): SanctionPartyModel {
  const status = p.status ?? 'ASSERTED';
  if (status === 'ALLEGED') throw invalid(`${path}.status`, 'ASSERTED or INFERRED (a party is stated or read from the sentences)');
  const confidence = p.confidence ?? sanctionConfidence;
  checkConfidence(`${path}.confidence`, confidence);
  checkInference(path, status, p.inferredFrom ?? null);
  return { actorId: p.actor, role, sentences: [...p.sentences], status, confidence, inferredFrom: p.inferredFrom ?? null };
}

function sanctionFromInput(input: Omit<RecordSanctionInput, 'idempotencyKey'>, id: string, path: string): SanctionModel {
  const e = input.evidence;
  checkText(`${path}.evidence.claim`, e.claim, 2000);
  checkConfidence(`${path}.evidence.confidence`, e.confidence);
  if ((input.date == null) === (input.noLaterThan == null))
    throw invalid(`${path}.date`, 'exactly one of date (when the source dates it) and noLaterThan');
  const date = fuzzy(input.date ?? input.noLaterThan);
  if (!date) throw invalid(`${path}.date`, 'a date');
  checkFuzzyDate(`${path}.${input.date ? 'date' : 'noLaterThan'}`, date);
  if (input.authorities.length === 0) throw invalid(`${path}.authorities`, 'at least one authority');
  if (input.targets.length === 0) throw invalid(`${path}.targets`, 'at least one target');
  const joint = input.joint ?? false;
  if (joint && input.authorities.length < 2) throw invalid(`${path}.joint`, 'false unless there are two authorities or more');
  const parties = [
    ...input.authorities.map((p, i) => partyFromInput(p, 'AUTHORITY', e.confidence, `${path}.authorities[${i}]`)),
    ...input.targets.map((p, i) => partyFromInput(p, 'TARGET', e.confidence, `${path}.targets[${i}]`)),
  ];
  for (const role of ['AUTHORITY', 'TARGET'] as const) {
    const ids = parties.filter((p) => p.role === role).map((p) => p.actorId);
    if (new Set(ids).size !== ids.length) throw invalid(`${path}.${role === 'AUTHORITY' ? 'authorities' : 'targets'}`, 'each actor once');
  }
  if (input.reason != null) checkText(`${path}.reason`, input.reason, 2000);
  if ((input.reason == null) !== (input.reasonStatus == null)) throw invalid(`${path}.reasonStatus`, 'given exactly when reason is given');
  const delisting = delistingFromInput(input.delisting ?? null, date, `${path}.delisting`);
  return {
    id,
    measure: input.measure,
    program: input.program ?? null,
    listId: input.list ?? null,
    date,
    reason: input.reason ?? null,
    reasonStatus: input.reasonStatus ?? null,
    note: input.note ?? null,
    joint,
    timeBasis: input.date ? 'DATED' : 'BOUNDED',
    authorityIds: parties.filter((p) => p.role === 'AUTHORITY').map((p) => p.actorId),
    targetIds: parties.filter((p) => p.role === 'TARGET').map((p) => p.actorId),
    // In the order given: edges to the parties are created in it, and readers list them in edge order.
    parties,
    evidence: {
      sourceId: e.source,
      sentences: [...e.sentences],
      claim: e.claim,
      confidence: e.confidence,
      status: 'ASSERTED',
      inferredFrom: null,
      needsReview: e.needsReview ?? null,
      ...citedRecords(e.records),
    },
    // Only a delisted sanction carries the key, so answers and audit records of the others are as before.
    ...(delisting ? { delisting } : {}),
  };
}

/** A delisting from its input: a date on or after the sanction's, with evidence of its own. */
function delistingFromInput(input: DelistingInput | null, since: FuzzyDate, path: string): DelistingModel | null {
  if (input === null) return null;
  const date = fuzzy(input.date);
  if (!date) throw invalid(`${path}.date`, 'a date');
  checkFuzzyDate(`${path}.date`, date);
  if (date.date < since.date) throw invalid(`${path}.date.date`, `a date on or after the sanction's date (${since.date})`);
  const e = input.evidence;
  checkText(`${path}.evidence.claim`, e.claim, 2000);
  checkConfidence(`${path}.evidence.confidence`, e.confidence);
  // The stored delisting keeps no review note (mappers.ts toDelisting): refused rather than dropped.
  if (e.needsReview != null) throw invalid(`${path}.evidence.needsReview`, 'null (a delisting keeps no review note)');
  if (e.records != null && e.records.length > 0) throw invalid(`${path}.evidence.records`, 'null (a delisting cites its source alone)');
  return {
    date,
    evidence: {
      sourceId: e.source,
      sentences: [...e.sentences],
      claim: e.claim,
      confidence: e.confidence,
      status: 'ASSERTED',
      inferredFrom: null,
      needsReview: null,
    },
  };
}

async function checkSanctionReferences(
  tx: ChangeTransaction,
  s: SanctionModel,
  input: Omit<RecordSanctionInput, 'idempotencyKey'>,
  path: string,
): Promise<void> {
  const actorIds = [...s.parties.map((p) => p.actorId), ...(s.listId ? [s.listId] : [])];
  const cited = (s.evidence.records ?? []).map((record) => ({ source: s.evidence.sourceId, record }));
  const context = await tx.context(actorIds, [s.evidence.sourceId, ...(s.delisting ? [s.delisting.evidence.sourceId] : [])], cited);
  checkCitation(`${path}.evidence.sentences`, `${path}.evidence.source`, s.evidence.sourceId, s.evidence.sentences, context, {
    field: `${path}.evidence.records`,
    ids: s.evidence.records,
  });
  if (s.delisting)
    checkCitation(
      `${path}.delisting.evidence.sentences`,
      `${path}.delisting.evidence.source`,
      s.delisting.evidence.sourceId,
      s.delisting.evidence.sentences,
      context,
    );
  for (const [field, parties] of [
    ['authorities', input.authorities],
    ['targets', input.targets],
  ] as const) {
    for (const [i, p] of parties.entries()) {
      checkActor(`${path}.${field}[${i}].actor`, p.actor, context);
      checkCitation(`${path}.${field}[${i}].sentences`, `${path}.evidence.source`, s.evidence.sourceId, p.sentences, context);
    }
  }
  if (s.listId !== null) {
    checkActor(`${path}.list`, s.listId, context);
    if (context.actors.get(s.listId) !== 'LIST')
      throw invalid(`${path}.list`, `an actor of kind LIST; '${s.listId}' is ${context.actors.get(s.listId)}`);
  }
}

async function writeSanction(tx: ChangeTransaction, s: SanctionModel, version: number, seq: number): Promise<RelationshipModel[]> {
  await tx.createSanctions([{ sanction: s, version, seq }]);
  const edges = sanctionedEdges(s);
  await tx.createRelationships(edges.map((relationship) => ({ relationship, version, seq })));
  return edges;
}

async function retireSanction(tx: ChangeTransaction, s: SanctionModel, seq: number, reason: 'CORRECTED' | 'RETRACTED'): Promise<void> {
  await tx.retireRelationships(sanctionedEdges(s).map((relationship) => ({ relationship, seq, reason })));
  await tx.retireSanctions([{ id: s.id, seq, reason }]);
}

function sanctionId(input: Omit<RecordSanctionInput, 'idempotencyKey'>): string {
  return `sanction-${createHash('sha256').update(stableJson(input)).digest('hex').slice(0, 12)}`;
}

/**
 * Records a sanction (several authorities and targets, joint or not) with its evidence, and derives its
 * SANCTIONED edges exactly as the seed does (one per authority and target).
 */
export async function recordSanction(
  repo: CurationRepository,
  options: WriteOptions,
  input: RecordSanctionInput,
): Promise<WriteResult<SanctionModel>> {
  const { idempotencyKey: _key, ...rest } = input;
  const id = input.id ?? sanctionId({ ...rest, id: undefined });
  checkSlug('input.id', id);
  const sanction = sanctionFromInput(rest, id, 'input');
  return mutate(repo, options, 'recordSanction', rest, async (tx) => {
    await checkSanctionReferences(tx, sanction, rest, 'input');
    const live = (await tx.findSanctions([id])).get(id);
    if (live) {
      if (sanctionContent(live) === sanctionContent(sanction)) return { record: live, change: null };
      throw invalid(
        'input.id',
        `an id no live sanction has; '${id}' exists (version ${live.recorded?.version ?? 1}): correct it with correctSanction`,
      );
    }
    const version = ((await tx.lastSanctionVersions([id])).get(id) ?? 0) + 1;
    const seq = tx.nextSeq();
    const edges = await writeSanction(tx, sanction, version, seq);
    const record = { ...sanction, recorded: recordedNow(tx, version, seq) };
    return { record, change: { ids: [id, ...edges.map((e) => e.id)], before: null, after: record, reason: null } };
  });
}

function sanctionToInput(s: SanctionModel): Omit<RecordSanctionInput, 'idempotencyKey' | 'id'> {
  const party = (p: SanctionPartyModel): PartyInput => ({
    actor: p.actorId,
    sentences: p.sentences,
    status: p.status,
    confidence: p.confidence,
    inferredFrom: p.inferredFrom,
  });
  return {
    measure: s.measure,
    program: s.program,
    list: s.listId,
    date: s.timeBasis === 'DATED' ? s.date : null,
    noLaterThan: s.timeBasis === 'BOUNDED' ? s.date : null,
    reason: s.reason,
    reasonStatus: s.reasonStatus,
    note: s.note,
    joint: s.joint,
    authorities: s.parties.filter((p) => p.role === 'AUTHORITY').map(party),
    targets: s.parties.filter((p) => p.role === 'TARGET').map(party),
    evidence: {
      source: s.evidence.sourceId,
      sentences: s.evidence.sentences,
      records: s.evidence.records ?? null,
      claim: s.evidence.claim,
      confidence: s.evidence.confidence,
      needsReview: s.evidence.needsReview,
    },
    // Kept through a correction unless the patch replaces or clears it.
    delisting: s.delisting
      ? {
          date: s.delisting.date,
          evidence: {
            source: s.delisting.evidence.sourceId,
            sentences: s.delisting.evidence.sentences,
            claim: s.delisting.evidence.claim,
            confidence: s.delisting.evidence.confidence,
          },
        }
      : null,
  };
}

async function findLiveSanction(tx: ChangeTransaction, id: string): Promise<SanctionModel> {
  const live = (await tx.findSanctions([id])).get(id);
  if (!live) throw unknownRecord('id', id, 'live sanction');
  return live;
}

/**
 * Corrects a sanction: the current node becomes a SanctionVersion (its SANCTIONED edges history) and the
 * corrected sanction is live with the same id and the next version. CONFLICT on a stale `expectedVersion`.
 */
export async function correctSanction(
  repo: CurationRepository,
  options: WriteOptions,
  args: { id: string; expectedVersion: number; patch: SanctionPatch; reason: string; idempotencyKey?: string | null },
): Promise<WriteResult<SanctionModel>> {
  checkText('reason', args.reason, 2000);
  return mutate(repo, options, 'correctSanction', { ...args, idempotencyKey: undefined }, async (tx) => {
    const current = await findLiveSanction(tx, args.id);
    checkVersion(current, args.expectedVersion);
    checkNotNull(args.patch, ['measure', 'authorities', 'targets'], 'patch');
    checkNotNull(args.patch.evidence ?? {}, ['source', 'sentences', 'claim', 'confidence'], 'patch.evidence');
    const base = sanctionToInput(current);
    const { evidence: patchEvidence, ...patchRest } = args.patch;
    const defined = Object.fromEntries(Object.entries(patchRest).filter(([, v]) => v !== undefined));
    const dating =
      'date' in defined || 'noLaterThan' in defined ? { date: defined['date'] ?? null, noLaterThan: defined['noLaterThan'] ?? null } : {};
    const merged = {
      ...base,
      ...defined,
      ...dating,
      evidence: { ...base.evidence, ...Object.fromEntries(Object.entries(patchEvidence ?? {}).filter(([, v]) => v !== undefined)) },
    } as Omit<RecordSanctionInput, 'idempotencyKey'>;
    const next = sanctionFromInput(merged, args.id, 'patch');
    await checkSanctionReferences(tx, next, merged, 'patch');
    if (sanctionContent(current) === sanctionContent(next)) return { record: current, change: null };
    const seq = tx.nextSeq();
    const version = (current.recorded?.version ?? 1) + 1;
    await retireSanction(tx, current, seq, 'CORRECTED');
    const edges = await writeSanction(tx, next, version, seq);
    const record = { ...next, recorded: recordedNow(tx, version, seq) };
    return { record, change: { ids: [args.id, ...edges.map((e) => e.id)], before: current, after: record, reason: args.reason } };
  });
}

/** Retracts a sanction: it and its SANCTIONED edges become history; nothing is deleted. */
export async function retractSanction(
  repo: CurationRepository,
  options: WriteOptions,
  args: { id: string; reason: string; expectedVersion?: number | null; idempotencyKey?: string | null },
): Promise<WriteResult<SanctionModel>> {
  checkText('reason', args.reason, 2000);
  return mutate(repo, options, 'retractSanction', { ...args, idempotencyKey: undefined }, async (tx) => {
    const current = await findLiveSanction(tx, args.id);
    checkVersion(current, args.expectedVersion);
    const seq = tx.nextSeq();
    await retireSanction(tx, current, seq, 'RETRACTED');
    const record: SanctionModel = {
      ...current,
      recorded: { ...(current.recorded ?? recordedNow(tx, 1, seq)), to: tx.recordedAt, endReason: 'RETRACTED' },
    };
    return {
      record,
      change: { ids: [args.id, ...sanctionedEdges(current).map((e) => e.id)], before: current, after: null, reason: args.reason },
    };
  });
}
