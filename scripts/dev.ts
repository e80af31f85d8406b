/**
 * `npm run dev`: the API (reloading on change, `tsx watch src/main.ts`) and Vite's dev server for the
 * explorer and GraphiQL, proxying /graphql to the API. Open the URL Vite prints.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createServer } from 'vite';

import { getConfig } from '../src/config/config.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = getConfig();
const api = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;

const child = spawn(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'watch', 'src/main.ts'], {
  cwd: ROOT,
  stdio: 'inherit',
});
// Whatever ends this process ends the API with it.
process.on('exit', () => child.kill('SIGTERM'));
const vite = await createServer({
  configFile: path.join(ROOT, 'web', 'vite.config.ts'),
  server: { proxy: { '/graphql': { target: api } } },
});
await vite.listen();
vite.printUrls();
process.stdout.write(`dev: the API runs at ${api}/graphql; the pages above proxy /graphql to it\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  void vite.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => {
  if (!stopping) {
    process.stderr.write(`dev: the API exited (${code ?? 'signal'})\n`);
    stop();
  }
});
