/**
 * `npm start`: builds the web pages when they are missing or stale (once; later starts reuse web/dist),
 * then runs the server (src/main.ts) in this same process, so signals reach it directly. The build runs
 * in a child process: Vite sets process.env.NODE_ENV to production while it builds, which must not
 * become the server's setting.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { webBuildIsFresh } from './build-web.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (!webBuildIsFresh()) {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(ROOT, 'scripts', 'build-web.ts')], {
    stdio: 'inherit',
  });
}
await import('../src/main.js');
