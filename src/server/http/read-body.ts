import type { IncomingMessage, ServerResponse } from 'node:http';

import { sendError } from './respond.js';

/** What a client gets when its request body stalls past the idle timeout (the connection closes after it). */
export const BODY_IDLE_MESSAGE = 'The request body stopped arriving; send it without pauses';

/**
 * Reads a JSON body up to `maxBytes`, with at most `idleMs` between chunks; answers 413, 408 or 400 itself
 * and returns undefined then. A body that is not declared JSON is returned as text (Apollo refuses it).
 *
 * @example
 * const body = await readBody(req, res, config.limits.maxBodyBytes, config.http.bodyIdleTimeoutMs);
 * if (body === undefined) return; // answered already
 */
export async function readBody(req: IncomingMessage, res: ServerResponse, maxBytes: number, idleMs: number): Promise<unknown> {
  if (req.method !== 'POST') return null;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    sendError(res, 413, 'BAD_REQUEST', 'Request body too large');
    req.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  // The request timeout bounds the whole body; this bounds each pause, so a stalled body ends sooner.
  let stalled = false;
  const idle = setTimeout(() => {
    stalled = true;
    sendError(res, 408, 'BAD_REQUEST', BODY_IDLE_MESSAGE, { connection: 'close' });
    req.destroy();
  }, idleMs);
  try {
    for await (const chunk of req) {
      idle.refresh();
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        sendError(res, 413, 'BAD_REQUEST', 'Request body too large');
        req.destroy();
        return undefined;
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    // Destroying the request ends the loop with an error; the client has its answer already.
    if (stalled) return undefined;
    throw error;
  } finally {
    clearTimeout(idle);
  }
  if (stalled) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
  const type = req.headers['content-type'] ?? '';
  if (!type.includes('application/json')) return text;
  try {
    return text.length === 0 ? null : (JSON.parse(text) as unknown);
  } catch {
    sendError(res, 400, 'BAD_REQUEST', 'The body is not valid JSON');
    return undefined;
  }
}
