// Stops the test Neo4j if the global setup started it.
import { execFileSync } from 'node:child_process';

export default function globalTeardown() {
  execFileSync('npx', ['tsx', 'test/support/test-database.ts', 'down'], { stdio: 'inherit' });
}
