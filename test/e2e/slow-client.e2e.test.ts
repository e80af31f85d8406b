/**
 * Slow clients (issue 12, item 9): a connection that sends its headers or body slowly, or stops, is
 * answered 408 and closed in bounded time, instead of holding a connection for Node's 300 s default.
 * Raw sockets play the client; each test waits for the server to close the socket, bounded by the test
 * timeout.
 */
import net from 'node:net';

import { startTestApp, type TestApp } from '../support/test-app.js';

let h: TestApp;
beforeAll(async () => {
  h = await startTestApp({
    env: {
      LOG_LEVEL: 'silent',
      HTTP_HEADERS_TIMEOUT_MS: '1000',
      HTTP_REQUEST_TIMEOUT_MS: '2000',
      HTTP_BODY_IDLE_TIMEOUT_MS: '1000',
    },
    captureLogs: true,
  });
});
afterAll(() => h.close());

/**
 * Opens a socket to the app, writes `head`, then writes one byte of `trickle` every 100 ms (if given)
 * until the server closes the connection. Resolves with what the server sent and when it closed.
 */
function slowClient(head: string, trickle?: string): Promise<{ received: string; ms: number }> {
  const { hostname, port } = new URL(h.url);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect({ host: hostname, port: Number(port) });
    let received = '';
    let sent = 0;
    let ticker: NodeJS.Timeout | undefined;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
    });
    // Writes after the server closed fail with EPIPE or ECONNRESET; the close event follows.
    socket.on('error', () => undefined);
    socket.once('close', () => {
      clearInterval(ticker);
      resolve({ received, ms: Date.now() - started });
    });
    socket.write(head);
    if (trickle !== undefined) {
      ticker = setInterval(() => {
        if (!socket.destroyed) socket.write(trickle[sent++ % trickle.length] ?? ' ');
      }, 100);
    }
  });
}

const POST_HEAD = 'POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n';

describe('slow clients', () => {
  it('closes a connection whose body trickles in, at the request timeout, with 408', async () => {
    const { received, ms } = await slowClient(POST_HEAD, '{"query":"{ apiVersion }"}');
    process.stdout.write(`slow body (1 byte per 100 ms): closed after ${ms} ms\n`);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  }, 20_000);

  it('closes a connection whose body stops, at the body idle timeout, with 408 and a reason', async () => {
    const { received, ms } = await slowClient(`${POST_HEAD}{"query":`);
    process.stdout.write(`stalled body: closed after ${ms} ms\n`);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(received).toContain('The request body stopped arriving');
    expect(received.toLowerCase()).toContain('connection: close');
  }, 20_000);

  it('closes a connection whose headers trickle in, at the headers timeout, with 408', async () => {
    const { received, ms } = await slowClient('POST /graphql HTTP/1.1\r\nHost: localhost\r\n', 'X-Slow: yes\r\n');
    process.stdout.write(`slow headers (1 byte per 100 ms): closed after ${ms} ms\n`);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  }, 20_000);

  it('still serves a client that sends at a normal pace', async () => {
    const { status, body } = await h.post({ query: '{ apiVersion }' });
    expect({ status, errors: body['errors'] }).toEqual({ status: 200, errors: undefined });
  });
});

describe('slow-client defaults', () => {
  it('are 10 s for headers and 30 s for the whole request', async () => {
    const d = await startTestApp({ env: { LOG_LEVEL: 'silent' }, captureLogs: true });
    try {
      expect({ headers: d.app.server.headersTimeout, request: d.app.server.requestTimeout }).toEqual({ headers: 10_000, request: 30_000 });
    } finally {
      await d.close();
    }
  });
});
