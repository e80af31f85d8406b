import type { Role } from '../../src/auth/principal.js';

/**
 * The headers a test sends to write with `role`. On this branch every caller is anonymous and mutations
 * are not yet refused (H2's keys replace this at merge: it then returns `Authorization: Bearer <key>` of a
 * key created with that role).
 *
 * @example
 * await t.post({ query }, authHeaders('EDITOR'));
 */
export function authHeaders(role: Role): Record<string, string> {
  void role;
  return {};
}
