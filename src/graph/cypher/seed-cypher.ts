import { ACTOR_KINDS, RELATIONSHIP_TYPES, type RelationshipType } from '../model.js';
import { relationshipPropertyMap } from '../relationship-properties.js';
import { cypher, type CypherQuery } from './cypher-query.js';
import { sanctionPartyEdges } from './fragments.js';

const KIND_LABELS = Object.values(ACTOR_KINDS).join(':');

/** Writes sources; rows carry plain values and ISO dates. */
export const MERGE_SOURCES = cypher(
  'mergeSources',
  `
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s = row.props,
    s.publishedOn = date(row.publishedOn)`,
);

/**
 * Writes actors: the common Actor label plus exactly one kind label (stale kind labels are removed so a
 * re-run after a change of kind leaves one), and the MENTIONED_IN link to their source.
 */
export const MERGE_ACTORS = Object.fromEntries(
  Object.entries(ACTOR_KINDS).map(([kind, label]) => [
    kind,
    cypher(
      `mergeActors${label}`,
      `
UNWIND $rows AS row
MERGE (a:Actor {id: row.id})
REMOVE a:${KIND_LABELS}
SET a = row.props, a:${label}
WITH a, row
MATCH (s:Source {id: row.sourceId})
MERGE (a)-[m:MENTIONED_IN]->(s)
SET m.sentences = row.mentions`,
    ),
  ]),
) as Record<keyof typeof ACTOR_KINDS, CypherQuery>;

/**
 * Writes relationships of one type between existing actors. One static statement per allow-listed type:
 * the type is never a parameter, and never comes from a user. `row.p` holds the values of
 * `relationshipValues` (the bench bulk loader stores the same list through the same map); replacing the
 * whole map removes properties that became null.
 */
export const MERGE_RELATIONSHIPS = Object.fromEntries(
  RELATIONSHIP_TYPES.map((type) => [
    type,
    cypher(
      `mergeRelationships${type}`,
      `
UNWIND $rows AS row
MATCH (a:Actor {id: row.fromId})
MATCH (b:Actor {id: row.toId})
MERGE (a)-[r:${type} {id: row.id}]->(b)
SET r = ${relationshipPropertyMap('row.p', 0)}`,
    ),
  ]),
) as Record<RelationshipType, CypherQuery>;

/** Writes sanctions with their authorities and targets (each with the evidence for its part) and list. */
export const MERGE_SANCTIONS = cypher(
  'mergeSanctions',
  `
UNWIND $rows AS row
MERGE (s:Sanction {id: row.id})
SET s = row.props, s.date = date(row.date), s.knownFrom = date(row.knownFrom), s.delistedOn = date(row.delistedOn)
WITH s, row
${sanctionPartyEdges('MERGE')}`,
);

/**
 * The stored properties of disputes by id: the seed compares them with its disputes.yaml files, inside its
 * audited transaction, and writes (MERGE_DISPUTES) only those that changed, one change each.
 */
export const FIND_SEED_DISPUTES = cypher(
  'findSeedDisputes',
  `
UNWIND $ids AS id
MATCH (d:Dispute {id: id})
RETURN id, properties(d) AS props`,
);

/** Counts of what the graph holds, for idempotence checks and start-up logs. */
export const COUNT_GRAPH = cypher(
  'countGraph',
  `
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
CALL () { MATCH (a:Actor) RETURN count(a) AS actors }
RETURN nodes, relationships, actors`,
);
