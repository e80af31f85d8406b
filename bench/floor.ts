/**
 * The floor (F0) and the HTTP floor (F1) run these: the statements this server sends for each workload,
 * imported from src/graph/cypher, with the same parameters, straight through neo4j-driver.
 */
import neo4j, { type Driver } from 'neo4j-driver';

import { FIND_ACTORS_BY_IDS, LIST_ACTORS } from '../src/graph/cypher/actor-cypher.js';
import { COMPILED_EXAMPLES, levelParam } from '../src/graph/cypher/compiled-cypher.js';
import type { CypherQuery } from '../src/graph/cypher/cypher-query.js';
import { WHO_SANCTIONED } from '../src/graph/cypher/finding-cypher.js';
import { detailParams } from '../src/graph/cypher/fragments.js';
import { NEIGHBOURHOOD, SHORTEST_PATHS } from '../src/graph/cypher/path-cypher.js';
import { RELATIONSHIPS_OF_ACTORS } from '../src/graph/cypher/relationship-cypher.js';
import { RELATIONSHIP_TYPES, STRICT_EDGES, type TraversalDetail } from '../src/graph/model.js';

/** Runs one statement and returns its rows as plain objects. */
export type RunStatement = (query: CypherQuery, params: Record<string, unknown>) => Promise<Record<string, unknown>[]>;

/** The names of the floor operations. */
export type FloorOpName = 'point' | 'nested' | 'nestedLoaders' | 'transitive' | 'paths' | 'neighbourhood' | 'list';

/** Variables of one floor call; which ones are used depends on the operation. */
export interface FloorVars {
  readonly id?: string;
  readonly from?: string;
  readonly to?: string;
  readonly hops?: number;
  readonly afterKey?: string | null;
  readonly afterId?: string | null;
}

/** Path bound used by every variant (the schema allows 1..6); 5+ hop pairs need the largest. */
export const PATH_MAX_HOPS = 6;
/** Findings per who-sanctioned answer, every variant (the server's default `first`; BENCHMARK.md: limit 100). */
export const TRANSITIVE_LIMIT = 100;

/** Neighbourhood size limit used by every variant. */
export const NEIGHBOURHOOD_LIMIT = 100;

/**
 * The projection levels S derives from the workloads' selections (bench/workloads.ts): F0, F1 and P run
 * the same statement text with the same parameters.
 */
export const WORKLOAD_DETAIL = {
  // sanction { id } authority { id } targeted { id }, no chains
  transitive: { actors: 'ref', relationships: 'none', sanctions: 'ref' },
  // actors { id } hops { direction relationship { id } }
  paths: { actors: 'ref', relationships: 'ref', sanctions: 'ref' },
  // nodes { id name } edges { id type }
  neighbourhood: { actors: 'summary', relationships: 'ref', sanctions: 'ref' },
  // relationships { edges { node { id } other { id name } } }
  nested: { actors: 'summary', relationships: 'ref', sanctions: 'ref' },
} as const satisfies Record<string, TraversalDetail>;
const NO_FILTER = { kinds: null, country: null, nameContains: null, nameStartsWith: null, imposedSanctions: null, receivedSanctions: null };
const need = (value: string | undefined, name: string): string => {
  if (value === undefined) throw new Error(`missing ${name}`);
  return value;
};

/** The statements of one operation, in the order (and with the parallelism) the server sends them. */
export async function runFloorOp(run: RunStatement, op: FloorOpName, v: FloorVars): Promise<unknown> {
  switch (op) {
    case 'point':
      return run(FIND_ACTORS_BY_IDS, { ids: [need(v.id, 'id')] });
    case 'nested': {
      // What S sends since issue 18: both levels in the one compiled statement of the selection's shape.
      const detail = detailParams(WORKLOAD_DETAIL.nested);
      const level = (k: number, limit: number): Record<string, unknown> => ({
        [levelParam(k, 'types')]: ['SANCTIONED'],
        [levelParam(k, 'asOf')]: null,
        [levelParam(k, 'after')]: null,
        [levelParam(k, 'limit')]: neo4j.int(limit),
        [levelParam(k, 'includeInferred')]: false,
        [levelParam(k, 'includeUndated')]: false,
        [levelParam(k, 'actorLevel')]: detail.actorLevel,
        [levelParam(k, 'relationshipLevel')]: detail.relationshipLevel,
      });
      return run(COMPILED_EXAMPLES.nested, { ids: [need(v.id, 'id')], ...level(1, 11), ...level(2, 6) });
    }
    case 'nestedLoaders': {
      // The DataLoader path (COMPILE_SELECTIONS=false): one statement per level.
      const id = need(v.id, 'id');
      const actor = await run(FIND_ACTORS_BY_IDS, { ids: [id] });
      const page = {
        types: ['SANCTIONED'],
        asOf: null,
        after: null,
        includeInferred: false,
        includeUndated: false,
        ...detailParams(WORKLOAD_DETAIL.nested),
      };
      const [first] = await run(RELATIONSHIPS_OF_ACTORS.OUTGOING.uncounted, { ...page, ids: [id], limit: neo4j.int(11) });
      const items = ((first?.['page'] as { other: { id: string } }[] | undefined) ?? []).slice(0, 10);
      const second =
        items.length === 0
          ? []
          : await run(RELATIONSHIPS_OF_ACTORS.OUTGOING.uncounted, { ...page, ids: items.map((i) => i.other.id), limit: neo4j.int(6) });
      return { actor, first, second };
    }
    case 'transitive':
      // The statement returns the sanctions and actors projected; the server primes its loaders with them.
      return run(WHO_SANCTIONED.indirect.ALL.page, {
        id: need(v.id, 'id'),
        asOf: null,
        skip: neo4j.int(0),
        limit: neo4j.int(TRANSITIVE_LIMIT),
        ...STRICT_EDGES,
        ...detailParams(WORKLOAD_DETAIL.transitive),
      });
    case 'paths':
      return run(SHORTEST_PATHS.get(PATH_MAX_HOPS) as CypherQuery, {
        from: need(v.from, 'from'),
        to: need(v.to, 'to'),
        types: RELATIONSHIP_TYPES,
        asOf: null,
        limit: neo4j.int(5),
        ...STRICT_EDGES,
        ...detailParams(WORKLOAD_DETAIL.paths),
      });
    case 'neighbourhood':
      return run(NEIGHBOURHOOD.get(v.hops ?? 1) as CypherQuery, {
        id: need(v.id, 'id'),
        types: RELATIONSHIP_TYPES,
        asOf: null,
        limit: neo4j.int(NEIGHBOURHOOD_LIMIT),
        edgeLimit: neo4j.int(NEIGHBOURHOOD_LIMIT * 10),
        ...STRICT_EDGES,
        ...detailParams(WORKLOAD_DETAIL.neighbourhood),
      });
    case 'list':
      return run(LIST_ACTORS.NAME.ASC, {
        ...NO_FILTER,
        fromName: typeof v.afterKey === 'string' ? v.afterKey : '',
        afterKey: v.afterKey ?? null,
        afterId: v.afterId ?? null,
        limit: neo4j.int(21),
      });
  }
}

/** A driver with the settings the server uses. */
export function floorDriver(uri: string): Driver {
  return neo4j.driver(uri, undefined, {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 100,
    logging: { level: 'error', logger: () => undefined },
  });
}

/**
 * Runs statements as read queries, each in an auto-commit transaction of its own session (RUN and PULL in
 * one write: the cheapest way the driver runs a statement, and the way S runs its single reads since
 * issue 18; `executeQuery` adds BEGIN and COMMIT); counts them in `counter`.
 */
export function driverRunner(driver: Driver, counter?: { count: number }): RunStatement {
  return async (query, params) => {
    if (counter) counter.count += 1;
    const session = driver.session({ database: 'neo4j', defaultAccessMode: neo4j.session.READ });
    try {
      const result = await session.run(query.text, params);
      return result.records.map((r) => r.toObject());
    } finally {
      await session.close();
    }
  };
}

/** One row of a PROFILE: the statement, its db hits and the rows it returned. */
export interface ProfileRow {
  readonly name: string;
  readonly dbHits: number;
  readonly rows: number;
  readonly ms: number;
}

interface PlanNode {
  readonly dbHits: number;
  readonly rows: number;
  readonly children: readonly PlanNode[];
}

const sumHits = (p: PlanNode): number => p.dbHits + p.children.reduce((n, c) => n + sumHits(c), 0);

/** Runs statements under PROFILE and records their db hits. */
export function profileRunner(driver: Driver, out: ProfileRow[]): RunStatement {
  return async (query, params) => {
    const started = performance.now();
    const result = await driver.executeQuery(`PROFILE\n${query.text}`, params, { database: 'neo4j', routing: neo4j.routing.READ });
    const profile = result.summary.profile as unknown as PlanNode | false;
    out.push({
      name: query.name,
      dbHits: profile ? sumHits(profile) : 0,
      rows: result.records.length,
      ms: Math.round(performance.now() - started),
    });
    return result.records.map((r) => r.toObject());
  };
}
