import type http from 'node:http';
import type { Socket } from 'node:net';

/** Timings of a graceful stop. */
export interface DrainOptions {
  /**
   * After the listener closes, how long connections accepted just before may take to send their request
   * before idle ones are closed. Without it, a request sent a moment before SIGTERM is reset.
   */
  readonly settleMs: number;
  /** How long in-flight requests may take before their connections are destroyed. */
  readonly graceMs: number;
}

/**
 * Tracks the connections of an HTTP server so it can stop gracefully: stop accepting, let requests in
 * flight finish (answering them with `connection: close`), close idle connections, and destroy whatever
 * is left after the grace period. Replaces Apollo's drain plugin, which closes idle connections at once.
 *
 * @example
 * const drain = trackConnections(server); ...; await drain.stop({ settleMs: 250, graceMs: 10_000 });
 */
export function trackConnections(server: http.Server): { readonly stopping: boolean; stop(options: DrainOptions): Promise<boolean> } {
  const active = new Map<Socket, number>();
  let stopping = false;
  server.on('connection', (socket: Socket) => {
    active.set(socket, 0);
    socket.once('close', () => active.delete(socket));
  });
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const socket = req.socket;
    active.set(socket, (active.get(socket) ?? 0) + 1);
    if (stopping) res.setHeader('connection', 'close');
    res.once('close', () => {
      const left = (active.get(socket) ?? 1) - 1;
      active.set(socket, left);
      if (stopping && left === 0) socket.end();
    });
  });
  return {
    get stopping() {
      return stopping;
    },
    async stop({ settleMs, graceMs }) {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise((resolve) => setTimeout(resolve, settleMs));
      for (const [socket, requests] of active) if (requests === 0) socket.end();
      let timer: NodeJS.Timeout | undefined;
      const graceful = await Promise.race([
        closed.then(() => true),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(false), graceMs);
        }),
      ]);
      clearTimeout(timer);
      if (!graceful) for (const socket of active.keys()) socket.destroy();
      return graceful;
    },
  };
}

/**
 * The first phase of a graceful stop behind a balancer: `/readyz` answers 503 while every request is
 * still served, until the balancer's health checks have seen it (a number of 503 answers) or a time
 * bound passes. Only then does the listener close, so the balancer stops sending requests before any
 * connection is refused and no request needs a retry elsewhere.
 *
 * @example
 * const unready = new Unreadiness(); ...; await unready.begin({ probes: 3, maxMs: 10_000 });
 */
export class Unreadiness {
  private answered = 0;
  private active = false;
  private wanted = 0;
  private done: (() => void) | undefined;

  /** True once the stop began: `/readyz` answers 503. */
  get unready(): boolean {
    return this.active;
  }

  /** Counts a 503 readiness answer given because of the stop. */
  probeAnswered(): void {
    this.answered += 1;
    if (this.wanted > 0 && this.answered >= this.wanted) this.done?.();
  }

  /**
   * Turns `/readyz` to 503 and resolves after `probes` 503 answers (0: not counted) or `maxMs`, whichever
   * comes first; at once when `maxMs` is 0 (no balancer in front).
   */
  async begin({ probes, maxMs }: { readonly probes: number; readonly maxMs: number }): Promise<void> {
    this.active = true;
    if (maxMs === 0) return;
    this.wanted = probes;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.done = resolve;
      timer = setTimeout(resolve, maxMs);
    });
    clearTimeout(timer);
  }
}
