/**
 * The worked example of docs/curation.md: `renderCurationDoc` runs each step (mutations and reads) against a
 * live server and renders the page with the real answers, so the page can be regenerated
 * (`npm run docs:curation`) and checked (test/e2e/curation-doc.e2e.test.ts). Instants and sequence numbers
 * depend on when and after what the example runs, so the page shows them as `<T1>`, `<T2>`, ... and
 * `<seq 1>`, `<seq 2>`, ... in order of first appearance; everything else is as the server answered.
 */
import { createHash } from 'node:crypto';

import { cypher } from '../../src/graph/cypher/cypher-query.js';

/** Runs one GraphQL operation with variables and returns the parsed JSON response. */
export type RunOperation = (query: string, variables: Record<string, unknown>) => Promise<unknown>;

/** The example's second source: a short text written for this page, in the manner of the seed article. */
export const EXAMPLE_TEXT = [
  'The United Kingdom said on Friday that it had frozen the assets of two Myanmar military conglomerates.',
  'The Foreign Office denounced the military for its violent repression of the people of Myanmar.',
].join('\n');

/** The id the example gives its relationship. */
export const EXAMPLE_RELATION = 'docs-uk-denounced-military';

/** The id of the example's source (its content hash decides it; see addSource). */
export const EXAMPLE_SOURCE = 'source-' + createHash('sha256').update(EXAMPLE_TEXT).digest('hex').slice(0, 12);

/** Removes what the example wrote, so that the page can be produced again on the same graph. */
export const REMOVE_EXAMPLE = cypher(
  'docsCurationRemoveExample',
  `
CALL () {
  MATCH (c:Change) WHERE $relation IN c.ids OR $source IN c.ids
  OPTIONAL MATCH (k:IdempotencyRecord {changeSeq: c.seq})
  DETACH DELETE c, k
}
CALL () {
  MATCH ()-[r]->() WHERE r.id = $relation DELETE r
}
CALL () {
  MATCH (s:Source {id: $source})
  DETACH DELETE s
}`,
);

interface Step {
  readonly title: string;
  readonly explanation: string;
  readonly query: string;
  /** Variables, given the answers of the earlier steps. */
  readonly variables: (earlier: readonly unknown[]) => Record<string, unknown>;
}

type Answer = { data?: Record<string, Record<string, unknown>> };
const dig = (answer: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((value, key) => (value as Record<string, unknown> | null | undefined)?.[key], (answer as Answer).data);

/** The steps, in page order. */
export const STEPS: readonly Step[] = [
  {
    title: '1. Add a second source',
    explanation:
      'The text is split into numbered sentences (one paragraph per line, then `Intl.Segmenter`); its SHA-256 is stored. ' +
      'Sending the same text again returns the same source with `changed: false` and writes nothing. ' +
      'The idempotency key makes a retry of this very request safe: it returns this answer again (`replayed: true`).',
    query: `mutation AddSource($input: AddSourceInput!) {
  addSource(input: $input) {
    seq
    changed
    replayed
    source { id title contentHash sentences { number text } }
  }
}`,
    variables: () => ({
      input: {
        title: 'UK freezes assets of Myanmar military conglomerates (example)',
        publisher: 'Example News',
        publishedOn: { date: '2021-12-10', precision: 'DAY' },
        url: 'https://example.org/uk-myanmar',
        text: EXAMPLE_TEXT,
        idempotencyKey: 'docs-curation-add-source',
      },
    }),
  },
  {
    title: '2. Assert a relation citing its sentences',
    explanation:
      'Evidence is required; the sentences must exist in the source, the actors must exist, and an INFERRED claim needs `inferredFrom`. ' +
      'The relation is readable at once, with version 1 and the instant the graph began to hold it.',
    query: `mutation Assert($input: AssertRelationInput!) {
  assertRelation(input: $input) {
    seq
    changed
    relationship {
      id type version recordedFrom
      from { id } to { id }
      evidence { source { id } sentences quotes claim confidence status }
    }
  }
}`,
    variables: (earlier) => ({
      input: {
        id: EXAMPLE_RELATION,
        type: 'DENOUNCED',
        from: 'united-kingdom',
        to: 'myanmar-military',
        date: { date: '2021-12-10', precision: 'DAY', derivation: 'The day the source was published' },
        evidence: {
          source: dig(earlier[0], 'addSource', 'source', 'id'),
          sentences: [2],
          claim: 'The United Kingdom denounced the Myanmar military for its repression.',
          confidence: 0.8,
          status: 'ASSERTED',
        },
        idempotencyKey: 'docs-curation-assert',
      },
    }),
  },
  {
    title: '3. A mistake writes nothing',
    explanation: 'Sentence 7 does not exist: BAD_USER_INPUT names the field path and what was expected, and nothing is written.',
    query: `mutation Mistake($input: AssertRelationInput!) {
  assertRelation(input: $input) { seq }
}`,
    variables: (earlier) => ({
      input: {
        type: 'DENOUNCED',
        from: 'united-kingdom',
        to: 'myanmar-military',
        evidence: {
          source: dig(earlier[0], 'addSource', 'source', 'id'),
          sentences: [2, 7],
          claim: 'A claim citing a sentence the source does not have.',
          confidence: 0.8,
          status: 'ASSERTED',
        },
      },
    }),
  },
  {
    title: '4. Correct it',
    explanation:
      'A correction names the version it was made against: if someone corrected the relation first, it is CONFLICT with `extensions.currentVersion`. ' +
      'The old version becomes history (a `WAS` edge no traversal sees) and the corrected one is live with the same id and version 2.',
    query: `mutation Correct($id: ID!, $patch: RelationshipPatch!) {
  correctRelation(id: $id, expectedVersion: 1, patch: $patch, reason: "The Foreign Office spoke for the UK; the source is explicit", idempotencyKey: "docs-curation-correct") {
    seq
    relationship { id version recordedFrom evidence { sentences claim confidence } }
  }
}`,
    variables: () => ({ id: EXAMPLE_RELATION, patch: { evidence: { sentences: [1, 2], confidence: 0.9 } } }),
  },
  {
    title: '5. Retract it',
    explanation: 'Nothing is deleted: the live edge becomes history with end reason RETRACTED, and current reads no longer return it.',
    query: `mutation Retract($id: ID!) {
  retractRelation(id: $id, reason: "Denouncing repression is not a relation we record", idempotencyKey: "docs-curation-retract") {
    seq
    relationship { id version recordedFrom recordedTo endReason }
  }
}`,
    variables: () => ({ id: EXAMPLE_RELATION }),
  },
  {
    title: '6. Read the history',
    explanation:
      'Now the UK has no DENOUNCED relation with the military. As recorded just after the correction (`recordedAsOf`), it had version 2; ' +
      '`history` lists every version with the period in which the graph held it: "what did we say before the correction" in one query.',
    query: `query History($t: DateTime!) {
  now: actor(id: "united-kingdom") {
    relationships(types: [DENOUNCED]) { totalCount }
  }
  then: actor(id: "united-kingdom") {
    relationships(types: [DENOUNCED], recordedAsOf: $t) {
      totalCount
      edges {
        node {
          id version recordedFrom recordedTo endReason
          evidence { sentences confidence }
          history { version recordedFrom recordedTo endReason evidence { sentences confidence } }
        }
      }
    }
  }
}`,
    variables: (earlier) => ({ t: dig(earlier[3], 'correctRelation', 'relationship', 'recordedFrom') }),
  },
  {
    title: '7. Traverse the graph as it stood',
    explanation:
      'The graph-wide traversals take `recordedAsOf` too: `relationships`, `paths` and `neighbourhood` then walk the edges the graph held at that instant ' +
      '(corrected and retracted ones included while they were current, nothing recorded later), with the actors as they then stood. ' +
      'Each is one statement of its own, so the current reads are as fast as before; now the UK reaches the military by no DENOUNCED edge.',
    query: `query Traversals($t: DateTime!, $source: ID!) {
  now: paths(from: "united-kingdom", to: "myanmar-military", types: [DENOUNCED]) { length }
  then: paths(from: "united-kingdom", to: "myanmar-military", types: [DENOUNCED], recordedAsOf: $t) {
    length
    hops { direction relationship { id version from { id } to { id name } } }
  }
  neighbourhood(id: "united-kingdom", types: [DENOUNCED], recordedAsOf: $t) { nodes { id } edges { id version } }
  relationships(where: { source: $source }, recordedAsOf: $t) {
    totalCount
    edges { node { id type version recordedTo endReason } }
  }
}`,
    variables: (earlier) => ({
      t: dig(earlier[3], 'correctRelation', 'relationship', 'recordedFrom'),
      source: dig(earlier[0], 'addSource', 'source', 'id'),
    }),
  },
];

/** Replaces instants and sequence numbers by stable placeholders, in order of first appearance. */
function normalise(json: string, names: Map<string, string>): string {
  return json
    .replace(/"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z"/g, (instant) => {
      if (!names.has(instant)) names.set(instant, `"<T${[...names.values()].filter((v) => v.startsWith('"<T')).length + 1}>"`);
      return names.get(instant) ?? instant;
    })
    .replace(/"(seq|currentVersion)": (\d+)/g, (all, key: string, seq: string) => {
      if (key !== 'seq') return all;
      const k = `seq:${seq}`;
      if (!names.has(k)) names.set(k, `"<seq ${[...names.keys()].filter((v) => v.startsWith('seq:')).length + 1}>"`);
      return `"seq": ${names.get(k) ?? seq}`;
    });
}

const HEADER = `# Curation: adding, correcting and retracting what the graph says

Researchers add sources and claims, correct and retract them; nothing is ever deleted. Every mutation is one
write transaction that appends one audited change (\`Change\`: sequence number, time, who, mutation, ids,
before and after, reason, idempotency key), and every relation, sanction and actor version carries the period
in which the graph held it (\`recordedFrom\`, \`recordedTo\`), beside the period in which it was true in the world
(its dates). Current reads see only the live graph, exactly as before; \`recordedAsOf\` reads the graph as it
stood at an instant, on lookups (\`actor\`, \`sanction\`) and traversals (\`Actor.relationships\`,
\`relationships\`, \`paths\`, \`neighbourhood\`), and \`history\` lists every version of a record.

## Keys and roles

Reads are open (unless the server runs with \`READ_ACCESS=key\`); every mutation needs an API key whose role
the field names with \`@requiresRole\`: \`EDITOR\` for the mutations above, \`ADMIN\` for \`mergeActors\` and key
management. A key is created by the command, which prints the token alone on its last line (only its SHA-256
is stored), and sent as \`Authorization: Bearer <token>\`:

\`\`\`sh
TOKEN=$(npm run --silent keys -- create --role editor --name alice | tail -n 1)
curl -s localhost:4000/graphql -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\
  -d '{"query":"mutation { addAlias(input: {actor: \\"sensetime\\", alias: \\"SenseTime Group\\"}) { seq } }"}'
npm run keys -- list
npm run keys -- revoke alice
\`\`\`

Without a key a mutation is \`UNAUTHENTICATED\`, with too low a role \`FORBIDDEN\`; either way it runs no
statement. Every change records the key's name and role (the example above ran with a key of role EDITOR).
JSON Web Tokens of an identity provider are accepted too; docs/access.md says how.

## How writes behave

- **Schema**: the mutations are in schema/curation.graphql (\`addSource\`, \`upsertActor\`, \`addAlias\`,
  \`assertRelation\`, \`recordSanction\`, \`correctRelation\`, \`retractRelation\`, \`correctSanction\`,
  \`retractSanction\`, \`correctActor\`, \`retractActor\`, \`mergeActors\`). Each payload returns the record as
  written, the \`seq\` of the change that wrote it, \`changed\` (false when the graph already said exactly this)
  and \`replayed\`.
- **Validation**: every input mistake is BAD_USER_INPUT with \`extensions.field\` naming the field path
  (\`input.evidence.sentences[1]\`) and \`extensions.expected\`; an id that names nothing is NOT_FOUND; a stale
  \`expectedVersion\` is CONFLICT with \`extensions.currentVersion\`. A refused mutation writes nothing.
- **Idempotency**: every mutation takes \`idempotencyKey\` (or the \`Idempotency-Key\` header; the input wins).
  A retry with the same key and request returns the stored answer and writes nothing, also when the first
  answer was lost after the commit; the same key with another request is BAD_USER_INPUT naming
  \`idempotencyKey\`.
- **Order**: every write takes the change counter's lock first, so writers are serialised, sequence numbers
  have no gaps among committed changes, and a version check cannot race: of two corrections made against the
  same version, exactly one wins.
- **Storage** (docs/model.md): a superseded or retracted relation becomes a \`WAS\` edge with its old type and
  \`recordedTo\`, \`endedBy\`, \`endReason\`; a superseded sanction a \`SanctionVersion\` node (its SANCTIONED
  edges \`WAS\` edges); an actor's previous properties an \`ActorVersion\` node. A retracted actor leaves the live
  graph (\`RetractedActor\`); a merged one (\`mergeActors\`, ADMIN) hands its relations to the actor kept, and its
  id still resolves to it (\`mergedIds\`). An editor merges one way too: \`resolveMatch\` with SAME_AS on a match
  review of an import (schema/review.graphql, docs/import-export.md "Review queue") merges the imported actor
  into one of the review's candidates through the same merge, in one audited change.
- **Reading the past**: with \`recordedAsOf\`, a read holds a record when its recorded period covers the
  instant (\`recordedFrom <= t < recordedTo\`; records older than the audit trail count as recorded since the
  beginning). The traversals follow live edges and \`WAS\` edges alike, filtering a \`WAS\` edge on its stored
  \`type\` against the same allow-list; the actors they return are the versions held then (\`ActorVersion\`, or
  the node, retracted or merged since or not), and an id that named no actor then is NOT_FOUND. These are
  separate statements (\`shortestPathsAsOf<hops>\`, \`neighbourhoodAsOf<hops>\`, \`listRelationshipsAsOf…\`,
  \`relationshipsOfActorAsOf…\`, \`findActorsAsOf\`), chosen only when \`recordedAsOf\` is given, with the same
  number of round trips as the current reads; a cursor is scoped to its instant.
- **The seed** goes through the same door, as the \`system\` principal: \`npm run seed\` after an edit corrects
  or retracts what changed (one change per record) and writes nothing when nothing changed. Records a curator
  corrected are no longer the seed's, and a re-seed leaves them alone. The seed is one folder per source
  (\`seed/sources/<source-id>/\`, docs/model.md "Seed layout"): adding a folder adds its records, removing
  one retracts them.

## A worked example

Produced by \`npm run docs:curation\` against a live server on the seed graph (the script removes what it
wrote afterwards); test/e2e/curation-doc.e2e.test.ts checks that the page is what the server answers today.
Instants and sequence numbers are shown as \`<T1>\`, \`<seq 1>\`, ... in order of appearance.
`;

const FOOTER = `
## The change feed

The audit trail is a query and a stream. \`changes(after, first, target, author)\` pages it in sequence order
(\`target\` keeps the changes that touched an id, \`author\` those of one key); \`recordedBetween(from, to)\`
says what was added, corrected or retracted between two instants, with counts by mutation. The
\`graphChanged(after)\` subscription (graphql-ws on the same port and path) streams each new change once, in
order, from the change log itself, so it sees changes made through any replica; a client that reconnects
passes the last \`seq\` it saw as \`after\` and misses nothing:

\`\`\`graphql
subscription { graphChanged(after: 83) { seq at mutation ids reason principal { name role } } }
\`\`\`

docs/access.md has a complete graphql-ws client that resumes after a cut.
`;

/**
 * Runs every step in order and renders docs/curation.md.
 *
 * @example
 * const page = await renderCurationDoc((query, variables) => post({ query, variables }));
 */
export async function renderCurationDoc(run: RunOperation): Promise<string> {
  const names = new Map<string, string>();
  const answers: unknown[] = [];
  const parts = [HEADER];
  for (const step of STEPS) {
    const variables = step.variables(answers);
    const answer = await run(step.query, variables);
    answers.push(answer);
    // Round trips and cost (extensions of the response) are the server's business, not the example's.
    const { extensions: _extensions, ...shown } = answer as Record<string, unknown>;
    parts.push(
      `\n### ${step.title}\n\n${step.explanation}\n\n\`\`\`graphql\n${step.query}\n\`\`\`\n\nVariables:\n\n\`\`\`json\n${normalise(
        JSON.stringify(variables, null, 2),
        names,
      )}\n\`\`\`\n\nAnswer:\n\n\`\`\`json\n${normalise(JSON.stringify(shown, null, 2), names)}\n\`\`\`\n`,
    );
  }
  parts.push(FOOTER);
  return parts.join('');
}
