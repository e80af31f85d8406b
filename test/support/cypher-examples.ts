/**
 * Representative parameters for every named Cypher statement (src/graph/cypher/index.ts), of the types the
 * repositories send: ids from the seed, ISO date strings, driver integers for LIMIT, level names for the
 * `...AsAsked` projections, rows shaped as the seed loader builds them. The unit snapshot test pins each
 * statement with these; the EXPLAIN test plans each with them, so the planner sees realistic parameter
 * types. A statement family (one per direction, per hop count, per kind) shares one example.
 *
 * When a statement gains or loses a `$param`, test/unit/graph/cypher-statements.test.ts names the
 * statement and the parameter to add here.
 */
import neo4j from 'neo4j-driver';

import {
  ACCESS_SCHEMA,
  CREATE_API_KEY,
  FIND_API_KEY_BY_HASH,
  FIND_API_KEY_BY_NAME,
  LIST_API_KEYS,
  NEXT_CHANGE_SEQ,
  REVOKE_API_KEY,
} from '../../src/graph/cypher/access-cypher.js';
import {
  AGGREGATE_ACTORS,
  COUNT_ACTORS,
  COUNT_SEARCH,
  ENTRIES_OF_LISTS,
  FIND_ACTORS_BY_IDS,
  LIST_ACTORS,
  MENTIONS_OF_ACTORS,
  SEARCH_ACTORS,
} from '../../src/graph/cypher/actor-cypher.js';
import { ALIGNMENT, FOLLOWERS } from '../../src/graph/cypher/alignment-cypher.js';
import {
  CHANGE_HEAD,
  CHANGES_AFTER,
  CHANGES_RECORDED_BETWEEN,
  COUNT_CHANGES_RECORDED_BETWEEN,
} from '../../src/graph/cypher/change-log-cypher.js';
import {
  COMPILED_EXAMPLES,
  COMPILED_SANCTION_EXAMPLES,
  COMPILED_SANCTION_SHAPES,
  COMPILED_SHAPES,
  levelCount,
  levelParam,
  listLevelNumbers,
  listParam,
} from '../../src/graph/cypher/compiled-cypher.js';
import {
  BEGIN_CHANGE,
  CHANGES_BY_KEYS,
  COUNT_CHANGES,
  CREATE_CHANGE_COUNTER,
  CREATE_RELATIONSHIPS,
  CREATE_SANCTIONS,
  FIND_ACTORS_FOR_WRITE,
  FIND_IDEMPOTENCY_RECORD,
  FIND_LIVE_RELATIONSHIPS,
  FIND_SANCTIONS_FOR_WRITE,
  FIND_SOURCE_FOR_WRITE,
  LAST_RELATIONSHIP_VERSIONS,
  LAST_SANCTION_VERSIONS,
  LIVE_RELATIONSHIPS_OF_ACTORS,
  MENTION_ACTORS,
  MERGE_ACTOR_INTO,
  RETIRE_RELATIONSHIPS,
  RETIRE_SANCTIONS,
  RETRACT_ACTORS,
  SEEDED_RECORDS,
  SET_RELATIONSHIP_RECORDS,
  SNAPSHOT_ACTORS,
  WRITE_ACTORS,
  WRITE_CHANGES,
  WRITE_CONTEXT,
  WRITE_SOURCES,
} from '../../src/graph/cypher/curation-cypher.js';
import type { CypherQuery } from '../../src/graph/cypher/cypher-query.js';
import { CONTESTED, DISPUTES_OF_RELATIONSHIPS, MERGE_DISPUTES } from '../../src/graph/cypher/dispute-cypher.js';
import { EXPORT_ACTORS_PAGE, EXPORT_COUNTS, EXPORT_RELATIONSHIPS_PAGE } from '../../src/graph/cypher/export-cypher.js';
import { SANCTIONED_BY, WHO_SANCTIONED } from '../../src/graph/cypher/finding-cypher.js';
import {
  ACTOR_HISTORY,
  FIND_ACTORS_AS_OF,
  FIND_SANCTIONS_AS_OF,
  NEIGHBOURHOOD_AS_OF,
  RELATIONSHIP_HISTORY,
  RELATIONSHIPS_OF_ACTOR_AS_OF,
  SANCTION_HISTORY,
  SHORTEST_PATHS_AS_OF,
} from '../../src/graph/cypher/history-cypher.js';
import {
  CONFIRM_SOURCE_RECORDS,
  END_SOURCE_RECORDS,
  EXISTING_MATCH_REVIEWS,
  FIND_IMPORT_SOURCE,
  RECORDS_FOR_WRITE,
  STORE_MATCH_REVIEWS,
  WRITE_IMPORT_SOURCE,
  WRITE_SOURCE_RECORDS,
} from '../../src/graph/cypher/import-cypher.js';
import { LATEST_EDITION, MATCH_CANDIDATES, SERIES_RECORDS } from '../../src/graph/cypher/match-cypher.js';
import { NEIGHBOURHOOD, SHORTEST_PATHS } from '../../src/graph/cypher/path-cypher.js';
import {
  FIND_RELATIONSHIPS_BY_IDS,
  FIND_RELATIONSHIPS_BY_REFS,
  RELATIONSHIPS_OF_ACTORS,
  RELATIONSHIPS_OF_SOURCES,
} from '../../src/graph/cypher/relationship-cypher.js';
import {
  AGGREGATE_RELATIONSHIPS,
  AGGREGATE_RELATIONSHIPS_AS_OF,
  COUNT_RELATIONSHIPS,
  COUNT_RELATIONSHIPS_AS_OF,
  LIST_RELATIONSHIPS,
  LIST_RELATIONSHIPS_AS_OF,
} from '../../src/graph/cypher/relationship-list-cypher.js';
import { FIND_MATCH_REVIEWS_FOR_WRITE, MATCH_REVIEW_PAGE, RESOLVE_MATCH_REVIEWS } from '../../src/graph/cypher/review-cypher.js';
import {
  AGGREGATE_SANCTIONS,
  COUNT_SANCTIONS,
  FIND_SANCTIONS_BY_IDS,
  LIST_SANCTIONS,
  SANCTIONS_IMPOSED_BY_ACTORS,
  SANCTIONS_OF_SOURCES,
  SANCTIONS_RECEIVED_BY_ACTORS,
} from '../../src/graph/cypher/sanction-cypher.js';
import {
  AWAIT_BASELINE_INDEX,
  CREATE_BASELINE_INDEX,
  DROP_BASELINE_INDEX,
  SEARCH_ACTORS_BASELINE,
} from '../../src/graph/cypher/search-baseline-cypher.js';
import {
  COUNT_GRAPH,
  FIND_SEED_DISPUTES,
  MERGE_ACTORS,
  MERGE_RELATIONSHIPS,
  MERGE_SANCTIONS,
  MERGE_SOURCES,
} from '../../src/graph/cypher/seed-cypher.js';
import { FIND_SOURCES_BY_IDS, LIST_SOURCES } from '../../src/graph/cypher/source-cypher.js';
import { CHANGES_BETWEEN, COUNT_CHANGES_BETWEEN, TIMELINE } from '../../src/graph/cypher/timeline-cypher.js';
import { searchTerms } from '../../src/graph/fulltext-query.js';
import { type ActorKind, type RelationshipType } from '../../src/graph/model.js';
import { relationshipValues } from '../../src/graph/relationship-properties.js';
import { actorProperties } from '../../src/graph/seed-repository.js';

/** The parameters one statement runs with. */
export type ExampleParams = Readonly<Record<string, unknown>>;

const SOURCE = 'article-2021-12-10-sanctions';
const ACTORS = ['us-treasury', 'sensetime'];
const LIMIT = neo4j.int(21);
const AS_OF = '2021-12-10';
const TYPES: readonly RelationshipType[] = ['SANCTIONED', 'LEADS', 'PART_OF'];
const NO_ACTOR_FILTER = {
  kinds: null,
  country: null,
  nameContains: null,
  nameStartsWith: null,
  imposedSanctions: null,
  receivedSanctions: null,
};

/** What traversals follow by default: no INFERRED claims, no undated relations (src/services/edge-filter.ts). */
const STRICT = { includeInferred: false, includeUndated: false };

const table = new Map<string, ExampleParams>();

/** Gives `queries` (one statement or a family) their example; a second example for a name throws. */
function example(queries: CypherQuery | Iterable<CypherQuery>, params: ExampleParams): void {
  for (const query of Symbol.iterator in queries ? queries : [queries]) {
    if (table.has(query.name)) throw new Error(`two examples for ${query.name}`);
    table.set(query.name, params);
  }
}

const values = <T>(record: Readonly<Record<string, T>>): T[] => Object.values(record);

// Actors
example(FIND_ACTORS_BY_IDS, { ids: ACTORS });
example(COUNT_ACTORS, {
  kinds: ['COMPANY', 'GOVERNMENT_BODY'],
  country: 'CN',
  nameContains: 'sense',
  nameStartsWith: null,
  imposedSanctions: null,
  receivedSanctions: true,
});
// First page ascending; a later page descending, from the cursor of the last actor seen.
example(LIST_ACTORS.NAME.ASC, { ...NO_ACTOR_FILTER, fromName: '', afterKey: null, afterId: null, limit: LIMIT });
example(LIST_ACTORS.NAME.DESC, {
  ...NO_ACTOR_FILTER,
  kinds: ['COMPANY'],
  fromName: 'SenseTime',
  afterKey: 'SenseTime',
  afterId: 'sensetime',
  limit: LIMIT,
});
example(LIST_ACTORS.DEGREE.ASC, { ...NO_ACTOR_FILTER, afterKey: null, afterId: null, limit: LIMIT });
// A decoded cursor carries the degree as a JavaScript number.
example(LIST_ACTORS.DEGREE.DESC, { ...NO_ACTOR_FILTER, country: 'US', afterKey: 12, afterId: 'us-treasury', limit: LIMIT });
example(AGGREGATE_ACTORS, { ...NO_ACTOR_FILTER, kinds: ['PERSON', 'STATE'] });
example(SEARCH_ACTORS, { ...searchTerms('SenseTime'), kinds: null, skip: neo4j.int(0), limit: LIMIT, candidates: neo4j.int(200) });
example(COUNT_SEARCH, { query: searchTerms('sanctioned')?.query, kinds: ['ENTITY_GROUP'], candidates: neo4j.int(200) });
example(MENTIONS_OF_ACTORS, { ids: ACTORS, limit: LIMIT });
example(ENTRIES_OF_LISTS, { ids: ['cmic-list'], asOf: AS_OF, limit: LIMIT, ...STRICT });

// Paths
example(SHORTEST_PATHS.values(), {
  from: 'liu-pengyu',
  to: 'us-treasury',
  types: TYPES,
  asOf: null,
  limit: neo4j.int(5),
  ...STRICT,
  actorLevel: 'summary',
  relationshipLevel: 'ref',
});
example(NEIGHBOURHOOD.values(), {
  id: 'sensetime',
  types: TYPES,
  asOf: AS_OF,
  limit: neo4j.int(100),
  edgeLimit: neo4j.int(1000),
  ...STRICT,
  actorLevel: 'full',
  relationshipLevel: 'full',
});

// Relationships
example(
  values(RELATIONSHIPS_OF_ACTORS).flatMap((byCount) => values(byCount)),
  {
    ids: ACTORS,
    types: TYPES,
    asOf: AS_OF,
    after: 'rel-biden-leads-us',
    limit: LIMIT,
    includeInferred: true,
    includeUndated: false,
    actorLevel: 'full',
    relationshipLevel: 'full',
  },
);
// Compiled selections (issue 18): the page parameters of relationshipsOfActors once per level.
for (const [key, query] of Object.entries(COMPILED_EXAMPLES)) {
  const levels = levelCount(COMPILED_SHAPES[key as keyof typeof COMPILED_EXAMPLES]);
  const params: Record<string, unknown> = { ids: ACTORS };
  for (let k = 1; k <= levels; k++)
    Object.assign(params, {
      [levelParam(k, 'types')]: TYPES,
      [levelParam(k, 'asOf')]: k === 1 ? AS_OF : null,
      [levelParam(k, 'after')]: null,
      [levelParam(k, 'limit')]: LIMIT,
      [levelParam(k, 'includeInferred')]: false,
      [levelParam(k, 'includeUndated')]: false,
      [levelParam(k, 'actorLevel')]: k === 1 ? 'summary' : 'ref',
      [levelParam(k, 'relationshipLevel')]: 'ref',
    });
  example(query, params);
}
// Compiled sanction trees: each sanction list level's date and limit (party levels take none).
for (const [key, query] of Object.entries(COMPILED_SANCTION_EXAMPLES)) {
  const params: Record<string, unknown> = { ids: ['sanction-2021-12-10-china-human-rights'] };
  for (const k of listLevelNumbers(COMPILED_SANCTION_SHAPES[key as keyof typeof COMPILED_SANCTION_EXAMPLES]))
    Object.assign(params, { [listParam(k, 'asOf')]: k === 2 ? AS_OF : null, [listParam(k, 'limit')]: LIMIT });
  example(query, params);
}
example(RELATIONSHIPS_OF_SOURCES, { ids: [SOURCE], types: TYPES, limit: LIMIT });
example(FIND_RELATIONSHIPS_BY_IDS, { ids: ['rel-biden-leads-us', 'rel-administration-part-of-us'] });
// Graph-wide relationship queries: "every ALLEGED claim" (all), "what sentence 9 supports" (source),
// one actor's joint actions since a date (actor).
const RELATIONSHIP_FILTER = {
  types: TYPES,
  statuses: null,
  includeInferred: false,
  includeUndated: false,
  minConfidence: null,
  from: null,
  to: null,
  asOf: null,
  timeBases: null,
  source: null,
  sentence: null,
  actor: null,
  joint: null,
};
const RELATIONSHIP_FILTERS = {
  all: { ...RELATIONSHIP_FILTER, statuses: ['ALLEGED'], minConfidence: 0.5, timeBases: ['BOUNDED', 'UNDATED'] },
  source: { ...RELATIONSHIP_FILTER, source: SOURCE, sentence: neo4j.int(9), asOf: AS_OF, includeUndated: true },
  actor: { ...RELATIONSHIP_FILTER, actor: 'united-states', joint: true, from: '2021-01-01', to: AS_OF, includeInferred: true },
} as const;
for (const shape of ['all', 'source', 'actor'] as const) {
  example(LIST_RELATIONSHIPS[shape], {
    ...RELATIONSHIP_FILTERS[shape],
    after: shape === 'all' ? null : 'rel-biden-leads-us',
    limit: LIMIT,
  });
  example(COUNT_RELATIONSHIPS[shape], RELATIONSHIP_FILTERS[shape]);
  example(AGGREGATE_RELATIONSHIPS[shape], RELATIONSHIP_FILTERS[shape]);
}
example(FIND_RELATIONSHIPS_BY_REFS, { refs: [{ id: 'rel-biden-leads-us', fromId: 'joe-biden', toId: 'united-states' }] });

// Sanctions
example(FIND_SANCTIONS_BY_IDS, { ids: ['sanction-2021-12-10-china-human-rights'] });
example([SANCTIONS_IMPOSED_BY_ACTORS, SANCTIONS_RECEIVED_BY_ACTORS], { ids: ACTORS, asOf: AS_OF, limit: LIMIT });
example(SANCTIONS_OF_SOURCES, { ids: [SOURCE], limit: LIMIT });
const SANCTION_FILTER = {
  measure: 'INVESTMENT_BAN',
  program: null,
  from: '2021-01-01',
  to: null,
  joint: false,
  authority: 'us-treasury',
  target: null,
  targetCountry: 'CN',
};
// A later page: after the sanction of the cursor.
example(LIST_SANCTIONS, { ...SANCTION_FILTER, afterDate: AS_OF, afterId: 'sanction-2021-12-10-china-human-rights', limit: LIMIT });
example([COUNT_SANCTIONS, AGGREGATE_SANCTIONS], SANCTION_FILTER);
const FINDINGS = {
  id: 'sensetime',
  asOf: null,
  skip: neo4j.int(0),
  limit: neo4j.int(100),
  includeInferred: false,
  actorLevel: 'summary',
  relationshipLevel: 'ref',
  sanctionLevel: 'full',
};
const FINDING_COUNT = { id: 'china', asOf: AS_OF, includeInferred: false };
for (const distinct of ['ALL', 'AUTHORITY_AND_SANCTION'] as const) {
  // Direct findings have no chain, so nothing undated to include.
  example([WHO_SANCTIONED.direct[distinct].page, SANCTIONED_BY.direct[distinct].page], FINDINGS);
  example([WHO_SANCTIONED.indirect[distinct].page, SANCTIONED_BY.indirect[distinct].page], { ...FINDINGS, includeUndated: false });
  example([WHO_SANCTIONED.direct[distinct].count, SANCTIONED_BY.direct[distinct].count], FINDING_COUNT);
  example([WHO_SANCTIONED.indirect[distinct].count, SANCTIONED_BY.indirect[distinct].count], { ...FINDING_COUNT, includeUndated: true });
}

// Search quality measurement (scripts/search-quality.ts), never run by the API.
example([CREATE_BASELINE_INDEX, DROP_BASELINE_INDEX, AWAIT_BASELINE_INDEX], {});
// API keys and the change log (src/auth/api-keys.ts, change-log-repository.ts).
example([...ACCESS_SCHEMA, NEXT_CHANGE_SEQ, CHANGE_HEAD], {});
example([FIND_API_KEY_BY_HASH], { hash: 'sha256:0000000000000000000000000000000000000000000000000000000000000000' });
example([FIND_API_KEY_BY_NAME], { name: 'curator' });
example(LIST_API_KEYS, { limit: LIMIT });
const keyChange = {
  seq: neo4j.int(7),
  at: '2026-12-01T12:00:00.000Z',
  principal: 'root',
  principalRole: 'ADMIN',
  via: 'api-key',
  ids: ['api-key:curator'],
  before: null,
  after: '{"name":"curator","role":"EDITOR"}',
  reason: 'new curator',
  idempotencyKey: null,
  name: 'curator',
};
example(CREATE_API_KEY, { ...keyChange, role: 'EDITOR', hash: 'sha256:00' });
example(REVOKE_API_KEY, keyChange);
example(CHANGES_AFTER, { after: neo4j.int(0), author: null, target: 'sensetime', limit: LIMIT });
example(CHANGES_RECORDED_BETWEEN, { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z', after: neo4j.int(0), limit: LIMIT });
example(COUNT_CHANGES_RECORDED_BETWEEN, { from: '2026-01-01T00:00:00Z', to: '2027-01-01T00:00:00Z' });
example(SEARCH_ACTORS_BASELINE, { query: searchTerms('SenseTime')?.query, limit: LIMIT });

// Sources
example(FIND_SOURCES_BY_IDS, { ids: [SOURCE] });
example(LIST_SOURCES, { limit: LIMIT });

// Exports: keyset pages of the whole graph (src/graph/repositories/export-repository.ts).
example(EXPORT_ACTORS_PAGE, { after: '', limit: LIMIT });
example(EXPORT_RELATIONSHIPS_PAGE, { afterActor: 'sensetime', afterRelationship: null, limit: LIMIT });
example(EXPORT_COUNTS, {});

// Seed writes: rows shaped as src/graph/seed-repository.ts builds them.
example(COUNT_GRAPH, {});
example(MERGE_SOURCES, {
  rows: [
    {
      id: SOURCE,
      publishedOn: '2021-12-10',
      props: {
        id: SOURCE,
        title: 'US human-rights sanctions of 10 December 2021 (news article)',
        publisher: null,
        publishedOnPrecision: 'DAY',
        publishedOnDerivation: null,
        contentHash: 'sha256:0000000000000000000000000000000000000000000000000000000000000000',
        sentences: ['The Biden administration announced sanctions on dozens of people and entities in China.'],
      },
    },
  ],
});
for (const [kind, query] of Object.entries(MERGE_ACTORS) as [ActorKind, CypherQuery][]) {
  const id = `example-${kind.toLowerCase().replace(/_/g, '-')}`;
  example(query, {
    rows: [
      {
        id,
        sourceId: SOURCE,
        mentions: [2, 10],
        props: actorProperties({ id, kind, name: `Example ${kind}`, aliases: ['Example'], country: 'US', description: null }),
      },
    ],
  });
}
for (const [type, query] of Object.entries(MERGE_RELATIONSHIPS) as [RelationshipType, CypherQuery][]) {
  example(query, {
    rows: [
      {
        id: `rel-example-${type.toLowerCase()}`,
        fromId: 'joe-biden',
        toId: 'united-states',
        p: relationshipValues({
          id: `rel-example-${type.toLowerCase()}`,
          role: 'President',
          topics: [],
          sanctionId: null,
          date: null,
          validFrom: { date: '2021-01-20', precision: 'DAY', derivation: null },
          validTo: null,
          evidence: {
            sourceId: SOURCE,
            sentences: [1],
            claim: 'Joe Biden is President of the United States.',
            confidence: 1,
            status: 'ASSERTED',
          },
        }),
      },
    ],
  });
}
example(MERGE_SANCTIONS, {
  rows: [
    {
      id: 'sanction-2021-12-10-china-human-rights',
      listId: null,
      date: '2021-12-10',
      authorities: [{ actorId: 'biden-administration', sentences: [1] }],
      targets: [{ actorId: 'designated-china-2021-12-10', sentences: [1] }],
      props: {
        id: 'sanction-2021-12-10-china-human-rights',
        measure: 'UNSPECIFIED',
        program: null,
        datePrecision: 'DAY',
        dateDerivation: null,
        reason: 'Human rights violations.',
        reasonStatus: 'ALLEGED',
        note: null,
        joint: false,
        sourceId: SOURCE,
        sentences: [1],
        claim: 'The Biden administration announced sanctions on people and entities in China.',
        confidence: 0.95,
      },
    },
  ],
});
example(MATCH_CANDIDATES, {
  queries: [{ key: 'fx-sensetime', query: 'sensetime^2 OR sensetime~1' }],
  candidates: neo4j.int(10),
});
example(LATEST_EDITION, { seriesId: 'ofac-sdn' });
example(SERIES_RECORDS, { seriesId: 'ofac-sdn', after: '', limit: neo4j.int(5000) });

// The import write step (issue 16)
const IMPORT_AT = neo4j.types.DateTime.fromStandardDate(new Date('2026-12-01T12:00:00.000Z'));
example(WRITE_IMPORT_SOURCE, {
  id: 'ofac-sdn@2021-12-10',
  kind: 'LIST',
  title: 'OFAC Specially Designated Nationals list',
  publisher: 'Office of Foreign Assets Control',
  seriesId: 'ofac-sdn',
  edition: '2021-12-10',
  publishedOn: '2021-12-10',
  fileHash: 'sha256:00',
  format: 'ofac-sdn',
  declaredRecords: 4,
  version: 1,
  seq: 7,
  at: IMPORT_AT,
});
example(FIND_IMPORT_SOURCE, { id: 'ofac-sdn@2021-12-10' });
example(RECORDS_FOR_WRITE, { seriesId: 'ofac-sdn', recordIds: ['90001'] });
example(WRITE_SOURCE_RECORDS, {
  at: IMPORT_AT,
  rows: [
    {
      seriesId: 'ofac-sdn',
      recordId: '90001',
      hash: 'sha256:00',
      edition: '2021-12-10',
      sourceId: 'ofac-sdn@2021-12-10',
      seq: 7,
      sanctionIds: ['sanction-0000000000000000'],
      relationIds: [],
      describes: [{ actorRecordId: '90001', actorId: 'sensetime', score: 1, rule: 'EXACT', matched: true }],
    },
  ],
});
example(CONFIRM_SOURCE_RECORDS, { seriesId: 'ofac-sdn', edition: '2021-12-17', recordIds: ['90001'] });
example(END_SOURCE_RECORDS, { seriesId: 'ofac-sdn', edition: '2021-12-17', endedOn: '2021-12-17', rows: [{ recordId: '90001', seq: 7 }] });
example(STORE_MATCH_REVIEWS, {
  at: IMPORT_AT,
  rows: [
    {
      id: 'review:0000000000000000',
      seriesId: 'ofac-sdn',
      recordId: '90001',
      sourceId: 'ofac-sdn@2021-12-10',
      name: 'Liu Peng',
      kind: 'PERSON',
      country: 'CN',
      actorId: 'liu-pengyu',
      seq: 7,
      candidates: [{ actorId: 'liu-pengyu', score: 0.7, rule: 'SIMILAR_WORDS', rank: 1 }],
    },
  ],
});
example(EXISTING_MATCH_REVIEWS, { ids: ['review:0000000000000000'] });

// World time (issue 20)
const WINDOW = { from: null, to: null, limit: LIMIT };
example(ALIGNMENT.target, { ...WINDOW, target: 'designated-myanmar-2021-12-10', sanction: null, program: null });
example(ALIGNMENT.sanction, { ...WINDOW, sanction: 'sanction-2021-12-10-myanmar-human-rights', program: null, from: '2021-12-01' });
example(ALIGNMENT.program, { ...WINDOW, program: 'SDGT', to: '2021-12-31' });
example(ALIGNMENT.all, WINDOW);
example(FOLLOWERS, { authority: 'united-kingdom', limit: LIMIT });
example(CHANGES_BETWEEN, { from: '2021-12-01', to: '2021-12-31', skip: neo4j.int(0), limit: LIMIT });
example(COUNT_CHANGES_BETWEEN, { from: '2021-12-01', to: '2021-12-31' });
example(TIMELINE, { actorId: 'myanmar', from: null, to: '2021-12-31', limit: LIMIT });
example(CONTESTED.actor, { actor: 'myanmar-military', type: null, limit: LIMIT });
example(CONTESTED.all, { type: 'ALLEGED_FRAUD_IN', limit: LIMIT });
example(values(DISPUTES_OF_RELATIONSHIPS), { ids: ['rel-military-alleged-fraud', 'rel-commission-dismissed-fraud'], limit: LIMIT });
example(MERGE_DISPUTES, {
  rows: [
    {
      id: 'dispute-election-fraud-dismissed',
      props: {
        id: 'dispute-election-fraud-dismissed',
        kind: 'DISMISSAL',
        disputedId: 'rel-military-alleged-fraud',
        disputedFromId: 'myanmar-military',
        disputedToId: 'myanmar-general-election-2020',
        disputingId: 'rel-commission-dismissed-fraud',
        disputingFromId: 'myanmar-electoral-commission',
        disputingToId: 'myanmar-general-election-2020',
        sourceId: SOURCE,
        sentences: [7, 8],
        claim: 'The dismissal disputes the allegation.',
        confidence: 0.9,
        status: 'ASSERTED',
        inferredFrom: null,
      },
      ends: [
        {
          id: 'dispute-election-fraud-dismissed:DISPUTED:myanmar-military',
          actorId: 'myanmar-military',
          role: 'DISPUTED',
          claimId: 'rel-military-alleged-fraud',
        },
      ],
    },
  ],
});

// Curated writes (issue 15): rows as src/graph/repositories/curation-repository.ts builds them.
const AT = neo4j.types.DateTime.fromStandardDate(new Date('2026-12-01T12:00:00.000Z'));
const RECORDED_AS_OF = '2026-12-01T12:00:00.000Z';
const EXAMPLE_RELATIONSHIP = {
  id: 'liu-pengyu-speaks-for-embassy',
  role: 'spokesman',
  topics: [],
  sanctionId: null,
  date: null,
  validFrom: null,
  validTo: null,
  evidence: {
    sourceId: SOURCE,
    sentences: [12],
    claim: 'Liu Pengyu speaks for the embassy.',
    confidence: 0.95,
    status: 'ASSERTED' as const,
  },
};
const RETIRE_ROW = {
  id: 'liu-pengyu-speaks-for-embassy',
  fromId: 'liu-pengyu',
  toId: 'chinese-embassy-washington',
  seq: 7,
  reason: 'CORRECTED',
};
example(BEGIN_CHANGE, {});
example(FIND_IDEMPOTENCY_RECORD, { key: 'example-key' });
example(CREATE_CHANGE_COUNTER, {});
example(WRITE_CONTEXT, { actorIds: ACTORS, sourceIds: [SOURCE], records: [{ source: 'ofac-sdn@2021-12-10', record: '90001' }] });
example(FIND_SOURCE_FOR_WRITE, { id: SOURCE, contentHash: 'sha256:0000000000000000000000000000000000000000000000000000000000000000' });
example(WRITE_SOURCES, {
  at: AT,
  rows: [
    {
      id: 'example-source',
      publishedOn: '2021-12-10',
      version: 1,
      seq: 7,
      props: { id: 'example-source', title: 'Example', publisher: null, url: null, contentHash: 'sha256:00', sentences: ['One.'] },
    },
  ],
});
example(FIND_ACTORS_FOR_WRITE, { ids: ACTORS });
example(SNAPSHOT_ACTORS, { at: AT, rows: [{ id: 'sensetime', seq: 7, reason: 'CORRECTED' }] });
for (const [kind, query] of Object.entries(WRITE_ACTORS) as [ActorKind, CypherQuery][]) {
  const id = `example-${kind.toLowerCase().replace(/_/g, '-')}`;
  example(query, {
    at: AT,
    rows: [
      {
        id,
        version: 1,
        seq: 7,
        seeded: null,
        props: actorProperties({ id, kind, name: `Example ${kind}`, aliases: [], country: 'US', description: null }),
      },
    ],
  });
}
example(MENTION_ACTORS, { rows: [{ actorId: 'sensetime', sourceId: SOURCE, sentences: [2, 3], replace: false }] });
example(RETRACT_ACTORS, { at: AT, rows: [{ id: 'sensetime', seq: 7 }] });
example(MERGE_ACTOR_INTO, { at: AT, keep: 'united-states', merge: 'us-treasury', seq: 7 });
example(FIND_LIVE_RELATIONSHIPS, { ids: ['liu-pengyu-speaks-for-embassy'] });
example(LAST_RELATIONSHIP_VERSIONS, { ids: ['liu-pengyu-speaks-for-embassy'] });
example(LIVE_RELATIONSHIPS_OF_ACTORS, { ids: ACTORS });
for (const [type, query] of Object.entries(CREATE_RELATIONSHIPS) as [RelationshipType, CypherQuery][]) {
  example(query, {
    at: AT,
    rows: [
      {
        fromId: 'liu-pengyu',
        toId: 'chinese-embassy-washington',
        version: 2,
        seq: 7,
        seeded: null,
        p: relationshipValues({ ...EXAMPLE_RELATIONSHIP, id: `rel-example-${type.toLowerCase()}` }),
      },
    ],
  });
}
example(RETIRE_RELATIONSHIPS, { at: AT, rows: [RETIRE_ROW] });
example(Object.values(SET_RELATIONSHIP_RECORDS), {
  rows: [{ id: 'holds-role-in-0000000000000000', fromId: 'liu-pengyu', toId: 'china-embassy-us', records: ['fx-link'] }],
});
example(FIND_SANCTIONS_FOR_WRITE, { ids: ['us-sanctions-sensetime'] });
example(LAST_SANCTION_VERSIONS, { ids: ['us-sanctions-sensetime'] });
example(CREATE_SANCTIONS, {
  at: AT,
  rows: [
    {
      seeded: null,
      listId: null,
      date: '2021-12-10',
      knownFrom: '2021-12-10',
      version: 1,
      seq: 7,
      authorities: [{ actorId: 'us-treasury', sentences: [2], status: 'ASSERTED', confidence: 0.95, inferredFrom: null }],
      targets: [{ actorId: 'sensetime', sentences: [2], status: 'ASSERTED', confidence: 0.95, inferredFrom: null }],
      props: { id: 'example-sanction', measure: 'INVESTMENT_BAN', sourceId: SOURCE, sentences: [2], claim: 'Example.', confidence: 0.95 },
    },
  ],
});
example(RETIRE_SANCTIONS, { at: AT, rows: [{ id: 'example-sanction', seq: 7, reason: 'RETRACTED' }] });
example(SEEDED_RECORDS, {});
example(WRITE_CHANGES, {
  at: AT,
  changes: [
    {
      seq: 7,
      principal: 'anonymous',
      role: null,
      via: 'anonymous',
      mutation: 'assertRelation',
      ids: ['liu-pengyu-speaks-for-embassy'],
      before: null,
      after: '{}',
      reason: null,
      idempotencyKey: 'example-key',
    },
  ],
  idempotency: {
    key: 'example-key',
    principal: 'anonymous',
    mutation: 'assertRelation',
    requestHash: 'sha256:00',
    response: '{}',
    changeSeq: 7,
  },
});
example(COUNT_CHANGES, {});
example(CHANGES_BY_KEYS, { keys: ['example-key'] });
example(RELATIONSHIP_HISTORY, { ids: ['liu-pengyu-speaks-for-embassy'], limit: LIMIT });
example(SANCTION_HISTORY, { ids: ['us-sanctions-sensetime'], limit: LIMIT });
example(ACTOR_HISTORY, { ids: ACTORS, limit: LIMIT });
example(FIND_ACTORS_AS_OF, { ids: ACTORS, recordedAsOf: RECORDED_AS_OF });
example(FIND_SANCTIONS_AS_OF, { ids: ['us-sanctions-sensetime'], recordedAsOf: RECORDED_AS_OF });
example(Object.values(RELATIONSHIPS_OF_ACTOR_AS_OF), {
  id: 'liu-pengyu',
  recordedAsOf: RECORDED_AS_OF,
  types: TYPES,
  asOf: AS_OF,
  ...STRICT,
  after: null,
  limit: LIMIT,
});

// The match review queue (issue 16, review-cypher.ts).
example(MATCH_REVIEW_PAGE, {
  statuses: ['PENDING'],
  source: 'ofac-sdn@2024-01-01',
  afterSeq: 120,
  afterId: 'review:0123456789abcdef',
  limit: LIMIT,
  candidates: neo4j.int(20),
});
example(FIND_MATCH_REVIEWS_FOR_WRITE, { ids: ['review:0123456789abcdef'], candidates: neo4j.int(20) });
example(RESOLVE_MATCH_REVIEWS, {
  at: AT,
  rows: [
    {
      id: 'review:0123456789abcdef',
      version: 1,
      status: 'SAME_AS',
      seq: 7,
      by: 'curator',
      reason: 'the same company',
      chosen: 'sensetime',
    },
  ],
});
example(FIND_SEED_DISPUTES, { ids: ['dispute-election-fraud-dismissed'] });

// The traversals as recorded at an instant (recordedAsOf on paths, neighbourhood and relationships).
example(SHORTEST_PATHS_AS_OF.values(), {
  from: 'liu-pengyu',
  to: 'us-treasury',
  recordedAsOf: RECORDED_AS_OF,
  types: TYPES,
  asOf: null,
  limit: neo4j.int(5),
  ...STRICT,
});
example(NEIGHBOURHOOD_AS_OF.values(), {
  id: 'sensetime',
  recordedAsOf: RECORDED_AS_OF,
  types: TYPES,
  asOf: AS_OF,
  limit: neo4j.int(100),
  edgeLimit: neo4j.int(1000),
  ...STRICT,
});
for (const shape of ['all', 'source', 'actor'] as const) {
  const params = { ...RELATIONSHIP_FILTERS[shape], recordedAsOf: RECORDED_AS_OF };
  example(LIST_RELATIONSHIPS_AS_OF[shape], { ...params, after: shape === 'all' ? null : 'rel-biden-leads-us', limit: LIMIT });
  example(COUNT_RELATIONSHIPS_AS_OF[shape], params);
  example(AGGREGATE_RELATIONSHIPS_AS_OF[shape], params);
}

/** Example parameters by statement name. */
export const EXAMPLE_PARAMS: ReadonlyMap<string, ExampleParams> = table;

/** The `$parameters` a statement's text reads, each once, in order of first use. */
export function parameterNames(query: CypherQuery): string[] {
  return [...new Set([...query.text.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] as string))];
}

/**
 * What is wrong between the statements and the examples, one line each: a statement without example, a
 * `$param` without example value, an example value no statement text reads, an example for no statement.
 */
export function exampleProblems(statements: readonly CypherQuery[], examples: ReadonlyMap<string, ExampleParams>): string[] {
  const problems: string[] = [];
  for (const query of statements) {
    const params = examples.get(query.name);
    if (params === undefined) {
      problems.push(`${query.name}: no example params (add them in test/support/cypher-examples.ts)`);
      continue;
    }
    const used = parameterNames(query);
    for (const name of used) if (!(name in params)) problems.push(`${query.name}: no example value for $${name}`);
    for (const name of Object.keys(params))
      if (!used.includes(name)) problems.push(`${query.name}: example value for $${name}, which the text does not read`);
  }
  const names = new Set(statements.map((q) => q.name));
  for (const name of examples.keys())
    if (!names.has(name)) problems.push(`${name}: example params for a statement the registry does not hold`);
  return problems;
}
