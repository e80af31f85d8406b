import type { GraphClient } from '../graph/graph-client.js';
import type { ChangeModel } from '../graph/graph-repository.js';
import { ChangeLogRepository } from '../graph/repositories/change-log-repository.js';

/** How the feed reads the change log. */
export interface ChangeFeedOptions {
  /** How often the log's head is polled while someone waits, for changes other replicas commit. */
  readonly pollMs: number;
  /** Changes read per statement while a stream catches up. */
  readonly batch: number;
}

/**
 * The change feed of one process, behind every `graphChanged` subscription. Each stream reads the change
 * log itself, `seq > cursor` in pages of `batch` (so a stream that resumes from an old seq catches up in
 * bounded reads, and every replica streams the same records); once caught up, it waits without holding a
 * connection until the log's head passes its cursor. The head moves when this process commits a change
 * ({@link ChangeFeed.committed}: latency of a statement) or when a poll of the head, one cheap statement
 * per `pollMs` for the whole process and only while some stream waits, sees a change of another replica.
 *
 * Writers take seq under the change counter's lock (CONTRACT-15), so seq order is commit order: reading
 * `seq > cursor` after seeing the head at N never misses a change at or below N.
 *
 * @example
 * const feed = new ChangeFeed(graph, { pollMs: 1000, batch: 100 });
 * for await (const change of feed.stream(41)) console.log(change.seq); // 42, 43, ...
 */
export class ChangeFeed {
  private readonly log: ChangeLogRepository;
  private head = 0;
  private readonly waiters = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private stopped = false;

  constructor(
    graph: GraphClient,
    private readonly options: ChangeFeedOptions,
  ) {
    this.log = new ChangeLogRepository(graph);
  }

  /** Streams waiting for a change now (for metrics and tests). */
  get waiting(): number {
    return this.waiters.size;
  }

  /** A poll of the log's head is running now: the one transaction the feed holds while streams wait. */
  get pollInFlight(): boolean {
    return this.polling;
  }

  /** A change with this seq committed in this process: wakes the streams at once. */
  committed(seq: number): void {
    if (seq <= this.head) return;
    this.head = seq;
    this.wake();
  }

  /**
   * The changes after `after` (when null, after the head as it is now), then every new one, in seq order.
   * Ending the iteration (`return()`, as graphql-ws does when a client completes or disconnects) settles
   * a pending wait at once.
   */
  stream(after: number | null): AsyncIterableIterator<ChangeModel> {
    return new ChangeStream(this, after);
  }

  /** Ends every stream's wait and the polling (on shutdown). */
  stop(): void {
    this.stopped = true;
    this.wake();
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** @internal The first `batch` changes after `cursor`; moves the known head with them. */
  async page(cursor: number): Promise<ChangeModel[]> {
    const page = await this.log.after(cursor, this.options.batch);
    const last = page.at(-1);
    if (last && last.seq > this.head) this.head = last.seq;
    return page;
  }

  /** @internal The head of the log now, read from the database. */
  async readHead(): Promise<number> {
    const head = await this.log.head();
    if (head > this.head) this.head = head;
    return head;
  }

  /** @internal Resolves once the head is past `cursor`, or `cancel` (or stop) is called. */
  waitPast(cursor: number): { readonly done: Promise<void>; cancel(): void } {
    if (this.head > cursor || this.stopped) return { done: Promise.resolve(), cancel: () => undefined };
    let settle: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      const waiter = (): void => {
        if (this.head <= cursor && !this.stopped) return;
        this.waiters.delete(waiter);
        resolve();
      };
      settle = () => {
        this.waiters.delete(waiter);
        resolve();
      };
      this.waiters.add(waiter);
    });
    this.startPolling();
    return {
      done,
      cancel: () => {
        settle();
        if (this.waiters.size === 0) this.stopPolling();
      },
    };
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
    if (this.waiters.size === 0) this.stopPolling();
  }

  private startPolling(): void {
    if (this.timer !== undefined || this.stopped) return;
    this.timer = setInterval(() => void this.poll(), this.options.pollMs);
    // Waiting streams must not keep a process alive that is otherwise done.
    this.timer.unref();
  }

  private stopPolling(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async poll(): Promise<void> {
    // One poll at a time: a slow database must not pile reads up.
    if (this.polling || this.waiters.size === 0) return;
    this.polling = true;
    try {
      await this.readHead();
      this.wake();
    } catch {
      // The next poll tries again; a stream's own read reports a lasting failure to its client.
    } finally {
      this.polling = false;
    }
  }
}

/** One subscriber's position in the log: a pull iterator, so a slow client reads no faster than it takes. */
class ChangeStream implements AsyncIterableIterator<ChangeModel> {
  private cursor: number | null;
  private buffer: ChangeModel[] = [];
  private closed = false;
  private wait: { readonly done: Promise<void>; cancel(): void } | undefined;

  constructor(
    private readonly feed: ChangeFeed,
    after: number | null,
  ) {
    this.cursor = after;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<ChangeModel>> {
    this.cursor ??= await this.feed.readHead();
    for (;;) {
      if (this.closed || this.feed.isStopped) return this.finish();
      const buffered = this.buffer.shift();
      if (buffered) {
        this.cursor = buffered.seq;
        return { done: false, value: buffered };
      }
      this.buffer = await this.feed.page(this.cursor);
      if (this.buffer.length > 0) continue;
      // Ended while the page was read: a wait begun now would never be cancelled.
      if (this.closed || this.feed.isStopped) return this.finish();
      this.wait = this.feed.waitPast(this.cursor);
      await this.wait.done;
      this.wait = undefined;
    }
  }

  async return(): Promise<IteratorResult<ChangeModel>> {
    return this.finish();
  }

  private finish(): IteratorResult<ChangeModel> {
    this.closed = true;
    this.buffer = [];
    this.wait?.cancel();
    return { done: true, value: undefined };
  }
}
