import type { RelationshipModel, SanctionModel } from '../../graph/model.js';

/**
 * The SANCTIONED edges a sanction stands for: one per authority and target, so traversals see sanctions
 * as actor-to-actor edges. An edge is INFERRED when either part is, with the lower of the confidences, and
 * cites the sentences of both parts. The seed loader and the curation service both derive them here, so
 * an edge and its Sanction can never disagree.
 *
 * @example
 * const edges = sanctionedEdges(sanction); // ids `${sanction.id}:${authority}:${target}`
 */
export function sanctionedEdges(s: Omit<SanctionModel, 'authorityIds' | 'targetIds'>): RelationshipModel[] {
  const authorities = s.parties.filter((p) => p.role === 'AUTHORITY');
  const targets = s.parties.filter((p) => p.role === 'TARGET');
  return authorities.flatMap((authority) =>
    targets.map((target): RelationshipModel => {
      const inferred = [authority, target].filter((p) => p.status === 'INFERRED');
      return {
        id: `${s.id}:${authority.actorId}:${target.actorId}`,
        type: 'SANCTIONED',
        fromId: authority.actorId,
        toId: target.actorId,
        role: null,
        topics: [],
        sanctionId: s.id,
        date: s.timeBasis === 'DATED' ? s.date : null,
        validFrom: null,
        validTo: null,
        noLaterThan: s.timeBasis === 'BOUNDED' ? s.date : null,
        evidence: {
          ...s.evidence,
          sentences: [...new Set([...authority.sentences, ...target.sentences])].sort((x, y) => x - y),
          confidence: Math.min(s.evidence.confidence, authority.confidence, target.confidence),
          status: inferred.length > 0 ? 'INFERRED' : 'ASSERTED',
          inferredFrom: inferred.length > 0 ? inferred.map((p) => p.inferredFrom).join(' ') : null,
        },
      };
    }),
  );
}
