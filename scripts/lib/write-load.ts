/**
 * A bounded write load (issue 15): `mutations` assertRelation mutations from `clients` concurrent clients,
 * each with its own idempotency key, a share of them sent a second time with the same key (as a client
 * whose answer was lost retries), then a check that what was acknowledged is exactly what the graph
 * holds: every acknowledged relationship present once, one audited change per key, no duplicates.
 * Used by `npm run load:writes` (scripts/load-writes.ts) and by test/e2e/write-load.e2e.test.ts.
 */
import { cypher } from '../../src/graph/cypher/cypher-query.js';
import type { GraphClient } from '../../src/graph/graph-client.js';

/** Sends one GraphQL request and returns its JSON body. */
export type Send = (
  query: string,
  variables: Record<string, unknown>,
) => Promise<{ data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }>;

/** The size of a run. */
export interface WriteLoadOptions {
  readonly mutations: number;
  readonly clients: number;
  /** Share of the mutations sent a second time with the same key, 0 to 1. */
  readonly retryShare: number;
  /** Prefix of every id and key of the run (unique per run). */
  readonly prefix: string;
}

/** What a run saw and what the graph holds after it. */
export interface WriteLoadReport {
  readonly mutations: number;
  readonly clients: number;
  readonly retried: number;
  /** Mutations acknowledged (the first answer or the retry's carried no error). */
  readonly acknowledged: number;
  /** Retries answered with the stored answer (`replayed: true`). */
  readonly replayed: number;
  /** Error codes of refused requests, by code. */
  readonly errors: Readonly<Record<string, number>>;
  /** Acknowledged relationships the graph holds (live, by id). */
  readonly present: number;
  /** Relationships of the run the graph holds though nobody was told they were written. */
  readonly unacknowledgedPresent: number;
  /** Ids with more than one live edge, plus keys with more than one change. */
  readonly duplicates: number;
  /** Audited changes of the run. */
  readonly changes: number;
  readonly seconds: number;
}

const ADD_SOURCE = 'mutation($input: AddSourceInput!) { addSource(input: $input) { source { id } } }';
const UPSERT_ACTOR = 'mutation($input: UpsertActorInput!) { upsertActor(input: $input) { seq } }';
const ASSERT = 'mutation($input: AssertRelationInput!) { assertRelation(input: $input) { seq replayed relationship { id version } } }';

const CHECK = cypher(
  'writeLoadCheck',
  `
CALL () {
  MATCH (a:Actor)-[r]->(:Actor) WHERE a.id STARTS WITH $prefix AND r.id STARTS WITH $prefix
  WITH r.id AS id, count(*) AS edges
  RETURN collect({id: id, edges: edges}) AS live
}
CALL () {
  MATCH (c:Change) WHERE c.idempotencyKey STARTS WITH $prefix
  WITH c.idempotencyKey AS key, count(*) AS changes
  RETURN collect({key: key, changes: changes}) AS keyed
}
RETURN live, keyed`,
);

/** Actors of the run: a ring of `size`, so that mutation n relates actor n to actor n + 1 + n / size. */
const ACTORS = 40;

/**
 * Runs the load and checks the graph. Throws only when the set-up fails; refusals during the load are
 * counted in `errors`.
 *
 * @example
 * const report = await runWriteLoad(send, graph, { mutations: 1000, clients: 8, retryShare: 0.1, prefix: 'load-1' });
 */
export async function runWriteLoad(send: Send, graph: GraphClient, options: WriteLoadOptions): Promise<WriteLoadReport> {
  const { prefix } = options;
  const setUp = async (query: string, variables: Record<string, unknown>): Promise<unknown> => {
    const body = await send(query, variables);
    if (body.errors) throw new Error(`set-up failed: ${body.errors[0]?.message ?? 'error'}`);
    return body.data;
  };
  const text = Array.from({ length: 20 }, (_, i) => `Sentence ${i + 1} of the load article ${prefix} names actor ${i}.`).join('\n');
  const sourceData = (await setUp(ADD_SOURCE, { input: { title: `Write load ${prefix}`, text } })) as {
    addSource: { source: { id: string } };
  };
  const source = sourceData.addSource.source.id;
  for (let i = 0; i < ACTORS; i += 1) {
    await setUp(UPSERT_ACTOR, {
      input: { id: `${prefix}-actor-${i}`, kind: 'COMPANY', name: `Load actor ${i}`, mentionedIn: { source, sentences: [1] } },
    });
  }

  const retryEvery = options.retryShare > 0 ? Math.round(1 / options.retryShare) : Infinity;
  const acknowledged = new Set<string>();
  const errors: Record<string, number> = {};
  let replayed = 0;
  let retried = 0;
  let next = 0;
  const started = Date.now();
  const attempt = async (input: Record<string, unknown>): Promise<boolean> => {
    try {
      const body = await send(ASSERT, { input });
      if (body.errors) {
        const code = body.errors[0]?.extensions?.code ?? 'UNKNOWN';
        errors[code] = (errors[code] ?? 0) + 1;
        return false;
      }
      if ((body.data as { assertRelation: { replayed: boolean } }).assertRelation.replayed) replayed += 1;
      return true;
    } catch {
      errors['NETWORK'] = (errors['NETWORK'] ?? 0) + 1;
      return false;
    }
  };
  const client = async (): Promise<void> => {
    for (let n = next++; n < options.mutations; n = next++) {
      const id = `${prefix}-rel-${n}`;
      const from = n % ACTORS;
      const to = (from + 1 + (Math.floor(n / ACTORS) % (ACTORS - 1))) % ACTORS;
      const input = {
        id,
        idempotencyKey: `${prefix}-key-${n}`,
        type: 'HAS_STRAINED_RELATIONS_WITH',
        from: `${prefix}-actor-${from}`,
        to: `${prefix}-actor-${to}`,
        topics: [`load ${n}`],
        evidence: { source, sentences: [1 + (n % 20)], claim: `Load claim ${n}.`, confidence: 0.5, status: 'ASSERTED' },
      };
      // A retried mutation is sent twice at once, as a client that timed out and sent again would.
      const retry = n % retryEvery === 0;
      if (retry) retried += 1;
      const answers = await Promise.all(retry ? [attempt(input), attempt(input)] : [attempt(input)]);
      if (answers.some(Boolean)) acknowledged.add(id);
    }
  };
  await Promise.all(Array.from({ length: options.clients }, client));
  const seconds = (Date.now() - started) / 1000;

  const [row] = await graph.read<{ live: { id: string; edges: number }[]; keyed: { key: string; changes: number }[] }>(CHECK, { prefix });
  const live = row?.live ?? [];
  const keyed = row?.keyed ?? [];
  return {
    mutations: options.mutations,
    clients: options.clients,
    retried,
    acknowledged: acknowledged.size,
    replayed,
    errors,
    present: live.filter((r) => acknowledged.has(r.id)).length,
    unacknowledgedPresent: live.filter((r) => !acknowledged.has(r.id)).length,
    duplicates: live.filter((r) => r.edges > 1).length + keyed.filter((k) => k.changes > 1).length,
    changes: keyed.reduce((sum, k) => sum + k.changes, 0),
    seconds,
  };
}
