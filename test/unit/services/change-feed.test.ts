import type { CypherQuery } from '../../../src/graph/cypher/cypher-query.js';
import type { GraphClient } from '../../../src/graph/graph-client.js';
import { ChangeFeed } from '../../../src/services/change-feed.js';

/** A change log in memory, answering the feed's two statements; `hold` makes the next page read wait. */
function fakeLog() {
  const seqs: number[] = [];
  const reads: string[] = [];
  let held: { release: () => void } | undefined;
  const row = (seq: number) => ({
    change: {
      seq,
      at: null,
      principal: 'p',
      role: 'ADMIN',
      via: 'api-key',
      mutation: 'm',
      ids: [],
      before: null,
      after: null,
      reason: null,
      idempotencyKey: null,
    },
  });
  const graph = {
    async read(query: CypherQuery, params: Record<string, unknown>) {
      reads.push(query.name);
      if (query.name === 'changeHead') return [{ head: seqs.at(-1) ?? 0 }];
      if (held) await new Promise<void>((resolve) => (held = { release: resolve }));
      const after = Number(params['after']);
      const limit = Number(params['limit']);
      return seqs
        .filter((s) => s > after)
        .slice(0, limit)
        .map(row);
    },
  };
  return {
    graph: graph as unknown as GraphClient,
    seqs,
    reads,
    hold: () => {
      held = { release: () => undefined };
    },
    release: () => {
      const h = held;
      held = undefined;
      h?.release();
    },
  };
}

describe('ChangeFeed', () => {
  it('pages the log after the cursor in batches, then waits and wakes on a local commit', async () => {
    const log = fakeLog();
    log.seqs.push(1, 2, 3, 4, 5);
    const feed = new ChangeFeed(log.graph, { pollMs: 60_000, batch: 2 });
    const stream = feed.stream(1);
    const got: number[] = [];
    for (let i = 0; i < 4; i += 1) got.push(((await stream.next()).value as { seq: number }).seq);
    expect(got).toEqual([2, 3, 4, 5]);
    const pending = stream.next();
    await new Promise((resolve) => setImmediate(resolve));
    expect(feed.waiting).toBe(1);
    log.seqs.push(6);
    feed.committed(6);
    expect(((await pending).value as { seq: number }).seq).toBe(6);
    await stream.return?.();
    expect(feed.waiting).toBe(0);
    feed.stop();
  });

  it('ends a stream whose client left while a page was being read, leaving no waiter behind', async () => {
    const log = fakeLog();
    const feed = new ChangeFeed(log.graph, { pollMs: 60_000, batch: 10 });
    const stream = feed.stream(0);
    log.hold();
    const pending = stream.next();
    await new Promise((resolve) => setImmediate(resolve));
    await stream.return?.();
    log.release();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(feed.waiting).toBe(0);
    feed.stop();
  });

  it('starts from the head when no seq is given, and stop() ends every waiting stream', async () => {
    const log = fakeLog();
    log.seqs.push(1, 2);
    const feed = new ChangeFeed(log.graph, { pollMs: 60_000, batch: 10 });
    const stream = feed.stream(null);
    const pending = stream.next();
    await new Promise((resolve) => setImmediate(resolve));
    expect(feed.waiting).toBe(1);
    feed.stop();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(log.reads).toEqual(['changeHead', 'changesAfter']);
  });
});
