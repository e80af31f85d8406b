import neo4j, { type Driver, type QueryResult, type RecordShape, type Session, type Transaction } from 'neo4j-driver';

import type { Config, Neo4jSettings } from '../config/config.js';
import { AppError, databaseUnavailable, invariant, queryTimedOut } from '../errors/app-error.js';
import { AdmissionGate, type AdmissionOptions, type AdmissionStats } from './admission.js';
import { type ByteBudget, responseTooLarge, weighedRecords } from './byte-budget.js';
import type { CypherQuery } from './cypher/cypher-query.js';
import { createDriver } from './driver.js';
import { ReadinessProbe } from './readiness-probe.js';
import { retryDelay, shouldRetry, type TransactionPhase } from './retry-policy.js';
import { translateNeo4jError } from './translate-neo4j-error.js';

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
  /**
   * Bookmarks every transaction of the operation starts from, so it reads at least the state they name
   * (read-your-writes on any cluster member): the client's, then those of the operation's own writes.
   */
  readonly bookmarks?: readonly string[];
  /** Called when a write transaction commits, with the bookmarks of its commit. */
  writeCommitted?(bookmarks: readonly string[]): void;
}

/** How a write transaction runs. */
export interface WriteOptions {
  /** Its timeout; bulk loads pass a longer one than the per-request default. */
  readonly timeoutMs?: number;
  /**
   * True when running the work twice has the effect of running it once: it MERGEs on stable ids, or an
   * idempotency key's record returns the first run's answer. Only then is a write that failed with a
   * transient error (a leader switch, a lost connection) tried again; by default it is reported, since
   * it may have committed before the error (see retry-policy.ts).
   */
  readonly idempotent?: boolean;
}

/** What a write transaction returned, and the bookmarks of its commit (for read-your-writes). */
export interface WriteResult<R> {
  readonly value: R;
  readonly bookmarks: readonly string[];
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

/** A failed attempt, and how far its transaction got (see retry-policy.ts). */
class AttemptFailed extends Error {
  constructor(
    readonly inner: unknown,
    readonly phase: TransactionPhase,
  ) {
    super('attempt failed');
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

  /**
   * Registers a listener called for every statement as it is handed to the driver (a read's together with its
   * BEGIN, before a connection is known to be free); returns a function that removes it.
   */
  onStatement(listener: StatementListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs one read statement in its own transaction (one round trip): an auto-commit transaction, which
   * the driver sends as RUN and PULL in one write, where an explicit one costs BEGIN, RUN and PULL, and
   * COMMIT, in three writes and two round trips. Retried, timed out, admitted and read from the counter's
   * bookmarks as {@link GraphClient.readTransaction} is.
   *
   * @example
   * const rows = await graph.read(FIND_ACTORS, { ids }, counter);
   */
  async read<T extends RecordShape = RecordShape>(
    query: CypherQuery,
    params: Record<string, unknown> = {},
    counter?: RoundTripCounter,
  ): Promise<T[]> {
    const work = async (run: RunInTransaction): Promise<T[]> => (await run<T>(query, params)).records.map((r) => r.toObject());
    return (await this.transaction('READ', work, counter, this.options.transactionTimeoutMs, true, true)).value;
  }

  /**
   * Runs one write statement in its own transaction (one round trip); `options.idempotent` as in
   * {@link GraphClient.writeTransaction}.
   */
  async write<T extends RecordShape = RecordShape>(
    query: CypherQuery,
    params: Record<string, unknown> = {},
    counter?: RoundTripCounter,
    options: WriteOptions = {},
  ): Promise<T[]> {
    return this.writeTransaction(async (run) => (await run<T>(query, params)).records.map((r) => r.toObject()), counter, options);
  }

  /**
   * Several reads in one transaction; each statement is one round trip. Runs as a READ transaction (a
   * cluster routes it to a follower or read replica), from the counter's bookmarks, and is tried again
   * after a transient error (a leader switch, a lost connection) within NEO4J_MAX_RETRY_TIME_MS.
   */
  async readTransaction<R>(work: (run: RunInTransaction) => Promise<R>, counter?: RoundTripCounter): Promise<R> {
    return (await this.transaction('READ', work, counter, this.options.transactionTimeoutMs, true)).value;
  }

  /**
   * Several writes in one transaction, all or nothing; each statement is one round trip. Runs as a WRITE
   * transaction (on the leader), from the counter's bookmarks, and reports its commit's bookmarks to the
   * counter. Tried again after a transient error only when `options.idempotent` says it is safe.
   *
   * @example
   * await graph.writeTransaction(async (run) => run(MERGE_SOURCES, { rows }), counter, { idempotent: true });
   */
  async writeTransaction<R>(
    work: (run: RunInTransaction) => Promise<R>,
    counter?: RoundTripCounter,
    options: WriteOptions = {},
  ): Promise<R> {
    return (await this.writeTransactionWithBookmarks(work, counter, options)).value;
  }

  /**
   * {@link GraphClient.writeTransaction}, returning the bookmarks of its commit with its value: a read
   * session started from them sees the write on any member of a cluster.
   *
   * @example
   * const { bookmarks } = await graph.writeTransactionWithBookmarks((run) => run(MERGE_SOURCES, { rows }));
   */
  async writeTransactionWithBookmarks<R>(
    work: (run: RunInTransaction) => Promise<R>,
    counter?: RoundTripCounter,
    options: WriteOptions = {},
  ): Promise<WriteResult<R>> {
    const result = await this.transaction(
      'WRITE',
      work,
      counter,
      options.timeoutMs ?? this.options.transactionTimeoutMs,
      options.idempotent ?? false,
    );
    counter?.writeCommitted?.(result.bookmarks);
    return result;
  }

  /**
   * A read session from `bookmarks`: what it reads includes the writes they name. For tests and scripts
   * that hold bookmarks without an operation trace.
   *
   * @example
   * const rows = await graph.readWithBookmarks(bookmarks, FIND_ACTORS_BY_IDS, { ids });
   */
  async readWithBookmarks<T extends RecordShape = RecordShape>(
    bookmarks: readonly string[],
    query: CypherQuery,
    params: Record<string, unknown> = {},
  ): Promise<T[]> {
    return this.read<T>(query, params, { count: 0, bookmarks });
  }

  /**
   * Runs a schema statement (constraints, indexes), which cannot share a transaction with data writes.
   */
  async schema(query: CypherQuery, counter?: RoundTripCounter): Promise<void> {
    this.notify(query, counter);
    try {
      // Schema changes are writes: a cluster runs them on the leader, which alone accepts them.
      await this.driver.executeQuery(query.text, {}, { database: this.options.database, routing: neo4j.routing.WRITE });
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
    // Planned where writes are accepted too: EXPLAIN covers write statements, which a read member refuses.
    const result = await this.driver.executeQuery(`EXPLAIN ${query.text}`, params, {
      database: this.options.database,
      routing: neo4j.routing.WRITE,
    });
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
    counter: RoundTripCounter | undefined,
    timeoutMs: number,
    idempotent: boolean,
    autoCommit = false,
  ): Promise<WriteResult<R>> {
    counter?.transactionStarted?.();
    try {
      return await this.runTransaction(mode, work, counter, timeoutMs, idempotent, autoCommit);
    } finally {
      counter?.transactionSettled?.();
    }
  }

  private async runTransaction<R>(
    mode: 'READ' | 'WRITE',
    work: (run: RunInTransaction) => Promise<R>,
    counter: RoundTripCounter | undefined,
    timeoutMs: number,
    idempotent: boolean,
    autoCommit: boolean,
  ): Promise<WriteResult<R>> {
    // An operation already over its byte budget sends nothing more.
    if (counter?.bytes?.exceeded) throw responseTooLarge();
    // Admission is per transaction, the one door every statement passes: it bounds exactly what loads
    // Neo4j and the pool (open transactions), whatever the number of aliases or loaders of an operation.
    const release = this.gate ? await this.gate.acquire() : () => undefined;
    let session: Session;
    try {
      session = this.driver.session({
        // Always named: a cluster's routing table is per database, and a default database costs a round
        // trip to resolve on every new connection.
        database: this.options.database,
        defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
        // Copied: the counter's list grows as the operation's writes commit.
        ...(counter?.bookmarks && counter.bookmarks.length > 0 ? { bookmarks: [...counter.bookmarks] } : {}),
      });
    } catch (error) {
      release();
      throw translateNeo4jError(error);
    }
    // Set when the client deadline passed: no further attempt starts.
    let abandoned = false;
    const running = this.attempts(session, mode, work, counter, timeoutMs, idempotent, autoCommit, () => abandoned).finally(() =>
      session.close(),
    );
    // The turn is given back when the transaction settles, or at the client deadline if it never does (a
    // stuck database): its connection may stay busy, which is why the pool is sized above the admission
    // bound, and later transactions then fail by their own deadlines rather than queue behind it.
    void running.then(release, release);
    // Neo4j enforces `timeout` itself, but a database that stops answering (shutting down, network cut)
    // enforces nothing: a client-side deadline bounds every request (all its attempts) whatever the
    // server does.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ClientDeadline()), timeoutMs + CLIENT_DEADLINE_MARGIN_MS);
    });
    try {
      return await Promise.race([running, deadline]);
    } catch (error) {
      if (error instanceof ClientDeadline) {
        abandoned = true;
        release();
        // The transaction settles (and its session closes) when the driver gives up on the connection.
        running.catch(() => undefined);
        throw queryTimedOut();
      }
      const failed = error instanceof AttemptFailed ? error : new AttemptFailed(error, 'work');
      const translated = translateNeo4jError(failed.inner);
      if (failed.phase === 'begin' && !(translated instanceof AppError)) {
        // Pool acquisition timeouts carry no code (N/A) to translate by; that the work never began does.
        throw databaseUnavailable(failed.inner);
      }
      throw translated;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Runs the work in a transaction of the session until it commits, trying again after a failure that
   * {@link shouldRetry} allows while NEO4J_MAX_RETRY_TIME_MS lasts. The driver's own retry loop
   * (executeRead/executeWrite) is not used: it retries every transient error, a failed COMMIT of a
   * non-idempotent write included, and always at least once whatever its time budget.
   */
  private async attempts<R>(
    session: Session,
    mode: 'READ' | 'WRITE',
    work: (run: RunInTransaction) => Promise<R>,
    counter: RoundTripCounter | undefined,
    timeoutMs: number,
    idempotent: boolean,
    autoCommit: boolean,
    abandoned: () => boolean,
  ): Promise<WriteResult<R>> {
    const retryUntil = Date.now() + this.options.maxRetryTimeMs;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const value = autoCommit
          ? await this.autoCommitAttempt(session, work, counter, timeoutMs)
          : await this.attempt(session, mode, work, counter, timeoutMs);
        return { value, bookmarks: session.lastBookmarks() };
      } catch (error) {
        const failed = error as AttemptFailed;
        const pause = shouldRetry(failed.inner, { mode, idempotent, phase: failed.phase })
          ? retryDelay(attempt, retryUntil - Date.now())
          : undefined;
        if (pause === undefined || abandoned()) throw failed;
        await new Promise((resolve) => setTimeout(resolve, pause));
        if (abandoned()) throw failed;
      }
    }
  }

  /** One attempt: begin, run the work, commit; on failure roll back and throw an {@link AttemptFailed}. */
  private async attempt<R>(
    session: Session,
    mode: 'READ' | 'WRITE',
    work: (run: RunInTransaction) => Promise<R>,
    counter: RoundTripCounter | undefined,
    timeoutMs: number,
  ): Promise<R> {
    let tx: Transaction;
    // A read sends BEGIN, its statements and their PULLs in one go (as the driver's executeQuery does)
    // instead of waiting for BEGIN's answer first: one network round trip less per read. A read may be
    // tried again after any failure, so it does not need to know that nothing was sent; whether BEGIN
    // failed is still told apart (below) for the error a client sees.
    const began = mode === 'READ' ? session.beginTransaction({ timeout: timeoutMs }) : undefined;
    try {
      // A write awaits BEGIN: it resolves once a connection is acquired and BEGIN is acknowledged, so
      // errors before it (pool exhausted, no route, connection refused) are known to have sent nothing.
      tx = began ?? (await session.beginTransaction({ timeout: timeoutMs }));
    } catch (error) {
      throw new AttemptFailed(error, 'begin');
    }
    const run: RunInTransaction = async <T extends RecordShape>(query: CypherQuery, params: Record<string, unknown> = {}) => {
      if (counter?.bytes?.exceeded) throw responseTooLarge();
      this.notify(query, counter);
      const result = withoutCapturedStack(() => tx.run<T>(query.text, params));
      return counter?.bytes ? await weighedRecords(result, counter.bytes) : await result;
    };
    let value: R;
    try {
      value = await work(run);
    } catch (error) {
      // A pipelined BEGIN that failed (no connection, pool exhausted) failed the work with it: report the
      // begin phase, as an awaited BEGIN would have. BEGIN is answered (or its connection lost) by now.
      if (
        began &&
        !(await began.then(
          () => true,
          () => false,
        ))
      )
        throw new AttemptFailed(error, 'begin');
      if (tx.isOpen()) await withoutCapturedStack(() => tx.rollback()).catch(() => undefined);
      throw new AttemptFailed(error, 'work');
    }
    try {
      // COMMIT is a Result of its own, with a stack of its own to capture.
      await withoutCapturedStack(() => tx.commit());
    } catch (error) {
      throw new AttemptFailed(error, 'commit');
    }
    return value;
  }

  /**
   * One attempt of a single read as an auto-commit transaction (`session.run`): the statement's own RUN
   * carries the timeout and bookmarks that BEGIN would have. There is no BEGIN to blame a failure on, so
   * one that the server did not report (no Neo4j status code: no connection, pool exhausted, connection
   * refused) before the statement's header arrived is reported as the begin phase, as a failed BEGIN of an
   * explicit transaction is; what the server reported is the work's.
   */
  private async autoCommitAttempt<R>(
    session: Session,
    work: (run: RunInTransaction) => Promise<R>,
    counter: RoundTripCounter | undefined,
    timeoutMs: number,
  ): Promise<R> {
    let started = false;
    let header: Promise<unknown> | undefined;
    const run: RunInTransaction = async <T extends RecordShape>(query: CypherQuery, params: Record<string, unknown> = {}) => {
      invariant(!started, 'an auto-commit read runs one statement');
      started = true;
      if (counter?.bytes?.exceeded) throw responseTooLarge();
      this.notify(query, counter);
      const result = withoutCapturedStack(() => session.run<T>(query.text, params, { timeout: timeoutMs }));
      header = result.keys();
      // Handled at once: when the statement fails, so does its header, and only a failed work reads it.
      header.catch(() => undefined);
      return counter?.bytes ? await weighedRecords(result, counter.bytes) : await result;
    };
    try {
      return await work(run);
    } catch (error) {
      const beforeHeader =
        header !== undefined &&
        !(await header.then(
          () => true,
          () => false,
        ));
      throw new AttemptFailed(error, beforeHeader && !hasServerCode(error) ? 'begin' : 'work');
    }
  }

  private notify(query: CypherQuery, counter?: RoundTripCounter): void {
    if (counter?.statementSent) counter.statementSent(query.name);
    else if (counter) counter.count += 1;
    for (const listener of this.listeners) listener(query);
  }
}

/** Whether `error` is a failure the server reported (a `Neo.` status code), not the driver's own. */
function hasServerCode(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Neo.');
}

/**
 * Runs `start` with V8's stack traces off. neo4j-driver makes an Error in every Result it creates (each
 * statement's, and COMMIT's and ROLLBACK's), only to
 * keep the stack of the call for the errors of that statement, and reads its `stack`, which formats the
 * whole trace (through source maps under tsx): 7% of the server's busy time on point lookups in the M bench
 * profile (bench/ANALYSIS.md). The statement's errors then carry the driver's message and code without the
 * stack of the `run` call; they are translated by code (translate-neo4j-error.ts) and logged with the
 * request id, which is what finds them.
 */
function withoutCapturedStack<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
