/**
 * Spec conformance (RELIABILITY checklist 26): graphql-http's server audit against a test instance with
 * introspection on. 0 MUST failures; the warnings are listed (and explained in docs/operations.md).
 */
import { type AuditResult, serverAudits } from 'graphql-http';

import { startTestApp, type TestApp } from '../support/test-app.js';

/** Why an audit did not pass (ok results carry no reason). */
function reasonOf(result: AuditResult): string {
  return 'reason' in result ? result.reason : '';
}

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp({ env: { LOG_LEVEL: 'silent', INTROSPECTION: 'true' }, captureLogs: true });
});
afterAll(() => h.close());

describe('graphql-http server audit', () => {
  it('passes every MUST audit', async () => {
    const audits = serverAudits({ url: h.url, fetchFn: fetch });
    const results = await Promise.all(audits.map(async (audit) => ({ name: audit.name, result: await audit.fn() })));
    const failures = results.filter((r) => r.result.status === 'error').map((r) => `${r.name}: ${reasonOf(r.result)}`);
    const warnings = results.filter((r) => r.result.status === 'warn').map((r) => `${r.name}: ${reasonOf(r.result)}`);
    const ok = results.filter((r) => r.result.status === 'ok').length;
    const notices = results.filter((r) => !['ok', 'warn', 'error'].includes(r.result.status)).map((r) => `${r.result.status} ${r.name}`);
    process.stdout.write(
      `audit: ${results.length} audits, ${ok} ok, ${warnings.length} warnings, ${failures.length} MUST failures\n${warnings.map((w) => `  warn ${w}`).join('\n')}\n${notices.map((n) => `  ${n}`).join('\n')}\n`,
    );
    expect(failures).toEqual([]);
    expect(results.length).toBeGreaterThan(40);
    expect(results.filter((r) => r.name.startsWith('MUST')).every((r) => r.result.status === 'ok')).toBe(true);
  });
});
