import type { OperationTrace } from '../graph/operation-trace.js';

/**
 * Decides when the DataLoader batches of one operation are sent: all together, once no transaction of
 * the operation is running and the resolvers its last answer woke have run.
 *
 * Why: DataLoader's default scheduler sends a batch at the end of the tick in which its first key was
 * asked for. Two sibling fields whose parents came from two different statements (say `sanctionsImposed`
 * and `relationships`, both asking for actors) then share one batch when Neo4j's two answers happen to
 * arrive in the same tick, and make two batches when they arrive in different ticks: the number of round
 * trips of an operation depended on timing (issue 11). Sending batches in waves — each wave holds every
 * key the previous wave's answers asked for — makes the count a function of the operation and the data
 * alone. The price is that a batch waits for the slowest statement running beside it, which is the same
 * wait the level-by-level execution of GraphQL imposes anyway.
 *
 * @example
 * const scheduler = new BatchScheduler(trace);
 * const loader = new DataLoader(batchFn, { batchScheduleFn: scheduler.schedule });
 */
export class BatchScheduler {
  private pending: (() => void)[] = [];
  private flushQueued = false;

  constructor(private readonly trace: OperationTrace) {
    trace.onIdle(() => this.queueFlush());
  }

  /** DataLoader's `batchScheduleFn`: holds the batch until the operation's next wave. */
  readonly schedule = (dispatch: () => void): void => {
    this.pending.push(dispatch);
    this.queueFlush();
  };

  private queueFlush(): void {
    if (this.flushQueued || this.pending.length === 0) return;
    this.flushQueued = true;
    // setImmediate runs after every promise continuation of the current I/O callback: by then each
    // resolver woken by the last answer has asked for what it needs.
    setImmediate(() => {
      this.flushQueued = false;
      if (this.trace.busy) return; // the trace's idle listener queues the flush again
      const wave = this.pending;
      this.pending = [];
      for (const dispatch of wave) dispatch();
    });
  }
}
