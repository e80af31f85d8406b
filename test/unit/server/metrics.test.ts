import { ApiMetrics, MAX_OPERATION_LABELS } from '../../../src/server/metrics.js';

describe('ApiMetrics', () => {
  it('bounds operation-name labels: odd names and names past the cap become "other"', async () => {
    const metrics = new ApiMetrics({ maxPoolSize: 7 });
    const observe = (operationName: string | null): void =>
      metrics.observeOperation({ operationName, durationMs: 1, roundTrips: 1, errorCodes: [] });
    for (let i = 0; i < MAX_OPERATION_LABELS + 50; i += 1) observe(`Op${i}`);
    observe('x-y');
    observe(null);
    const { body } = await metrics.render();
    const operations = [...body.matchAll(/^graphql_operations_total\{operation="([^"]+)"/gm)].map((m) => m[1]);
    expect(new Set(operations).size).toBe(MAX_OPERATION_LABELS + 2);
    expect(body).toMatch(/^graphql_operations_total\{operation="other",outcome="ok"\} 51$/m);
    expect(body).toMatch(/^graphql_operations_total\{operation="anonymous",outcome="ok"\} 1$/m);
    expect(body).toMatch(/^neo4j_pool_max_size 7$/m);
  });

  it('keeps registries apart: two instances do not share counts', async () => {
    const a = new ApiMetrics({ maxPoolSize: 1 });
    const b = new ApiMetrics({ maxPoolSize: 1 });
    a.observeStatement('findActorsByIds');
    expect((await a.render()).body).toMatch(/^neo4j_statements_total\{statement="findActorsByIds"\} 1$/m);
    expect((await b.render()).body).not.toContain('findActorsByIds');
  });
});
