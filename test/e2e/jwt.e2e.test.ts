/**
 * Tokens of an identity provider (issue 15 item 1, optional part): JWTs verified with jose against a JWKS
 * the test serves itself (a locally generated RS256 key pair) or an HS256 shared secret; issuer, audience
 * and expiry checked (expiry against a clock the test moves); the role from the configured claim. A token
 * that does not verify is UNAUTHENTICATED, a valid one without the role FORBIDDEN.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

import { bearer } from '../support/api-keys.js';
import { firstCode, startTestApp, type TestApp } from '../support/test-app.js';

const ISSUER = 'https://idp.test/';
const AUDIENCE = 'sanctions-graph';
const CREATE = 'mutation($n: String!) { createApiKey(name: $n, role: VIEWER, reason: "by token") { changeSeq key { name } } }';

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

describe('JWTs from a JWKS', () => {
  let now = Date.UTC(2026, 11, 1, 12);
  let t: TestApp;
  let jwks: http.Server;
  let jwksHits = 0;
  let key: SigningKey;
  let stranger: SigningKey;

  const sign = (
    claims: Record<string, unknown>,
    options: { key?: SigningKey; audience?: string; expiresInS?: number; kid?: string } = {},
  ) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'test-key' })
      .setIssuer(ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setSubject('alice@idp.test')
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.floor(now / 1000) + (options.expiresInS ?? 300))
      .sign(options.key ?? key);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    stranger = (await generateKeyPair('RS256')).privateKey;
    const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    jwks = http.createServer((_req, res) => {
      jwksHits += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [publicJwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    t = await startTestApp({
      env: { JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, JWT_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`, JWT_ROLE_CLAIM: 'roles' },
      authClock: () => now,
    });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => jwks.close(resolve));
  });

  it('accepts an admin token: the change is recorded with the subject, via jwt', async () => {
    const name = `jwt-${Math.random().toString(36).slice(2, 8)}`;
    const res = await t.post({ query: CREATE, variables: { n: name } }, bearer(await sign({ roles: ['viewer', 'Admin'] })));
    expect(res.status).toBe(200);
    const changes = await t.post({
      query: `{ changes(target: "api-key:${name}") { edges { node { principal { name role via } reason } } } }`,
    });
    expect(changes.body['data']).toEqual({
      changes: { edges: [{ node: { principal: { name: 'alice@idp.test', role: 'ADMIN', via: 'jwt' }, reason: 'by token' } }] },
    });
    expect(jwksHits).toBe(1);
  });

  it('refuses an editor token an admin mutation (FORBIDDEN) and a token without a role too', async () => {
    for (const claims of [{ roles: 'editor' }, {}]) {
      const res = await t.post({ query: CREATE, variables: { n: 'never' } }, bearer(await sign(claims)));
      expect({ status: res.status, code: firstCode(res.body) }).toEqual({ status: 403, code: 'FORBIDDEN' });
    }
    // A valid token without a role still reads, as anyone may while reads are public.
    expect((await t.post({ query: '{ apiVersion }' }, bearer(await sign({})))).status).toBe(200);
  });

  it('refuses, with 401 UNAUTHENTICATED, tokens of another audience, another signer, an unknown kid, and expired ones', async () => {
    const bad = [
      await sign({ roles: 'admin' }, { audience: 'another-api' }),
      await sign({ roles: 'admin' }, { key: stranger }),
      await sign({ roles: 'admin' }, { key: stranger, kid: 'unknown-kid' }),
      await sign({ roles: 'admin' }, { expiresInS: 60 }),
    ];
    now += 60_000 + 31_000; // past the expiry of the last one and the 30 s tolerance
    for (const token of bad) {
      const res = await t.post({ query: '{ apiVersion }' }, bearer(token));
      expect({ status: res.status, code: firstCode(res.body) }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    }
    const messages = await Promise.all(
      bad.map(
        async (token) => ((await t.post({ query: '{ apiVersion }' }, bearer(token))).body['errors'] as { message: string }[])[0]?.message,
      ),
    );
    expect(messages).toEqual([
      "The token's aud claim is not accepted here",
      'The token is not signed by a key this server trusts',
      'The token is not signed by a key this server trusts',
      'The token has expired',
    ]);
  });

  it('refuses an HS256 token signed with the public key (algorithm confusion)', async () => {
    const token = await new SignJWT({ roles: 'admin' })
      .setProtectedHeader({ alg: 'HS256', kid: 'test-key' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('mallory')
      .setExpirationTime(Math.floor(now / 1000) + 300)
      .sign(new TextEncoder().encode('x'.repeat(32)));
    const res = await t.post({ query: CREATE, variables: { n: 'never' } }, bearer(token));
    expect({ status: res.status, code: firstCode(res.body) }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });
});

describe('JWTs with a shared secret', () => {
  const secret = 's'.repeat(40);
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE, JWT_SECRET: secret } });
  });
  afterAll(() => t.close());

  it('accepts a token signed with the secret, refuses one signed with another', async () => {
    const signWith = (s: string) =>
      new SignJWT({ role: 'editor' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject('bob')
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(s));
    const ok = await t.post({ query: CREATE, variables: { n: 'never' } }, bearer(await signWith(secret)));
    // An editor: authenticated, and too low for key management.
    expect({ status: ok.status, code: firstCode(ok.body) }).toEqual({ status: 403, code: 'FORBIDDEN' });
    const wrong = await t.post({ query: '{ apiVersion }' }, bearer(await signWith('t'.repeat(40))));
    expect({ status: wrong.status, code: firstCode(wrong.body) }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });
});
