// Constraints and indexes of the graph, applied by `npm run seed` and at start-up. Idempotent.
CREATE CONSTRAINT actor_id_unique IF NOT EXISTS FOR (n:Actor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id_unique IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT sanction_id_unique IF NOT EXISTS FOR (n:Sanction) REQUIRE n.id IS UNIQUE;
CREATE INDEX actor_name IF NOT EXISTS FOR (n:Actor) ON (n.name);
CREATE INDEX actor_country IF NOT EXISTS FOR (n:Actor) ON (n.country);
CREATE INDEX actor_kind IF NOT EXISTS FOR (n:Actor) ON (n.kind);
CREATE INDEX sanction_date IF NOT EXISTS FOR (n:Sanction) ON (n.date);
CREATE INDEX sanction_source IF NOT EXISTS FOR (n:Sanction) ON (n.sourceId);
CREATE CONSTRAINT dispute_id_unique IF NOT EXISTS FOR (n:Dispute) REQUIRE n.id IS UNIQUE;
CREATE INDEX dispute_disputed IF NOT EXISTS FOR (n:Dispute) ON (n.disputedId);
CREATE INDEX dispute_disputing IF NOT EXISTS FOR (n:Dispute) ON (n.disputingId);
// Search reads names, aliases and descriptions, stemmed by the English analyzer ("sanctioned" and
// "sanctions" index as "sanction"). It replaced actor_names (names and aliases, no stemming).
DROP INDEX actor_names IF EXISTS;
CREATE FULLTEXT INDEX actor_search IF NOT EXISTS FOR (n:Actor) ON EACH [n.name, n.aliasText, n.description]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}};
