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
});
