/**
 * The workloads of one size, on the graph that is loaded: hubs and median-degree actors, authorities and
 * targets, path pairs bucketed by their true distance, the keyset position and the peer's cursor of page
 * 50. Sampling is seeded, so a size and seed give the same requests every run.
 */
import neo4j from 'neo4j-driver';

import { LIST_ACTORS } from '../src/graph/cypher/actor-cypher.js';
import { RELATIONSHIP_TYPES } from '../src/graph/model.js';
import { actorListScope } from '../src/services/actor-service.js';
import { encodeCursor } from '../src/services/cursor.js';
import type { HttpVariant, Settings } from './bench-result.js';
import { driverRunner, floorDriver } from './floor.js';
import { layoutOf, Rng, type SizeName, SIZES } from './gen-graph.js';
import { log, postJson, type Server } from './processes.js';
import {
  listRequest,
  neighbourhoodRequests,
  nestedRequests,
  pathRequests,
  pointRequests,
  transitiveRequests,
  type Workload,
} from './workloads.js';

/** The workloads of `size`, read from the bench Neo4j at `uri` (and, for P's cursor, from P). */
export async function buildWorkloads(uri: string, size: SizeName, s: Settings, servers: Map<HttpVariant, Server>): Promise<Workload[]> {
  const driver = floorDriver(uri);
  const run = driverRunner(driver);
  const rng = new Rng(s.seed);
  const sample = <T>(items: readonly T[], n: number): T[] => {
    if (items.length <= n) return [...items];
    return Array.from({ length: n }, (_, k) => items[Math.floor(((k + rng.next()) * items.length) / n)] as T);
  };
  try {
    const degrees = (
      await run({ name: 'benchDegrees', text: 'MATCH (a:Actor) RETURN a.id AS id, COUNT { (a)--(:Actor) } AS d ORDER BY d DESC, id' }, {})
    ).map((r) => r['id'] as string);
    const hubs = degrees.slice(0, 3);
    const mid = Math.floor(degrees.length / 2);
    const median = degrees.slice(mid - 1, mid + 2);
    const authorities = (
      await run(
        { name: 'benchAuthorities', text: 'MATCH (a:Actor)-[:SANCTIONED]->() WITH a, count(*) AS n RETURN a.id AS id ORDER BY n DESC, id' },
        {},
      )
    ).map((r) => r['id'] as string);
    const targets = (
      await run({ name: 'benchTargets', text: 'MATCH (:Sanction)-[:TARGETS]->(t:Actor) RETURN DISTINCT t.id AS id ORDER BY id' }, {})
    ).map((r) => r['id'] as string);

    // Path pairs, bucketed by their true distance (up to 10 hops, all relationship types, both directions).
    const layout = layoutOf(SIZES[size]);
    const mainId = (): string => `a${layout.states + rng.int(layout.main - layout.states)}`;
    const tailId = (t: number, pos: number): string => `a${layout.main + (t % layout.tails) * 8 + pos}`;
    const islandId = (k: number): string => `a${layout.main + layout.tails * 8 + (k % layout.islands) * 4}`;
    const candidates: [string, string][] = [];
    for (let k = 0; k < 8; k++) {
      const a = mainId();
      const near = await run(
        { name: 'benchNear', text: 'MATCH (:Actor {id: $id})--(b:Actor)--(c:Actor) RETURN b.id AS b, c.id AS c LIMIT 1' },
        { id: a },
      );
      if (near[0]) candidates.push([a, near[0][k % 2 === 0 ? 'b' : 'c'] as string]);
    }
    for (let k = 0; k < 10; k++) candidates.push([mainId(), mainId()]);
    for (let k = 0; k < 8; k++) candidates.push([tailId(k, 2 + (k % 4)), mainId()]);
    for (let k = 0; k < 4; k++) candidates.push([mainId(), islandId(k)]);
    for (let k = 0; k < 2; k++) candidates.push([tailId(k, 7), mainId()]);
    const buckets = new Map<string, [string, string][]>([
      ['1-2', []],
      ['3-4', []],
      ['5-6', []],
      ['unreachable', []],
    ]);
    for (const [from, to] of candidates) {
      const [row] = await run(
        {
          name: 'benchDistance',
          text: 'MATCH p = SHORTEST 1 (a:Actor {id: $from})-[r WHERE type(r) IN $types]-{1,10}(b:Actor {id: $to}) RETURN length(p) AS d',
        },
        { from, to, types: RELATIONSHIP_TYPES },
      );
      const d = row ? (row['d'] as number) : Infinity;
      const bucket = d <= 2 ? '1-2' : d <= 4 ? '3-4' : d <= 6 ? '5-6' : 'unreachable';
      const list = buckets.get(bucket) ?? [];
      if (list.length < 6) list.push([from, to]);
    }

    // Page 50 (actors 981-1000 by name): keyset position for F and S, the peer's own cursor for P.
    const before = await run(LIST_ACTORS.NAME.ASC, {
      kinds: null,
      country: null,
      nameContains: null,
      nameStartsWith: null,
      imposedSanctions: null,
      receivedSanctions: null,
      fromName: '',
      afterKey: null,
      afterId: null,
      limit: neo4j.int(980),
    });
    const last = before.at(-1) as { key: string; actor: { id: string } };
    const position = { key: last.key, id: last.actor.id };
    const peer = await postJson(servers.get('P') as Server, {
      query: 'query { actorsConnection(first: 980, sort: [{ name: ASC }, { id: ASC }]) { pageInfo { endCursor } } }',
    });
    const peerData = peer.json as { data?: { actorsConnection?: { pageInfo: { endCursor: string } } }; errors?: { message: string }[] };
    // The peer's cursors are offsets (graphql-relay's "arrayconnection:<n>"); build it when the walk fails.
    const pCursor =
      peerData.data?.actorsConnection?.pageInfo.endCursor ??
      (log(`P could not walk to page 50 (${peerData.errors?.[0]?.message ?? 'no data'}); using its offset cursor`),
      Buffer.from('arrayconnection:979').toString('base64'));

    const workloads: Workload[] = [
      { key: 'point', title: 'Point lookup by id', requests: pointRequests(sample(degrees, 50)) },
      { key: 'nested', title: '2-hop nested: SANCTIONED first 10 -> target -> first 5', requests: nestedRequests(sample(authorities, 12)) },
      {
        key: 'transitive',
        title: 'Who sanctioned (indirect, 0..4 acting-for hops each side)',
        requests: transitiveRequests(sample(targets, 12)),
      },
    ];
    for (const [bucket, pairs] of buckets) {
      if (pairs.length > 0)
        workloads.push({ key: `paths-${bucket}`, title: `Shortest paths, distance ${bucket}`, requests: pathRequests(pairs) });
    }
    for (const hops of s.quick ? [1, 3] : [1, 2, 3]) {
      workloads.push({ key: `hood-hub-${hops}`, title: `Neighbourhood k=${hops} from hubs`, requests: neighbourhoodRequests(hubs, hops) });
      workloads.push({
        key: `hood-median-${hops}`,
        title: `Neighbourhood k=${hops} from median-degree actors`,
        requests: neighbourhoodRequests(median, hops),
      });
    }
    workloads.push({ key: 'list-1', title: 'Actor list, first page (20 by name)', requests: [listRequest(null, null, null)] });
    workloads.push({
      key: 'list-50',
      title: 'Actor list, page 50',
      requests: [
        listRequest(
          position,
          encodeCursor(
            actorListScope(
              { kinds: null, country: null, nameContains: null, nameStartsWith: null, imposedSanctions: null, receivedSanctions: null },
              'NAME',
              'ASC',
            ),
            [position.key, position.id],
          ),
          pCursor,
        ),
      ],
    });
    return workloads;
  } finally {
    await driver.close();
  }
}
