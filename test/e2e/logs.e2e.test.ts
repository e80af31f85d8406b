/**
 * Logs cannot be flooded (issue 12, items 7 and 10; RELIABILITY checklist 34): client mistakes are logged
 * at info without stacks, once per distinct code and message per window, with one line counting the rest;
 * unexpected errors keep their full detail (hardening-errors.e2e.test.ts).
 */
import { startTestApp, type TestApp } from '../support/test-app.js';

const BAD_DATE = 'query Roles($d: Date) { actor(id: "china") { roles(asOf: $d) { id } } }';

describe('a flood of client mistakes', () => {
  let h: TestApp;
  beforeAll(async () => {
    // A window longer than any run of this test, so the count below does not depend on machine speed.
    h = await startTestApp({ env: { NODE_ENV: 'production', LOG_CLIENT_ERROR_WINDOW_MS: '600000' }, captureLogs: true });
  });

  it('100 bad-date requests write a bounded number of lines, none with a stack or at error level', async () => {
    for (let i = 0; i < 100; i += 1) {
      const { status, body } = await h.post({ query: BAD_DATE, variables: { d: '2021-02-30' } }, { 'x-request-id': `flood-${i}` });
      expect({ status, code: (body['errors'] as { extensions: { code: string } }[])[0]?.extensions.code }).toEqual({
        status: 400,
        code: 'BAD_USER_INPUT',
      });
    }
    // Stopping the app ends the window: the count of suppressed lines is written then.
    await h.close();
    const errorLines = h.logs.filter((line) => line['msg'] !== 'operation');
    const operationLines = h.logs.filter((line) => line['msg'] === 'operation');
    const bytes = errorLines.reduce((sum, line) => sum + JSON.stringify(line).length + 1, 0);
    process.stdout.write(
      `log flood: 100 bad-date requests -> ${errorLines.length} error lines (${bytes} bytes) and ${operationLines.length} operation lines\n`,
    );
    expect(errorLines.map((line) => [line['level'], line['msg']])).toEqual([
      [30, 'client error'],
      [30, 'errors suppressed'],
    ]);
    expect(errorLines[0]).toMatchObject({ requestId: 'flood-0', code: 'BAD_USER_INPUT' });
    expect(errorLines[1]).toMatchObject({ suppressed: 99, byCode: { BAD_USER_INPUT: 99 } });
    expect(bytes).toBeLessThan(2000);
    expect(JSON.stringify(h.logs)).not.toMatch(/stack/);
    expect(h.logs.filter((line) => (line['level'] as number) >= 50)).toEqual([]);
    // The access log stays one line per request, with the code the client saw.
    expect(operationLines).toHaveLength(100);
    expect(operationLines.every((line) => JSON.stringify(line['errorCodes']) === '["BAD_USER_INPUT"]')).toBe(true);
  });
});
