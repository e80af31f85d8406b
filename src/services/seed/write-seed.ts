import { SYSTEM } from '../../auth/principal.js';
import { ACTOR_KINDS, type RelationshipModel, type SanctionModel, type SanctionPartyModel, type SourceModel } from '../../graph/model.js';
import type { ChangeEntry, ChangeTransaction, CurationRepository } from '../../graph/repositories/curation-repository.js';
import { disputeRow } from '../../graph/repositories/dispute-repository.js';
import type { SeedDispute } from '../../graph/research-model.js';
import type { SeedData, SeedParty, SeedSanction } from '../../graph/seed-repository.js';
import { actorContent, relationshipContent, sanctionContent, stableJson } from '../curation/curation-service.js';
import { sanctionedEdges } from '../curation/sanctioned-edges.js';

/** What a seed write changed: one audited change per record created, corrected or retracted. */
export interface SeedChanges {
  readonly created: number;
  readonly corrected: number;
  readonly retracted: number;
  /** Sequence numbers of the changes, in order. */
  readonly seqs: readonly number[];
}

/** A sanction of the seed as the graph layer models it (parties in declared order). */
export function seedSanctionModel(s: SeedSanction): SanctionModel {
  const party =
    (role: SanctionPartyModel['role']) =>
    (p: SeedParty): SanctionPartyModel => ({ ...p, role });
  // In the order the seed declares them: the edges to parties are created in this order, and readers list
  // authorities and targets in the order of their edges.
  const parties = [...s.authorities.map(party('AUTHORITY')), ...s.targets.map(party('TARGET'))];
  const { authorities: _a, targets: _t, ...rest } = s;
  return { ...rest, authorityIds: s.authorities.map((p) => p.actorId), targetIds: s.targets.map((p) => p.actorId), parties };
}

/**
 * Writes a validated seed through the door of the mutations, as the SYSTEM principal: in one write
 * transaction, ordered on the change counter like every mutation, each record the seed declares is
 * created when new and corrected when it says something else than the live record the seed wrote, and
 * each live record the seed wrote but no longer declares is retracted; one audited change per record
 * (a dispute too, written when new or changed: disputes are not versioned, so none is retracted).
 * Records a curator corrected are no longer the seed's and are left alone. Unchanged data writes nothing.
 *
 * @example
 * const changes = await writeSeedChanges(repo.curation, await loadSeed('seed'));
 */
export async function writeSeedChanges(repo: CurationRepository, data: SeedData): Promise<SeedChanges> {
  const result = await repo.change<SeedChanges>({ author: SYSTEM, idempotency: null, bulk: true }, async (tx) => {
    const changes: ChangeEntry[] = [];
    const counts = { created: 0, corrected: 0, retracted: 0 };
    const record = (entry: ChangeEntry, kind: keyof typeof counts): void => {
      changes.push(entry);
      counts[kind] += 1;
    };
    await seedSources(tx, data.sources, record);
    await seedActors(tx, data, record);
    const seeded = await tx.seededRecords();
    await seedRelationships(
      tx,
      data.relationships.filter((r) => r.sanctionId === null),
      seeded.relationships,
      record,
    );
    await seedSanctions(tx, data.sanctions.map(seedSanctionModel), seeded.sanctions, record);
    // Actors last: retracting one retires its remaining relationships.
    const declared = new Set(data.actors.map((a) => a.id));
    const stale = seeded.actors.filter((id) => !declared.has(id));
    for (const id of stale) {
      const seq = tx.nextSeq();
      const edges = await tx.liveRelationshipsOf([id]);
      await tx.retireRelationships(edges.map((relationship) => ({ relationship, seq, reason: 'RETRACTED' as const })));
      await tx.snapshotActors([{ id, seq, reason: 'RETRACTED' }]);
      await tx.retractActors([{ id, seq }]);
      record(
        {
          mutation: 'seedRetractActor',
          ids: [id, ...edges.map((e) => e.id)],
          before: { id, relationships: edges },
          after: null,
          reason: 'no longer in the seed',
        },
        'retracted',
      );
    }
    // Disputes last: they link claims (and their actors) written above.
    await seedDisputes(tx, data.disputes ?? [], record);
    const response = { ...counts, seqs: changes.map((_, i) => tx.firstChangeSeq + i) };
    return { response, changes };
  });
  return result.outcome === 'written' ? result.response : { created: 0, corrected: 0, retracted: 0, seqs: [] };
}

type Record = (entry: ChangeEntry, kind: 'created' | 'corrected' | 'retracted') => void;

async function seedSources(tx: ChangeTransaction, sources: readonly SourceModel[], record: Record): Promise<void> {
  for (const source of sources) {
    const { byId } = await tx.findSource(source.id, source.contentHash);
    const same = byId && stableJson({ ...byId, recorded: undefined }) === stableJson({ ...source, recorded: undefined });
    if (same) continue;
    const seq = tx.nextSeq();
    await tx.writeSources([{ source, url: null, version: (byId?.recorded?.version ?? 0) + 1, seq }]);
    record({ mutation: 'seedSource', ids: [source.id], before: byId ?? null, after: source, reason: null }, byId ? 'corrected' : 'created');
  }
}

async function seedActors(tx: ChangeTransaction, data: SeedData, record: Record): Promise<void> {
  const current = await tx.findActors(data.actors.map((a) => a.id));
  const writes: Parameters<ChangeTransaction['writeActors']>[0][number][] = [];
  const snapshots: Parameters<ChangeTransaction['snapshotActors']>[0][number][] = [];
  const mentions: Parameters<ChangeTransaction['mentionActors']>[0][number][] = [];
  for (const actor of data.actors) {
    const live = current.get(actor.id);
    if (live && !live.seeded) continue;
    const liveMentions = live?.mentions.find((m) => m.sourceId === actor.sourceId)?.sentences ?? [];
    if (live && actorContent(live) === actorContent(actor) && stableJson(liveMentions) === stableJson(actor.mentions)) continue;
    const seq = tx.nextSeq();
    const version = (live?.recorded?.version ?? 0) + 1;
    if (live) snapshots.push({ id: actor.id, seq, reason: 'CORRECTED' });
    writes.push({ actor, version, seq, seeded: true });
    mentions.push({ actorId: actor.id, sourceId: actor.sourceId, sentences: actor.mentions, replace: true });
    const { label: _label, sourceId: _source, mentions: _mentions, ...after } = actor;
    record(
      { mutation: 'seedActor', ids: [actor.id], before: live ? { ...live, degree: undefined } : null, after, reason: null },
      live ? 'corrected' : 'created',
    );
  }
  // A source naming an actor that another source defines: a link of its own (one change), not a new
  // version of the actor. An actor a curator took over is left alone, as above.
  for (const m of data.mentions ?? []) {
    const live = current.get(m.actorId);
    if (live && !live.seeded) continue;
    const before = live?.mentions.find((x) => x.sourceId === m.sourceId)?.sentences ?? null;
    if (before !== null && stableJson(before) === stableJson(m.sentences)) continue;
    tx.nextSeq();
    mentions.push({ actorId: m.actorId, sourceId: m.sourceId, sentences: m.sentences, replace: true });
    record(
      {
        mutation: 'seedMention',
        ids: [m.actorId, m.sourceId],
        before: before === null ? null : { ...m, sentences: before },
        after: m,
        reason: null,
      },
      before === null ? 'created' : 'corrected',
    );
  }
  await tx.snapshotActors(snapshots);
  await tx.writeActors(writes);
  // Linked kind by kind, as the actors are written (and as the seed always linked them): readers list an
  // actor's mentions and a source's actors in the order of these edges.
  const kindOrder = Object.keys(ACTOR_KINDS);
  const kindOf = new Map(data.actors.map((a) => [a.id, kindOrder.indexOf(a.kind)]));
  await tx.mentionActors([...mentions].sort((x, y) => (kindOf.get(x.actorId) ?? 0) - (kindOf.get(y.actorId) ?? 0)));
}

async function seedRelationships(
  tx: ChangeTransaction,
  declared: readonly RelationshipModel[],
  seededIds: readonly string[],
  record: Record,
): Promise<void> {
  const declaredIds = new Set(declared.map((r) => r.id));
  const live = await tx.findLiveRelationships([...declaredIds, ...seededIds]);
  const versions = await tx.lastRelationshipVersions([...declaredIds]);
  const seededSet = new Set(seededIds);
  const retire: Parameters<ChangeTransaction['retireRelationships']>[0][number][] = [];
  const create: Parameters<ChangeTransaction['createRelationships']>[0][number][] = [];
  for (const r of declared) {
    const current = live.get(r.id);
    if (current && !seededSet.has(r.id)) continue;
    if (current && relationshipContent(current) === relationshipContent(r)) continue;
    const seq = tx.nextSeq();
    if (current) retire.push({ relationship: current, seq, reason: 'CORRECTED' });
    create.push({ relationship: r, version: (versions.get(r.id) ?? 0) + 1, seq, seeded: true });
    record({ mutation: 'seedRelation', ids: [r.id], before: current ?? null, after: r, reason: null }, current ? 'corrected' : 'created');
  }
  for (const id of seededIds) {
    const current = live.get(id);
    if (declaredIds.has(id) || !current) continue;
    const seq = tx.nextSeq();
    retire.push({ relationship: current, seq, reason: 'RETRACTED' });
    record({ mutation: 'seedRetractRelation', ids: [id], before: current, after: null, reason: 'no longer in the seed' }, 'retracted');
  }
  await tx.retireRelationships(retire);
  await tx.createRelationships(create);
}

async function seedSanctions(
  tx: ChangeTransaction,
  declared: readonly SanctionModel[],
  seededIds: readonly string[],
  record: Record,
): Promise<void> {
  const declaredIds = new Set(declared.map((s) => s.id));
  const live = await tx.findSanctions([...declaredIds, ...seededIds]);
  const versions = await tx.lastSanctionVersions([...declaredIds]);
  const seededSet = new Set(seededIds);
  const retireEdges: Parameters<ChangeTransaction['retireRelationships']>[0][number][] = [];
  const retire: Parameters<ChangeTransaction['retireSanctions']>[0][number][] = [];
  const create: Parameters<ChangeTransaction['createSanctions']>[0][number][] = [];
  const edges: Parameters<ChangeTransaction['createRelationships']>[0][number][] = [];
  const end = (current: SanctionModel, seq: number, reason: 'CORRECTED' | 'RETRACTED'): void => {
    retireEdges.push(...sanctionedEdges(current).map((relationship) => ({ relationship, seq, reason })));
    retire.push({ id: current.id, seq, reason });
  };
  for (const s of declared) {
    const current = live.get(s.id);
    if (current && !seededSet.has(s.id)) continue;
    if (current && sanctionContent(current) === sanctionContent(s)) continue;
    const seq = tx.nextSeq();
    const version = (versions.get(s.id) ?? 0) + 1;
    if (current) end(current, seq, 'CORRECTED');
    create.push({ sanction: s, version, seq, seeded: true });
    const derived = sanctionedEdges(s);
    edges.push(...derived.map((relationship) => ({ relationship, version, seq, seeded: true })));
    record(
      { mutation: 'seedSanction', ids: [s.id, ...derived.map((e) => e.id)], before: current ?? null, after: s, reason: null },
      current ? 'corrected' : 'created',
    );
  }
  for (const id of seededIds) {
    const current = live.get(id);
    if (declaredIds.has(id) || !current) continue;
    const seq = tx.nextSeq();
    end(current, seq, 'RETRACTED');
    record({ mutation: 'seedRetractSanction', ids: [id], before: current, after: null, reason: 'no longer in the seed' }, 'retracted');
  }
  await tx.retireRelationships(retireEdges);
  await tx.retireSanctions(retire);
  await tx.createSanctions(create);
  await tx.createRelationships(edges);
}

async function seedDisputes(tx: ChangeTransaction, disputes: readonly SeedDispute[], record: Record): Promise<void> {
  const stored = await tx.findDisputes(disputes.map((d) => d.id));
  const changed: SeedDispute[] = [];
  for (const d of disputes) {
    const before = stored.get(d.id);
    // Neo4j stores no null property: compare what a write would store.
    const props = Object.fromEntries(Object.entries(disputeRow(d)['props'] as { [key: string]: unknown }).filter(([, v]) => v !== null));
    if (before && stableJson(before) === stableJson(props)) continue;
    tx.nextSeq();
    changed.push(d);
    record(
      { mutation: 'seedDispute', ids: [d.id, d.disputed.id, d.disputing.id], before: before ?? null, after: d, reason: null },
      before ? 'corrected' : 'created',
    );
  }
  await tx.writeDisputes(changed);
}
