import { randomUUID } from 'node:crypto';

import { ApiKeyService } from '../../src/auth/api-keys.js';
import { type Role, SYSTEM } from '../../src/auth/principal.js';
import type { GraphClient } from '../../src/graph/graph-client.js';

/** A key a script writes with, revoked when the script is done. */
export interface ScriptKey {
  /** `Authorization: Bearer <token>`, for the script's requests. */
  readonly headers: Record<string, string>;
  /** Revokes the key (recorded in the audit trail, like its creation). */
  revoke(): Promise<void>;
}

/**
 * Creates a short-lived API key for a script that writes through the API like any curator (the docs
 * generators, the write load), as the system principal; the script revokes it when it ends.
 *
 * @example
 * const key = await scriptKey(graph, 'EDITOR', 'docs-curation'); try { ... } finally { await key.revoke(); }
 */
export async function scriptKey(graph: GraphClient, role: Role, purpose: string): Promise<ScriptKey> {
  const keys = new ApiKeyService(graph);
  const name = `${purpose}-${randomUUID().slice(0, 8)}`;
  const { token } = await keys.create(name, role, SYSTEM, { reason: `key of ${purpose}, revoked when it ends` });
  return {
    headers: { authorization: `Bearer ${token}` },
    revoke: async () => void (await keys.revoke(name, SYSTEM, { reason: `${purpose} ended` })),
  };
}
