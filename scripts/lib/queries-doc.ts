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
    explanation:
      'Sanctions dated that day, newest first, with their targets and the countries they belong to, as a cursor connection ' +
      '(pass `pageInfo.endCursor` as `after` for the next page; a cursor is refused under another filter). `sanctions` answers the same as a plain list.',
    query: `{
  sanctionsConnection(where: { from: "2021-12-10", to: "2021-12-10" }, first: 3) {
    totalCount
    pageInfo { hasNextPage }
    edges { node { id measure joint authorities { id } targets { name country } } }
  }
}`,
  },
  {
    title: 'Every ALLEGED claim',
    explanation:
      'One graph-wide query: every relationship the article reports as an accusation rather than as fact, by id, with the sentences behind it. ' +
      '`status: [INFERRED]` would list what the article only implies; `totalCount` is counted in the database.',
    query: `{
  relationships(where: { status: [ALLEGED] }) {
    totalCount
    edges { node { type from { name } to { name } topics evidence { sentences claim } } }
  }
}`,
  },
  {
    title: 'Everything sentence 12 supports',
    explanation: 'The relationships citing one sentence of a source (`sentence` needs its `source`).',
    query: `{
  relationships(where: { source: "article-2021-12-10-sanctions", sentence: 12 }) {
    edges { node { type from { name } to { name } role evidence { quotes } } }
  }
}`,
  },
  {
    title: "Who sanctioned China's people and entities, one finding per authority and sanction?",
    explanation:
      'Sanctions on actors located in China, its nationals and its companies reach China with `includeIndirect`, each with the chain that ties the target to it. ' +
      '`distinct: AUTHORITY_AND_SANCTION` folds the chains: the United States once per sanction, by its shortest chain, not also through the administration or the Treasury.',
    query: `{
  whoSanctionedConnection(actorId: "china", includeIndirect: true, distinct: AUTHORITY_AND_SANCTION) {
    totalCount
    edges { node { authority { name } imposedBy { name } targeted { name } targetChain { type } sanction { id measure } } }
  }
}`,
  },
  {
    title: 'What held on 1 February 2021, and what is only bounded or undated?',
    explanation:
      "As of a day, only relationships known to hold on it: the coup of 1 February, not Suu Kyi's leadership it ended. " +
      '`timeBasis` says how each start is known; no seed relation is UNDATED (each has a date, or a bound such as the publication day of the article).',
    query: `{
  held: relationships(where: { asOf: "2021-02-01", types: [LEADS, SEIZED_POWER_IN, OUSTED] }) {
    edges { node { type from { name } to { name } timeBasis date { date } validFrom { date } } }
  }
  bounded: relationships(where: { timeBasis: [BOUNDED] }) { totalCount }
  undated: relationships(where: { timeBasis: [UNDATED] }) { totalCount }
}`,
  },
  {
    title: 'Counts by type, status, kind, country, measure, authority and month',
    explanation:
      'Aggregates are computed in the database, never by loading rows; groups come largest first. ' +
      'Canada and the United Kingdom count as authorities only with status INFERRED.',
    query: `{
  relationships(first: 1) {
    aggregate { count byStatus { status count } byType(first: 5) { type count } }
  }
  actors(first: 1) {
    aggregate { count byKind(first: 4) { kind count } byCountry(first: 4) { country count } }
  }
  sanctionsConnection(first: 1) {
    aggregate {
      count
      byMeasure { measure count }
      byAuthority { authority { id } status count }
      byTargetCountry { country count }
      byMonth { month count }
    }
  }
}`,
  },
  {
    title: 'Who listed the targets of the Myanmar action, and how far behind the first?',
    explanation:
      "`alignment` gives each authority's first listing of each target, with its `lag` behind the first listing " +
      '(exact days when both dates are DAY and DATED; otherwise `minDays`/`maxDays` and a `reason`), its delisting and its evidence. ' +
      'The United Kingdom and Canada joined the United States on the same day, in one joint action: lag 0. ' +
      'Their part is INFERRED (see docs/model.md, "Sanctions as first-class nodes"). docs/model.md, "Alignment and lag", defines the lag.',
    query: `{
  alignment(sanction: "sanction-2021-12-10-myanmar-human-rights", first: 1) {
    target { id }
    firstListed { date precision }
    authorityCount
    listings {
      authority { id }
      listed { date precision }
      timeBasis
      lag { days minDays maxDays reason }
      first
      joint
      sameActionAsFirst
      status
      delisted { date { date } }
      evidence { sentences }
    }
  }
}`,
  },
  {
    title: 'Whom did the United Kingdom follow?',
    explanation:
      "`followers` compares an authority's first listing of each of its targets with every other authority's: those that listed on or before it, " +
      'with how many targets, how many on the same day and in one joint action, and the median of the exact lags.',
    query: `{
  followers(authority: "united-kingdom") {
    leader { id }
    targetCount
    sameDayCount
    jointCount
    exactCount
    medianLagDays
  }
}`,
  },
  {
    title: 'What changed in the world between 1 January and 28 February 2021?',
    explanation:
      '`changesBetween` lists what happened (`date`), began (`validFrom`) and ended (`validTo`, exclusive) in the window, and sanctions imposed and ended, ' +
      "in date order, with counts by kind and type. On 1 February the state of Suu Kyi leading Myanmar ends as the junta's begins. " +
      'Bounds (`noLaterThan`) are not changes in the window, and derived SANCTIONED edges are left to their sanctions.',
    query: `{
  changesBetween(from: "2021-01-01", to: "2021-02-28") {
    totalCount
    countsByType { kind relationshipType count }
    edges {
      node {
        kind
        on { date precision }
        dateField
        relationship { id type from { id } to { id } }
        evidence { sentences }
      }
    }
  }
}`,
  },
  {
    title: 'Which claims are contested?',
    explanation:
      "A `Dispute` links a claim to the claim that disputes it, with its own evidence (the seed article folder's disputes.yaml): the junta's fraud allegation (INFERRED from sentence 7) " +
      "and the former electoral commission's dismissal (sentence 8). Every relationship answers `disputedBy` and `disputes` in one batched statement.",
    query: `{
  contested(actor: "myanmar-military") {
    id
    kind
    disputed { id type from { id } to { id } evidence { status } }
    disputing { id type from { id } to { id } evidence { status } }
    evidence { sentences claim confidence }
  }
  relationships(where: { types: [DISMISSED_ALLEGATION] }) {
    edges { node { id disputes { id disputed { id } } disputedBy { id } } }
  }
}`,
  },
  {
    title: "Myanmar's timeline",
    explanation:
      "`timeline` orders every dated event around an actor, with the precision and derivation of each date and the actor's part in it. " +
      'States the article only reports as holding appear as KNOWN_BY their bound.',
    query: `{
  timeline(actorId: "myanmar") {
    role
    other { id }
    event {
      kind
      on { date precision derivation }
      dateField
      relationship { id type }
      sanction { id }
      evidence { sentences }
    }
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

/**
 * Renders docs/queries.md from live answers, ending with the search-quality section (renderSearchQuality
 * in search-quality.ts measures it on the same graph).
 */
export async function renderQueriesDoc(run: RunQuery, searchQuality: string): Promise<string> {
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
  parts.push(searchQuality);
  return parts.join('\n');
}
