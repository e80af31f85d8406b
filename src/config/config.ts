import { z } from 'zod';

import { PATHS } from './paths.js';
import type { Config } from './settings.js';

export type { AccessSettings, Config, JwtSettings, LocalNeo4jSettings, Neo4jSettings, SubscriptionSettings } from './settings.js';

const booleanString = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const port = z.coerce.number().int().min(1).max(65535);
const millis = z.coerce.number().int().min(1).max(600_000);

const EnvFields = z.object({
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
  NEO4J_LOCAL_HEAP_MB: z.coerce.number().int().min(128).max(65536).default(1024),
  NEO4J_LOCAL_PAGECACHE_MB: z.coerce.number().int().min(16).max(65536).default(512),
  JAVA_HOME: z.string().optional(),
  NEO4J_LOCAL_TX_MEMORY_MB: z.coerce.number().int().min(16).max(65536).default(128),
  NEO4J_LOCAL_TX_TOTAL_MEMORY_MB: z.coerce.number().int().min(16).max(65536).default(512),
  INTROSPECTION: booleanString.optional(),
  EXPOSE_ROUND_TRIPS: booleanString.optional(),
  COMPILE_SELECTIONS: booleanString.default(true),
  COMPILED_SHAPES_MAX: z.coerce.number().int().min(0).max(10_000).default(256),
  TRUSTED_DOCUMENTS: z.enum(['off', 'on']).default('off'),
  TRUSTED_DOCUMENTS_MANIFEST: z.string().min(1).optional(),
  GRAPHIQL: z.enum(['off', 'on']).optional(),
  LIMIT_MAX_DEPTH: z.coerce.number().int().min(1).max(100).default(12),
  LIMIT_MAX_ALIASES: z.coerce.number().int().min(0).max(1000).default(15),
  LIMIT_MAX_DIRECTIVES: z.coerce.number().int().min(0).max(1000).default(10),
  LIMIT_MAX_COST: z.coerce.number().int().min(1).max(100_000_000).default(50_000),
  LIMIT_MAX_ENTITIES: z.coerce.number().int().min(1).max(1000).default(100),
  LIMIT_MAX_RESPONSE_BYTES: z.coerce.number().int().min(1024).max(1_073_741_824).default(1_048_576),
  LIMIT_MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(3000),
  LIMIT_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_485_760).default(65_536),
  // graphql-js's parser overflows the stack at ~1,600 nested object literals; 512 keeps a 3x margin.
  LIMIT_MAX_NESTING: z.coerce.number().int().min(2).max(512).default(64),
  HTTP_HEADERS_TIMEOUT_MS: millis.default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: millis.default(30_000),
  HTTP_BODY_IDLE_TIMEOUT_MS: millis.default(5000),
  READYZ_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1000),
  LOG_CLIENT_ERROR_WINDOW_MS: millis.default(60_000),
  LOG_CLIENT_ERROR_MAX_PER_WINDOW: z.coerce.number().int().min(1).max(10_000).default(20),
  CORS_ORIGINS: z
    .string()
    .regex(/^(\*|https?:\/\/[^\s,]+(,https?:\/\/[^\s,]+)*)$/, 'a comma-separated list of origins such as https://app.example.org, or *')
    .optional(),
  METRICS: booleanString.optional(),
  SHUTDOWN_SETTLE_MS: z.coerce.number().int().min(0).max(10_000).default(250),
  SHUTDOWN_GRACE_MS: millis.default(10_000),
  // 0: the listener closes at once (no balancer in front). Behind one: long enough for it to see 503s.
  SHUTDOWN_UNREADY_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  // 0: the unready phase lasts SHUTDOWN_UNREADY_MS. Otherwise it ends after this many 503 readiness answers.
  SHUTDOWN_UNREADY_PROBES: z.coerce.number().int().min(0).max(100).default(0),
  REPLICA_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dots, dashes or underscores (at most 64)')
    .optional(),
  ADMISSION_MAX_CONCURRENT: z.coerce.number().int().min(1).max(1000).default(32),
  ADMISSION_MAX_QUEUE: z.coerce.number().int().min(0).max(100_000).default(128),
  ADMISSION_QUEUE_TIMEOUT_MS: millis.default(2000),
  // 0 turns per-caller budgets off.
  RATE_LIMIT_POINTS: z.coerce.number().int().min(0).max(1_000_000_000).default(500_000),
  RATE_LIMIT_WINDOW_MS: millis.default(60_000),
  RATE_LIMIT_MAX_CALLERS: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
  READ_ACCESS: z.enum(['public', 'key']).default('public'),
  // 0 verifies every request against the database (no cache): revocation takes effect at once.
  API_KEY_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  JWT_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  // HS256 needs a key at least as long as its hash (RFC 7518 section 3.2): 32 bytes.
  JWT_SECRET: z.string().min(32).optional(),
  JWT_ROLE_CLAIM: z.string().min(1).default('role'),
  JWT_CLOCK_TOLERANCE_S: z.coerce.number().int().min(0).max(300).default(30),
  SUBSCRIPTIONS_MAX_TOTAL: z.coerce.number().int().min(0).max(100_000).default(1000),
  SUBSCRIPTIONS_MAX_PER_CALLER: z.coerce.number().int().min(1).max(1000).default(10),
  SUBSCRIPTIONS_MAX_BUFFERED_BYTES: z.coerce.number().int().min(1024).max(67_108_864).default(1_048_576),
  CHANGE_FEED_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  CHANGE_FEED_BATCH: z.coerce.number().int().min(1).max(1000).default(100),
});

const EnvSchema = EnvFields.superRefine((e, ctx) => {
  // Cross-setting rules: a check per variable cannot see the others.
  const rules: [boolean, keyof typeof e, string][] = [
    [e.NEO4J_LOCAL_TX_TOTAL_MEMORY_MB < e.NEO4J_LOCAL_HEAP_MB, 'NEO4J_LOCAL_TX_TOTAL_MEMORY_MB', 'less than NEO4J_LOCAL_HEAP_MB'],
    [e.NEO4J_LOCAL_TX_MEMORY_MB <= e.NEO4J_LOCAL_TX_TOTAL_MEMORY_MB, 'NEO4J_LOCAL_TX_MEMORY_MB', 'at most NEO4J_LOCAL_TX_TOTAL_MEMORY_MB'],
    // A selection nested LIMIT_MAX_DEPTH fields deep needs one more level of braces.
    [e.LIMIT_MAX_NESTING > e.LIMIT_MAX_DEPTH, 'LIMIT_MAX_NESTING', 'more than LIMIT_MAX_DEPTH'],
    // Node refuses a headers timeout longer than the request timeout.
    [e.HTTP_HEADERS_TIMEOUT_MS <= e.HTTP_REQUEST_TIMEOUT_MS, 'HTTP_HEADERS_TIMEOUT_MS', 'at most HTTP_REQUEST_TIMEOUT_MS'],
    // A token is checked against one issuer, one audience and one kind of key: never "any".
    [e.JWT_ISSUER === undefined || e.JWT_AUDIENCE !== undefined, 'JWT_AUDIENCE', 'set when JWT_ISSUER is'],
    [
      e.JWT_ISSUER === undefined || (e.JWT_JWKS_URL === undefined) !== (e.JWT_SECRET === undefined),
      'JWT_JWKS_URL',
      'exactly one of JWT_JWKS_URL and JWT_SECRET when JWT_ISSUER is set',
    ],
    [
      e.JWT_ISSUER !== undefined || (e.JWT_JWKS_URL === undefined && e.JWT_SECRET === undefined),
      'JWT_ISSUER',
      'set when JWT_JWKS_URL or JWT_SECRET is',
    ],
    [
      e.SUBSCRIPTIONS_MAX_PER_CALLER <= Math.max(1, e.SUBSCRIPTIONS_MAX_TOTAL),
      'SUBSCRIPTIONS_MAX_PER_CALLER',
      'at most SUBSCRIPTIONS_MAX_TOTAL',
    ],
  ];
  for (const [ok, variable, expected] of rules) {
    if (!ok) ctx.addIssue({ code: 'custom', path: [variable], message: expected });
  }
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
    const secret = variable === 'NEO4J_PASSWORD' || variable === 'NEO4J_URI' || variable === 'JWT_SECRET';
    const got = !secret && typeof cleaned[variable] === 'string' ? ` (got '${cleaned[variable]}')` : '';
    throw new ConfigError(`Invalid configuration: ${variable}: ${describeIssue(issue)}${got}`);
  }
  const e = result.data;
  // A pooled connection must always be free for an admitted transaction (and for /readyz's probe):
  // otherwise overload waits for the pool and surfaces as SERVICE_UNAVAILABLE.
  if (e.ADMISSION_MAX_CONCURRENT >= e.NEO4J_MAX_POOL_SIZE) {
    throw new ConfigError(
      `Invalid configuration: ADMISSION_MAX_CONCURRENT: expected below NEO4J_MAX_POOL_SIZE (${e.NEO4J_MAX_POOL_SIZE}) (got '${e.ADMISSION_MAX_CONCURRENT}')`,
    );
  }
  // A bucket smaller than one operation's budget would refuse some accepted operations forever.
  if (e.RATE_LIMIT_POINTS !== 0 && e.RATE_LIMIT_POINTS < e.LIMIT_MAX_COST) {
    throw new ConfigError(
      `Invalid configuration: RATE_LIMIT_POINTS: expected 0 or at least LIMIT_MAX_COST (${e.LIMIT_MAX_COST}) (got '${e.RATE_LIMIT_POINTS}')`,
    );
  }
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
    admission: {
      maxConcurrent: e.ADMISSION_MAX_CONCURRENT,
      maxQueue: e.ADMISSION_MAX_QUEUE,
      queueTimeoutMs: e.ADMISSION_QUEUE_TIMEOUT_MS,
    },
    rateLimit:
      e.RATE_LIMIT_POINTS === 0
        ? null
        : { points: e.RATE_LIMIT_POINTS, windowMs: e.RATE_LIMIT_WINDOW_MS, maxCallers: e.RATE_LIMIT_MAX_CALLERS },
    localNeo4j: {
      dir: e.NEO4J_LOCAL_DIR,
      host: '127.0.0.1',
      port: e.NEO4J_LOCAL_BOLT_PORT,
      password: e.NEO4J_PASSWORD,
      heapMb: e.NEO4J_LOCAL_HEAP_MB,
      pageCacheMb: e.NEO4J_LOCAL_PAGECACHE_MB,
      txMemoryMb: e.NEO4J_LOCAL_TX_MEMORY_MB,
      txTotalMemoryMb: e.NEO4J_LOCAL_TX_TOTAL_MEMORY_MB,
      javaHome: e.JAVA_HOME,
    },
    introspection: e.INTROSPECTION ?? !production,
    exposeRoundTrips: e.EXPOSE_ROUND_TRIPS ?? !production,
    compiler: { enabled: e.COMPILE_SELECTIONS, maxShapes: e.COMPILED_SHAPES_MAX },
    trustedDocuments: e.TRUSTED_DOCUMENTS === 'on',
    trustedDocumentsManifest: e.TRUSTED_DOCUMENTS_MANIFEST ?? PATHS.trustedDocumentsManifest,
    graphiql: e.GRAPHIQL === undefined ? !production : e.GRAPHIQL === 'on',
    limits: {
      maxDepth: e.LIMIT_MAX_DEPTH,
      maxAliases: e.LIMIT_MAX_ALIASES,
      maxDirectives: e.LIMIT_MAX_DIRECTIVES,
      maxCost: e.LIMIT_MAX_COST,
      maxEntities: e.LIMIT_MAX_ENTITIES,
      maxResponseBytes: e.LIMIT_MAX_RESPONSE_BYTES,
      maxTokens: e.LIMIT_MAX_TOKENS,
      maxBodyBytes: e.LIMIT_MAX_BODY_BYTES,
      maxNesting: e.LIMIT_MAX_NESTING,
    },
    http: {
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      bodyIdleTimeoutMs: e.HTTP_BODY_IDLE_TIMEOUT_MS,
    },
    health: { readyTimeoutMs: e.READYZ_TIMEOUT_MS },
    errorLog: { windowMs: e.LOG_CLIENT_ERROR_WINDOW_MS, maxLinesPerWindow: e.LOG_CLIENT_ERROR_MAX_PER_WINDOW },
    corsOrigins: e.CORS_ORIGINS === undefined ? [] : e.CORS_ORIGINS.split(',').map((origin) => origin.replace(/\/$/, '')),
    metrics: e.METRICS ?? true,
    shutdown: {
      settleMs: e.SHUTDOWN_SETTLE_MS,
      graceMs: e.SHUTDOWN_GRACE_MS,
      unreadyMs: e.SHUTDOWN_UNREADY_MS,
      unreadyProbes: e.SHUTDOWN_UNREADY_PROBES,
    },
    replicaName: e.REPLICA_NAME ?? null,
    access: {
      readAccess: e.READ_ACCESS,
      keyCacheMs: e.API_KEY_CACHE_MS,
      jwt:
        e.JWT_ISSUER === undefined || e.JWT_AUDIENCE === undefined
          ? null
          : {
              issuer: e.JWT_ISSUER,
              audience: e.JWT_AUDIENCE,
              jwksUrl: e.JWT_JWKS_URL ?? null,
              secret: e.JWT_SECRET ?? null,
              roleClaim: e.JWT_ROLE_CLAIM,
              clockToleranceSeconds: e.JWT_CLOCK_TOLERANCE_S,
            },
    },
    subscriptions: {
      maxTotal: e.SUBSCRIPTIONS_MAX_TOTAL,
      maxPerCaller: e.SUBSCRIPTIONS_MAX_PER_CALLER,
      maxBufferedBytes: e.SUBSCRIPTIONS_MAX_BUFFERED_BYTES,
      pollMs: e.CHANGE_FEED_POLL_MS,
      batch: e.CHANGE_FEED_BATCH,
    },
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
    case 'custom':
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
