/**
 * Cluster-ready driver use, against the local single instance (issue 19): a `neo4j://` routing URI
 * works (the instance serves a routing table naming itself for every role), reads run as READ (a write
 * statement in one is refused by the server), writes as WRITE, and a write's bookmark makes a read
 * session see it. A real cluster (leader, followers, read replicas) cannot run here; see docs/scaling.md.
 */
import { parseConfig } from '../../src/config/config.js';
import { AppError } from '../../src/errors/app-error.js';
import { cypher } from '../../src/graph/cypher/cypher-query.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import { OperationTrace } from '../../src/graph/operation-trace.js';
import { testEnv } from '../support/test-env.js';

const ROUTING_TABLE = cypher('testRoutingTable', "CALL dbms.routing.getRoutingTable({}, 'neo4j') YIELD servers RETURN servers");
const WRITE_PROBE = cypher('testWriteProbe', 'MERGE (p:TestRoutingProbe {id: $id}) SET p.value = $value RETURN p.value AS value');
const READ_PROBE = cypher('testReadProbe', 'MATCH (p:TestRoutingProbe {id: $id}) RETURN p.value AS value');
const CREATE_IN_READ = cypher('testCreateInRead', 'CREATE (p:TestRoutingProbe {id: $id}) RETURN p.id AS id');
const DELETE_PROBES = cypher('testDeleteProbes', 'MATCH (p:TestRoutingProbe) DETACH DELETE p');

/** The test Neo4j's address behind a routing scheme (the global setup names it with bolt://). */
function routingUri(): string {
  const uri = parseConfig(testEnv()).neo4j.uri;
  return uri.replace(/^bolt(\+s|\+ssc)?:/, 'neo4j$1:');
}

describe('a routing URI against the single instance', () => {
  let graph: GraphClient;
  const id = `routing-${process.pid}`;
  beforeAll(() => {
    graph = GraphClient.connect({ ...parseConfig(testEnv({ NEO4J_URI: routingUri() })).neo4j });
  });
  afterAll(async () => {
    await graph.write(DELETE_PROBES);
    await graph.close();
  });

  it('is a neo4j:// URI the configuration accepts, and the instance serves a routing table naming itself for every role', async () => {
    expect(routingUri()).toMatch(/^neo4j:\/\/127\.0\.0\.1:\d+$/);
    const [row] = await graph.read<{ servers: { role: string; addresses: string[] }[] }>(ROUTING_TABLE);
    const address = routingUri().replace(/^neo4j:\/\//, '');
    expect(row?.servers.map((s) => s.role).sort()).toEqual(['READ', 'ROUTE', 'WRITE']);
    for (const server of row?.servers ?? []) expect(server.addresses).toEqual([address]);
  });

  it('runs reads as READ transactions: the server refuses a write statement in one, and nothing is written', async () => {
    let refused: unknown;
    try {
      await graph.read(CREATE_IN_READ, { id: `${id}-read` });
    } catch (error) {
      refused = error;
    }
    // Untranslated by design (a bug of ours, masked for clients): the server's own access-mode code.
    expect((refused as { code?: string }).code).toBe('Neo.ClientError.Statement.AccessMode');
    expect(await graph.read(READ_PROBE, { id: `${id}-read` })).toEqual([]);
  });

  it('runs writes as WRITE transactions and returns the bookmark of the commit', async () => {
    const { value, bookmarks } = await graph.writeTransactionWithBookmarks(
      async (run) => (await run(WRITE_PROBE, { id, value: 1 })).records.length,
    );
    expect(value).toBe(1);
    expect(bookmarks).toHaveLength(1);
    expect(bookmarks[0]).toMatch(/^[A-Za-z0-9+/=:_-]{8,256}$/);
  });

  it('reads a write through a read session started from its bookmark', async () => {
    const { bookmarks } = await graph.writeTransactionWithBookmarks((run) => run(WRITE_PROBE, { id, value: 2 }));
    expect(await graph.readWithBookmarks(bookmarks, READ_PROBE, { id })).toEqual([{ value: 2 }]);
  });

  it('gives each write a new bookmark, and an operation trace collects those of its writes and reads from them', async () => {
    const trace = new OperationTrace(undefined, ['FB:from-the-client-is-replaced-by-the-write']);
    // A trace with only the client's bookmark would send it; the write below must not start from it
    // (that bookmark is not real), so it starts from an empty trace, as a mutation's first write does.
    const fresh = new OperationTrace();
    await graph.write(WRITE_PROBE, { id, value: 3 }, fresh);
    await graph.write(WRITE_PROBE, { id, value: 4 }, fresh);
    expect(fresh.writeBookmarks).toHaveLength(2);
    expect(new Set(fresh.writeBookmarks).size).toBe(2);
    expect(fresh.bookmarks).toEqual(fresh.writeBookmarks);
    expect(await graph.read(READ_PROBE, { id }, fresh)).toEqual([{ value: 4 }]);
    expect(trace.bookmarks).toEqual(['FB:from-the-client-is-replaced-by-the-write']);
    trace.writeCommitted(fresh.writeBookmarks);
    expect(trace.bookmarks).toEqual(fresh.writeBookmarks);
    expect(trace.count).toBe(0);
  });

  it('refuses a bookmark the database does not know with BAD_REQUEST, not a masked error', async () => {
    let refused: unknown;
    try {
      await graph.readWithBookmarks(['FB:not-a-bookmark'], READ_PROBE, { id });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('BAD_REQUEST');
  });
});
