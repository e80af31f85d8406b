/**
 * `npm run keys -- <command>`: API keys, stored in Neo4j as the SHA-256 of their tokens (docs/access.md).
 *
 *   npm run keys -- create --role editor --name NAME [--reason TEXT]   prints the token alone on the last line
 *   npm run keys -- list                                               name, role, created, revoked
 *   npm run keys -- revoke NAME [--reason TEXT]
 *
 * Every creation and revocation is recorded in the audit trail as made by `system` (the operator running
 * this command). The token is shown once; only its hash is kept.
 */
import { parseArgs } from 'node:util';

import { ApiKeyService, parseRole } from '../src/auth/api-keys.js';
import { SYSTEM } from '../src/auth/principal.js';
import { getConfig } from '../src/config/config.js';
import { GraphClient } from '../src/graph/graph-client.js';

const USAGE = 'usage: npm run keys -- create --role viewer|editor|admin --name NAME [--reason TEXT] | list | revoke NAME [--reason TEXT]';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string' }, name: { type: 'string' }, reason: { type: 'string' } },
});

async function run(keys: ApiKeyService): Promise<void> {
  const [command, argument] = positionals;
  const reason = values.reason ?? null;
  switch (command) {
    case 'create': {
      const role = parseRole(values.role ?? '');
      if (!role || values.name === undefined) throw new Error(USAGE);
      const created = await keys.create(values.name, role, SYSTEM, { reason });
      process.stdout.write(
        `Created API key "${created.key.name}" (${created.key.role}), change ${created.change.seq}. Its token, shown once:\n`,
      );
      process.stdout.write(`${created.token}\n`);
      return;
    }
    case 'list': {
      for (const key of await keys.list()) {
        process.stdout.write(
          `${key.name}\t${key.role}\tcreated ${key.createdAt}\t${key.revokedAt ? `revoked ${key.revokedAt}` : 'valid'}\n`,
        );
      }
      return;
    }
    case 'revoke': {
      if (argument === undefined) throw new Error(USAGE);
      const { key, change } = await keys.revoke(argument, SYSTEM, { reason });
      process.stdout.write(
        change ? `Revoked "${key.name}" (change ${change.seq})\n` : `"${key.name}" was revoked already, at ${key.revokedAt}\n`,
      );
      return;
    }
    default:
      throw new Error(USAGE);
  }
}

const graph = GraphClient.connect(getConfig().neo4j);
try {
  await run(new ApiKeyService(graph));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await graph.close();
}
