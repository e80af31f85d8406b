import neo4j, { type Driver } from 'neo4j-driver';

import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-code.js';
import { createDriver } from './driver.js';
import type { GraphClientOptions } from './graph-client.js';
import { translateNeo4jError } from './translate-neo4j-error.js';

/** The probe's deadline passed. */
class ProbeDeadline extends Error {}

/**
 * The readiness probe of a GraphClient: `RETURN 1` on a driver of its own with one connection. A pooled
 * connection to a frozen database hangs as long as the database does (Neo4j enforces the transaction
 * timeout itself), and a busy request pool would make a healthy database look down. Past the deadline,
 * the probe's driver is dropped with its connection, so no probe ever waits behind a hung one and nothing
 * accumulates while the database hangs.
 *
 * @example
 * const probe = new ReadinessProbe(options); await probe.ping(1000);
 */
export class ReadinessProbe {
  /** Created on first use, and again after a probe past its deadline dropped it. */
  private driver: Driver | undefined;

  constructor(private readonly options: GraphClientOptions) {}

  /** Resolves when the database answers within `deadlineMs`; rejects with SERVICE_UNAVAILABLE otherwise. */
  async ping(deadlineMs: number): Promise<void> {
    const driver = (this.driver ??= createDriver({ ...this.options, acquisitionTimeoutMs: deadlineMs }, 1));
    const session = driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    // session.run fails at once on a dead database, where executeRead would retry.
    const answered = session
      .run('RETURN 1', {}, { timeout: deadlineMs })
      .then(() => undefined)
      .finally(() => session.close());
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ProbeDeadline()), deadlineMs);
    });
    try {
      await Promise.race([answered, deadline]);
    } catch (error) {
      if (error instanceof ProbeDeadline) {
        answered.catch(() => undefined);
        if (this.driver === driver) this.driver = undefined;
        // Closing destroys the hung connection; the run above then fails, which nobody awaits any more.
        driver.close().catch(() => undefined);
        throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The graph database did not answer in time.');
      }
      throw translateNeo4jError(error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the probe's driver, if any. */
  async close(): Promise<void> {
    const driver = this.driver;
    this.driver = undefined;
    await driver?.close();
  }
}
