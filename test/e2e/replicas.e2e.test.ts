/**
 * Stateless replicas behind a real balancer (issue 19): three API processes on loopback behind Debian's
 * HAProxy running deploy/haproxy.cfg, one shared Neo4j (the test one, by a neo4j:// routing URI). Every
 * assertion reads what HAProxy reports (its CSV statistics, its request log) or the request sequence,
 * never the clock.
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

import { bearer, createTestKey } from '../support/api-keys.js';
import { BoundedLoad, findHaproxy, LOAD_QUERY, type LoadRecord, type ReplicaSet, startTestReplicas, until } from '../support/replicas.js';

const haproxy = findHaproxy(process.env['PATH']);
if (!haproxy) {
  process.stderr.write(
    "replicas.e2e: SKIPPED: no `haproxy` on PATH or in /usr/sbin. Install Debian's package (apt-get install haproxy; .ci/run does) to run it.\n",
  );
}
const describeWithHaproxy = haproxy ? describe : describe.skip;

/** HAProxy's fall: failed checks before a server is DOWN (deploy/haproxy.cfg). */
const FALL = 2;
/** Clients of the bounded load. */
const CONCURRENCY = 6;

/** Requests of `records` that failed (no answer, or not the expected data). */
const failed = (records: readonly LoadRecord[]): LoadRecord[] => records.filter((r) => !r.ok);

describeWithHaproxy('three replicas behind HAProxy', () => {
  let set: ReplicaSet;
  beforeAll(async () => {
    set = await startTestReplicas(haproxy as string);
  }, 240_000);
  afterAll(async () => {
    await set?.close();
  });

  it('spreads reads over all three replicas, each naming itself in x-served-by', async () => {
    const servedBy: Record<string, number> = {};
    for (let i = 0; i < 30; i += 1) {
      const res = await fetch(`${set.url}?query=${encodeURIComponent(LOAD_QUERY)}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ data: { actor: { id: 'china', name: 'China' } } });
      const name = res.headers.get('x-served-by') ?? 'none';
      servedBy[name] = (servedBy[name] ?? 0) + 1;
    }
    // Round robin over three healthy servers: exactly a third each.
    expect(servedBy).toEqual({ api1: 10, api2: 10, api3: 10 });
  });

  it('reads a write made through replica 1 on replica 3 with its bookmark, and streams it to a subscriber of replica 2', async () => {
    const port = (name: string): number => {
      const member = set.members.find((m) => m.name === name);
      if (!member) throw new Error(`no replica ${name}`);
      return member.port;
    };
    const direct = (name: string): string => `http://127.0.0.1:${port(name)}/graphql`;
    const editor = await createTestKey('EDITOR');
    const id = `replica-write-${process.pid}`;

    // A subscriber of api2's change feed (from the start of the log: it replays what is there, then waits).
    const client = createClient({ url: `ws://127.0.0.1:${port('api2')}/graphql`, webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
    const seen: { seq: number; ids: readonly string[] }[] = [];
    const stop = client.subscribe<{ graphChanged: { seq: number; ids: string[] } }>(
      { query: 'subscription($after: Int) { graphChanged(after: $after) { seq ids } }', variables: { after: 0 } },
      { next: (message) => void (message.data && seen.push(message.data.graphChanged)), error: () => undefined, complete: () => undefined },
    );
    try {
      const write = await fetch(direct('api1'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(editor) },
        body: JSON.stringify({
          query: 'mutation($input: UpsertActorInput!) { upsertActor(input: $input) { seq actor { id name } } }',
          variables: { input: { id, kind: 'COMPANY', name: 'Replica Test Company', idempotencyKey: id } },
        }),
      });
      expect(write.status).toBe(200);
      const written = (await write.json()) as { data: { upsertActor: { seq: number; actor: { id: string } } } };
      expect(written.data.upsertActor.actor.id).toBe(id);
      expect(write.headers.get('x-served-by')).toBe('api1');
      const bookmark = write.headers.get('neo4j-bookmark');
      expect(bookmark).toMatch(/\S/);

      // Replica 3, with the bookmark, reads at least that state.
      const read = await fetch(direct('api3'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'neo4j-bookmark': bookmark as string },
        body: JSON.stringify({ query: 'query($id: ID!) { actor(id: $id) { id name } }', variables: { id } }),
      });
      expect(read.headers.get('x-served-by')).toBe('api3');
      expect(await read.json()).toMatchObject({ data: { actor: { id, name: 'Replica Test Company' } } });

      // Replica 2's feed delivers the change made through replica 1 (it polls the change log).
      await until(() => seen.some((c) => c.seq === written.data.upsertActor.seq), "api2's feed to deliver the write made through api1");
      expect(seen.find((c) => c.seq === written.data.upsertActor.seq)?.ids).toContain(id);
    } finally {
      stop();
      await client.dispose();
      await fetch(direct('api1'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(editor) },
        body: JSON.stringify({
          query: 'mutation($id: ID!) { retractActor(id: $id, reason: "replica test done") { seq } }',
          variables: { id },
        }),
      });
    }
  });

  it('loses no request but those in flight on a replica killed under load, and routes around it after exactly `fall` failed checks', async () => {
    const before = await set.statsOf('api2');
    expect(before?.status).toBe('UP');
    const load = new BoundedLoad(set.url, CONCURRENCY, 'kill', true);
    load.start();
    // Under way on every replica before the kill.
    await until(() => load.records.filter((r) => r.servedBy === 'api2').length >= 10, 'api2 to serve 10 requests of the load');
    const exitCode = await set.signal('api2', 'SIGKILL');
    expect(exitCode).toBeNull();
    const down = await set.waitForStatus('api2', 'DOWN');
    // Requests sent from now on were dispatched by an HAProxy that knew api2 was DOWN.
    const afterDown = load.sent;
    await until(() => load.settled >= afterDown + 60, '60 requests after api2 went DOWN');
    const records = await load.stop();
    // HAProxy logs a request when it ends; its stdout may trail the client a little. The ids logged are read
    // into a set on each poll (not searched per request): with thousands of requests, a search per request
    // kept the test process busy enough to fall behind reading HAProxy's log pipe.
    await until(() => {
      const ids = new Set(set.requests.map((line) => line.requestId));
      return records.every((r) => ids.has(r.id));
    }, 'HAProxy to log every request');

    // Routed around within its health-check interval: DOWN after exactly `fall` failed checks, each a
    // refused connection.
    expect(down.checkFailures - (before?.checkFailures ?? 0)).toBe(FALL);
    expect(down.downs - (before?.downs ?? 0)).toBe(1);
    expect(down.checkStatus).toBe('L4CON');

    const logged = new Map(set.requests.map((line) => [line.requestId, line]));
    // Every request the client counts as lost was, by HAProxy's log, on api2 when it died: sent there,
    // and ended by the server side (S...), not replayed. Nothing else failed.
    const lost = failed(records);
    for (const record of lost) {
      const line = logged.get(record.id);
      expect({ id: record.id, status: record.status, server: line?.server, termination: line?.termination[0] }).toEqual({
        id: record.id,
        status: record.status,
        server: 'api2',
        termination: 'S',
      });
    }
    expect(lost.length).toBeLessThanOrEqual(CONCURRENCY);
    // GETs in flight on api2 were replayed on another replica (retry-on empty-response): none lost.
    expect(lost.filter((r) => r.method === 'GET')).toEqual([]);
    // After HAProxy marked it DOWN, not one request went to api2, not even as a first attempt.
    const late = records.filter((r) => r.seq >= afterDown);
    expect(late.length).toBeGreaterThanOrEqual(60);
    expect(late.filter((r) => !r.ok || r.servedBy === 'api2')).toEqual([]);
    expect(late.filter((r) => logged.get(r.id)?.server === 'api2' || (logged.get(r.id)?.retries ?? 0) > 0)).toEqual([]);
    const replayed = records.filter((r) => logged.get(r.id)?.redispatched);
    process.stderr.write(
      `replicas.e2e kill: ${records.length} requests, ${lost.length} lost (in flight on api2: ${lost.map((r) => r.id).join(', ') || 'none'}), ` +
        `${replayed.length} redispatched by HAProxy, ${late.length} after DOWN all on api1/api3\n`,
    );

    // Back for the next test.
    await set.startReplica('api2');
    await set.waitForStatus('api2', 'UP');
  }, 240_000);

  it('restarts all three one after the other under load (SIGTERM, drain) without failing a single request', async () => {
    const load = new BoundedLoad(set.url, CONCURRENCY, 'rolling');
    load.start();
    await until(() => load.settled >= 30, 'the load to get going');
    const exits: (number | null)[] = [];
    const servedAfterRestart: Record<string, number> = {};
    for (const name of ['api1', 'api2', 'api3']) {
      const exit = set.signal(name, 'SIGTERM');
      // The replica turned /readyz to 503 and serves on until HAProxy has taken it out...
      await set.waitForStatus(name, 'DOWN');
      // ...then drains and exits cleanly.
      exits.push(await exit);
      await set.startReplica(name);
      await set.waitForStatus(name, 'UP');
      const mark = load.sent;
      await until(() => load.records.some((r) => r.seq >= mark && r.servedBy === name), `${name} to serve again`);
      servedAfterRestart[name] = load.records.filter((r) => r.seq >= mark && r.servedBy === name).length;
    }
    const records = await load.stop();
    // HAProxy logs a request when it ends; its stdout may trail the client a little. The ids logged are read
    // into a set on each poll (not searched per request): with thousands of requests, a search per request
    // kept the test process busy enough to fall behind reading HAProxy's log pipe.
    await until(() => {
      const ids = new Set(set.requests.map((line) => line.requestId));
      return records.every((r) => ids.has(r.id));
    }, 'HAProxy to log every request');
    expect(exits).toEqual([0, 0, 0]);
    expect(failed(records).map((r) => ({ id: r.id, status: r.status, servedBy: r.servedBy }))).toEqual([]);
    expect(Object.keys(servedAfterRestart)).toEqual(['api1', 'api2', 'api3']);
    // The drain, not HAProxy's retries, kept every request whole: none needed a second attempt.
    const logged = new Map(set.requests.map((line) => [line.requestId, line]));
    expect(records.filter((r) => (logged.get(r.id)?.retries ?? 0) > 0).map((r) => r.id)).toEqual([]);
    process.stderr.write(`replicas.e2e rolling restart: ${records.length} requests, 0 failed, 0 retried\n`);
  }, 300_000);
});
