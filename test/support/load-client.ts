/**
 * A load generator in its own process, so that its sockets do not share the event loop of the server under
 * test: `node --import tsx test/support/load-client.ts <url> <connections> <requests> <json body>`. Each of
 * `connections` keep-alive connections sends requests one after the other until `requests` have been sent
 * in all; it prints one JSON line: counts by HTTP status and first error code, and how many 503 and 429
 * answers lacked a Retry-After header.
 */
import http from 'node:http';

const [url = '', connectionsArg = '500', requestsArg = '2000', body = '{}'] = process.argv.slice(2);
const connections = Number(connectionsArg);
const total = Number(requestsArg);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });

interface Outcome {
  readonly status: number;
  readonly code: string;
  readonly retryAfter: string | undefined;
}

function post(): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          let code = 'ok';
          try {
            const parsed = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
            code = parsed.errors?.[0]?.extensions?.code ?? 'ok';
          } catch {
            code = 'not-json';
          }
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, code, retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined });
        });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ status: 0, code: error.code ?? 'socket-error', retryAfter: undefined }));
    req.end(body);
  });
}

async function main(): Promise<void> {
  const byOutcome: Record<string, number> = {};
  let sent = 0;
  let missingRetryAfter = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (sent < total) {
        sent += 1;
        const outcome = await post();
        const key = `${outcome.status} ${outcome.code}`;
        byOutcome[key] = (byOutcome[key] ?? 0) + 1;
        if ((outcome.status === 503 || outcome.status === 429) && outcome.retryAfter === undefined) missingRetryAfter += 1;
      }
    }),
  );
  agent.destroy();
  process.stdout.write(`${JSON.stringify({ sent, durationMs: Date.now() - started, byOutcome, missingRetryAfter })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
