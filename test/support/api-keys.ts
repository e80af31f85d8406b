import { randomUUID } from 'node:crypto';

import { ApiKeyService } from '../../src/auth/api-keys.js';
import { type Role, SYSTEM } from '../../src/auth/principal.js';
import { parseConfig } from '../../src/config/config.js';
import { GraphClient } from '../../src/graph/graph-client.js';
import { testEnv } from './test-env.js';

/**
 * Creates an API key with `role` in the test database, through the same service as `npm run keys` (as the
 * system principal, recorded in the audit trail), and returns its token, for `Authorization: Bearer`.
 * Names are unique unless given.
 *
 * @example
 * const editor = await createTestKey('EDITOR');
 * await fetch(t.url, { method: 'POST', headers: { authorization: `Bearer ${editor}`, ... }, body });
 */
export async function createTestKey(role: Role, name = `test-${role.toLowerCase()}-${randomUUID().slice(0, 8)}`): Promise<string> {
  const graph = GraphClient.connect(parseConfig(testEnv()).neo4j);
  try {
    const { token } = await new ApiKeyService(graph).create(name, role, SYSTEM, { reason: 'test key' });
    return token;
  } finally {
    await graph.close();
  }
}

/** The headers of a JSON POST sent with a bearer token. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
