import { jest } from '@jest/globals';
import { buildASTSchema, getOperationAST, parse } from 'graphql';

import { generateToken, hashToken, isWellFormedToken, parseRole } from '../../../src/auth/api-keys.js';
import { roleOf } from '../../../src/auth/jwt.js';
import { ANONYMOUS, type Principal } from '../../../src/auth/principal.js';
import { ConfigError, parseConfig } from '../../../src/config/config.js';
import { type AccessPolicy, refusalOf, roleRequirements } from '../../../src/server/access-control.js';
import { loadTypeDefs } from '../../../src/server/schema.js';

describe('API key tokens', () => {
  it('are 256 random bits after sgk_, and stored as their SHA-256', () => {
    const a = generateToken();
    expect(a).toMatch(/^sgk_[A-Za-z0-9_-]{43}$/);
    expect(isWellFormedToken(a)).toBe(true);
    expect(generateToken()).not.toBe(a);
    expect(hashToken('abc')).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(hashToken(a)).toBe(hashToken(a));
    expect(isWellFormedToken('sgk_short')).toBe(false);
    expect(parseRole('editor')).toBe('EDITOR');
    expect(parseRole('owner')).toBeUndefined();
  });

  it('reads the highest role a JWT claim names, in any case, from a string or a list', () => {
    expect(roleOf('editor')).toBe('EDITOR');
    expect(roleOf(['viewer', 'Admin', 'other'])).toBe('ADMIN');
    expect(roleOf(['other'])).toBeNull();
    expect(roleOf(undefined)).toBeNull();
    expect(roleOf(42)).toBeNull();
  });
});

describe('access settings', () => {
  it('defaults to public reads, a 5 s key cache and no JWT', () => {
    const config = parseConfig({});
    expect(config.access).toEqual({ readAccess: 'public', keyCacheMs: 5000, jwt: null });
    expect(config.subscriptions).toEqual({ maxTotal: 1000, maxPerCaller: 10, maxBufferedBytes: 1_048_576, pollMs: 1000, batch: 100 });
  });

  it('needs an audience and exactly one kind of key with an issuer, and never echoes the secret', () => {
    expect(() => parseConfig({ JWT_ISSUER: 'https://idp/' })).toThrow(
      new ConfigError('Invalid configuration: JWT_AUDIENCE: expected set when JWT_ISSUER is'),
    );
    expect(() => parseConfig({ JWT_ISSUER: 'https://idp/', JWT_AUDIENCE: 'api' })).toThrow(/JWT_JWKS_URL: expected exactly one of/);
    expect(() => parseConfig({ JWT_ISSUER: 'i', JWT_AUDIENCE: 'a', JWT_JWKS_URL: 'https://idp/jwks', JWT_SECRET: 'x'.repeat(32) })).toThrow(
      /exactly one/,
    );
    expect(() => parseConfig({ JWT_SECRET: 'x'.repeat(32) })).toThrow(/JWT_ISSUER: expected set when/);
    expect(() => parseConfig({ JWT_ISSUER: 'i', JWT_AUDIENCE: 'a', JWT_SECRET: 'too-short-secret' })).toThrow(
      /^Invalid configuration: JWT_SECRET: expected at least 32$/,
    );
    expect(parseConfig({ JWT_ISSUER: 'i', JWT_AUDIENCE: 'a', JWT_SECRET: 'x'.repeat(32), JWT_ROLE_CLAIM: 'roles' }).access.jwt).toEqual({
      issuer: 'i',
      audience: 'a',
      jwksUrl: null,
      secret: 'x'.repeat(32),
      roleClaim: 'roles',
      clockToleranceSeconds: 30,
    });
    expect(() => parseConfig({ READ_ACCESS: 'private' })).toThrow(/READ_ACCESS: expected one of public, key/);
  });
});

describe('@requiresRole', () => {
  const typeDefs = loadTypeDefs();
  const schema = buildASTSchema(typeDefs);
  const required = roleRequirements(typeDefs);
  const policy: AccessPolicy = { required, readsNeedKey: false };
  const editor: Principal = { name: 'ed', role: 'EDITOR', via: 'api-key' };
  const admin: Principal = { name: 'ad', role: 'ADMIN', via: 'api-key' };
  const refusal = (text: string, principal: Principal, p: AccessPolicy = policy) => {
    const document = parse(text);
    const error = refusalOf(p, schema, document, getOperationAST(document)!, principal);
    return error && { code: error.extensions['code'], message: error.message };
  };

  it('is read from the SDL at start-up: every Mutation field carries it', () => {
    expect(required.get('Mutation.createApiKey')).toBe('ADMIN');
    expect(required.get('Query.apiKeys')).toBe('ADMIN');
    expect(required.get('Query.changes')).toBe('VIEWER');
    const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {});
    expect(mutations.filter((field) => !required.has(`Mutation.${field}`))).toEqual([]);
  });

  it('refuses no caller with UNAUTHENTICATED and a low role with FORBIDDEN, through aliases and fragments', () => {
    const m = 'mutation { x: revokeApiKey(name: "k") { changeSeq } }';
    expect(refusal(m, ANONYMOUS)?.code).toBe('UNAUTHENTICATED');
    expect(refusal(m, editor)).toEqual({
      code: 'FORBIDDEN',
      message: 'Mutation.revokeApiKey needs the ADMIN role; this caller holds EDITOR',
    });
    expect(refusal(m, admin)).toBeUndefined();
    expect(refusal('{ ... on Query { ...F } } fragment F on Query { apiKeys { name } }', editor)?.code).toBe('FORBIDDEN');
    expect(refusal('{ changes { edges { cursor } } apiVersion }', ANONYMOUS)).toBeUndefined();
  });

  it('closes every read with READ_ACCESS=key', () => {
    const keyed = { ...policy, readsNeedKey: true };
    expect(refusal('{ apiVersion }', ANONYMOUS, keyed)?.code).toBe('UNAUTHENTICATED');
    expect(refusal('{ apiVersion }', { name: 'sub', role: null, via: 'jwt' }, keyed)?.code).toBe('FORBIDDEN');
    expect(refusal('{ apiVersion }', { name: 'v', role: 'VIEWER', via: 'api-key' }, keyed)).toBeUndefined();
  });

  it('walks one parsed operation once, yet answers each caller and each policy for itself', () => {
    const document = parse('query Keys { apiKeys { name } }');
    const operation = getOperationAST(document)!;
    const walked = jest.spyOn(schema, 'getRootType');
    const codeFor = (principal: Principal, p: AccessPolicy = policy) =>
      refusalOf(p, schema, document, operation, principal)?.extensions['code'];
    expect(codeFor(ANONYMOUS)).toBe('UNAUTHENTICATED');
    expect(codeFor(editor)).toBe('FORBIDDEN');
    expect(codeFor(admin)).toBeUndefined();
    expect(walked).toHaveBeenCalledTimes(1);
    // Another policy is another walk, not the first policy's answer.
    const open: AccessPolicy = { required: new Map(), readsNeedKey: false };
    expect(codeFor(editor, open)).toBeUndefined();
    expect(walked).toHaveBeenCalledTimes(2);
    walked.mockRestore();
  });
});
