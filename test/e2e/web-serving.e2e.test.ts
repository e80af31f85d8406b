/**
 * The web pages over HTTP: who gets what at /, /graphql and /assets/*, with which headers, and how
 * GRAPHIQL and NODE_ENV decide; and the answer a document id gets outside trusted-documents mode.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import { GraphQLClient } from 'graphql-request';

import { SearchDocument, TRUSTED_DOCUMENTS_MISMATCH_MESSAGES, trustedDocumentsMismatchOf } from '../../client/src/index.js';
import { createClient, describeFailure, searchActors } from '../../examples/plain-fetch.js';
import { WEB_DIST_DIR } from '../../src/server/web/serve-web.js';
import { buildWebPages } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

let t: TestApp;
beforeAll(async () => {
  buildWebPages();
  t = await startTestApp();
}, 300_000);
afterAll(() => t.close());

describe('the explorer at /', () => {
  it('is HTML with a CSP that allows our own origin only, no inline scripts', async () => {
    const res = await t.get('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self';");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|https?:/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    expect(html).toContain('<div id="root">');
    // Every script and stylesheet is one of our assets; no inline script.
    expect(html).not.toMatch(/<script(?![^>]*\ssrc="\/assets\/)/);
    expect(html.match(/(?:src|href)="([^"]+)"/g)?.every((ref) => ref.includes('"/assets/'))).toBe(true);
  });

  it('serves hashed assets for a year, gzipped when asked, and nothing outside web/dist', async () => {
    const script = readdirSync(path.join(WEB_DIST_DIR, 'assets')).find((name) => /^explorer-.*\.js$/.test(name));
    expect(script).toBeDefined();
    const res = await fetch(`${t.app.url.replace(/\/graphql$/, '')}/assets/${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect((await res.text()).length).toBeGreaterThan(1000);
    for (const probe of [
      '/assets/../../package.json',
      '/assets/%2e%2e/%2e%2e/package.json',
      '/assets/nope.js',
      '/web/dist/index.html',
      '/package.json',
    ]) {
      expect([probe, (await t.get(probe)).status]).toEqual([probe, 404]);
    }
  });
});

describe('GraphiQL at /graphql', () => {
  it('answers a browser with GraphiQL, and API clients with the API as before', async () => {
    const page = await t.get('/graphql', { accept: HTML });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="graphiql">');
    expect(page.headers.get('content-security-policy')).toContain("worker-src 'self'");
    const api = await t.get('/graphql?query=%7BapiVersion%7D', { accept: 'application/json', 'apollo-require-preflight': 'true' });
    expect(api.status).toBe(200);
    expect(((await api.json()) as { data: { apiVersion: string } }).data.apiVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('is off in production unless GRAPHIQL=on, and off wherever GRAPHIQL=off', async () => {
    for (const [env, served] of [
      [{ NODE_ENV: 'production' }, false],
      [{ NODE_ENV: 'production', GRAPHIQL: 'on' }, true],
      [{ GRAPHIQL: 'off' }, false],
    ] as const) {
      const app = await startTestApp({ env });
      try {
        const res = await app.get('/graphql', { accept: HTML });
        expect([env, res.headers.get('content-type')?.startsWith('text/html') ?? false]).toEqual([env, served]);
        // The explorer is there either way.
        expect((await app.get('/')).status).toBe(200);
      } finally {
        await app.close();
      }
    }
  });
});

describe('a client sending trusted-document ids to a server not in that mode', () => {
  it('gets a BAD_REQUEST that says so, which the SDK names SERVER_NOT_TRUSTED', async () => {
    const error = await searchActors(createClient(t.app.url, { trusted: true }), 'sensetime').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(trustedDocumentsMismatchOf(error)).toBe('SERVER_NOT_TRUSTED');
    expect(describeFailure(error)).toBe(TRUSTED_DOCUMENTS_MISMATCH_MESSAGES.SERVER_NOT_TRUSTED);
    expect(JSON.stringify((error as { response?: unknown }).response)).toContain('not in trusted-documents mode');
  });

  it('still runs documents sent with their text and their id (as the explorer sends them)', async () => {
    const client = new GraphQLClient(t.app.url);
    const { search } = await client.request(SearchDocument, { text: 'sensetime', first: 1 });
    expect(search[0]?.actor.id).toBe('sensetime');
  });
});

describe('a client sending query texts to a server in trusted-documents mode', () => {
  it('gets a FORBIDDEN the SDK names SERVER_REQUIRES_IDS', async () => {
    const trusted = await startTestApp({ env: { TRUSTED_DOCUMENTS: 'on' } });
    try {
      const error = await searchActors(createClient(trusted.app.url), 'sensetime').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(trustedDocumentsMismatchOf(error)).toBe('SERVER_REQUIRES_IDS');
    } finally {
      await trusted.close();
    }
  });
});
