// ESLint flat config: typescript-eslint with type information, import sorting, and the layering rules
// of docs/architecture.md (resolvers never touch the driver; the graph layer never touches GraphQL).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      '.neo4j*/',
      'neo4j/target/',
      '**/__generated__/',
      'client/dist/',
      'bench/results/',
      'web/dist/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'simple-import-sort': simpleImportSort },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'simple-import-sort/imports': 'error',
      'simple-import-sort/exports': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings through src/config/config.ts only.' },
      ],
    },
  },
  {
    files: ['src/config/**', 'test/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  // Floors (docs/architecture.md): server -> resolvers -> services -> graph -> config/errors. Nothing below
  // the server imports it; only src/graph talks to Neo4j; the launcher (neo4j/) is main.ts's alone.
  // test/unit/layering.test.ts checks the same floors on every file, generated ones included.
  {
    files: ['src/server/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'neo4j-driver', message: 'Only src/graph/ talks to Neo4j.' }] }],
    },
  },
  {
    files: ['src/resolvers/**', 'src/services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'neo4j-driver', message: 'Only src/graph/ talks to Neo4j.' }],
          patterns: [{ group: ['**/server/*', '**/neo4j/*'], message: 'Resolvers and services sit below the server and the launcher.' }],
        },
      ],
    },
  },
  {
    files: ['src/graph/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'graphql', message: 'The graph layer knows nothing of GraphQL.' },
            { name: '@apollo/server', message: 'The graph layer knows nothing of GraphQL.' },
          ],
          patterns: [
            {
              group: ['**/server/*', '**/resolvers/*', '**/services/*', '**/neo4j/*', '**/__generated__/*'],
              message: 'The graph layer sits below services, resolvers and the server, and does not start Neo4j.',
            },
          ],
        },
      ],
    },
  },
  {
    // The browser app (web/, its own tsconfig): browser globals and the rules of hooks.
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
