/**
 * The change feed (issue 15 item 4): `graphChanged` over graphql-ws on the API's own port and path streams
 * change records in seq order, resumable from a seq, fed from the change log in Neo4j so that a change
 * made through another replica arrives too; the same key check and READ_ACCESS rule as HTTP; bounded
 * subscriptions per caller; an idle stream holds no database transaction. The changes are made with the
 * key-management mutations. Tests wait on events and conditions, never on the clock.
 */
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

import { documentIdOf, GraphChangedDocument } from '../../client/src/index.js';
import { bearer, createTestKey } from '../support/api-keys.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CREATE = `mutation Create($name: String!) { createApiKey(name: $name, role: VIEWER, reason: "feed test") { changeSeq } }`;
const FEED = 'subscription Feed($after: Int) { graphChanged(after: $after) { seq mutation ids reason principal { name role via } } }';

interface Change {
  seq: number;
  mutation: string;
  ids: string[];
  reason: string | null;
  principal: { name: string; role: string; via: string };
}

/** A graphql-ws client of the test app, authenticated with `token` through connectionParams. */
function wsClient(t: TestApp, token?: string, closed?: (code: number, reason: string) => void): Client {
  return createClient({
    url: t.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    lazy: true,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: { closed: (event) => closed?.((event as { code: number }).code, (event as { reason: string }).reason) },
  });
}

/** Subscribes and collects the changes; `until(n)` resolves once `n` arrived in all. */
function subscribe(
  client: Client,
  after: number | null,
): { changes: Change[]; errors: unknown[]; until(n: number): Promise<void>; stop(): void } {
  const changes: Change[] = [];
  const errors: unknown[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const stop = client.subscribe<{ graphChanged: Change }>(
    { query: FEED, variables: after === null ? {} : { after } },
    {
      next: (result) => {
        if (result.data) changes.push(result.data.graphChanged);
        if (result.errors) errors.push(...result.errors);
        for (const w of waiters.filter((x) => changes.length >= x.n)) w.resolve();
      },
      error: (error) => {
        // graphql-ws reports refused operations as an array of GraphQL errors, a closed socket as its event.
        errors.push(...(Array.isArray(error) ? (error as unknown[]) : [error]));
        for (const w of waiters) w.resolve();
      },
      complete: () => undefined,
    },
  );
  return {
    changes,
    errors,
    until: (n) => (changes.length >= n || errors.length > 0 ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
    stop,
  };
}

/** Resolves once `condition()` holds, checking after each turn of the event loop's I/O. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

describe('graphChanged over graphql-ws', () => {
  let t: TestApp;
  let other: TestApp;
  let admin = '';
  let viewer = '';
  const name = (i: number): string => `feed-${process.pid}-${i}-${Math.random().toString(36).slice(2, 8)}`;
  const change = async (app: TestApp, i: number): Promise<number> => {
    const res = await app.post({ query: CREATE, variables: { name: name(i) } }, bearer(admin));
    return (res.body['data'] as { createApiKey: { changeSeq: number } }).createApiKey.changeSeq;
  };

  beforeAll(async () => {
    [admin, viewer] = await Promise.all([createTestKey('ADMIN'), createTestKey('VIEWER')]);
    // A short poll: the second replica's changes reach the first through the log.
    t = await startTestApp({ env: { CHANGE_FEED_POLL_MS: '100', SUBSCRIPTIONS_MAX_PER_CALLER: '2' } });
    other = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    await other.close();
  });
  // Each test starts once the streams of the one before have ended on the server too: a stream still
  // waiting there would pass the "subscribed" conditions below before the new one is.
  beforeEach(() => until(() => t.app.ws.subscriptions === 0 && t.app.changeFeed.waiting === 0));

  it('delivers every change exactly once, in order, to a subscriber that reconnects midway with after: <last seen seq>', async () => {
    const start = await change(t, 0);
    const made: number[] = [];
    const first = wsClient(t, viewer);
    const feed1 = subscribe(first, start);
    for (let i = 1; i <= 3; i += 1) made.push(await change(t, i));
    await feed1.until(3);
    expect(feed1.errors).toEqual([]);
    const lastSeen = feed1.changes.at(-1)?.seq ?? -1;
    await first.dispose();

    // Changes while nobody listens, some through the other replica.
    for (let i = 4; i <= 6; i += 1) made.push(await change(i % 2 === 0 ? other : t, i));
    const second = wsClient(t, viewer);
    const feed2 = subscribe(second, lastSeen);
    await feed2.until(3);
    for (let i = 7; i <= 8; i += 1) made.push(await change(i === 8 ? other : t, i));
    await feed2.until(5);
    await second.dispose();

    const seen = [...feed1.changes, ...feed2.changes].map((c) => c.seq);
    expect(seen).toEqual(made);
    expect(new Set(seen).size).toBe(seen.length);
    // No gaps: seq order is commit order, one number per change.
    expect(seen).toEqual(Array.from({ length: 8 }, (_, i) => start + 1 + i));
    expect(feed2.changes[0]).toEqual({
      seq: made[3],
      mutation: 'createApiKey',
      ids: [expect.stringMatching(/^api-key:feed-/) as string],
      reason: 'feed test',
      principal: { name: expect.stringMatching(/^test-admin-/) as string, role: 'ADMIN', via: 'api-key' },
    });
  });

  it('without `after`, streams only changes from now on', async () => {
    const client = wsClient(t, viewer);
    const feed = subscribe(client, null);
    // Subscribed once the server waits for a change of this stream.
    await until(() => t.app.changeFeed.waiting >= 1);
    const seq = await change(t, 20);
    await feed.until(1);
    expect(feed.changes.map((c) => c.seq)).toEqual([seq]);
    await client.dispose();
  });

  it('holds no database transaction while it waits, and frees its place when the client goes', async () => {
    const client = wsClient(t, viewer);
    const feed = subscribe(client, null);
    try {
      await until(() => t.app.changeFeed.waiting >= 1);
      expect(t.app.ws.subscriptions).toBe(1);
      // The process's one poll of the head (every 100 ms here) is the only transaction the feed may hold:
      // between two polls, a waiting stream holds none.
      await until(() => !t.app.changeFeed.pollInFlight);
      expect(t.graph.admissionStats()).toEqual({ active: 0, queued: 0 });
    } finally {
      // Ended whatever the outcome: a stream left open would hold every later test at its beforeEach.
      feed.stop();
      await until(() => t.app.ws.subscriptions === 0 && t.app.changeFeed.waiting === 0);
      await client.dispose();
    }
  });

  it('bounds subscriptions per caller (SUBSCRIPTIONS_MAX_PER_CALLER=2): the third is OVERLOADED', async () => {
    const client = wsClient(t, viewer);
    const feeds = [subscribe(client, null), subscribe(client, null)];
    await until(() => t.app.ws.subscriptions === 2);
    const third = subscribe(client, null);
    await third.until(1);
    expect(third.errors).toEqual([expect.objectContaining({ extensions: { code: 'OVERLOADED' } })]);
    expect(t.app.ws.subscriptions).toBe(2);
    for (const feed of feeds) feed.stop();
    await until(() => t.app.ws.subscriptions === 0);
    await client.dispose();
  });

  it('stops the stream of a key revoked meanwhile: the next change is not sent, the socket closes with 4401', async () => {
    const keyName = name(30);
    const res = await t.post(
      { query: 'mutation($name: String!) { createApiKey(name: $name, role: VIEWER) { token changeSeq } }', variables: { name: keyName } },
      bearer(admin),
    );
    const created = (res.body['data'] as { createApiKey: { token: string; changeSeq: number } }).createApiKey;
    let closed: { code: number; reason: string } | undefined;
    const client = wsClient(t, created.token, (code, reason) => {
      closed = { code, reason };
    });
    const feed = subscribe(client, created.changeSeq);
    await until(() => t.app.changeFeed.waiting >= 1 && t.app.ws.subscriptions === 1);
    await t.post(
      { query: 'mutation($name: String!) { revokeApiKey(name: $name) { changeSeq } }', variables: { name: keyName } },
      bearer(admin),
    );
    await feed.until(1);
    await until(() => closed !== undefined);
    expect(feed.changes).toEqual([]);
    expect(closed?.code).toBe(4401);
    await client.dispose();
  });

  it('closes the connection of an invalid key with 4401, and refuses queries over WebSocket', async () => {
    let closed: { code: number; reason: string } | undefined;
    const bad = wsClient(t, `sgk_${'B'.repeat(43)}`, (code, reason) => {
      closed = { code, reason };
    });
    const feed = subscribe(bad, null);
    await feed.until(1);
    expect(closed).toEqual({ code: 4401, reason: 'This API key is not valid (unknown, revoked or mistyped)' });
    await bad.dispose();

    const client = wsClient(t, viewer);
    const errors: unknown[] = [];
    await new Promise<void>((resolve) => {
      client.subscribe(
        { query: '{ apiVersion }' },
        {
          next: (r) => errors.push(...(r.errors ?? [])),
          error: (e) => (errors.push(...(Array.isArray(e) ? (e as unknown[]) : [e])), resolve()),
          complete: resolve,
        },
      );
    });
    expect(errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_REQUEST' } })]);
    await client.dispose();
  });
});

describe('graphChanged with READ_ACCESS=key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { READ_ACCESS: 'key' } });
  });
  afterAll(() => t.close());

  it('refuses an anonymous subscriber with UNAUTHENTICATED', async () => {
    const client = wsClient(t);
    const feed = subscribe(client, 0);
    await feed.until(1);
    expect(feed.errors).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED', requiredRole: 'VIEWER' } })]);
    expect(feed.changes).toEqual([]);
    await client.dispose();
  });
});

describe('graphChanged with TRUSTED_DOCUMENTS=on', () => {
  let t: TestApp;
  let viewer = '';
  beforeAll(async () => {
    viewer = await createTestKey('VIEWER');
    t = await startTestApp({ env: { TRUSTED_DOCUMENTS: 'on' } });
  });
  afterAll(() => t.close());

  const collect = (client: Client, payload: { query: string; extensions?: Record<string, unknown> }) =>
    new Promise<{ seqs: number[]; errors: unknown[] }>((resolve) => {
      const seqs: number[] = [];
      const errors: unknown[] = [];
      const stop = client.subscribe<{ graphChanged: { seq: number } }>(
        { ...payload, variables: { after: 0 } },
        {
          next: (r) => {
            if (r.data) seqs.push(r.data.graphChanged.seq);
            stop();
            resolve({ seqs, errors });
          },
          error: (e) => {
            errors.push(...(Array.isArray(e) ? (e as unknown[]) : [e]));
            resolve({ seqs, errors });
          },
          complete: () => resolve({ seqs, errors }),
        },
      );
    });

  it('runs the SDK document named by extensions.documentId and refuses a free-form one', async () => {
    const client = wsClient(t, viewer);
    const free = await collect(client, { query: FEED });
    expect(free.errors).toEqual([expect.objectContaining({ extensions: { code: 'FORBIDDEN', trustedDocuments: 'on' } })]);
    // The manifest's text runs; the query sent along is ignored.
    const trusted = await collect(client, { query: '{ apiVersion }', extensions: { documentId: documentIdOf(GraphChangedDocument) } });
    expect(trusted.errors).toEqual([]);
    // The first change of the log (messages already on the wire when it stops may follow).
    expect(trusted.seqs[0]).toBe(1);
    await client.dispose();
  });
});
