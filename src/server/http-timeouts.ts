import type { ServerOptions } from 'node:http';

import type { Config } from '../config/config.js';

/**
 * Options of `http.createServer` that bound how long a slow client can hold a connection: the headers
 * must arrive within `headersTimeoutMs` and the whole request within `requestTimeoutMs`, else Node
 * answers 408 and closes the connection. Node's own defaults are 60 s and 300 s. Once a request has
 * arrived, neither applies: a slow query is bounded by the transaction timeout instead.
 *
 * @example
 * const server = http.createServer(httpServerOptions(config.http));
 */
export function httpServerOptions(timeouts: Config['http']): ServerOptions {
  return {
    headersTimeout: timeouts.headersTimeoutMs,
    requestTimeout: timeouts.requestTimeoutMs,
    // Node checks both timeouts on this interval, 30 s by default, so a slow client could outlive them by
    // up to 30 s; a check a second over the open connections is cheap.
    connectionsCheckingInterval: Math.min(1000, timeouts.headersTimeoutMs),
  };
}
