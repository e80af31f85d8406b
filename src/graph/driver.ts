import neo4j, { type Driver } from 'neo4j-driver';

import type { GraphClientOptions } from './graph-client.js';

/** Records per batch the driver pulls from Neo4j (see `fetchSize` in {@link GraphClient.connect}). */
export const FETCH_SIZE = 100;

/**
 * Creates a driver with the client's settings and a pool of `poolSize` connections. Does not connect.
 *
 * @example
 * const driver = createDriver(config.neo4j, config.neo4j.maxPoolSize);
 */
export function createDriver(options: GraphClientOptions, poolSize: number): Driver {
  // No password means the database runs without authentication (the local default).
  const auth = options.password === '' ? undefined : neo4j.auth.basic(options.username, options.password);
  return neo4j.driver(options.uri, auth, {
    // Integers in this graph (sentence numbers, counts, degrees) stay far below 2^53.
    disableLosslessIntegers: true,
    // Defaults retry for 30-60 s against a dead database; requests must fail within seconds instead.
    maxTransactionRetryTime: options.maxRetryTimeMs,
    connectionAcquisitionTimeout: options.acquisitionTimeoutMs,
    connectionTimeout: options.acquisitionTimeoutMs,
    maxConnectionPoolSize: poolSize,
    // Records come in batches of this many (one PULL each). The default, 1000, lets a large answer arrive
    // as one burst that the socket reads and the driver decodes in a single turn of the event loop; in
    // batches of 100 every other request gets a turn between them, for a few more round trips on answers
    // that are large anyway.
    fetchSize: FETCH_SIZE,
    logging: { level: 'error', logger: () => undefined },
  });
}
