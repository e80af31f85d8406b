import { cypher, type CypherQuery } from './cypher-query.js';
import { sanctionProjection } from './fragments.js';

/**
 * Alignment of listings (issue 20): who listed a target, when, and how far behind the first. Lags are
 * computed by the service from the dates these statements return (src/services/alignment-service.ts), since
 * they depend on precision and time basis; see docs/model.md, "Alignment and lag".
 */

/** The earliest sanction first: by date (a bound's day for a BOUNDED one), then its period's end, then id. */
const EARLIEST = (s: string): string => `${s}.date, coalesce(${s}.knownFrom, ${s}.date), ${s}.id`;

/** Where the targets come from: one actor, the targets of one sanction, of a program, or every target. */
const ANCHORS = {
  target: 'MATCH (t:Actor {id: $target})',
  sanction: 'MATCH (:Sanction {id: $sanction})-[:TARGETS]->(t:Actor)',
  program: 'MATCH (:Sanction {program: $program})-[:TARGETS]->(t:Actor)',
  all: 'MATCH (:Sanction)-[:TARGETS]->(t:Actor)',
} as const;

/** Which statement of {@link ALIGNMENT} answers a request: the most selective anchor it names. */
export type AlignmentAnchor = keyof typeof ANCHORS;

function alignment(anchor: AlignmentAnchor): CypherQuery {
  // A target named alongside a sanction or program must be one of its targets.
  const also =
    anchor === 'target'
      ? `
WHERE ($sanction IS NULL OR EXISTS { (:Sanction {id: $sanction})-[:TARGETS]->(t) })
  AND ($program IS NULL OR EXISTS { (:Sanction {program: $program})-[:TARGETS]->(t) })`
      : anchor === 'sanction'
        ? `
WHERE ($program IS NULL OR EXISTS { (:Sanction {program: $program})-[:TARGETS]->(t) })`
        : '';
  return cypher(
    `alignment${anchor.charAt(0).toUpperCase()}${anchor.slice(1)}`,
    `
${ANCHORS[anchor]}${also}
WITH DISTINCT t
CALL (t) {
  MATCH (a:Actor)-[p:IMPOSED]->(s:Sanction)-[:TARGETS]->(t)
  WHERE ($from IS NULL OR coalesce(s.knownFrom, s.date) >= date($from))
    AND ($to IS NULL OR s.date <= date($to))
  WITH a, p, s ORDER BY ${EARLIEST('s')}
  WITH a, head(collect([s, p])) AS pick
  WITH a, pick[0] AS s, pick[1] AS p
  ORDER BY ${EARLIEST('s')}, a.id
  LIMIT 500
  RETURN collect({authorityId: a.id, status: coalesce(p.status, 'ASSERTED'), sanction: ${sanctionProjection('s')}}) AS listings,
         min(s.date) AS firstDate
}
WITH t, listings, firstDate WHERE size(listings) > 0
RETURN t.id AS targetId, listings
ORDER BY firstDate, targetId
LIMIT $limit`,
  );
}

/**
 * Targets with each authority's first listing of them (its earliest sanction on the target within the
 * window), earliest first; targets by their first listing, then id. One statement per anchor.
 */
export const ALIGNMENT: Readonly<Record<AlignmentAnchor, CypherQuery>> = {
  target: alignment('target'),
  sanction: alignment('sanction'),
  program: alignment('program'),
  all: alignment('all'),
};

const DATE_OF = (s: string): string =>
  `{date: ${s}.date, precision: ${s}.datePrecision, derivation: ${s}.dateDerivation, timeBasis: ${s}.timeBasis}`;

/**
 * Whom an authority followed: for each target it listed, its first listing and every other authority's
 * first listing of the same target dated on or before it (by `date`), grouped by that leader; most targets
 * first, then by leader id.
 */
export const FOLLOWERS = cypher(
  'followers',
  `
MATCH (f:Actor {id: $authority})-[:IMPOSED]->(fs:Sanction)-[:TARGETS]->(t:Actor)
WITH f, t, fs ORDER BY ${EARLIEST('fs')}
WITH f, t, head(collect(fs)) AS fs
MATCH (l:Actor)-[:IMPOSED]->(ls:Sanction)-[:TARGETS]->(t)
WHERE l <> f
WITH t, fs, l, ls ORDER BY ${EARLIEST('ls')}
WITH t, fs, l, head(collect(ls)) AS ls
WHERE ls.date <= fs.date
WITH l, t, fs, ls ORDER BY t.id
WITH l, collect({targetId: t.id, sameSanction: ls = fs, joint: ls = fs AND coalesce(fs.joint, false),
                 leader: ${DATE_OF('ls')}, follower: ${DATE_OF('fs')}}) AS pairs
RETURN l.id AS leaderId, pairs
ORDER BY size(pairs) DESC, leaderId
LIMIT $limit`,
);
