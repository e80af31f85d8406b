import type { ByteBudget } from './byte-budget.js';
import type { RoundTripCounter } from './graph-client.js';

/**
 * The database work of one GraphQL operation (or one script): how many statements it sent, their names
 * in order of dispatch, how many transactions are running right now, and the bookmarks its transactions
 * start from and its writes committed.
 *
 * The running count is what makes batching deterministic: the request's batch scheduler
 * (src/services/batch-scheduler.ts) dispatches DataLoader batches only when no transaction of the
 * operation is running, so loads that different answers trigger always meet in the same batch.
 *
 * @example
 * const trace = new OperationTrace();
 * const repo = new GraphRepository(graph, trace);
 * trace.onIdle(() => console.log(trace.count, trace.statements));
 */
export class OperationTrace implements RoundTripCounter {
  count = 0;
  readonly statements: string[] = [];
  private running = 0;
  private readonly idleListeners: (() => void)[] = [];
  private readonly written: string[] = [];

  /**
   * `bytes`: the operation's response byte budget, spent by the records its statements bring back.
   * `clientBookmarks`: the bookmarks the client sent (its earlier writes): every transaction of the
   * operation reads at least the state they name, on whichever cluster member serves it.
   */
  constructor(
    readonly bytes?: ByteBudget,
    private readonly clientBookmarks: readonly string[] = [],
  ) {}

  /**
   * The bookmarks a transaction of the operation starts from: the client's until the operation writes,
   * then its own writes' (each commit's bookmark follows the ones its transaction started from), so the
   * reads that resolve a mutation's answer see the mutation even on a follower.
   */
  get bookmarks(): readonly string[] {
    return this.written.length > 0 ? this.written : this.clientBookmarks;
  }

  /** The bookmarks of the operation's committed writes, oldest first (empty when it wrote nothing). */
  get writeBookmarks(): readonly string[] {
    return this.written;
  }

  /** Called when a write transaction of the operation commits. */
  writeCommitted(bookmarks: readonly string[]): void {
    for (const bookmark of bookmarks) if (!this.written.includes(bookmark)) this.written.push(bookmark);
  }

  /** True while at least one transaction of the operation is running. */
  get busy(): boolean {
    return this.running > 0;
  }

  /** Called for every statement sent. */
  statementSent(name: string): void {
    this.count += 1;
    this.statements.push(name);
  }

  /** Called when a transaction of the operation starts (before it waits for a connection). */
  transactionStarted(): void {
    this.running += 1;
  }

  /** Called when a transaction settles, successfully or not. */
  transactionSettled(): void {
    this.running -= 1;
    if (this.running === 0) for (const listener of this.idleListeners) listener();
  }

  /**
   * Counts other deferred work of the operation as running until the returned function is called: the
   * completion of a long list spread over turns of the event loop (src/server/yielding-lists.ts) holds
   * the operation's next batches back until its last item is handed out, so they stay one batch each.
   */
  hold(): () => void {
    this.transactionStarted();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.transactionSettled();
    };
  }

  /** Registers a listener called each time the last running transaction settles. */
  onIdle(listener: () => void): void {
    this.idleListeners.push(listener);
  }
}
