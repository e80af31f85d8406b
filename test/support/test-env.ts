/**
 * Folder of the integration tests' own Neo4j, apart from the development one in .neo4j. TEST_NEO4J_DIR
 * and TEST_NEO4J_PORT let two checkouts run their suites side by side.
 */
export const TEST_NEO4J_DIR = process.env['TEST_NEO4J_DIR'] ?? '.neo4j-test';
/** Bolt port of the integration tests' own Neo4j. */
export const TEST_NEO4J_PORT = process.env['TEST_NEO4J_PORT'] ?? '7688';

/**
 * The environment tests run the server with: the test Neo4j (or NEO4J_URI when given), a free port,
 * silent logs, and round trips reported in responses.
 */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string | undefined> {
  return {
    ...process.env,
    NEO4J_LOCAL_DIR: TEST_NEO4J_DIR,
    NEO4J_LOCAL_BOLT_PORT: TEST_NEO4J_PORT,
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    EXPOSE_ROUND_TRIPS: 'true',
    // Ordinary test queries take milliseconds; on a loaded 2-core machine a Neo4j pause can still pass the
    // 5 s default. Tests of timeouts set their own.
    NEO4J_TX_TIMEOUT_MS: '30000',
    ...overrides,
  };
}
