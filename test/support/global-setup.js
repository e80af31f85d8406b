// Jest global setup of the integration project: a fresh, seeded test Neo4j. Runs the TypeScript helper
// through tsx in a child process so this file needs no transform. When NEO4J_URI is set, that database
// is used as it is (and seeded, which is idempotent).
import { execFileSync } from 'node:child_process';

export default function globalSetup() {
  const out = execFileSync('npx', ['tsx', 'test/support/test-database.ts', 'up'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The helper prints the URI last; anything a build tool wrote before it is ignored.
  const uri = out.match(/(?:bolt|neo4j)(?:\+s|\+ssc)?:\/\/[\w.:[\]-]+/g)?.at(-1);
  if (!uri) throw new Error(`the test database helper printed no URI:\n${out}`);
  process.env.NEO4J_URI = uri;
}
