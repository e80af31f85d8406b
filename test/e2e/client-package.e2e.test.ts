/**
 * The SDK as a front-end team gets it: `npm pack` in client/ gives a tarball with JS, types and the
 * trusted-documents manifest; installed into a scratch project (offline: its two dependencies come from
 * this checkout's node_modules), it type-checks, exports runtime enums, and queries a live server.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { startTestApp, type TestApp } from '../support/test-app.js';

const ROOT = path.resolve('.');
let t: TestApp;
let scratch: string;
let tarball: string;

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'sdk-consumer-'));
  // --ignore-scripts would skip the build; prepack builds dist/ first.
  execFileSync('npm', ['pack', '--pack-destination', scratch, '--silent'], {
    cwd: path.join(ROOT, 'client'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const file = readdirSync(scratch).find((name) => name.endsWith('.tgz'));
  if (!file) throw new Error('npm pack wrote no tarball');
  tarball = path.join(scratch, file);
  t = await startTestApp();
}, 240_000);

afterAll(async () => {
  await t?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the SDK package', () => {
  it('holds the built JS, the types and the manifest, and no sources', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(files).toEqual(
      expect.arrayContaining([
        'package/package.json',
        'package/dist/index.js',
        'package/dist/index.d.ts',
        'package/dist/__generated__/graphql.d.ts',
        'package/dist/__generated__/persisted-documents.json',
        'package/dist/schema.graphql',
        'package/operations/actor.graphql',
      ]),
    );
    expect(files.filter((f) => f.startsWith('package/src/'))).toEqual([]);
  });

  it('installs into a scratch project, type-checks there, and runs against the server', async () => {
    const project = path.join(scratch, 'app');
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({
        name: 'sdk-consumer',
        private: true,
        type: 'module',
        dependencies: {
          '@sanctions-graph/client': `file:${tarball}`,
          graphql: `file:${path.join(ROOT, 'node_modules', 'graphql')}`,
          '@graphql-typed-document-node/core': `file:${path.join(ROOT, 'node_modules', '@graphql-typed-document-node', 'core')}`,
        },
      }),
    );
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', '--install-links', '--silent'], {
      cwd: project,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    writeFileSync(
      path.join(project, 'app.ts'),
      `import { ActorKind, ClaimStatus, documentIdOf, persistedRequestBody, SearchDocument, type SearchQuery } from '@sanctions-graph/client';
import manifest from '@sanctions-graph/client/persisted-documents.json' with { type: 'json' };
import { print } from 'graphql';

declare const process: { argv: string[] };
const url = process.argv[2] ?? '';
const kind: ActorKind = ActorKind.COMPANY;
const response = await fetch(url, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: print(SearchDocument), variables: { text: 'sensetime', first: 1 } }),
});
const { data } = (await response.json()) as { data: SearchQuery };
const hit = data.search[0];
console.log(JSON.stringify({
  id: hit?.actor.id,
  kindMatches: hit?.actor.kind === kind,
  statuses: Object.values(ClaimStatus),
  inManifest: documentIdOf(SearchDocument) in (manifest as Record<string, string>),
  body: Object.keys(persistedRequestBody(SearchDocument, {})).sort(),
}));
`,
    );
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          resolveJsonModule: true,
          noEmit: true,
          skipLibCheck: false,
          types: [],
          lib: ['ES2022', 'DOM'],
        },
        files: ['app.ts'],
      }),
    );
    // The types resolve from the installed package (exports, .d.ts), strictly, library files included.
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    // A deliberate mistake fails to type-check: the types are real, not `any`.
    writeFileSync(
      path.join(project, 'wrong.ts'),
      `import { ActorKind } from '@sanctions-graph/client';\nconst k: ActorKind = 'NOT_A_KIND';\nexport { k };\n`,
    );
    expect(() =>
      execFileSync(
        process.execPath,
        [
          path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
          '--noEmit',
          '--strict',
          '--module',
          'NodeNext',
          '--moduleResolution',
          'NodeNext',
          '--types',
          '',
          path.join(project, 'wrong.ts'),
        ],
        { stdio: 'pipe' },
      ),
    ).toThrow();
    // Asynchronously: the server answering it runs in this process.
    const { stdout: out } = await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'app.ts', t.app.url],
      {
        cwd: project,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(JSON.parse(out.trim().split('\n').at(-1) ?? '{}')).toEqual({
      id: 'sensetime',
      kindMatches: true,
      statuses: expect.arrayContaining(['ASSERTED', 'ALLEGED']) as unknown,
      inManifest: true,
      body: ['documentId', 'extensions', 'operationName', 'variables'],
    });
  });
});
