import { z } from 'zod';

/** Settings of the server, read once from the environment. The only module that reads `process.env`. */
export interface Config {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly host: string;
  readonly port: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly neo4j: {
    /** Bolt URI of the database. */
    readonly uri: string;
    /** True when NEO4J_URI was given: then `npm start` does not start the bundled local Neo4j. */
    readonly uriExplicit: boolean;
    readonly username: string;
    /** Empty when authentication is off (the local default). */
    readonly password: string;
    readonly database: string;
    /** Timeout of every transaction, in milliseconds. */
    readonly transactionTimeoutMs: number;
    /** How long the driver may retry a failing transaction, in milliseconds. */
    readonly maxRetryTimeMs: number;
    /** How long a request waits for a connection (and to connect), in milliseconds. */
    readonly acquisitionTimeoutMs: number;
    readonly maxPoolSize: number;
  };
  /** The bundled local Neo4j (`npm run db:start`), used when NEO4J_URI is not set. */
  readonly localNeo4j: {
    readonly dir: string;
    readonly boltHost: string;
    readonly boltPort: number;
    readonly heapMb: number;
    readonly pageCacheMb: number;
    readonly txMemoryMb: number;
    readonly javaHome: string | undefined;
  };
  readonly introspection: boolean;
  /** Adds `extensions.roundTrips` to responses: the database round trips the operation cost. */
  readonly exposeRoundTrips: boolean;
  /** Trusted-documents mode (TRUSTED_DOCUMENTS=on): only the SDK's operations, named by hash, run. */
  readonly trustedDocuments: boolean;
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
    /** Fields per operation with fragments expanded (LIMIT_MAX_COST). */
    readonly maxCost: number;
    /** Lexical tokens per document (LIMIT_MAX_TOKENS). */
    readonly maxTokens: number;
    /** Largest request body in bytes (LIMIT_MAX_BODY_BYTES); larger bodies get 413. */
    readonly maxBodyBytes: number;
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
  };
}

const booleanString = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const port = z.coerce.number().int().min(1).max(65535);
const millis = z.coerce.number().int().min(1).max(600_000);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  // 0 asks the system for any free port (tests use it).
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s]+$/, 'a bolt:// or neo4j:// URI such as bolt://127.0.0.1:7687')
    .optional(),
  NEO4J_USERNAME: z.string().min(1).default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z
    .string()
    .regex(/^[a-z][a-z0-9.-]{2,62}$/, 'a Neo4j database name (lower-case letters, digits, dots, dashes)')
    .default('neo4j'),
  NEO4J_TX_TIMEOUT_MS: millis.default(5000),
  NEO4J_MAX_RETRY_TIME_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  NEO4J_ACQUISITION_TIMEOUT_MS: millis.default(3000),
  NEO4J_MAX_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  NEO4J_LOCAL_DIR: z.string().min(1).default('.neo4j'),
  NEO4J_LOCAL_BOLT_PORT: port.default(7687),
  NEO4J_LOCAL_HEAP_MB: z.coerce.number().int().min(128).max(65536).default(512),
  NEO4J_LOCAL_PAGECACHE_MB: z.coerce.number().int().min(16).max(65536).default(512),
  JAVA_HOME: z.string().optional(),
  NEO4J_LOCAL_TX_MEMORY_MB: z.coerce.number().int().min(16).max(65536).default(256),
  INTROSPECTION: booleanString.optional(),
  EXPOSE_ROUND_TRIPS: booleanString.optional(),
  TRUSTED_DOCUMENTS: z.enum(['off', 'on']).default('off'),
  GRAPHIQL: z.enum(['off', 'on']).optional(),
  LIMIT_MAX_DEPTH: z.coerce.number().int().min(1).max(100).default(12),
  LIMIT_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(15),
  LIMIT_MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1000).default(10),
  LIMIT_MAX_COST: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  LIMIT_MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(3000),
  LIMIT_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_485_760).default(65_536),
  CORS_ORIGINS: z
    .string()
    .regex(/^(\*|https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*)$/, 'a comma-separated list of origins such as https://app.example.org, or *')
    .optional(),
  METRICS: booleanString.optional(),
  SHUTDOWN_SETTLE_MS: z.coerce.number().int().min(0).max(10_000).default(250),
  SHUTDOWN_GRACE_MS: millis.default(10_000),
});

/** Thrown when the environment holds a value the server cannot run with; its message is one line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parses settings from an environment map. Pure: tests pass their own map.
 *
 * @throws ConfigError naming the first bad variable and what it expects.
 * @example
 * const config = parseConfig({ PORT: '4001' });
 */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings count as unset, as shells and .env files commonly produce them.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = issue?.path.join('.') ?? 'environment';
    // Never echo values that may hold credentials.
    const secret = variable === 'NEO4J_PASSWORD' || variable === 'NEO4J_URI';
    const got = !secret && typeof cleaned[variable] === 'string' ? ` (got '${cleaned[variable]}')` : '';
    throw new ConfigError(`Invalid configuration: ${variable}: ${describeIssue(issue)}${got}`);
  }
  const e = result.data;
  const production = e.NODE_ENV === 'production';
  const uri = e.NEO4J_URI ?? `bolt://127.0.0.1:${e.NEO4J_LOCAL_BOLT_PORT}`;
  return deepFreeze({
    nodeEnv: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    neo4j: {
      uri,
      uriExplicit: e.NEO4J_URI !== undefined,
      username: e.NEO4J_USERNAME,
      password: e.NEO4J_PASSWORD,
      database: e.NEO4J_DATABASE,
      transactionTimeoutMs: e.NEO4J_TX_TIMEOUT_MS,
      maxRetryTimeMs: e.NEO4J_MAX_RETRY_TIME_MS,
      acquisitionTimeoutMs: e.NEO4J_ACQUISITION_TIMEOUT_MS,
      maxPoolSize: e.NEO4J_MAX_POOL_SIZE,
    },
    localNeo4j: {
      dir: e.NEO4J_LOCAL_DIR,
      boltHost: '127.0.0.1',
      boltPort: e.NEO4J_LOCAL_BOLT_PORT,
      heapMb: e.NEO4J_LOCAL_HEAP_MB,
      pageCacheMb: e.NEO4J_LOCAL_PAGECACHE_MB,
      txMemoryMb: e.NEO4J_LOCAL_TX_MEMORY_MB,
      javaHome: e.JAVA_HOME,
    },
    introspection: e.INTROSPECTION ?? !production,
    exposeRoundTrips: e.EXPOSE_ROUND_TRIPS ?? !production,
    trustedDocuments: e.TRUSTED_DOCUMENTS === 'on',
    graphiql: e.GRAPHIQL === undefined ? !production : e.GRAPHIQL === 'on',
    limits: {
      maxDepth: e.LIMIT_MAX_DEPTH,
      maxAliases: e.LIMIT_MAX_ALIASES,
      maxDirectives: e.LIMIT_MAX_DIRECTIVES,
      maxCost: e.LIMIT_MAX_COST,
      maxTokens: e.LIMIT_MAX_TOKENS,
      maxBodyBytes: e.LIMIT_MAX_BODY_BYTES,
    },
    corsOrigins: e.CORS_ORIGINS === undefined ? [] : e.CORS_ORIGINS.split(',').map((origin) => origin.replace(/\/$/, '')),
    metrics: e.METRICS ?? true,
    shutdown: { settleMs: e.SHUTDOWN_SETTLE_MS, graceMs: e.SHUTDOWN_GRACE_MS },
  });
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'invalid value';
  switch (issue.code) {
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'too_small':
      return `expected at least ${String(issue.minimum)}`;
    case 'too_big':
      return `expected at most ${String(issue.maximum)}`;
    case 'invalid_type':
      return `expected ${issue.expected === 'number' ? 'an integer' : issue.expected}`;
    case 'invalid_format':
      return `expected ${issue.message}`;
    default:
      return issue.message;
  }
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner !== null && typeof inner === 'object') deepFreeze(inner as object);
  }
  return Object.freeze(value);
}

let loaded: Config | undefined;

/** The process configuration, parsed from `process.env` on first use and frozen. */
export function getConfig(): Config {
  loaded ??= parseConfig(process.env);
  return loaded;
}
