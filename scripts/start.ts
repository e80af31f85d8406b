/**
 * `npm start`: builds the web pages when they are missing or stale (once; later starts reuse web/dist),
 * then runs the server (src/main.ts) in this same process, so signals reach it directly.
 */
import { buildWeb } from './build-web.js';

await buildWeb({ ifStale: true });
await import('../src/main.js');
