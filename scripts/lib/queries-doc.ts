/**
 * The worked research questions of docs/queries.md. `renderQueriesDoc` runs each query against a live
 * server and renders the page with the real output, so the page can be regenerated
 * (`npm run docs:queries`) and checked (test/e2e/queries-doc.e2e.test.ts).
 */

/** Runs one GraphQL operation and returns the parsed JSON response. */
export type RunQuery = (query: string) => Promise<unknown>;

interface Question {
  readonly title: string;
  readonly explanation: string;
  readonly query: string;
}

/** The questions, in page order. */
export const QUESTIONS: readonly Question[] = [
  {
    title: 'Who sanctioned the Myanmar military?',
    explanation:
      'Nobody sanctioned the military itself; the sanctions of 10 December 2021 targeted "Myanmar military entities", which belong to it. ' +
      '`includeIndirect` follows that PART_OF edge and returns the chain with each finding. ' +
      'Canada and the United Kingdom, which the article has join the US without naming their targets, appear only with `includeInferred: true`, as INFERRED.',
    query: `{
  whoSanctioned(actorId: "myanmar-military", includeIndirect: true) {
    authority { name }
    imposedBy { name }
    targeted { name }
    authorityChain { type from { id } to { id } }
    targetChain { type from { id } to { id } evidence { sentences claim } }
    sanction { id joint date { date precision } }
  }
}`,
  },
  {
    title: 'What did the Treasury do to SenseTime, and when?',
    explanation: 'The sanction with its measure, list, date (and how the date was derived) and the sentences behind it.',
    query: `{
  actor(id: "sensetime") {
    name
    sanctionsReceived {
      measure
      authorities { name }
      list { name }
      date { date precision derivation }
      reason
      reasonStatus
      evidence { sentences quotes }
    }
  }
}`,
  },
  {
    title: "The path from the Chinese embassy's spokesman to the Treasury, with the evidence for each hop",
    explanation: 'Shortest paths in either direction of each relationship; each hop carries its source sentences.',
    query: `{
  paths(from: "liu-pengyu", to: "us-treasury", maxHops: 4) {
    length
    actors { name }
    hops {
      direction
      relationship { type from { name } to { name } evidence { sentences claim quotes status } }
    }
  }
}`,
  },
  {
    title: 'Who led Myanmar before and after 1 February 2021?',
    explanation: 'The same traversal as of two dates: the LEADS relationships valid on each day.',
    query: `{
  before: actor(id: "myanmar") {
    relationships(types: [LEADS], direction: INCOMING, asOf: "2021-01-31") {
      edges { other { name } node { role validFrom { date } validTo { date derivation } } }
    }
  }
  after: actor(id: "myanmar") {
    relationships(types: [LEADS], direction: INCOMING, asOf: "2021-02-02") {
      edges { other { name } node { role validFrom { date } validTo { date } } }
    }
  }
}`,
  },
  {
    title: 'Every sanction of 10 December 2021, by target country',
    explanation: 'Sanctions dated that day, newest first, with their targets and the countries they belong to.',
    query: `{
  sanctions(where: { from: "2021-12-10", to: "2021-12-10" }) {
    id
    measure
    joint
    authorities { id }
    targets { name country }
  }
}`,
  },
  {
    title: 'Finding an actor by a misspelt name',
    explanation:
      'Full-text search over names and aliases tolerates case, spacing and small typos. (Each hit also has a relevance `score`.)',
    query: `{
  search(text: "Aung San Su Kyi", first: 3) { actor { id name kind } }
}`,
  },
];

/** Renders docs/queries.md from live answers. */
export async function renderQueriesDoc(run: RunQuery): Promise<string> {
  const parts = [
    '# Research questions, with real answers',
    '',
    'Each query below ran against the seed graph; the output is what the server answered. This page is',
    'generated: `npm run docs:queries` rewrites it and `npm test` fails when it is out of date.',
    '',
  ];
  for (const q of QUESTIONS) {
    const response = (await run(q.query)) as { data?: unknown; errors?: unknown };
    if (response.errors) throw new Error(`query "${q.title}" failed: ${JSON.stringify(response.errors)}`);
    parts.push(
      `## ${q.title}`,
      '',
      q.explanation,
      '',
      '```graphql',
      q.query,
      '```',
      '',
      '```json',
      JSON.stringify({ data: response.data }, null, 2),
      '```',
      '',
    );
  }
  return parts.join('\n');
}
