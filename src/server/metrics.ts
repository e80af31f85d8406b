import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Operation names become label values only when they look like names, and only this many distinct ones. */
export const MAX_OPERATION_LABELS = 200;
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/**
 * The Prometheus metrics of one app instance, in its own registry (never the global one), so that tests
 * can run several apps in one process. Served at GET /metrics.
 *
 * @example
 * const metrics = new ApiMetrics({ maxPoolSize: 100 });
 * metrics.observeOperation({ operationName: 'ActorPage', durationMs: 12, roundTrips: 2, errorCodes: [] });
 */
export class ApiMetrics {
  readonly registry = new Registry();
  private readonly names = new Set<string>();

  private readonly operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations answered, by operation name and outcome (ok: no errors; error: any error).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'Time from receiving a GraphQL operation to sending its response, by operation name.',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors sent to clients, by extensions.code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly roundTrips = new Histogram({
    name: 'graphql_operation_round_trips',
    help: 'Database round trips of one GraphQL operation, by operation name.',
    labelNames: ['operation'] as const,
    buckets: [0, 1, 2, 3, 5, 8, 13, 21],
    registers: [this.registry],
  });
  private readonly statements = new Counter({
    name: 'neo4j_statements_total',
    help: 'Cypher statements sent to Neo4j, by the statement constant name.',
    labelNames: ['statement'] as const,
    registers: [this.registry],
  });
  private readonly inFlight = new Gauge({
    name: 'graphql_operations_in_flight',
    help: 'GraphQL operations being executed now (each holds at most one pooled Neo4j session at a time).',
    registers: [this.registry],
  });
  private readonly httpInFlight = new Gauge({
    name: 'http_requests_in_flight',
    help: 'HTTP requests whose headers have arrived and whose response has not finished (bodies still arriving count).',
    registers: [this.registry],
  });
  private readonly connections = new Gauge({
    name: 'http_connections_open',
    help: 'TCP connections the HTTP server has accepted and not yet closed.',
    registers: [this.registry],
  });
  private readonly http = new Counter({
    name: 'http_responses_total',
    help: 'HTTP responses by route and status (413, 405, 400 etc. are answered before GraphQL execution).',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });

  constructor(options: { maxPoolSize: number }) {
    new Gauge({
      name: 'neo4j_pool_max_size',
      help: 'Configured maximum size of the Neo4j connection pool (NEO4J_MAX_POOL_SIZE).',
      registers: [this.registry],
    }).set(options.maxPoolSize);
    collectDefaultMetrics({ register: this.registry });
  }

  /** Records one answered operation. */
  observeOperation(o: { operationName: string | null; durationMs: number; roundTrips: number; errorCodes: readonly string[] }): void {
    const operation = this.label(o.operationName);
    this.operations.inc({ operation, outcome: o.errorCodes.length === 0 ? 'ok' : 'error' });
    this.duration.observe({ operation }, o.durationMs / 1000);
    this.roundTrips.observe({ operation }, o.roundTrips);
    for (const code of o.errorCodes) this.errors.inc({ code });
  }

  /** Records one statement sent to Neo4j (wired to GraphClient.onStatement). */
  observeStatement(name: string): void {
    this.statements.inc({ statement: name });
  }

  /** Marks an operation as started; call the returned function when it ends. */
  startOperation(): () => void {
    this.inFlight.inc();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight.dec();
    };
  }

  /** Marks an HTTP request as started (its headers arrived); it ends when its response closes. */
  startHttpRequest(res: { once(event: 'close', listener: () => void): unknown }): void {
    this.httpInFlight.inc();
    res.once('close', () => this.httpInFlight.dec());
  }

  /** Counts an accepted connection until it closes. */
  connectionOpened(socket: { once(event: 'close', listener: () => void): unknown }): void {
    this.connections.inc();
    socket.once('close', () => this.connections.dec());
  }

  /** Records one HTTP response. */
  observeHttp(route: string, status: number): void {
    this.http.inc({ route, status: String(status) });
  }

  /** The exposition text and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  // Clients choose operation names: bound the label set so a hostile client cannot blow up the registry.
  private label(operationName: string | null): string {
    if (operationName === null) return 'anonymous';
    if (!NAME.test(operationName)) return 'other';
    if (this.names.has(operationName)) return operationName;
    if (this.names.size >= MAX_OPERATION_LABELS) return 'other';
    this.names.add(operationName);
    return operationName;
  }
}
