import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { parseDocument } from 'yaml';
import { z } from 'zod';

import { CLAIM_STATUSES } from '../../graph/model.js';
import { DISPUTE_KINDS, type SeedDispute } from '../../graph/research-model.js';
import type { SeedRelationship, SeedSource } from '../../graph/seed-repository.js';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a lower-case slug');

/** The shape of a source folder's disputes.yaml (seed/sources/<source-id>/disputes.yaml). */
const DisputesFile = z
  .object({
    // A source folder's disputes cite its own source unless this names another.
    source: slug.optional(),
    disputes: z.array(
      z
        .object({
          id: slug,
          kind: z.enum(DISPUTE_KINDS),
          disputed: z.string().min(1),
          disputing: z.string().min(1),
          sentences: z.array(z.number().int().min(1)).min(1),
          confidence: z.number().min(0).max(1),
          status: z.enum(CLAIM_STATUSES),
          inferredFrom: z.string().min(1).optional(),
          claim: z.string().min(1),
        })
        .strict(),
    ),
  })
  .strict();

/** A malformed disputes.yaml of a source folder; the message names the record and the field. */
export class DisputeSeedError extends Error {
  override readonly name = 'DisputeSeedError';
}

/**
 * Reads and checks `disputes.yaml` of a source folder against the relations and sources already loaded
 * (of every folder: a dispute may join claims of two sources): both claims must be known relations and
 * differ, the source known (the file's `source`, else `folderSource`), its sentences within it, and an
 * INFERRED dispute must say what it is inferred from. No file, no disputes. Self-contained, so the seed
 * loader calls it in one place whatever path the seed's writes take.
 *
 * @throws DisputeSeedError naming the record and the field at fault.
 * @example
 * const disputes = await loadDisputes('seed/sources/article-2021-12-10-sanctions', { sources, relationships }, 'article-2021-12-10-sanctions');
 */
export async function loadDisputes(
  dir: string,
  loaded: { readonly sources: readonly SeedSource[]; readonly relationships: readonly SeedRelationship[] },
  folderSource?: string,
): Promise<SeedDispute[]> {
  const file = path.join(dir, 'disputes.yaml');
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const doc = parseDocument(raw, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors[0]) throw new DisputeSeedError(`${file}: not valid YAML: ${doc.errors[0].message.split('\n')[0] ?? ''}`);
  const parsed = DisputesFile.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DisputeSeedError(`${file}: field '${(issue?.path ?? []).join('.')}': ${issue?.message ?? 'invalid'}`);
  }
  const { disputes } = parsed.data;
  const sourceId = parsed.data.source ?? folderSource;
  if (sourceId === undefined) throw new DisputeSeedError(`${file}: field 'source': required`);
  const source = loaded.sources.find((s) => s.id === sourceId);
  if (!source) throw new DisputeSeedError(`${file}: field 'source': unknown source '${sourceId}'`);
  const relations = new Map(loaded.relationships.map((r) => [r.id, r]));
  const seen = new Set<string>();
  return disputes.map((d, index) => {
    const fail = (field: string, message: string): never => {
      throw new DisputeSeedError(`${file}: record ${index + 1} (${d.id}): field '${field}': ${message}`);
    };
    if (seen.has(d.id)) fail('id', 'duplicate id');
    seen.add(d.id);
    const ref = (field: 'disputed' | 'disputing'): SeedDispute['disputed'] => {
      const r = relations.get(d[field]);
      if (!r) return fail(field, `unknown relation '${d[field]}'`);
      return { id: r.id, fromId: r.fromId, toId: r.toId };
    };
    if (d.disputed === d.disputing) fail('disputing', 'a claim cannot dispute itself');
    const bad = d.sentences.find((n) => n > source.sentences.length);
    if (bad !== undefined) fail('sentences', `sentence ${bad} does not exist; the source has ${source.sentences.length}`);
    if ((d.status === 'INFERRED') !== (d.inferredFrom !== undefined)) fail('inferredFrom', 'required for INFERRED, and only then');
    return {
      id: d.id,
      kind: d.kind,
      disputed: ref('disputed'),
      disputing: ref('disputing'),
      evidence: {
        sourceId,
        sentences: d.sentences,
        claim: d.claim,
        confidence: d.confidence,
        status: d.status,
        inferredFrom: d.inferredFrom ?? null,
      },
    };
  });
}
