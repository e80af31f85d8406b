/**
 * Graceful shutdown (RELIABILITY checklist 27): the real server process (src/main.ts) gets SIGTERM while
 * requests are in flight. In-flight requests finish, new connections are refused, the process exits 0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';

import { testEnv } from '../support/test-env.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

const QUERY = JSON.stringify({ query: '{ actor(id: "china") { name } }' });

describe('graceful shutdown', () => {
  it('finishes in-flight requests, refuses new connections, exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const env = testEnv({ PORT: String(port), LOG_LEVEL: 'silent', NODE_ENV: 'production' });
    // NEO4J_URI (set by the global setup) points at the test database, so main.ts starts no Neo4j of its own.
    expect(env['NEO4J_URI']).toMatch(/^bolt:/);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const exit = exited(child);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server not ready in 45 s: ${stderr}`)), 45_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('sanctions-graph ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const url = `http://127.0.0.1:${port}/graphql`;

    // 20 requests whose bodies are still arriving when SIGTERM comes: in flight at the HTTP level. Their
    // headers go out 700 ms before the signal, so even a busy server has accepted them.
    const slowRequest = (): Promise<{ status: number; body: string }> =>
      new Promise((resolve, reject) => {
        const req = http.request(
          url,
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
        setTimeout(() => req.end(QUERY.slice(10)), 2500);
      });
    const inFlight = Array.from({ length: 20 }, slowRequest);
    await new Promise((r) => setTimeout(r, 600));
    // A connection opened before the signal whose request comes 100 ms after it (within SHUTDOWN_SETTLE_MS,
    // 250 ms by default): it is served, not reset.
    const early = net.connect(port, '127.0.0.1');
    await new Promise((r) => early.once('connect', r));
    const lateRequest = new Promise<string>((resolve) => {
      let text = '';
      early.on('data', (c: Buffer) => (text += c.toString()));
      early.on('close', () => resolve(text));
      early.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    early.write(
      `POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(QUERY)}\r\n\r\n${QUERY}`,
    );
    await new Promise((r) => setTimeout(r, 500));

    // New connections are refused while the slow request is still being served.
    const refused = await new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');

    const done = await Promise.all(inFlight);
    expect(done.map((d) => d.status)).toEqual(Array.from({ length: 20 }, () => 200));
    for (const d of done) expect(JSON.parse(d.body)).toMatchObject({ data: { actor: { name: 'China' } } });
    const late = await lateRequest;
    expect(late).toMatch(/^HTTP\/1.1 200/);
    expect(late.toLowerCase()).toContain('connection: close');
    expect(await exit).toBe(0);
  });
});
