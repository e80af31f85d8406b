import { createHash } from 'node:crypto';

import {
  ActorByIdDocument,
  documentIdOf,
  ErrorCode,
  errorCodeOf,
  persistedRequestBody,
  SearchDocument,
  sha256HashOf,
} from '../../client/src/index.js';
import { createApolloClient, loadActor as loadActorApollo } from '../../examples/apollo-client.js';
import { createClient, loadActor, searchActors } from '../../examples/plain-fetch.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string; documentId?: unknown } }[];
}

let on: TestApp;
let off: TestApp;
beforeAll(async () => {
  on = await startTestApp({ env: { TRUSTED_DOCUMENTS: 'on' } });
  off = await startTestApp({ env: { TRUSTED_DOCUMENTS: 'off' } });
});
afterAll(async () => {
  await on.close();
  await off.close();
});

async function post(url: string, body: unknown): Promise<{ status: number; body: Body }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Body };
}

const searchHit = (body: Body): unknown => (body.data?.['search'] as { actor: { id: string } }[] | undefined)?.[0]?.actor.id;

describe('TRUSTED_DOCUMENTS=on: the SDK operations run by id', () => {
  it('runs a document named by documentId (sha256:<hex>)', async () => {
    const res = await post(on.app.url, persistedRequestBody(SearchDocument, { text: 'sensetime', first: 3 }));
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(searchHit(res.body)).toBe('sensetime');
  });

  it("runs a document named by Apollo's extensions.persistedQuery.sha256Hash alone", async () => {
    const res = await post(on.app.url, {
      variables: { text: 'sensetime' },
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256HashOf(SearchDocument) } },
    });
    expect(res.status).toBe(200);
    expect(searchHit(res.body)).toBe('sensetime');
  });

  it('runs a document named by documentId in a GET query string', async () => {
    const search = new URLSearchParams({ documentId: documentIdOf(SearchDocument), variables: JSON.stringify({ text: 'sensetime' }) });
    const res = await fetch(`${on.app.url}?${search.toString()}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect(searchHit((await res.json()) as Body)).toBe('sensetime');
  });

  it('runs the manifest text for a known id, whatever text comes along', async () => {
    const res = await post(on.app.url, { ...persistedRequestBody(SearchDocument, { text: 'sensetime' }), query: '{ apiVersion }' });
    expect(res.status).toBe(200);
    expect(res.body.data?.['apiVersion']).toBeUndefined();
    expect(searchHit(res.body)).toBe('sensetime');
  });

  it('serves the graphql-request example in trusted mode', async () => {
    const client = createClient(on.app.url, { trusted: true });
    expect((await loadActor(client, 'us-treasury', 2))?.name).toBe('United States Department of the Treasury');
    expect((await searchActors(client, 'sensetime'))[0]?.actor.id).toBe('sensetime');
  });

  it('serves the Apollo Client example in trusted mode, with __typename from the manifest for its cache', async () => {
    const client = createApolloClient(on.app.url, { trusted: true });
    expect((await loadActorApollo(client, 'us-treasury'))?.name).toBe('United States Department of the Treasury');
    const cache = client.cache.extract() as Record<string, unknown>;
    expect(cache['Actor:{"id":"us-treasury"}']).toMatchObject({ __typename: 'Actor' });
  });
});

describe('TRUSTED_DOCUMENTS=on: everything else is rejected', () => {
  it('rejects a free-form document with FORBIDDEN (403), without parsing it', async () => {
    for (const query of ['{ apiVersion }', '{ noSuchField }', 'not graphql at all']) {
      const res = await post(on.app.url, { query });
      expect(res.status).toBe(403);
      expect(res.body.data).toBeUndefined();
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.FORBIDDEN]);
    }
  });

  it('rejects the SDK document sent as text (as the non-trusted example client does) with FORBIDDEN', async () => {
    const error = await loadActor(createClient(on.app.url), 'us-treasury').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(errorCodeOf(error)).toBe(ErrorCode.FORBIDDEN);
  });

  it('rejects an unknown documentId with PERSISTED_QUERY_NOT_FOUND (400)', async () => {
    const unknown = `sha256:${'0'.repeat(64)}`;
    const res = await post(on.app.url, { documentId: unknown, variables: {} });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: ErrorCode.PERSISTED_QUERY_NOT_FOUND, documentId: unknown });
  });

  it('does not let the persisted-query protocol register a new document', async () => {
    const query = '{ apiVersion }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const register = await post(on.app.url, { query, extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(register.status).toBe(400);
    expect(register.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.PERSISTED_QUERY_NOT_FOUND);
    const replay = await post(on.app.url, { extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(replay.status).toBe(400);
    expect(replay.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.PERSISTED_QUERY_NOT_FOUND);
  });

  it('rejects a malformed id with PERSISTED_QUERY_NOT_FOUND', async () => {
    const res = await post(on.app.url, { documentId: 'md5:abc' });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe(ErrorCode.PERSISTED_QUERY_NOT_FOUND);
  });
});

describe('TRUSTED_DOCUMENTS=off (the default): free-form documents run', () => {
  it('runs a free-form document and the SDK documents as text', async () => {
    const res = await post(off.app.url, { query: '{ search(text: "sensetime", first: 1) { actor { id } } }' });
    expect(res.status).toBe(200);
    expect(searchHit(res.body)).toBe('sensetime');
    expect((await loadActor(createClient(off.app.url), 'us-treasury'))?.name).toBe('United States Department of the Treasury');
  });

  it('does not resolve documentIds: without the mode, an id alone is no query', async () => {
    const res = await post(off.app.url, persistedRequestBody(ActorByIdDocument, { id: 'us-treasury' }));
    expect(res.body.data?.['actor']).toBeUndefined();
    expect(res.body.errors?.length).toBeGreaterThan(0);
  });
});
