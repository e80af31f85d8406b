import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type RecordShape, type Session } from 'neo4j-driver';

import type { Config, Neo4jSettings } from '../config/config.js';
import { AppError, databaseUnavailable, queryTimedOut } from '../errors/app-error.js';
import { AdmissionGate, type AdmissionOptions, type AdmissionStats } from './admission.js';
import { type ByteBudget, responseTooLarge, weighedRecords } from './byte-budget.js';
import type { CypherQuery } from './cypher/cypher-query.js';
import { createDriver } from './driver.js';
import { ReadinessProbe } from './readiness-probe.js';
import { isMemoryLimitError, translateNeo4jError } from './translate-neo4j-error.js';

/**
 * Database round trips of one GraphQL operation (or one script), counted at the driver boundary, and
 * optionally the byte budget its records spend. A plain `{ count: 0 }` counts; an `OperationTrace`
 * (operation-trace.ts) also keeps statement names and running transactions.
 */
export interface RoundTripCounter {
  count: number;
  /** When given, records are weighed as they arrive and a statement past the budget is abandoned. */
  readonly bytes?: ByteBudget;
  /** Called for every statement sent, instead of incrementing `count` directly. */
  statementSent?(name: string): void;
  /** Called when a transaction starts, before it waits for admission or a connection. */
  transactionStarted?(): void;
  /** Called when a transaction settles, successfully or not. */
  transactionSettled?(): void;
}

/**
 * Settings of the driver and of every transaction: the configured ones (one type, in src/config), and
 * the admission bound on concurrent transactions with its short queue; without it, unbounded (scripts).
 * Keep `maxConcurrent` below `maxPoolSize` so that a healthy database never makes a transaction wait for
 * a pooled connection (config.ts enforces it).
 */
export type GraphClientOptions = Omit<Neo4jSettings, 'uriExplicit'> & { readonly admission?: AdmissionOptions };

/** Observes every statement sent; used by metrics and by tests that count round trips. */
export type StatementListener = (query: CypherQuery) => void;

/** Runs one statement inside a transaction opened by {@link GraphClient.readTransaction} or writeTransaction. */
export type RunInTransaction = <T extends RecordShape = RecordShape>(
  query: CypherQuery,
  params?: Record<string, unknown>,
) => Promise<QueryResult<T>>;

/** How long past a transaction's own timeout the client waits before giving up on the database. */
export const CLIENT_DEADLINE_MARGIN_MS = 1000;

/** The client-side deadline of a transaction passed. */
class ClientDeadline extends Error {}

/** Marks an error the driver must not retry (its own retry loop retries every transient error). */
class DoNotRetry extends Error {
  constructor(readonly inner: unknown) {
    super('not retried');
  }
}

/**
 * The only door to Neo4j: owns the driver, applies the timeout to every transaction, counts round trips,
 * stops retry storms for memory-limit errors, and translates driver errors to AppErrors by code.
 */
export class GraphClient {
  private readonly listeners = new Set<StatementListener>();
  private readonly probe: ReadinessProbe;
  private readonly gate: AdmissionGate | undefined;

  private constructor(
    private readonly driver: Driver,
    private readonly options: GraphClientOptions,
  ) {
    this.gate = options.admission ? new AdmissionGate(options.admission) : undefined;
    this.probe = new ReadinessProbe(options);
  }

  /**
   * Creates the driver. Does not connect: call {@link GraphClient.ping} to check the database.
   *
   * @example
   * const graph = GraphClient.connect({ uri: 'bolt://127.0.0.1:7687', username: 'neo4j', password: '', ... });
   */
  static connect(options: GraphClientOptions): GraphClient {
    return new GraphClient(createDriver(options, options.maxPoolSize), options);
  }

  /**
   * The client of a server: the configured driver settings and admission control. Scripts, which run
   * one transaction at a time, may connect with `config.neo4j` alone (no admission gate).
   *
   * @example
   * const graph = GraphClient.fromConfig(getConfig());
   */
  static fromConfig(config: Pick<Config, 'neo4j' | 'admission'>): GraphClient {
    return GraphClient.connect({ ...config.neo4j, admission: config.admission });
  }

  /** Transactions running and waiting at the admission gate (zeros without one). */
  admissionStats(): AdmissionStats {
    return this.gate?.stats() ?? { active: 0, queued: 0 };
  }

  /** Registers a listener called for every statement; returns a function that removes it. */
  onStatement(listener: StatementListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs one read statement in its own transaction (one round trip).
   *
   * @example
   * const rows = await graph.read(FIND_ACTORS, { ids }, counter);
   */
  async read<T extends RecordShape = RecordShape>(
    query: CypherQuery,
    params: Record<string, unknown> = {},
    counter?: RoundTripCounter,
  ): Promise<T[]> {
    return this.readTransaction(async (run) => (await run<T>(query, params)).records.map((r) => r.toObject()), counter);
  }

  /** Runs one write statement in its own transaction (one round trip). */
  async write<T extends RecordShape = RecordShape>(
    query: CypherQuery,
    params: Record<string, unknown> = {},
    counter?: RoundTripCounter,
  ): Promise<T[]> {
    return this.writeTransaction(async (run) => (await run<T>(query, params)).records.map((r) => r.toObject()), counter);
  }

  /** Several reads in one transaction; each statement is one round trip. */
  async readTransaction<R>(work: (run: RunInTransaction) => Promise<R>, counter?: RoundTripCounter): Promise<R> {
    return this.transaction('READ', work, counter);
  }

  /**
   * Several writes in one transaction, all or nothing; each statement is one round trip. Bulk loads may
   * pass a longer timeout than the per-request default.
   */
  async writeTransaction<R>(
    work: (run: RunInTransaction) => Promise<R>,
    counter?: RoundTripCounter,
    timeoutMs = this.options.transactionTimeoutMs,
  ): Promise<R> {
    return this.transaction('WRITE', work, counter, timeoutMs);
  }

  /**
   * Runs a schema statement (constraints, indexes), which cannot share a transaction with data writes.
   */
  async schema(query: CypherQuery, counter?: RoundTripCounter): Promise<void> {
    this.notify(query, counter);
    try {
      await this.driver.executeQuery(query.text, {}, { database: this.options.database });
    } catch (error) {
      throw translateNeo4jError(error);
    }
  }

  /**
   * The plan of a statement, without running it (EXPLAIN): for tests and diagnostics. Parameters are
   * optional, but the planner uses their types, so pass what the statement runs with.
   *
   * @example
   * const plan = await graph.explain(SHORTEST_PATHS.get(4)!, { from: 'liu-pengyu', to: 'us-treasury' });
   */
  async explain(query: CypherQuery, params: Record<string, unknown> = {}): Promise<{ operatorType: string; children: unknown[] }> {
    this.notify(query);
    const result = await this.driver.executeQuery(`EXPLAIN ${query.text}`, params, { database: this.options.database });
    const plan = result.summary.plan;
    if (!plan) throw new Error(`no plan for ${query.name}`);
    return plan;
  }

  /**
   * Resolves when the database answers a trivial query within `deadlineMs` (default: the acquisition
   * timeout); rejects with SERVICE_UNAVAILABLE otherwise, never later than the deadline. Runs on a probe
   * connection of its own (see {@link ReadinessProbe}).
   *
   * @example
   * await graph.ping(1000); // for /readyz
   */
  ping(deadlineMs = this.options.acquisitionTimeoutMs): Promise<void> {
    return this.probe.ping(deadlineMs);
  }

  /** Version and edition of the server, for reports. */
  async serverInfo(): Promise<{ version: string; edition: string }> {
    const rows = await this.read<{ version: string; edition: string }>({
      name: 'serverInfo',
      text: '// serverInfo\nCALL dbms.components() YIELD versions, edition RETURN versions[0] AS version, edition',
    });
    return rows[0] ?? { version: 'unknown', edition: 'unknown' };
  }

  /** Closes the driver and its pool, and the probe's. */
  async close(): Promise<void> {
    await Promise.all([this.driver.close(), this.probe.close()]);
  }

  private async transaction<R>(
    mode: 'READ' | 'WRITE',
    work: (run: RunInTransaction) => Promise<R>,
    counter?: RoundTripCounter,
    timeoutMs = this.options.transactionTimeoutMs,
  ): Promise<R> {
    counter?.transactionStarted?.();
    try {
      return await this.runTransaction(mode, work, counter, timeoutMs);
    } finally {
      counter?.transactionSettled?.();
    }
  }

  private async runTransaction<R>(
    mode: 'READ' | 'WRITE',
    work: (run: RunInTransaction) => Promise<R>,
    counter: RoundTripCounter | undefined,
    timeoutMs: number,
  ): Promise<R> {
    // An operation already over its byte budget sends nothing more.
    if (counter?.bytes?.exceeded) throw responseTooLarge();
    // Admission is per transaction, the one door every statement passes: it bounds exactly what loads
    // Neo4j and the pool (open transactions), whatever the number of aliases or loaders of an operation.
    const release = this.gate ? await this.gate.acquire() : () => undefined;
    let session: Session;
    try {
      session = this.driver.session({
        database: this.options.database,
        defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      });
    } catch (error) {
      release();
      throw translateNeo4jError(error);
    }
    // Whether the driver got a connection and began the work: errors before that (pool exhausted, no
    // route, connection refused) mean the database could not be reached, whatever their code says.
    let began = false;
    const txWork = async (tx: ManagedTransaction): Promise<R> => {
      began = true;
      const run: RunInTransaction = async <T extends RecordShape>(query: CypherQuery, params: Record<string, unknown> = {}) => {
        if (counter?.bytes?.exceeded) throw new DoNotRetry(responseTooLarge());
        this.notify(query, counter);
        try {
          const result = tx.run<T>(query.text, params);
          return counter?.bytes ? await weighedRecords(result, counter.bytes) : await result;
        } catch (error) {
          // Memory-limit errors are transient for Neo4j, but running the same heavy query again fails again.
          if (isMemoryLimitError(error) || error instanceof AppError) throw new DoNotRetry(error);
          throw error;
        }
      };
      return work(run);
    };
    const config = { timeout: timeoutMs };
    const running = (mode === 'READ' ? session.executeRead(txWork, config) : session.executeWrite(txWork, config)).finally(() =>
      session.close(),
    );
    // The turn is given back when the transaction settles, or at the client deadline if it never does (a
    // stuck database): its connection may stay busy, which is why the pool is sized above the admission
    // bound, and later transactions then fail by their own deadlines rather than queue behind it.
    void running.then(release, release);
    // Neo4j enforces `timeout` itself, but a database that stops answering (shutting down, network cut)
    // enforces nothing: a client-side deadline bounds every request whatever the server does.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ClientDeadline()), timeoutMs + CLIENT_DEADLINE_MARGIN_MS);
    });
    try {
      return await Promise.race([running, deadline]);
    } catch (error) {
      if (error instanceof ClientDeadline) {
        release();
        // The transaction settles (and its session closes) when the driver gives up on the connection.
        running.catch(() => undefined);
        throw queryTimedOut();
      }
      const translated = translateNeo4jError(error instanceof DoNotRetry ? error.inner : error);
      if (!began && !(translated instanceof AppError)) {
        // Pool acquisition timeouts carry no code (N/A) to translate by; that the work never began does.
        throw databaseUnavailable(error);
      }
      throw translated;
    } finally {
      clearTimeout(timer);
    }
  }

  private notify(query: CypherQuery, counter?: RoundTripCounter): void {
    if (counter?.statementSent) counter.statementSent(query.name);
    else if (counter) counter.count += 1;
    for (const listener of this.listeners) listener(query);
  }
}
