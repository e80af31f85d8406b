// Vite builds the two pages the API serves: the explorer (index.html, served at /) and GraphiQL
// (graphiql.html, served at /graphql to browsers). `npm run dev` runs this config's dev server, which
// proxies /graphql to the API. Everything is bundled: the pages load nothing from other origins.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

const webDir = path.dirname(fileURLToPath(import.meta.url));
const repoDir = path.resolve(webDir, '..');

/** Where the API listens by default; `npm run dev` (scripts/dev.ts) passes the configured address. */
const apiTarget = 'http://127.0.0.1:4000';

export default defineConfig(({ command }) => ({
  root: webDir,
  base: '/',
  // A build is a production build whatever NODE_ENV the shell (or a test runner) has set.
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
  resolve: {
    alias: { '@sanctions-graph/client': path.join(repoDir, 'client', 'src', 'index.ts') },
  },
  oxc: { jsx: { runtime: 'automatic', development: command !== 'build' } },
  build: {
    outDir: path.join(webDir, 'dist'),
    emptyOutDir: true,
    // No data: URIs, so the pages' Content-Security-Policy can allow our own files only.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4096,
    reportCompressedSize: false,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: { explorer: path.join(webDir, 'index.html'), graphiql: path.join(webDir, 'graphiql.html') },
      // GraphiQL's packages mark their modules "use client", which means nothing outside React Server Components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  worker: { format: 'es' },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: false,
    fs: { allow: [repoDir] },
    proxy: {
      '/graphql': {
        target: apiTarget,
        // A browser opening /graphql gets the dev server's GraphiQL page; API calls go to the API.
        bypass: (req) => (req.method === 'GET' && (req.headers.accept ?? '').includes('text/html') ? '/graphiql.html' : undefined),
      },
    },
  },
}));
