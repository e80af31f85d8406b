import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Where `npm run web:build` writes the explorer and GraphiQL (web/dist, not committed). */
export const WEB_DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web', 'dist');

/**
 * The pages' Content-Security-Policy: scripts, styles, fonts, workers and API calls from this origin
 * only, nothing from any other host, no inline scripts, no eval. GraphiQL's editor (Monaco) writes
 * `<style>` elements at run time and GraphiQL's stylesheet embeds its fonts as data: URLs, so that page
 * alone also gets inline styles and data: fonts (bytes of our own bundle either way).
 */
export function pageContentSecurityPolicy(page: 'explorer' | 'graphiql'): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    page === 'graphiql' ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data: blob:",
    page === 'graphiql' ? "font-src 'self' data:" : "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.js', '.css', '.svg', '.json', '.ttf']);
// Vite's hashed file names: letters, digits, dots, dashes, underscores, one folder level at most.
const ASSET_PATH = /^\/assets\/[\w.-]+\.[a-z0-9]+$/;

interface CachedAsset {
  readonly body: Buffer;
  readonly gzip: Buffer | undefined;
  readonly type: string;
}

/** What {@link createWebHandler} needs. */
export interface WebOptions {
  /** Serve GraphiQL to browsers asking for /graphql (GRAPHIQL). */
  readonly graphiql: boolean;
  /** The built pages; web/dist by default. */
  readonly distDir?: string;
}

/**
 * Serves the explorer at `/`, GraphiQL at `/graphql` to browsers (requests that prefer text/html, when
 * enabled) and their bundled assets at `/assets/*`, each with its own Content-Security-Policy. Returns
 * false for every other request, which the caller goes on to handle.
 *
 * @example
 * const serveWeb = createWebHandler({ graphiql: config.graphiql });
 * if (await serveWeb(req, res, url)) return;
 */
export function createWebHandler(options: WebOptions): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const dist = options.distDir ?? WEB_DIST_DIR;
  // Asset names carry a hash of their content, so a cached copy is never stale.
  const assets = new Map<string, CachedAsset>();

  async function page(req: IncomingMessage, res: ServerResponse, file: string, which: 'explorer' | 'graphiql'): Promise<true> {
    res.setHeader('content-security-policy', pageContentSecurityPolicy(which));
    res.setHeader('cache-control', 'no-cache');
    let html: Buffer;
    try {
      html = await readFile(path.join(dist, file));
    } catch {
      res.statusCode = 503;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('The web pages are not built yet: run `npm run web:build` (`npm start` builds them when missing).\n');
      return true;
    }
    res.statusCode = 200;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(req.method === 'HEAD' ? undefined : html);
    return true;
  }

  async function asset(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    let cached = assets.get(pathname);
    if (!cached) {
      const extension = path.extname(pathname);
      let body: Buffer;
      try {
        body = await readFile(path.join(dist, pathname));
      } catch {
        return false;
      }
      cached = {
        body,
        gzip: COMPRESSIBLE.has(extension) && body.length > 1024 ? gzipSync(body) : undefined,
        type: CONTENT_TYPES[extension] ?? 'application/octet-stream',
      };
      assets.set(pathname, cached);
    }
    res.statusCode = 200;
    res.setHeader('content-type', cached.type);
    res.setHeader('cache-control', 'public, max-age=31536000, immutable');
    res.setHeader('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    res.setHeader('vary', 'accept-encoding');
    const gzip = cached.gzip !== undefined && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (gzip) res.setHeader('content-encoding', 'gzip');
    const body = gzip ? cached.gzip : cached.body;
    res.setHeader('content-length', String(body?.length ?? 0));
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }

  return async (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const pathname = url.pathname;
    if (pathname === '/' || pathname === '/index.html') return page(req, res, 'index.html', 'explorer');
    if (pathname === '/graphql') return options.graphiql && prefersHtml(req) ? page(req, res, 'graphiql.html', 'graphiql') : false;
    if (ASSET_PATH.test(pathname)) return asset(req, res, pathname);
    return false;
  };
}

/**
 * True when a request would rather have HTML than JSON: a browser opening the address (as Apollo
 * Server decides for its landing page). API clients ask for JSON or for anything.
 */
export function prefersHtml(req: IncomingMessage): boolean {
  const accept = String(req.headers.accept ?? '');
  const html = accept.indexOf('text/html');
  if (html === -1) return false;
  const json = Math.min(...['application/json', 'application/graphql-response+json'].map((t) => accept.indexOf(t)).filter((i) => i !== -1));
  return !Number.isFinite(json) || html < json;
}
