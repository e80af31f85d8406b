/**
 * The shape of the server's settings (parsed and frozen by config.ts, which alone reads the environment).
 */

/** How to reach Neo4j and what every transaction may take: the graph client's options, as configured. */
export interface Neo4jSettings {
  /** Bolt URI of the database: `neo4j://` or `neo4j+s://` (routing) for a cluster or Aura, `bolt://` for one instance. */
  readonly uri: string;
  /** True when NEO4J_URI was given: then `npm start` does not start the bundled local Neo4j. */
  readonly uriExplicit: boolean;
  readonly username: string;
  /** Empty when authentication is off (the local default). */
  readonly password: string;
  /** The database every session names (NEO4J_DATABASE): a cluster routes per database. */
  readonly database: string;
  /** Timeout of every transaction, in milliseconds. */
  readonly transactionTimeoutMs: number;
  /**
   * How long a transaction may be tried again after a transient error, in milliseconds: reads and
   * idempotent writes only (src/graph/retry-policy.ts).
   */
  readonly maxRetryTimeMs: number;
  /** How long a request waits for a connection (and to connect), in milliseconds. */
  readonly acquisitionTimeoutMs: number;
  readonly maxPoolSize: number;
}

/** The bundled local Neo4j, as its launcher (neo4j/local-neo4j.ts) takes it. */
export interface LocalNeo4jSettings {
  /** Folder for data, logs and the pid file (NEO4J_LOCAL_DIR). */
  readonly dir: string;
  readonly host: string;
  /** Bolt port (NEO4J_LOCAL_BOLT_PORT). */
  readonly port: number;
  /** Empty: authentication off. Otherwise user `neo4j` gets this password (NEO4J_PASSWORD). */
  readonly password: string;
  readonly heapMb: number;
  readonly pageCacheMb: number;
  /** Memory cap of one transaction (NEO4J_LOCAL_TX_MEMORY_MB, `db.memory.transaction.max`). */
  readonly txMemoryMb: number;
  /**
   * Memory budget of all transactions together (NEO4J_LOCAL_TX_TOTAL_MEMORY_MB,
   * `dbms.memory.transaction.total.max`); below the heap, and at least the per-transaction cap.
   */
  readonly txTotalMemoryMb: number;
  /** A JDK to prefer when it is Java 17 or 21 (JAVA_HOME). */
  readonly javaHome?: string | undefined;
}

/** Settings of the server, read once from the environment. The only module that reads `process.env`. */
export interface Config {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly neo4j: Neo4jSettings;
  /**
   * Admission control in front of every transaction (src/graph/admission.ts): at most `maxConcurrent`
   * at once, `maxQueue` waiting, each for at most `queueTimeoutMs`; beyond, OVERLOADED (HTTP 503).
   */
  readonly admission: {
    /** ADMISSION_MAX_CONCURRENT; must be below NEO4J_MAX_POOL_SIZE. */
    readonly maxConcurrent: number;
    /** ADMISSION_MAX_QUEUE. */
    readonly maxQueue: number;
    /** ADMISSION_QUEUE_TIMEOUT_MS. */
    readonly queueTimeoutMs: number;
  };
  /**
   * Per-caller cost budgets (src/server/rate-limit.ts): a token bucket of `points` cost points per caller
   * (API key hash, else client address), refilled evenly over `windowMs`. Null when RATE_LIMIT_POINTS=0.
   */
  readonly rateLimit: {
    /** RATE_LIMIT_POINTS: the bucket's size, also the points restored per window. */
    readonly points: number;
    /** RATE_LIMIT_WINDOW_MS: how long an empty bucket takes to fill. */
    readonly windowMs: number;
    /** RATE_LIMIT_MAX_CALLERS: callers remembered at once; the least recently seen are forgotten first. */
    readonly maxCallers: number;
  } | null;
  /** The bundled local Neo4j (`npm run db:start`), used when NEO4J_URI is not set. */
  readonly localNeo4j: LocalNeo4jSettings;
  readonly introspection: boolean;
  /** Adds `extensions.roundTrips` to responses: the database round trips the operation cost. */
  readonly exposeRoundTrips: boolean;
  /**
   * Nested selections of the root fields that opt in (src/resolvers/compiled-selection.ts) compiled into one
   * statement (COMPILE_SELECTIONS, on by default), at most `maxShapes` distinct statement texts
   * (COMPILED_SHAPES_MAX); other shapes take the DataLoader path.
   */
  readonly compiler: { readonly enabled: boolean; readonly maxShapes: number };
  /** Trusted-documents mode (TRUSTED_DOCUMENTS=on): only the SDK's operations, named by hash, run. */
  readonly trustedDocuments: boolean;
  /** The manifest of trusted documents (TRUSTED_DOCUMENTS_MANIFEST); the SDK's generated one by default. */
  readonly trustedDocumentsManifest: string;
  /** Serves GraphiQL to browsers asking for /graphql (GRAPHIQL=on|off); on except in production. */
  readonly graphiql: boolean;
  /** Bounds on every operation, checked before any resolver runs (see src/server/operation-limits.ts). */
  readonly limits: {
    /** Deepest field nesting (LIMIT_MAX_DEPTH). */
    readonly maxDepth: number;
    /** Aliased fields per operation (LIMIT_MAX_ALIASES). */
    readonly maxAliases: number;
    /** Directives per operation (LIMIT_MAX_DIRECTIVES). */
    readonly maxDirectives: number;
    /** The most one operation may cost, in cost points (LIMIT_MAX_COST; src/server/cost/). */
    readonly maxCost: number;
    /** Representations one `_entities` field may ask for (LIMIT_MAX_ENTITIES; docs/federation.md). */
    readonly maxEntities: number;
    /** Approximate bytes of database records one operation may bring back (LIMIT_MAX_RESPONSE_BYTES). */
    readonly maxResponseBytes: number;
    /** Lexical tokens per document (LIMIT_MAX_TOKENS). */
    readonly maxTokens: number;
    /** Largest request body in bytes (LIMIT_MAX_BODY_BYTES); larger bodies get 413. */
    readonly maxBodyBytes: number;
    /**
     * Deepest nesting of brackets (`{`, `[`, `(`) in a document, checked on the tokens before parsing
     * (LIMIT_MAX_NESTING; see src/server/nesting-limit.ts).
     */
    readonly maxNesting: number;
  };
  /** Timeouts on slow clients (see src/server/http-timeouts.ts). */
  readonly http: {
    /** Time a client has to send the request headers (HTTP_HEADERS_TIMEOUT_MS). */
    readonly headersTimeoutMs: number;
    /** Time a client has to send the whole request, headers and body (HTTP_REQUEST_TIMEOUT_MS). */
    readonly requestTimeoutMs: number;
    /** Longest pause between two chunks of a request body (HTTP_BODY_IDLE_TIMEOUT_MS). */
    readonly bodyIdleTimeoutMs: number;
  };
  /** Health endpoints. */
  readonly health: {
    /** Deadline of the `/readyz` database probe (READYZ_TIMEOUT_MS); past it, 503. */
    readonly readyTimeoutMs: number;
  };
  /** Logging of errors (see src/server/error-log.ts). */
  readonly errorLog: {
    /** Window over which repeated client errors are summarised (LOG_CLIENT_ERROR_WINDOW_MS). */
    readonly windowMs: number;
    /** Distinct client-error lines written per window at most (LOG_CLIENT_ERROR_MAX_PER_WINDOW). */
    readonly maxLinesPerWindow: number;
  };
  /**
   * Origins allowed to call the API from a browser (CORS_ORIGINS, comma-separated, or `*`). Empty (the
   * default): no cross-origin access, preflights are refused.
   */
  readonly corsOrigins: readonly string[];
  /** Serves Prometheus metrics at GET /metrics (METRICS=true, the default). */
  readonly metrics: boolean;
  /** Graceful stop on SIGTERM/SIGINT. */
  readonly shutdown: {
    /** Time connections accepted just before the signal get to send their request (SHUTDOWN_SETTLE_MS). */
    readonly settleMs: number;
    /** Time in-flight requests get to finish before their connections are cut (SHUTDOWN_GRACE_MS). */
    readonly graceMs: number;
    /**
     * Before the listener closes, how long at most `/readyz` answers 503 while every request is still
     * served, so that a balancer's health checks take the server out of rotation first
     * (SHUTDOWN_UNREADY_MS; 0: no such phase).
     */
    readonly unreadyMs: number;
    /**
     * Ends that phase early once `/readyz` has answered 503 this many times (SHUTDOWN_UNREADY_PROBES; the
     * balancer's `fall` plus one, so its last check saw the server down; 0: wait `unreadyMs`).
     */
    readonly unreadyProbes: number;
  };
  /** Names this process in the `x-served-by` response header (REPLICA_NAME); null: no header. */
  readonly replicaName: string | null;
  /** Who may call (docs/access.md): API keys, tokens, and whether reads need one. */
  readonly access: AccessSettings;
  /** The `graphChanged` subscription over graphql-ws (src/server/ws/). */
  readonly subscriptions: SubscriptionSettings;
}

/** Access control (src/auth/): see docs/access.md. */
export interface AccessSettings {
  /** READ_ACCESS: `public` (reads need no key) or `key` (every operation needs a valid key or token). */
  readonly readAccess: 'public' | 'key';
  /**
   * API_KEY_CACHE_MS: how long a verified key is trusted without asking the database again; also the
   * longest a revoked key keeps working on a replica that verified it just before. 0: no cache.
   */
  readonly keyCacheMs: number;
  /** Tokens of an identity provider; null when JWT_ISSUER is not set (only API keys are accepted). */
  readonly jwt: JwtSettings | null;
}

/** JSON Web Tokens accepted beside API keys (src/auth/jwt.ts). */
export interface JwtSettings {
  /** JWT_ISSUER: the `iss` every token must carry. */
  readonly issuer: string;
  /** JWT_AUDIENCE: the `aud` every token must carry. */
  readonly audience: string;
  /** JWT_JWKS_URL: the provider's key set (asymmetric signatures); null when a shared secret is used. */
  readonly jwksUrl: string | null;
  /** JWT_SECRET: the HS256 shared secret; null when a key set is used. */
  readonly secret: string | null;
  /** JWT_ROLE_CLAIM: the claim holding the role (`viewer`, `editor`, `admin`, or a list of them). */
  readonly roleClaim: string;
  /** JWT_CLOCK_TOLERANCE_S: seconds of clock skew allowed on `exp` and `nbf`. */
  readonly clockToleranceSeconds: number;
}

/** The change feed over WebSocket. */
export interface SubscriptionSettings {
  /** SUBSCRIPTIONS_MAX_TOTAL: subscriptions open at once in this process; 0 turns the WebSocket endpoint off. */
  readonly maxTotal: number;
  /** SUBSCRIPTIONS_MAX_PER_CALLER: subscriptions one caller (key, token subject or address) may hold open. */
  readonly maxPerCaller: number;
  /** SUBSCRIPTIONS_MAX_BUFFERED_BYTES: bytes queued for one slow socket before it is closed. */
  readonly maxBufferedBytes: number;
  /** CHANGE_FEED_POLL_MS: how often the change log is polled for changes made by other replicas. */
  readonly pollMs: number;
  /** CHANGE_FEED_BATCH: changes read from the log per statement. */
  readonly batch: number;
}
