import { z } from 'zod';

import { ACTOR_KINDS, CLAIM_STATUSES, DATE_PRECISIONS, RELATIONSHIP_TYPES, SANCTION_MEASURES } from '../../graph/model.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case slug (a-z, 0-9, -)');
const isoDate = z.iso.date();
const sentences = z.array(z.number().int().min(1)).min(1);
const confidence = z.number().min(0).max(1);
const text = z.string().trim().min(1);

const fuzzyDate = z.strictObject({
  date: isoDate,
  precision: z.enum(DATE_PRECISIONS),
  derivation: text.nullable(),
});

/** `dates.yaml` of a source folder (optional): dates its records refer to by key. */
export const DatesFile = z.strictObject({ dates: z.record(id, fuzzyDate) });

/** `source.yaml` of a source folder `seed/sources/<source-id>/`: the source's metadata; its id is the folder's name. */
export const SourceFile = z.strictObject({
  title: text,
  publisher: text.nullable(),
  publishedOn: fuzzyDate.nullable(),
  // The text, a file of the same folder.
  file: text,
  contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'sha256:<64 hex digits>'),
});

/**
 * `actors.yaml` of a source folder: the actors the source names, with the sentences naming them. An entry
 * with `kind`, `name`, `aliases` and `country` defines the actor; one with only `id` and `mentions` refers to
 * an actor another folder defines (actors are global by id). The loader checks which.
 */
export const ActorsFile = z.strictObject({
  actors: z.array(
    z.strictObject({
      id,
      kind: z.enum(Object.keys(ACTOR_KINDS) as [keyof typeof ACTOR_KINDS, ...(keyof typeof ACTOR_KINDS)[]]).optional(),
      name: text.optional(),
      aliases: z.array(text).optional(),
      country: z
        .string()
        .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code')
        .nullable()
        .optional(),
      description: text.optional(),
      mentions: sentences,
    }),
  ),
});

const dateRef = id.optional();

/** `relations.yaml` of a source folder: relations between actors the source supports. */
export const RelationsFile = z.strictObject({
  relations: z.array(
    z.strictObject({
      id,
      type: z.enum(RELATIONSHIP_TYPES),
      from: id,
      to: id,
      role: text.optional(),
      topics: z.array(text).optional(),
      date: dateRef,
      validFrom: dateRef,
      validTo: dateRef,
      // When the article dates neither `date` nor `validFrom`: the day by which it had begun.
      noLaterThan: dateRef,
      sentences,
      claim: text,
      confidence,
      status: z.enum(CLAIM_STATUSES),
      // Required with status INFERRED, and only then: what the claim is inferred from.
      inferredFrom: text.optional(),
      // Why a reviewer should re-read the claim (its sentences name none of its actors).
      needsReview: text.optional(),
    }),
  ),
});

const party = z.strictObject({
  actor: id,
  sentences,
  // INFERRED when the sentences do not name the actor in this part (then `inferredFrom` says why).
  status: z.enum(['ASSERTED', 'INFERRED']).default('ASSERTED'),
  // Defaults to the sanction's confidence.
  confidence: confidence.optional(),
  inferredFrom: text.optional(),
});

/** `sanctions.yaml` of a source folder: sanctions the source reports. */
export const SanctionsFile = z.strictObject({
  sanctions: z.array(
    z.strictObject({
      id,
      joint: z.boolean().default(false),
      measure: z.enum(SANCTION_MEASURES),
      program: text.nullable(),
      list: id.nullable(),
      // Exactly one: `date` when the article dates the sanction, `noLaterThan` when it only bounds it.
      date: id.optional(),
      noLaterThan: id.optional(),
      reason: text.nullable(),
      reasonStatus: z.enum(CLAIM_STATUSES).nullable(),
      note: text.optional(),
      sentences,
      claim: text,
      confidence,
      needsReview: text.optional(),
      authorities: z.array(party).min(1),
      targets: z.array(party).min(1),
    }),
  ),
});

export type DatesFile = z.infer<typeof DatesFile>;
export type SourceFile = z.infer<typeof SourceFile>;
export type ActorsFile = z.infer<typeof ActorsFile>;
export type RelationsFile = z.infer<typeof RelationsFile>;
export type SanctionsFile = z.infer<typeof SanctionsFile>;
