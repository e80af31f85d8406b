/**
 * The match review queue without a database (issue 16): what a page asks the repository for, its cursors,
 * and the checks `resolveMatch` makes before it opens a transaction. The real Neo4j runs the rest in
 * test/e2e/review-queue.e2e.test.ts.
 */
import { SYSTEM } from '../../../src/auth/principal.js';
import type { GraphRepository, MatchReviewModel, MatchReviewQuery } from '../../../src/graph/graph-repository.js';
import type { CurationRepository } from '../../../src/graph/repositories/curation-repository.js';
import { toMatchReview } from '../../../src/graph/repositories/match-review-repository.js';
import { matchReviewPage, resolveMatch } from '../../../src/services/review/review-service.js';

function review(id: string, createdSeq: number): MatchReviewModel {
  return {
    id,
    status: 'PENDING',
    imported: { name: id, kind: 'COMPANY', country: null, seriesId: 'fx', recordId: id, sourceId: 'fx@1' },
    importedActorId: `${id}-actor`,
    importedActor: null,
    candidates: [],
    chosenId: null,
    createdSeq,
    createdAt: '2026-12-01T12:00:00.000Z',
    resolvedSeq: null,
    resolvedAt: null,
    resolvedBy: null,
    reason: null,
    version: 1,
  };
}

/** A repository over `all` (in queue order) that records what it was asked. */
function queue(all: readonly MatchReviewModel[]): { repo: GraphRepository; asked: MatchReviewQuery[] } {
  const asked: MatchReviewQuery[] = [];
  const page = (q: MatchReviewQuery) => {
    asked.push(q);
    const after = q.after;
    const rest = after ? all.filter((r) => r.createdSeq > after.createdSeq || (r.createdSeq === after.createdSeq && r.id > after.id)) : all;
    return Promise.resolve({ total: all.length, reviews: rest.slice(0, q.limit) });
  };
  return { repo: { reviews: { page } } as unknown as GraphRepository, asked };
}

async function codeOf(work: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await work;
  } catch (error) {
    return (error as { extensions: Record<string, unknown> }).extensions;
  }
  throw new Error('expected a refusal');
}

describe('matchReviewPage', () => {
  const all = [review('a', 1), review('b', 2), review('c', 2)];

  it('asks for one row more than the page, pending ones by default, and resumes after the cursor', async () => {
    const { repo, asked } = queue(all);
    const first = await matchReviewPage(repo, { first: 2 });
    expect(first.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.totalCount).toBe(3);
    expect(asked[0]).toEqual({ statuses: ['PENDING'], sourceId: null, after: null, limit: 3, candidates: 20 });
    const second = await matchReviewPage(repo, { first: 2, after: first.pageInfo.endCursor });
    expect(second.edges.map((e) => e.node.id)).toEqual(['c']);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect(asked[1]?.after).toEqual({ createdSeq: 2, id: 'b' });
  });

  it('normalises the statuses to the schema order, so equal filters share their cursors', async () => {
    const { repo, asked } = queue(all);
    const page = await matchReviewPage(repo, { status: ['DISTINCT', 'PENDING', 'DISTINCT'], source: 'fx@1', first: 1 });
    expect(asked[0]).toMatchObject({ statuses: ['PENDING', 'DISTINCT'], sourceId: 'fx@1' });
    const again = await matchReviewPage(repo, {
      status: ['PENDING', 'DISTINCT'],
      source: 'fx@1',
      first: 1,
      after: page.pageInfo.endCursor,
    });
    expect(again.edges.map((e) => e.node.id)).toEqual(['b']);
  });

  it('refuses an empty status list, a page size out of range and a cursor of another filter', async () => {
    const { repo } = queue(all);
    expect(await codeOf(matchReviewPage(repo, { status: [] }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    expect(await codeOf(matchReviewPage(repo, { first: 0 }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first', min: 1 });
    const pending = await matchReviewPage(repo, { first: 1 });
    expect(await codeOf(matchReviewPage(repo, { source: 'other', after: pending.pageInfo.endCursor }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'after',
      reason: 'filter',
    });
    expect(await codeOf(matchReviewPage(repo, { after: 'not-a-cursor' }))).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });
});

describe('resolveMatch before its transaction', () => {
  // Any of these refusals must come before a transaction is opened.
  const repo = {
    change: () => Promise.reject(new Error('no transaction should start')),
  } as unknown as CurationRepository;
  const options = { principal: SYSTEM, idempotencyKey: null };

  it('names input.candidate when SAME_AS has none or DISTINCT has one, and input.reason when it is empty', async () => {
    const base = { review: 'review:0123456789abcdef', expectedVersion: 1, reason: 'checked' };
    expect(await codeOf(resolveMatch(repo, options, { ...base, decision: 'SAME_AS' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.candidate',
    });
    expect(await codeOf(resolveMatch(repo, options, { ...base, decision: 'DISTINCT', candidate: 'sensetime' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.candidate',
    });
    expect(await codeOf(resolveMatch(repo, options, { ...base, decision: 'DISTINCT', reason: '  ' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.reason',
    });
  });
});

describe('toMatchReview', () => {
  it('keeps the imported id after a merge moved the REVIEWS edge, and nulls what is not live', () => {
    const mapped = toMatchReview({
      id: 'review:0123456789abcdef',
      status: 'SAME_AS',
      seriesId: 'fx',
      recordId: '7',
      sourceId: 'fx@1',
      name: 'SenseTime Group Limited',
      kind: 'COMPANY',
      country: 'CN',
      createdSeq: 5,
      createdAt: null,
      version: 2,
      resolvedSeq: 9,
      resolvedAt: null,
      resolvedBy: 'curator',
      reason: 'same',
      chosen: 'sensetime',
      mergedId: 'fx-7',
      reviewedId: 'sensetime',
      reviewed: null,
      candidates: [{ rank: 1, score: 0.8, rule: 'LEGAL_FORM', actorId: 'sensetime', actor: null }],
    });
    expect(mapped).toMatchObject({
      importedActorId: 'fx-7',
      importedActor: null,
      chosenId: 'sensetime',
      imported: { name: 'SenseTime Group Limited', country: 'CN', sourceId: 'fx@1' },
      candidates: [{ rank: 1, score: 0.8, rule: 'LEGAL_FORM', actorId: 'sensetime', actor: null }],
    });
  });
});
