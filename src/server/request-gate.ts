import type { ServerResponse } from 'node:http';

import { sendError } from './http/respond.js';

/**
 * A bound on the GraphQL requests this process works on at once, checked after the body is read and before
 * Apollo sees it. The transaction gate (src/graph/admission.ts) protects the database; this one protects
 * the process: under a flood, a request beyond what the transaction gate could hold (running plus queued)
 * is refused for a few microseconds of work instead of being parsed, validated, costed and executed only to
 * be refused at the gate, which is what kept the event loop (and /healthz) waiting.
 *
 * @example
 * const gate = new RequestGate(160);
 * const leave = gate.tryEnter();
 * if (!leave) return refuseOverloaded(res, 2);
 * res.once('close', leave);
 */
export class RequestGate {
  private inFlight = 0;

  constructor(private readonly max: number) {}

  /** Requests being worked on now. */
  get size(): number {
    return this.inFlight;
  }

  /** A function to call when the request is done, or undefined when the process is at its bound. */
  tryEnter(): (() => void) | undefined {
    if (this.inFlight >= this.max) return undefined;
    this.inFlight += 1;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.inFlight -= 1;
    };
  }
}

/** GraphQL requests started per turn of the event loop (see {@link RequestTurns}). */
export const REQUESTS_PER_TURN = 8;

/**
 * Starts admitted GraphQL requests a few per turn of the event loop. Everything a request does before its
 * first database round trip (Apollo's pipeline, the cost model, the resolvers up to the driver) runs as one
 * chain of microtasks, so a burst of a few hundred requests arriving together would otherwise be worked
 * through in one turn, and a /healthz probe that arrived with them would wait for all of it. Served a few
 * per turn, the burst takes as long in total and the probe waits for one batch at most.
 *
 * @example
 * await turns.next();
 */
export class RequestTurns {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  constructor(private readonly perTurn = REQUESTS_PER_TURN) {}

  /** Resolves in a coming turn, at most `perTurn` callers per turn, in arrival order. */
  next(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // An immediate queued from inside an immediate runs in the next turn, after pending I/O.
    setImmediate(() => {
      this.scheduled = false;
      for (const resolve of this.waiting.splice(0, this.perTurn)) resolve();
      if (this.waiting.length > 0) this.schedule();
    });
  }
}

/** Answers 503 OVERLOADED with Retry-After, shaped like a GraphQL error response. */
export function refuseOverloaded(res: ServerResponse, retryAfterSeconds: number): void {
  sendError(
    res,
    503,
    'OVERLOADED',
    'The server is busy; retry after the Retry-After seconds.',
    { 'retry-after': String(retryAfterSeconds) },
    { retryAfterSeconds },
  );
}
