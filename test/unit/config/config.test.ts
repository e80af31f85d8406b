import { ConfigError, parseConfig } from '../../../src/config/config.js';

describe('parseConfig', () => {
  it('gives documented defaults for an empty environment', () => {
    const config = parseConfig({});
    expect(config.port).toBe(4000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.nodeEnv).toBe('development');
    expect(config.neo4j.uri).toBe('bolt://127.0.0.1:7687');
    expect(config.neo4j.uriExplicit).toBe(false);
    expect(config.neo4j.database).toBe('neo4j');
    expect(config.neo4j.transactionTimeoutMs).toBe(5000);
    expect(config.introspection).toBe(true);
  });

  it('follows the local port when NEO4J_URI is unset, and marks an explicit URI', () => {
    expect(parseConfig({ NEO4J_LOCAL_BOLT_PORT: '7690' }).neo4j.uri).toBe('bolt://127.0.0.1:7690');
    const explicit = parseConfig({ NEO4J_URI: 'neo4j+s://db.example.org:7687' });
    expect(explicit.neo4j.uri).toBe('neo4j+s://db.example.org:7687');
    expect(explicit.neo4j.uriExplicit).toBe(true);
  });

  it('turns introspection and round-trip reporting off in production unless asked', () => {
    expect(parseConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(parseConfig({ NODE_ENV: 'production' }).exposeRoundTrips).toBe(false);
    expect(parseConfig({ NODE_ENV: 'production', INTROSPECTION: 'true' }).introspection).toBe(true);
  });

  it('serves GraphiQL except in production, where GRAPHIQL=on turns it on', () => {
    expect(parseConfig({}).graphiql).toBe(true);
    expect(parseConfig({ NODE_ENV: 'production' }).graphiql).toBe(false);
    expect(parseConfig({ NODE_ENV: 'production', GRAPHIQL: 'on' }).graphiql).toBe(true);
    expect(parseConfig({ GRAPHIQL: 'off' }).graphiql).toBe(false);
    expect(() => parseConfig({ GRAPHIQL: 'yes' })).toThrow("GRAPHIQL: expected one of off, on (got 'yes')");
  });

  it.each([
    [{ PORT: 'abc' }, "Invalid configuration: PORT: expected an integer (got 'abc')"],
    [{ PORT: '70000' }, "Invalid configuration: PORT: expected at most 65535 (got '70000')"],
    [{ NODE_ENV: 'prod' }, "Invalid configuration: NODE_ENV: expected one of development, production, test (got 'prod')"],
    [{ LOG_LEVEL: 'loud' }, 'Invalid configuration: LOG_LEVEL: expected one of'],
    [{ NEO4J_TX_TIMEOUT_MS: '0' }, "Invalid configuration: NEO4J_TX_TIMEOUT_MS: expected at least 1 (got '0')"],
  ])('rejects %j with one line naming the variable', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(message);
    try {
      parseConfig(env);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it.each([
    [{ NEO4J_LOCAL_TX_TOTAL_MEMORY_MB: '1024' }, 'NEO4J_LOCAL_TX_TOTAL_MEMORY_MB: expected less than NEO4J_LOCAL_HEAP_MB'],
    [{ NEO4J_LOCAL_TX_MEMORY_MB: '600' }, 'NEO4J_LOCAL_TX_MEMORY_MB: expected at most NEO4J_LOCAL_TX_TOTAL_MEMORY_MB'],
    [{ LIMIT_MAX_NESTING: '12' }, 'LIMIT_MAX_NESTING: expected more than LIMIT_MAX_DEPTH'],
    [{ HTTP_HEADERS_TIMEOUT_MS: '40000' }, 'HTTP_HEADERS_TIMEOUT_MS: expected at most HTTP_REQUEST_TIMEOUT_MS'],
  ])('rejects settings that contradict each other: %j', (env, message) => {
    expect(() => parseConfig(env)).toThrow(`Invalid configuration: ${message}`);
  });

  it('sizes the bundled Neo4j: total transaction memory below the heap, per-transaction cap below the total', () => {
    const { heapMb, txTotalMemoryMb, txMemoryMb } = parseConfig({}).localNeo4j;
    expect({ heapMb, txTotalMemoryMb, txMemoryMb }).toEqual({ heapMb: 1024, txTotalMemoryMb: 512, txMemoryMb: 128 });
  });

  it('never echoes a URI, which may hold credentials', () => {
    expect(() => parseConfig({ NEO4J_URI: 'http://user:secret@host' })).toThrow(/NEO4J_URI: expected a bolt:\/\/ or neo4j:\/\/ URI/);
    expect(() => parseConfig({ NEO4J_URI: 'http://user:secret@host' })).not.toThrow(/secret/);
  });

  it('treats empty strings as unset and returns a deeply frozen object', () => {
    const config = parseConfig({ PORT: '', NEO4J_PASSWORD: '' });
    expect(config.port).toBe(4000);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.neo4j)).toBe(true);
  });

  it('gives the cost, byte, rate-limit and admission defaults, and turns per-caller budgets off with 0', () => {
    const config = parseConfig({});
    expect(config.limits).toMatchObject({ maxCost: 50_000, maxResponseBytes: 1_048_576 });
    expect(config.rateLimit).toEqual({ points: 500_000, windowMs: 60_000, maxCallers: 10_000 });
    expect(config.admission).toEqual({ maxConcurrent: 32, maxQueue: 128, queueTimeoutMs: 2000 });
    expect(parseConfig({ RATE_LIMIT_POINTS: '0' }).rateLimit).toBeNull();
  });

  it('keeps the driver pool above the admission bound and a bucket at least one operation big', () => {
    expect(() => parseConfig({ NEO4J_MAX_POOL_SIZE: '32' })).toThrow(
      "Invalid configuration: ADMISSION_MAX_CONCURRENT: expected below NEO4J_MAX_POOL_SIZE (32) (got '32')",
    );
    expect(parseConfig({ NEO4J_MAX_POOL_SIZE: '10', ADMISSION_MAX_CONCURRENT: '8' }).admission.maxConcurrent).toBe(8);
    expect(() => parseConfig({ RATE_LIMIT_POINTS: '100' })).toThrow(
      "Invalid configuration: RATE_LIMIT_POINTS: expected 0 or at least LIMIT_MAX_COST (50000) (got '100')",
    );
  });
});
