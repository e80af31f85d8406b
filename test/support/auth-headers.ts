import type { Role } from '../../src/auth/principal.js';
import { bearer, createTestKey } from './api-keys.js';

const keys = new Map<Role, Promise<string>>();

/**
 * The headers a test sends to act with `role`: `Authorization: Bearer <token>` of an API key created with
 * that role in the test database (once per role and test file, through the same service as `npm run keys`).
 *
 * @example
 * await t.post({ query }, await authHeaders('EDITOR'));
 */
export async function authHeaders(role: Role): Promise<Record<string, string>> {
  let key = keys.get(role);
  if (!key) {
    key = createTestKey(role);
    keys.set(role, key);
  }
  return bearer(await key);
}
