// Constraints and indexes of the graph, applied by `npm run seed` and at start-up. Idempotent.
CREATE CONSTRAINT actor_id_unique IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id_unique IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sanction_id_unique IF NOT EXISTS FOR (n:Sanction) REQUIRE n.id IS UNIQUE;
CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name);
CREATE INDEX actor_country IF NOT EXISTS FOR (n:Actor) ON (n.country);
CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind);
CREATE INDEX sanction_date IF NOT EXISTS FOR (n:Sanction) ON (n.date);
CREATE INDEX sanction_source IF NOT EXISTS FOR (n:Sanction) ON (n.sourceId);
// Relationships by id alone (a federation gateway's entity references, docs/federation.md): one range index
// per relationship type, which Neo4j seeks as a union for a pattern naming every type. One line per type
// of RELATIONSHIP_TYPES in src/graph/model.ts (a unit test keeps them in step, and no comment here may hold a semicolon).
CREATE INDEX relationship_id_sanctioned IF NOT EXISTS FOR ()-[r:SANCTIONED]-() ON (r.id);
CREATE INDEX relationship_id_listed_on IF NOT EXISTS FOR ()-[r:LISTED_ON]-() ON (r.id);
CREATE INDEX relationship_id_acted_jointly_with IF NOT EXISTS FOR ()-[r:ACTED_JOINTLY_WITH]-() ON (r.id);
CREATE INDEX relationship_id_leads IF NOT EXISTS FOR ()-[r:LEADS]-() ON (r.id);
CREATE INDEX relationship_id_holds_role_in IF NOT EXISTS FOR ()-[r:HOLDS_ROLE_IN]-() ON (r.id);
CREATE INDEX relationship_id_speaks_for IF NOT EXISTS FOR ()-[r:SPEAKS_FOR]-() ON (r.id);
CREATE INDEX relationship_id_part_of IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.id);
CREATE INDEX relationship_id_represents IF NOT EXISTS FOR ()-[r:REPRESENTS]-() ON (r.id);
CREATE INDEX relationship_id_ousted IF NOT EXISTS FOR ()-[r:OUSTED]-() ON (r.id);
CREATE INDEX relationship_id_seized_power_in IF NOT EXISTS FOR ()-[r:SEIZED_POWER_IN]-() ON (r.id);
CREATE INDEX relationship_id_persecuted IF NOT EXISTS FOR ()-[r:PERSECUTED]-() ON (r.id);
CREATE INDEX relationship_id_accused IF NOT EXISTS FOR ()-[r:ACCUSED]-() ON (r.id);
CREATE INDEX relationship_id_targeted IF NOT EXISTS FOR ()-[r:TARGETED]-() ON (r.id);
CREATE INDEX relationship_id_denounced IF NOT EXISTS FOR ()-[r:DENOUNCED]-() ON (r.id);
CREATE INDEX relationship_id_called_on_to_reverse IF NOT EXISTS FOR ()-[r:CALLED_ON_TO_REVERSE]-() ON (r.id);
CREATE INDEX relationship_id_won IF NOT EXISTS FOR ()-[r:WON]-() ON (r.id);
CREATE INDEX relationship_id_alleged_fraud_in IF NOT EXISTS FOR ()-[r:ALLEGED_FRAUD_IN]-() ON (r.id);
CREATE INDEX relationship_id_dismissed_allegation IF NOT EXISTS FOR ()-[r:DISMISSED_ALLEGATION]-() ON (r.id);
CREATE INDEX relationship_id_held_summit_with IF NOT EXISTS FOR ()-[r:HELD_SUMMIT_WITH]-() ON (r.id);
CREATE INDEX relationship_id_has_strained_relations_with IF NOT EXISTS FOR ()-[r:HAS_STRAINED_RELATIONS_WITH]-() ON (r.id);
CREATE INDEX relationship_id_located_in IF NOT EXISTS FOR ()-[r:LOCATED_IN]-() ON (r.id);
CREATE INDEX relationship_id_national_of IF NOT EXISTS FOR ()-[r:NATIONAL_OF]-() ON (r.id);
CREATE CONSTRAINT dispute_id_unique IF NOT EXISTS FOR (n:Dispute) REQUIRE n.id IS UNIQUE;
CREATE INDEX dispute_disputed IF NOT EXISTS FOR (n:Dispute) ON (n.disputedId);
CREATE INDEX dispute_disputing IF NOT EXISTS FOR (n:Dispute) ON (n.disputingId);
// Search reads names, aliases and descriptions, stemmed by the English analyzer ("sanctioned" and
// "sanctions" index as "sanction"). It replaced actor_names (names and aliases, no stemming).
DROP INDEX actor_names IF EXISTS;
CREATE FULLTEXT INDEX actor_search IF NOT EXISTS FOR (n:Actor) ON EACH [n.name, n.aliasText, n.description]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
// Curated writes (issue 15, docs/curation.md): the audit trail, its counter and idempotency records, the
// versions a correction or retraction leaves, and the id index of WAS (the live types have theirs above),
// so a relationship is found by id without scanning, current or past.
CREATE CONSTRAINT change_seq_unique IF NOT EXISTS FOR (n:Change) REQUIRE n.seq IS UNIQUE;
CREATE CONSTRAINT change_counter_name_unique IF NOT EXISTS FOR (n:ChangeCounter) REQUIRE n.name IS UNIQUE;
CREATE CONSTRAINT idempotency_key_unique IF NOT EXISTS FOR (n:IdempotencyRecord) REQUIRE n.key IS UNIQUE;
CREATE INDEX change_idempotency_key IF NOT EXISTS FOR (n:Change) ON (n.idempotencyKey);
CREATE INDEX source_content_hash IF NOT EXISTS FOR (n:Source) ON (n.contentHash);
CREATE INDEX sanction_version_id IF NOT EXISTS FOR (n:SanctionVersion) ON (n.id);
CREATE INDEX actor_version_id IF NOT EXISTS FOR (n:ActorVersion) ON (n.id);
CREATE INDEX retracted_actor_id IF NOT EXISTS FOR (n:RetractedActor) ON (n.id);
CREATE INDEX merged_actor_id IF NOT EXISTS FOR (n:MergedActor) ON (n.id);
CREATE INDEX relationship_id_was IF NOT EXISTS FOR ()-[r:WAS]-() ON (r.id);
// Imported list editions (docs/import-export.md "How editions are stored"): one record state per series and
// record id, and the editions of a series.
CREATE CONSTRAINT source_record_unique IF NOT EXISTS FOR (n:SourceRecord) REQUIRE (n.seriesId, n.recordId) IS UNIQUE;
CREATE INDEX source_series IF NOT EXISTS FOR (n:Source) ON (n.seriesId);
// The match review queue of imports (issue 16, CONTRACT-16R): one review per record and imported actor,
// and the queue read by status.
CREATE CONSTRAINT match_review_id IF NOT EXISTS FOR (n:MatchReview) REQUIRE n.id IS UNIQUE;
CREATE INDEX match_review_status IF NOT EXISTS FOR (n:MatchReview) ON (n.status);
