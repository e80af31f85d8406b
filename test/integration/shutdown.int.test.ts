/**
 * Graceful shutdown (RELIABILITY checklist 27): the real server process (src/main.ts) gets SIGTERM while
 * requests are in flight. In-flight requests finish, new connections are refused, the process exits 0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';

import { testEnv } from '../support/test-env.js';

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

const QUERY = JSON.stringify({ query: '{ actor(id: "china") { name } }' });

/** Waits until `check` holds, trying every 20 ms; fails after `timeoutMs` (a bound, not a measurement). */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** One request on a raw keep-alive connection; resolves with the raw response text once it is complete. */
function rawRequest(socket: net.Socket, body: string): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const onData = (c: Buffer): void => {
      text += c.toString();
      const end = text.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(text);
      if (end >= 0 && length && text.length >= end + 4 + Number(length[1])) {
        socket.off('data', onData);
        resolve(text);
      }
    };
    socket.on('data', onData);
    socket.once('close', () => resolve(text || 'closed without an answer'));
    socket.write(
      `POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
}

describe('graceful shutdown', () => {
  it('finishes in-flight requests, refuses new connections, exits 0 on SIGTERM', async () => {
    // Every step below waits on what the server says or does, never on the clock: the settle window is
    // wide so that a loaded machine still delivers the late request inside it.
    const env = testEnv({ PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'production', SHUTDOWN_SETTLE_MS: '3000' });
    // NEO4J_URI (set by the global setup) points at the test database, so main.ts starts no Neo4j of its own.
    expect(env['NEO4J_URI']).toMatch(/^bolt:/);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exit = exited(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Port 0: the server picks a free port and prints it, so no other process can take it in between.
    await until(async () => /sanctions-graph ready at http:\/\/[\d.]+:\d+/.test(stdout), `the server to start: ${stderr}`, 60_000);
    const port = Number(/sanctions-graph ready at http:\/\/[\d.]+:(\d+)/.exec(stdout)?.[1]);
    const base = `http://127.0.0.1:${port}`;

    // 20 requests whose bodies are still arriving when SIGTERM comes: in flight at the HTTP level. Their
    // bodies are finished only after the signal has been handled and new connections are refused.
    const finishers: (() => void)[] = [];
    const slowRequest = (): Promise<{ status: number; body: string }> =>
      new Promise((resolve, reject) => {
        const req = http.request(
          `${base}/graphql`,
          { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(QUERY) } },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.flushHeaders();
        req.write(QUERY.slice(0, 10));
        finishers.push(() => req.end(QUERY.slice(10)));
      });
    const inFlight = Array.from({ length: 20 }, slowRequest);
    const inFlightNow = async (): Promise<number> => {
      const text = await (await fetch(`${base}/metrics`)).text();
      return Number(/^http_requests_in_flight (\d+)/m.exec(text)?.[1] ?? 0);
    };
    // The metrics request itself is in flight while it is answered.
    await until(async () => (await inFlightNow()) >= 21, 'the server to hold the 20 slow requests');

    // A connection opened before the signal whose request comes after it (within SHUTDOWN_SETTLE_MS): it
    // is served, not reset. (An idle keep-alive connection, by contrast, is closed at once: Node's
    // server.close() closes those, and clients retry on a fresh connection.)
    const openNow = async (): Promise<number> => {
      // fetch keeps one pooled connection open, so the count is steady between calls.
      const text = await (await fetch(`${base}/metrics`)).text();
      return Number(/^http_connections_open (\d+)/m.exec(text)?.[1] ?? 0);
    };
    const before = await openNow();
    const early = net.connect(port, '127.0.0.1');
    await new Promise((r) => early.once('connect', r));
    // Accepted by the server, not just by the kernel: otherwise closing the listener would reset it.
    await until(async () => (await openNow()) > before, 'the server to accept the early connection');
    const closed = new Promise<void>((resolve) => early.once('close', () => resolve()));

    child.kill('SIGTERM');
    await until(async () => stdout.includes('shutting down'), 'the server to handle SIGTERM');
    const late = await rawRequest(early, QUERY);
    expect(late).toMatch(/^HTTP\/1.1 200/);
    expect(late.toLowerCase()).toContain('connection: close');
    await closed;

    // New connections are refused while the slow requests are still being served.
    const connectOutcome = (): Promise<string> =>
      new Promise<string>((resolve) => {
        const socket = net.connect(port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
    await until(async () => (await connectOutcome()) === 'ECONNREFUSED', 'new connections to be refused');

    for (const finish of finishers) finish();
    const done = await Promise.all(inFlight);
    expect(done.map((d) => d.status)).toEqual(Array.from({ length: 20 }, () => 200));
    for (const d of done) expect(JSON.parse(d.body)).toMatchObject({ data: { actor: { name: 'China' } } });
    expect(await exit).toBe(0);
  }, 120_000);
});
