/**
 * `npm run keys` (issue 15 item 1): create prints the token alone on the last line of standard output,
 * list shows names and roles (never tokens or hashes), revoke stops the key. Run as the real script, in
 * a child process, against the test database.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { bearer } from '../support/api-keys.js';
import { firstCode, useTestApp } from '../support/test-app.js';
import { testEnv } from '../support/test-env.js';

const run = promisify(execFile);
const keys = (...args: string[]) => run('npx', ['tsx', 'scripts/keys.ts', ...args], { env: testEnv(), encoding: 'utf8' });

describe('npm run keys', () => {
  // No key cache: the revocation made by the script shows on the next request.
  const t = useTestApp({ env: { API_KEY_CACHE_MS: '0' } });
  const name = `cli-${Math.random().toString(36).slice(2, 8)}`;

  it('creates, lists and revokes a key', async () => {
    const created = await keys('create', '--role', 'editor', '--name', name, '--reason', 'cli test');
    const lines = created.stdout.trimEnd().split('\n');
    const token = lines.at(-1) ?? '';
    expect(token).toMatch(/^sgk_[A-Za-z0-9_-]{43}$/);
    expect(lines.slice(0, -1).join('\n')).not.toContain(token);
    // An editor: reads, and is refused key management.
    expect((await t.post({ query: '{ apiVersion }' }, bearer(token))).status).toBe(200);
    const create = 'mutation { createApiKey(name: "never", role: VIEWER) { token } }';
    expect(firstCode((await t.post({ query: create }, bearer(token))).body)).toBe('FORBIDDEN');

    const listed = await keys('list');
    expect(listed.stdout).toMatch(new RegExp(`^${name}\\tEDITOR\\tcreated \\S+\\tvalid$`, 'm'));
    expect(listed.stdout).not.toMatch(/sgk_|sha256:/);

    const revoked = await keys('revoke', name);
    expect(revoked.stdout).toMatch(new RegExp(`^Revoked "${name}" \\(change \\d+\\)$`, 'm'));
    const after = await t.post({ query: '{ apiVersion }' }, bearer(token));
    expect({ status: after.status, code: firstCode(after.body) }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    const changes = await t.post({
      query: `{ changes(target: "api-key:${name}") { edges { node { mutation reason principal { name via } } } } }`,
    });
    expect(changes.body['data']).toEqual({
      changes: {
        edges: [
          { node: { mutation: 'createApiKey', reason: 'cli test', principal: { name: 'system', via: 'system' } } },
          { node: { mutation: 'revokeApiKey', reason: null, principal: { name: 'system', via: 'system' } } },
        ],
      },
    });
  });

  it('fails with the usage and exit code 1 for a bad role or a taken name', async () => {
    await expect(keys('create', '--role', 'owner', '--name', 'x')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('usage:') as string,
    });
    await expect(keys('create', '--role', 'viewer', '--name', name)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('exists already') as string,
    });
  });
});
