// Two projects: `unit` (no database) and `integration` (real Neo4j, started by the global setup when
// NEO4J_URI is not set). TypeScript is transpiled by ts-jest as ESM; `npm run typecheck` checks types.
const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  // The SDK by its package name, as the web app (web/) imports it.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1', '^@sanctions-graph/client$': '<rootDir>/client/src/index.ts' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }] },
  testEnvironment: 'node',
};

export default {
  // Integration tests wait on a real database; unit tests finish far below this.
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int.test.ts', '<rootDir>/test/e2e/**/*.e2e.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.js',
      globalTeardown: '<rootDir>/test/support/global-teardown.js',
    },
  ],
};
